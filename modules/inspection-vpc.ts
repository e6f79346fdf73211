// The inspection VPC in the network account: the one way to the internet the landing zone builds for the environments. Traffic from the hub
// enters attachment subnets, passes an AWS Network Firewall endpoint in its zone (only TLS and HTTP to the
// allow-listed domains pass; everything else is dropped and alerted), then NAT and the internet gateway; replies
// come back through the same endpoint (appliance mode keeps both directions in one zone). Alert and flow logs go
// to the log archive (164.312(e)(1) transmission security, 164.312(b) audit controls, 164.308(a)(5)(ii)(B)
// protection from malicious software).
import { Construct } from "constructs";
import { Fn, TerraformIterator } from "cdktf";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { NetworkfirewallFirewall } from "@cdktf/provider-aws/lib/networkfirewall-firewall";
import { NetworkfirewallFirewallPolicy } from "@cdktf/provider-aws/lib/networkfirewall-firewall-policy";
import { NetworkfirewallLoggingConfiguration } from "@cdktf/provider-aws/lib/networkfirewall-logging-configuration";
import { NetworkfirewallRuleGroup } from "@cdktf/provider-aws/lib/networkfirewall-rule-group";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { cidrSlug, formatCidr, parseCidr, subnetOf } from "../src/config/cidr";
import {
  ALLOW_LIST_CAPACITY,
  DEFAULT_ROUTE,
  FIREWALL_LOG_TYPES,
  INSPECTION_TABLE,
  INSPECTION_TIERS,
  INSPECTION_ZONES,
  InspectionTier,
  STATEFUL_DEFAULT_ACTIONS,
  STATEFUL_RULE_ORDER,
  STATELESS_DEFAULT_ACTIONS,
} from "../src/policies/inspection";
import { SEGMENT_TAG } from "../src/policies/transit-gateway";
import { addClosedVpc, addVpcFlowLog } from "./phi-vpc";

export interface InspectionVpcProps {
  /** Names the VPC, its parts and the firewall. */
  readonly name: string;
  /** The VPC's CIDR: one subnet per tier and zone is carved from it. */
  readonly cidr: string;
  /** The hub's Transit Gateway, which the VPC attaches to. */
  readonly transitGatewayId: string;
  /** Every range whose traffic the firewall sees (the environments'): replies return to them through the hub. */
  readonly environmentCidrs: readonly string[];
  /** The only domains a TLS connection (SNI) or HTTP request (Host) may reach. */
  readonly allowedDomains: readonly string[];
  /** The log archive bucket's ARN: the VPC's flow logs land there. */
  readonly logArchiveBucketArn: string;
  /** The log archive bucket's name: the firewall's alert and flow logs land there. */
  readonly logArchiveBucketName: string;
}

/** The inspection VPC, its firewall and its attachment to the hub. */
export class InspectionVpc extends Construct {
  readonly vpc: Vpc;
  /** The attachment to the hub, in appliance mode. */
  readonly attachment: Ec2TransitGatewayVpcAttachment;
  readonly firewall: NetworkfirewallFirewall;

  constructor(scope: Construct, id: string, props: InspectionVpcProps) {
    super(scope, id);
    const name = (suffix: string) => ({ Name: `${props.name}-${suffix}` });
    const zones = new DataAwsAvailabilityZones(this, "zones", { state: "available" });
    this.vpc = addClosedVpc(this, props.cidr, name("vpc"), name("default-closed"));
    const vpcId = this.vpc.id;

    // One subnet per tier and zone: tier t, zone z is block t * zones + z of the VPC's range.
    const range = parseCidr(props.cidr);
    if (!range) throw new Error(`${this.node.path}: cidr is not a CIDR: ${props.cidr}`);
    const newBits = Math.ceil(Math.log2(INSPECTION_TIERS.length * INSPECTION_ZONES));
    const subnets = new Map<InspectionTier, Subnet[]>();
    const tables = new Map<InspectionTier, RouteTable[]>();
    INSPECTION_TIERS.forEach((tier, t) => {
      subnets.set(tier, []);
      tables.set(tier, []);
      for (let zone = 0; zone < INSPECTION_ZONES; zone++) {
        const subnet = new Subnet(this, `${tier}-${zone}`, {
          vpcId,
          cidrBlock: formatCidr(subnetOf(range, newBits, t * INSPECTION_ZONES + zone)),
          availabilityZone: Fn.element(zones.names, zone),
          mapPublicIpOnLaunch: false,
          tags: { ...name(`${tier}-${zone}`), Tier: tier },
        });
        const table = new RouteTable(this, `${tier}-rt-${zone}`, { vpcId, tags: name(`${tier}-${zone}`) });
        new RouteTableAssociation(this, `${tier}-rta-${zone}`, {
          subnetId: subnet.id,
          routeTableId: table.id,
        });
        subnets.get(tier)!.push(subnet);
        tables.get(tier)!.push(table);
      }
    });

    // Appliance mode: both directions of a flow use one zone's firewall endpoint, or the stateful engine sees half
    // a connection (INSPECTION_DOCS.applianceMode).
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, "hub-attachment", {
      transitGatewayId: props.transitGatewayId,
      vpcId,
      subnetIds: subnets.get("attachment")!.map((s) => s.id),
      applianceModeSupport: "enable",
      dnsSupport: "enable",
      tags: { ...name("hub"), [SEGMENT_TAG]: INSPECTION_TABLE },
    });

