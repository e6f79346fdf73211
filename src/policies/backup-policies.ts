// The contingency plan as data (164.308(a)(7)(ii)(A) data backup, (B) disaster recovery): the default backup
// plans, the names every account's vault and role share, the organization backup policy each plan renders to,
// and the vault access policies that keep recovery points out of reach of the accounts that own them.
import { PolicyDocument, PolicyStatement } from "./policy-document";
import { PHI_TAG } from "./data-classification";
import { arnPatternsOf, sameRegionCentralCopyTypes, uncopiedTypes } from "./backup-resource-types";

/** Every member account's vault, in every governed region: the backup policies' target_backup_vault_name. */
export const BACKUP_VAULT_NAME = "lz-backup";
/** The backup account's vault that receives a copy of every PHI recovery point. */
export const CENTRAL_VAULT_NAME = "lz-central-backup";
/** The role AWS Backup assumes in every member account for backups, copies, restores and restore tests. */
export const BACKUP_ROLE_NAME = "lz-backup";

/**
 * Days a locked vault's configuration stays changeable before it becomes immutable. AWS requires at least 3 (a
 * 72-hour cooling-off period, https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html); we take the
 * minimum: long enough to undo a mistaken first deploy, short enough that nobody can remove the lock later.
 */
export const VAULT_LOCK_CHANGEABLE_DAYS = 3;

/**
 * A recovery point moved to cold storage stays there at least 90 days, so delete_after_days must exceed
 * move_to_cold_storage_after_days by 90
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html).
 */
export const MIN_COLD_STORAGE_DAYS = 90;

/** Plan and rule names become policy names (lz-backup-<plan>) and plan keys, so they are kebab-case. */
export const BACKUP_PLAN_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
export const BACKUP_PLAN_NAME_RULE =
  "1-40 characters: lowercase letters, digits and hyphens, starting with a letter";

/** Restore tests run monthly by default: the first day of each month, after the daily backup window. */
export const DEFAULT_RESTORE_TEST_SCHEDULE = "cron(0 12 1 * ? *)";

/**
 * The resource types a restore testing selection can name that the default plans protect
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html, ProtectedResourceType).
 */
export const RESTORE_TEST_RESOURCE_TYPES = ["S3", "EBS", "RDS", "DynamoDB", "EFS"] as const;

/** AWS Backup's documentation for the policy syntax, cited by errors and rules. */
export const BACKUP_POLICY_DOC =
  "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html";

/** One rule of a plan: when backups start and how long they are kept (schema.ts validates it). */
export interface BackupRuleSpec {
  readonly name: string;
  /** A cron expression in UTC, e.g. cron(0 5 ? * * *). */
  readonly schedule: string;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
  /** Days in warm storage; the whole retention when there is no cold storage. */
  readonly warmRetentionDays: number;
  /** Days in cold storage after the warm days, for the resource types that support it. */
  readonly coldRetentionDays?: number;
  /** Whether each recovery point is copied to the backup account's central vault. */
  readonly copyToCentral: boolean;
  /** A second governed region of the same account that receives a copy. */
  readonly copyToRegion?: string;
}

/** One backup plan: an organization backup policy with its rules, regions, environments and selection. */
export interface BackupPlanSpec {
  readonly name: string;
  readonly rules: readonly BackupRuleSpec[];
  /** The regions whose resources the plan protects (undefined: every governed region). */
  readonly regions?: readonly string[];
  /** The environments the plan covers (undefined: every PHI environment). */
  readonly environments?: readonly string[];
  /** The tag that selects resources. */
  readonly selection: { readonly tagKey: string; readonly tagValue: string };
}

/** What a plan selects by default: everything tagged as PHI. */
export const DEFAULT_BACKUP_SELECTION = { tagKey: PHI_TAG.key, tagValue: PHI_TAG.value } as const;

