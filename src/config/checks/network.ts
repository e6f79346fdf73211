// Checks of the network section: DNS Firewall stays on while any environment holds PHI (164.308(a)(5)(ii)(B)
// protection from malicious software, 164.312(e)(1) transmission security), the region every VPC is in has the
// managed domain lists' IDs the firewall's rules name, and every VPC names its hub segment while the hub is on
// (164.312(a)(1) access control).
import { managedDomainListIds } from "../model";
import { cite } from "../../policies/hipaa-sections";
import { DNS_FIREWALL_DOCS } from "../../policies/dns-firewall";
import { SEGMENTS, TRANSIT_GATEWAY_DOCS } from "../../policies/transit-gateway";
import { ConfigIssue } from "../errors";
import { EnvironmentSource, IssueList, list, OrganizationSource } from "./sources";

/** DNS Firewall may be switched off only where no environment holds PHI. */
function checkDnsFirewallOnForPhi(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): void {
  if (source.organization.network.dnsFirewall.enabled) return;
  const phi = environments.filter((e) => e.config.phi).map((e) => e.config.name);
  if (phi.length === 0) return;
  out.add(
    ["network", "dnsFirewall", "enabled"],
    false,
    `expected true while environments hold PHI (${list(phi)}): DNS Firewall keeps their VPCs from resolving known malware and command-and-control domains (${cite("164.308(a)(5)(ii)(B)")})`,
  );
}

/** A PHI environment's VPC fails closed: `failClosed: none` would answer unfiltered when DNS Firewall cannot. */
function checkFailClosedForPhi(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): void {
  const dns = source.organization.network.dnsFirewall;
  if (!dns.enabled || dns.failClosed !== "none") return;
  const phi = environments.filter((e) => e.config.phi).map((e) => e.config.name);
  if (phi.length === 0) return;
  out.add(
    ["network", "dnsFirewall", "failClosed"],
    "none",
    `expected phi or all while environments hold PHI (${list(phi)}): their VPCs must answer nothing rather than an unfiltered lookup when DNS Firewall cannot answer (${cite("164.308(a)(5)(ii)(B)")}, ${DNS_FIREWALL_DOCS.failOpen})`,
  );
}

/** Every environment's VPC is in the home region, whose managed domain list IDs must be known. */
function checkManagedListIds(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): void {
  const org = source.organization;
  if (!org.network.dnsFirewall.enabled || environments.length === 0) return;
  if (managedDomainListIds(org, org.homeRegion) !== undefined) return;
  out.note(
    ["network", "dnsFirewall", "managedDomainListIds", org.homeRegion],
    `expected the managed domain lists' IDs for ${org.homeRegion}, where the environments' VPCs are: the landing zone's table has none for it. \`aws route53resolver list-firewall-domain-lists --region ${org.homeRegion}\` prints them (${DNS_FIREWALL_DOCS.managedLists})`,
  );
}

/**
 * While the hub is on, every environment names its segment: which side of the prod/non-prod wall a VPC is on is
 * the configuration's decision, never a default (an environment defaulted into the wrong segment would reach the
 * other side's data).
 */
function checkSegments(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  if (!source.organization.network.transitGateway.enabled) return [];
  return environments.flatMap(({ config: env, file }) => {
    if (env.network.segment !== undefined) return [];
    const out = new IssueList(file);
    out.note(
      ["network", "segment"],
      `expected the segment this VPC joins on the hub (${SEGMENTS.join(", ")}): network.transitGateway is on in ${source.file}, and prod and non-prod never route to each other (${TRANSIT_GATEWAY_DOCS.isolated})`,
    );
    return out.issues;
  });
}

/** Every problem of the network section. */
export function networkIssues(source: OrganizationSource, environments: readonly EnvironmentSource[]) {
  const out = new IssueList(source.file);
  checkDnsFirewallOnForPhi(source, environments, out);
  checkFailClosedForPhi(source, environments, out);
  checkManagedListIds(source, environments, out);
  return [...out.issues, ...checkSegments(source, environments)];
}
