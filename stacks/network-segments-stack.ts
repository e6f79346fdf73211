// The hub's segments in the network account: each environment's attachment accepted, associated with its segment's
// route table and propagated only into the tables of segments that may reach it, so prod and non-prod never learn
// each other's routes, and into the on-premises table where its segment reaches on-premises (164.312(a)(1) access control, 164.312(e)(1) transmission security). A stack of its own:
// it reads the attachments the network stacks create, which read the gateway the hub stack creates.
import { Construct } from "constructs";
import { Ec2TransitGatewayRouteTableAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association";
import { Ec2TransitGatewayRouteTablePropagation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation";
import { Ec2TransitGatewayVpcAttachmentAccepter } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter";
import { reachesOnPremises, segmentOf } from "../src/config/model";
import { ON_PREMISES_TABLE } from "../src/policies/hybrid-network";
import { INSPECTION_TABLE } from "../src/policies/inspection";
import { SEGMENT_REACHES, SEGMENT_TAG, SEGMENTS } from "../src/policies/transit-gateway";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { inNetworkAccount, NetworkHubStack } from "./network-hub-stack";
import { NetworkStack } from "./network-stack";
import { OrganizationStack } from "./organization-stack";

/** The stack's ID, which is also its state key and its directory in cdktf.out. */
export const NETWORK_SEGMENTS_STACK_ID = "network-segments";

export interface NetworkSegmentsStackProps extends StackContext {
  /** The organization stack: the network account's ID. */
  readonly organization: OrganizationStack;
  /** The hub stack: the segments' route tables. */
  readonly hub: NetworkHubStack;
  /** Each environment's network stack, by environment name: their attachments. */
  readonly networks: ReadonlyMap<string, NetworkStack>;
}

/** Accepts, associates and propagates every environment's attachment in the home region's hub. */
export class NetworkSegmentsStack extends LandingZoneStack {
  constructor(scope: Construct, id: string, props: NetworkSegmentsStackProps) {
    const org = props.config.organization;
    super(scope, id, inNetworkAccount(props));
    const hub = props.hub.hubs.get(org.homeRegion);
    if (!hub) return;
    for (const env of props.config.environments) {
      const attachment = props.networks.get(env.name)?.vpc.hubAttachment;
      if (!attachment) continue;
      const segment = segmentOf(env);
      // The gateway accepts no shared attachment on its own (TransitGatewayHub): the pipeline accepts each one
      // the configuration names, with no default association or propagation.
      const accepted = new Ec2TransitGatewayVpcAttachmentAccepter(this, `accept-${env.name}`, {
        transitGatewayAttachmentId: attachment.id,
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
        tags: { Name: `${org.name}-${env.name}`, [SEGMENT_TAG]: segment },
      });
      // An attachment routes by the one table it is associated with: its segment's.
      new Ec2TransitGatewayRouteTableAssociation(this, `associate-${env.name}`, {
        transitGatewayAttachmentId: accepted.transitGatewayAttachmentId,
        transitGatewayRouteTableId: hub.routeTables.get(segment)!.id,
      });
      // Its routes go only into the tables of segments that reach it (SEGMENT_REACHES).
      for (const table of SEGMENTS.filter((s) => SEGMENT_REACHES[s].includes(segment))) {
        new Ec2TransitGatewayRouteTablePropagation(this, `propagate-${env.name}-to-${table}`, {
          transitGatewayAttachmentId: accepted.transitGatewayAttachmentId,
          transitGatewayRouteTableId: hub.routeTables.get(table)!.id,
        });
      }
      // And into the inspection table, so replies from the internet find it (network.inspection).
      if (hub.inspectionTable)
        new Ec2TransitGatewayRouteTablePropagation(this, `propagate-${env.name}-to-${INSPECTION_TABLE}`, {
          transitGatewayAttachmentId: accepted.transitGatewayAttachmentId,
          transitGatewayRouteTableId: hub.inspectionTable.id,
        });
      // And into the on-premises table where its segment reaches on-premises (network.hybrid.segments).
      const onPremises = props.hub.hybrid.get(org.homeRegion);
      if (onPremises && reachesOnPremises(props.config, segment))
        new Ec2TransitGatewayRouteTablePropagation(this, `propagate-${env.name}-to-${ON_PREMISES_TABLE}`, {
          transitGatewayAttachmentId: accepted.transitGatewayAttachmentId,
          transitGatewayRouteTableId: onPremises.routeTable.id,
        });
    }
  }
}
