// Every bucket keeps prior versions, so an overwrite or delete can be undone and is visible (164.312(c)(1)).
import { addressOf, bucketsWith, RuleFinding } from "../rule";
import { HipaaRule, block } from "./rule";

export const s3Versioning: HipaaRule = {
  id: "hipaa-s3-versioning",
  title: "Every bucket has versioning enabled",
  sections: ["164.312(c)(1)"],
  resourceTypes: ["aws_s3_bucket_versioning"],
  configRules: ["S3_BUCKET_VERSIONING_ENABLED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-versioning-enabled.html",
  fix: "add an aws_s3_bucket_versioning with status Enabled (every SecureBucket has one)",
  check(model) {
    const versioning = bucketsWith(model, "aws_s3_bucket_versioning");
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_s3_bucket")) {
      const name = String(model.argument(ref, "bucket"));
      const config = versioning.get(name);
      const status = config ? block(model.argument(config, "versioning_configuration"))?.status : undefined;
      if (status !== "Enabled") {
        out.push({
          address: addressOf(ref),
          message: `bucket ${name} has versioning ${status === undefined ? "never enabled" : `status ${String(status)}`}`,
        });
      }
    }
    return out;
  },
};
