// `make drift [STACK=a,b] [LOCAL=1]`: synthesizes, plans every stack with a refresh (a few at a time, a
// progress line each) and reports what changed outside Terraform, rating changes to HIPAA controls critical.
// Writes drift/report.json and drift/report.md; exits 0 (no drift), 2 (drift) or 1 (a stack failed to plan).
import * as fs from "fs";
import * as path from "path";
import { synthesizeLandingZone } from "../app";
import { runCli } from "../cli";
import { displayPath, LandingZoneError } from "../config/errors";
import { loadConfig } from "../config/load";
import {
  classifyPlan,
  driftExitCode,
  DriftFinding,
  DriftReport,
  sortFindings,
  stackStatus,
  StackResult,
} from "../deploy/drift/classify";
import { PlanJson } from "../deploy/drift/plan-diff";
import { terminalLines, writeReport } from "../deploy/drift/report";
import { emulatorPaths, portOpen, runningEmulatorPid } from "../deploy/emulator";
import { localApplyPlan } from "../deploy/emulator-gaps";
import { awsAccessFromEnv, DeploymentTarget, localPort } from "../config/target";
import { REPO_ROOT } from "../deploy/terraform-env";
import {
  forEachInDependencyOrder,
  initIfChanged,
  selectStacks,
  stacksInOrder,
  SynthesizedStack,
  terraform,
  terraformOrThrow,
} from "../deploy/terraform";

/** Plans at once: each mostly waits on AWS API calls during its refresh; the CPU cost is loading the provider. */
const DRIFT_CONCURRENCY = 4;
/** The report directory, relative to the repo root, unless --report-dir says otherwise. */
const DEFAULT_REPORT_DIR = "drift";
/** Lines of Terraform's error output kept in the report for a stack that failed to plan. */
const ERROR_LINES = 30;

interface DriftArgs {
  readonly local: boolean;
  readonly stacks: readonly string[];
  readonly reportDir: string;
}

function parseArgs(argv: readonly string[]): DriftArgs {
  let local = false;
  let reportDir = path.join(REPO_ROOT, DEFAULT_REPORT_DIR);
  const stacks: string[] = [];
  for (const arg of argv) {
    if (arg === "--local") local = true;
    else if (arg.startsWith("--report-dir=")) reportDir = path.resolve(arg.slice("--report-dir=".length));
    else if (arg.startsWith("-")) {
      throw new LandingZoneError(
        `make drift: received the option "${arg}"; expected --local, --report-dir=<dir> or stack names`,
      );
    } else stacks.push(arg);
  }
  return { local, stacks, reportDir };
}

/** The local target: the emulator `make local` started, with its state. Refuses to start an empty one. */
async function localTarget(): Promise<{ target: DeploymentTarget; outdir: string }> {
  const port = localPort();
  const paths = emulatorPaths();
  if (runningEmulatorPid(paths) === undefined || !(await portOpen(port))) {
    throw new LandingZoneError(
      `make drift LOCAL=1 checks the landing zone that make local deployed, but no emulator started by make local runs on port ${port} (${displayPath(paths.dir)}). Run make local first.`,
    );
  }
  const target: DeploymentTarget = {
    mode: "local",
    endpoint: `http://127.0.0.1:${port}`,
    stateDir: path.join(paths.dir, "state"),
  };
  return { target, outdir: path.join(paths.dir, "cdktf.out") };
}

/** Plans one stack with a refresh and classifies what the plan found. */
async function checkStack(
  stack: SynthesizedStack,
  local: boolean,
): Promise<{ findings: DriftFinding[]; notChecked: number }> {
  const split = local ? localApplyPlan(stack.dir) : undefined;
  const notChecked = new Set((split?.plannedOnly ?? []).map((r) => r.address));
  // A stack the emulator could apply nothing of (make local skipped it) has no state to compare, and its plan would
  // read upstream outputs the partial applies never wrote: every resource is reported as not checked.
  if (split && split.targets.length === 0 && notChecked.size > 0)
    return { findings: [], notChecked: notChecked.size };
  await initIfChanged(stack.dir, stack.name);
  // -lock=false: a plan never writes state, so the drift role needs no write access to the state bucket.
  const plan = await terraform(stack.dir, [
    "plan",
    "-input=false",
    "-no-color",
    "-lock=false",
    "-detailed-exitcode",
    "-out=drift.tfplan",
  ]);
  if (plan.code === 1) {
    const detail = (plan.stderr || plan.stdout).trim().split("\n").slice(0, ERROR_LINES).join("\n");
    throw new LandingZoneError(detail || "terraform plan failed without output");
  }
  const shown = await terraformOrThrow(stack.dir, ["show", "-json", "drift.tfplan"], `reading the plan`);
  const findings = classifyPlan(stack.name, JSON.parse(shown.stdout) as PlanJson, notChecked);
  return { findings, notChecked: notChecked.size };
}

function describe(result: StackResult): string {
  if (result.status === "error") return `ERROR: ${result.error!.split("\n")[0]}`;
  if (result.status === "clean") return "no drift";
  return `${result.drifted} drifted, ${result.pending} pending`;
}

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const { target, outdir } = args.local
    ? await localTarget()
    : {
        // The pipeline plans as roles.managementPlan, which reaches member accounts only through their read-only
        // plan role; LZ_ACCESS=deploy plans as the deploy role from an administrator's session.
        target: { mode: "aws", access: awsAccessFromEnv(process.env, "plan") } as DeploymentTarget,
        outdir: process.env.CDKTF_OUTDIR ?? path.join(REPO_ROOT, "cdktf.out"),
      };
  synthesizeLandingZone(config, target, outdir);
  const stacks = selectStacks(stacksInOrder(outdir), args.stacks);
  // A report left by an earlier run must never stand in for this one.
  for (const file of ["report.json", "report.md"])
    fs.rmSync(path.join(args.reportDir, file), { force: true });

  const where = target.mode === "local" ? `the emulator at ${target.endpoint}` : "AWS";
  console.log(`drift: planning ${stacks.length} stack(s) against ${where}`);
  const results = new Map<string, StackResult>();
  const findings: DriftFinding[] = [];
  // Plans read state but change nothing, so no stack waits for another.
  const independent = stacks.map((s) => ({ ...s, dependencies: [] }));
  await forEachInDependencyOrder(independent, DRIFT_CONCURRENCY, async (stack) => {
    const started = Date.now();
    let result: StackResult;
    try {
      const checked = await checkStack(stack, args.local);
      findings.push(...checked.findings);
      const drifted = checked.findings.filter((f) => f.kind === "drift").length;
      result = {
        stack: stack.name,
        status: stackStatus(checked.findings),
        drifted,
        pending: checked.findings.length - drifted,
        notChecked: checked.notChecked,
        seconds: (Date.now() - started) / 1000,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = {
        stack: stack.name,
        status: "error",
        drifted: 0,
        pending: 0,
        notChecked: 0,
        error: message,
        seconds: (Date.now() - started) / 1000,
      };
    }
    results.set(stack.name, result);
    console.log(`drift: ${stack.name}: ${describe(result)} (${result.seconds.toFixed(1)}s)`);
  });

  const report: DriftReport = {
    version: 1,
    generatedAt: new Date().toISOString(),
    target: target.mode,
    stacks: stacks.map((s) => results.get(s.name)!),
    findings: sortFindings(findings),
  };
  const written = writeReport(report, args.reportDir);
  console.log(["", ...terminalLines(report)].join("\n"));
  console.log(`Report: ${displayPath(written.markdown)}, ${displayPath(written.json)}`);
  process.exitCode = driftExitCode(report);
});
