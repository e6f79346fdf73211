// `make local`: validates the configuration, starts the local emulator, synthesizes for it and applies every
// stack in dependency order with local state, then prints what exists. Safe to run again: a stack unchanged since
// its last apply against this emulator is not planned again (src/deploy/applied-stacks.ts; `make local REFRESH=1`
// plans every stack), and a run interrupted at any point is finished by the next one.
import * as fs from "fs";
import * as path from "path";
import { requireWorksOnAws, synthesizeLandingZone } from "../app";
import { runCli } from "../cli";
import { displayPath, LandingZoneError } from "../config/errors";
import { configDir, loadConfig } from "../config/load";
import { syncLedger } from "../config/ledger";
import { suspendedNotices } from "../config/semantic";
import { ensureEmulator, emulatorPaths, seedIdentityStore } from "../deploy/emulator";
import { localConcurrency, localPort } from "../config/target";
import { localApplyPlan, PlannedOnlyResource } from "../deploy/emulator-gaps";
import {
  forEachInDependencyOrder,
  stacksInOrder,
  changingAddresses,
  countStateResources,
  initIfChanged,
  selectStacks,
  SynthesizedStack,
  terraform,
  terraformFailure,
  terraformOrThrow,
  TerraformResult,
} from "../deploy/terraform";
import { forgetApplied, FingerprintContext, recordApplied, skipDecision } from "../deploy/applied-stacks";
import { readToolchain } from "../deploy/toolchain";
import {
  alreadyExisting,
  hasOtherErrors,
  Recovered,
  recoveryMessage,
  recoveryImports,
  repairInterruptedStates,
  replacedInState,
  stateAttribute,
  removeRecoveryImports,
  writeRecoveryImports,
} from "../deploy/recover";

/** Adds where to look next to an apply failure: the emulator's own log names an API it lacks. */
async function withEmulatorHint<T>(logFile: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof LandingZoneError)) throw error;
    throw new LandingZoneError(
      `${error.message}\n\nThe emulator's log is ${logFile}. A 404 or 500 there usually means an API moto 5.2.1 lacks; ` +
        "docs/local-emulator.md lists the known gaps and the compatibility patches.",
    );
  }
}

/** Terraform's last line after an apply: imported (only when there were import blocks), added, changed, destroyed. */
const APPLY_SUMMARY =
  /Apply complete! Resources: (?:(\d+) imported, )?(\d+) added, (\d+) changed, (\d+) destroyed/;

/**
 * Applies a stack to the emulator. When its only errors are creates of resources that already exist there (left
 * by an interrupted run, or a retried create whose first answer was lost), imports them into state
 * (src/deploy/recover.ts) and applies once more, so `make local` converges without `make local-down`.
 */
async function applyRecovering(
  stack: SynthesizedStack,
  targets: readonly string[],
): Promise<{ result: TerraformResult; recovered: readonly Recovered[] }> {
  const args = ["apply", "-auto-approve", "-input=false", "-no-color", ...targets];
  const what = `apply of stack ${stack.name} to the emulator`;
  removeRecoveryImports(stack.dir);
  const first = await terraform(stack.dir, args);
  if (first.code === 0) return { result: first, recovered: [] };
  const output = `${first.stderr}\n${first.stdout}`;
  const existing = alreadyExisting(output);
  const imports =
    existing.length > 0 && !hasOtherErrors(output) ? recoveryImports(stack.dir, existing) : undefined;
  if (imports === undefined) throw terraformFailure(stack.dir, args, what, first);
  writeRecoveryImports(stack.dir, imports);
  try {
    const replaced = replacedInState(imports);
    const before = await dropFromState(stack, replaced);
    const result = await terraformOrThrow(stack.dir, args, what);
    // Only a dropped entry's message compares before with after (recoveryMessage).
    const after = before.size > 0 ? await pullState(stack) : undefined;
    return {
      result,
      recovered: imports.map((block) => ({
        block,
        before: before.get(block.to),
        after:
          block.via === undefined || after === undefined ? undefined : stateAttribute(after, block.to, "arn"),
      })),
    };
  } finally {
    removeRecoveryImports(stack.dir);
  }
}

/** The stack's state as Terraform's JSON (`terraform state pull`: no provider starts). */
async function pullState(stack: SynthesizedStack): Promise<string> {
  return (await terraformOrThrow(stack.dir, ["state", "pull"], `state pull of ${stack.name}`)).stdout;
}

/**
 * Removes `addresses` from the stack's state where state holds them (`terraform state rm` refuses an address it
 * does not hold), so an import can bring back the object found in the emulator. Returns the ARN each removed
 * address held.
 */