/** A rule's windows unless it sets its own: AWS Backup's minimum start window, and eight hours to finish. */
export const DEFAULT_BACKUP_WINDOWS = { startWindowMinutes: 60, completionWindowMinutes: 480 } as const;

/**
 * The plan a configuration without `backup.plans` gets: one plan, so AWS Config's
 * BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK finds its daily rule, with daily backups kept 35 days and
 * monthly backups kept six years (90 days warm, then cold), each copied to the central vault.
 */
export const DEFAULT_BACKUP_PLAN = {
  name: "phi",
  selection: DEFAULT_BACKUP_SELECTION,
  rules: [
    {
      name: "daily",
      schedule: "cron(0 5 ? * * *)",
      ...DEFAULT_BACKUP_WINDOWS,
      warmRetentionDays: 35,
      copyToCentral: true,
    },
    {
      name: "monthly",
      schedule: "cron(0 5 1 * ? *)",
      ...DEFAULT_BACKUP_WINDOWS,
      warmRetentionDays: 90,
      coldRetentionDays: 2102,
      copyToCentral: true,
    },
  ],
} as const satisfies BackupPlanSpec;

/** The HIPAA rule's and the pack's frequency and retention floor for each plan: a daily rule kept 35 days. */
export const MIN_DAILY_RETENTION_DAYS = 35;

/** Days a rule keeps each recovery point: warm plus cold. */
export function retentionDays(rule: Pick<BackupRuleSpec, "warmRetentionDays" | "coldRetentionDays">): number {
  return rule.warmRetentionDays + (rule.coldRetentionDays ?? 0);
}

/** A vault's ARN. */
export function vaultArn(region: string, account: string, name: string): string {
  return `arn:aws:backup:${region}:${account}:backup-vault:${name}`;
}

/** Where a plan's copies go. */
export interface BackupPolicyContext {
  /** The regions the plan protects. */
  readonly regions: readonly string[];
  /** The backup account's ID and the central vault's region. */
  readonly central: { readonly accountId: string; readonly region: string };
}

const assign = <T>(value: T) => ({ "@@assign": value });

/** A lifecycle block in the policy syntax: days as strings, as AWS's examples write them. */
function lifecycle(rule: BackupRuleSpec) {
  return {
    ...(rule.coldRetentionDays !== undefined
      ? { move_to_cold_storage_after_days: assign(String(rule.warmRetentionDays)) }
      : {}),
    delete_after_days: assign(String(retentionDays(rule))),
  };
}

/**
 * A region's short form for plan entry names: us-east-1 is use1, ap-southeast-2 apse2, us-gov-west-1 usgw1.
 * A plan's key becomes the backup plan's name in each account, at most 50 characters
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupPlanInput.html): 40 for the plan name,
 * an underscore and at most 8 here.
 */
export function shortRegion(region: string): string {
  const parts = region.split("-");
  const number = parts[parts.length - 1];
  return (
    parts[0] +
    parts
      .slice(1, -1)
      .map((p) => REGION_WORDS[p] ?? p)
      .join("") +
    number
  );
}

/** The words of region codes, shortened so that no two regions meet (ap-south-2 aps2, ap-southeast-2 apse2). */
const REGION_WORDS: Readonly<Record<string, string>> = {
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
  gov: "g",
};

/**
 * The plan entries one configured plan renders to, by key. Configured plan names allow no underscore
 * (BACKUP_PLAN_NAME_PATTERN), so an entry's `_` suffix never meets another plan's key when policies merge.
 */
export const backupPlanEntry = {
  /** The types copied to the central vault in the central region in one step (and, without central copies, all). */
  main: (plan: string) => plan,
  /** In one region, the types whose central copy stays in that region (RDS, Aurora, DocumentDB, Neptune). */
  region: (plan: string, region: string) => `${plan}_${shortRegion(region)}`,
  /** The types AWS Backup never copies to another account: backed up into the member vault only. */
  local: (plan: string) => `${plan}_local`,
} as const;

