// make test's record of its own last run on this machine (.lz/test-timing.json): how long it took, per jest tier
// with its longest file, and the commit it ran at, so `make bench` can set the issue-34 target of `make test`
// beside its floor without running the whole suite again. Written by src/tools/test-all.ts; never read by a test.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../deploy/terraform-env";

/** Where make test writes its timing. */
export const TEST_TIMING_FILE = path.join(REPO_ROOT, ".lz", "test-timing.json");

/** One jest tier's time and its longest file. */
export interface TierTiming {
  readonly project: string;
  readonly seconds: number;
  /** The file that took longest, relative to the repository. */
  readonly longestFile: string;
  readonly longestSeconds: number;
}

/** One make test run. */
export interface TestTiming {
  /** When it finished (ISO 8601). */
  readonly date: string;
  /** The commit it ran at (short), `-dirty` when the tree had changes. */
  readonly commit: string;
  /** Wall time from the first static check to the last line, in seconds (`npm ci` not included). */
  readonly seconds: number;
  readonly passed: number;
  readonly failed: number;
  readonly tiers: readonly TierTiming[];
}

/** A tier's timing from jest's `--json` results file. */
export function tierTiming(project: string, seconds: number, resultsFile: string): TierTiming {
  const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as {
    testResults: Array<{ name: string; startTime: number; endTime: number }>;
  };
  const files = results.testResults.map((r) => ({
    file: path.relative(REPO_ROOT, r.name),
    seconds: (r.endTime - r.startTime) / 1000,
  }));
  const longest = files.reduce((a, b) => (b.seconds > a.seconds ? b : a), { file: "none", seconds: 0 });
  return { project, seconds, longestFile: longest.file, longestSeconds: longest.seconds };
}

/** The short commit of the working tree, `-dirty` when it has changes; "unknown" outside git. */
export function currentCommit(): string {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" });
  if (head.status !== 0) return "unknown";
  const status = spawnSync("git", ["status", "--porcelain"], { cwd: REPO_ROOT, encoding: "utf8" });
  return `${head.stdout.trim()}${status.stdout.trim() === "" ? "" : "-dirty"}`;
}

export function writeTestTiming(timing: TestTiming, file: string = TEST_TIMING_FILE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(timing, null, 2)}\n`);
}

/** The last run's timing, or undefined when make test has not finished here. */
export function readTestTiming(file: string = TEST_TIMING_FILE): TestTiming | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as TestTiming) : undefined;
}