    this.firewall = this.addFirewall(props, vpcId, subnets.get("firewall")!, name);
    // The endpoint of each zone, by the subnet it sits in: the firewall's sync states are a set, so a for
    // expression picks the one whose attachment is in that subnet.
    const syncStates = TerraformIterator.fromComplexList(
      this.firewall.firewallStatus.get(0).syncStates,
      "availability_zone",
    );
    const endpointIn = (subnet: Subnet) =>
      Fn.one(
        syncStates.forExpressionForList(
          `val.attachment[0].endpoint_id if val.attachment[0].subnet_id == ${subnet.id}`,
        ),
      ) as string;

    const igw = new InternetGateway(this, "igw", { vpcId, tags: name("egress") });
    for (let zone = 0; zone < INSPECTION_ZONES; zone++) {
      const endpoint = endpointIn(subnets.get("firewall")![zone]);
      const eip = new Eip(this, `nat-eip-${zone}`, { domain: "vpc", tags: name(`nat-${zone}`) });
      const nat = new NatGateway(this, `nat-${zone}`, {
        subnetId: subnets.get("egress")![zone].id,
        allocationId: eip.id,
        tags: name(`nat-${zone}`),
        dependsOn: [igw],
      });
      const route = (tier: InspectionTier, to: string, target: Record<string, string>) =>
        new Route(this, `${tier}-${zone}-to-${cidrSlug(to)}`, {
          routeTableId: tables.get(tier)![zone].id,
          destinationCidrBlock: to,
          ...target,
        });
      // From the hub, everything goes through this zone's firewall endpoint...
      route("attachment", DEFAULT_ROUTE, { vpcEndpointId: endpoint });
      // ...then out through NAT, and replies for the environments back to the hub...
      route("firewall", DEFAULT_ROUTE, { natGatewayId: nat.id });
      for (const cidr of props.environmentCidrs)
        route("firewall", cidr, { transitGatewayId: props.transitGatewayId });
      // ...and from NAT to the internet, with replies for the environments through the firewall again
      // (INSPECTION_DOCS.centralizedEgress).
      route("egress", DEFAULT_ROUTE, { gatewayId: igw.id });
      for (const cidr of props.environmentCidrs) route("egress", cidr, { vpcEndpointId: endpoint });
    }

    addVpcFlowLog(this, vpcId, props.logArchiveBucketArn, name("flow-log"));
  }

  /**
   * The firewall: a stateful domain allow-list for TLS SNI and HTTP Host, in strict order, with everything else
   * dropped and alerted once established; its alert and flow logs to the archive.
   */
  private addFirewall(
    props: InspectionVpcProps,
    vpcId: string,
    subnets: readonly Subnet[],
    name: (suffix: string) => Record<string, string>,
  ): NetworkfirewallFirewall {
    // HOME_NET names the environments' ranges: a domain list inspects only traffic from HOME_NET, which is the
    // firewall's own VPC unless set (INSPECTION_DOCS.domainLists).
    const allowList = new NetworkfirewallRuleGroup(this, "allow-list", {
      name: `${props.name}-allowed-domains`,
      type: "STATEFUL",
      capacity: ALLOW_LIST_CAPACITY,
      ruleGroup: {
        ruleVariables: {
          ipSets: [{ key: "HOME_NET", ipSet: { definition: [...props.environmentCidrs] } }],
        },
        rulesSource: {
          rulesSourceList: {
            generatedRulesType: "ALLOWLIST",
            targetTypes: ["TLS_SNI", "HTTP_HOST"],
            targets: [...props.allowedDomains],
          },
        },
        statefulRuleOptions: { ruleOrder: STATEFUL_RULE_ORDER },
      },
      tags: name("allowed-domains"),
    });
    const policy = new NetworkfirewallFirewallPolicy(this, "policy", {
      name: `${props.name}-policy`,
      firewallPolicy: {
        statelessDefaultActions: [...STATELESS_DEFAULT_ACTIONS],
        statelessFragmentDefaultActions: [...STATELESS_DEFAULT_ACTIONS],
        statefulEngineOptions: { ruleOrder: STATEFUL_RULE_ORDER },
        statefulDefaultActions: [...STATEFUL_DEFAULT_ACTIONS],
        statefulRuleGroupReference: [{ resourceArn: allowList.arn, priority: 1 }],
      },
      tags: name("policy"),
    });
    const firewall = new NetworkfirewallFirewall(this, "firewall", {
      name: props.name,
      vpcId,
      firewallPolicyArn: policy.arn,
      subnetMapping: subnets.map((s) => ({ subnetId: s.id })),
      tags: name("firewall"),
    });
    new NetworkfirewallLoggingConfiguration(this, "logging", {
      firewallArn: firewall.arn,
      loggingConfiguration: {
        logDestinationConfig: FIREWALL_LOG_TYPES.map((logType) => ({
          logDestinationType: "S3",
          logType,
          logDestination: { bucketName: props.logArchiveBucketName },
        })),
      },
    });
    return firewall;
  }
}
