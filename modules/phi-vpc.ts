// An environment's PHI VPC (and the network account's resolver VPC, built the same way): private subnets across
// zones with no route to the internet, interface and gateway endpoints behind data-perimeter policies, a closed
// default security group, NACLs, flow logs of ALL traffic and DNS query logs into the log archive, and where the
// hub is on, an attachment with routes and NACL rules for what its segment reaches (164.312(e)(1) transmission
// security, 164.312(b) audit controls, 164.312(a)(1) access control).
import { Construct } from "constructs";
import { cidrSlug } from "../src/config/cidr";
import { Fn } from "cdktf";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Route53ResolverQueryLogConfig } from "@cdktf/provider-aws/lib/route53-resolver-query-log-config";
import { Route53ResolverQueryLogConfigAssociation } from "@cdktf/provider-aws/lib/route53-resolver-query-log-config-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { SubnetPlan } from "../src/config/network-plan";
import { endpointPolicy } from "../src/policies/endpoint-policies";
import { renderPolicy } from "../src/policies/policy-document";
import { SEGMENT_TAG } from "../src/policies/transit-gateway";
import { DEFAULT_ROUTE } from "../src/policies/inspection";

/**
 * Flow log fields: who talked to whom, on which port, accepted or rejected, through which interface, subnet and
 * path, and when: what an investigator reconstructs an incident from.
 */
export const FLOW_LOG_FIELDS = [
  "version",
  "account-id",
  "vpc-id",
  "subnet-id",
  "instance-id",
  "interface-id",
  "srcaddr",
  "dstaddr",
  "srcport",
  "dstport",
  "pkt-srcaddr",
  "pkt-dstaddr",
  "protocol",
  "packets",
  "bytes",
  "start",
  "end",
  "action",
  "log-status",
  "tcp-flags",
  "flow-direction",
  "traffic-path",
  "pkt-src-aws-service",
  "pkt-dst-aws-service",
] as const;

/**
 * A VPC with DNS on, and its default security group kept without rules, so nothing placed in it by accident can
 * talk to anything (the construct IDs "vpc" and "default-sg" in `scope`, as every VPC of the landing zone has had).
 */
export function addClosedVpc(
  scope: Construct,
  cidr: string,
  tags: Record<string, string>,
  defaultGroupTags: Record<string, string>,
): Vpc {
  const vpc = new Vpc(scope, "vpc", {
    cidrBlock: cidr,
    enableDnsSupport: true,
    enableDnsHostnames: true,
    tags,
  });
  new DefaultSecurityGroup(scope, "default-sg", {
    vpcId: vpc.id,
    ingress: [],
    egress: [],
    tags: defaultGroupTags,
  });
  return vpc;
}

/**
 * A flow log of ALL the VPC's traffic, with FLOW_LOG_FIELDS, into the log archive, aggregated every minute (the
 * construct ID "flow-log" in `scope`, as every VPC of the landing zone has had it).
 */
export function addVpcFlowLog(
  scope: Construct,
  vpcId: string,
  logArchiveBucketArn: string,
  tags: Record<string, string>,
): FlowLog {
  return new FlowLog(scope, "flow-log", {
    vpcId,
    trafficType: "ALL",
    logDestinationType: "s3",
    logDestination: logArchiveBucketArn,
    // "$${field}" is Terraform's escape for a literal "${field}", the flow log format's own placeholder syntax.
    logFormat: FLOW_LOG_FIELDS.map((field) => `$\${${field}}`).join(" "),
    maxAggregationInterval: 60,
    destinationOptions: { fileFormat: "plain-text", perHourPartition: true },
    tags,
  });
}

/** The first NACL rule number of the hub's reachable CIDRs, before the VPC's own rules at 100. */
const HUB_NACL_FIRST_RULE = 10;

/** Gateway endpoints, attached to the private route tables. */
export const GATEWAY_ENDPOINTS = ["s3", "dynamodb"] as const;

