// `make test`: lint, format check, type check, then every jest test (the unit tier, then the end-to-end tier). Ends
// with one plain line, `N passed, N failed`, counted from jest's JSON results plus each static check as one
// check; skipped or pending tests are reported and never counted as passed.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../deploy/terraform-env";
import { currentCommit, TierTiming, tierTiming, writeTestTiming } from "./test-timing";

interface JestResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites: number;
  success: boolean;
}

function run(label: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n== ${label}: ${command} ${args.join(" ")}\n`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: REPO_ROOT });
  const ok = result.status === 0;
  process.stdout.write(`== ${label}: ${ok ? "ok" : "FAILED"}\n`);
  return ok;
}

const started = Date.now();
const bin = (name: string) => path.join(REPO_ROOT, "node_modules", ".bin", name);
const checks: Array<[string, boolean]> = [
  ["eslint", run("lint", bin("eslint"), ["."])],
  ["prettier", run("format", bin("prettier"), ["--check", "."])],
  ["tsc", run("typecheck", bin("tsc"), ["--noEmit", "-p", "."])],
];

/**
 * The jest tiers, one run each. Unit suites use both cores (most of them wait on Terraform or a child tool, so two
 * overlap well). End-to-end suites run alone, one file at a time: they apply every stack to a single-process
 * emulator, and with anything heavy beside it on two cores the emulator answers slowly enough that the AWS
 * provider's retries repeat a call that already succeeded: a 409 on a service-linked role with unit suites beside
 * it, and, with two end-to-end files side by side (each on its own emulator, tried 2026-12-06), an
 * AccountAlreadyClosedException in the teardown test's destroy. One trial of two files passed in 2,482 s against
 * 3,103 s; the next failed so, and a tier that fails by load does not land.
 */
const TIERS = [
  { project: "unit", workers: 2 },
  { project: "e2e", workers: 1 },
];

let passed = checks.filter(([, ok]) => ok).length;
let failed = checks.filter(([, ok]) => !ok).length;
let skipped = 0;
let jestOk = true;
const tiers: TierTiming[] = [];
for (const { project, workers } of TIERS) {
  const resultsFile = path.join(REPO_ROOT, ".lz", `jest-results-${project}.json`);
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.rmSync(resultsFile, { force: true });
  const jestArgs = [
    "--selectProjects",
    project,
    "--json",
    `--outputFile=${resultsFile}`,
    `--maxWorkers=${workers}`,
    ...process.argv.slice(2),
  ];
  const tierStarted = Date.now();
  const ok = run(`jest ${project}`, bin("jest"), jestArgs);
  jestOk &&= ok;
  if (fs.existsSync(resultsFile)) {
    tiers.push(tierTiming(project, (Date.now() - tierStarted) / 1000, resultsFile));
    const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as JestResults;
    passed += results.numPassedTests;
    failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
    skipped += results.numPendingTests + results.numTodoTests;
    if (!ok && results.numFailedTests + results.numRuntimeErrorTestSuites === 0) failed += 1;
  } else {
    failed += 1; // jest did not even write results: count the run itself as a failure
  }
}
for (const [name, ok] of checks) if (!ok) process.stdout.write(`static check failed: ${name}\n`);
if (skipped > 0) process.stdout.write(`${skipped} test(s) skipped or todo: not counted as passed\n`);
writeTestTiming({
  date: new Date().toISOString(),
  commit: currentCommit(),
  seconds: (Date.now() - started) / 1000,
  passed,
  failed,
  tiers,
});
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 && jestOk ? 0 : 1;
