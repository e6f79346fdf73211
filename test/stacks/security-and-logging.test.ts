// The security, log-archive and organization-trail stacks as synthesized: per-purpose keys with rotation and
// least-privilege policies, the write-once archive and its replica, the organization trail, alarms and topic.
import * as path from "path";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { S3BucketObjectLockConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { loadConfig } from "../../src/config/load";
import { KEY_ADMIN_ACTIONS } from "../../src/policies/kms-policies";
import { PolicyDocument } from "../../src/policies/policy-document";
import { securityAlarms } from "../../src/policies/alarm-patterns";
import { synthApp, SynthesizedStackJson } from "../helpers/synth";

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
// The whole app is synthesized as `make synth` does, so cross-stack references appear as they deploy: remote-state
// lookups of the organization and security stacks' outputs.
const synthesized = synthApp(example);
const synth = (stack: string) => {
  const json = synthesized.stacks.get(stack)!;
  return { json, text: JSON.stringify(json) };
};
const security = synth("security");
const logArchive = synth("log-archive");
const trail = synth("organization-trail");
const all = (json: SynthesizedStackJson, type: string) => Object.values(json.resource[type] ?? {});
const policyOf = (r: Record<string, unknown>, key = "policy") =>
  JSON.parse(r[key] as string) as PolicyDocument;

describe("central keys (security-tooling account)", () => {
  const keys = all(security.json, "aws_kms_key");

  it("creates one key per purpose and one PHI data key per environment, with aliases that say what they are for", () => {
    expect(
      all(security.json, "aws_kms_alias")
        .map((a) => a.name)
        .sort(),
    ).toEqual([
      "alias/example-health/backup",
      "alias/example-health/cloudtrail",
      "alias/example-health/log-archive",
      "alias/example-health/log-archive-replica",
      "alias/example-health/log-archive-us-west-2",
      "alias/example-health/phi-data-dev",
      "alias/example-health/phi-data-prod",
      "alias/example-health/phi-data-staging",
    ]);
    expect(security.text).toHaveResourceWithProperties(KmsAlias, {
      name: "alias/example-health/log-archive-replica",
      provider: "aws.us-west-2",
    });
  });

  it("rotates every key, waits 30 days before deletion, and is protected from destroy", () => {
    expect(keys).toHaveLength(8);
    for (const key of [...keys, ...all(trail.json, "aws_kms_key")]) {
      expect(key).toMatchObject({
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        lifecycle: { prevent_destroy: true },
      });
    }
  });

  it("runs in the security-tooling account through the deploy role, in both regions", () => {
    for (const provider of security.json.provider.aws) {
      expect((provider.assume_role as Array<{ role_arn: string }>)[0].role_arn).toMatch(
        /^arn:aws:iam::\$\{.+\}:role\/OrganizationAccountAccessRole$/,
      );
    }
    expect(security.json.provider.aws.map((p) => p.region)).toEqual(["us-east-1", "us-west-2"]);
  });

  it("separates administration from use: administrators cannot encrypt or decrypt", () => {
    for (const key of [...keys, ...all(trail.json, "aws_kms_key")]) {
      const [admin] = policyOf(key).Statement;
      expect(admin.Sid).toBe("KeyAdministrationByPipelineAndBreakGlass");
      expect(admin.Action).toEqual(KEY_ADMIN_ACTIONS);
      expect(KEY_ADMIN_ACTIONS.some((a) => /Encrypt|Decrypt|GenerateDataKey/.test(a))).toBe(false);
    }
  });

  it("gives administration to the role that deploys each key and to break-glass", () => {
    const adminArns = (key: Record<string, unknown>) =>
      policyOf(key).Statement[0].Condition!.ArnLike["aws:PrincipalArn"] as string[];
    for (const key of keys) {
      expect(adminArns(key).map((arn) => arn.replace(/\$\{.+?\}/, "ACCOUNT"))).toEqual([
        "arn:aws:iam::ACCOUNT:role/OrganizationAccountAccessRole",
        "arn:aws:iam::ACCOUNT:role/lz-break-glass",
        "arn:aws:iam::ACCOUNT:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*",
      ]);
    }
    // In the management account the deployer is the pipeline's role from the configuration (roles.managementDeploy),
    // never whoever runs the deploy, so every deploy writes the same key policy.
    const managementKeys = all(trail.json, "aws_kms_key");
    expect(managementKeys).toHaveLength(2);
    for (const key of managementKeys) {
      expect(adminArns(key)).toEqual([
        "arn:aws:iam::${data.aws_caller_identity.caller.account_id}:role/lz-deploy",
        "arn:aws:iam::${data.aws_caller_identity.caller.account_id}:role/lz-break-glass",
        "arn:aws:iam::${data.aws_caller_identity.caller.account_id}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*",
      ]);
    }
    expect(trail.text).not.toContain("aws_iam_session_context");
  });

  it("never grants a wildcard principal without an organization condition", () => {
    const documents = [...keys, ...all(trail.json, "aws_kms_key")].map((k) => policyOf(k));
    documents.push(...all(logArchive.json, "aws_s3_bucket_policy").map((p) => policyOf(p)));
    for (const statement of documents.flatMap((d) => d.Statement)) {
      const wildcard = statement.Principal === "*" || (statement.Principal as { AWS?: string })?.AWS === "*";
      if (!wildcard || statement.Effect === "Deny") continue;
      expect([statement.Sid, JSON.stringify(statement.Condition)]).toEqual([
        statement.Sid,
        expect.stringContaining("aws:PrincipalOrgID"),
      ]);
    }
  });

  it("lets only the organization trail encrypt with the CloudTrail key, bound by encryption context", () => {
    const cloudTrailKey = keys.find((k) => (k.description as string).startsWith("Organization trail"))!;
    const encrypt = policyOf(cloudTrailKey).Statement.find((s) => s.Sid === "OrganizationTrailEncrypts")!;
    expect(encrypt).toMatchObject({
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Condition: {
        StringEquals: {
          "aws:SourceArn": expect.stringMatching(
            /^arn:aws:cloudtrail:us-east-1:\$\{.+\}:trail\/example-health-organization-trail$/,
          ),
        },
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": expect.stringMatching(
            /^arn:aws:cloudtrail:\*:\$\{.+\}:trail\/\*$/,
          ),
        },
      },
    });
  });

  it("limits each PHI data key to its environment's accounts, through AWS services only", () => {
    const prodKey = keys.find((k) => k.description === "PHI data in the prod environment")!;
    const [, use] = policyOf(prodKey).Statement;
    expect(use.Condition!.StringEquals).toMatchObject({
      "aws:PrincipalAccount": [expect.stringMatching(/^\$\{.+\}$/)],
      "kms:ViaService": expect.arrayContaining(["s3.us-east-1.amazonaws.com", "rds.us-east-1.amazonaws.com"]),
    });
  });
});

