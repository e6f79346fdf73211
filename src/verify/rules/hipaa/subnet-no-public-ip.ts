// No subnet gives instances a public address by default, so nothing in a PHI VPC is reachable from the internet
// by accident (164.312(e)(1), 164.312(a)(1)).
import { HipaaRule, perResource } from "./rule";

export const subnetNoPublicIp: HipaaRule = perResource({
  id: "hipaa-subnet-no-public-ip",
  title: "No subnet assigns public IP addresses on launch",
  sections: ["164.312(e)(1)", "164.312(a)(1)"],
  resourceTypes: ["aws_subnet"],
  configRules: ["SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/subnet-auto-assign-public-ip-disabled.html",
  fix: "set map_public_ip_on_launch = false",
  type: "aws_subnet",
  problem: (ref, model) =>
    model.argument(ref, "map_public_ip_on_launch") === true
      ? "assigns public IP addresses on launch"
      : undefined,
});
