// In a versioned bucket an expiration rule only adds a delete marker: the data stays, and is kept and billed
// past the retention the policy states, unless noncurrent versions expire too (164.316(b)(2)(i) retention).
import { addressOf, RuleFinding, ServiceRule } from "./rule";

export const noncurrentVersionExpiry: ServiceRule = {
  id: "noncurrent-version-expiry",
  title: "A versioned bucket that expires objects also expires their noncurrent versions",
  doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_s3_bucket_lifecycle_configuration")) {
      const rules = model.argument(ref, "rule") as Array<Record<string, unknown>>;
      const expires = rules.some((r) => r.status === "Enabled" && Array.isArray(r.expiration));
      const expiresNoncurrent = rules.some(
        (r) => r.status === "Enabled" && Array.isArray(r.noncurrent_version_expiration),
      );
      if (expires && !expiresNoncurrent) {
        out.push({
          address: addressOf(ref),
          message: `expires current versions of ${String(model.argument(ref, "bucket"))} but never its noncurrent versions, so expired objects are kept as noncurrent versions forever`,
        });
      }
    }
    return out;
  },
};
