// The contingency plan's policy documents: each plan as an organization backup policy (the syntax AWS documents),
// the vault access policies and the SCP statements that protect backups. Proves what is sent to AWS, not that AWS
// runs the backups: that needs a real organization (docs/backup.md).
import {
  backupPlanEntry,
  backupPolicyContent,
  centralVaultPolicy,
  shortRegion,
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

const CENTRAL_USW2 = "arn:aws:backup:us-west-2:111122223333:backup-vault:lz-central-backup";
const CENTRAL_USE1 = "arn:aws:backup:us-east-1:111122223333:backup-vault:lz-central-backup";
const TWO_STEP = ["arn:aws:rds:*:*:db:*", "arn:aws:rds:*:*:cluster:*"];
const tagged = {
  conditions: {
    string_equals: {
      phi: {
        condition_key: { "@@assign": "aws:ResourceTag/DataClassification" },
        condition_value: { "@@assign": "phi" },
      },
    },
  },
};

it("renders the default plan: its daily rule's schedule, windows, vault, 35-day lifecycle, central copy and the PHI tag selection of every type copied in one step", () => {
  const content = rendered(DEFAULT_BACKUP_PLAN, ["us-east-1", "us-west-2"]);
  expect(Object.keys(content.plans)).toEqual(["phi", "phi_use1", "phi_usw2", "phi_local"]);
  expect(content.plans.phi).toMatchObject({
    regions: { "@@assign": ["us-east-1", "us-west-2"] },
    selections: {
      resources: {
        phi: {
          iam_role_arn: { "@@assign": "arn:aws:iam::$account:role/lz-backup" },
          resource_types: { "@@assign": ["*"] },
          not_resource_types: { "@@assign": [...TWO_STEP, "arn:aws:redshift:*:*:cluster:*"] },
          ...tagged,
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
      [CENTRAL_USW2]: {
        target_backup_vault_arn: { "@@assign": CENTRAL_USW2 },
        lifecycle: { delete_after_days: { "@@assign": "35" } },
      },
    },
  });
});

it("copies RDS, Aurora, DocumentDB and Neptune to the central vault in their own region, one entry per region, never across account and region at once", () => {
  const content = rendered(DEFAULT_BACKUP_PLAN, ["us-east-1", "us-west-2"]);
  for (const [entry, region, vault] of [
    ["phi_use1", "us-east-1", CENTRAL_USE1],
    ["phi_usw2", "us-west-2", CENTRAL_USW2],
  ] as const) {
    expect(content.plans[entry]).toMatchObject({
      regions: { "@@assign": [region] },
      selections: { resources: { phi: { resource_types: { "@@assign": TWO_STEP }, ...tagged } } },
    });
    for (const rule of Object.values(content.plans[entry].rules)) {
      expect(Object.keys(rule.copy_actions as object)).toEqual([vault]);
    }
  }
  // The home region's entry is the one the defect was about: its copy stays in us-east-1.
  expect(JSON.stringify(content.plans.phi_use1)).not.toContain("us-west-2");
});

it("backs up the types AWS Backup never copies to another account into the member vault only", () => {
  const local = rendered(DEFAULT_BACKUP_PLAN, ["us-east-1", "us-west-2"]).plans.phi_local;
  expect(local).toMatchObject({
    regions: { "@@assign": ["us-east-1", "us-west-2"] },
    selections: {
      resources: { phi: { resource_types: { "@@assign": ["arn:aws:redshift:*:*:cluster:*"] } } },
    },
  });
  for (const rule of Object.values(local.rules)) expect(rule.copy_actions).toBeUndefined();
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
  // Without central copies the plan keeps one entry selecting every type by tag.
  expect(Object.keys(second.plans)).toEqual(["phi"]);
  expect(second.plans.phi).toMatchObject({
    selections: { tags: { phi: { tag_key: { "@@assign": "DataClassification" } } } },
  });
  expect(Object.keys(second.plans.phi.rules.daily.copy_actions as object)).toEqual([
    "arn:aws:backup:us-west-2:$account:backup-vault:lz-backup",
  ]);
  expect(
    rendered(plan({ ...daily, copyToCentral: false })).plans.phi.rules.daily.copy_actions,
  ).toBeUndefined();
  // With both copies, a two-step type's entry makes each in its own dimension: another account in the same
  // region, the same account in another region.
  const both = rendered(plan({ ...daily, copyToRegion: "us-west-2" }));
  expect(Object.keys(both.plans.phi_use1.rules.daily.copy_actions as object)).toEqual([
    CENTRAL_USE1,
    "arn:aws:backup:us-west-2:$account:backup-vault:lz-backup",
  ]);
});

it("names a region's entry by its short form, within AWS's 50 characters for a plan name", () => {
  expect(["us-east-1", "ap-southeast-2", "us-gov-west-1", "eu-central-1"].map(shortRegion)).toEqual([
    "use1",
    "apse2",
    "usgw1",
    "euc1",
  ]);
  expect(backupPlanEntry.region("a".repeat(40), "ap-southeast-2").length).toBeLessThanOrEqual(50);
});

it("denies deleting recovery points to everyone in every vault, and admits only the organization's copies centrally", () => {
  const deny = {
    Sid: "DenyRecoveryPointDeletion",
    Effect: "Deny",
    Principal: { AWS: "*" },
    Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:DeleteBackupVault"],
    Resource: "*",
  };
  expect(memberVaultPolicy("222222222222").Statement).toContainEqual(deny);
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
