// The trail's log files are encrypted with a landing-zone key, so reading them takes a key grant as well as S3
// access (164.312(a)(2)(iv) encryption, 164.312(b)).
import { HipaaRule, perResource } from "./rule";

export const cloudTrailKms: HipaaRule = perResource({
  id: "hipaa-cloudtrail-kms",
  title: "Every trail encrypts its log files with a KMS key",
  sections: ["164.312(a)(2)(iv)", "164.312(b)"],
  resourceTypes: ["aws_cloudtrail"],
  configRules: ["CLOUD_TRAIL_ENCRYPTION_ENABLED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-encryption-enabled.html",
  fix: "set kms_key_id to the CloudTrail key",
  type: "aws_cloudtrail",
  problem: (ref, model) =>
    model.argument(ref, "kms_key_id") ? undefined : "has no KMS key for its log files",
});
