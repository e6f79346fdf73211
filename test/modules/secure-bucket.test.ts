// SecureBucket on its own (a fresh stack, one construct per test): its mandatory baseline, and what each optional
// prop adds or changes. Proves the synthesized Terraform; S3's own acceptance is the end-to-end tier's.
import { TerraformStack, Testing } from "cdktf";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketObjectLockConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { SecureBucket, SecureBucketProps } from "../../modules/secure-bucket";

function synth(props: Partial<SecureBucketProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "s");
  new SecureBucket(stack, "b", { bucketName: "example-bucket", ...props });
  const text = Testing.synth(stack);
  return {
    text,
    json: JSON.parse(text) as { resource: Record<string, Record<string, Record<string, unknown>>> },
  };
}
const only = (json: { resource: Record<string, Record<string, Record<string, unknown>>> }, type: string) =>
  Object.values(json.resource[type] ?? {});

describe("SecureBucket", () => {
  it("with only a name: SSE-S3, all public access blocked, TLS-only policy, no lock, no logging", () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
    expect(text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const policy = JSON.parse(only(json, "aws_s3_bucket_policy")[0].policy as string) as {
      Statement: Array<{ Sid: string }>;
    };
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport", "DenyTlsBelow12"]);
    expect(only(json, "aws_s3_bucket")[0]).toMatchObject({ lifecycle: { prevent_destroy: true } });
    expect(only(json, "aws_s3_bucket")[0].object_lock_enabled).toBeUndefined();
    expect(only(json, "aws_s3_bucket_object_lock_configuration")).toEqual([]);
    expect(only(json, "aws_s3_bucket_logging")).toEqual([]);
    const [lifecycle] = only(json, "aws_s3_bucket_lifecycle_configuration");
    expect(lifecycle.rule).toEqual([
      expect.objectContaining({
        status: "Enabled",
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      }),
    ]);
  });

  it("kmsKeyArn: SSE-KMS with that key and an S3 Bucket Key", () => {
    const { text } = synth({ kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/k" });
    expect(text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: "aws:kms",
            kms_master_key_id: "arn:aws:kms:us-east-1:111111111111:key/k",
          },
          bucket_key_enabled: true,
        },
      ],
    });
  });

  it("objectLockRetentionDays: Object Lock on the bucket and a COMPLIANCE default retention", () => {
    const { text, json } = synth({ objectLockRetentionDays: 2192 });
    expect(only(json, "aws_s3_bucket")[0].object_lock_enabled).toBe(true);
    expect(text).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, {
      object_lock_enabled: "Enabled",
      rule: { default_retention: { mode: "COMPLIANCE", days: 2192 } },
    });
  });

  it("policyStatements: added after the transport guards, given the bucket's ARN", () => {
    const { json } = synth({
      policyStatements: (arn) => [
        { Sid: "Extra", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: arn },
      ],
    });
    const policy = JSON.parse(only(json, "aws_s3_bucket_policy")[0].policy as string) as {
      Statement: Array<{ Sid: string; Resource: string }>;
    };
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport", "DenyTlsBelow12", "Extra"]);
    expect(policy.Statement[2].Resource).toMatch(/^\$\{aws_s3_bucket\.b_bucket_[A-F0-9]+\.arn\}$/);
  });

  it("lifecycleRules: replace the default rule", () => {
    const { json } = synth({
      lifecycleRules: [{ id: "expire", status: "Enabled", expiration: [{ days: 90 }] }],
    });
    const rules = only(json, "aws_s3_bucket_lifecycle_configuration")[0].rule as Array<{ id: string }>;
    expect(rules.map((r) => r.id)).toEqual(["expire"]);
  });

  it("accessLogs: server access logging to the target, after the target's policy admits it", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    const logs = new SecureBucket(stack, "logs", { bucketName: "example-logs" });
    new SecureBucket(stack, "b", {
      bucketName: "example-bucket",
      accessLogs: { bucketName: "example-logs", prefix: "example-bucket/", bucket: logs },
    });
    const text = Testing.synth(stack);
    expect(text).toHaveResourceWithProperties(S3BucketLoggingA, {
      target_bucket: "example-logs",
      target_prefix: "example-bucket/",
    });
    const [logging] = only(JSON.parse(text), "aws_s3_bucket_logging");
    expect(logging.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.logs_policy_/)]);
  });
});