describe("log archive (log-archive account)", () => {
  const buckets = all(logArchive.json, "aws_s3_bucket");

  it("creates the archive, an access-log bucket per region, the replica, the us-west-2 regional archive and the Config ingest bucket, protected from destroy", () => {
    expect(buckets.map((b) => (b.bucket as string).replace(/\$\{.+?\}/, "ID")).sort()).toEqual([
      "example-health-config-ingest-ID-us-east-1",
      "example-health-log-archive-ID-us-east-1",
      "example-health-log-archive-ID-us-west-2",
      "example-health-log-archive-access-ID-us-east-1",
      "example-health-log-archive-access-ID-us-west-2",
      "example-health-log-archive-replica-ID-us-west-2",
    ]);
    for (const bucket of buckets)
      expect(bucket).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
  });

  it("locks the archive, the replica and the regional archive in COMPLIANCE mode for six years", () => {
    expect(all(logArchive.json, "aws_s3_bucket_object_lock_configuration")).toHaveLength(3);
    expect(logArchive.text).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, {
      object_lock_enabled: "Enabled",
      rule: { default_retention: { mode: "COMPLIANCE", days: 2192 } },
    });
    expect(buckets.filter((b) => b.object_lock_enabled === true)).toHaveLength(3);
  });

  it("encrypts the archive, replica, regional archive and Config ingest with their keys and bucket keys, access logs with SSE-S3", () => {
    const rules = all(logArchive.json, "aws_s3_bucket_server_side_encryption_configuration").map(
      (e) => (e.rule as Array<Record<string, unknown>>)[0],
    );
    expect(rules.filter((r) => r.bucket_key_enabled === true)).toHaveLength(4);
    expect(
      rules
        .map((r) => (r.apply_server_side_encryption_by_default as { sse_algorithm: string }).sse_algorithm)
        .sort(),
    ).toEqual(["AES256", "AES256", "aws:kms", "aws:kms", "aws:kms", "aws:kms"]);
    expect(logArchive.text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        expect.objectContaining({
          apply_server_side_encryption_by_default: {
            sse_algorithm: "aws:kms",
            kms_master_key_id: expect.stringContaining("terraform_remote_state"),
          },
        }),
      ],
    });
  });

  it("versions, blocks public access and disables ACLs on every bucket", () => {
    expect(all(logArchive.json, "aws_s3_bucket_versioning").map((v) => v.versioning_configuration)).toEqual(
      Array(6).fill({ status: "Enabled" }),
    );
    expect(all(logArchive.json, "aws_s3_bucket_public_access_block")).toEqual(
      Array(6).fill(
        expect.objectContaining({
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        }),
      ),
    );
    expect(all(logArchive.json, "aws_s3_bucket_ownership_controls").map((o) => o.rule)).toEqual(
      Array(6).fill({ object_ownership: "BucketOwnerEnforced" }),
    );
  });

  it("denies plain HTTP and TLS below 1.2 on every bucket, and admits only this organization's log deliveries", () => {
    const policies = all(logArchive.json, "aws_s3_bucket_policy").map((p) => policyOf(p));
    for (const policy of policies) {
      expect(policy.Statement.slice(0, 2)).toEqual([
        expect.objectContaining({
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }),
        expect.objectContaining({
          Sid: "DenyTlsBelow12",
          Effect: "Deny",
          Principal: "*",
          Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        }),
      ]);
    }
    // The archive's policy: the one CloudTrail writes through (a regional archive admits delivery.logs only).
    const archivePolicy = policies.find((p) => p.Statement.some((s) => s.Sid === "CloudTrailWrite"))!;
    expect(archivePolicy.Statement.find((s) => s.Sid === "LogServicesWrite")!.Condition).toEqual({
      StringEquals: { "aws:SourceOrgID": expect.stringMatching(/^\$\{.+\}$/) },
    });
    expect(archivePolicy.Statement.find((s) => s.Sid === "CloudTrailWrite")!.Condition).toEqual({
      StringEquals: { "aws:SourceArn": expect.stringMatching(/trail\/example-health-organization-trail$/) },
    });
  });

  it("ages logs into Glacier tiers and logs access to the archive in a separate bucket", () => {
    const archiveLifecycle = all(logArchive.json, "aws_s3_bucket_lifecycle_configuration").find((l) =>
      (l.rule as Array<{ id: string }>).some((r) => r.id === "age-into-glacier"),
    )!;
    expect(
      (archiveLifecycle.rule as Array<{ id: string; transition?: unknown }>).find(
        (r) => r.id === "age-into-glacier",
      )!.transition,
    ).toEqual([
      { days: 90, storage_class: "GLACIER_IR" },
      { days: 365, storage_class: "DEEP_ARCHIVE" },
    ]);
    expect(logArchive.text).toHaveResourceWithProperties(S3BucketLoggingA, { target_prefix: "log-archive/" });
  });

  it("replicates the archive to the second region under the replica's key", () => {
    const [replication] = all(logArchive.json, "aws_s3_bucket_replication_configuration");
    expect((replication.rule as Array<Record<string, unknown>>)[0]).toMatchObject({
      status: "Enabled",
      source_selection_criteria: { sse_kms_encrypted_objects: { status: "Enabled" } },
      destination: {
        encryption_configuration: { replica_kms_key_id: expect.stringContaining("terraform_remote_state") },
      },
    });
    expect(
      all(logArchive.json, "aws_s3_bucket").find((b) => (b.bucket as string).includes("replica"))!.provider,
    ).toBe("aws.us-west-2");
  });
});

