// Every Site-to-Site VPN connection's two tunnels log their activity (IKE negotiations, dead peer detection, tunnel
// state) to a KMS-encrypted log group of the landing zone in the same account and region: without it a tunnel that
// renegotiates, drops or is probed by a stranger leaves no record (164.312(b) audit controls, 164.312(e)(1)
// transmission security). No managed rule of the pack checks tunnel logging.
import { HYBRID_DOCS } from "../../../policies/hybrid-network";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

export const vpnTunnelLogs: HipaaRule = {
  id: "hipaa-vpn-tunnel-logs",
  title: "Every VPN tunnel logs its activity to an encrypted log group of the landing zone",
  sections: ["164.312(b)", "164.312(e)(1)"],
  resourceTypes: ["aws_vpn_connection"],
  configRules: [],
  doc: HYBRID_DOCS.tunnelLogs,
  fix: "keep HybridConnectivity's tunnel log options: tunnel1_ and tunnel2_log_options to the region's VpnTunnelLogs group (modules/hybrid-connectivity.ts)",
  check(model) {
    const out: RuleFinding[] = [];
    for (const vpn of model.resources("aws_vpn_connection")) {
      for (const tunnel of ["tunnel1", "tunnel2"]) {
        const key = `${tunnel}_log_options`;
        const block = vpn.body[key] as { cloudwatch_log_options?: Record<string, unknown> } | undefined;
        const options = block?.cloudwatch_log_options;
        if (options?.log_enabled !== true) {
          out.push({ address: addressOf(vpn), message: `does not log ${tunnel}'s activity (${key})` });
          continue;
        }
        const group = model.referencedResource(vpn.stack, options.log_group_arn);
        if (group?.type !== "aws_cloudwatch_log_group" || group.stack !== vpn.stack)
          out.push({
            address: addressOf(vpn),
            message: `logs ${tunnel} to ${String(options.log_group_arn)}, which is no log group of this stack`,
          });
        else if (String(model.argument(group, "kms_key_id") ?? "") === "")
          out.push({
            address: addressOf(vpn),
            message: `logs ${tunnel} to ${group.type}.${group.name}, which is not encrypted with a KMS key`,
          });
        else if (model.regionOf(group) !== model.regionOf(vpn))
          out.push({
            address: addressOf(vpn),
            message: `logs ${tunnel} to ${group.type}.${group.name} in ${model.regionOf(group)}; the connection is in ${model.regionOf(vpn)}`,
          });
      }
    }
    return out;
  },
};
