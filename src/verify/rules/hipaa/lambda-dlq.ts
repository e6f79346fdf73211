// Every Lambda function keeps the asynchronous invocations that failed every retry in a dead-letter queue, so a
// failed write of PHI is kept and seen, not dropped (164.312(c)(1) integrity).
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { block, packRule, perResource } from "./rule";

const rule = packRule("LAMBDA_DLQ_CHECK");

export const lambdaDlq = perResource({
  id: WORKLOAD_RULE_IDS.deadLetter,
  title: "Every Lambda function has a dead-letter queue for failed asynchronous invocations",
  sections: rule.sections,
  resourceTypes: ["aws_lambda_function"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/lambda-dlq-check.html",
  fix: "set dead_letter_config.target_arn to an encrypted SQS queue (the serverless-api blueprint does)",
  type: "aws_lambda_function",
  problem(ref) {
    const target = block(ref.body.dead_letter_config)?.target_arn;
    return typeof target === "string" && target !== ""
      ? undefined
      : `function ${String(ref.body.function_name)} has no dead_letter_config: failed asynchronous invocations are dropped`;
  },
});
