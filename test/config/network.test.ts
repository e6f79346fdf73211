// Validation of the network: each environment's VPC account, zones, endpoints and segment, the notice an egress
// tier earns and its refusal where PHI is, DNS Firewall's switch and list IDs, and the hub's settings.
import { configNotices } from "../../src/config/semantic";
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
      "cfg/organization.yaml:1 network.dnsFirewall.managedDomainListIds.me-south-1: expected the managed domain lists' IDs for me-south-1, where the environments' VPCs are: the landing zone's table has none for it. `aws route53resolver list-firewall-domain-lists --region me-south-1` prints them (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-managed-domain-lists.html)",
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
