// The access proofs and AWS service rules over the synthesized landing zone. What these tests prove: the policy
// simulator, fed the synthesized policies, decides each path as AWS's documented evaluation logic would, and each
// defect found by reading AWS's documentation, put back into the synthesized stacks, fails verification by name.
// They do not prove AWS behaves as documented; docs/verification.md lists what only a real deploy can show.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { LandingZoneConfig } from "../../src/config/schema";
import { SERVICE_RULES } from "../../src/verify/rules";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { failureLines, verifyLandingZone, VerifyReport } from "../../src/verify/verify";
import { exampleWithRegions, synthApp } from "../helpers/synth";

// Each case evaluates hundreds of paths (a few synthesize too): about a second alone, but on a loaded two-core
// machine one can pass jest's 5 s default.
jest.setTimeout(60_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const synthesized = synthApp(example);

type Block = Record<string, unknown>;
type Stacks = Map<string, { resource: Record<string, Record<string, Block>> }>;

function modelOf(config: LandingZoneConfig, stacks: ReadonlyMap<string, unknown>): SynthesizedLandingZone {
  return new SynthesizedLandingZone(stacks, allAccountNames(config.organization));
}

/** The example's synthesized stacks with one edit applied to a deep copy: a defect put back. */
async function verifyWith(edit: (stacks: Stacks) => void): Promise<VerifyReport> {
  const stacks = JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks))) as Record<
    string,
    unknown
  >;
  const map = new Map(Object.entries(stacks)) as Stacks;
  edit(map);
  return verifyLandingZone(example, modelOf(example, map));
}

/** The resources of a type in a stack whose construct path ends with `suffix`. */
function blocks(stacks: Stacks, stack: string, type: string, suffix = ""): Block[] {
  return Object.values(stacks.get(stack)!.resource[type] ?? {}).filter((b) =>
    ((b["//"] as { metadata: { path: string } }).metadata.path as string).endsWith(suffix),
  );
}

/** Edits a JSON policy argument in place. */
function editPolicy(block: Block, key: string, edit: (policy: { Statement: Block[] }) => void): void {
  const policy = JSON.parse(block[key] as string) as { Statement: Block[] };
  edit(policy);
  block[key] = JSON.stringify(policy);
}

function failedPaths(report: VerifyReport): string[] {
  return report.paths.filter((p) => !p.ok).map((p) => p.id);
}

function brokenRules(report: VerifyReport): Record<string, string[]> {
  return Object.fromEntries(
    report.rules.filter((r) => r.findings.length > 0).map((r) => [r.id, r.findings.map((f) => f.address)]),
  );
}

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

it("decides every path as expected with three governed regions", async () => {
  const config = exampleWithRegions(["us-east-1", "us-west-2", "eu-west-2"]);
  const report = await verifyLandingZone(config, modelOf(config, synthApp(config).stacks));
  expect(failureLines(report)).toEqual([]);
  expect(report.paths.map((p) => p.id)).toContain("guardduty-export-eu-west-2-write");
});

describe("hipaaEligibleServices listing only the workload services the example's paths use", () => {
  // The shortest list the example's workloads run on (S3, EC2, Lambda, ECR, SQS, Secrets Manager): every other service is denied in the
  // OUs that allow PHI. Every delivery, backup, replication, alert and permission-set path must still hold, or a
  // landing-zone role or service the deny forgot fails by name.
  const strict: LandingZoneConfig = {
    ...example,
    organization: {
      ...example.organization,
      hipaaEligibleServices: ["s3", "ec2", "lambda", "ecr", "sqs", "secretsmanager"].map((prefix) => ({
        prefix,
        checked: "2026-12-03",
      })),
    },
  };
  let report: VerifyReport;
  beforeAll(async () => {
    report = await verifyLandingZone(strict, modelOf(strict, synthApp(strict).stacks));
  });

  it("keeps every access path of the landing zone as expected", () => {
    expect(failureLines(report)).toEqual([]);
    expect(report.paths.length).toBeGreaterThan(500);
  });

  it("allows the listed and always-allowed services and the pipeline, and denies an unlisted service", () => {
    const decided = report.paths
      .filter((p) => p.id.startsWith("baa-services-"))
      .map((p) => [p.id, p.expect, p.ok]);
    expect(decided).toEqual([
      ["baa-services-phi-prod-listed", "allow", true],
      ["baa-services-phi-prod-exempt", "allow", true],
      ["baa-services-phi-prod-unlisted", "deny", true],
      ["baa-services-phi-prod-pipeline", "allow", true],
    ]);
  });

  it("fails by name when the deny forgets the findings forwarder role", async () => {
    const stacks = JSON.parse(JSON.stringify(Object.fromEntries(synthApp(strict).stacks))) as Record<
      string,
      unknown
    >;
    const map = new Map(Object.entries(stacks)) as Stacks;
    const [workloads] = blocks(map, "organization", "aws_organizations_policy").filter(
      (b) => b.name === "lz-phi-workloads",
    );
    editPolicy(workloads, "content", (policy) => {
      const deny = policy.Statement.find((s) => s.Sid === "DenyServicesOutsideTheBaa")!;
      const condition = deny.Condition as { ArnNotLike: { "aws:PrincipalARN": string[] } };
      condition.ArnNotLike["aws:PrincipalARN"] = condition.ArnNotLike["aws:PrincipalARN"].filter(
        (arn) => !arn.endsWith("-findings-forwarder"),
      );
    });
    const broken = await verifyLandingZone(strict, modelOf(strict, map));
    expect(failedPaths(broken)).toEqual(["findings-forward-put-events"]);
  });
});

