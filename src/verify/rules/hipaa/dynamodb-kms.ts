// Every DynamoDB table is encrypted with a customer managed key, so who may read it is the key policy's decision
// and every use is in CloudTrail (164.312(a)(2)(iv) encryption at rest).
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { block, packRule, perResource } from "./rule";

const rule = packRule("DYNAMODB_TABLE_ENCRYPTED_KMS");

export const dynamodbKms = perResource({
  id: WORKLOAD_RULE_IDS.tableKey,
  title: "Every DynamoDB table is encrypted with a customer managed KMS key",
  sections: rule.sections,
  resourceTypes: ["aws_dynamodb_table"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-table-encrypted-kms.html",
  fix: "set server_side_encryption { enabled = true, kms_key_arn = <the workload's key> }",
  type: "aws_dynamodb_table",
  problem(ref) {
    const sse = block(ref.body.server_side_encryption);
    return sse?.enabled === true && typeof sse.kms_key_arn === "string" && sse.kms_key_arn !== ""
      ? undefined
      : `table ${String(ref.body.name)} is not encrypted with a customer managed key (server_side_encryption)`;
  },
});
