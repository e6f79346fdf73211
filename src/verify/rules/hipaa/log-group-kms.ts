// Log groups hold trail records that can name patients' resources: encrypted with a landing-zone key
// (164.312(a)(2)(iv) encryption and decryption).
import { HipaaRule, perResource } from "./rule";

export const logGroupKms: HipaaRule = perResource({
  id: "hipaa-log-group-kms",
  title: "Every log group is encrypted with a KMS key",
  sections: ["164.312(a)(2)(iv)"],
  resourceTypes: ["aws_cloudwatch_log_group"],
  configRules: ["CLOUDWATCH_LOG_GROUP_ENCRYPTED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-log-group-encrypted.html",
  fix: "set kms_key_id to the account's CloudWatch Logs key",
  type: "aws_cloudwatch_log_group",
  problem: (ref, model) => (model.argument(ref, "kms_key_id") ? undefined : "has no KMS key"),
});