/** Where one plan entry's rules copy to. */
interface CopyTargets {
  /** The central vault's region, or none. */
  readonly centralRegion?: string;
  /** Whether the rule's copyToRegion copy applies to the entry's types. */
  readonly toRegion: boolean;
  /** The entry's only source region, when it has one: a copyToRegion equal to it is no copy. */
  readonly sourceRegion?: string;
}

/** One rule in the policy syntax, with its copies. */
function policyRule(rule: BackupRuleSpec, ctx: BackupPolicyContext, targets: CopyTargets) {
  const copies: Record<string, unknown> = {};
  const copy = (arn: string) => {
    copies[arn] = { target_backup_vault_arn: assign(arn), lifecycle: lifecycle(rule) };
  };
  if (rule.copyToCentral && targets.centralRegion) {
    copy(vaultArn(targets.centralRegion, ctx.central.accountId, CENTRAL_VAULT_NAME));
  }
  if (rule.copyToRegion && targets.toRegion && rule.copyToRegion !== targets.sourceRegion) {
    copy(vaultArn(rule.copyToRegion, "$account", BACKUP_VAULT_NAME));
  }
  return {
    schedule_expression: assign(rule.schedule),
    start_backup_window_minutes: assign(String(rule.startWindowMinutes)),
    complete_backup_window_minutes: assign(String(rule.completionWindowMinutes)),
    target_backup_vault_name: assign(BACKUP_VAULT_NAME),
    lifecycle: lifecycle(rule),
    ...(Object.keys(copies).length > 0 ? { copy_actions: copies } : {}),
  };
}

/** The role every selection backs up with: `$account` is the account that receives the effective policy. */
const SELECTION_ROLE = `arn:aws:iam::$account:role/${BACKUP_ROLE_NAME}`;

/**
 * A selection by resource type and the plan's tag (BACKUP_POLICY_DOC, "Backup selection elements: Resources"):
 * `resources` rather than `tags`, the two being mutually exclusive, because only `resources` names types.
 */
function resourceSelection(
  plan: BackupPlanSpec,
  types: { readonly include: readonly string[]; readonly exclude?: readonly string[] },
) {
  return {
    resources: {
      [plan.name]: {
        iam_role_arn: assign(SELECTION_ROLE),
        resource_types: assign([...types.include]),
        ...(types.exclude && types.exclude.length > 0
          ? { not_resource_types: assign([...types.exclude]) }
          : {}),
        conditions: {
          string_equals: {
            [plan.name]: {
              condition_key: assign(`aws:ResourceTag/${plan.selection.tagKey}`),
              condition_value: assign(plan.selection.tagValue),
            },
          },
        },
      },
    },
  };
}

/** One plan entry in the policy syntax. */
function planEntry(
  plan: BackupPlanSpec,
  ctx: BackupPolicyContext,
  regions: readonly string[],
  targets: CopyTargets,
  selections: Record<string, unknown>,
) {
  return {
    regions: assign([...regions]),
    rules: Object.fromEntries(plan.rules.map((rule) => [rule.name, policyRule(rule, ctx, targets)])),
    selections,
  };
}

/**
 * One plan as an organization backup policy. `$account` is the policy syntax's placeholder for the account that
 * receives the effective policy: each account backs up into its own vault with its own role; a central copy names
 * the backup account literally, as cross-account copies must (BACKUP_POLICY_DOC, copy_actions).
 *
 * AWS Backup copies RDS, Aurora, DocumentDB and Neptune across accounts or across regions, never both in one copy
 * job (BACKUP_COPY_DOC), and the policy syntax has no region placeholder for copy targets. So a plan with central
 * copies renders, from BACKUP_RESOURCE_TYPES, to:
 * - the plan's own entry: every type but those, tagged, in every protected region, copied to the central vault in
 *   the central region (and to copyToRegion);
 * - per protected region R, an entry for those types, tagged, in R only, copied to the central vault in R (one
 *   dimension: another account) and to copyToRegion in the same account (the other dimension);
 * - an entry for the types AWS Backup never copies to another account (Redshift), into the member vault only.
 * A plan without central copies keeps one entry that selects by tag, as before.
 */
