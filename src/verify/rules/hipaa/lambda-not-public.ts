// No Lambda function's resource policy lets anyone invoke it: every permission names an account, a role or a service
// bound to the one resource that calls it, so nobody outside reaches what the function reads and writes
// (164.312(a)(1) access control).
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { packRule, perResource } from "./rule";

const rule = packRule("LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED");

export const lambdaNotPublic = perResource({
  id: WORKLOAD_RULE_IDS.functionNotPublic,
  title: "No Lambda permission admits everyone, or a service without the resource that calls",
  sections: rule.sections,
  resourceTypes: ["aws_lambda_permission"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/lambda-function-public-access-prohibited.html",
  fix: "name an account or role as principal, or a service with source_arn set to the one resource that invokes the function (the serverless-api blueprint names its API's stage and method)",
  type: "aws_lambda_permission",
  problem(ref, model) {
    const principal = model.argument(ref, "principal");
    const function_ = String(model.argument(ref, "function_name"));
    if (principal === "*") return `permission on ${function_} admits every principal ("*")`;
    // A service principal acts for every customer: without the calling resource's ARN, any account's API, bucket
    // or topic could invoke the function (the confused deputy, lambda/latest/dg/permissions-function-services.html).
    if (typeof principal === "string" && principal.endsWith(".amazonaws.com")) {
      const source = ref.body.source_arn;
      if (typeof source !== "string" || source === "")
        return `permission on ${function_} admits ${principal} without source_arn: any account's resource of that service could invoke it`;
    }
    return undefined;
  },
});
