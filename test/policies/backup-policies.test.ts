// The contingency plan's policy documents: each plan as an organization backup policy (the syntax AWS documents),
// the vault access policies and the SCP statements that protect backups. Proves what is sent to AWS, not that AWS
// runs the backups: that needs a real organization (docs/backup.md).
import {
  backupPolicyContent,
  centralVaultPolicy,
  BackupPlanSpec,
  BackupRuleSpec,
  DEFAULT_BACKUP_PLAN,
  memberVaultPolicy,
  retentionDays,
} from "../../src/policies/backup-policies";
import { buildGuardrails } from "../../src/policies/scp-library";

const central = { accountId: "111122223333", region: "us-west-2" };
const [daily, monthly] = DEFAULT_BACKUP_PLAN.rules;
type Rendered = { plans: Record<string, { rules: Record<string, Record<string, unknown>> }> };
const rendered = (plan: BackupPlanSpec, regions = ["us-east-1"]) =>
  backupPolicyContent(plan, { regions, central }) as Rendered;

it("renders the default plan: its daily rule's schedule, windows, vault, 35-day lifecycle, central copy and the PHI tag selection", () => {
  const content = rendered(DEFAULT_BACKUP_PLAN, ["us-east-1", "us-west-2"]);
  expect(Object.keys(content.plans)).toEqual(["phi"]);
  expect(content.plans.phi).toMatchObject({
    regions: { "@@assign": ["us-east-1", "us-west-2"] },
    selections: {
      tags: {
        phi: {
          iam_role_arn: { "@@assign": "arn:aws:iam::$account:role/lz-backup" },
          tag_key: { "@@assign": "DataClassification" },
          tag_value: { "@@assign": ["phi"] },
        },
      },
    },
  });
  expect(Object.keys(content.plans.phi.rules)).toEqual(["daily", "monthly"]);
  expect(content.plans.phi.rules.daily).toEqual({
    schedule_expression: { "@@assign": "cron(0 5 ? * * *)" },
    start_backup_window_minutes: { "@@assign": "60" },
    complete_backup_window_minutes: { "@@assign": "480" },
    target_backup_vault_name: { "@@assign": "lz-backup" },
    lifecycle: { delete_after_days: { "@@assign": "35" } },
    copy_actions: {
      "arn:aws:backup:us-west-2:111122223333:backup-vault:lz-central-backup": {
        target_backup_vault_arn: {
          "@@assign": "arn:aws:backup:us-west-2:111122223333:backup-vault:lz-central-backup",
        },
        lifecycle: { delete_after_days: { "@@assign": "35" } },
      },
    },
  });
});

it("keeps monthly backups six years: 90 days warm, then cold, and the copies alike", () => {
  expect(retentionDays(monthly)).toBe(2192);
  const rule = rendered(DEFAULT_BACKUP_PLAN).plans.phi.rules.monthly;
  const lifecycle = {
    move_to_cold_storage_after_days: { "@@assign": "90" },
    delete_after_days: { "@@assign": "2192" },
  };
  expect(rule.lifecycle).toEqual(lifecycle);
  expect(Object.values(rule.copy_actions as object)).toEqual([expect.objectContaining({ lifecycle })]);
});

it("copies to a second region of the same account through $account, and leaves out copies a rule turns off", () => {
  const plan = (rule: BackupRuleSpec): BackupPlanSpec => ({ ...DEFAULT_BACKUP_PLAN, rules: [rule] });
  const second = rendered(plan({ ...daily, copyToCentral: false, copyToRegion: "us-west-2" }));
  expect(Object.keys(second.plans.phi.rules.daily.copy_actions as object)).toEqual([
    "arn:aws:backup:us-west-2:$account:backup-vault:lz-backup",
  ]);
  expect(
    rendered(plan({ ...daily, copyToCentral: false })).plans.phi.rules.daily.copy_actions,
  ).toBeUndefined();
});

it("denies deleting recovery points to everyone in every vault, and admits only the organization's copies centrally", () => {
  const deny = {
    Sid: "DenyRecoveryPointDeletion",
    Effect: "Deny",
    Principal: { AWS: "*" },
    Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:DeleteBackupVault"],
    Resource: "*",
  };
  expect(memberVaultPolicy().Statement).toEqual([deny]);
  expect(centralVaultPolicy("o-abc123").Statement).toEqual([
    {
      Sid: "OrganizationAccountsCopyIn",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "backup:CopyIntoBackupVault",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
    },
    deny,
  ]);
});

it("denies deleting backups and changing plans to everyone but the pipeline and break-glass, within the SCP quota", () => {
  const keys = buildGuardrails({
    regions: ["us-east-1", "us-west-2"],
    deployRoleName: "OrganizationAccountAccessRole",
    breakGlassRoleName: "lz-break-glass",
  }).find((g) => g.name === "lz-protect-kms-keys")!;
  const statements = new Map(keys.document.Statement.map((s) => [s.Sid, s]));
  expect(statements.get("DenyBackupDeletion")).toEqual({
    Sid: "DenyBackupDeletion",
    Effect: "Deny",
    Action: [
      "backup:DeleteBackupVault",
      "backup:DeleteBackupVaultAccessPolicy",
      "backup:DeleteBackupVaultLockConfiguration",
      "backup:DeleteRecoveryPoint",
      "backup:PutBackupVaultAccessPolicy",
      "backup:PutBackupVaultLockConfiguration",
      "backup:UpdateRecoveryPointLifecycle",
    ],
    Resource: "*",
    Condition: {
      ArnNotLike: {
        "aws:PrincipalARN": [
          "arn:aws:iam::*:role/OrganizationAccountAccessRole",
          "arn:aws:iam::*:role/lz-break-glass",
          "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*",
        ],
      },
    },
  });
  expect(statements.get("DenyBackupPlanChanges")?.Action).toEqual([
    "backup:DeleteBackupPlan",
    "backup:DeleteBackupSelection",
    "backup:DeleteRestoreTestingPlan",
    "backup:DeleteRestoreTestingSelection",
    "backup:UpdateBackupPlan",
    "backup:UpdateRestoreTestingPlan",
    "backup:UpdateRestoreTestingSelection",
  ]);
  expect(JSON.stringify(keys.document).length).toBeLessThanOrEqual(5120);
});
