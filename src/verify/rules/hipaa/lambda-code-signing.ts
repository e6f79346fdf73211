// Every Lambda function in an account whose environment requires code signing (every PHI environment) carries a
// code signing configuration, so Lambda refuses code the pipeline did not sign (164.312(c)(1) integrity). No
// managed rule of the pack checks it; lz-phi-creation's DenyUnsignedLambdaCode refuses such a function to all but
// the pipeline at creation, and this rule holds the pipeline to it at synth.
import { codeSigningAccounts } from "../../../config/model";
import { CODE_SIGNING_DOCS } from "../../../policies/workload-code-signing";
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { perResource } from "./rule";

export const lambdaCodeSigning = perResource({
  id: WORKLOAD_RULE_IDS.codeSigning,
  title:
    "Every Lambda function where the environment requires code signing carries a code signing configuration",
  sections: ["164.312(c)(1)"],
  resourceTypes: ["aws_lambda_function", "aws_lambda_code_signing_config", "aws_signer_signing_job"],
  configRules: [],
  doc: CODE_SIGNING_DOCS.lambda,
  fix: "set code_signing_config_arn to a configuration that trusts the workload's Signer profile and enforces it, and deploy the signed package from S3 (the serverless-api blueprint does where codeSigning is required)",
  type: "aws_lambda_function",
  problem(ref, model, config) {
    const signed = new Set(codeSigningAccounts(config).map((name) => model.accountId(name)));
    if (!signed.has(model.accountOf(ref))) return undefined;
    const arn = ref.body.code_signing_config_arn;
    return typeof arn === "string" && arn !== ""
      ? undefined
      : `function ${String(ref.body.function_name)} has no code signing configuration, and its environment requires code signing`;
  },
});