describe("AWS Config delivery (it refuses an Object Lock bucket)", () => {
  const baseline = synth("baseline-phi-prod");
  const ingest = all(logArchive.json, "aws_s3_bucket").find((b) =>
    (b.bucket as string).includes("config-ingest"),
  )!;

  it("delivers every account's Config snapshots to the unlocked ingest bucket", () => {
    expect(ingest.object_lock_enabled).toBeUndefined();
    for (const channel of all(baseline.json, "aws_config_delivery_channel")) {
      expect(channel.s3_bucket_name).toMatch(/log-archive_config-ingest_bucket_\w+bucket\}$/);
    }
  });

  it("replicates the ingest bucket into the archive and the replica, each under its own key", () => {
    const replication = all(logArchive.json, "aws_s3_bucket_replication_configuration").find((r) =>
      (r.bucket as string).includes("config-ingest"),
    )!;
    expect((replication.rule as Array<Record<string, unknown>>).map((r) => [r.id, r.priority])).toEqual([
      ["into-archive", 1],
      ["into-replica", 2],
    ]);
    expect(
      (replication.rule as Array<{ destination: { bucket: string } }>).map((r) => r.destination.bucket),
    ).toEqual([
      expect.stringMatching(/^\$\{aws_s3_bucket\.log-archive_bucket_/),
      expect.stringMatching(/^\$\{aws_s3_bucket\.log-archive_replica_bucket_/),
    ]);
  });

  it("expires ingest objects after 90 days, current and noncurrent, and no longer admits Config to the archive", () => {
    const lifecycle = all(logArchive.json, "aws_s3_bucket_lifecycle_configuration").find((l) =>
      (l.rule as Array<{ id: string }>).some((r) => r.id === "expire-after-replication"),
    )!;
    expect((lifecycle.rule as Array<Record<string, unknown>>)[1]).toMatchObject({
      expiration: [{ days: 90 }],
      noncurrent_version_expiration: [{ noncurrent_days: 1 }],
    });
    const archivePolicy = all(logArchive.json, "aws_s3_bucket_policy")
      .map((p) => policyOf(p))
      .find((p) => p.Statement.some((st) => st.Sid === "CloudTrailWrite"))!;
    expect(JSON.stringify(archivePolicy)).not.toContain("config.amazonaws.com");
    expect(archivePolicy.Statement.find((st) => st.Sid === "DenyDeletingLogs")).toEqual({
      Sid: "DenyDeletingLogs",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
      Resource: expect.stringMatching(/\/\*$/),
    });
  });
});

describe("organization trail and alarms (management account)", () => {
  it("logs every account and region with validation, KMS, Insights and CloudWatch delivery", () => {
    expect(trail.text).toHaveResourceWithProperties(Cloudtrail, {
      name: "example-health-organization-trail",
      is_organization_trail: true,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      kms_key_id: expect.stringContaining("terraform_remote_state"),
      insight_selector: [{ insight_type: "ApiCallRateInsight" }, { insight_type: "ApiErrorRateInsight" }],
    });
    const [cloudtrail] = all(trail.json, "aws_cloudtrail");
    const selectors = cloudtrail.advanced_event_selector as Array<{
      name: string;
      field_selector: Array<Record<string, unknown>>;
    }>;
    expect(selectors.map((s) => s.name)).toEqual([
      "Management events",
      "S3 data events except the log archive",
      "Lambda invocations",
      "DynamoDB table data events",
      "DynamoDB stream data events",
    ]);
    expect(selectors[1].field_selector).toContainEqual({
      field: "resources.type",
      equals: ["AWS::S3::Object"],
    });
    expect(selectors[1].field_selector).toContainEqual({
      field: "resources.ARN",
      not_starts_with: [
        expect.stringMatching(/log-archive_bucket_.*\/$/),
        expect.stringMatching(/log-archive_access-logs_bucket_.*\/$/),
        expect.stringMatching(/log-archive_replica-access-logs_bucket_.*\/$/),
        expect.stringMatching(/log-archive_config-ingest_bucket_.*\/$/),
      ],
    });
  });

  it("lets only this trail assume the CloudWatch Logs delivery role", () => {
    const role = all(trail.json, "aws_iam_role").find((r) =>
      (r.name as string).endsWith("-cloudwatch-logs"),
    )!;
    expect(policyOf(role, "assume_role_policy").Statement).toEqual([
      {
        Sid: "CloudTrailDelivers",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: {
            "aws:SourceArn": expect.stringMatching(/:trail\/example-health-organization-trail$/),
          },
        },
      },
    ]);
  });

  it("keeps the CloudWatch Logs copy six years under its own key", () => {
    expect(trail.text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      retention_in_days: 2192,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\./),
      lifecycle: { prevent_destroy: true },
    });
  });

  it("alarms on every catalogue event through a KMS-encrypted topic with the configured subscription", () => {
    const names = securityAlarms("lz-break-glass").map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "UnauthorizedApiCalls",
        "ConsoleSignInWithoutMfa",
        "IdentityCenterSignInWithoutMfa",
        "IdentityCenterMfaSettingsChanged",
        "RootAccountUsage",
        "IamPolicyChanges",
        "CloudTrailChanges",
        "ConsoleSignInFailures",
        "KmsKeyDisableOrDeletion",
        "S3BucketPolicyChanges",
        "ConfigChanges",
        "SecurityGroupChanges",
        "NaclChanges",
        "NetworkGatewayChanges",
        "RouteTableChanges",
        "VpcChanges",
        "OrganizationsChanges",
        "BreakGlassUse",
      ]),
    );
    expect(
      all(trail.json, "aws_cloudwatch_log_metric_filter")
        .filter((f) => String(f.log_group_name).includes("aws_cloudwatch_log_group.trail_log-group"))
        .map((f) => f.name)
        .sort(),
    ).toEqual([...names].sort());
    for (const name of names) {
      expect(trail.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `example-health/SecurityAlarms-${name}`,
        metric_name: name,
        threshold: 1,
        comparison_operator: "GreaterThanOrEqualToThreshold",
        alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\..+\.arn\}$/)],
      });
    }
    expect(trail.text).toHaveResourceWithProperties(SnsTopic, {
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\./),
    });
    expect(trail.text).toHaveResourceWithProperties(SnsTopicSubscription, {
      protocol: "email",
      endpoint: "security-alerts@example-health.org",
    });
  });
});
