// Recovery for `make local` after an interrupted run: a create that reached the emulator but not the stack's
// state (Terraform killed before it saved, or a retried create whose first answer was lost) fails on the next run
// with "already exists". Such a resource is imported into state with a Terraform import block, then the apply is
// repeated, instead of failing until `make local-down` throws everything away. Local only: on real AWS an
// existing resource may belong to someone else, and adopting it is an operator's decision (docs/deploying.md).
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
 * EntityAlreadyExists, CloudWatch Logs ResourceAlreadyExistsException, S3 BucketAlreadyOwnedByYou).
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

/**
 * How each recoverable resource type is imported: its import ID from the resource's synthesized arguments (each
 * the ID the AWS provider's import documents for that type). A type missing here, or a name that is only known
 * after apply, is not recovered and the error stands.
 */
export const IMPORT_ID: Readonly<Record<string, (body: Record<string, unknown>) => unknown>> = {
  aws_kms_alias: (body) => body.name,
  aws_iam_role: (body) => body.name,
  aws_cloudwatch_log_group: (body) => body.name,
  aws_s3_bucket: (body) => body.bucket,
  aws_config_config_rule: (body) => body.name,
};

/** A Terraform import block: the address to import to and the resource's ID. */
export interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

/**
 * The import blocks that would recover `existing` in the stack synthesized in `stackDir`, or undefined when any
 * of them cannot be recovered (unknown type, or a name that is a Terraform expression).
 */
export function recoveryImports(
  stackDir: string,
  existing: readonly ExistingResource[],
): ImportBlock[] | undefined {
  const synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as {
    resource?: Record<string, Record<string, Record<string, unknown>>>;
  };
  const imports: ImportBlock[] = [];
  for (const { address } of existing) {
    const [type, name] = address.split(".");
    const body = synthesized.resource?.[type]?.[name];
    const id = body === undefined ? undefined : IMPORT_ID[type]?.(body);
    if (typeof id !== "string" || id.includes("${")) return undefined;
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
