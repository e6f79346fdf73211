// S3 delivers server access logs only to a target bucket with no Object Lock default retention and with SSE-S3
// default encryption (not SSE-KMS); otherwise the archive's access record (164.312(b)) is silently never written.
import { addressOf, bucketsWith, RuleFinding, ServiceRule } from "./rule";

export const accessLogTarget: ServiceRule = {
  id: "access-log-target",
  title: "A server-access-log target bucket has no default retention and uses SSE-S3",
  doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
  check(model) {
    const locks = bucketsWith(model, "aws_s3_bucket_object_lock_configuration");
    const encryption = bucketsWith(model, "aws_s3_bucket_server_side_encryption_configuration");
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_s3_bucket_logging")) {
      const target = String(model.argument(ref, "target_bucket"));
      const lock = locks.get(target);
      if (lock && lock.body.rule !== undefined) {
        out.push({
          address: addressOf(ref),
          message: `logs to ${target}, which has an Object Lock default retention; S3 does not deliver server access logs there`,
        });
      }
      const sse = encryption.get(target);
      const rule = sse
        ? (model.argument(sse, "rule") as Array<Record<string, Record<string, string>>>)[0]
        : undefined;
      if (rule?.apply_server_side_encryption_by_default?.sse_algorithm !== "AES256") {
        out.push({
          address: addressOf(ref),
          message: `logs to ${target}, whose default encryption is not SSE-S3 (AES256); S3 does not deliver server access logs to SSE-KMS targets`,
        });
      }
    }
    return out;
  },
};
