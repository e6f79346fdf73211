// The hub in the network account: the organization's Transit Gateway in each region with an environment's VPC,
// its segment route tables, its RAM share and its flow logs, its on-premises side where one is configured and the
// inspection VPC where inspected egress is on, and the IPAM whose pools every VPC's range comes from
// (164.312(a)(1) access control, 164.312(e)(1) transmission security, 164.312(b) audit controls).
import { Construct } from "constructs";
import {
  hubRegions,
  hybridConnected,
  inspectionVpcCidr,
  ipamPoolsInUse,
  networkAccountVpcs,
  reachesOnPremises,
  resolverVpcCidr,
  segmentOf,
  vpcAccountOf,
} from "../src/config/model";
import { subnetPlan } from "../src/config/network-plan";
import { RESOLVER_SEGMENT, resolverName } from "../src/policies/hybrid-network";
import { HybridConnectivity } from "../modules/hybrid-connectivity";
import { IpamAddressPlan, IpamAllocation } from "../modules/ipam-address-plan";
import { InspectionVpc } from "../modules/inspection-vpc";
import { PhiVpc } from "../modules/phi-vpc";
import { INSPECTED_SEGMENTS, inspectionName } from "../src/policies/inspection";
import { NETWORK_ACCOUNT_POOL } from "../src/policies/ipam";
import { ResolverEndpoints } from "../modules/resolver-endpoints";
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
  /** The resolver's endpoints and forwarding rules, where network.hybrid.resolver configures them. */
  resolver?: ResolverEndpoints;
  /** The IPAM, its pools and every VPC's allocation, where network.ipam configures pools. */
  readonly addressPlan?: IpamAddressPlan;

  constructor(scope: Construct, id: string, props: NetworkHubStackProps) {
    const org = props.config.organization;
    super(scope, id, inNetworkAccount(props));
    const segmentCidrs = props.config.environments.map((env) => ({
      segment: segmentOf(env),
      cidr: env.cidr,
    }));
    const hybrid = org.network.hybrid;
    const pools = ipamPoolsInUse(props.config);
    if (pools.length > 0) {
      this.addressPlan = new IpamAddressPlan(this, "ipam", {
        organizationName: org.name,
        operatingRegions: org.regions,
        pools,
        vpcNetmaskLength: org.network.ipam.vpcNetmaskLength,
        allocations: this.allocations(props),
      });
    }
    for (const region of hubRegions(props.config)) {
      const hub = new TransitGatewayHub(this, `hub-${region}`, {
        organizationName: org.name,
        region,
        provider: this.providerFor(region),
        amazonSideAsn: org.network.transitGateway.amazonSideAsn,
        organizationArn: props.organization.organizationArn,
        logArchiveBucketArn: props.logArchive.archive.archiveIn(region).arn,
        segmentCidrs,
      });
      this.hubs.set(region, hub);
      const inspectionCidr = inspectionVpcCidr(props.config);
      if (inspectionCidr && region === org.homeRegion) this.addInspection(props, hub, inspectionCidr);
      if (!hybridConnected(props.config)) continue;
      const onPremises = new HybridConnectivity(this, `hybrid-${region}`, {
        organizationName: org.name,
        provider: this.providerFor(region),
        region,
        accountId: inNetworkAccount(props).accountId,
        keyAdmins: this.keyAdministrators(),
        logRetentionDays: org.logArchive.retentionDays,
        transitGateway: hub.transitGateway,
        segmentTables: hub.routeTables,
        segments: hybrid.segments,
        onPremisesCidrs: hybrid.onPremisesCidrs,
        segmentCidrs,
        customerGateways: hybrid.customerGateways,
        directConnectGatewayId: hybrid.directConnectGatewayId,
        resolverCidr: resolverVpcCidr(props.config),
        inspectionCidr: inspectionVpcCidr(props.config),
      });
      this.hybrid.set(region, onPremises);
      const resolverCidr = resolverVpcCidr(props.config);
      if (resolverCidr && region === org.homeRegion) this.addResolver(props, hub, onPremises, resolverCidr);
    }
  }

  /**
   * Every VPC of the landing zone in the home region with its segment: each environment's, the resolver's and the
   * inspection VPC's (both in the network account, from the shared pool; make validate puts each inside its pool).
   */
  private allocations(props: NetworkHubStackProps): IpamAllocation[] {
    const region = props.config.organization.homeRegion;
    return [
      ...props.config.environments.map((env) => ({
        owner: `environment ${env.name}`,
        segment: segmentOf(env),
        region,
        cidr: env.cidr,
      })),
      ...networkAccountVpcs(props.config).map(({ owner, cidr }) => ({
        owner,
        segment: NETWORK_ACCOUNT_POOL,
        region,
        cidr,
      })),
    ];
  }

  /** The inspection VPC and its place on the hub: every inspected segment's default route goes to it. */
  private addInspection(props: NetworkHubStackProps, hub: TransitGatewayHub, cidr: string): void {
    const org = props.config.organization;
    const archive = props.logArchive.archive.archive;
    const inspection = new InspectionVpc(this, "inspection-vpc", {
      name: inspectionName(org.name),
      cidr,
      transitGatewayId: hub.transitGateway.id,
      environmentCidrs: props.config.environments.map((env) => env.cidr),
      allowedDomains: org.network.inspection.allowedDomains,
      logArchiveBucketArn: archive.arn,
      logArchiveBucketName: archive.bucket.bucket,
    });
    hub.addInspection(org.name, inspection.attachment.id, INSPECTED_SEGMENTS, cidr);
  }

  /**
   * The resolver VPC (the landing zone's VPC construct, so its flow logs, query logs, closed default group and NACL
   * are a PHI VPC's) in the shared segment, routing only to on-premises, and its endpoints; the forwarding rules are
   * shared with the accounts of every environment whose segment reaches on-premises.
   */
  private addResolver(
    props: NetworkHubStackProps,
    hub: TransitGatewayHub,
    onPremises: HybridConnectivity,
    cidr: string,
  ): void {
    const org = props.config.organization;
    const hybrid = org.network.hybrid;
    const name = resolverName(org.name);
    const vpc = new PhiVpc(this, "resolver-vpc", {
      namePrefix: name,
      cidr,
      subnets: subnetPlan(cidr, 2, false),
      region: org.homeRegion,
      interfaceEndpoints: [],
      organizationId: props.organization.organizationId,
      logArchiveBucketArn: props.logArchive.archive.archive.arn,
      purpose: "dns",
      hub: {
        transitGatewayId: hub.transitGateway.id,
        segment: RESOLVER_SEGMENT,
        reachableCidrs: hybrid.onPremisesCidrs,
      },
    });
    onPremises.attachResolverVpc(vpc.hubAttachment!.id, hub.routeTables.get(RESOLVER_SEGMENT)!);
    const network = org.coreAccounts.network;
    const users = props.config.environments
      .filter((env) => reachesOnPremises(props.config, segmentOf(env)))
      .map(vpcAccountOf)
      .filter((account, i, all) => account !== network && all.indexOf(account) === i);
    this.resolver = new ResolverEndpoints(this, "resolver", {
      name,
      vpcId: vpc.vpc.id,
      subnetIds: vpc.privateSubnets.map((s) => s.id),
      onPremisesCidrs: hybrid.onPremisesCidrs,
      forwardingRules: hybrid.resolver.forwardingRules,
      inboundEndpoint: hybrid.resolver.inboundEndpoint,
      shareWith: users.map((account) => ({
        name: account,
        accountId: props.organization.accountId(account),
      })),
    });
  }
}
