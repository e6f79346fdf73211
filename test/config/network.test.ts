// Validation of each environment's network block: the VPC's account, its zones and endpoints, and the notice an
// egress tier earns.
import { configNotices } from "../../src/config/semantic";
import { configIssues, fixture, PROD_YAML, validConfig } from "../helpers/config-fixture";

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

  it("says what an egress tier costs in exposure", () => {
    const config = validConfig({ "prod.yaml": `${PROD_YAML}network:\n  egress: true\n` });
    expect(configNotices(config.environments, "cfg")).toEqual([
      'cfg/prod.yaml network.egress: true: environment "prod" gets an internet gateway and a NAT gateway per zone. Its workloads can reach any internet address, so PHI could leave by a path the VPC endpoints\' data perimeter does not see (164.312(e)(1)); inbound connections stay impossible and PHI subnets keep no public IPs. Prefer VPC endpoints; if egress stays, restrict it with an egress proxy or AWS Network Firewall.',
    ]);
    expect(configNotices(validConfig().environments, "cfg")).toEqual([]);
  });
});
