// Every bucket has ACLs turned off (object ownership BucketOwnerEnforced) and no ACL resource grants access, so
// only policies decide who reaches a bucket (164.312(a)(1) access control).
import { addressOf, bucketsWith, RuleFinding } from "../rule";
import { HipaaRule, block } from "./rule";

/** The object ownership setting that disables ACLs on a bucket and its objects. */
export const ACLS_DISABLED = "BucketOwnerEnforced";

export const s3AclsDisabled: HipaaRule = {
  id: "hipaa-s3-acls-disabled",
  title: `Every bucket has ACLs disabled (object ownership ${ACLS_DISABLED}) and no bucket ACL`,
  sections: ["164.312(a)(1)"],
  resourceTypes: ["aws_s3_bucket_ownership_controls"],
  configRules: ["S3_BUCKET_ACL_PROHIBITED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-acl-prohibited.html",
  fix: `add an aws_s3_bucket_ownership_controls with object_ownership ${ACLS_DISABLED} and remove any aws_s3_bucket_acl (every SecureBucket has the former)`,
  check(model) {
    const ownership = bucketsWith(model, "aws_s3_bucket_ownership_controls");
    const acls = bucketsWith(model, "aws_s3_bucket_acl");
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_s3_bucket")) {
      const name = String(model.argument(ref, "bucket"));
      const controls = ownership.get(name);
      const setting = controls ? block(model.argument(controls, "rule"))?.object_ownership : undefined;
      const problems = [
        ...(setting !== ACLS_DISABLED
          ? [controls ? `object ownership ${String(setting)}` : "no object ownership controls"]
          : []),
        ...(acls.has(name) ? ["a bucket ACL"] : []),
      ];
      if (problems.length > 0) {
        out.push({
          address: addressOf(ref),
          message: `bucket ${name} has ${problems.join(" and ")}, not ACLs disabled (${ACLS_DISABLED})`,
        });
      }
    }
    return out;
  },
};
