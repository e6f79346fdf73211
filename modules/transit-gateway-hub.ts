// The organization's Transit Gateway in one region, in the network account: no default route table association or
// propagation and no automatic acceptance, a route table per segment with static blackholes between segments that
// must stay apart, shared with the organization through AWS RAM, and its flow logs in the log archive
// (164.312(a)(1) access control, 164.312(e)(1) transmission security, 164.312(b) audit controls).
import { Construct } from "constructs";
import { cidrSlug } from "../src/config/cidr";
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Ec2TransitGatewayRouteTable } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { Ec2TransitGatewayRouteTableAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association";
import { RamPrincipalAssociation } from "@cdktf/provider-aws/lib/ram-principal-association";
import { RamResourceAssociation } from "@cdktf/provider-aws/lib/ram-resource-association";
import { RamResourceShare } from "@cdktf/provider-aws/lib/ram-resource-share";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  Segment,
  SEGMENT_TAG,
  SEGMENTS,
  segmentRouteTableName,
  segmentsApartFrom,
  transitGatewayName,
} from "../src/policies/transit-gateway";
import { DEFAULT_ROUTE, INSPECTION_TABLE, inspectionRouteTableName } from "../src/policies/inspection";

export interface TransitGatewayHubProps {
  /** The organization's name, the start of every name here. */
  readonly organizationName: string;
  /** The region, also the provider's. */
  readonly region: string;
  /** The provider for the region in the network account. */
  readonly provider: AwsProvider;
  /** The Amazon side's BGP ASN. */
  readonly amazonSideAsn: number;
  /** The organization's ARN: the RAM share's one principal. */
  readonly organizationArn: string;
  /** The log archive bucket's ARN: the gateway's flow logs land there. */
  readonly logArchiveBucketArn: string;
  /** Each environment's VPC CIDR with its segment: the blackholes between segments kept apart are built from them. */
  readonly segmentCidrs: ReadonlyArray<{ readonly segment: Segment; readonly cidr: string }>;
}

/** One region's hub. */
export class TransitGatewayHub extends Construct {
  readonly transitGateway: Ec2TransitGateway;
  /** Each segment's route table. */
  readonly routeTables = new Map<Segment, Ec2TransitGatewayRouteTable>();
  /** The inspection VPC's route table, where inspected egress is on: every environment propagates into it. */
  inspectionTable?: Ec2TransitGatewayRouteTable;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    const { provider } = props;
    const name = transitGatewayName(props.organizationName, props.region);
    // No default association or propagation: an attachment reaches nothing until the segments stack associates it
    // with its segment's table (TRANSIT_GATEWAY_DOCS.isolated). Shared attachments are accepted by the segments
    // stack, never automatically (AWS Config's ec2-transit-gateway-auto-vpc-attach-disabled).
    this.transitGateway = new Ec2TransitGateway(this, "transit-gateway", {
      provider,
      description: `${props.organizationName} hub: segments ${SEGMENTS.join(", ")}`,
      amazonSideAsn: props.amazonSideAsn,
      autoAcceptSharedAttachments: "disable",
      defaultRouteTableAssociation: "disable",
      defaultRouteTablePropagation: "disable",
      dnsSupport: "enable",
      vpnEcmpSupport: "enable",
      tags: { Name: name },
    });
    for (const segment of SEGMENTS) {
      const table = new Ec2TransitGatewayRouteTable(this, `route-table-${segment}`, {
        provider,
        transitGatewayId: this.transitGateway.id,
        tags: { Name: segmentRouteTableName(props.organizationName, segment), [SEGMENT_TAG]: segment },
      });
      this.routeTables.set(segment, table);
    }
    // A static route wins over a propagated one for the same prefix (TRANSIT_GATEWAY_DOCS.routeTables), so a
    // blackhole for each environment of a segment kept apart holds even if a propagation is added by mistake.
    for (const segment of SEGMENTS) {
      const apart = new Set(segmentsApartFrom(segment));
      for (const { segment: other, cidr } of props.segmentCidrs) {
        if (!apart.has(other)) continue;
        new Ec2TransitGatewayRoute(this, `blackhole-${segment}-${cidrSlug(cidr)}`, {
          provider,
          transitGatewayRouteTableId: this.routeTables.get(segment)!.id,
          destinationCidrBlock: cidr,
          blackhole: true,
        });
      }
    }

    // Shared with the organization only (allow_external_principals false), so its accounts can attach.
    const share = new RamResourceShare(this, "share", {
      provider,
      name,
      allowExternalPrincipals: false,
      tags: { Name: name },
    });
    new RamResourceAssociation(this, "share-gateway", {
      provider,
      resourceShareArn: share.arn,
      resourceArn: this.transitGateway.arn,
    });
    new RamPrincipalAssociation(this, "share-organization", {
      provider,
      resourceShareArn: share.arn,
      principal: props.organizationArn,
    });

    // Transit Gateway flow logs aggregate over 60 seconds, the only interval they offer (TRANSIT_GATEWAY_DOCS.flowLogs).
    new FlowLog(this, "flow-log", {
      provider,
      transitGatewayId: this.transitGateway.id,
      logDestinationType: "s3",
      logDestination: props.logArchiveBucketArn,
      maxAggregationInterval: 60,
      destinationOptions: { fileFormat: "plain-text", perHourPartition: true },
      tags: { Name: `${name}-flow-log` },
    });
  }

  /**
   * Inspected egress: the inspection VPC's attachment routes by a table of its own, which learns every
   * environment (so replies find their way back), and each inspected segment's table sends 0.0.0.0/0 to it. The
   * blackholes between segments are more specific than that default route and still win
   * (TRANSIT_GATEWAY_DOCS.overview: the longest prefix first), so no segment reaches another through it, and
   * each blackholes the inspection VPC's own range.
   */
  addInspection(
    organizationName: string,
    attachmentId: string,
    segments: readonly Segment[],
    inspectionCidr: string,
  ): void {
    const provider = this.transitGateway.provider;
    const table = new Ec2TransitGatewayRouteTable(this, "route-table-inspection", {
      provider,
      transitGatewayId: this.transitGateway.id,
      tags: { Name: inspectionRouteTableName(organizationName), [SEGMENT_TAG]: INSPECTION_TABLE },
    });
    this.inspectionTable = table;
    new Ec2TransitGatewayRouteTableAssociation(this, "associate-inspection", {
      provider,
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: table.id,
    });
    for (const segment of segments)
      new Ec2TransitGatewayRoute(this, `default-${segment}-to-inspection`, {
        provider,
        transitGatewayRouteTableId: this.routeTables.get(segment)!.id,
        destinationCidrBlock: DEFAULT_ROUTE,
        transitGatewayAttachmentId: attachmentId,
      });
    // No segment reaches the inspection VPC's own range: traffic to an address there would enter the attachment
    // subnets and be delivered by the VPC's local route without passing the firewall, and anything placed in the
    // VPC would become a way between segments. The blackhole is more specific than the default route, which
    // still carries the environments' own traffic to the firewall.
    for (const segment of SEGMENTS)
      new Ec2TransitGatewayRoute(this, `blackhole-${segment}-${cidrSlug(inspectionCidr)}`, {
        provider,
        transitGatewayRouteTableId: this.routeTables.get(segment)!.id,
        destinationCidrBlock: inspectionCidr,
        blackhole: true,
      });
  }
}
