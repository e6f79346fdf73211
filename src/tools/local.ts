// `make local`: validates the configuration, starts the local emulator, synthesizes for it and applies every
// stack in dependency order with local state, then prints what exists. Safe to run again: unchanged
// configuration applies as no changes.
import * as fs from "fs";
import * as path from "path";
import { requireWorksOnAws, synthesizeLandingZone } from "../app";
import { runCli } from "../cli";
import { displayPath, LandingZoneError } from "../config/errors";
import { configDir, loadConfig } from "../config/load";
import { syncLedger } from "../config/ledger";
import { suspendedNotices } from "../config/semantic";
import { ensureEmulator, emulatorPaths, seedIdentityStore } from "../deploy/emulator";
import { localPort } from "../config/target";
import { localApplyPlan, PlannedOnlyResource } from "../deploy/emulator-gaps";
import {
  forEachInDependencyOrder,
  stacksInOrder,
  countStateResources,
  initIfChanged,
  selectStacks,
  terraformOrThrow,
} from "../deploy/terraform";

/**
 * Stacks applied at once. Terraform mostly waits on the emulator, so a few overlap well on two cores; more
 * only queue at the emulator's single process.
 */
const LOCAL_CONCURRENCY = 4;

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

/**
 * Plans the stack after its partial apply and checks that exactly the planned-only resources remain: anything
 * else in the plan would be a resource the emulator accepted but reads back differently.
 */
async function confirmPlannedOnly(
  stackDir: string,
  stackName: string,
  expected: readonly PlannedOnlyResource[],
): Promise<void> {
  await terraformOrThrow(
    stackDir,
    ["plan", "-input=false", "-no-color", "-out=local.tfplan"],
    `plan of ${stackName}`,
  );
  const shown = await terraformOrThrow(
    stackDir,
    ["show", "-json", "local.tfplan"],
    `reading the plan of ${stackName}`,
  );
  const plan = JSON.parse(shown.stdout) as {
    resource_changes?: Array<{ address: string; change: { actions: string[] } }>;
  };
  const changing = (plan.resource_changes ?? [])
    .filter((r) => !(r.change.actions.length === 1 && ["no-op", "read"].includes(r.change.actions[0])))
    .map((r) => r.address);
  const wanted = new Set(expected.map((r) => r.address));
  const unexpected = changing.filter((address) => !wanted.has(address));
  if (unexpected.length > 0) {
    throw new LandingZoneError(
      `stack ${stackName}: after the local apply these resources still plan changes, though the emulator supports them:\n  ${unexpected.join("\n  ")}`,
    );
  }
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

runCli(async () => {
  const started = Date.now();
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
  const port = localPort();
  const paths = emulatorPaths();
  const emulator = await ensureEmulator(port, paths);
  const stateDir = path.join(paths.dir, "state");
  if (emulator.started) {
    // A new emulator holds no resources; state from an earlier one would describe things that no longer exist.
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
  fs.mkdirSync(stateDir, { recursive: true });
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
  const stacks = selectStacks(synthesized, process.argv.slice(2));

  const logDir = path.join(paths.dir, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  const summaries = new Map<string, string[]>();
  const plannedOnly = new Map<string, PlannedOnlyResource[]>();
  await forEachInDependencyOrder(stacks, LOCAL_CONCURRENCY, async (stack) => {
    const t = Date.now();
    await initIfChanged(stack.dir, stack.name);
    const split = localApplyPlan(stack.dir);
    const targets = split.targets.map((address) => `-target=${address}`);
    const apply = await withEmulatorHint(paths.logFile, () =>
      terraformOrThrow(
        stack.dir,
        ["apply", "-auto-approve", "-input=false", "-no-color", ...targets],
        `apply of stack ${stack.name} to the emulator`,
      ),
    );
    fs.writeFileSync(path.join(logDir, `${stack.name}.apply.log`), apply.stdout);
    const outcome = /Apply complete! Resources: (\d+) added, (\d+) changed, (\d+) destroyed/.exec(
      apply.stdout,
    );
    const result = outcome
      ? `${outcome[1]} added, ${outcome[2]} changed, ${outcome[3]} destroyed`
      : "no changes";
    if (split.plannedOnly.length > 0) {
      await confirmPlannedOnly(stack.dir, stack.name, split.plannedOnly);
      plannedOnly.set(stack.name, [...split.plannedOnly]);
    }
    const planned = split.plannedOnly.length > 0 ? `, ${split.plannedOnly.length} planned only` : "";
    console.log(`apply: ${stack.name}: ${result}${planned} (${seconds(t)})`);

    const byType = countStateResources(path.join(stateDir, `${stack.name}.tfstate`));
    const total = [...byType.values()].reduce((a, b) => a + b, 0);
    const lines = [`  ${stack.name}: ${total} resources`];
    for (const [type, count] of [...byType].sort()) lines.push(`    ${String(count).padStart(3)} ${type}`);
    summaries.set(stack.name, lines);
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
