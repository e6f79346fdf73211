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
      expect.objectContaining({
        global_settings: {
          isCrossAccountBackupEnabled: "true",
          isMpaEnabled: "false",
          isDelegatedAdministratorEnabled: "true",
        },
      }),
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
      /^s\/backup: plans \(policy "lz-backup-phi"\), in characters: received \d+; expected at most 10000 characters \(limits\.backupPolicyMaxCharacters in organization\.yaml\); protect fewer regions per plan \(each protected region adds a plan entry for the types copied within their region, docs\/backup\.md\)$/,
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
          ["BackupAccountCopiesBackIn", "Allow"],
          ["DenyRecoveryPointDeletion", "Deny"],
        ]);
        // The runbook's copy back comes from the backup account's backup role, whatever account this is (a
        // replacement vended with `make vend` included).
        expect(policy(vaultPolicy).Statement[0].Condition).toEqual({
          ArnEquals: {
            "aws:PrincipalArn": expect.stringMatching(
              /^arn:aws:iam::\$\{[^}]*account-backup_account[^}]*\}:role\/lz-backup$/,
            ),
          },
        });
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

it("puts a central vault in every region copies land in, each locked under its own key, admitting the organization's copies", () => {
  const vaults = app.stacks.get("backup")!.resource.aws_backup_vault as Record<
    string,
    Record<string, unknown>
  >;
  const byName = Object.entries(vaults).map(([name, v]) => [name.split("_")[0], v.name, v.provider]);
  // The replica region's vault keeps the construct ID it was first deployed with; the home region's is new.
  expect(byName.sort()).toEqual([
    ["central-vault", "lz-central-backup", "aws.us-west-2"],
    ["central-vault-us-east-1", "lz-central-backup", "aws"],
  ]);
  expect(new Set(Object.values(vaults).map((v) => v.kms_key_arn)).size).toBe(2);
  expect(
    app
      .all("backup", "aws_backup_vault_lock_configuration")
      .map((l) => [l.changeable_for_days, l.min_retention_days, l.provider])
      .sort(),
  ).toEqual([
    [3, 35, "aws"],
    [3, 35, "aws.us-west-2"],
  ]);
  for (const vaultPolicy of app.all("backup", "aws_backup_vault_policy")) {
    expect(policy(vaultPolicy).Statement.map((s) => s.Sid)).toEqual([
      "OrganizationAccountsCopyIn",
      "DenyRecoveryPointDeletion",
    ]);
  }
  const [provider] = app.stacks.get("backup")!.provider.aws;
  expect(provider.assume_role).toEqual([
    expect.objectContaining({ role_arn: expect.stringMatching(/:role\/OrganizationAccountAccessRole$/) }),
  ]);
});

it("copies each recovery point only where AWS can: RDS and Aurora to the central vault in their own region", () => {
  const [backupPolicy] = app
    .all("organization", "aws_organizations_policy")
    .filter((p) => p.type === "BACKUP_POLICY");
  const content = JSON.parse(backupPolicy.content as string) as {
    plans: Record<
      string,
      { regions: { "@@assign": string[] }; rules: Record<string, { copy_actions?: object }> }
    >;
  };
  const copies = (entry: string) =>
    Object.values(content.plans[entry].rules).flatMap((r) => Object.keys(r.copy_actions ?? {}));
  expect(copies("phi_use1").every((arn) => arn.startsWith("arn:aws:backup:us-east-1:"))).toBe(true);
  expect(copies("phi").every((arn) => arn.startsWith("arn:aws:backup:us-west-2:"))).toBe(true);
});