export function backupPolicyContent(plan: BackupPlanSpec, ctx: BackupPolicyContext): Record<string, unknown> {
  if (!plan.rules.some((rule) => rule.copyToCentral)) {
    return {
      plans: {
        [backupPlanEntry.main(plan.name)]: planEntry(
          plan,
          ctx,
          ctx.regions,
          { toRegion: true },
          {
            tags: {
              [plan.name]: {
                iam_role_arn: assign(SELECTION_ROLE),
                tag_key: assign(plan.selection.tagKey),
                tag_value: assign([plan.selection.tagValue]),
              },
            },
          },
        ),
      },
    };
  }
  const sameRegion = arnPatternsOf(sameRegionCentralCopyTypes());
  const uncopied = uncopiedTypes();
  const plans: Record<string, unknown> = {
    [backupPlanEntry.main(plan.name)]: planEntry(
      plan,
      ctx,
      ctx.regions,
      { centralRegion: ctx.central.region, toRegion: true },
      resourceSelection(plan, { include: ["*"], exclude: [...sameRegion, ...arnPatternsOf(uncopied)] }),
    ),
  };
  for (const region of ctx.regions) {
    plans[backupPlanEntry.region(plan.name, region)] = planEntry(
      plan,
      ctx,
      [region],
      { centralRegion: region, toRegion: true, sourceRegion: region },
      resourceSelection(plan, { include: sameRegion }),
    );
  }
  if (uncopied.length > 0) {
    plans[backupPlanEntry.local(plan.name)] = planEntry(
      plan,
      ctx,
      ctx.regions,
      { toRegion: uncopied.every((t) => t.crossRegionCopy) },
      resourceSelection(plan, { include: arnPatternsOf(uncopied) }),
    );
  }
  return { plans };
}

/** The regions a plan's central copies land in: the central region and, for two-step types, every source region. */
export function centralCopyRegions(ctx: BackupPolicyContext): string[] {
  return [...new Set([ctx.central.region, ...ctx.regions])];
}

/** The customer managed policy on every account's AWS Backup role (path LANDING_ZONE_POLICY_PATH). */
export const BACKUP_ROLE_KEY_POLICY_NAME = "lz-backup-vault-keys";

/** Whose vault keys AWS Backup's role uses. */
export interface BackupRoleKeyPolicyProps {
  /** The organization: only its accounts' keys. */
  readonly organizationId: string;
  /**
   * The accounts whose vault keys the role encrypts copies with: in a member account the backup account (copies into
   * the central vault), in the backup account every other member account (copies back for a restore).
   */
  readonly encryptsWithKeysOf: readonly string[];
  /**
   * The accounts whose vault keys the role decrypts: in the backup account every other member account (it reads
   * their recovery points to copy them into the central vault); elsewhere none.
   */
  readonly decryptsKeysOf: readonly string[];
}

/**
 * IAM's limit on a customer managed policy document, in characters not counting whitespace
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, "Managed policy size").
 */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;

/**
 * The backup account's role names every other member account's keys, twice (decrypt and encrypt): 72 characters an
 * account, so one document holds at most 60 accounts with room for its statements, and a larger organization gets
 * one policy per 60 accounts (`lz-backup-vault-keys`, `lz-backup-vault-keys-2`, ...). A role holds 10 managed
 * policies by default; AWS Backup's four leave room for 360 accounts before the quota must be raised.
 */
export const BACKUP_ROLE_KEY_POLICY_ACCOUNTS = 60;

/** The policy's name for the n-th (0-based) document: the first keeps the plain name. */
export function backupRoleKeyPolicyName(index: number): string {
  return index === 0 ? BACKUP_ROLE_KEY_POLICY_NAME : `${BACKUP_ROLE_KEY_POLICY_NAME}-${index + 1}`;
}

