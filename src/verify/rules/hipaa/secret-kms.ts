// Every Secrets Manager secret is encrypted with a customer managed key, so who may read its value is the key
// policy's decision as well as the secret's, and every decryption is in CloudTrail (164.312(a)(2)(iv) encryption).
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { packRule, perResource } from "./rule";

const rule = packRule("SECRETSMANAGER_USING_CMK");

export const secretKms = perResource({
  id: WORKLOAD_RULE_IDS.secretKey,
  title: "Every Secrets Manager secret is encrypted with a customer managed KMS key",
  sections: rule.sections,
  resourceTypes: ["aws_secretsmanager_secret"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-using-cmk.html",
  fix: "set kms_key_id to the workload's key (the serverless-api blueprint does); without it the secret is under aws/secretsmanager",
  type: "aws_secretsmanager_secret",
  problem(ref) {
    const key = ref.body.kms_key_id;
    return typeof key === "string" && key !== "" && !key.endsWith("alias/aws/secretsmanager")
      ? undefined
      : `secret ${String(ref.body.name)} is encrypted with the AWS managed key aws/secretsmanager`;
  },
});