it("verifies a configuration whose ledger keeps a removed account in Suspended", async () => {
  const config = {
    ...example,
    suspendedAccounts: [{ name: "retired-app", email: "aws+retired-app@example-health.org" }],
  };
  const report = await verifyLandingZone(config, modelOf(config, synthApp(config).stacks));
  expect(failureLines(report)).toEqual([]);
  expect(report.paths.map((p) => p.id)).toContain("scp-phi-dev-guardduty-DeleteDetector");
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
        decrypt.Resource = (decrypt.Resource as string[]).slice(0, 1);
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
    expect(failedPaths(report)).toEqual(["findings-data-key"]);
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

describe("the data perimeter and root access: each weakening fails verification, naming it", () => {
  const perimeterPolicy = (stacks: Stacks) =>
    blocks(stacks, "organization", "aws_organizations_policy", "lz-data-perimeter/policy")[0];
  const services = ["s3", "kms", "sqs", "secretsmanager", "sts"];

  it("the RCP detached from Root: outsiders with a resource policy grant get in", async () => {
    const report = await verifyWith((stacks) => {
      const resources = stacks.get("organization")!.resource;
      const attachments = resources.aws_organizations_policy_attachment;
      for (const [id, block] of Object.entries(attachments)) {
        const path = (block["//"] as { metadata: { path: string } }).metadata.path;
        if (path.endsWith("lz-data-perimeter/attach-Root")) delete attachments[id];
      }
    });
    // Without the RCP the team's grant stands; plain HTTP is refused by no other layer of these stand-in resources.
    expect(failedPaths(report)).toEqual([
      ...services.flatMap((s) => [`perimeter-${s}-outsider-denied`, `perimeter-${s}-plain-http-denied`]),
      "perimeter-foreign-service-request-denied",
    ]);
  });

  it("the confused-deputy statement removed: another organization's trail writes into a PHI account", async () => {
    const report = await verifyWith((stacks) =>
      editPolicy(perimeterPolicy(stacks), "content", (p) => {
        p.Statement = p.Statement.filter((s) => s.Sid !== "EnforceConfusedDeputyProtection");
      }),
    );
    expect(failedPaths(report)).toEqual(["perimeter-foreign-service-request-denied"]);
  });

  it("an identity perimeter that forgets AWS services: the trail, Config and replication stop", async () => {
    const report = await verifyWith((stacks) =>
      editPolicy(perimeterPolicy(stacks), "content", (p) => {
        const statement = p.Statement.find((s) => s.Sid === "EnforceOrgIdentities")!;
        delete (statement.Condition as Record<string, unknown>).BoolIfExists;
      }),
    );
    const failed = failedPaths(report);
    for (const id of [
      "trail-writes-organization-prefix",
      "trail-generates-data-keys",
      "config-phi-prod-us-west-2-write",
      "flow-logs-network-prod-write",
    ]) {
      expect(failed).toContain(id);
    }
    expect(failed.every((id) => !id.startsWith("perimeter-") && !id.startsWith("root-"))).toBe(true);
  });

  it("DenyRootUser without the AssumeRoot exception: the root task session is refused", async () => {
    const report = await verifyWith((stacks) => {
      const core = blocks(stacks, "organization", "aws_organizations_policy", "lz-core-guardrails/policy")[0];
      editPolicy(core, "content", (p) => {
        const statement = p.Statement.find((s) => s.Sid === "DenyRootUser")!;
        delete (statement.Condition as Record<string, unknown>).Null;
      });
    });
    expect(failedPaths(report)).toEqual(["root-task-session-allowed"]);
  });

  it("lz-phi-workloads without its function URL statement: a public URL in a PHI account", async () => {
    const report = await verifyWith((stacks) => {
      const phi = blocks(stacks, "organization", "aws_organizations_policy", "lz-phi-workloads/policy")[0];
      editPolicy(phi, "content", (p) => {
        p.Statement = p.Statement.filter((s) => s.Sid !== "DenyPublicFunctionUrls");
      });
    });
    expect(failedPaths(report)).toEqual([
      "phi-workloads-phi-prod-url-none",
      "phi-workloads-phi-prod-url-update-none",
    ]);
  });

  it("DenyRootUser removed: root signs in and does as it likes", async () => {
    const report = await verifyWith((stacks) => {
      const core = blocks(stacks, "organization", "aws_organizations_policy", "lz-core-guardrails/policy")[0];
      editPolicy(core, "content", (p) => {
        p.Statement = p.Statement.filter((s) => s.Sid !== "DenyRootUser");
      });
    });
    expect(failedPaths(report)).toEqual(["root-sign-in-denied"]);
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
