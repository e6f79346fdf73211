// Where make bootstrap, make preflight and make adopt call: real AWS with the caller's credentials, or with
// LOCAL=1 (--local) the emulator make local uses, started if it is not running.
import * as path from "path";
import { LandingZoneError } from "../config/errors";
import { DeploymentTarget, localPort } from "../config/target";
import { emulatorPaths, ensureEmulator } from "../deploy/emulator";

/** The target for `--local` (the emulator) or real AWS. */
export async function toolTarget(local: boolean): Promise<DeploymentTarget> {
  if (!local) return { mode: "aws" };
  const paths = emulatorPaths();
  const emulator = await ensureEmulator(localPort(), paths);
  return { mode: "local", endpoint: emulator.endpoint, stateDir: path.join(paths.dir, "state") };
}

/** Refuses options a tool does not know, naming the ones it does. */
export function knownOptions(tool: string, args: readonly string[], known: readonly string[]): void {
  const unknown = args.filter((a) => !known.includes(a.split("=")[0]));
  if (unknown.length > 0) {
    throw new LandingZoneError(`${tool}: received the option "${unknown[0]}"; expected ${known.join(", ")}`);
  }
}
