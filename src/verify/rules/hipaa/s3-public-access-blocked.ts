// Every bucket blocks public ACLs and policies at the bucket level, whatever the account setting (164.312(a)(1)).
import { addressOf, bucketsWith, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

/** The four public access block settings, each of which must be true. */
export const PUBLIC_ACCESS_BLOCK_SETTINGS = [
  "block_public_acls",
  "block_public_policy",
  "ignore_public_acls",
  "restrict_public_buckets",
] as const;

export const s3PublicAccessBlocked: HipaaRule = {
  id: "hipaa-s3-public-access-blocked",
  title: "Every bucket has all four public access block settings on",
  sections: ["164.312(a)(1)"],
  resourceTypes: ["aws_s3_bucket_public_access_block"],
  configRules: [
    "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED",
    "S3_BUCKET_PUBLIC_READ_PROHIBITED",
    "S3_BUCKET_PUBLIC_WRITE_PROHIBITED",
  ],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-level-public-access-prohibited.html",
  fix: "add an aws_s3_bucket_public_access_block with all four settings true (every SecureBucket has one)",
  check(model) {
    const blocks = bucketsWith(model, "aws_s3_bucket_public_access_block");
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_s3_bucket")) {
      const name = String(model.argument(ref, "bucket"));
      const pab = blocks.get(name);
      const off = PUBLIC_ACCESS_BLOCK_SETTINGS.filter((s) => !pab || model.argument(pab, s) !== true);
      if (off.length > 0) {
        out.push({
          address: addressOf(ref),
          message: `bucket ${name} ${pab ? `has ${off.join(", ")} off` : "has no public access block"}`,
        });
      }
    }
    return out;
  },
};
