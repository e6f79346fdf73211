// Validation of the network: each environment's VPC account, zones, endpoints and segment, the notice an egress
// tier earns and its refusal where PHI is, DNS Firewall's switch and list IDs, the environment's region, and the
// hub's settings.
import { configNotices } from "../../src/config/semantic";
import { loadConfig } from "../../src/config/load";
import { regionOf } from "../../src/config/model";
import {
  configIssues,
  DEV_YAML,
  fixture,
  ORGANIZATION_YAML,
  PROD_YAML,
  validConfig,
} from "../helpers/config-fixture";

describe("network", () => {
  it("defaults to two zones, the standard endpoints, no egress, and the environment's first account", () => {
    expect(validConfig().environments[0].network).toEqual({ availabilityZones: 2, egress: false });
  });

  it("refuses a VPC account outside the environment, one zone, and an endpoint listed twice", () => {
    const prod = `${PROD_YAML}network:\n  account: network\n  availabilityZones: 1\n  interfaceEndpoints: [kms, kms]\n`;
    expect(configIssues(fixture({ "prod.yaml": prod }))).toEqual([
      "cfg/prod.yaml:7 network.availabilityZones: received 1; expected a whole number from 2 to 6 availability zones (one zone is one outage from no service)",
    ]);
    const prod2 = `${PROD_YAML}network:\n  account: network\n  interfaceEndpoints: [kms, kms]\n`;
    expect(configIssues(fixture({ "prod.yaml": prod2 }))).toEqual([
      'cfg/prod.yaml:6 network.account: received "network"; expected one of this environment\'s accounts: phi-prod',
      'cfg/prod.yaml:7 network.interfaceEndpoints[1]: received "kms"; expected a unique endpoint (network.interfaceEndpoints[0] already uses it)',
    ]);
  });

  it("says what an egress tier costs in exposure, and refuses one where PHI is", () => {
    const config = validConfig({ "dev.yaml": `${DEV_YAML}network:\n  egress: true\n` });
    expect(configNotices(config.environments, "cfg")).toEqual([
      'cfg/dev.yaml network.egress: true: environment "dev" gets an internet gateway and a NAT gateway per zone. Its workloads can reach any internet address, so its data could leave by a path the VPC endpoints\' data perimeter does not see (164.312(e)(1)); inbound connections stay impossible and its private subnets keep no public IPs. A PHI environment may not have it. Prefer VPC endpoints; if egress stays, restrict it with an egress proxy or AWS Network Firewall.',
    ]);
    expect(configIssues(fixture({ "prod.yaml": `${PROD_YAML}network:\n  egress: true\n` }))).toEqual([
      "cfg/prod.yaml:6 network.egress: received true; expected false in an environment that holds PHI: its VPC keeps no route of its own to the internet (164.312(e)(1)); it reaches AWS through its endpoints and other networks through the hub",
    ]);
    expect(configNotices(validConfig().environments, "cfg")).toEqual([]);
  });
});

