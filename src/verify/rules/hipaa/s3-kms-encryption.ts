// Every bucket is encrypted at rest by default with a KMS key; a server-access-log destination, which S3 fills only
// when it uses SSE-S3, is the one exception AWS imposes (164.312(a)(2)(iv) encryption and decryption).
import { accessLogDestinations, addressOf, bucketsWith, RuleFinding } from "../rule";
import { HipaaRule, block } from "./rule";

export const s3KmsEncryption: HipaaRule = {
  id: "hipaa-s3-kms-encryption",
  title: "Every bucket has default encryption with a KMS key (server-access-log destinations: SSE-S3)",
  sections: ["164.312(a)(2)(iv)"],
  resourceTypes: ["aws_s3_bucket_server_side_encryption_configuration"],
  configRules: ["S3_DEFAULT_ENCRYPTION_KMS", "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/s3-default-encryption-kms.html",
  fix: "give the bucket an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm aws:kms and a landing-zone key (SecureBucket's kmsKeyArn)",
  check(model) {
    const encryption = bucketsWith(model, "aws_s3_bucket_server_side_encryption_configuration");
    const destinations = accessLogDestinations(model);
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_s3_bucket")) {
      const name = String(model.argument(ref, "bucket"));
      const sse = encryption.get(name);
      const byDefault = sse
        ? block(block(model.argument(sse, "rule"))?.apply_server_side_encryption_by_default)
        : undefined;
      const algorithm = byDefault?.sse_algorithm;
      if (algorithm === undefined) {
        out.push({ address: addressOf(ref), message: `bucket ${name} has no default encryption` });
      } else if (destinations.has(name)) {
        // S3 delivers server access logs only to SSE-S3 destinations (the access-log-target service rule).
        continue;
      } else if (!String(algorithm).startsWith("aws:kms") || !byDefault?.kms_master_key_id) {
        out.push({
          address: addressOf(ref),
          message: `bucket ${name} is encrypted with ${String(algorithm)}${byDefault?.kms_master_key_id ? "" : " and no key of its own"}, not SSE-KMS with a landing-zone key`,
        });
      }
    }
    return out;
  },
};
