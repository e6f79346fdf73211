// One member account's side of the contingency plan (164.308(a)(7)(ii)(A) data backup, (D) testing): the role
// AWS Backup assumes, a locked vault with its own key in every governed region (the organization's backup
// policies back up into it), and, in PHI accounts, a restore testing plan that restores the latest recovery points.
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BackupFramework } from "@cdktf/provider-aws/lib/backup-framework";
import { BackupRestoreTestingPlan } from "@cdktf/provider-aws/lib/backup-restore-testing-plan";
import { BackupRestoreTestingSelection } from "@cdktf/provider-aws/lib/backup-restore-testing-selection";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import {
  backupRoleKeyPolicyName,
  BACKUP_ROLE_NAME,
  BACKUP_VAULT_NAME,
  backupRoleVaultKeyPolicies,
  memberVaultPolicy,
  RESTORE_TEST_RESOURCE_TYPES,
} from "../src/policies/backup-policies";
import { backupVaultKeyUse, KeyAdministrators, keyPolicy } from "../src/policies/kms-policies";
import { renderPolicy } from "../src/policies/policy-document";
import { AccountRegionsProps } from "./account-regions";
import { LockedBackupVault } from "./backup-vault";
import { RolePermissions } from "./role-permissions";

/**
 * The AWS managed policies AWS Backup's default service role carries: backups and restores of every supported
 * type, S3 included (https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html).
 */
export const BACKUP_ROLE_MANAGED_POLICIES = [
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
] as const;

/** Restore testing plan names allow letters, digits and underscores only. */
export const RESTORE_TESTING_PLAN_NAME = "lz_restore_testing";

/** The audit framework's name (letters, digits and underscores). */
export const AUDIT_FRAMEWORK_NAME = "lz_contingency_plan";

/** A restore testing plan's settings (from backup.restoreTesting). */
export interface RestoreTestingSettings {
  readonly schedule: string;
  readonly validationWindowHours: number;
  readonly resourceTypes: ReadonlyArray<(typeof RESTORE_TEST_RESOURCE_TYPES)[number]>;
  /** The tag the backup plans select by: restore tests pick the same resources. */
  readonly selection: { readonly tagKey: string; readonly tagValue: string };
  /**
   * The region whose vault the tests restore from, and whose plans and recovery points the audit framework
   * evaluates: where the environment's PHI is.
   */
  readonly region: string;
}

/** The account and its governed regions (a vault in each), and who administers the vault keys. */
export interface AccountBackupProps extends AccountRegionsProps {
  /** Who administers the vault keys. */
  readonly keyAdmins: KeyAdministrators;
  /** Alias prefix for the vault keys. */
  readonly aliasPrefix: string;
  /**
   * The backup account: it reads recovery points when it copies them into the central vault, and copies them back
   * into this account's vaults for a restore.
   */
  readonly centralAccountId: string;
  /** The organization: the role uses vault keys of its accounts only. */
  readonly organizationId: string;
  /**
   * In the backup account, the other member accounts: its role decrypts their vault keys to copy their recovery
   * points into the central vault, and encrypts with them to copy recovery points back.
   * @default - a member account: its role encrypts with the backup account's keys only (copies into the central vault)
   */
  readonly centralCopySources?: readonly string[];
  /** Vault Lock's minimum retention. */
  readonly minRetentionDays: number;
  /**
   * Restore tests and the audit framework, in the environment's region, for accounts of PHI environments.
   * @default - no restore testing plan
   */
  readonly restoreTesting?: RestoreTestingSettings;
}

/** The backup role, the vaults and the restore tests of one account. */
export class AccountBackup extends Construct {
  readonly role: IamRole;
  /** The role's permission to use other accounts' vault keys through AWS Backup (one policy per 60 accounts). */
  readonly vaultKeyPermissions: RolePermissions[];
  /** The vaults by region. */
  readonly vaults = new Map<string, LockedBackupVault>();

