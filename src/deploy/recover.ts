// Recovery for `make local` after an interrupted run: a create that reached the emulator but not the stack's
// state (Terraform killed before it saved, or a retried create whose first answer was lost) fails on the next run
// with "already exists". Such a resource is imported into state with a Terraform import block, then the apply is
// repeated, instead of failing until `make local-down` throws everything away; a state file a kill cut short is
// kept aside and replaced by the one from before that run. Local only: on real AWS an existing resource may belong
// to someone else, and adopting it is an operator's decision (docs/deploying.md).
import * as fs from "fs";
import * as path from "path";

/** The file `make local` writes import blocks to, next to the stack's cdk.tf.json; removed after the apply. */
export const RECOVERY_FILE = "lz-recovered.tf.json";

/** A create that failed because the resource already exists. */
export interface ExistingResource {
  /** The resource's address in the stack, e.g. aws_kms_alias.hardening_ebs-key-us-east-1_alias_ADFC2B93. */
  readonly address: string;
  /** The error's first line, as Terraform printed it. */
  readonly error: string;
}

/**
 * The error codes and messages AWS APIs use for a create whose name is taken (KMS AlreadyExistsException, IAM
 * EntityAlreadyExists, CloudWatch Logs ResourceAlreadyExistsException, S3 BucketAlreadyOwnedByYou, Systems Manager
 * DocumentAlreadyExists: "The specified document already exists").
 */
const ALREADY_EXISTS =
  /AlreadyExistsException|EntityAlreadyExists|ResourceAlreadyExistsException|BucketAlreadyOwnedByYou|already exists/;

/** Every "already exists" error in a failed Terraform run's output, with the address Terraform names for it. */
export function alreadyExisting(output: string): ExistingResource[] {
  const found: ExistingResource[] = [];
  // Terraform prints each diagnostic as "Error: <summary>", a blank line, then "with <address>,".
  for (const block of output.split(/^(?:│ )?Error: /m).slice(1)) {
    const error = block.split("\n")[0].trim();
    const address = /^(?:│ )?\s*with ([^,\s]+),/m.exec(block)?.[1];
    if (address !== undefined && ALREADY_EXISTS.test(error)) found.push({ address, error });
  }
  return found;
}

/** Whether a failed run's output holds errors other than "already exists" ones (those are not recovered). */
export function hasOtherErrors(output: string): boolean {
  return output
    .split(/^(?:│ )?Error: /m)
    .slice(1)
    .some((block) => !ALREADY_EXISTS.test(block.split("\n")[0]));
}

/** What an import ID is derived from: the resource's synthesized arguments, its error, and its account. */
export interface ImportSource {
  /** The resource's arguments as synthesized. */
  readonly body: Record<string, unknown>;
  /** The error's first line. */
  readonly error: string;
  /** The stack's account ID, or the Terraform expression that reads it, from its provider's assume_role. */
  readonly account?: string;
}

/**
 * How each recoverable resource type is imported: the ID the AWS provider's import documents for that type. A
 * type missing here, or an ID that cannot be derived, is not recovered and the error stands.
 */
export const IMPORT_ID: Readonly<Record<string, (source: ImportSource) => string | undefined>> = {
  aws_kms_alias: ({ body }) => literal(body.name),
  aws_iam_role: ({ body }) => literal(body.name),
  aws_cloudwatch_log_group: ({ body }) => literal(body.name),
  aws_s3_bucket: ({ body }) => literal(body.bucket),
  aws_config_config_rule: ({ body }) => literal(body.name),
  // Backup vaults, report plans and event buses import by name (the AWS provider's import sections).
  aws_backup_vault: ({ body }) => literal(body.name),
  aws_backup_report_plan: ({ body }) => literal(body.name),
  aws_cloudwatch_event_bus: ({ body }) => literal(body.name),
  // Systems Manager documents import by name (Session Manager's preferences, SSM-SessionManagerRunShell).
  aws_ssm_document: ({ body }) => literal(body.name),
  // Customer managed policies import by ARN: the account's, with their path (the landing zone's /landing-zone/) and
  // name, as the AWS provider's aws_iam_policy import section gives it.
  aws_iam_policy: ({ body, account }) => {
    const name = literal(body.name);
    const policyPath = body.path === undefined ? "/" : literal(body.path);
    if (name === undefined || policyPath === undefined || account === undefined) return undefined;
    return `arn:aws:iam::${account}:policy${policyPath}${name}`;
  },
  // Imported by ARN; the role's name is the service's, as the error names it (IAM says "Service role name X has
  // been taken in this account"; the emulator "Role with name X already exists").
  aws_iam_service_linked_role: ({ body, error, account }) => {
    const name = /Service role name (\S+) has been taken|Role with name (\S+?) already exists/.exec(error);
    const service = literal(body.aws_service_name);
    if (!name || service === undefined || account === undefined) return undefined;
    return `arn:aws:iam::${account}:role/aws-service-role/${service}/${name[1] ?? name[2]}`;
  },
};