async function dropFromState(
  stack: SynthesizedStack,
  addresses: readonly string[],
): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  if (addresses.length === 0) return held;
  const state = await pullState(stack);
  for (const address of addresses) {
    const arn = stateAttribute(state, address, "arn");
    if (arn !== undefined) held.set(address, arn);
  }
  if (held.size > 0) {
    await terraformOrThrow(
      stack.dir,
      ["state", "rm", "-no-color", ...held.keys()],
      `state rm in ${stack.name}`,
    );
  }
  return held;
}

/**
 * Plans the stack after its partial apply and checks that exactly the planned-only resources remain: anything
 * else in the plan would be a resource the emulator accepted but reads back differently. The streamed plan
 * (`-json`) names each change, so no `terraform show` (another provider start) is needed.
 */
async function confirmPlannedOnly(
  stackDir: string,
  stackName: string,
  expected: readonly PlannedOnlyResource[],
): Promise<void> {
  const planned = await terraformOrThrow(
    stackDir,
    ["plan", "-input=false", "-no-color", "-json"],
    `plan of ${stackName}`,
  );
  const wanted = new Set(expected.map((r) => r.address));
  const unexpected = changingAddresses(planned.stdout).filter((address) => !wanted.has(address));
  if (unexpected.length > 0) {
    throw new LandingZoneError(
      `stack ${stackName}: after the local apply these resources still plan changes, though the emulator supports them:\n  ${unexpected.join("\n  ")}`,
    );
  }
}

/** `make local REFRESH=1` (`--refresh`): plan every stack, even one unchanged since its last apply. */
const REFRESH_FLAG = "--refresh";

