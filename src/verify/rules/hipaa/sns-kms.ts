// Alarm and finding topics carry event details that can name PHI resources: encrypted with a KMS key
// (164.312(a)(2)(iv) encryption and decryption).
import { HipaaRule, perResource } from "./rule";

export const snsKms: HipaaRule = perResource({
  id: "hipaa-sns-kms",
  title: "Every SNS topic is encrypted with a KMS key",
  sections: ["164.312(a)(2)(iv)"],
  resourceTypes: ["aws_sns_topic"],
  configRules: ["SNS_ENCRYPTED_KMS"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/sns-encrypted-kms.html",
  fix: "set kms_master_key_id to a landing-zone key the publishing service may use (addNotificationTopic)",
  type: "aws_sns_topic",
  problem: (ref, model) => (model.argument(ref, "kms_master_key_id") ? undefined : "has no KMS key"),
});
