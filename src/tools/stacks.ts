// `npm run --silent stacks [-- --jobs=N]`: the synthesized stacks' names as one JSON array, in dependency order.
// With --jobs=N, at most N comma-joined groups instead: the scheduled drift workflow's matrix (GitHub allows 256
// jobs per matrix), so hundreds of accounts' stacks spread over at most N runners.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesizeLandingZone } from "../app";
import { runCli } from "../cli";
import { LandingZoneError } from "../config/errors";
import { loadConfig } from "../config/load";
import { stacksInOrder } from "../deploy/terraform";
import { jobGroups } from "../deploy/drift";

runCli(() => {
  const jobsArg = process.argv.slice(2).find((a) => a.startsWith("--jobs="));
  const jobs = jobsArg === undefined ? undefined : Number(jobsArg.slice("--jobs=".length));
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 256)) {
    throw new LandingZoneError(
      `--jobs: received "${jobsArg!.slice("--jobs=".length)}"; expected a whole number from 1 to 256 (GitHub's matrix limit)`,
    );
  }
  const config = loadConfig();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-stacks-"));
  try {
    synthesizeLandingZone(config, { mode: "aws" }, outdir);
    const names = stacksInOrder(outdir).map((s) => s.name);
    process.stdout.write(`${JSON.stringify(jobs === undefined ? names : jobGroups(names, jobs))}\n`);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
