// No security group admits the whole internet, on any port (164.312(e)(1) transmission security, 164.312(a)(1)).
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, listOf } from "./rule";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

export const noUnrestrictedIngress: HipaaRule = {
  id: "hipaa-no-unrestricted-ingress",
  title: "No security group rule admits 0.0.0.0/0 or ::/0",
  sections: ["164.312(e)(1)", "164.312(a)(1)"],
  resourceTypes: ["aws_security_group"],
  configRules: [
    "INCOMING_SSH_DISABLED",
    "RESTRICTED_INCOMING_TRAFFIC",
    "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS",
  ],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/vpc-sg-open-only-to-authorized-ports.html",
  fix: "admit only the VPC's CIDR, a prefix list or another security group",
  check(model) {
    const out: RuleFinding[] = [];
    const open = (cidrs: unknown) => listOf(cidrs as string[]).filter((c) => ANYWHERE.includes(String(c)));
    for (const ref of model.resources("aws_security_group")) {
      for (const rule of listOf(model.argument(ref, "ingress") as Array<Record<string, unknown>>)) {
        const from = [...open(rule.cidr_blocks), ...open(rule.ipv6_cidr_blocks)];
        if (from.length > 0)
          out.push({
            address: addressOf(ref),
            message: `admits ${from.join(", ")} on ports ${String(rule.from_port)}-${String(rule.to_port)}`,
          });
      }
    }
    for (const ref of model.resources("aws_security_group_rule")) {
      const from = [
        ...open(model.argument(ref, "cidr_blocks")),
        ...open(model.argument(ref, "ipv6_cidr_blocks")),
      ];
      if (model.argument(ref, "type") === "ingress" && from.length > 0)
        out.push({ address: addressOf(ref), message: `admits ${from.join(", ")}` });
    }
    for (const ref of model.resources("aws_vpc_security_group_ingress_rule")) {
      const from = [...open(model.argument(ref, "cidr_ipv4")), ...open(model.argument(ref, "cidr_ipv6"))];
      if (from.length > 0) out.push({ address: addressOf(ref), message: `admits ${from.join(", ")}` });
    }
    return out;
  },
};
