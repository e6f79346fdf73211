// Every DynamoDB table keeps point-in-time recovery and deletion protection: a bad write or a dropped table is
// recoverable to the second for 35 days (164.308(a)(7)(ii)(A) data backup, 164.312(c)(1) integrity).
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { block, packRule, perResource } from "./rule";

const rule = packRule("DYNAMODB_PITR_ENABLED");

export const dynamodbPitr = perResource({
  id: WORKLOAD_RULE_IDS.tableRecovery,
  title: "Every DynamoDB table has point-in-time recovery and deletion protection on",
  sections: rule.sections,
  resourceTypes: ["aws_dynamodb_table"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-pitr-enabled.html",
  fix: "set point_in_time_recovery { enabled = true } and deletion_protection_enabled = true",
  type: "aws_dynamodb_table",
  problem(ref) {
    const missing = [
      block(ref.body.point_in_time_recovery)?.enabled === true ? undefined : "point-in-time recovery",
      ref.body.deletion_protection_enabled === true ? undefined : "deletion protection",
    ].filter((what): what is string => what !== undefined);
    return missing.length === 0
      ? undefined
      : `table ${String(ref.body.name)} has no ${missing.join(" and no ")}`;
  },
});