/** The Terraform version `make prereqs` recorded, for the applied-stack fingerprint. */
function terraformVersion(): string {
  return readToolchain().terraform?.version ?? "not recorded";
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

runCli(async () => {
  const started = Date.now();
  // Read first: a bad LZ_LOCAL_PORT or LZ_LOCAL_CONCURRENCY is refused before anything is written or proven.
  const port = localPort();
  const concurrency = localConcurrency();
  const config = loadConfig();
  const shownDir = displayPath(configDir());
  for (const notice of [
    ...suspendedNotices(config, shownDir),
    ...syncLedger(configDir(), config.organization.accounts),
  ]) {
    console.log(`notice: ${notice}`);
  }
  // The emulator enforces no policy: what it would accept, AWS must too.
  await requireWorksOnAws(config, "make local");
  const paths = emulatorPaths();
  const emulator = await ensureEmulator(port, paths);
  const stateDir = path.join(paths.dir, "state");
  if (emulator.started) {
    // A new emulator holds no resources; state from an earlier one would describe things that no longer exist.
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
  fs.mkdirSync(stateDir, { recursive: true });
  for (const { stack, bytes, keptAs, restoredBackup } of repairInterruptedStates(stateDir)) {
    // Its apply record no longer describes its state: the stack is planned and applied again.
    forgetApplied(stateDir, stack);
    console.log(
      `recovered: ${stack}: its state file was cut short by an interrupted run (${bytes} bytes, not a whole state); kept it as ${displayPath(keptAs)} and ${restoredBackup ? "restored the last state saved before that run (its .backup)" : "started from no state (no whole state was saved before that run)"}; a create that finds its resource already there is imported`,
    );
  }
  console.log(
    `emulator: ${emulator.started ? "started" : "already running"} at ${emulator.endpoint} (pid ${emulator.pid})`,
  );

  const groups = config.organization.identityCenter?.groups ?? [];
  if (groups.length > 0) {
    console.log(
      `identity store: ${seedIdentityStore(emulator.endpoint, config.organization.homeRegion, groups)}`,
    );
  }

  // Kept between runs so each stack's `terraform init` is repeated only when its providers or backend change.
  const outdir = path.join(paths.dir, "cdktf.out");
  if (emulator.started) fs.rmSync(outdir, { recursive: true, force: true });
  synthesizeLandingZone(config, { mode: "local", endpoint: emulator.endpoint, stateDir }, outdir);
  const synthesized = stacksInOrder(outdir);
  console.log(`synth: ${synthesized.length} stack(s) in ${seconds(started)}`);
  // `make local STACK=a,b`: apply only these stacks (their dependencies are assumed applied already).
  const args = process.argv.slice(2);
  const refresh = args.includes(REFRESH_FLAG);
  const stacks = selectStacks(
    synthesized,
    args.filter((arg) => arg !== REFRESH_FLAG),
  );
  const fingerprintOf = (targets: readonly string[]): FingerprintContext => ({
    stateDir,
    targets,
    emulator: `${emulator.endpoint} pid ${emulator.pid}`,
    terraformVersion: terraformVersion(),
  });

  const logDir = path.join(paths.dir, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  const summaries = new Map<string, string[]>();
  const plannedOnly = new Map<string, PlannedOnlyResource[]>();
  const stateSummary = (stackName: string): string[] => {
    const byType = countStateResources(path.join(stateDir, `${stackName}.tfstate`));
    const total = [...byType.values()].reduce((a, b) => a + b, 0);
    const lines = [`  ${stackName}: ${total} resources`];
    for (const [type, count] of [...byType].sort()) lines.push(`    ${String(count).padStart(3)} ${type}`);
    return lines;
  };
  await forEachInDependencyOrder(stacks, concurrency, async (stack) => {
    const t = Date.now();
    const split = localApplyPlan(stack.dir);
    const context = fingerprintOf(split.targets);
    const decision = refresh ? undefined : skipDecision(stack, context);
    if (decision?.skip) {
      console.log(
        `apply: ${stack.name}: unchanged since its apply at ${decision.appliedAt}, not planned (REFRESH=1 plans it) (${seconds(t)})`,
      );
      if (split.plannedOnly.length > 0) plannedOnly.set(stack.name, [...split.plannedOnly]);
      summaries.set(stack.name, stateSummary(stack.name));
      return;
    }
    if (split.targets.length === 0 && split.plannedOnly.length > 0) {
      // Everything here waits on a gap (the hub's segments accept attachments moto cannot make): there is nothing
      // to apply, and a plan would read upstream outputs the partial applies never wrote. terraform validate in the
      // unit tier checks its configuration.
      plannedOnly.set(stack.name, [...split.plannedOnly]);
      recordApplied(stack, context);
      console.log(
        `apply: ${stack.name}: nothing the emulator can apply, ${split.plannedOnly.length} planned only (${seconds(t)})`,
      );
      summaries.set(stack.name, stateSummary(stack.name));
      return;
    }
    forgetApplied(stateDir, stack.name);
    await initIfChanged(stack.dir, stack.name);
    const targets = split.targets.map((address) => `-target=${address}`);
    const { result: apply, recovered } = await withEmulatorHint(paths.logFile, () =>
      applyRecovering(stack, targets),
    );
    for (const recovery of recovered) console.log(recoveryMessage(stack.name, recovery));
    fs.writeFileSync(path.join(logDir, `${stack.name}.apply.log`), apply.stdout);
    const outcome = APPLY_SUMMARY.exec(apply.stdout);
    const result = outcome
      ? `${outcome[2]} added, ${outcome[3]} changed, ${outcome[4]} destroyed${outcome[1] ? `, ${outcome[1]} imported` : ""}`
      : "no changes";
    if (split.plannedOnly.length > 0) {
      // An apply that changed nothing has just planned every applied resource as unchanged, so a second plan
      // could only repeat the planned-only list (terraform validate in the unit tier checks their configuration);
      // skipping it saves a plan's five provider starts per stack on every unchanged run.
      const changedSomething = outcome !== null && outcome.slice(1).some((n) => n !== undefined && n !== "0");
      if (changedSomething) await confirmPlannedOnly(stack.dir, stack.name, split.plannedOnly);
      plannedOnly.set(stack.name, [...split.plannedOnly]);
    }
    const planned = split.plannedOnly.length > 0 ? `, ${split.plannedOnly.length} planned only` : "";
    recordApplied(stack, context);
    console.log(`apply: ${stack.name}: ${result}${planned} (${seconds(t)})`);
    summaries.set(stack.name, stateSummary(stack.name));
  });
  fs.writeFileSync(
    path.join(paths.dir, "planned-only.json"),
    `${JSON.stringify(Object.fromEntries(plannedOnly), null, 2)}\n`,
  );
  const summary = stacks.flatMap((stack) => summaries.get(stack.name) ?? []);
  const plannedLines = [...plannedOnly].flatMap(([stack, resources]) => {
    const byReason = new Map<string, number>();
    for (const r of resources) {
      const key = r.reason.startsWith("depends on")
        ? `${r.type} (depends on a resource above)`
        : `${r.type}: ${r.reason}`;
      byReason.set(key, (byReason.get(key) ?? 0) + 1);
    }
    return [`  ${stack}:`, ...[...byReason].sort().map(([key, n]) => `    ${String(n).padStart(3)} ${key}`)];
  });

  const region = config.organization.homeRegion;
  console.log(
    [
      "",
      `Local landing zone "${config.organization.name}" is up (${seconds(started)}). What exists in the emulator:`,
      ...summary,
      plannedLines.length === 0
        ? "Planned but not applied locally (the emulator lacks the API): none"
        : "Planned but not applied locally (the emulator lacks the API; they apply on AWS):",
      ...plannedLines,
      `  (details: ${path.relative(process.cwd(), path.join(paths.dir, "planned-only.json"))})`,
      "",
      "Inspect it:",
      `  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url ${emulator.endpoint} --region ${region} organizations list-accounts`,
      `  boto3: boto3.client("organizations", endpoint_url="${emulator.endpoint}", region_name="${region}", aws_access_key_id="test", aws_secret_access_key="test")`,
      "Stop it and remove local state: make local-down",
    ].join("\n"),
  );
});