describe("the backup account's job reports bucket", () => {
  const all = (type: string) => app.all("backup", type);
  const stack = app.stacks.get("backup")!;
  const named = (type: string, prefix: string) =>
    Object.entries(stack.resource[type] ?? {})
      .filter(([name]) => name.startsWith(prefix))
      .map(([, body]) => body);
  const [bucket] = named("aws_s3_bucket", "reports-bucket_");
  const reportsRole =
    /^arn:aws:iam::\$\{[^}]*account-backup_account[^}]*\}:role\/aws-service-role\/reports\.backup\.amazonaws\.com\/AWSServiceRoleForBackupReports$/;
  const bucketRef = /^\$\{aws_s3_bucket\.reports-bucket_[0-9A-F]+\.(id|bucket)\}$/;

  it("is a bucket of the backup account in the home region, kept from destroy", () => {
    expect(bucket).toMatchObject({
      bucket: expect.stringMatching(
        /^example-health-backup-reports-\$\{.*account-backup_account.*\}-us-east-1$/,
      ),
      object_lock_enabled: true,
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
    // The home region's provider, which assumes the deploy role in the backup account.
    expect(bucket.provider).toBe("aws");
    expect(stack.provider.aws.find((p) => p.alias === undefined)).toMatchObject({
      region: "us-east-1",
      assume_role: [
        expect.objectContaining({ role_arn: expect.stringMatching(/account-backup_account.*:role\//) }),
      ],
    });
  });

  it("locks every report in COMPLIANCE mode for the log archive's retention, versioned, public access blocked", () => {
    const byBucket = (type: string) => all(type).filter((r) => bucketRef.test(String(r.bucket)));
    expect(byBucket("aws_s3_bucket_object_lock_configuration")).toEqual([
      expect.objectContaining({
        rule: {
          default_retention: { mode: "COMPLIANCE", days: config.organization.logArchive.retentionDays },
        },
      }),
    ]);
    expect(byBucket("aws_s3_bucket_versioning")).toEqual([
      expect.objectContaining({ versioning_configuration: { status: "Enabled" } }),
    ]);
    expect(byBucket("aws_s3_bucket_public_access_block")).toEqual([
      expect.objectContaining({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
    ]);
    const [logging] = byBucket("aws_s3_bucket_logging");
    expect(logging).toMatchObject({
      target_bucket: expect.stringMatching(/^\$\{aws_s3_bucket\.reports-access-logs_bucket_\w+\.bucket\}$/),
      target_prefix: "backup-reports/",
    });
    // The access-log target takes SSE-S3 and no default retention, or S3 delivers nothing to it.
    const [accessLogs] = named("aws_s3_bucket", "reports-access-logs_bucket_");
    expect(accessLogs.object_lock_enabled).toBeUndefined();
    expect(accessLogs.bucket).toMatch(/^example-health-backup-reports-access-/);
  });

  it("encrypts under its own key, whose policy lets only Audit Manager's role generate data keys and decrypt, through S3", () => {
    const [encryption] = all("aws_s3_bucket_server_side_encryption_configuration").filter((r) =>
      bucketRef.test(String(r.bucket)),
    );
    const rule = (encryption.rule as Array<Record<string, Record<string, string>>>)[0];
    expect(rule.apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: "aws:kms",
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.reports-key_[0-9A-F]+\.arn\}$/),
    });
    const [key] = named("aws_kms_key", "reports-key_");
    expect(key).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(all("aws_kms_alias").map((a) => a.name)).toContain("alias/example-health/backup-reports");
    const statements = policy(key).Statement;
    expect(statements[0].Sid).toBe("KeyAdministrationByPipelineAndBreakGlass");
    const uses = statements.slice(1);
    expect(uses.map((s) => s.Sid)).toEqual([
      "BackupAuditReportsEncryptViaS3",
      "BackupAccountReadersDecryptViaS3",
    ]);
    expect(uses[0]).toEqual({
      Sid: "BackupAuditReportsEncryptViaS3",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: {
        ArnEquals: { "aws:PrincipalArn": expect.stringMatching(reportsRole) },
        StringEquals: {
          "aws:PrincipalAccount": expect.stringContaining("account-backup_account"),
          "kms:ViaService": "s3.us-east-1.amazonaws.com",
        },
      },
    });
    // Nobody else encrypts: the readers' statement decrypts only, through S3, within the backup account.
    expect(uses[1]).toMatchObject({
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Principal: { AWS: expect.stringMatching(/account-backup_account.*:root$/) },
      Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
    });
  });

  it("lets Audit Manager's role write only under backup-reports/, and nobody delete a report", () => {
    const [bucketPolicy] = all("aws_s3_bucket_policy").filter((r) => bucketRef.test(String(r.bucket)));
    const statements = policy(bucketPolicy).Statement;
    expect(statements.filter((s) => s.Effect === "Allow")).toEqual([
      {
        Sid: "BackupAuditReportsWrite",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "s3:PutObject",
        Resource: expect.stringMatching(
          /^\$\{aws_s3_bucket\.reports-bucket_[0-9A-F]+\.arn\}\/backup-reports\/\*$/,
        ),
        Condition: {
          ArnEquals: { "aws:PrincipalArn": expect.stringMatching(reportsRole) },
          StringEquals: { "aws:PrincipalAccount": expect.stringContaining("account-backup_account") },
        },
      },
    ]);
    expect(statements.filter((s) => s.Effect === "Deny").map((s) => s.Sid)).toEqual([
      "DenyInsecureTransport",
      "DenyTlsBelow12",
      "DenyDeletingLogs",
      "DenyChangingWriteOnceSettings",
    ]);
  });

  it("is where every report plan delivers, keeping the plans' construct IDs", () => {
    const plans = stack.resource.aws_backup_report_plan as Record<string, Record<string, unknown>>;
    expect(
      Object.keys(plans)
        .map((id) => id.replace(/_[0-9A-F]+$/, ""))
        .sort(),
    ).toEqual(["reports_lz_backup_jobs", "reports_lz_copy_jobs", "reports_lz_restore_jobs"]);
    expect(
      Object.values(plans)
        .map((p) => (p.report_setting as { report_template: string }).report_template)
        .sort(),
    ).toEqual(["BACKUP_JOB_REPORT", "COPY_JOB_REPORT", "RESTORE_JOB_REPORT"]);
    for (const plan of Object.values(plans)) {
      expect(plan.report_delivery_channel).toEqual({
        s3_bucket_name: expect.stringMatching(bucketRef),
        s3_key_prefix: "backup-reports",
        formats: ["CSV"],
      });
      const setting = plan.report_setting as { accounts: string[]; regions: string[] };
      expect(setting.accounts).toHaveLength(config.organization.accounts.length);
      expect(setting.regions).toEqual(["us-east-1", "us-west-2"]);
    }
  });

  it("leaves the log archive's bucket and key admitting no Backup Audit Manager role", () => {
    const archivePolicies = app.all("log-archive", "aws_s3_bucket_policy").map((p) => String(p.policy));
    const keys = app.all("security", "aws_kms_key").map((k) => String(k.policy));
    for (const text of [...archivePolicies, ...keys])
      expect(text).not.toContain("AWSServiceRoleForBackupReports");
  });
});