describe("network.dnsFirewall", () => {
  const withDns = (yaml: string) => ({
    "organization.yaml": `${ORGANIZATION_YAML}network:\n  dnsFirewall:\n${yaml}`,
  });

  it("defaults to on, fail-closed where PHI is, NODATA, and the landing zone's table of list IDs", () => {
    expect(validConfig().organization.network.dnsFirewall).toEqual({
      enabled: true,
      failClosed: "phi",
      blockResponse: "NODATA",
      managedDomainListIds: {},
    });
  });

  it("refuses switching it off while an environment holds PHI", () => {
    expect(configIssues(fixture(withDns("    enabled: false\n")))).toEqual([
      "cfg/organization.yaml:44 network.dnsFirewall.enabled: received false; expected true while environments hold PHI (prod): DNS Firewall keeps their VPCs from resolving known malware and command-and-control domains (164.308(a)(5)(ii)(B))",
    ]);
  });

  it("refuses failing open (failClosed: none) while an environment holds PHI, and allows it where none does", () => {
    expect(configIssues(fixture(withDns("    failClosed: none\n")))).toEqual([
      'cfg/organization.yaml:44 network.dnsFirewall.failClosed: received "none"; expected phi or all while environments hold PHI (prod): their VPCs must answer nothing rather than an unfiltered lookup when DNS Firewall cannot answer (164.308(a)(5)(ii)(B), https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-vpc-configuration.html)',
    ]);
    const noPhi = validConfig({
      ...withDns("    failClosed: none\n"),
      "prod.yaml": PROD_YAML.replace("phi: true", "phi: false"),
    });
    expect(noPhi.organization.network.dnsFirewall.failClosed).toBe("none");
  });

  it("refuses a home region the table lacks until its IDs are configured, and an ID of the wrong shape", () => {
    const org = ORGANIZATION_YAML.replace("homeRegion: us-east-1", "homeRegion: me-south-1").replace(
      "regions: [us-east-1, us-west-2]",
      "regions: [me-south-1, us-west-2]",
    );
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      "cfg/organization.yaml:1 network.dnsFirewall.managedDomainListIds.me-south-1: expected the managed domain lists' IDs for me-south-1, the region of prod's VPC: the landing zone's table has none for it. `aws route53resolver list-firewall-domain-lists --region me-south-1` prints them (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-managed-domain-lists.html)",
    ]);
    const ids = [
      "AWSManagedDomainsMalwareDomainList: rslvr-fdl-0123456789abcdef",
      "AWSManagedDomainsBotnetCommandandControl: rslvr-fdl-1123456789abcdef",
      "AWSManagedDomainsAggregateThreatList: rslvr-fdl-2123456789abcdef",
      "AWSManagedDomainsAmazonGuardDutyThreatList: fdl-3",
    ];
    const configured = `${org}network:\n  dnsFirewall:\n    managedDomainListIds:\n      me-south-1:\n${ids.map((line) => `        ${line}\n`).join("")}`;
    expect(configIssues(fixture({ "organization.yaml": configured }))).toEqual([
      'cfg/organization.yaml:49 network.dnsFirewall.managedDomainListIds.me-south-1.AWSManagedDomainsAmazonGuardDutyThreatList: received "fdl-3"; expected a domain list ID such as rslvr-fdl-0123456789abcdef',
    ]);
    const fixed = configured.replace("fdl-3", "rslvr-fdl-3123456789abcdef");
    expect(
      validConfig({ "organization.yaml": fixed }).organization.network.dnsFirewall.managedDomainListIds,
    ).toEqual({
      "me-south-1": expect.objectContaining({
        AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-3123456789abcdef",
      }),
    });
  });
});

describe("an environment's region", () => {
  it("is the home region unless the environment names another governed region", () => {
    const config = validConfig({ "dev.yaml": `${DEV_YAML}region: us-west-2\n` });
    expect(config.environments.map((env) => [env.name, regionOf(config.organization, env)])).toEqual([
      ["dev", "us-west-2"],
      ["prod", "us-east-1"],
    ]);
  });

  it("refuses a region the organization does not govern, and any but the home region while the hub is on", () => {
    expect(configIssues(fixture({ "dev.yaml": `${DEV_YAML}region: eu-west-1\n` }))).toEqual([
      'cfg/dev.yaml:5 region: received "eu-west-1"; expected one of the governed regions in organization.yaml (us-east-1, us-west-2): lz-deny-unapproved-regions denies every other region, and the detective controls run only in these',
    ]);
    const hubOn = `${ORGANIZATION_YAML}network:\n  transitGateway:\n    enabled: true\n`;
    const segment = "network:\n  segment: non-prod\n";
    expect(
      configIssues(
        fixture({
          "organization.yaml": hubOn,
          "prod.yaml": `${PROD_YAML}region: us-east-1\nnetwork:\n  segment: prod\n`,
          "dev.yaml": `${DEV_YAML}region: us-west-2\n${segment}`,
        }),
      ),
    ).toEqual([
      'cfg/dev.yaml:5 region: received "us-west-2"; expected us-east-1, the home region, or no region: network.transitGateway is on in cfg/organization.yaml, and the hub is in the home region only (its Transit Gateways are not peered between regions yet), so a VPC in us-west-2 would reach none of its segment\'s networks',
    ]);
  });

  it("needs the managed domain lists' IDs of every region with a VPC, not only the home region's", () => {
    const org = ORGANIZATION_YAML.replace(
      "regions: [us-east-1, us-west-2]",
      "regions: [us-east-1, me-south-1]",
    );
    expect(
      configIssues(
        fixture({
          "organization.yaml": org,
          "dev.yaml": `${DEV_YAML}region: me-south-1\n`,
          "prod.yaml": `${PROD_YAML}region: me-south-1\n`,
        }),
      ),
    ).toEqual([
      "cfg/organization.yaml:1 network.dnsFirewall.managedDomainListIds.me-south-1: expected the managed domain lists' IDs for me-south-1, the region of the VPCs of dev, prod: the landing zone's table has none for it. `aws route53resolver list-firewall-domain-lists --region me-south-1` prints them (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-managed-domain-lists.html)",
    ]);
  });
});

