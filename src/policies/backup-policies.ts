// The contingency plan as data (164.308(a)(7)(ii)(A) data backup, (B) disaster recovery): the default backup
// plans, the names every account's vault and role share, the organization backup policy each plan renders to,
// and the vault access policies that keep recovery points out of reach of the accounts that own them.
import { PolicyDocument, PolicyStatement } from "./policy-document";
import { PHI_TAG } from "./data-classification";

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

/** One rule in the policy syntax, with its copies. */
function policyRule(rule: BackupRuleSpec, ctx: BackupPolicyContext) {
  const copies: Record<string, unknown> = {};
  const copy = (arn: string) => {
    copies[arn] = { target_backup_vault_arn: assign(arn), lifecycle: lifecycle(rule) };
  };
  if (rule.copyToCentral) copy(vaultArn(ctx.central.region, ctx.central.accountId, CENTRAL_VAULT_NAME));
  if (rule.copyToRegion) copy(vaultArn(rule.copyToRegion, "$account", BACKUP_VAULT_NAME));
  return {
    schedule_expression: assign(rule.schedule),
    start_backup_window_minutes: assign(String(rule.startWindowMinutes)),
    complete_backup_window_minutes: assign(String(rule.completionWindowMinutes)),
    target_backup_vault_name: assign(BACKUP_VAULT_NAME),
    lifecycle: lifecycle(rule),
    ...(Object.keys(copies).length > 0 ? { copy_actions: copies } : {}),
  };
}

/**
 * One plan as an organization backup policy. `$account` is the policy syntax's placeholder for the account that
 * receives the effective policy: each account backs up into its own vault with its own role; the central copy
 * names the backup account literally, as cross-account copies must (BACKUP_POLICY_DOC, copy_actions).
 */
export function backupPolicyContent(plan: BackupPlanSpec, ctx: BackupPolicyContext): Record<string, unknown> {
  return {
    plans: {
      [plan.name]: {
        regions: assign([...ctx.regions]),
        rules: Object.fromEntries(plan.rules.map((rule) => [rule.name, policyRule(rule, ctx)])),
        selections: {
          tags: {
            [plan.name]: {
              iam_role_arn: assign(`arn:aws:iam::$account:role/${BACKUP_ROLE_NAME}`),
              tag_key: assign(plan.selection.tagKey),
              tag_value: assign([plan.selection.tagValue]),
            },
          },
        },
      },
    },
  };
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

/** A member account's vault: nothing deletes a recovery point before its lifecycle does. */
export function memberVaultPolicy(): PolicyDocument {
  return { Version: "2012-10-17", Statement: [DENY_RECOVERY_POINT_DELETION] };
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

/** A custom bus's ARN, and a rule's on it (both named before they exist, for policies). */
export function eventBusArn(region: string, account: string, bus: string): string {
  return `arn:aws:events:${region}:${account}:event-bus/${bus}`;
}
export function eventRuleArn(region: string, account: string, bus: string, rule: string): string {
  return `arn:aws:events:${region}:${account}:rule/${bus}/${rule}`;
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
