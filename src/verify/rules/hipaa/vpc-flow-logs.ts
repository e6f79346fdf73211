// Every VPC records all its traffic, accepted and rejected, in flow logs (164.312(b) audit controls).
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

export const vpcFlowLogs: HipaaRule = {
  id: "hipaa-vpc-flow-logs",
  title: "Every VPC has a flow log of ALL traffic",
  sections: ["164.312(b)"],
  resourceTypes: ["aws_flow_log"],
  configRules: ["VPC_FLOW_LOGS_ENABLED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/vpc-flow-logs-enabled.html",
  fix: "add an aws_flow_log for the VPC with traffic_type ALL (PhiVpc has one)",
  check(model) {
    const out: RuleFinding[] = [];
    for (const vpc of model.resources("aws_vpc")) {
      const logs = model
        .resources("aws_flow_log", vpc.stack)
        .filter((ref) => ref.body.vpc_id === `\${aws_vpc.${vpc.name}.id}`);
      if (logs.length === 0) out.push({ address: addressOf(vpc), message: "has no flow log" });
      else if (!logs.some((ref) => model.argument(ref, "traffic_type") === "ALL"))
        out.push({ address: addressOf(vpc), message: "has flow logs, none of ALL traffic" });
    }
    return out;
  },
};