/** A string argument known before apply (not a Terraform expression), or undefined. */
function literal(value: unknown): string | undefined {
  return typeof value === "string" && !value.includes("${") ? value : undefined;
}

/** The account the stack's default provider deploys into, from its assume_role (a literal ID or an expression). */
function accountOf(stack: { provider?: { aws?: Array<Record<string, unknown>> } }): string | undefined {
  const primary = (stack.provider?.aws ?? []).find((p) => p.alias === undefined);
  const roles = primary?.assume_role as Array<{ role_arn?: string }> | undefined;
  return /^arn:aws[\w-]*:iam::(\d{12}|\$\{[^}]+\}):role\//.exec(roles?.[0]?.role_arn ?? "")?.[1];
}

/** A Terraform import block: the address to import to and the resource's ID. */
export interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

/**
 * The import blocks that would recover `existing` in the stack synthesized in `stackDir`, or undefined when any
 * of them cannot be recovered (unknown type, or a name that is a Terraform expression). An ID may hold the
 * expression that reads the account ID from another stack's state: Terraform evaluates import IDs at plan time.
 */
export function recoveryImports(
  stackDir: string,
  existing: readonly ExistingResource[],
): ImportBlock[] | undefined {
  const synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as {
    resource?: Record<string, Record<string, Record<string, unknown>>>;
    provider?: { aws?: Array<Record<string, unknown>> };
  };
  const account = accountOf(synthesized);
  const imports: ImportBlock[] = [];
  for (const { address, error } of existing) {
    const [type, name] = address.split(".");
    const body = synthesized.resource?.[type]?.[name];
    const id = body === undefined ? undefined : IMPORT_ID[type]?.({ body, error, account });
    if (id === undefined) return undefined;
    imports.push({ to: address, id });
  }
  return imports;
}

/** Writes the import blocks next to the stack's configuration, where the next plan or apply picks them up. */
export function writeRecoveryImports(stackDir: string, imports: readonly ImportBlock[]): void {
  fs.writeFileSync(path.join(stackDir, RECOVERY_FILE), `${JSON.stringify({ import: imports }, null, 2)}\n`);
}

/** Removes the import blocks once they have been applied (or never were written). */
export function removeRecoveryImports(stackDir: string): void {
  fs.rmSync(path.join(stackDir, RECOVERY_FILE), { force: true });
}

/** A stack's local state file that a killed run left unreadable, and what `make local` did about it. */
export interface RepairedState {
  /** The stack whose state it was, from the file's name (`<stack>.tfstate`). */
  readonly stack: string;
  /** How long the cut file was, in bytes. */
  readonly bytes: number;
  /** Where the cut file was kept (nothing is deleted). */
  readonly keptAs: string;
  /** Whether the last whole state saved before the killed run (Terraform's `.backup`) replaced it; otherwise the stack starts with none. */
  readonly restoredBackup: boolean;
}

/** Whether a state file holds a whole Terraform state: JSON with its format `version` (what Terraform checks first). */
function isWholeState(file: string): boolean {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { version?: unknown };
    return typeof parsed.version === "number";
  } catch {
    return false;
  }
}

/**
 * Repairs every `<stack>.tfstate` in `stateDir` that a run killed while Terraform was writing it left cut short:
 * Terraform's local backend rewrites the file in place (truncate, then write: `statemgr.Filesystem.WriteState` in
 * hashicorp/terraform, whose comment says it should write a temporary file and rename it), so a SIGKILL during one of its
 * saves leaves part of the file (64 KiB, the one time it happened), and every later run fails with "Unsupported
 * state file format". The cut file is kept beside it as `<stack>.tfstate.interrupted-<time>`, and the last state
 * saved before the killed run takes its place when whole: the local backend's `<stack>.tfstate.backup`, which it
 * writes before a run's first save (and skips when that save changes nothing, so it may be older still); what the
 * killed run created is then found "already existing" and imported as above, and refresh corrects the rest. Run
 * while no other `make local` is (one emulator, one run): a Terraform still writing would keep writing to the kept
 * file. An empty file is Terraform's "no state" and is left. Local only, like the rest of this file: on AWS the S3
 * backend writes whole objects.
 */
export function repairInterruptedStates(stateDir: string, now: Date = new Date()): RepairedState[] {
  if (!fs.existsSync(stateDir)) return [];
  const repaired: RepairedState[] = [];
  for (const name of fs.readdirSync(stateDir).sort()) {
    if (!name.endsWith(".tfstate")) continue;
    const file = path.join(stateDir, name);
    const bytes = fs.statSync(file).size;
    if (bytes === 0 || isWholeState(file)) continue;
    const keptAs = `${file}.interrupted-${now.toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(file, keptAs);
    const backup = `${file}.backup`;
    const restoredBackup = fs.existsSync(backup) && isWholeState(backup);
    if (restoredBackup) fs.copyFileSync(backup, file);
    repaired.push({ stack: name.slice(0, -".tfstate".length), bytes, keptAs, restoredBackup });
  }
  return repaired;
}
