// The hub's on-premises side: Site-to-Site VPN and Direct Connect attachments on the organization's Transit
// Gateway, their own route table, and which segments reach on-premises (164.312(a)(1) access control,
// 164.312(e)(1) transmission security, 164.312(e)(2)(ii) encryption). One table of facts the hub, the segments
// stack, the validation and the synth rules all read.
import { logStreamArn } from "./arns";
import { PolicyDocument } from "./policy-document";
import { Segment, SEGMENTS } from "./transit-gateway";

/** AWS's pages the on-premises side follows, cited where each setting is written. */
export const HYBRID_DOCS = {
  vpnAttachments: "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpn-attachments.html",
  customerGateway: "https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html",
  tunnelOptions: "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html",
  routing: "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html",
  directConnect:
    "https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-transit-gateways.html",
  allowedPrefixes: "https://docs.aws.amazon.com/directconnect/latest/UserGuide/allowed-to-prefixes.html",
  dxAttachments: "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-dcg-attachments.html",
  resolverForwarding:
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-DSN-queries-to-vpc.html",
  ramShareable: "https://docs.aws.amazon.com/ram/latest/userguide/shareable.html",
  resolverPricing: "https://aws.amazon.com/route53/pricing/",
  ec2Actions: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html",
  dxActions: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsdirectconnect.html",
  vpnPricing: "https://aws.amazon.com/vpn/pricing/",
  tunnelLogs: "https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-logs.html",
  tunnelLogsEnable: "https://docs.aws.amazon.com/vpn/latest/s2svpn/enable-logs.html",
  vendedLogsToCloudWatch:
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-CWL.html",
} as const;

/** The log group every VPN connection of a region's hub writes its tunnels' activity to, in the network account. */
export function vpnTunnelLogGroupName(organization: string): string {
  return `/landing-zone/${organization}-vpn-tunnels`;
}

/** The alias (without `alias/`) of the network account's key for the tunnel log group, one per hub region. */
export function vpnTunnelLogKeyAlias(organization: string): string {
  return `${organization}/vpn-tunnel-logs`;
}

/** The network account's CloudWatch Logs resource policy that admits the tunnel log delivery, one per hub region. */
export function vpnTunnelLogPolicyName(organization: string): string {
  return `${organization}-vpn-tunnel-logs`;
}

/**
 * The tunnel logs' format: JSON, the API's default, written out because the provider loops on a plan that leaves
 * it unset (the API answers json).
 */
export const VPN_TUNNEL_LOG_FORMAT = "json";

/**
 * The account's CloudWatch Logs resource policy that lets Site-to-Site VPN deliver tunnel logs to the log group:
 * AWS's own statement for vended logs sent to CloudWatch Logs, as HYBRID_DOCS.vendedLogsToCloudWatch gives it
 * (Sid, principal, actions, the group's streams, aws:SourceAccount and aws:SourceArn); Site-to-Site VPN is a V1
 * vended-logs source there, and HYBRID_DOCS.tunnelLogs says it needs the log group in such a policy. Written by the
 * pipeline so the delivery's permission is what AWS publishes and is in state, not added on the side when the
 * deploy role happens to hold logs:PutResourcePolicy.
 */
export function vpnTunnelLogDeliveryPolicy(ctx: {
  readonly accountId: string;
  readonly region: string;
  readonly logGroupName: string;
}): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        // AWS's statement, unchanged: the log delivery service writes the group's streams for this account only.
        Sid: "AWSLogDeliveryWrite20150319",
        Effect: "Allow",
        Principal: { Service: ["delivery.logs.amazonaws.com"] },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: logStreamArn(ctx.region, ctx.accountId, ctx.logGroupName, "*"),
        Condition: {
          StringEquals: { "aws:SourceAccount": [ctx.accountId] },
          ArnLike: { "aws:SourceArn": [`arn:aws:logs:${ctx.region}:${ctx.accountId}:*`] },
        },
      },
    ],
  };
}

/**
 * The hub route table the VPN and Direct Connect attachments are associated with, tagged like a segment's
 * (SEGMENT_TAG) but joined by no environment: it learns only the environments of the segments allowed on-premises.
 */
export const ON_PREMISES_TABLE = "on-premises";

/** The on-premises route table's name. */
export function onPremisesRouteTableName(organization: string): string {
  return `${organization}-${ON_PREMISES_TABLE}`;
}

/** How a customer gateway's routes reach the hub: BGP (propagated) or static routes the pipeline writes. */
export const VPN_ROUTING = ["dynamic", "static"] as const;
export type VpnRouting = (typeof VPN_ROUTING)[number];

/** The segments that reach on-premises unless the configuration narrows them: all of them. */
export const DEFAULT_ON_PREMISES_SEGMENTS: readonly Segment[] = SEGMENTS;

/**
 * The customer gateway BGP ASNs AWS accepts: 1 to 4,294,967,295 (HYBRID_DOCS.customerGateway, read 2026-12-07);
 * the API takes those above 2,147,483,647 as BgpAsnExtended (CreateCustomerGateway), and requires one of the two.
 */
export const CUSTOMER_GATEWAY_ASN_RANGE = {
  min: 1,
  max: 4_294_967_295,
  largestBgpAsn: 2_147_483_647,
} as const;

