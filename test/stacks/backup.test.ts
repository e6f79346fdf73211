// The contingency plan as synthesized for the example: the organization's backup policies and where they are
// attached, each member account's locked vaults and backup role, restore tests and the audit framework in PHI
// accounts, and the backup account's central vault. Proves what Terraform is asked to apply.
import { TerraformStack, Testing } from "cdktf";
import { BACKUP_ROLE_MANAGED_POLICIES } from "../../modules/account-backup";
import { OrganizationBackup } from "../../modules/organization-backup";
import { resolvedBackupPlans } from "../../src/config/model";
import { DEFAULT_BACKUP_PLAN } from "../../src/policies/backup-policies";
import { PolicyDocument } from "../../src/policies/policy-document";
import { ORGANIZATION_POLICY_QUOTAS } from "../../src/policies/policy-kinds";
import { exampleWithRegions, synthApp } from "../helpers/synth";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

const config = exampleWithRegions(["us-east-1", "us-west-2"]);
const app = synthApp(config);
const policy = (r: Record<string, unknown>, key = "policy") => JSON.parse(r[key] as string) as PolicyDocument;

describe("the organization stack", () => {
  const all = (type: string) => app.all("organization", type);

  it("enables backup policies and trusts AWS Backup", () => {
    const [organization] = all("aws_organizations_organization");
    expect(organization.enabled_policy_types).toContain("BACKUP_POLICY");
    expect(organization.aws_service_access_principals).toContain("backup.amazonaws.com");
  });

  it("renders one backup policy per plan, attached to the OUs that hold the PHI environments", () => {
    const policies = all("aws_organizations_policy").filter((p) => p.type === "BACKUP_POLICY");
    expect(policies.map((p) => p.name)).toEqual(["lz-backup-phi"]);
    expect(policies.map((p) => p.description)).toEqual([
      "Backup plan phi: daily cron(0 5 ? * * *) kept 35 days; monthly cron(0 5 1 * ? *) kept 2192 days",
    ]);
    const content = JSON.parse(policies[0].content as string);
    expect(content.plans.phi.regions).toEqual({ "@@assign": ["us-east-1", "us-west-2"] });
    expect(resolvedBackupPlans(config).map((p) => p.ous)).toEqual([["Workloads/Prod", "Workloads/NonProd"]]);
    const attachments = all("aws_organizations_policy_attachment").filter((a) =>
      String(a.policy_id).includes("backup_policy-phi"),
    );
    expect(attachments).toHaveLength(2);
  });

  it("makes the backup account AWS Backup's delegated administrator and turns cross-account backup on", () => {
    expect(all("aws_organizations_delegated_administrator").map((d) => d.service_principal)).toContain(
      "backup.amazonaws.com",
    );
    expect(all("aws_backup_global_settings")).toEqual([
      expect.objectContaining({ global_settings: { isCrossAccountBackupEnabled: "true" } }),
    ]);
  });

  it("refuses a plan whose policy exceeds AWS's 10,000-character quota, naming the construct and the policy", () => {
    const scope = new TerraformStack(Testing.app(), "s");
    const provider = new AwsProvider(scope, "aws", { region: "us-east-1" });
    const regions = Array.from({ length: 1000 }, () => "us-east-1");
    expect(
      () =>
        new OrganizationBackup(scope, "backup", {
          plans: [
            {
              plan: { ...DEFAULT_BACKUP_PLAN, rules: [...DEFAULT_BACKUP_PLAN.rules], regions },
              regions,
              environments: ["prod"],
              ous: [],
            },
          ],
          central: { accountId: "111122223333", region: "us-west-2" },
          resolveTarget: () => "ou-1",
          homeProvider: provider,
          maxCharacters: ORGANIZATION_POLICY_QUOTAS.backupPolicyMaxCharacters,
          dependsOn: [],
        }),
    ).toThrow(
      /^s\/backup: plans \(policy "lz-backup-phi"\), in characters: received \d+; expected at most 10000 characters \(limits\.backupPolicyMaxCharacters in organization\.yaml\); protect fewer regions per plan$/,
    );
  });
});

