// Checks of the network section: DNS Firewall stays on while any environment holds PHI (164.308(a)(5)(ii)(B)
// protection from malicious software, 164.312(e)(1) transmission security), the region every VPC is in has the
// managed domain lists' IDs the firewall's rules name, and every VPC names its hub segment and is in the hub's
// region while the hub is on (164.312(a)(1) access control); the hub's on-premises side is complete, its ranges apart from every environment's
// and its customer gateways acceptable to AWS (164.312(e)(1)).
import {
  cidrContains,
  cidrsOverlap,
  Cidr,
  isNetworkAligned,
  isPrivateCidr,
  parseCidr,
  PRIVATE_RANGES,
} from "../cidr";
import { managedDomainListIds, namesOnPremisesGateway, regionOf } from "../model";
import { cite } from "../../policies/hipaa-sections";
import { DNS_FIREWALL_DOCS } from "../../policies/dns-firewall";
import { SEGMENTS, TRANSIT_GATEWAY_DOCS } from "../../policies/transit-gateway";
import { INSPECTION_DOCS, INSPECTION_VPC_PREFIXES, MAX_ALLOWED_DOMAINS } from "../../policies/inspection";
import {
  AWS_DNS_SUFFIXES,
  domainSlug,
  HYBRID_DOCS,
  RESOLVER_NAME_MAX,
  resolverName,
  RESOLVER_SEGMENT,
  RESOLVER_VPC_PREFIXES,
  reservedCustomerGatewayAsns,
} from "../../policies/hybrid-network";
import { ConfigIssue } from "../errors";
import { EnvironmentSource, IssueList, list, OrganizationSource, repeats, notUnique } from "./sources";

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

/** Every region with an environment's VPC has the managed domain lists' IDs its DNS Firewall rules name. */
function checkManagedListIds(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): void {
  const org = source.organization;
  if (!org.network.dnsFirewall.enabled) return;
  for (const region of org.regions) {
    const here = environments.filter(({ config: env }) => regionOf(org, env) === region);
    if (here.length === 0 || managedDomainListIds(org, region) !== undefined) continue;
    const names = here.map((e) => e.config.name);
    const whose = names.length === 1 ? `${names[0]}'s VPC` : `the VPCs of ${list(names)}`;
    out.note(
      ["network", "dnsFirewall", "managedDomainListIds", region],
      `expected the managed domain lists' IDs for ${region}, the region of ${whose}: the landing zone's table has none for it. \`aws route53resolver list-firewall-domain-lists --region ${region}\` prints them (${DNS_FIREWALL_DOCS.managedLists})`,
    );
  }
}

/**
 * While the hub is on, every environment's VPC is in the home region: the hub's gateways are not peered between
 * regions yet, so a VPC elsewhere would reach neither its own segment in the home region nor shared services,
 * on-premises or inspected egress, which its segment promises.
 */
