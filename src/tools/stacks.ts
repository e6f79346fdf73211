// `npm run --silent stacks [-- [--group=<g>] [--jobs=N] | --changed-since=<ref> [--summary=<file>] |
// --max-parallel]`: the synthesized stacks' names as one JSON array, in dependency order. --group keeps a deploy
// group's stacks; --jobs=N joins them into at most N comma-separated batches (GitHub allows 256 jobs per matrix):
// the drift and release workflows' matrices. --changed-since lists only the stacks the change from <ref> can
// affect (src/deploy/changed-stacks.ts), the pull-request plan's selection, and --summary writes the Markdown
// table of every stack, planned or skipped, and why. --max-parallel prints pipeline.maxParallelDeploys.
import * as fs from "fs";
import * as path from "path";
import { inScratchSynth } from "../app";
import { runCli } from "../cli";
import { LandingZoneError } from "../config/errors";
import { loadConfig } from "../config/load";
import { selectChangedStacks, selectionMarkdown, StackSelection } from "../deploy/changed-stacks";
import { stacksInOrder } from "../deploy/terraform";
import { DEPLOY_GROUPS, jobGroups, stacksOfGroup } from "./stack-groups";
import { SYNTH_TARGETS, synthesizeIn, withRefWorktree } from "./synth-ref";

function option(args: readonly string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
}

/** The selection against `ref`; when the ref cannot be synthesized, every stack, saying why. */
function changedSince(ref: string, headOutdir: string): StackSelection[] {
  try {
    return withRefWorktree(ref, (worktree, scratch) => {
      const baseOutdir = path.join(scratch, "synth");
      synthesizeIn(worktree, baseOutdir, SYNTH_TARGETS.aws);
      return selectChangedStacks(baseOutdir, headOutdir);
    });
  } catch (error) {
    if (!(error instanceof LandingZoneError)) throw error;
    const why = error.message.split("\n")[0];
    return stacksInOrder(headOutdir).map((s) => ({
      stack: s.name,
      plan: true,
      reason: `planned because the base could not be compared (${why})`,
    }));
  }
}

runCli(() => {
  const args = process.argv.slice(2);
  const jobsArg = option(args, "jobs");
  const jobs = jobsArg === undefined ? undefined : Number(jobsArg);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 256)) {
    throw new LandingZoneError(
      `--jobs: received "${jobsArg}"; expected a whole number from 1 to 256 (GitHub's matrix limit)`,
    );
  }
  const ref = option(args, "changed-since");
  const summary = option(args, "summary");
  const group = option(args, "group");
  if (ref !== undefined && (jobs !== undefined || group !== undefined)) {
    throw new LandingZoneError(
      "stacks: received --changed-since with --jobs or --group; expected --changed-since alone",
    );
  }
  const groupNames: readonly string[] = DEPLOY_GROUPS.map((g) => g.name);
  if (group !== undefined && !groupNames.includes(group)) {
    throw new LandingZoneError(`--group: received "${group}"; expected one of: ${groupNames.join(", ")}`);
  }
  const config = loadConfig();
  if (args.includes("--max-parallel")) {
    process.stdout.write(`${config.organization.pipeline.maxParallelDeploys}\n`);
    return;
  }
  const names = inScratchSynth(config, (outdir) => {
    const ordered = stacksInOrder(outdir).map((s) => s.name);
    if (ref === undefined) return group === undefined ? ordered : stacksOfGroup(group, ordered);
    const selection = changedSince(ref, outdir);
    if (summary !== undefined) {
      fs.mkdirSync(path.dirname(path.resolve(summary)), { recursive: true });
      fs.writeFileSync(summary, selectionMarkdown(selection, ref));
    }
    return selection.filter((s) => s.plan).map((s) => s.stack);
  });
  process.stdout.write(`${JSON.stringify(jobs === undefined ? names : jobGroups(names, jobs))}\n`);
});
