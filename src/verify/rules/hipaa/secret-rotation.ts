// Every Secrets Manager secret rotates on a schedule through a rotation function, so a value that leaked stops
// working (164.312(d) authentication, 164.308(a)(5)(ii)(D) password management).
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { block, packRule, perResource } from "./rule";

const rule = packRule("SECRETSMANAGER_ROTATION_ENABLED_CHECK");

export const secretRotation = perResource({
  id: WORKLOAD_RULE_IDS.secretRotation,
  title: "Every Secrets Manager secret has rotation on a schedule through a rotation function",
  sections: rule.sections,
  resourceTypes: ["aws_secretsmanager_secret", "aws_secretsmanager_secret_rotation"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-rotation-enabled-check.html",
  fix: "add an aws_secretsmanager_secret_rotation with rotation_lambda_arn and rotation_rules in the secret's stack (the serverless-api blueprint's WorkloadSecret does)",
  type: "aws_secretsmanager_secret",
  problem(ref, model) {
    const id = model.attribute(ref, "id");
    const rotation = model
      .resources("aws_secretsmanager_secret_rotation", ref.stack)
      .find(
        (r) =>
          model.argument(r, "secret_id") === id ||
          model.argument(r, "secret_id") === model.attribute(ref, "arn"),
      );
    if (!rotation) return `secret ${String(ref.body.name)} has no rotation`;
    const rules = block(rotation.body.rotation_rules);
    const scheduled =
      (typeof rules?.automatically_after_days === "number" && rules.automatically_after_days > 0) ||
      (typeof rules?.schedule_expression === "string" && rules.schedule_expression !== "");
    if (!scheduled) return `secret ${String(ref.body.name)}'s rotation has no schedule (rotation_rules)`;
    const fn = rotation.body.rotation_lambda_arn;
    if (typeof fn !== "string" || fn === "")
      return `secret ${String(ref.body.name)}'s rotation names no rotation function`;
    return undefined;
  },
});