describe("network.transitGateway and segments", () => {
  const hubOn = `${ORGANIZATION_YAML}network:\n  transitGateway:\n    enabled: true\n`;

  it("is off by default, with AWS's default ASN", () => {
    expect(validConfig().organization.network.transitGateway).toEqual({
      enabled: false,
      amazonSideAsn: 64512,
    });
  });

  it("requires every environment to name its segment while the hub is on", () => {
    expect(configIssues(fixture({ "organization.yaml": hubOn }))).toEqual([
      "cfg/prod.yaml:1 network.segment: expected the segment this VPC joins on the hub (prod, non-prod, shared): network.transitGateway is on in cfg/organization.yaml, and prod and non-prod never route to each other (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-isolated.html)",
    ]);
  });

  it("refuses an unknown segment and an ASN outside the private range", () => {
    const org = hubOn.replace("    enabled: true\n", "    enabled: true\n    amazonSideAsn: 65535\n");
    expect(
      configIssues(
        fixture({
          "organization.yaml": org,
          "prod.yaml": `${PROD_YAML}network:\n  segment: production\n`,
          "dev.yaml": `${DEV_YAML}network:\n  segment: non-prod\n`,
        }),
      ),
    ).toEqual([
      "cfg/organization.yaml:45 network.transitGateway.amazonSideAsn: received 65535; expected a private BGP ASN from 64512 to 65534",
      'cfg/prod.yaml:6 network.segment: received "production"; expected one of the segments prod, non-prod, shared',
    ]);
  });
});