/**
 * backupRoleVaultKeyPolicy split so each document stays within MANAGED_POLICY_MAX_CHARACTERS: a member account gets
 * one document; the backup account one per BACKUP_ROLE_KEY_POLICY_ACCOUNTS other member accounts.
 */
export function backupRoleVaultKeyPolicies(props: BackupRoleKeyPolicyProps): PolicyDocument[] {
  const accounts = [...new Set([...props.encryptsWithKeysOf, ...props.decryptsKeysOf])];
  const documents: PolicyDocument[] = [];
  for (let i = 0; i < accounts.length; i += BACKUP_ROLE_KEY_POLICY_ACCOUNTS) {
    const chunk = new Set(accounts.slice(i, i + BACKUP_ROLE_KEY_POLICY_ACCOUNTS));
    documents.push(
      backupRoleVaultKeyPolicy({
        organizationId: props.organizationId,
        encryptsWithKeysOf: props.encryptsWithKeysOf.filter((a) => chunk.has(a)),
        decryptsKeysOf: props.decryptsKeysOf.filter((a) => chunk.has(a)),
      }),
    );
  }
  return documents;
}

/** Every KMS key of the accounts, in any region (the key IDs are another stack's and random). */
const keysOf = (accounts: readonly string[]) => accounts.map((account) => `arn:aws:kms:*:${account}:key/*`);

/**
 * The AWS Backup role's own permission to use vault keys of other accounts of the organization through AWS Backup.
 * A KMS request from another account needs an Allow in the caller's IAM policy as well as in the key policy
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html), and AWS
 * Backup's managed policies allow KMS through backup.* only for grants and DescribeKey; "the permissions in IAM
 * policy and KMS key policy must be consistent" (https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html).
 * The key policies (kms-policies.ts backupVaultKeyUse, centralVaultKeyUse) decide which account may use which key.
 * Resource names accounts, never "*": the conformance pack blocks kms:* on every key, and AWS Config's rule "does not
 * evaluate the conditions" (https://docs.aws.amazon.com/config/latest/developerguide/iam-customer-policy-blocked-kms-actions.html).
 */
export function backupRoleVaultKeyPolicy(props: BackupRoleKeyPolicyProps): PolicyDocument {
  // Only through AWS Backup in any region, and only keys of accounts in this organization (aws:ResourceOrgID,
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgid).
  const condition = {
    StringLike: { "kms:ViaService": "backup.*.amazonaws.com" },
    StringEquals: { "aws:ResourceOrgID": props.organizationId },
  };
  const statements: PolicyStatement[] = [];
  if (props.encryptsWithKeysOf.length > 0) {
    // "AWS Backup re-encrypts your copy using the encryption key of your destination vault"
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html): a member's copy into
    // the central vault, and the backup account's copy back into a member vault, generate data keys under the
    // destination account's vault key.
    statements.push({
      Sid: "EncryptCopiesWithDestinationVaultKeys",
      Effect: "Allow",
      Action: "kms:GenerateDataKey",
      Resource: keysOf(props.encryptsWithKeysOf),
      Condition: condition,
    });
  }
  if (props.decryptsKeysOf.length > 0) {
    // The backup account reads a member's recovery point, encrypted under the member vault's key, to copy it into the
    // central vault (create-cross-account-backup.html: the source account shares its customer managed key with the
    // destination account).
    statements.push({
      Sid: "DecryptMemberRecoveryPointsForCentralCopies",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: keysOf(props.decryptsKeysOf),
      Condition: condition,
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * Recovery-point and vault actions nobody may take on a landing-zone vault: the vault policy denies them to every
 * principal. AWS Backup's own lifecycle expiry is not a request by a principal and is not affected
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html#deny-access-to-delete-recovery-points).
 * Vault access policies do not accept wildcards in Action, so each action is named.
 */
export const PROTECTED_RECOVERY_POINT_ACTIONS = [
  "backup:DeleteRecoveryPoint",
  "backup:UpdateRecoveryPointLifecycle",
  "backup:DeleteBackupVault",
] as const;

/**
 * Denies deleting or shortening any recovery point in the vault, and deleting the vault, to everyone (the
 * pipeline included); "*" is the vault and its recovery points, as in AWS's example.
 */
const DENY_RECOVERY_POINT_DELETION: PolicyStatement = {
  Sid: "DenyRecoveryPointDeletion",
  Effect: "Deny",
  Principal: { AWS: "*" },
  Action: [...PROTECTED_RECOVERY_POINT_ACTIONS],
  Resource: "*",
};

/**
 * A member account's vault: the backup account's backup role copies recovery points back into it from the central
 * vault (the restore runbook, docs/backup.md; a cross-account copy needs the destination vault's policy to allow
 * backup:CopyIntoBackupVault, https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html),
 * no other account copies in, and nothing deletes a recovery point before its lifecycle does.
 */
export function memberVaultPolicy(backupAccountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "BackupAccountCopiesBackIn",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${backupAccountId}:root` },
        Action: "backup:CopyIntoBackupVault",
        Resource: "*",
        Condition: {
          ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${backupAccountId}:role/${BACKUP_ROLE_NAME}` },
        },
      },
      DENY_RECOVERY_POINT_DELETION,
    ],
  };
}

