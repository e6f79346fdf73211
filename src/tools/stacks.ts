// `npm run --silent stacks [-- --jobs=N]`: the synthesized stacks' names as one JSON array, in dependency order.
// With --jobs=N, at most N comma-joined groups instead: the scheduled drift workflow's matrix (GitHub allows 256
// jobs per matrix), so hundreds of accounts' stacks spread over at most N runners.
import { inScratchSynth } from "../app";
import { runCli } from "../cli";
import { LandingZoneError } from "../config/errors";
import { loadConfig } from "../config/load";
import { stacksInOrder } from "../deploy/terraform";
import { jobGroups } from "./stack-groups";

runCli(() => {
  const jobsArg = process.argv.slice(2).find((a) => a.startsWith("--jobs="));
  const jobs = jobsArg === undefined ? undefined : Number(jobsArg.slice("--jobs=".length));
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 256)) {
    throw new LandingZoneError(
      `--jobs: received "${jobsArg!.slice("--jobs=".length)}"; expected a whole number from 1 to 256 (GitHub's matrix limit)`,
    );
  }
  const names = inScratchSynth(loadConfig(), (outdir) => stacksInOrder(outdir).map((s) => s.name));
  process.stdout.write(`${JSON.stringify(jobs === undefined ? names : jobGroups(names, jobs))}\n`);
});