export interface PhiVpcProps {
  /** Name prefix for the VPC and its parts, e.g. example-health-prod. */
  readonly namePrefix: string;
  /** The VPC's CIDR. */
  readonly cidr: string;
  /** The subnet plan derived from the CIDR. */
  readonly subnets: SubnetPlan;
  /** The VPC's region. */
  readonly region: string;
  /** Interface endpoint services (kms, ecr.api, ...). */
  readonly interfaceEndpoints: readonly string[];
  /** The organization's ID, for the endpoint policies. */
  readonly organizationId: string;
  /** The log archive bucket's ARN: flow logs and DNS query logs land there. */
  readonly logArchiveBucketArn: string;
  /**
   * What the VPC's Name tag says it is for, after the prefix (the network account's resolver VPC holds no PHI).
   * @default phi
   */
  readonly purpose?: string;
  /**
   * The hub's Transit Gateway to attach to: the VPC joins `segment` and routes `reachableCidrs` (the other
   * environments its segment reaches) through it; the NACL admits them.
   * @default - no attachment: the VPC reaches only itself and AWS's endpoints
   */
  readonly hub?: {
    readonly transitGatewayId: string;
    readonly segment: string;
    readonly reachableCidrs: readonly string[];
    /** Whether 0.0.0.0/0 goes to the hub too, for inspected egress (routes only: the NACL keeps HTTPS out). */
    readonly defaultRoute?: boolean;
  };
}

