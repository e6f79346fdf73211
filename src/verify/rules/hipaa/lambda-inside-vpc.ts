// Every Lambda function runs in a VPC's private subnets behind a security group: outside the VPC it reaches the
// internet and AWS APIs around the endpoints' policies, flow logs and security groups (164.312(a)(1), 164.312(e)(1)).
// The blueprint's WorkloadFunction refuses a function without subnets; lz-phi-creation denies one in PHI OUs.
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { block, listOf, packRule, perResource } from "./rule";

const rule = packRule("LAMBDA_INSIDE_VPC");

export const lambdaInsideVpc = perResource({
  id: WORKLOAD_RULE_IDS.insideVpc,
  title: "Every Lambda function runs in a VPC's subnets with a security group",
  sections: rule.sections,
  resourceTypes: ["aws_lambda_function"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/lambda-inside-vpc.html",
  fix: "give the function vpc_config with the environment's private subnets and a security group (the serverless-api blueprint does)",
  type: "aws_lambda_function",
  problem(ref) {
    const vpc = block(ref.body.vpc_config);
    const subnets = listOf(vpc?.subnet_ids as string[] | undefined);
    const groups = listOf(vpc?.security_group_ids as string[] | undefined);
    if (subnets.length > 0 && groups.length > 0) return undefined;
    return `function ${String(ref.body.function_name)} has ${subnets.length === 0 ? "no subnets" : "no security group"} in vpc_config: it runs outside the VPC`;
  },
});