describe("network.hybrid", () => {
  const segmentsOn = {
    "prod.yaml": `${PROD_YAML}network:\n  segment: prod\n`,
    "dev.yaml": `${DEV_YAML}network:\n  segment: non-prod\n`,
  };
  /** The fixture with the hub on and `hybrid` (YAML under network.hybrid, indented four spaces) added. */
  const withHybrid = (hybrid: string, hub = true) =>
    fixture({
      "organization.yaml": `${ORGANIZATION_YAML}network:\n  transitGateway:\n    enabled: ${hub}\n  hybrid:\n${hybrid}`,
      ...segmentsOn,
    });
  const gateway = (extra = "") =>
    `    onPremisesCidrs: [10.200.0.0/16]\n    customerGateways:\n      - name: main-datacenter\n        ipAddress: 203.0.113.10\n${extra}`;

  it("is off by default: no ranges, every segment, no gateways", () => {
    expect(validConfig().organization.network.hybrid).toEqual({
      onPremisesCidrs: [],
      segments: ["prod", "non-prod", "shared"],
      customerGateways: [],
      resolver: { forwardingRules: [], inboundEndpoint: false },
    });
  });

  it("takes a dynamic gateway with its ASN, and routing defaults to dynamic", () => {
    const config = loadConfig(withHybrid(gateway("        bgpAsn: 65010\n")));
    expect(config.organization.network.hybrid.customerGateways).toEqual([
      {
        name: "main-datacenter",
        ipAddress: "203.0.113.10",
        bgpAsn: 65010,
        routing: "dynamic",
        staticRoutes: [],
      },
    ]);
  });

  it("refuses a customer gateway without an ASN, and one with an address that is not IPv4", () => {
    const text = gateway().replace("203.0.113.10", "203.0.113.300");
    expect(configIssues(withHybrid(text))).toEqual([
      'cfg/organization.yaml:49 network.hybrid.customerGateways[0].ipAddress: received "203.0.113.300"; expected an IPv4 address such as 203.0.113.10',
      "cfg/organization.yaml:48 network.hybrid.customerGateways[0].bgpAsn: received nothing; expected the on-premises router's BGP ASN, a whole number from 1 to 4294967295",
    ]);
  });

  it("refuses an ASN AWS reserves and the hub's own", () => {
    const text = `${gateway("        bgpAsn: 7224\n")}      - name: clinic\n        ipAddress: 198.51.100.20\n        bgpAsn: 64512\n`;
    expect(configIssues(withHybrid(text))).toEqual([
      "cfg/organization.yaml:50 network.hybrid.customerGateways[0].bgpAsn: received 7224; expected an ASN other than 7224, reserved by AWS in us-east-1 (https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html)",
      "cfg/organization.yaml:53 network.hybrid.customerGateways[1].bgpAsn: received 64512; expected an ASN other than the hub's own (network.transitGateway.amazonSideAsn): the two ends of a BGP session over a VPN tunnel are different autonomous systems",
    ]);
  });

  it("refuses on-premises ranges that overlap an environment or each other, or are wider than /8, and none at all", () => {
    const text = gateway("        bgpAsn: 65010\n").replace(
      "[10.200.0.0/16]",
      "[10.10.128.0/17, 10.200.0.0/16, 10.200.1.0/24, 0.0.0.0/0]",
    );
    expect(configIssues(withHybrid(text))).toEqual([
      'cfg/organization.yaml:46 network.hybrid.onPremisesCidrs[0]: received "10.10.128.0/17"; expected a range that does not overlap 10.10.0.0/16, environment prod\'s (cfg/prod.yaml)',
      'cfg/organization.yaml:46 network.hybrid.onPremisesCidrs[2]: received "10.200.1.0/24"; expected a range that does not overlap onPremisesCidrs[1]',
      "cfg/organization.yaml:46 network.hybrid.onPremisesCidrs[3]: received \"0.0.0.0/0\"; expected a prefix of /8 or longer: a wider range would send most of every VPC's traffic on-premises, and no PHI VPC's default route leaves the hub",
      'cfg/organization.yaml:46 network.hybrid.onPremisesCidrs[3]: received "0.0.0.0/0"; expected a range that does not overlap onPremisesCidrs[0]',
      'cfg/organization.yaml:46 network.hybrid.onPremisesCidrs[3]: received "0.0.0.0/0"; expected a range that does not overlap onPremisesCidrs[1]',
      'cfg/organization.yaml:46 network.hybrid.onPremisesCidrs[3]: received "0.0.0.0/0"; expected a range that does not overlap onPremisesCidrs[2]',
      'cfg/organization.yaml:46 network.hybrid.onPremisesCidrs[3]: received "0.0.0.0/0"; expected a range that does not overlap 10.30.0.0/16, environment dev\'s (cfg/dev.yaml)',
      'cfg/organization.yaml:46 network.hybrid.onPremisesCidrs[3]: received "0.0.0.0/0"; expected a range that does not overlap 10.10.0.0/16, environment prod\'s (cfg/prod.yaml)',
    ]);
    expect(
      configIssues(
        withHybrid(gateway("        bgpAsn: 65010\n").replace("    onPremisesCidrs: [10.200.0.0/16]\n", "")),
      ),
    ).toEqual([
      "cfg/organization.yaml:46 network.hybrid.onPremisesCidrs: expected the on-premises ranges the environments route to the hub: a customer gateway or Direct Connect gateway is configured",
    ]);
  });

  it("refuses static routing without routes, a route outside the ranges or on two gateways, and routes with dynamic routing", () => {
    const text =
      gateway("        bgpAsn: 65010\n        staticRoutes: [10.200.0.0/16]\n") +
      "      - name: clinic\n        ipAddress: 198.51.100.20\n        bgpAsn: 65020\n        routing: static\n        staticRoutes: [10.200.0.0/16, 172.20.0.0/16]\n" +
      "      - name: lab\n        ipAddress: 198.51.100.30\n        bgpAsn: 65030\n        routing: static\n";
    expect(configIssues(withHybrid(text))).toEqual([
      'cfg/organization.yaml:51 network.hybrid.customerGateways[0].staticRoutes: received ["10.200.0.0/16"]; expected none: with dynamic routing on-premises advertises its routes over BGP; set routing: static to write them',
      'cfg/organization.yaml:56 network.hybrid.customerGateways[1].staticRoutes[0]: received "10.200.0.0/16"; expected a range on one gateway only: customerGateways[0] routes it, and a route table holds one route per destination',
      'cfg/organization.yaml:56 network.hybrid.customerGateways[1].staticRoutes[1]: received "172.20.0.0/16"; expected a range inside one of network.hybrid.onPremisesCidrs (10.200.0.0/16)',
      "cfg/organization.yaml:57 network.hybrid.customerGateways[2].staticRoutes: expected the on-premises ranges behind lab: its routing is static, so the pipeline writes its routes (https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html)",
    ]);
  });

  it("refuses a gateway while the hub is off, a repeated gateway name or segment, and an unknown segment", () => {
    const text = `${gateway("        bgpAsn: 65010\n")}      - name: main-datacenter\n        ipAddress: 198.51.100.20\n        bgpAsn: 65020\n    segments: [prod, prod]\n`;
    expect(configIssues(withHybrid(text, false))).toEqual([
      'cfg/organization.yaml:48 network.hybrid.customerGateways: received ["main-datacenter","main-datacenter"]; expected network.transitGateway.enabled: true: on-premises connects through the hub\'s Transit Gateway (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpn-attachments.html)',
      'cfg/organization.yaml:51 network.hybrid.customerGateways[1].name: received "main-datacenter"; expected a unique customer gateway name (customerGateways[0] already uses it)',
      'cfg/organization.yaml:54 network.hybrid.segments[1]: received "prod"; expected a unique segment (segments[0] already uses it)',
    ]);
    expect(configIssues(withHybrid("    segments: [production]\n"))).toEqual([
      'cfg/organization.yaml:46 network.hybrid.segments[0]: received "production"; expected one of the segments prod, non-prod, shared',
    ]);
  });

  it("refuses a resolver without its VPC or a way on-premises, outside shared, a bad VPC range and a server not on-premises", () => {
    const rules =
      "    resolver:\n      cidr: 10.30.0.0/24\n      forwardingRules:\n        - domain: ehr.hospital.local\n          targetIps: [10.200.0.10, 192.168.1.1]\n        - domain: ehr.hospital.local\n          targetIps: [10.200.0.11]\n";
    expect(
      configIssues(withHybrid(`${gateway("        bgpAsn: 65010\n")}    segments: [prod]\n${rules}`)),
    ).toEqual([
      'cfg/organization.yaml:51 network.hybrid.segments: received ["prod"]; expected shared among the segments: the resolver VPC joins shared and must reach on-premises',
      'cfg/organization.yaml:53 network.hybrid.resolver.cidr: received "10.30.0.0/24"; expected a range that does not overlap 10.30.0.0/16, environment dev\'s (cfg/dev.yaml)',
      'cfg/organization.yaml:57 network.hybrid.resolver.forwardingRules[1].domain: received "ehr.hospital.local"; expected a unique domain (forwardingRules[0] already uses it)',
      'cfg/organization.yaml:56 network.hybrid.resolver.forwardingRules[0].targetIps[1]: received "192.168.1.1"; expected an on-premises DNS server inside one of network.hybrid.onPremisesCidrs (10.200.0.0/16): the outbound endpoint reaches nothing else',
    ]);
    expect(configIssues(withHybrid("    resolver:\n      inboundEndpoint: true\n"))).toEqual([
      "cfg/organization.yaml:47 network.hybrid.resolver.cidr: expected the resolver VPC's CIDR: the forwarding rules and the inbound endpoint need a VPC in coreAccounts.network for their endpoints",
      "cfg/organization.yaml:47 network.hybrid.resolver: expected a customer gateway or directConnectGatewayId in network.hybrid: the resolver reaches on-premises DNS only through them (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-DSN-queries-to-vpc.html)",
    ]);
    expect(
      configIssues(
        withHybrid(
          `${gateway("        bgpAsn: 65010\n")}    resolver:\n      cidr: 8.8.8.0/25\n      inboundEndpoint: true\n`,
        ),
      ),
    ).toEqual([
      'cfg/organization.yaml:52 network.hybrid.resolver.cidr: received "8.8.8.0/25"; expected a prefix from /16 to /24 (a subnet per tier in two zones)',
      'cfg/organization.yaml:52 network.hybrid.resolver.cidr: received "8.8.8.0/25"; expected a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10)',
    ]);
  });
});