  constructor(scope: Construct, id: string, props: AccountBackupProps) {
    super(scope, id);
    const home = props.providerFor(props.homeRegion);
    this.role = new IamRole(this, "role", {
      provider: home,
      name: BACKUP_ROLE_NAME,
      description: "AWS Backup backs up, copies, restores and restore-tests this account's resources",
      assumeRolePolicy: renderPolicy({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AwsBackupAssumes",
            Effect: "Allow",
            Principal: { Service: "backup.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
    });
    BACKUP_ROLE_MANAGED_POLICIES.forEach((policyArn) => {
      new IamRolePolicyAttachment(this, `role-${policyArn.split("/").pop()}`, {
        provider: home,
        role: this.role.name,
        policyArn,
      });
    });
    // Cross-account copies use the other account's vault key, which needs the role's own Allow as well as the key
    // policy's (src/policies/backup-policies.ts backupRoleVaultKeyPolicy).
    this.vaultKeyPermissions = backupRoleVaultKeyPolicies({
      organizationId: props.organizationId,
      encryptsWithKeysOf: props.centralCopySources ?? [props.centralAccountId],
      decryptsKeysOf: props.centralCopySources ?? [],
    }).map(
      (document, index) =>
        new RolePermissions(this, index === 0 ? "role-vault-keys" : `role-vault-keys-${index + 1}`, {
          provider: home,
          roleName: this.role.name,
          policyName: backupRoleKeyPolicyName(index),
          description:
            "AWS Backup uses other accounts' vault keys of the organization for cross-account copies",
          document,
        }),
    );
    for (const region of props.regions) {
      this.vaults.set(
        region,
        new LockedBackupVault(this, `vault-${region}`, {
          provider: props.providerFor(region),
          name: BACKUP_VAULT_NAME,
          keyAlias: `${props.aliasPrefix}/backup-vault`,
          keyPolicy: keyPolicy(
            props.keyAdmins,
            backupVaultKeyUse({
              accountId: props.accountId,
              region,
              backupRoleName: BACKUP_ROLE_NAME,
              centralAccountId: props.centralAccountId,
            }),
          ),
          accessPolicy: memberVaultPolicy(props.centralAccountId),
          minRetentionDays: props.minRetentionDays,
        }),
      );
    }
    if (props.restoreTesting) {
      // Both are regional: they act on the vault and the plans of the region that holds the environment's data.
      const { region } = props.restoreTesting;
      this.addRestoreTesting(props.providerFor(region), region, props.restoreTesting);
      this.addAuditFramework(props.providerFor(region), props.minRetentionDays);
    }
  }

  /**
   * An AWS Backup Audit Manager framework: AWS Config evaluates these controls daily against the account's
   * plans, vaults and recovery points, for the auditor's evidence
   * (https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html).
   */
  private addAuditFramework(provider: AwsProvider, minRetentionDays: number): void {
    const retention = [{ name: "requiredRetentionDays", value: String(minRetentionDays) }];
    new BackupFramework(this, "audit-framework", {
      provider,
      name: AUDIT_FRAMEWORK_NAME,
      description: "The landing zone's contingency-plan controls (HIPAA 164.308(a)(7))",
      control: [
        {
          name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
          inputParameter: [
            { name: "requiredFrequencyUnit", value: "days" },
            { name: "requiredFrequencyValue", value: "1" },
            ...retention,
          ],
        },
        { name: "BACKUP_RECOVERY_POINT_ENCRYPTED" },
        { name: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED" },
        { name: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", inputParameter: retention },
        { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK" },
        { name: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT" },
      ],
    });
  }

  /**
   * A restore testing plan that restores the latest recovery point of each selected type from the region's vault,
   * keeps it for the validation window and deletes it; each restore job reports its outcome
   * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html).
   */
  private addRestoreTesting(provider: AwsProvider, region: string, settings: RestoreTestingSettings): void {
    const vault = this.vaults.get(region)!;
    const plan = new BackupRestoreTestingPlan(this, "restore-testing", {
      provider,
      name: RESTORE_TESTING_PLAN_NAME,
      scheduleExpression: settings.schedule,
      startWindowHours: 24,
      recoveryPointSelection: [
        {
          algorithm: "LATEST_WITHIN_WINDOW",
          includeVaults: [vault.vault.arn],
          recoveryPointTypes: ["SNAPSHOT"],
          selectionWindowDays: 31,
        },
      ],
    });
    for (const type of settings.resourceTypes) {
      new BackupRestoreTestingSelection(this, `restore-testing-${type.toLowerCase()}`, {
        provider,
        name: `lz_${type.toLowerCase()}`,
        restoreTestingPlanName: plan.name,
        protectedResourceType: type,
        iamRoleArn: this.role.arn,
        // Provider 5.100 takes resource ARNs or conditions, not both; the tag condition picks every resource of
        // the type the plans select.
        protectedResourceConditions: [
          {
            stringEquals: [
              { key: `aws:ResourceTag/${settings.selection.tagKey}`, value: settings.selection.tagValue },
            ],
          },
        ],
        validationWindowHours: settings.validationWindowHours,
      });
    }
  }
}
