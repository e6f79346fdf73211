// The access proofs and AWS service rules over the synthesized landing zone. What these tests prove: the policy
// simulator, fed the synthesized policies, decides each path as AWS's documented evaluation logic would, and each
// defect found by reading AWS's documentation, put back into the synthesized stacks, fails verification by name.
// They do not prove AWS behaves as documented; docs/verification.md lists what only a real deploy can show.
// Other configurations are in verify-configurations.test.ts and the data perimeter's defects in
// verify-perimeter.test.ts, which re-decide every path several times: apart, jest can run them side by side.
import { SERVICE_RULES } from "../../src/verify/rules";
import { failureLines, verifyLandingZone, VerifyReport } from "../../src/verify/verify";
import {
  Block,
  blocks,
  brokenRules,
  editPolicy,
  example,
  failedPaths,
  modelOf,
  verifyWith,
} from "../helpers/defects";
import { synthApp } from "../helpers/synth";

// Each case evaluates hundreds of paths, about a second alone (only the requests an edit changes are simulated);
// the first decides every one, a minute on a loaded two-core machine when no file of its worker did so before.
jest.setTimeout(180_000);

const synthesized = synthApp(example);

describe("the example configuration", () => {
  let report: VerifyReport;
  beforeAll(async () => {
    report = await verifyLandingZone(example, modelOf(example, synthesized.stacks));
  });

  it("decides every access path as expected and breaks no AWS service rule", () => {
    expect(failureLines(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.rules.map((r) => r.id)).toEqual(SERVICE_RULES.map((r) => r.id));
  });

  it("holds at least 60 paths, a third of them denials, evaluating shared policies once", () => {
    expect(report.paths.length).toBeGreaterThanOrEqual(60);
    expect(report.paths.filter((p) => p.expect === "deny").length * 3).toBeGreaterThanOrEqual(
      report.paths.length,
    );
    expect(report.simulations).toBeLessThan(report.paths.length);
    for (const p of report.paths) expect([p.id, p.doc]).toEqual([p.id, expect.stringMatching(/^https:\/\//)]);
  });

  it("covers each delivery, key, alert and perimeter the issue names", () => {
    const ids = report.paths.map((p) => p.id);
    for (const id of [
      "trail-writes-management-prefix",
      "trail-writes-organization-prefix",
      "trail-generates-data-keys",
      "config-phi-prod-us-west-2-write",
      "flow-logs-network-prod-write",
      "query-logs-network-prod-data-key",
      "guardduty-export-us-west-2-data-key",
      "findings-data-key",
      "alarms-data-key",
      "logs-encrypts-trail-log-group",
      "phi-key-prod-phi-prod-logs",
      "ebs-baseline-phi-prod-us-west-2-autoscaling-grant",
      "endpoint-prod-ecr.dkr-guardduty-agent",
      "endpoint-prod-sts-web-identity",
      "scp-phi-prod-cloudtrail-StopLogging",
      "set-PHIReadOnly-phi-staging-decrypt-prod-phi-key",
      "perimeter-s3-outsider-denied",
      "perimeter-kms-member-allowed",
      "root-task-session-allowed",
    ]) {
      expect(ids).toContain(id);
    }
  });
});

describe("each defect put back fails verification, naming it", () => {
  it("AWS Config delivering to the Object Lock archive", async () => {
    const report = await verifyWith((stacks) => {
      const channel = blocks(
        stacks,
        "baseline-phi-prod",
        "aws_config_delivery_channel",
        "delivery-us-east-1",
      )[0];
      // The trail's bucket argument names the archive through the log-archive stack's outputs, as this did.
      channel.s3_bucket_name = blocks(stacks, "organization-trail", "aws_cloudtrail")[0].s3_bucket_name;
    });
    expect(brokenRules(report)).toEqual({
      "config-delivery-no-object-lock": [
        expect.stringMatching(/^baseline-phi-prod: aws_config_delivery_channel\.config_delivery-us-east-1/),
      ],
    });
    expect(failureLines(report)[0]).toMatch(/AWS Config does not support delivery to such a bucket/);
  });

  it("the replication role unable to decrypt the trail's log files", async () => {
    const report = await verifyWith((stacks) => {
      const policy = blocks(stacks, "log-archive", "aws_iam_policy")[0];
      editPolicy(policy, "policy", (p) => {
        const decrypt = p.Statement.find((s) => s.Sid === "DecryptEverySourceKey")!;
        decrypt.Resource = (decrypt.Resource as string[]).filter(
          (arn) => !arn.includes("keys_cloudtrail_key"),
        );
      });
    });
    expect(failedPaths(report)).toEqual([
      expect.stringMatching(/^replication-example-health-log-archive-\d+-us-east-1-decrypt-cloudtrail$/),
    ]);
    expect(report.paths.find((p) => !p.ok)!.title).toMatch(/written with the cloudtrail key/);
    expect(Object.keys(brokenRules(report))).toEqual(["replication-kms-keys"]);
  });

  it("the findings key admitting EventBridge only with aws:SourceAccount", async () => {
    const report = await verifyWith((stacks) => {
      editPolicy(blocks(stacks, "detective-controls", "aws_kms_key")[0], "policy", (p) => {
        p.Statement[1].Condition = { StringEquals: { "aws:SourceAccount": "100000000003" } };
      });
    });
    // Both rules that publish to the findings topic: Security Hub's and Inspector's.
    expect(failedPaths(report)).toEqual(["findings-data-key", "inspector-findings-data-key"]);
  });

  it("EBS default keys that do not admit the Auto Scaling service-linked role", async () => {
    const report = await verifyWith((stacks) => {
      const key = blocks(stacks, "baseline-phi-prod", "aws_kms_key", "ebs-key-us-east-1/key")[0];
      editPolicy(key, "policy", (p) => {
        p.Statement = p.Statement.filter((s) => !(s.Sid as string).startsWith("AutoScaling"));
      });
    });
    expect(failedPaths(report)).toEqual([
      "ebs-baseline-phi-prod-us-east-1-autoscaling-grant",
      "ebs-baseline-phi-prod-us-east-1-autoscaling-data-key",
    ]);
  });

  it("endpoint policies without AWS's own resources", async () => {
    const report = await verifyWith((stacks) => {
      for (const endpoint of blocks(stacks, "network-prod", "aws_vpc_endpoint")) {
        editPolicy(endpoint, "policy", (p) => {
          p.Statement = p.Statement.slice(0, 1);
        });
      }
    });
    expect(failedPaths(report)).toEqual([
      "endpoint-prod-s3-aws-ssm",
      "endpoint-prod-s3-amazon-ssm",
      "endpoint-prod-s3-patch-baseline-snapshot",
      "endpoint-prod-s3-amazonlinux-2-repos",
      "endpoint-prod-s3-al2023-repos-de612dc2",
      "endpoint-prod-s3-prod-starport-layer-bucket",
      "endpoint-prod-ecr.api-eks-addon",
      "endpoint-prod-ecr.dkr-guardduty-agent",
      "endpoint-prod-sts-web-identity",
    ]);
  });

  it("Security Hub linking every region", async () => {
    const report = await verifyWith((stacks) => {
      const aggregator = blocks(stacks, "detective-controls", "aws_securityhub_finding_aggregator")[0];
      aggregator.linking_mode = "ALL_REGIONS";
      delete aggregator.specified_regions;
    });
    expect(brokenRules(report)).toEqual({
      "security-hub-linked-regions": [
        expect.stringMatching(/^detective-controls: aws_securityhub_finding_aggregator\./),
      ],
    });
    expect(failureLines(report)).toEqual([
      expect.stringContaining("links ALL_REGIONS; expected SPECIFIED_REGIONS with us-west-2"),
    ]);
  });

  it("SecurityResponder granted GuardDuty filters, which lz-protect-security-services denies it", async () => {
    const report = await verifyWith((stacks) => {
      const inline = blocks(
        stacks,
        "identity-center",
        "aws_ssoadmin_permission_set_inline_policy",
        "set-SecurityResponder/inline",
      )[0];
      editPolicy(inline, "inline_policy", (p) => {
        (p.Statement[0].Action as string[]).push("guardduty:CreateFilter", "guardduty:UpdateFilter");
      });
    });
    expect(failedPaths(report)).toEqual([
      "set-SecurityResponder-security-tooling-grants-guardduty-CreateFilter",
      "set-SecurityResponder-security-tooling-grants-guardduty-UpdateFilter",
    ]);
    expect(report.paths.find((p) => !p.ok)!.because).toEqual([
      "SCP at Root lz-protect-security-services: DenyGuardDutyChanges",
    ]);
  });

  it("CloudTrail's delegated administrator registered through Organizations", async () => {
    const report = await verifyWith((stacks) => {
      const org = stacks.get("organization")!.resource;
      org.aws_organizations_delegated_administrator.reverted = {
        "//": { metadata: { path: "organization/delegated-admins/cloudtrail" } },
        account_id: "100000000003",
        service_principal: "cloudtrail.amazonaws.com",
      };
    });
    expect(brokenRules(report)).toEqual({
      "cloudtrail-delegated-admin": ["organization: aws_organizations_delegated_administrator.reverted"],
    });
  });

  it("management-account key policies taking their administrator from the deploying session", async () => {
    const report = await verifyWith((stacks) => {
      const key = blocks(stacks, "organization-trail", "aws_kms_key", "sns-alarms-key/key")[0];
      editPolicy(key, "policy", (p) => {
        const admin = p.Statement[0].Condition as { ArnLike: { "aws:PrincipalArn": string[] } };
        admin.ArnLike["aws:PrincipalArn"][0] = "${data.aws_iam_session_context.deployer.issuer_arn}";
      });
    });
    expect(brokenRules(report)).toEqual({
      "key-policies-known-at-synth": [
        expect.stringMatching(/^organization-trail: aws_kms_key\.sns-alarms-key_/),
      ],
    });
    // The alarm topic's paths cannot be evaluated, so they fail; they are never skipped.
    expect(report.paths.filter((p) => !p.ok).map((p) => [p.id, p.decided])).toEqual([
      ["alarms-data-key", "error"],
      ["backup-failures-data-key", "error"],
    ]);
  });

  it("the versioned access-log bucket expiring without removing noncurrent versions", async () => {
    const report = await verifyWith((stacks) => {
      const lifecycle = blocks(
        stacks,
        "log-archive",
        "aws_s3_bucket_lifecycle_configuration",
        "access-logs/lifecycle",
      )[0];
      for (const rule of lifecycle.rule as Block[]) delete rule.noncurrent_version_expiration;
    });
    expect(Object.keys(brokenRules(report))).toEqual(["noncurrent-version-expiry"]);
  });

  it("a PHI data key that CloudWatch Logs cannot use", async () => {
    const report = await verifyWith((stacks) => {
      const key = blocks(stacks, "security", "aws_kms_key", "phi-data-prod/key")[0];
      editPolicy(key, "policy", (p) => {
        p.Statement = p.Statement.filter((s) => s.Sid !== "CloudWatchLogsEncryptsEnvironmentLogGroups");
      });
    });
    expect(failedPaths(report)).toEqual([
      "phi-key-prod-phi-prod-logs",
      "phi-logs-service-decrypts-prod-phi-prod",
    ]);
  });

  it("an archive whose versions an administrator could delete", async () => {
    const report = await verifyWith((stacks) => {
      const policy = blocks(stacks, "log-archive", "aws_s3_bucket_policy", "archive/policy")[0];
      editPolicy(policy, "policy", (p) => {
        p.Statement = p.Statement.filter((s) => s.Sid !== "DenyDeletingLogs");
      });
    });
    expect(failedPaths(report)).toEqual([
      expect.stringMatching(
        /^archive-example-health-log-archive-\d+-us-east-1-platform-admin-DeleteObjectVersion$/,
      ),
      expect.stringMatching(/^archive-example-health-log-archive-\d+-us-east-1-admin-DeleteObjectVersion$/),
      expect.stringMatching(/^archive-example-health-log-archive-\d+-us-east-1-pipeline-delete-version$/),
    ]);
  });
});

describe("Backup Audit Manager's job reports: each defect put back fails verification, naming it", () => {
  it("report plans delivering into the log archive, in another account than their service-linked role", async () => {
    const report = await verifyWith((stacks) => {
      for (const plan of blocks(stacks, "backup", "aws_backup_report_plan")) {
        const channel = plan.report_delivery_channel as Block;
        channel.s3_bucket_name = "example-health-log-archive-100000000002-us-east-1";
      }
    });
    // AWSServiceRolePolicyForBackupReports allows neither s3:PutObject nor any KMS action, and a request into
    // another account needs the caller's own Allow.
    expect(failedPaths(report)).toEqual(["backup-reports-write", "backup-reports-data-key"]);
  });

  it("the reports key without its statement for Audit Manager's service-linked role", async () => {
    const report = await verifyWith((stacks) => {
      editPolicy(blocks(stacks, "backup", "aws_kms_key", "reports-key/key")[0], "policy", (p) => {
        p.Statement = p.Statement.filter((s) => s.Sid !== "BackupAuditReportsEncryptViaS3");
      });
    });
    expect(failedPaths(report)).toEqual(["backup-reports-data-key"]);
  });

  it("the reports bucket admitting the role outside its prefix", async () => {
    const report = await verifyWith((stacks) => {
      editPolicy(
        blocks(stacks, "backup", "aws_s3_bucket_policy", "reports-bucket/policy")[0],
        "policy",
        (p) => {
          const write = p.Statement.find((s) => s.Sid === "BackupAuditReportsWrite")!;
          write.Resource = (write.Resource as string).replace(/\/backup-reports\/\*$/, "/*");
        },
      );
    });
    expect(failedPaths(report)).toEqual(["backup-reports-elsewhere-denied"]);
  });
});

describe("the contingency chain: each defect put back fails verification, naming it", () => {
  let baseline: string[];
  beforeAll(async () => {
    baseline = (await verifyWith(() => undefined)).paths.map((p) => p.id);
  });
  const expected = (pattern: RegExp) => {
    const ids = baseline.filter((id) => pattern.test(id));
    expect(ids.length).toBeGreaterThan(0);
    return ids;
  };

  it("the PHI data key admitting only its environment: the backup account cannot copy its snapshots", async () => {
    const report = await verifyWith((stacks) => {
      editPolicy(blocks(stacks, "security", "aws_kms_key", "keys/phi-data-prod/key")[0], "policy", (p) => {
        p.Statement = p.Statement.filter((s) => !String(s.Sid).startsWith("BackupAccount"));
      });
    });
    expect(failedPaths(report)).toEqual(
      expected(/^backup-central-phi-data-prod-.*-via-(ec2|rds)-(role|slr)-(read|grant)$/),
    );
  });

  it("a member vault without the copy back: the backup account cannot copy into phi-prod's vaults", async () => {
    const report = await verifyWith((stacks) => {
      for (const vault of blocks(stacks, "baseline-phi-prod", "aws_backup_vault_policy")) {
        editPolicy(vault, "policy", (p) => {
          p.Statement = p.Statement.filter((s) => s.Sid !== "BackupAccountCopiesBackIn");
        });
      }
    });
    expect(failedPaths(report)).toEqual(expected(/^backup-copy-back-phi-prod-.*-copy-in$/));
  });

  it("lz-backup without its vault-key policy: phi-prod's copies cannot be encrypted under the central vaults' keys", async () => {
    const report = await verifyWith((stacks) => {
      for (const policy of blocks(stacks, "baseline-phi-prod", "aws_iam_policy", "role-vault-keys/policy")) {
        editPolicy(policy, "policy", (p) => {
          p.Statement = [];
        });
      }
    });
    expect(failedPaths(report)).toEqual(expected(/^backup-central-phi-prod-.*-vault-key$/));
  });
});

describe("AWS service rules (the example is each rule's compliant case)", () => {
  it("a conformance pack template over 51,200 bytes", async () => {
    const report = await verifyWith((stacks) => {
      const pack = blocks(stacks, "detective-controls", "aws_config_organization_conformance_pack")[0];
      pack.template_body = `${pack.template_body as string}\n# ${"x".repeat(51_200)}`;
    });
    expect(brokenRules(report)).toEqual({
      "conformance-pack-size": [
        expect.stringMatching(/^detective-controls: aws_config_organization_conformance_pack\./),
      ],
    });
  });

  it("a conformance pack template with more than 130 rules", async () => {
    const report = await verifyWith((stacks) => {
      const pack = blocks(stacks, "detective-controls", "aws_config_organization_conformance_pack")[0];
      const extra = Array.from(
        { length: 131 },
        (_, i) => `  Extra${i}:\n    Type: AWS::Config::ConfigRule\n    Properties: {}\n`,
      ).join("");
      pack.template_body = (pack.template_body as string).replace("Resources:\n", `Resources:\n${extra}`);
    });
    expect(brokenRules(report)).toEqual({
      "conformance-pack-size": [
        // Well under 51,200 bytes: only the rule count breaks it.
        expect.stringMatching(/^detective-controls: aws_config_organization_conformance_pack\./),
      ],
    });
  });

  it("a permission set inline policy over 10,240 characters", async () => {
    const report = await verifyWith((stacks) => {
      const inline = blocks(
        stacks,
        "identity-center",
        "aws_ssoadmin_permission_set_inline_policy",
        "set-Developer/inline",
      )[0];
      editPolicy(inline, "inline_policy", (p) => {
        p.Statement.push({
          Sid: "Padding",
          Effect: "Deny",
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:::${"p".repeat(10_300)}`,
        });
      });
    });
    expect(Object.keys(brokenRules(report))).toEqual(["permission-set-inline-size"]);
  });

  it("an access-log target with Object Lock default retention or SSE-KMS", async () => {
    const report = await verifyWith((stacks) => {
      const archiveLock = blocks(
        stacks,
        "log-archive",
        "aws_s3_bucket_object_lock_configuration",
        "archive/object-lock",
      )[0];
      const accessLogs = blocks(stacks, "log-archive", "aws_s3_bucket", "access-logs/bucket")[0];
      const res = stacks.get("log-archive")!.resource;
      res.aws_s3_bucket_object_lock_configuration.access_lock = { ...archiveLock, bucket: accessLogs.bucket };
      const sse = blocks(
        stacks,
        "log-archive",
        "aws_s3_bucket_server_side_encryption_configuration",
        "access-logs/encryption",
      )[0];
      (sse.rule as Array<Record<string, Block>>)[0].apply_server_side_encryption_by_default = {
        sse_algorithm: "aws:kms",
      };
    });
    // Both buckets logging there (the archive and the Config ingest bucket) are reported, each for both defects.
    expect(report.rules.find((r) => r.id === "access-log-target")!.findings.map((f) => f.message)).toEqual([
      expect.stringContaining("has an Object Lock default retention"),
      expect.stringContaining("whose default encryption is not SSE-S3"),
      expect.stringContaining("has an Object Lock default retention"),
      expect.stringContaining("whose default encryption is not SSE-S3"),
    ]);
  });

  it("a delivery key in another region than its bucket", async () => {
    const report = await verifyWith((stacks) => {
      const channel = blocks(
        stacks,
        "baseline-sandbox",
        "aws_config_delivery_channel",
        "delivery-us-west-2",
      )[0];
      const replica = Object.keys(
        (stacks.get("security") as unknown as { output: Record<string, unknown> }).output,
      ).find((k) => k.includes("log-archive-replica_key") && k.endsWith("arn"))!;
      channel.s3_kms_key_arn = `\${data.terraform_remote_state.cross-stack-reference-input-security.outputs.${replica}}`;
    });
    expect(brokenRules(report)).toEqual({
      "delivery-key-region": [
        expect.stringMatching(/^baseline-sandbox: aws_config_delivery_channel\.config_delivery-us-west-2/),
      ],
      // Objects written with that key could not be replicated either.
      "replication-kms-keys": [
        expect.stringMatching(
          /^log-archive: aws_s3_bucket_replication_configuration\.log-archive_config-ingest-replication_/,
        ),
      ],
    });
  });
});