/**
 * The central vault: accounts of this organization copy into it (the destination vault's policy must allow
 * backup:CopyIntoBackupVault, https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html),
 * and nobody deletes what they copied.
 */
export function centralVaultPolicy(organizationId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OrganizationAccountsCopyIn",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "backup:CopyIntoBackupVault",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId } },
      },
      DENY_RECOVERY_POINT_DELETION,
    ],
  };
}

/** Where Backup Audit Manager delivers the organization's job reports in the log archive. */
export const BACKUP_REPORTS_PREFIX = "backup-reports";

/**
 * Backup Audit Manager's service-linked role in an account: it writes report files, and a KMS-encrypted report
 * bucket's key must admit it (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-report-plan-api.html).
 * It exists only once Audit Manager is first used, so policies match it by aws:PrincipalArn, never name it.
 */
export function backupReportsRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
}

/** The role that forwards each account's AWS Backup failures to the management account. */
export const BACKUP_ALERTS_ROLE_NAME = "lz-backup-alerts";

/** The management account's event bus that receives every account's AWS Backup failures. */
export function backupAlertsBusName(landingZone: string): string {
  return `${landingZone}-backup-alerts`;
}

/** The rule on that bus that sends them to the security alarm topic. */
export function backupAlertsRuleName(landingZone: string): string {
  return `${landingZone}-backup-failures`;
}

/**
 * A bus's ARN, and a rule's on it (both named before they exist, for policies); a rule on the default bus has no
 * bus in its ARN.
 */
export function eventBusArn(region: string, account: string, bus: string): string {
  return `arn:aws:events:${region}:${account}:event-bus/${bus}`;
}
export function eventRuleArn(region: string, account: string, bus: string, rule: string): string {
  return `arn:aws:events:${region}:${account}:rule/${bus === "default" ? "" : `${bus}/`}${rule}`;
}

/**
 * What counts as a backup failure: a backup or copy job that failed, was aborted or expired, and a restore job
 * (restore tests included) that failed or was aborted. Backup and copy jobs report `state`, restore jobs
 * `status` (https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html).
 */
export function backupFailurePattern(): Record<string, unknown> {
  return {
    source: ["aws.backup"],
    $or: [
      {
        "detail-type": ["Backup Job State Change", "Copy Job State Change"],
        detail: { state: ["FAILED", "ABORTED", "EXPIRED"] },
      },
      { "detail-type": ["Restore Job State Change"], detail: { status: ["FAILED", "ABORTED"] } },
    ],
  };
}
