// `make vend NAME= EMAIL= OU= ENV=` (or `npm run vend -- --name ... --email ...`): adds an account to the
// configuration as a reviewable change, after checking everything, and prints the unified diff of the files it
// writes, the offline plan of what changes, each key policy's changed statements and why each other stack changes.
// On any problem it writes nothing (164.308(a)(4) access management: accounts exist only through review).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { Worker } from "worker_threads";
import { inScratchSynth, StackSelection, vendSelection } from "../app";
import { runCli } from "../cli";
import { ConfigError, displayPath, LandingZoneError } from "../config/errors";
import { configDir } from "../config/load";
import { dataClassificationOf, expandAssignments, guardrailAttachments, ROOT_TARGET } from "../config/model";
import { AccountConfig, LandingZoneConfig } from "../config/schema";
import { applyVend, editDiff, plannedLine, planVend, VendRequest } from "../config/vend";
import { offlinePlan, readSynthesizedResources, resolvedSide, ResolvedSide } from "../deploy/synth-diff";
import { requireVerified, synthesizedModel } from "../verify/gate";
import { placeholderNamer } from "../verify/placeholder-names";
import { EC2_DECLARATIVE_POLICY_NAME } from "../policies/ec2-declarative-policy";

const USAGE =
  "usage: make vend NAME=<name> EMAIL=<email> OU=<ou path> ENV=<environment> " +
  "[OWNER=<team>] [COST_CENTER=<id>] [DATA_CLASSIFICATION=phi|non-phi] [TAGS=key=value,...] [SEGMENT=<segment>] [DRY_RUN=1]\n" +
  "   or: npm run vend -- --name <name> --email <email> --ou <ou path> --env <environment> " +
  "[--owner <team>] [--cost-center <id>] [--data-classification phi|non-phi] [--tags key=value,...] [--segment <segment>] [--dry-run]\n" +
  "   SEGMENT (prod, non-prod, shared) with an ENV not yet configured creates that environment, its VPC's range the next free one of the segment's pool (network.ipam.pools)";

/** A synth running on a worker thread: each synth is one core's work, and this thread has its own to do. */
interface WorkerSynth {
  /** Resolves to the scratch directory synthesized into (the caller removes it); rejects if the synth fails. */
  readonly outdir: Promise<string>;
  /** Stops it (a refusal does not wait for a synth it no longer needs). */
  readonly stop: () => void;
}

/**
 * Synthesizes `config` for AWS on a worker thread, every stack or with `selection` only those it selects, as
 * inScratchSynth does on this one. The worker inherits this process's TypeScript loader (src/tools/register.js,
 * in execArgv), so it runs the app's own synthesizeLandingZone; `config` and `selection` reach it as copies.
 */
function synthesizeOnWorker(config: LandingZoneConfig, selection?: StackSelection): WorkerSynth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-vend-"));
  const worker = new Worker(
    'const { workerData: w } = require("worker_threads");\n' +
      'require(w.app).synthesizeLandingZone(w.config, { mode: "aws" }, w.outdir, w.selection);',
    { eval: true, workerData: { app: require.resolve("../app"), config, outdir, selection } },
  );
  const done = new Promise<string>((resolve, reject) => {
    let failure: Error | undefined;
    worker.on("error", (error) => (failure = error));
    worker.on("exit", (code) => {
      if (code === 0 && !failure) return resolve(outdir);
      fs.rmSync(outdir, { recursive: true, force: true });
      reject(
        new LandingZoneError(`synthesizing the configuration failed: ${failure?.message ?? `exit ${code}`}`),
      );
    });
  });
  // A rejection nobody awaits (the command failed first and stopped it) is not an unhandled one.
  done.catch(() => undefined);
  return { outdir: done, stop: () => void worker.terminate() };
}

/** Reads a synthesized directory of `config` into one side of the plan. */
function sideOf(config: LandingZoneConfig, outdir: string): ResolvedSide {
  const model = synthesizedModel(config, outdir);
  return resolvedSide(readSynthesizedResources(outdir), model, placeholderNamer(model));
}

