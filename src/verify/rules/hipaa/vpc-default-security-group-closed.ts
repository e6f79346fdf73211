// The default security group admits and sends nothing, so a resource launched without a group is isolated
// (164.312(e)(1) transmission security).
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, listOf } from "./rule";

export const vpcDefaultSecurityGroupClosed: HipaaRule = {
  id: "hipaa-vpc-default-security-group-closed",
  title: "Every VPC's default security group has no rules",
  sections: ["164.312(e)(1)"],
  resourceTypes: ["aws_default_security_group"],
  configRules: ["VPC_DEFAULT_SECURITY_GROUP_CLOSED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/vpc-default-security-group-closed.html",
  fix: "manage the VPC's aws_default_security_group with no ingress and no egress (Terraform then removes its rules)",
  check(model) {
    const out: RuleFinding[] = [];
    for (const vpc of model.resources("aws_vpc")) {
      const group = model
        .resources("aws_default_security_group", vpc.stack)
        .find((ref) => ref.body.vpc_id === `\${aws_vpc.${vpc.name}.id}`);
      if (!group) {
        out.push({
          address: addressOf(vpc),
          message: "leaves its default security group unmanaged, with AWS's default rules",
        });
      } else if (listOf(group.body.ingress).length > 0 || listOf(group.body.egress).length > 0) {
        out.push({ address: addressOf(group), message: "has ingress or egress rules" });
      }
    }
    return out;
  },
};