describe.each(["phi-prod", "phi-staging", "phi-dev", "backup", "log-archive"])(
  "the %s baseline",
  (account) => {
    const all = (type: string) => app.all(`baseline-${account}`, type);
    const phi = ["phi-prod", "phi-staging"].includes(account);

    it("has the lz-backup vault in every governed region, encrypted with its own key, locked in COMPLIANCE mode", () => {
      expect(all("aws_backup_vault")).toHaveLength(2);
      for (const vault of all("aws_backup_vault")) {
        expect(vault).toMatchObject({
          name: "lz-backup",
          force_destroy: false,
          lifecycle: { prevent_destroy: true },
        });
        expect(String(vault.kms_key_arn)).toMatch(/aws_kms_key\.backup_vault-/);
      }
      expect(all("aws_backup_vault_lock_configuration")).toEqual([
        expect.objectContaining({ changeable_for_days: 3, min_retention_days: 35 }),
        expect.objectContaining({ changeable_for_days: 3, min_retention_days: 35 }),
      ]);
      for (const vaultPolicy of all("aws_backup_vault_policy")) {
        expect(policy(vaultPolicy).Statement.map((s) => [s.Sid, s.Effect])).toEqual([
          ["DenyRecoveryPointDeletion", "Deny"],
        ]);
      }
    });

    it("has the role AWS Backup assumes, with AWS's backup and restore policies", () => {
      const [role] = all("aws_iam_role").filter((r) => r.name === "lz-backup");
      expect(policy(role, "assume_role_policy").Statement).toEqual([
        {
          Sid: "AwsBackupAssumes",
          Effect: "Allow",
          Principal: { Service: "backup.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ]);
      const attached = all("aws_iam_role_policy_attachment").map((a) => a.policy_arn);
      for (const arn of BACKUP_ROLE_MANAGED_POLICIES) expect(attached).toContain(arn);
    });

    it(
      phi
        ? "tests restores monthly of each protected type, and evaluates the audit framework"
        : "has no restore tests",
      () => {
        const plans = all("aws_backup_restore_testing_plan");
        if (!phi) {
          expect(plans).toEqual([]);
          expect(all("aws_backup_framework")).toEqual([]);
          return;
        }
        expect(plans).toEqual([
          expect.objectContaining({
            name: "lz_restore_testing",
            schedule_expression: "cron(0 12 1 * ? *)",
            recovery_point_selection: [expect.objectContaining({ algorithm: "LATEST_WITHIN_WINDOW" })],
          }),
        ]);
        expect(
          all("aws_backup_restore_testing_selection")
            .map((s) => [s.protected_resource_type, s.validation_window_hours])
            .sort(),
        ).toEqual([
          ["DynamoDB", 24],
          ["EBS", 24],
          ["EFS", 24],
          ["RDS", 24],
          ["S3", 24],
        ]);
        const [framework] = all("aws_backup_framework");
        expect((framework.control as Array<{ name: string }>).map((c) => c.name)).toContain(
          "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
        );
      },
    );
  },
);

it("leaves the management account without a vault: backup policies do not reach it", () => {
  expect(app.all("baseline-management", "aws_backup_vault")).toEqual([]);
});

it("puts the central vault in the backup account's replica region, locked, admitting the organization's copies", () => {
  const [vault] = app.all("backup", "aws_backup_vault");
  expect(vault).toMatchObject({ name: "lz-central-backup", provider: "aws.us-west-2" });
  expect(app.all("backup", "aws_backup_vault_lock_configuration")).toEqual([
    expect.objectContaining({ changeable_for_days: 3, min_retention_days: 35, provider: "aws.us-west-2" }),
  ]);
  const [vaultPolicy] = app.all("backup", "aws_backup_vault_policy");
  expect(policy(vaultPolicy).Statement.map((s) => s.Sid)).toEqual([
    "OrganizationAccountsCopyIn",
    "DenyRecoveryPointDeletion",
  ]);
  const [provider] = app.stacks.get("backup")!.provider.aws;
  expect(provider.assume_role).toEqual([
    expect.objectContaining({ role_arn: expect.stringMatching(/:role\/OrganizationAccountAccessRole$/) }),
  ]);
});

it("delivers the organization's backup, copy and restore job reports from the backup account into the log archive", () => {
  const plans = app.all("backup", "aws_backup_report_plan");
  expect(plans.map((p) => (p.report_setting as { report_template: string }).report_template).sort()).toEqual([
    "BACKUP_JOB_REPORT",
    "COPY_JOB_REPORT",
    "RESTORE_JOB_REPORT",
  ]);
  for (const plan of plans) {
    expect(plan.report_delivery_channel).toEqual({
      s3_bucket_name: expect.stringContaining("log-archive"),
      s3_key_prefix: "backup-reports",
      formats: ["CSV", "JSON"],
    });
    const setting = plan.report_setting as { accounts: string[]; regions: string[] };
    expect(setting.accounts).toHaveLength(config.organization.accounts.length);
    expect(setting.regions).toEqual(["us-east-1", "us-west-2"]);
  }
  const [bucketPolicy] = app
    .all("log-archive", "aws_s3_bucket_policy")
    .filter((p) => String(p.bucket).includes("aws_s3_bucket.log-archive_bucket_"));
  const write = policy(bucketPolicy).Statement.find((s) => s.Sid === "BackupAuditReportsWrite")!;
  expect(write).toMatchObject({
    Action: "s3:PutObject",
    Resource: expect.stringMatching(/\/backup-reports\/\*$/),
    Condition: {
      ArnEquals: {
        "aws:PrincipalArn": expect.stringMatching(
          /:role\/aws-service-role\/reports\.backup\.amazonaws\.com\/AWSServiceRoleForBackupReports$/,
        ),
      },
      StringEquals: { "aws:PrincipalOrgID": expect.stringContaining("aws_organizations") },
    },
  });
});
