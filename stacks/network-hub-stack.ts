// The hub in the network account: the organization's Transit Gateway in each region with an environment's VPC,
// its segment route tables, its RAM share and its flow logs, and its on-premises side where one is configured
// (164.312(a)(1) access control, 164.312(e)(1) transmission security, 164.312(b) audit controls).
import { Construct } from "constructs";
import { hubRegions, hybridConnected, segmentOf } from "../src/config/model";
import { HybridConnectivity } from "../modules/hybrid-connectivity";
import { TransitGatewayHub } from "../modules/transit-gateway-hub";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { LogArchiveStack } from "./log-archive-stack";
import { OrganizationStack } from "./organization-stack";

/** The stack's ID, which is also its state key and its directory in cdktf.out. */
export const NETWORK_HUB_STACK_ID = "network-hub";

export interface NetworkHubStackProps extends StackContext {
  /** The organization stack: the network account's ID and the organization's ARN. */
  readonly organization: OrganizationStack;
  /** The log archive stack: where the gateways' flow logs go. */
  readonly logArchive: LogArchiveStack;
}

/** A stack's placement in the network account (coreAccounts.network), where the hub and its segments live. */
export function inNetworkAccount(props: StackContext & { readonly organization: OrganizationStack }) {
  return {
    config: props.config,
    target: props.target,
    accountId: props.organization.accountId(props.config.organization.coreAccounts.network),
  };
}

/** One TransitGatewayHub per hub region. */
export class NetworkHubStack extends LandingZoneStack {
  /** The hub of each region, by region. */
  readonly hubs = new Map<string, TransitGatewayHub>();
  /** The on-premises side of each region's hub, by region, where network.hybrid connects one. */
  readonly hybrid = new Map<string, HybridConnectivity>();

  constructor(scope: Construct, id: string, props: NetworkHubStackProps) {
    const org = props.config.organization;
    super(scope, id, inNetworkAccount(props));
    const segmentCidrs = props.config.environments.map((env) => ({
      segment: segmentOf(env),
      cidr: env.cidr,
    }));
    const hybrid = org.network.hybrid;
    for (const region of hubRegions(props.config)) {
      const hub = new TransitGatewayHub(this, `hub-${region}`, {
        organizationName: org.name,
        region,
        provider: this.providerFor(region),
        amazonSideAsn: org.network.transitGateway.amazonSideAsn,
        organizationArn: props.organization.organizationArn,
        logArchiveBucketArn: props.logArchive.archive.archive.arn,
        segmentCidrs,
      });
      this.hubs.set(region, hub);
      if (!hybridConnected(props.config)) continue;
      this.hybrid.set(
        region,
        new HybridConnectivity(this, `hybrid-${region}`, {
          organizationName: org.name,
          provider: this.providerFor(region),
          transitGateway: hub.transitGateway,
          segmentTables: hub.routeTables,
          segments: hybrid.segments,
          onPremisesCidrs: hybrid.onPremisesCidrs,
          segmentCidrs,
          customerGateways: hybrid.customerGateways,
          directConnectGatewayId: hybrid.directConnectGatewayId,
        }),
      );
    }
  }
}
