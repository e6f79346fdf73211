// Every Lambda function's environment is encrypted with a customer managed key and holds no variable named like a
// secret: whoever may read the function's configuration reads its environment, so secrets belong in Secrets
// Manager (164.312(a)(2)(iv) encryption, 164.312(d) authentication; AWS's Lambda HIPAA guidance).
import { secretVariableNames, WORKLOAD_DOCS, WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { block, perResource } from "./rule";

export const lambdaEnvironmentNoSecrets = perResource({
  id: WORKLOAD_RULE_IDS.noSecretsInEnvironment,
  title: "Every Lambda function's environment is encrypted with a customer managed key and names no secret",
  sections: ["164.312(a)(2)(iv)", "164.312(d)"],
  resourceTypes: ["aws_lambda_function"],
  configRules: [],
  doc: WORKLOAD_DOCS.lambdaEnvironmentKey,
  fix: "set kms_key_arn to the workload's key; keep secrets in Secrets Manager and pass the secret's ARN in a variable ending _ARN",
  type: "aws_lambda_function",
  problem(ref) {
    const name = String(ref.body.function_name);
    const variables = Object.keys((block(ref.body.environment)?.variables as Record<string, string>) ?? {});
    const secrets = secretVariableNames(variables);
    if (secrets.length > 0)
      return `function ${name} has environment variables named like secrets: ${secrets.join(", ")}`;
    if (variables.length > 0 && (typeof ref.body.kms_key_arn !== "string" || ref.body.kms_key_arn === ""))
      return `function ${name} has environment variables but no kms_key_arn: they are encrypted with an AWS owned key`;
    return undefined;
  },
});