describe("network.hybrid.resolver domains", () => {
  const withRules = (rules: string, org = ORGANIZATION_YAML) =>
    fixture({
      "organization.yaml": `${org}network:\n  transitGateway:\n    enabled: true\n  hybrid:\n    onPremisesCidrs: [10.200.0.0/16]\n    customerGateways:\n      - name: main-datacenter\n        ipAddress: 203.0.113.10\n        bgpAsn: 65010\n    resolver:\n      cidr: 10.100.0.0/24\n      forwardingRules:\n${rules}`,
      "prod.yaml": `${PROD_YAML}network:\n  segment: prod\n`,
      "dev.yaml": `${DEV_YAML}network:\n  segment: non-prod\n`,
    });
  const rule = (domain: string) => `        - domain: ${domain}\n          targetIps: [10.200.0.10]\n`;

  it("refuses a single label, an AWS name, two domains with one name, and a domain too long for Resolver's names", () => {
    const long = `${"a".repeat(40)}.hospital.local`;
    expect(
      configIssues(
        withRules(rule("local") + rule("compute.internal") + rule("a-b.c") + rule("a.b-c") + rule(long)),
      ),
    ).toEqual([
      'cfg/organization.yaml:60 network.hybrid.resolver.forwardingRules[3].domain: received "a.b-c"; expected a domain whose name (a-b-c) no other rule shares: forwardingRules[2] (a-b.c) has it',
      'cfg/organization.yaml:54 network.hybrid.resolver.forwardingRules[0].domain: received "local"; expected a domain of two labels or more: a single label would forward every name under it to on-premises',
      'cfg/organization.yaml:56 network.hybrid.resolver.forwardingRules[1].domain: received "compute.internal"; expected an on-premises domain, not one under compute.internal: AWS\'s service and instance names would resolve on-premises',
      `cfg/organization.yaml:62 network.hybrid.resolver.forwardingRules[4].domain: received "${long}"; expected a shorter domain: the rule and association names it forms (21 characters of organization, environment or resolver, then ${"a".repeat(40)}-hospital-local) would be 76 characters, and Route 53 Resolver takes 64`,
    ]);
  });
});

