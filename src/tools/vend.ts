// `make vend NAME= EMAIL= OU= ENV=` (or `npm run vend -- --name ... --email ...`): adds an account to the
// configuration as a reviewable change, after checking everything, and prints the unified diff of the files it
// writes, the offline plan of what changes, each key policy's changed statements and why each other stack changes.
// On any problem it writes nothing (164.308(a)(4) access management: accounts exist only through review).
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { inScratchSynth } from "../app";
import { runCli } from "../cli";
import { ConfigError, displayPath, LandingZoneError } from "../config/errors";
import { configDir } from "../config/load";
import {
  allAccountNames,
  dataClassificationOf,
  expandAssignments,
  guardrailAttachments,
  ROOT_TARGET,
} from "../config/model";
import { applyVend, editDiff, planVend, VendRequest } from "../config/vend";
import {
  diffResources,
  explainChanges,
  formatDiff,
  readSynthesizedResources,
  ResolvedSide,
  SynthesizedResources,
} from "../deploy/synth-diff";
import { REPO_ROOT } from "../deploy/terraform-env";
import { requireVerified, synthesizedModel } from "../verify/gate";
import { placeholderNamer } from "../verify/placeholder-names";
import { SynthesizedLandingZone } from "../verify/synthesized";
import { EC2_DECLARATIVE_POLICY_NAME } from "../policies/ec2-declarative-policy";

const USAGE =
  "usage: make vend NAME=<name> EMAIL=<email> OU=<ou path> ENV=<environment> " +
  "[OWNER=<team>] [COST_CENTER=<id>] [DATA_CLASSIFICATION=phi|non-phi] [TAGS=key=value,...] [DRY_RUN=1]\n" +
  "   or: npm run vend -- --name <name> --email <email> --ou <ou path> --env <environment> " +
  "[--owner <team>] [--cost-center <id>] [--data-classification phi|non-phi] [--tags key=value,...] [--dry-run]";

/** Synthesized resources with the model that resolves them. */
interface Synthesized {
  readonly resources: SynthesizedResources;
  readonly model: SynthesizedLandingZone;
}

/**
 * Synthesizes the configuration in `dir` for AWS in a child process (main.ts, as `make synth` runs it) and reads
 * back its resources and its model (`accountNames`: the configuration's, in order); the promise rejects with the
 * child's error output if the synth fails.
 */
function synthesizeCurrent(dir: string, accountNames: readonly string[]): Promise<Synthesized> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-vend-before-"));
  // For AWS, as the new configuration is synthesized: an LZ_LOCAL_ENDPOINT in the caller's shell is left out.
  const env: NodeJS.ProcessEnv = { ...process.env, LZ_CONFIG_DIR: dir, CDKTF_OUTDIR: outdir };
  delete env.LZ_LOCAL_ENDPOINT;
  const child = spawn("node", ["-r", "./src/tools/register.js", "main.ts"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      try {
        if (code !== 0)
          throw new LandingZoneError(`synthesizing the current configuration failed:\n${stderr}`);
        resolve({
          resources: readSynthesizedResources(outdir),
          model: SynthesizedLandingZone.fromOutdir(outdir, accountNames),
        });
      } catch (error) {
        reject(error);
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    });
  });
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
    },
    dryRun: v["dry-run"] === true,
  };
}

/**
 * One side of the before/after comparison: arguments resolved to what AWS will hold, each placeholder ID named as
 * configured (the two models number accounts by position, so only names compare); an argument that only AWS can
 * resolve is compared as written.
 */
function resolvedSide(synthesized: Synthesized): ResolvedSide {
  const named = placeholderNamer(synthesized.model);
  const rename = (value: unknown): unknown =>
    typeof value === "string"
      ? named(value)
      : Array.isArray(value)
        ? value.map(rename)
        : value && typeof value === "object"
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]))
          : value;
  return {
    resources: synthesized.resources,
    resolve: (stack, value) => {
      try {
        return rename(synthesized.model.resolveValue(stack, value));
      } catch {
        return value;
      }
    },
  };
}

function addedLines(before: string, after: string): { count: number; afterLine: number } {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  return { count: b.length - a.length, afterLine: start };
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

  // The configuration as it is now is synthesized by a second process while this one synthesizes the new one
  // (each synth is one core's work); one synth of the new configuration serves the plan and the access proofs.
  console.log(`\nThe configuration change make vend ${dryRun ? "would write" : "writes"}:`);
  for (const edit of plan.edits) for (const line of editDiff(edit)) console.log(`  ${line}`);

  const before = synthesizeCurrent(configDir(), allAccountNames(plan.before.organization));
  const synthesized = inScratchSynth(after, (outdir) => ({
    resources: readSynthesizedResources(outdir),
    model: synthesizedModel(after, outdir),
  }));
  const current = await before;
  const changes = diffResources(current.resources, synthesized.resources);
  console.log(
    "\nPlan (synthesized offline from the configuration; `make plan` shows Terraform's plan against AWS):",
  );
  for (const line of formatDiff(changes)) console.log(line);
  const explained = explainChanges(changes, resolvedSide(current), resolvedSide(synthesized));
  if (explained.keyPolicies.length > 0) {
    console.log("\nKey policies, by statement: what each gains (+) and loses (-):");
    for (const line of explained.keyPolicies) console.log(line);
  }
  if (explained.reasons.length > 0) {
    console.log("\nWhy each existing stack changes (from the synthesized resources, accounts by name):");
    for (const line of explained.reasons) console.log(line);
  }
  const destroyed = changes.flatMap((s) =>
    s.changes.filter((c) => c.action === "delete").map((c) => `${s.stack}: ${c.address}`),
  );
  if (destroyed.some((d) => d.includes("aws_organizations_account."))) {
    throw new Error(`vend would destroy an account: ${destroyed.join(", ")}`);
  }

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

  await requireVerified(after, synthesized.model, "make vend");
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