function checkHubRegion(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  const org = source.organization;
  if (!org.network.transitGateway.enabled) return [];
  return environments.flatMap(({ config: env, file }) => {
    if (env.region === undefined || env.region === org.homeRegion) return [];
    const out = new IssueList(file);
    out.add(
      ["region"],
      env.region,
      `expected ${org.homeRegion}, the home region, or no region: network.transitGateway is on in ${source.file}, and the hub is in the home region only (its Transit Gateways are not peered between regions yet), so a VPC in ${env.region} would reach none of its segment's networks`,
    );
    return out.issues;
  });
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

/** A customer gateway or Direct Connect gateway attaches to the hub, so it needs the hub. */
function checkHybridNeedsHub(source: OrganizationSource, out: IssueList): void {
  const { transitGateway, hybrid } = source.organization.network;
  if (transitGateway.enabled) return;
  const why = `expected network.transitGateway.enabled: true: on-premises connects through the hub's Transit Gateway (${HYBRID_DOCS.vpnAttachments})`;
  if (hybrid.customerGateways.length > 0)
    out.add(
      ["network", "hybrid", "customerGateways"],
      hybrid.customerGateways.map((g) => g.name),
      why,
    );
  if (hybrid.directConnectGatewayId !== undefined)
    out.add(["network", "hybrid", "directConnectGatewayId"], hybrid.directConnectGatewayId, why);
}

/** The shortest on-premises prefix: anything wider would take most of the address space, a default route's halves. */
const WIDEST_ON_PREMISES_PREFIX = 8;

/**
 * The on-premises ranges exist while anything connects, are network addresses no wider than /8 (a wider one, up to
 * 0.0.0.0/0, would send every VPC's traffic on-premises), overlap each other nowhere and no environment's CIDR (an
 * environment's range learned from on-premises would compete with its own attachment's).
 */
function checkOnPremisesCidrs(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): void {
  const hybrid = source.organization.network.hybrid;
  const connected = namesOnPremisesGateway(hybrid);
  if (connected && hybrid.onPremisesCidrs.length === 0)
    out.note(
      ["network", "hybrid", "onPremisesCidrs"],
      "expected the on-premises ranges the environments route to the hub: a customer gateway or Direct Connect gateway is configured",
    );
  const earlier: Array<{ cidr: Cidr; index: number }> = [];
  hybrid.onPremisesCidrs.forEach((text, index) => {
    const path = ["network", "hybrid", "onPremisesCidrs", index];
    const cidr = parseCidr(text) as Cidr; // the schema has already refused anything unparseable
    if (!isNetworkAligned(cidr))
      out.add(path, text, `expected a network address with no host bits set for /${cidr.prefix}`);
    if (cidr.prefix < WIDEST_ON_PREMISES_PREFIX)
      out.add(
        path,
        text,
        `expected a prefix of /${WIDEST_ON_PREMISES_PREFIX} or longer: a wider range would send most of every VPC's traffic on-premises, and no PHI VPC's default route leaves the hub`,
      );
    for (const seen of earlier.filter((e) => cidrsOverlap(e.cidr, cidr)))
      out.add(path, text, `expected a range that does not overlap onPremisesCidrs[${seen.index}]`);
    earlier.push({ cidr, index });
    for (const { config: env, file } of environments) {
      const envCidr = parseCidr(env.cidr);
      if (envCidr && cidrsOverlap(envCidr, cidr))
        out.add(
          path,
          text,
          `expected a range that does not overlap ${env.cidr}, environment ${env.name}'s (${file})`,
        );
    }
  });
}

/**
 * Each customer gateway has a unique name, an ASN AWS accepts in the home region and not the hub's own, and static
 * routes exactly when its routing is static, each inside an on-premises range and on no other gateway.
 */
function checkCustomerGateways(source: OrganizationSource, out: IssueList): void {
  const org = source.organization;
  const { hybrid, transitGateway } = org.network;
  const path = (index: number, ...rest: Array<string | number>) => [
    "network",
    "hybrid",
    "customerGateways",
    index,
    ...rest,
  ];
  for (const { item, index, first } of repeats(hybrid.customerGateways, (g) => g.name))
    out.add(path(index, "name"), item.name, notUnique("customer gateway name", `customerGateways[${first}]`));
  const reserved = reservedCustomerGatewayAsns(org.homeRegion);
  const ranges = hybrid.onPremisesCidrs.map((text) => parseCidr(text) as Cidr);
  const routed = new Map<string, number>();
  hybrid.customerGateways.forEach((gateway, index) => {
    if (reserved.includes(gateway.bgpAsn))
      out.add(
        path(index, "bgpAsn"),
        gateway.bgpAsn,
        `expected an ASN other than ${list(reserved.map(String))}, reserved by AWS in ${org.homeRegion} (${HYBRID_DOCS.customerGateway})`,
      );
    if (gateway.bgpAsn === transitGateway.amazonSideAsn)
      out.add(
        path(index, "bgpAsn"),
        gateway.bgpAsn,
        `expected an ASN other than the hub's own (network.transitGateway.amazonSideAsn): the two ends of a BGP session over a VPN tunnel are different autonomous systems`,
      );
    if (gateway.routing === "static" && gateway.staticRoutes.length === 0)
      out.note(
        path(index, "staticRoutes"),
        `expected the on-premises ranges behind ${gateway.name}: its routing is static, so the pipeline writes its routes (${HYBRID_DOCS.routing})`,
      );
    if (gateway.routing === "dynamic" && gateway.staticRoutes.length > 0)
      out.add(
        path(index, "staticRoutes"),
        gateway.staticRoutes,
        "expected none: with dynamic routing on-premises advertises its routes over BGP; set routing: static to write them",
      );
    gateway.staticRoutes.forEach((text, route) => {
      const cidr = parseCidr(text) as Cidr;
      if (!ranges.some((range) => cidrContains(range, cidr)))
        out.add(
          path(index, "staticRoutes", route),
          text,
          `expected a range inside one of network.hybrid.onPremisesCidrs (${list(hybrid.onPremisesCidrs)})`,
        );
      const other = routed.get(text);
      if (other !== undefined)
        out.add(
          path(index, "staticRoutes", route),
          text,
          `expected a range on one gateway only: customerGateways[${other}] routes it, and a route table holds one route per destination`,
        );
      else routed.set(text, index);
    });
  });
}

/** The segments that reach on-premises are named once each, and at least one while anything connects. */
function checkOnPremisesSegments(source: OrganizationSource, out: IssueList): void {
  const hybrid = source.organization.network.hybrid;
  for (const { item, index, first } of repeats(hybrid.segments, (s) => s))
    out.add(["network", "hybrid", "segments", index], item, notUnique("segment", `segments[${first}]`));
  const connected = namesOnPremisesGateway(hybrid);
  if (connected && hybrid.segments.length === 0)
    out.add(
      ["network", "hybrid", "segments"],
      [],
      `expected at least one of ${SEGMENTS.join(", ")}: on-premises is connected and would reach no environment`,
    );
}

/**
 * The resolver's endpoints need their VPC, a way to on-premises, and the shared segment (which the VPC joins) among
 * those that reach on-premises; the VPC's range is private, aligned, /16 to /24 and apart from every environment
 * and on-premises range; each forwarding rule names its domain once and on-premises servers only.
 */
function checkResolver(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): void {
  const hybrid = source.organization.network.hybrid;
  const resolver = hybrid.resolver;
  const path = (...rest: Array<string | number>) => ["network", "hybrid", "resolver", ...rest];
  const wanted = resolver.forwardingRules.length > 0 || resolver.inboundEndpoint;
  const connected = namesOnPremisesGateway(hybrid);
  if (wanted && resolver.cidr === undefined)
    out.note(
      path("cidr"),
      "expected the resolver VPC's CIDR: the forwarding rules and the inbound endpoint need a VPC in coreAccounts.network for their endpoints",
    );
  if (wanted && !connected)
    out.note(
      path(),
      `expected a customer gateway or directConnectGatewayId in network.hybrid: the resolver reaches on-premises DNS only through them (${HYBRID_DOCS.resolverForwarding})`,
    );
  if (wanted && connected && !hybrid.segments.includes(RESOLVER_SEGMENT))
    out.add(
      ["network", "hybrid", "segments"],
      hybrid.segments,
      `expected ${RESOLVER_SEGMENT} among the segments: the resolver VPC joins ${RESOLVER_SEGMENT} and must reach on-premises`,
    );
  if (resolver.cidr !== undefined)
    checkNetworkAccountVpcCidr(
      path("cidr"),
      resolver.cidr,
      RESOLVER_VPC_PREFIXES,
      [
        ...environmentRanges(environments),
        ...hybrid.onPremisesCidrs.map((cidr, index) => ({ cidr, label: `onPremisesCidrs[${index}]` })),
      ],
      out,
    );
  for (const { item, index, first } of repeats(resolver.forwardingRules, (r) => r.domain))
    out.add(
      path("forwardingRules", index, "domain"),
      item.domain,
      notUnique("domain", `forwardingRules[${first}]`),
    );
  const org = source.organization;
  const longestName = Math.max(
    resolverName(org.name).length,
    ...environments.map(({ config: env }) => `${org.name}-${env.name}`.length),
  );
  for (const { item, index, first } of repeats(resolver.forwardingRules, (r) => domainSlug(r.domain)))
    if (item.domain !== resolver.forwardingRules[first].domain)
      out.add(
        path("forwardingRules", index, "domain"),
        item.domain,
        `expected a domain whose name (${domainSlug(item.domain)}) no other rule shares: forwardingRules[${first}] (${resolver.forwardingRules[first].domain}) has it`,
      );
  resolver.forwardingRules.forEach((rule, index) => {
    const domainPath = path("forwardingRules", index, "domain");
    if (!rule.domain.includes("."))
      out.add(
        domainPath,
        rule.domain,
        "expected a domain of two labels or more: a single label would forward every name under it to on-premises",
      );
    const aws = AWS_DNS_SUFFIXES.find(
      (suffix) => rule.domain === suffix || rule.domain.endsWith(`.${suffix}`),
    );
    if (aws)
      out.add(
        domainPath,
        rule.domain,
        `expected an on-premises domain, not one under ${aws}: AWS's service and instance names would resolve on-premises`,
      );
    const length = longestName + 1 + domainSlug(rule.domain).length;
    if (length > RESOLVER_NAME_MAX)
      out.add(
        domainPath,
        rule.domain,
        `expected a shorter domain: the rule and association names it forms (${longestName + 1} characters of organization, environment or resolver, then ${domainSlug(rule.domain)}) would be ${length} characters, and Route 53 Resolver takes ${RESOLVER_NAME_MAX}`,
      );
  });
  const ranges = hybrid.onPremisesCidrs.map((text) => parseCidr(text) as Cidr);
  resolver.forwardingRules.forEach((rule, index) => {
    rule.targetIps.forEach((ip, target) => {
      const address = parseCidr(`${ip}/32`) as Cidr;
      if (!ranges.some((range) => cidrContains(range, address)))
        out.add(
          path("forwardingRules", index, "targetIps", target),
          ip,
          `expected an on-premises DNS server inside one of network.hybrid.onPremisesCidrs (${list(hybrid.onPremisesCidrs)}): the outbound endpoint reaches nothing else`,
        );
    });
  });
}

/** Every environment's range, labelled as the messages name it. */
function environmentRanges(
  environments: readonly EnvironmentSource[],
): Array<{ cidr: string; label: string }> {
  return environments.map(({ config: env, file }) => ({
    cidr: env.cidr,
    label: `${env.cidr}, environment ${env.name}'s (${file})`,
  }));
}

/**
 * A VPC of the network account's own (the resolver's, the inspection VPC): a private, aligned range within its
 * prefixes that overlaps none of `others`.
 */
function checkNetworkAccountVpcCidr(
  path: ReadonlyArray<string | number>,
  text: string,
  prefixes: { readonly largest: number; readonly smallest: number },
  others: ReadonlyArray<{ readonly cidr: string; readonly label: string }>,
  out: IssueList,
): void {
  const cidr = parseCidr(text) as Cidr; // the schema has already refused anything unparseable
  if (!isNetworkAligned(cidr))
    out.add(path, text, `expected a network address with no host bits set for /${cidr.prefix}`);
  if (cidr.prefix < prefixes.largest || cidr.prefix > prefixes.smallest)
    out.add(
      path,
      text,
      `expected a prefix from /${prefixes.largest} to /${prefixes.smallest} (a subnet per tier in two zones)`,
    );
  if (!isPrivateCidr(cidr)) out.add(path, text, `expected a private range (${PRIVATE_RANGES.join(", ")})`);
  for (const other of others) {
    const range = parseCidr(other.cidr);
    if (range && cidrsOverlap(range, cidr))
      out.add(path, text, `expected a range that does not overlap ${other.label}`);
  }
}

/**
 * Inspected egress needs the hub, its VPC's range (apart from every environment, on-premises and resolver range)
 * and at least one allowed domain, each named once.
 */
function checkInspection(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): void {
  const network = source.organization.network;
  const inspection = network.inspection;
  if (!inspection.enabled) return;
  const path = (...rest: Array<string | number>) => ["network", "inspection", ...rest];
  if (!network.transitGateway.enabled)
    out.add(
      path("enabled"),
      true,
      `expected network.transitGateway.enabled: true: the environments reach the inspection VPC through the hub (${INSPECTION_DOCS.centralizedEgress})`,
    );
  if (inspection.cidr === undefined)
    out.note(
      path("cidr"),
      "expected the inspection VPC's CIDR: its firewall, NAT and attachment subnets need a range",
    );
  else
    checkNetworkAccountVpcCidr(
      path("cidr"),
      inspection.cidr,
      INSPECTION_VPC_PREFIXES,
      [
        ...environmentRanges(environments),
        ...network.hybrid.onPremisesCidrs.map((cidr, index) => ({
          cidr,
          label: `onPremisesCidrs[${index}]`,
        })),
        ...(network.hybrid.resolver.cidr
          ? [{ cidr: network.hybrid.resolver.cidr, label: "network.hybrid.resolver.cidr" }]
          : []),
      ],
      out,
    );
  // With a default route to inspection, traffic for an on-premises range whose routes are withdrawn falls to
  // 0.0.0.0/0 and the internet: a public range could then be reached there.
  network.hybrid.onPremisesCidrs.forEach((text, index) => {
    if (!isPrivateCidr(parseCidr(text) as Cidr))
      out.add(
        ["network", "hybrid", "onPremisesCidrs", index],
        text,
        `expected a private range (${PRIVATE_RANGES.join(", ")}) while network.inspection is on: if on-premises withdraws its routes, traffic for a public range would leave through inspection to whoever holds it on the internet`,
      );
  });
  if (inspection.allowedDomains.length === 0)
    out.note(
      path("allowedDomains"),
      "expected at least one domain the environments may reach: with none the firewall lets nothing out; switch inspection off instead",
    );
  if (inspection.allowedDomains.length > MAX_ALLOWED_DOMAINS)
    out.add(
      path("allowedDomains"),
      `${inspection.allowedDomains.length} domains`,
      `expected at most ${MAX_ALLOWED_DOMAINS}: the allow-list's rule group has a capacity fixed at creation (${INSPECTION_DOCS.capacity}); allow a parent domain with a leading dot instead of its names`,
    );
  for (const { item, index, first } of repeats(inspection.allowedDomains, (d) => d))
    out.add(path("allowedDomains", index), item, notUnique("domain", `allowedDomains[${first}]`));
}

/** Every problem of the network section. */
export function networkIssues(source: OrganizationSource, environments: readonly EnvironmentSource[]) {
  const out = new IssueList(source.file);
  checkDnsFirewallOnForPhi(source, environments, out);
  checkFailClosedForPhi(source, environments, out);
  checkManagedListIds(source, environments, out);
  checkHybridNeedsHub(source, out);
  checkOnPremisesCidrs(source, environments, out);
  checkCustomerGateways(source, out);
  checkOnPremisesSegments(source, out);
  checkResolver(source, environments, out);
  checkInspection(source, environments, out);
  return [...out.issues, ...checkSegments(source, environments), ...checkHubRegion(source, environments)];
}