describe("network.inspection", () => {
  const segmentsOn = {
    "prod.yaml": `${PROD_YAML}network:\n  segment: prod\n`,
    "dev.yaml": `${DEV_YAML}network:\n  segment: non-prod\n`,
  };
  const withInspection = (inspection: string, hub = true) =>
    fixture({
      "organization.yaml": `${ORGANIZATION_YAML}network:\n  transitGateway:\n    enabled: ${hub}\n  inspection:\n    enabled: true\n${inspection}`,
      ...segmentsOn,
    });

  it("is off by default", () => {
    expect(validConfig().organization.network.inspection).toEqual({ enabled: false, allowedDomains: [] });
  });

  it("refuses it without the hub, its VPC's range or a domain, and a range that overlaps an environment", () => {
    expect(configIssues(withInspection("", false))).toEqual([
      "cfg/organization.yaml:46 network.inspection.enabled: received true; expected network.transitGateway.enabled: true: the environments reach the inspection VPC through the hub (https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-egress-to-internet.html)",
      "cfg/organization.yaml:46 network.inspection.cidr: expected the inspection VPC's CIDR: its firewall, NAT and attachment subnets need a range",
      "cfg/organization.yaml:46 network.inspection.allowedDomains: expected at least one domain the environments may reach: with none the firewall lets nothing out; switch inspection off instead",
    ]);
    expect(
      configIssues(
        withInspection("    cidr: 10.10.0.0/24\n    allowedDomains: [.hl7.org, .hl7.org, HL7.org]\n"),
      ),
    ).toEqual([
      'cfg/organization.yaml:48 network.inspection.allowedDomains[2]: received "HL7.org"; expected a lowercase domain such as updates.vendor.example, or .vendor.example for it and its subdomains',
    ]);
    expect(
      configIssues(withInspection("    cidr: 10.10.0.0/24\n    allowedDomains: [.hl7.org, .hl7.org]\n")),
    ).toEqual([
      'cfg/organization.yaml:47 network.inspection.cidr: received "10.10.0.0/24"; expected a range that does not overlap 10.10.0.0/16, environment prod\'s (cfg/prod.yaml)',
      'cfg/organization.yaml:48 network.inspection.allowedDomains[1]: received ".hl7.org"; expected a unique domain (allowedDomains[0] already uses it)',
    ]);
  });

  it("refuses a public on-premises range while inspection is on", () => {
    const text = `    cidr: 10.101.0.0/24\n    allowedDomains: [.hl7.org]\n  hybrid:\n    onPremisesCidrs: [198.18.0.0/15]\n    customerGateways:\n      - name: main-datacenter\n        ipAddress: 203.0.113.10\n        bgpAsn: 65010\n`;
    expect(configIssues(withInspection(text))).toEqual([
      'cfg/organization.yaml:50 network.hybrid.onPremisesCidrs[0]: received "198.18.0.0/15"; expected a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10) while network.inspection is on: if on-premises withdraws its routes, traffic for a public range would leave through inspection to whoever holds it on the internet',
    ]);
  });
});

