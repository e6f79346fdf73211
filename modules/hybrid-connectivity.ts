// The hub's on-premises side in one region: Site-to-Site VPN connections from the configured customer gateways and
// a Direct Connect gateway association, all on their own route table, whose routes reach only the segments the
// configuration allows and which learns only those segments' environments (164.312(a)(1) access control,
// 164.312(e)(1) transmission security; 164.312(e)(2)(ii) encryption: IKEv2, AES-256 and SHA-2 tunnels only;
// 164.312(b) audit controls: every tunnel's activity logged).
import { Construct } from "constructs";
import { cidrSlug } from "../src/config/cidr";
import { CustomerGateway } from "@cdktf/provider-aws/lib/customer-gateway";
import { DataAwsEc2TransitGatewayDxGatewayAttachment } from "@cdktf/provider-aws/lib/data-aws-ec2-transit-gateway-dx-gateway-attachment";
import { DxGatewayAssociation } from "@cdktf/provider-aws/lib/dx-gateway-association";
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Ec2TransitGatewayRouteTable } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table";
import { Ec2TransitGatewayRouteTableAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association";
import { Ec2TransitGatewayRouteTablePropagation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VpnConnection } from "@cdktf/provider-aws/lib/vpn-connection";
import {
  CUSTOMER_GATEWAY_ASN_RANGE,
  ON_PREMISES_TABLE,
  onPremisesRouteTableName,
  TUNNEL_CRYPTO,
  VPN_TUNNEL_LOG_FORMAT,
  VpnRouting,
} from "../src/policies/hybrid-network";
import { KeyAdministrators } from "../src/policies/kms-policies";
import { Segment, SEGMENT_TAG, SEGMENTS } from "../src/policies/transit-gateway";
import { VpnTunnelLogs } from "./vpn-tunnel-logs";

/** One on-premises router, as the configuration names it. */
export interface CustomerGatewaySpec {
  /** Names the gateway and its VPN connection. */
  readonly name: string;
  /** The router's public IPv4 address. */
  readonly ipAddress: string;
  /** The router's BGP ASN. */
  readonly bgpAsn: number;
  /** BGP-propagated routes, or static routes the pipeline writes. */
  readonly routing: VpnRouting;
  /** With static routing, the on-premises ranges behind the router. */
  readonly staticRoutes: readonly string[];
}

export interface HybridConnectivityProps {
  /** The organization's name, the start of every name here. */
  readonly organizationName: string;
  /** The provider for the hub's region in the network account. */
  readonly provider: AwsProvider;
  /** The hub's region. */
  readonly region: string;
  /** The network account's ID, or the expression that reads it: the tunnel log group's account. */
  readonly accountId: string;
  /** Who administers the tunnel log key. */
  readonly keyAdmins: KeyAdministrators;
  /** Days the tunnel logs are kept: the log archive's retention. */
  readonly logRetentionDays: number;
  /** The hub's gateway. */
  readonly transitGateway: Ec2TransitGateway;
  /** The segments' route tables: the allowed ones learn on-premises routes, the others blackhole them. */
  readonly segmentTables: ReadonlyMap<Segment, Ec2TransitGatewayRouteTable>;
  /** The segments that reach on-premises. */
  readonly segments: readonly Segment[];
  /** The on-premises ranges. */
  readonly onPremisesCidrs: readonly string[];
  /** Each environment's VPC CIDR with its segment: those of other segments are blackholed on the on-premises side. */
  readonly segmentCidrs: ReadonlyArray<{ readonly segment: Segment; readonly cidr: string }>;
  /** The VPN connections' customer gateways. */
  readonly customerGateways: readonly CustomerGatewaySpec[];
  /**
   * An existing Direct Connect gateway to associate.
   * @default none
   */
  readonly directConnectGatewayId?: string;
  /**
   * The resolver VPC's range: advertised over Direct Connect with the environments', so on-premises DNS reaches
   * the endpoints there too (over VPN it propagates).
   * @default none: no resolver
   */
  readonly resolverCidr?: string;
  /**
   * The inspection VPC's range: blackholed on the on-premises table, as on every segment's.
   * @default none: no inspection
   */
  readonly inspectionCidr?: string;
}

/** The VPN and Direct Connect attachments of one region's hub, and the route table they use. */
export class HybridConnectivity extends Construct {
  /** The on-premises route table: the environments of allowed segments propagate into it (NetworkSegmentsStack). */
  readonly routeTable: Ec2TransitGatewayRouteTable;
  /** Where every VPN connection's tunnels log their activity, where there is a customer gateway. */
  readonly tunnelLogs?: VpnTunnelLogs;

  constructor(scope: Construct, id: string, props: HybridConnectivityProps) {
    super(scope, id);
    const { provider } = props;
    const allowed = new Set(props.segments);
    this.routeTable = new Ec2TransitGatewayRouteTable(this, "route-table", {
      provider,
      transitGatewayId: props.transitGateway.id,
      tags: { Name: onPremisesRouteTableName(props.organizationName), [SEGMENT_TAG]: ON_PREMISES_TABLE },
    });
    // Static blackholes, as between prod and non-prod (TransitGatewayHub): on-premises never reaches an environment
    // of a segment it is not allowed, and such a segment's table drops the on-premises ranges, even if a
    // propagation were added by mistake. A more specific prefix learned over BGP still wins over a blackhole
    // (docs/network-and-baseline.md#on-premises): BGP is the on-premises router's to filter.
    for (const { cidr } of props.segmentCidrs.filter((s) => !allowed.has(s.segment)))
      this.blackhole(`blackhole-${ON_PREMISES_TABLE}-${cidrSlug(cidr)}`, this.routeTable, cidr);
    if (props.inspectionCidr)
      this.blackhole(
        `blackhole-${ON_PREMISES_TABLE}-${cidrSlug(props.inspectionCidr)}`,
        this.routeTable,
        props.inspectionCidr,
      );
    for (const segment of SEGMENTS.filter((s) => !allowed.has(s)))
      for (const cidr of props.onPremisesCidrs)
        this.blackhole(`blackhole-${segment}-${cidrSlug(cidr)}`, props.segmentTables.get(segment)!, cidr);

    if (props.customerGateways.length > 0) {
      const logs = new VpnTunnelLogs(this, "tunnel-logs", {
        organizationName: props.organizationName,
        provider: props.provider,
        accountId: props.accountId,
        region: props.region,
        keyAdmins: props.keyAdmins,
        logRetentionDays: props.logRetentionDays,
      });
      this.tunnelLogs = logs;
      for (const gateway of props.customerGateways) this.connect(props, gateway, logs);
    }
    if (props.directConnectGatewayId) this.associateDirectConnect(props, props.directConnectGatewayId);
  }

  /** One Site-to-Site VPN connection on the hub, its attachment on the on-premises table. */
  private connect(props: HybridConnectivityProps, gateway: CustomerGatewaySpec, logs: VpnTunnelLogs): void {
    const { provider } = props;
    const name = `${props.organizationName}-${gateway.name}`;
    // The API takes an ASN above 2,147,483,647 as BgpAsnExtended (CUSTOMER_GATEWAY_ASN_RANGE).
    const extended = gateway.bgpAsn > CUSTOMER_GATEWAY_ASN_RANGE.largestBgpAsn;
    const customerGateway = new CustomerGateway(this, `customer-gateway-${gateway.name}`, {
      provider,
      type: "ipsec.1",
      ipAddress: gateway.ipAddress,
      ...(extended ? { bgpAsnExtended: String(gateway.bgpAsn) } : { bgpAsn: String(gateway.bgpAsn) }),
      tags: { Name: name },
    });
    // Both tunnels negotiate only TUNNEL_CRYPTO (HYBRID_DOCS.tunnelOptions): AWS's defaults also offer IKEv1,
    // AES-128, SHA-1 and DH group 2, which a misconfigured router would settle on.
    const tunnel = (n: 1 | 2) => ({
      [`tunnel${n}IkeVersions`]: [...TUNNEL_CRYPTO.ikeVersions],
      [`tunnel${n}Phase1EncryptionAlgorithms`]: [...TUNNEL_CRYPTO.phase1EncryptionAlgorithms],
      [`tunnel${n}Phase2EncryptionAlgorithms`]: [...TUNNEL_CRYPTO.phase2EncryptionAlgorithms],
      [`tunnel${n}Phase1IntegrityAlgorithms`]: [...TUNNEL_CRYPTO.phase1IntegrityAlgorithms],
      [`tunnel${n}Phase2IntegrityAlgorithms`]: [...TUNNEL_CRYPTO.phase2IntegrityAlgorithms],
      [`tunnel${n}Phase1DhGroupNumbers`]: [...TUNNEL_CRYPTO.phase1DhGroupNumbers],
      [`tunnel${n}Phase2DhGroupNumbers`]: [...TUNNEL_CRYPTO.phase2DhGroupNumbers],
      // Every tunnel logs its IKE negotiations, dead peer detection and state to the region's tunnel log group
      // (HYBRID_DOCS.tunnelLogs). Turning this on for an existing connection modifies each tunnel in place, and
      // AWS says the tunnel is unavailable for several minutes while it does (HYBRID_DOCS.tunnelLogsEnable).
      [`tunnel${n}LogOptions`]: {
        cloudwatchLogOptions: {
          logEnabled: true,
          logGroupArn: logs.logGroup.arn,
          logOutputFormat: VPN_TUNNEL_LOG_FORMAT,
        },
      },
    });
    const vpn = new VpnConnection(this, `vpn-${gateway.name}`, {
      provider,
      type: "ipsec.1",
      customerGatewayId: customerGateway.id,
      transitGatewayId: props.transitGateway.id,
      staticRoutesOnly: gateway.routing === "static",
      // AWS keeps the tunnels' pre-shared keys in a Secrets Manager secret of this account rather than in the VPN
      // service (CreateVpnConnection's PreSharedKeyStorage, HYBRID_DOCS.tunnelOptions): ReadOnlyAccess, which pull
      // requests' plans hold, reads no secret value.
      presharedKeyStorage: "SecretsManager",
      ...tunnel(1),
      ...tunnel(2),
      tags: { Name: name, [SEGMENT_TAG]: ON_PREMISES_TABLE },
    });
    const attachmentId = vpn.transitGatewayAttachmentId;
    this.associate(`associate-vpn-${gateway.name}`, attachmentId);
    // Dynamic: the prefixes on-premises advertises over BGP propagate into the allowed segments' tables only.
    // Static: the pipeline writes each range into them (a VPN on a transit gateway takes its static routes in the
    // transit gateway's route tables, HYBRID_DOCS.routing).
    for (const segment of props.segments) {
      const table = props.segmentTables.get(segment)!;
      if (gateway.routing === "dynamic")
        new Ec2TransitGatewayRouteTablePropagation(this, `propagate-vpn-${gateway.name}-to-${segment}`, {
          provider,
          transitGatewayAttachmentId: attachmentId,
          transitGatewayRouteTableId: table.id,
        });
      else
        for (const cidr of gateway.staticRoutes)
          new Ec2TransitGatewayRoute(this, `route-vpn-${gateway.name}-${segment}-${cidrSlug(cidr)}`, {
            provider,
            transitGatewayRouteTableId: table.id,
            destinationCidrBlock: cidr,
            transitGatewayAttachmentId: attachmentId,
          });
    }
  }

  /**
   * The Direct Connect gateway's association with the hub: on-premises hears only the allowed segments'
   * environment CIDRs and the resolver's (allowed prefixes, HYBRID_DOCS.allowedPrefixes), and its routes propagate into those
   * segments' tables only.
   */
  private associateDirectConnect(props: HybridConnectivityProps, dxGatewayId: string): void {
    const { provider } = props;
    const allowed = new Set(props.segments);
    const association = new DxGatewayAssociation(this, "direct-connect", {
      provider,
      dxGatewayId,
      associatedGatewayId: props.transitGateway.id,
      allowedPrefixes: [
        ...props.segmentCidrs.filter((s) => allowed.has(s.segment)).map((s) => s.cidr),
        ...(props.resolverCidr ? [props.resolverCidr] : []),
      ],
    });
    // The association exports no attachment ID in provider 5.100: the attachment is read back once it exists.
    const attachment = new DataAwsEc2TransitGatewayDxGatewayAttachment(this, "direct-connect-attachment", {
      provider,
      transitGatewayId: props.transitGateway.id,
      dxGatewayId,
      dependsOn: [association],
    });
    this.associate("associate-direct-connect", attachment.id);
    for (const segment of props.segments)
      new Ec2TransitGatewayRouteTablePropagation(this, `propagate-direct-connect-to-${segment}`, {
        provider,
        transitGatewayAttachmentId: attachment.id,
        transitGatewayRouteTableId: props.segmentTables.get(segment)!.id,
      });
  }

  /**
   * The network account's resolver VPC joins the shared segment (RESOLVER_SEGMENT): it routes by that segment's
   * table, which learns on-premises, and propagates into the on-premises table only, so on-premises reaches its
   * endpoints and nothing else learns it.
   */
  attachResolverVpc(attachmentId: string, sharedTable: Ec2TransitGatewayRouteTable): void {
    new Ec2TransitGatewayRouteTableAssociation(this, "associate-resolver-vpc", {
      provider: this.routeTable.provider,
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: sharedTable.id,
    });
    new Ec2TransitGatewayRouteTablePropagation(this, `propagate-resolver-vpc-to-${ON_PREMISES_TABLE}`, {
      provider: this.routeTable.provider,
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: this.routeTable.id,
    });
  }

  /** An on-premises attachment routes by the on-premises table. */
  private associate(id: string, attachmentId: string): void {
    new Ec2TransitGatewayRouteTableAssociation(this, id, {
      provider: this.routeTable.provider,
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: this.routeTable.id,
    });
  }

  private blackhole(id: string, table: Ec2TransitGatewayRouteTable, cidr: string): void {
    new Ec2TransitGatewayRoute(this, id, {
      provider: table.provider,
      transitGatewayRouteTableId: table.id,
      destinationCidrBlock: cidr,
      blackhole: true,
    });
  }
}