/**
 * ASNs a customer gateway may not use, by region ("*": every region), as the customer gateway options page lists
 * them (HYBRID_DOCS.customerGateway, read 2026-12-07).
 */
export const RESERVED_CUSTOMER_GATEWAY_ASNS: Readonly<Record<string, readonly number[]>> = {
  "*": [7224],
  "eu-west-1": [9059],
  "ap-northeast-1": [10124],
  "ap-southeast-1": [17943],
};

/** The ASNs AWS reserves in a region. */
export function reservedCustomerGatewayAsns(region: string): number[] {
  return [...RESERVED_CUSTOMER_GATEWAY_ASNS["*"], ...(RESERVED_CUSTOMER_GATEWAY_ASNS[region] ?? [])];
}

/**
 * Each tunnel's IKE and IPsec settings: IKEv2 only, AES-256 (GCM or CBC), SHA-2 integrity and Diffie-Hellman
 * groups of 2048-bit MODP or elliptic curves, never AWS's wider defaults (which include IKEv1, AES-128, SHA-1 and
 * group 2). Values as the tunnel options page lists them (HYBRID_DOCS.tunnelOptions: IKE ikev1 and ikev2; AES128,
 * AES256 and their GCM-16 forms; SHA1 and SHA2-256/384/512; groups 2, 14-24, and 5 in phase 2).
 */
export const TUNNEL_CRYPTO = {
  ikeVersions: ["ikev2"],
  phase1EncryptionAlgorithms: ["AES256", "AES256-GCM-16"],
  phase2EncryptionAlgorithms: ["AES256", "AES256-GCM-16"],
  phase1IntegrityAlgorithms: ["SHA2-256", "SHA2-384", "SHA2-512"],
  phase2IntegrityAlgorithms: ["SHA2-256", "SHA2-384", "SHA2-512"],
  phase1DhGroupNumbers: [14, 19, 20, 21],
  phase2DhGroupNumbers: [14, 19, 20, 21],
} as const;

/**
 * The calls that would change what on-premises reaches or how its traffic is protected: a new VPN connection (to
 * the hub, or to a virtual private gateway beside it), a VPN connection's customer gateway, its tunnels' crypto and
 * its routes, a Direct Connect gateway's association with the hub and the prefixes it advertises, and where a
 * VPC's lookups are forwarded. EC2's VPN ARNs and Resolver's carry IDs and Direct Connect's association calls name
 * a gateway by ID (HYBRID_DOCS.ec2Actions, HYBRID_DOCS.dxActions), so the guardrail names the actions on every
 * resource.
 */
export const HYBRID_PROTECTED_ACTIONS = [
  "ec2:CreateVpnConnection",
  "ec2:ModifyVpnConnection",
  "ec2:ModifyVpnConnectionOptions",
  "ec2:ModifyVpnTunnelOptions",
  "ec2:CreateVpnConnectionRoute",
  "directconnect:CreateDirectConnectGatewayAssociation",
  "directconnect:UpdateDirectConnectGatewayAssociation",
  "directconnect:CreateDirectConnectGatewayAssociationProposal",
  "directconnect:AcceptDirectConnectGatewayAssociationProposal",
  // The paths beside the hub: a virtual private gateway attached to a VPC, Direct Connect virtual interfaces
  // (hosted ones are confirmed by the receiving account), and Client VPN into a VPC.
  "ec2:AttachVpnGateway",
  "ec2:CreateClientVpnEndpoint",
  "directconnect:CreatePrivateVirtualInterface",
  "directconnect:ConfirmPrivateVirtualInterface",
  "directconnect:CreateTransitVirtualInterface",
  "directconnect:ConfirmTransitVirtualInterface",
  // A forwarding rule sends a VPC's lookups of a domain (or of every name, for ".") to servers of its own choosing,
  // past the on-premises DNS the configuration names: only the pipeline creates, changes or associates one, or
  // creates or changes an endpoint that carries them.
  "route53resolver:AssociateResolverRule",
  "route53resolver:DisassociateResolverRule",
  "route53resolver:UpdateResolverRule",
  "route53resolver:CreateResolverEndpoint",
  "route53resolver:UpdateResolverEndpoint",
] as const;

/** The segment the resolver VPC joins: it answers for every environment allowed on-premises. */
export const RESOLVER_SEGMENT: Segment = "shared";

/** The resolver VPC's largest and smallest prefix: /24 still gives each of two zones a /26. */
export const RESOLVER_VPC_PREFIXES = { largest: 16, smallest: 24 } as const;

/** DNS: what the resolver endpoints' security groups admit, TCP and UDP. */
export const DNS_PORT = 53;

/** The name shared by the resolver VPC's parts and endpoints. */
export function resolverName(organization: string): string {
  return `${organization}-resolver`;
}

/** A forwarding rule's domain as a construct ID and name fragment: ehr.hospital.local becomes ehr-hospital-local. */
export function domainSlug(domain: string): string {
  return domain.replace(/\./g, "-");
}

/**
 * Names under which AWS answers for its own services and instances: a forwarding rule for one of them would send
 * those lookups on-premises.
 */
export const AWS_DNS_SUFFIXES = ["amazonaws.com", "aws", "compute.internal", "ec2.internal"] as const;

/** The longest name Route 53 Resolver takes for a rule or a rule association (CreateResolverRule's Name). */
export const RESOLVER_NAME_MAX = 64;