describe("network.ipam", () => {
  const segmentsOn = {
    "prod.yaml": `${PROD_YAML}network:\n  segment: prod\n`,
    "dev.yaml": `${DEV_YAML}network:\n  segment: non-prod\n`,
  };
  const withPools = (pools: string, hub = true, extra = "") =>
    fixture({
      "organization.yaml": `${ORGANIZATION_YAML}network:\n  transitGateway:\n    enabled: ${hub}\n${extra}  ipam:\n    pools:\n${pools}`,
      ...segmentsOn,
    });
  const PLAN = "      prod: { us-east-1: 10.0.0.0/12 }\n      non-prod: { us-east-1: 10.16.0.0/12 }\n";

  it("is off by default: no pools, and /16 for a vended environment", () => {
    expect(validConfig().organization.network.ipam).toEqual({ pools: {}, vpcNetmaskLength: 16 });
  });

  it("accepts a plan whose pools hold every environment's range", () => {
    expect(loadConfig(withPools(PLAN)).organization.network.ipam.pools).toEqual({
      prod: { "us-east-1": "10.0.0.0/12" },
      "non-prod": { "us-east-1": "10.16.0.0/12" },
    });
  });

  it("refuses pools without the hub, and a segment that is not one", () => {
    expect(configIssues(withPools(PLAN, false))).toEqual([
      'cfg/organization.yaml:47 network.ipam.pools: received ["prod","non-prod"]; expected network.transitGateway.enabled: true: the pools are the address plan of the hub\'s segments (https://docs.aws.amazon.com/vpc/latest/ipam/planning-ipam.html)',
    ]);
    expect(configIssues(withPools(`${PLAN}      staging: { us-east-1: 10.32.0.0/12 }\n`))).toEqual([
      'cfg/organization.yaml:49 network.ipam.pools.staging: unknown key "staging"; expected one of prod, non-prod, shared (schema/ or docs/configuration.md)',
    ]);
  });

  it("refuses a pool that is misaligned, too wide or too narrow, public, outside the governed regions or overlapping", () => {
    const pools =
      "      prod: { us-east-1: 10.0.0.0/12, us-west-2: 10.1.0.0/8, eu-west-1: 10.128.0.0/17 }\n" +
      "      non-prod: { us-east-1: 10.16.0.0/12, us-west-2: 11.0.0.0/12 }\n" +
      "      shared: { us-east-1: 10.200.0.0/16 }\n";
    const onPremises = "  hybrid:\n    onPremisesCidrs: [10.200.0.0/16]\n";
    expect(configIssues(withPools(pools, true, onPremises))).toEqual([
      'cfg/organization.yaml:49 network.ipam.pools.prod.us-west-2: received "10.1.0.0/8"; expected a network address with no host bits set for /8',
      'cfg/organization.yaml:49 network.ipam.pools.prod.eu-west-1: received "eu-west-1"; expected a governed region (regions: us-east-1, us-west-2)',
      'cfg/organization.yaml:49 network.ipam.pools.prod.eu-west-1: received "10.128.0.0/17"; expected a prefix from /8 to /16 (network.ipam.vpcNetmaskLength): a narrower pool holds no VPC',
      'cfg/organization.yaml:50 network.ipam.pools.non-prod.us-west-2: received "11.0.0.0/12"; expected a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10)',
      'cfg/organization.yaml:51 network.ipam.pools.shared.us-east-1: received "10.200.0.0/16"; expected a range that does not overlap network.hybrid.onPremisesCidrs[0] (10.200.0.0/16): on-premises addresses are not the VPCs\' to take',
    ]);
    const overlapping =
      "      prod: { us-east-1: 10.0.0.0/12 }\n      non-prod: { us-east-1: 10.8.0.0/13 }\n";
    expect(configIssues(withPools(overlapping))).toEqual([
      'cfg/organization.yaml:48 network.ipam.pools.non-prod.us-east-1: received "10.8.0.0/13"; expected a range that does not overlap the prod pool of us-east-1 (10.0.0.0/12, network.ipam.pools.prod.us-east-1)',
      "cfg/dev.yaml:4 cidr: received \"10.30.0.0/16\"; expected a range inside the non-prod pool of us-east-1 (10.8.0.0/13, network.ipam.pools.non-prod.us-east-1 in cfg/organization.yaml): the IPAM allocates every VPC's range from its segment's pool, so no other VPC is ever given it (https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html)",
    ]);
  });

  it("refuses an environment's CIDR outside its segment's pool, and a segment without a pool in the home region", () => {
    expect(configIssues(withPools("      prod: { us-east-1: 10.64.0.0/12 }\n"))).toEqual([
      "cfg/organization.yaml:47 network.ipam.pools.non-prod.us-east-1: expected the non-prod segment's pool in us-east-1, where environment dev's VPC (cfg/dev.yaml) is: with an address plan every VPC of the landing zone takes its range from its segment's pool (https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html)",
      "cfg/prod.yaml:4 cidr: received \"10.10.0.0/16\"; expected a range inside the prod pool of us-east-1 (10.64.0.0/12, network.ipam.pools.prod.us-east-1 in cfg/organization.yaml): the IPAM allocates every VPC's range from its segment's pool, so no other VPC is ever given it (https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html)",
    ]);
  });

  it("refuses the resolver's and the inspection VPC's ranges outside the shared pool", () => {
    const hybrid =
      "  hybrid:\n    onPremisesCidrs: [10.200.0.0/16]\n    customerGateways:\n      - { name: dc, ipAddress: 203.0.113.10, bgpAsn: 65010 }\n" +
      "    resolver:\n      cidr: 10.100.0.0/24\n      inboundEndpoint: true\n" +
      "  inspection:\n    enabled: true\n    cidr: 10.101.0.0/24\n    allowedDomains: [.hl7.org]\n";
    expect(
      configIssues(withPools(`${PLAN}      shared: { us-east-1: 10.96.0.0/16 }\n`, true, hybrid)),
    ).toEqual([
      "cfg/organization.yaml:50 network.hybrid.resolver.cidr: received \"10.100.0.0/24\"; expected a range inside the shared pool of us-east-1 (10.96.0.0/16, network.ipam.pools.shared.us-east-1): the IPAM allocates every VPC's range from its segment's pool, so no other VPC is ever given it (https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html)",
      "cfg/organization.yaml:54 network.inspection.cidr: received \"10.101.0.0/24\"; expected a range inside the shared pool of us-east-1 (10.96.0.0/16, network.ipam.pools.shared.us-east-1): the IPAM allocates every VPC's range from its segment's pool, so no other VPC is ever given it (https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html)",
    ]);
    expect(configIssues(withPools(PLAN, true, hybrid))).toEqual([
      "cfg/organization.yaml:58 network.ipam.pools.shared.us-east-1: expected the shared segment's pool in us-east-1, where the resolver VPC is: with an address plan every VPC of the landing zone takes its range from its segment's pool (https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html)",
      "cfg/organization.yaml:58 network.ipam.pools.shared.us-east-1: expected the shared segment's pool in us-east-1, where the inspection VPC is: with an address plan every VPC of the landing zone takes its range from its segment's pool (https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html)",
    ]);
    expect(
      loadConfig(withPools(`${PLAN}      shared: { us-east-1: 10.96.0.0/12 }\n`, true, hybrid)).organization
        .network.ipam.pools.shared,
    ).toEqual({ "us-east-1": "10.96.0.0/12" });
  });
});
