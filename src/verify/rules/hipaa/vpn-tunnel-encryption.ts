// Every Site-to-Site VPN connection's two tunnels negotiate only IKEv2, AES-256, SHA-2 and strong Diffie-Hellman
// groups (TUNNEL_CRYPTO): a tunnel option left out takes AWS's default list, which includes IKEv1, AES-128, SHA-1
// and group 2, and a router can settle on any of them (164.312(e)(1) transmission security, 164.312(e)(2)(ii)
// encryption). No managed rule of the pack checks tunnel options.
import { HYBRID_DOCS, TUNNEL_CRYPTO } from "../../../policies/hybrid-network";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, listOf } from "./rule";

/** Each tunnel option's argument suffix (tunnel1_<suffix>) with the values it may hold. */
const TUNNEL_OPTIONS: ReadonlyArray<readonly [string, ReadonlyArray<string | number>]> = [
  ["ike_versions", TUNNEL_CRYPTO.ikeVersions],
  ["phase1_encryption_algorithms", TUNNEL_CRYPTO.phase1EncryptionAlgorithms],
  ["phase2_encryption_algorithms", TUNNEL_CRYPTO.phase2EncryptionAlgorithms],
  ["phase1_integrity_algorithms", TUNNEL_CRYPTO.phase1IntegrityAlgorithms],
  ["phase2_integrity_algorithms", TUNNEL_CRYPTO.phase2IntegrityAlgorithms],
  ["phase1_dh_group_numbers", TUNNEL_CRYPTO.phase1DhGroupNumbers],
  ["phase2_dh_group_numbers", TUNNEL_CRYPTO.phase2DhGroupNumbers],
];

export const vpnTunnelEncryption: HipaaRule = {
  id: "hipaa-vpn-tunnel-encryption",
  title: "Every VPN tunnel negotiates only IKEv2, AES-256, SHA-2 and strong Diffie-Hellman groups",
  sections: ["164.312(e)(1)", "164.312(e)(2)(ii)"],
  resourceTypes: ["aws_vpn_connection"],
  configRules: [],
  doc: HYBRID_DOCS.tunnelOptions,
  fix: "set every tunnel1_ and tunnel2_ crypto option to TUNNEL_CRYPTO's values (modules/hybrid-connectivity.ts)",
  check(model) {
    const out: RuleFinding[] = [];
    for (const vpn of model.resources("aws_vpn_connection")) {
      for (const tunnel of ["tunnel1", "tunnel2"]) {
        for (const [suffix, allowed] of TUNNEL_OPTIONS) {
          const key = `${tunnel}_${suffix}`;
          const values = listOf(vpn.body[key] as Array<string | number> | undefined);
          const weak = values.filter((v) => !allowed.includes(v));
          if (values.length === 0)
            out.push({
              address: addressOf(vpn),
              message: `leaves ${key} to AWS's defaults, which include weaker choices than ${allowed.join(", ")}`,
            });
          else if (weak.length > 0)
            out.push({
              address: addressOf(vpn),
              message: `allows ${weak.join(", ")} in ${key}; expected only ${allowed.join(", ")}`,
            });
        }
      }
    }
    return out;
  },
};
