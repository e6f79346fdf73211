// The organization trail's use of its own KMS key beyond encrypting log files (164.312(b) audit controls): the
// archive bucket uses an S3 Bucket Key, and AWS: "If you are using an existing S3 bucket with an S3 Bucket Key,
// kms:Decrypt permissions are required to create or update a trail with SSE-KMS encryption enabled"
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html). Without
// it CreateTrail and UpdateTrail fail with InsufficientEncryptionPolicyException and the trail never logs.
import { ResourceRef } from "../synthesized";
import { AccessPath, fromService, PathContext } from "./context";

const TRAIL_KMS_DOC =
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html";

/** Whether a bucket's default encryption uses an S3 Bucket Key, read from its synthesized configuration. */
export function usesBucketKey(ctx: PathContext, bucket: string): boolean {
  const { model } = ctx;
  const ref: ResourceRef | undefined = model
    .resources("aws_s3_bucket_server_side_encryption_configuration")
    .find((r) => model.argument(r, "bucket") === bucket);
  if (!ref) return false;
  const rules = (model.argument(ref, "rule") ?? []) as Array<{ bucket_key_enabled?: boolean }>;
  return rules.some((rule) => rule.bucket_key_enabled === true);
}

/** CloudTrail decrypts with the trail's key when the trail's bucket uses a Bucket Key; otherwise no path. */
export function trailKeyPaths(ctx: PathContext): AccessPath[] {
  const { model, index } = ctx;
  const trail = model.resource("organization-trail", "trail/trail");
  const bucket = String(model.argument(trail, "s3_bucket_name"));
  if (!usesBucketKey(ctx, bucket)) return [];
  const trailArn = model.attribute(trail, "arn");
  const keyArn = String(model.argument(trail, "kms_key_id"));
  return [
    {
      id: "trail-decrypts-for-bucket-key",
      group: "Organization trail",
      title:
        "CreateTrail and UpdateTrail decrypt with the CloudTrail key (the archive uses an S3 Bucket Key)",
      expect: "allow",
      doc: TRAIL_KMS_DOC,
      build: () => ({
        ...fromService("cloudtrail.amazonaws.com", { account: model.managementAccountId(), arn: trailArn }),
        action: "kms:Decrypt",
        resource: keyArn,
        resourceAccount: keyArn.split(":")[4],
        resourcePolicy: index.keyPolicy(keyArn),
      }),
    },
  ];
}
