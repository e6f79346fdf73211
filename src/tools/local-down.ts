// `make local-down`: stops the local emulator and removes local state, so the next `make local` starts clean.
import * as fs from "fs";
import { runCli } from "../cli";
import { emulatorPaths, stopEmulator } from "../deploy/emulator";

runCli(() => {
  const paths = emulatorPaths();
  const stopped = stopEmulator(paths);
  fs.rmSync(paths.dir, { recursive: true, force: true });
  console.log(`${stopped ? "Stopped the emulator" : "No emulator was running"}; removed ${paths.dir}.`);
});