/** The VPC and everything in it. */
export class PhiVpc extends Construct {
  readonly vpc: Vpc;
  /** Private subnets by zone index. */
  readonly privateSubnets: Subnet[] = [];
  /** The interface endpoints' security group: HTTPS from the VPC. */
  readonly endpointSecurityGroup: SecurityGroup;
  /** The S3 and DynamoDB gateway endpoints, whose prefix lists a security group's egress names. */
  readonly gatewayEndpoints: VpcEndpoint[] = [];
  /** The interface endpoints, by service name as configured (`execute-api`, `sqs`, ...). */
  readonly interfaceEndpoints = new Map<string, VpcEndpoint>();
  /** The VPC's attachment to the hub, where it has one. */
  readonly hubAttachment?: Ec2TransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: PhiVpcProps) {
    super(scope, id);
    const name = (suffix: string) => ({ Name: `${props.namePrefix}-${suffix}` });
    const zones = new DataAwsAvailabilityZones(this, "zones", { state: "available" });
    this.vpc = addClosedVpc(this, props.cidr, name(props.purpose ?? "phi"), name("default-closed"));
    const vpcId = this.vpc.id;

    const privateTables: RouteTable[] = [];
    props.subnets.private.forEach((cidr, zone) => {
      const subnet = new Subnet(this, `private-${zone}`, {
        vpcId,
        cidrBlock: cidr,
        availabilityZone: Fn.element(zones.names, zone),
        mapPublicIpOnLaunch: false,
        tags: { ...name(`private-${zone}`), Tier: "private" },
      });
      const table = new RouteTable(this, `private-rt-${zone}`, { vpcId, tags: name(`private-${zone}`) });
      new RouteTableAssociation(this, `private-rta-${zone}`, { subnetId: subnet.id, routeTableId: table.id });
      this.privateSubnets.push(subnet);
      privateTables.push(table);
    });

    // The environments the hub lets this VPC reach: every protocol both ways, as within the VPC; the security
    // groups decide what is actually admitted (a NACL is stateless, so both directions).
    const hubRules = (props.hub?.reachableCidrs ?? []).map((cidr, i) => ({
      ruleNo: HUB_NACL_FIRST_RULE + i,
      action: "allow",
      protocol: "-1",
      cidrBlock: cidr,
      fromPort: 0,
      toPort: 0,
    }));
    new NetworkAcl(this, "private-nacl", {
      vpcId,
      subnetIds: this.privateSubnets.map((s) => s.id),
      ingress: [
        ...hubRules,
        { ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: props.cidr, fromPort: 0, toPort: 0 },
        // Replies from the S3 and DynamoDB gateway endpoints (public AWS ranges) and, with egress, from NAT.
        {
          ruleNo: 200,
          action: "allow",
          protocol: "tcp",
          cidrBlock: "0.0.0.0/0",
          fromPort: 1024,
          toPort: 65535,
        },
      ],
      egress: [
        ...hubRules,
        { ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: props.cidr, fromPort: 0, toPort: 0 },
        // HTTPS only leaves the VPC's range: the gateway endpoints, and the internet only where egress is on.
        { ruleNo: 200, action: "allow", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443 },
      ],
      tags: name("private"),
    });

    const endpointSg = (this.endpointSecurityGroup = new SecurityGroup(this, "endpoints-sg", {
      vpcId,
      name: `${props.namePrefix}-vpc-endpoints`,
      description: "Interface endpoints: HTTPS from inside the VPC only",
      ingress: [
        {
          description: "HTTPS from the VPC",
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrBlocks: [props.cidr],
        },
      ],
      egress: [],
      tags: name("vpc-endpoints"),
    }));
    for (const service of props.interfaceEndpoints) {
      const endpoint = new VpcEndpoint(this, `endpoint-${service.replace(/\./g, "-")}`, {
        vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: this.privateSubnets.map((s) => s.id),
        securityGroupIds: [endpointSg.id],
        policy: renderPolicy(endpointPolicy(service, props.organizationId, props.region)),
        tags: name(service),
      });
      this.interfaceEndpoints.set(service, endpoint);
    }
    for (const service of GATEWAY_ENDPOINTS) {
      const endpoint = new VpcEndpoint(this, `endpoint-${service}`, {
        vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Gateway",
        routeTableIds: privateTables.map((t) => t.id),
        policy: renderPolicy(endpointPolicy(service, props.organizationId, props.region)),
        tags: name(service),
      });
      this.gatewayEndpoints.push(endpoint);
    }

    addVpcFlowLog(this, vpcId, props.logArchiveBucketArn, name("flow-log"));
    const queryLog = new Route53ResolverQueryLogConfig(this, "dns-query-log", {
      name: `${props.namePrefix}-dns-queries`,
      destinationArn: props.logArchiveBucketArn,
      tags: name("dns-queries"),
    });
    new Route53ResolverQueryLogConfigAssociation(this, "dns-query-log-vpc", {
      resolverQueryLogConfigId: queryLog.id,
      resourceId: vpcId,
    });

    if (props.subnets.egress.length > 0) this.addEgressTier(props, zones, privateTables, name);
    if (props.hub) this.hubAttachment = this.attachToHub(props.hub, privateTables, name);
  }

  /**
   * Attaches the private subnets (one per zone, as AWS requires one subnet per zone used) to the hub's Transit
   * Gateway and routes each reachable environment's CIDR through it. The network account accepts the attachment and
   * associates it with the segment's route table (stacks/network-segments-stack.ts); until then it routes nothing.
   */
  private attachToHub(
    hub: NonNullable<PhiVpcProps["hub"]>,
    privateTables: readonly RouteTable[],
    name: (suffix: string) => Record<string, string>,
  ): Ec2TransitGatewayVpcAttachment {
    const attachment = new Ec2TransitGatewayVpcAttachment(this, "hub-attachment", {
      transitGatewayId: hub.transitGatewayId,
      vpcId: this.vpc.id,
      subnetIds: this.privateSubnets.map((s) => s.id),
      dnsSupport: "enable",
      tags: { ...name("hub"), [SEGMENT_TAG]: hub.segment },
    });
    privateTables.forEach((table, zone) => {
      [...hub.reachableCidrs, ...(hub.defaultRoute ? [DEFAULT_ROUTE] : [])].forEach((cidr) => {
        new Route(this, `hub-route-${zone}-${cidrSlug(cidr)}`, {
          routeTableId: table.id,
          destinationCidrBlock: cidr,
          transitGatewayId: hub.transitGatewayId,
          dependsOn: [attachment],
        });
      });
    });
    return attachment;
  }

  /** NAT gateways in a separate public tier; private subnets route to them and still get no public IPs. */
  private addEgressTier(
    props: PhiVpcProps,
    zones: DataAwsAvailabilityZones,
    privateTables: readonly RouteTable[],
    name: (suffix: string) => Record<string, string>,
  ): void {
    const vpcId = this.vpc.id;
    const igw = new InternetGateway(this, "igw", { vpcId, tags: name("egress") });
    const publicTable = new RouteTable(this, "egress-rt", { vpcId, tags: name("egress") });
    new Route(this, "egress-default", {
      routeTableId: publicTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: igw.id,
    });
    props.subnets.egress.forEach((cidr, zone) => {
      const subnet = new Subnet(this, `egress-${zone}`, {
        vpcId,
        cidrBlock: cidr,
        availabilityZone: Fn.element(zones.names, zone),
        mapPublicIpOnLaunch: false,
        tags: { ...name(`egress-${zone}`), Tier: "egress" },
      });
      new RouteTableAssociation(this, `egress-rta-${zone}`, {
        subnetId: subnet.id,
        routeTableId: publicTable.id,
      });
      const eip = new Eip(this, `nat-eip-${zone}`, { domain: "vpc", tags: name(`nat-${zone}`) });
      const nat = new NatGateway(this, `nat-${zone}`, {
        subnetId: subnet.id,
        allocationId: eip.id,
        tags: name(`nat-${zone}`),
        dependsOn: [igw],
      });
      new Route(this, `private-default-${zone}`, {
        routeTableId: privateTables[zone].id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: nat.id,
      });
    });
  }
}