/** Reads what a worker synthesized, and removes its directory. */
async function fromWorker<T>(synth: WorkerSynth, read: (outdir: string) => T): Promise<T> {
  const outdir = await synth.outdir;
  try {
    return read(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function parseRequest(argv: string[]): { request: VendRequest; dryRun: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        name: { type: "string" },
        email: { type: "string" },
        ou: { type: "string" },
        env: { type: "string" },
        owner: { type: "string" },
        "cost-center": { type: "string" },
        "data-classification": { type: "string" },
        tags: { type: "string" },
        segment: { type: "string" },
        "dry-run": { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new LandingZoneError(`${(error as Error).message}\n${USAGE}`);
  }
  const v = parsed.values;
  const blank = (s: string | undefined) => (s === undefined || s === "" ? undefined : s);
  const missing = (
    [
      ["NAME", v.name],
      ["EMAIL", v.email],
      ["OU", v.ou],
      ["ENV", v.env],
    ] as const
  )
    .filter(([, value]) => blank(value) === undefined)
    .map(([flag]) => flag);
  if (missing.length > 0) throw new LandingZoneError(`make vend: missing ${missing.join(", ")}\n${USAGE}`);
  return {
    request: {
      name: v.name!,
      email: v.email!,
      ou: v.ou!,
      environment: v.env!,
      owner: blank(v.owner),
      costCenter: blank(v["cost-center"]),
      dataClassification: blank(v["data-classification"]),
      tags: blank(v.tags),
      segment: blank(v.segment),
    },
    dryRun: v["dry-run"] === true,
  };
}

function addedLines(before: string, after: string): { count: number; afterLine: number } {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  return { count: b.length - a.length, afterLine: start };
}

/** What the new account gets and where it sits, from the configuration alone. */
function printWhatItGets(after: LandingZoneConfig, account: AccountConfig): void {
  const ouChain = account.ou.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"));
  const scps = guardrailAttachments(after.organization)
    .filter((a) => a.targets.some((t) => t === ROOT_TARGET || ouChain.includes(t)))
    .map((a) => a.policy);
  const access = expandAssignments(after.organization)
    .filter((a) => a.account === account.name)
    .map((a) => `${a.group} -> ${a.permissionSet}`);
  console.log("\nWhat the account gets, with no other file edited:");
  console.log(`  SCPs of ${account.ou} and above: ${scps.join(", ") || "(none)"}`);
  console.log(
    `  ${EC2_DECLARATIVE_POLICY_NAME} on Root: IMDSv2 by default, no public AMIs or snapshots, no serial console`,
  );
  console.log(
    `  baseline-${account.name}: EBS encryption by default, S3 public access block, ` +
      "IAM password policy, Config recorder in every governed region",
  );
  console.log(
    "  GuardDuty, Security Hub and Macie membership through the organization configuration (auto-enable)",
  );
  console.log(`  Identity Center: ${access.join(", ") || "(no assignment covers it)"}`);
  console.log("\nPlace in the organization:");
  console.log(`  ${ROOT_TARGET}`);
  ouChain.forEach((ou, i) => console.log(`  ${"   ".repeat(i)}└─ ${ou.split("/").pop()}`));
  const pad = "   ".repeat(ouChain.length);
  for (const a of after.organization.accounts.filter((x) => x.ou === account.ou)) {
    console.log(`  ${pad}${a.name === account.name ? "+ " : "  "}${a.name}`);
  }
}

runCli(async () => {
  const started = Date.now();
  const { request, dryRun } = parseRequest(process.argv.slice(2));
  const dir = configDir();
  let plan;
  try {
    plan = planVend(request, dir);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new LandingZoneError(
        `${error.message}\nNothing was written. Fix the above and run make vend again.`,
      );
    }
    throw error;
  }
  const { after, account } = plan;
  const environment = after.environments.find((e) => e.name === request.environment)!;
  const classification = dataClassificationOf(after, account);
  console.log(
    `vend: ${account.name} <${account.email}> into ${account.ou}, environment ${environment.name} (${classification}): checked`,
  );
  const created = plan.newEnvironment;
  if (created)
    console.log(
      `vend: environment ${created.name} is new: its VPC takes ${created.cidr}, the next free range of the ${created.segment} pool of ${created.pool.region} (${created.pool.cidr})`,
    );

  console.log(`\nThe configuration change make vend ${dryRun ? "would write" : "writes"}:`);
  for (const edit of plan.edits) for (const line of editDiff(edit)) console.log(`  ${line}`);

  // The plan compares only the stacks a vend can change (vendSelection: every stack but the other accounts'
  // baselines; test/tools/vend-selection.test.ts proves no other stack changes), the configuration as it is on a
  // worker and as it would be here, at once. The access proofs below judge every stack of the new configuration:
  // that synth starts on a worker as soon as the plan's are done, and runs while the plan is printed.
  const selection = vendSelection(after, account.name);
  const currentSelected = synthesizeOnWorker(plan.before, selection);
  let everyStack: WorkerSynth | undefined;
  try {
    const next = inScratchSynth(after, (outdir) => sideOf(after, outdir), selection);
    const current = await fromWorker(currentSelected, (outdir) => sideOf(plan.before, outdir));
    everyStack = synthesizeOnWorker(after);
    const offline = offlinePlan(current, next);
    console.log(
      "\nPlan (synthesized offline from the configuration; `make plan` shows Terraform's plan against AWS):",
    );
    for (const line of offline.plan) console.log(line);
    if (offline.keyPolicies.length > 0) {
      console.log("\nKey policies, by statement: what each gains (+) and loses (-):");
      for (const line of offline.keyPolicies) console.log(line);
    }
    if (offline.reasons.length > 0) {
      console.log("\nWhy each existing stack changes (from the synthesized resources, accounts by name):");
      for (const line of offline.reasons) console.log(line);
    }
    const destroyed = offline.changes.flatMap((s) =>
      s.changes.filter((c) => c.action === "delete").map((c) => `${s.stack}: ${c.address}`),
    );
    if (destroyed.some((d) => d.includes("aws_organizations_account."))) {
      throw new Error(`vend would destroy an account: ${destroyed.join(", ")}`);
    }
    printWhatItGets(after, account);
    console.log(`\n${plannedLine((Date.now() - started) / 1000)}`);
    await requireVerified(
      after,
      await fromWorker(everyStack, (outdir) => synthesizedModel(after, outdir)),
      "make vend",
    );
  } finally {
    currentSelected.stop();
    everyStack?.stop();
  }
  if (dryRun) {
    console.log(`\nDry run: nothing written (${((Date.now() - started) / 1000).toFixed(1)}s).`);
    return;
  }
  applyVend(plan);
  console.log("\nWrote:");
  for (const edit of plan.edits) {
    const { count, afterLine } = addedLines(edit.before, edit.after);
    console.log(
      edit.before === ""
        ? `  ${edit.displayPath}: created`
        : `  ${edit.displayPath}: +${count} line${count === 1 ? "" : "s"} after line ${afterLine}`,
    );
  }
  console.log(
    `\nNext: review \`git diff ${displayPath(dir)}\` and open a pull request; the pipeline ` +
      `plans it, and after merge deploys it (make deploy). Try it locally: make local. ` +
      `(${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
});
