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
  /**
   * Set when the ID is read from another resource found already there rather than derived from a name: the data
   * source that reads it (written beside the import blocks) and what it reads, for the message. Whatever state
   * holds at `to` (usually the key the rerun's first apply created) is dropped from state first.
   * @default the ID is the resource's own name or ARN
   */
  readonly via?: { readonly data: DataSource; readonly what: string };
}

/** A data source written to the recovery file: its type, its name there and its arguments. */
export interface DataSource {
  readonly type: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
}

/**
 * The key of a backup vault found already there. A vault's key cannot change in place (kms_key_arn forces a new
 * vault in the AWS provider's aws_backup_vault, and every vault has prevent_destroy), and a key has no name to be
 * found by: when a kill lost the state of both (a state file cut short goes back to the one from before the run),
 * the next run creates a second key, finds the vault, and importing the vault alone would plan to replace it with
 * one under the new key, which prevent_destroy refuses (the CI run of f9b61b8). So the key the vault uses is
 * imported too, its ID read from the vault by a data source at plan time (Terraform evaluates import IDs then, and
 * counts what an ID reads among the imported resource's references, so a -target apply reads the data source
 * too), and the new key stays in the emulator unused.
 */
function vaultKey(address: string, body: Record<string, unknown>, dataName: string): ImportBlock | undefined {
  const key = /^\$\{(aws_kms_key\.[^.}]+)\.arn\}$/.exec(String(body.kms_key_arn ?? ""))?.[1];
  const name = literal(body.name);
  if (key === undefined || name === undefined) return undefined;
  const data: DataSource = {
    type: "aws_backup_vault",
    name: dataName,
    body: { name, ...(body.provider === undefined ? {} : { provider: body.provider }) },
  };
  return {
    to: key,
    // A key ARN ends in key/<key ID>; aws_kms_key imports by the key ID. An index, not element(), which would
    // wrap around and import by the whole value were it ever not an ARN: this fails instead.
    id: `\${split("/", data.${data.type}.${data.name}.kms_key_arn)[1]}`,
    via: { data, what: `the key backup vault ${name} of ${address} uses` },
  };
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
    const key =
      type === "aws_backup_vault" ? vaultKey(address, body!, `lz_recovered_${imports.length}`) : undefined;
    // One import per address: two vaults never share a key here, but a second would be Terraform's error.
    if (key !== undefined && !imports.some((i) => i.to === key.to)) imports.push(key);
  }
  return imports;
}

/**
 * The addresses whose state entry goes before the imports, where state holds one: an import read from another
 * resource found (a vault's key) may bring back a different object than state holds there (the key the rerun's
 * first apply created), and Terraform imports only into an address state does not hold.
 */
export function replacedInState(imports: readonly ImportBlock[]): string[] {
  return imports.filter((i) => i.via !== undefined).map((i) => i.to);
}

/**
 * An attribute of a resource's instance in a Terraform state (the JSON `terraform state pull` prints), or
 * undefined when state holds no such resource. `address` is a root-module managed resource without an index
 * (`aws_kms_key.a`), as every recovered address is.
 */
export function stateAttribute(state: string, address: string, attribute: string): string | undefined {
  const [type, name] = address.split(".");
  const parsed = JSON.parse(state) as {
    resources?: Array<{
      module?: string;
      mode: string;
      type: string;
      name: string;
      instances?: Array<{ attributes?: Record<string, unknown> }>;
    }>;
  };
  const resource = (parsed.resources ?? []).find(
    (r) => r.module === undefined && r.mode === "managed" && r.type === type && r.name === name,
  );
  const value = resource?.instances?.[0]?.attributes?.[attribute];
  return typeof value === "string" ? value : undefined;
}

/** One recovered import, and for one read from another resource the ARN state held at its address before and after. */
export interface Recovered {
  readonly block: ImportBlock;
  /** The ARN state held at `block.to` before the import, dropped for it. @default state held nothing there */
  readonly before?: string;
  /** The ARN state holds at `block.to` after the apply that imported it. @default not read (an import by name) */
  readonly after?: string;
}

/** The line `make local` prints for one recovered import: what was found, and what became of what state held. */
export function recoveryMessage(stack: string, { block, before, after }: Recovered): string {
  const found = "existed in the emulator but not in state, left by an interrupted run; imported it";
  if (block.via === undefined) return `recovered: ${stack}: ${block.to} (${block.id}) ${found}`;
  const head = `recovered: ${stack}: ${block.to} (${block.via.what})`;
  if (before === undefined) return `${head} ${found}`;
  if (before === after) return `${head} was the one state held; imported it again, unchanged`;
  return `${head} ${found} in place of ${before}, the one state held, which stays in the emulator unused`;
}

/** Writes the import blocks (and the data sources their IDs read) next to the stack's configuration, where the next plan or apply picks them up. */
export function writeRecoveryImports(stackDir: string, imports: readonly ImportBlock[]): void {
  const data: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const { via } of imports) {
    if (via !== undefined) (data[via.data.type] ??= {})[via.data.name] = via.data.body;
  }
  const file = {
    ...(Object.keys(data).length > 0 ? { data } : {}),
    import: imports.map(({ to, id }) => ({ to, id })),
  };
  fs.writeFileSync(path.join(stackDir, RECOVERY_FILE), `${JSON.stringify(file, null, 2)}\n`);
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
