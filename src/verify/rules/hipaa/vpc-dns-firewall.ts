// Every PHI VPC carries the landing zone's DNS Firewall: a rule group blocking every managed threat list of its
// region, associated ahead of any other group, and the fail-closed setting the configuration asks for
// (164.308(a)(5)(ii)(B) protection from malicious software, 164.312(e)(1) transmission security). No managed rule
// of the pack checks it.
import { managedDomainListIds, phiAccountNames } from "../../../config/model";
import { LandingZoneConfig } from "../../../config/schema";
import {
  BLOCKED_MANAGED_DOMAIN_LISTS,
  DNS_FIREWALL_DOCS,
  failsClosed,
  LANDING_ZONE_ASSOCIATION_PRIORITY,
} from "../../../policies/dns-firewall";
import { ResourceRef, SynthesizedLandingZone } from "../../synthesized";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

/** What is wrong with one PHI VPC's DNS Firewall, or undefined. */
function vpcProblem(
  model: SynthesizedLandingZone,
  config: LandingZoneConfig,
  vpc: ResourceRef,
): string | undefined {
  const org = config.organization;
  const vpcId = `\${aws_vpc.${vpc.name}.id}`;
  const associations = model
    .resources("aws_route53_resolver_firewall_rule_group_association", vpc.stack)
    .filter((ref) => ref.body.vpc_id === vpcId);
  const association = associations.find((ref) => ref.body.priority === LANDING_ZONE_ASSOCIATION_PRIORITY);
  if (!association)
    return `has no DNS Firewall rule group associated at priority ${LANDING_ZONE_ASSOCIATION_PRIORITY}`;
  const ahead = associations.find(
    (ref) => ref !== association && Number(ref.body.priority) <= LANDING_ZONE_ASSOCIATION_PRIORITY,
  );
  if (ahead)
    return `has another DNS Firewall rule group (${addressOf(ahead)}) evaluated at or before the landing zone's`;
  const rules = model
    .resources("aws_route53_resolver_firewall_rule", vpc.stack)
    .filter((rule) => rule.body.firewall_rule_group_id === association.body.firewall_rule_group_id);
  // Any other action in the group (ALLOW, ALERT) ends the evaluation at its match, wherever it stands.
  const notBlocking = rules.find((rule) => rule.body.action !== "BLOCK");
  if (notBlocking)
    return `its DNS Firewall rule group holds a rule that does not block (${addressOf(notBlocking)}: ${String(notBlocking.body.action)})`;
  const blocked = new Set(rules.map((rule) => String(rule.body.firewall_domain_list_id)));
  const ids = managedDomainListIds(org, model.regionOf(vpc));
  const missing = BLOCKED_MANAGED_DOMAIN_LISTS.filter((list) => !ids || !blocked.has(ids[list]));
  if (missing.length > 0) return `its DNS Firewall rule group does not block ${missing.join(", ")}`;
  const closed = failsClosed(org.network.dnsFirewall.failClosed, true);
  const setting = model
    .resources("aws_route53_resolver_firewall_config", vpc.stack)
    .find((ref) => ref.body.resource_id === vpcId)?.body.firewall_fail_open;
  const expected = closed ? "DISABLED" : "ENABLED";
  if (setting !== expected)
    return `its DNS Firewall fail-open setting is ${String(setting ?? "unset")}, expected ${expected} (network.dnsFirewall.failClosed: ${org.network.dnsFirewall.failClosed})`;
  return undefined;
}

export const vpcDnsFirewall: HipaaRule = {
  id: "hipaa-vpc-dns-firewall",
  title: "Every PHI VPC blocks AWS's managed threat domain lists with DNS Firewall, evaluated first",
  sections: ["164.308(a)(5)(ii)(B)", "164.312(e)(1)"],
  resourceTypes: [
    "aws_route53_resolver_firewall_rule_group",
    "aws_route53_resolver_firewall_rule",
    "aws_route53_resolver_firewall_rule_group_association",
    "aws_route53_resolver_firewall_config",
  ],
  configRules: [],
  doc: DNS_FIREWALL_DOCS.overview,
  fix: "keep network.dnsFirewall.enabled (NetworkStack adds DnsFirewall to the VPC), with the region's managed domain list IDs",
  check(model, config) {
    const phi = new Set([...phiAccountNames(config.environments)].map((name) => model.accountId(name)));
    const out: RuleFinding[] = [];
    for (const vpc of model.resources("aws_vpc")) {
      if (!phi.has(model.accountOf(vpc))) continue;
      const problem = vpcProblem(model, config, vpc);
      if (problem) out.push({ address: addressOf(vpc), message: problem });
    }
    return out;
  },
};
