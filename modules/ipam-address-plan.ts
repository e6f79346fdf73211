// The organization's address plan in the network account: an IPAM operating in every governed region with a pool
// per hub segment and region (its CIDR provisioned), and an allocation in its segment's pool for every VPC of the
// landing zone, so IPAM never hands an environment's range to another VPC
// (164.312(a)(1) access control, 164.312(e)(1) transmission security: segments apart need ranges apart).
import { Construct } from "constructs";
import { VpcIpam } from "@cdktf/provider-aws/lib/vpc-ipam";
import { VpcIpamPool } from "@cdktf/provider-aws/lib/vpc-ipam-pool";
import { VpcIpamPoolCidr } from "@cdktf/provider-aws/lib/vpc-ipam-pool-cidr";
import { VpcIpamPoolCidrAllocation } from "@cdktf/provider-aws/lib/vpc-ipam-pool-cidr-allocation";
import { LARGEST_VPC_PREFIX, SMALLEST_VPC_PREFIX } from "../src/config/network-plan";
import { RESOLVER_VPC_PREFIXES } from "../src/policies/hybrid-network";
import { INSPECTION_VPC_PREFIXES } from "../src/policies/inspection";

/**
 * The smallest range a pool allocates: an environment's VPC goes down to /22, the network account's resolver and
 * inspection VPCs to /24, and AWS holds allocations to the pool's netmask rules (IPAM_DOCS.allocate).
 */
const SMALLEST_ALLOCATION_PREFIX = Math.max(
  SMALLEST_VPC_PREFIX,
  RESOLVER_VPC_PREFIXES.smallest,
  INSPECTION_VPC_PREFIXES.smallest,
);
import { IpamPool } from "../src/config/model";
import { ipamName, ipamPoolName } from "../src/policies/ipam";
import { Segment, SEGMENT_TAG } from "../src/policies/transit-gateway";

/** One VPC's range, reserved in its segment's pool in its region. */
export interface IpamAllocation {
  /** Who holds it, the allocation's construct ID and description: `environment prod`, `resolver`. */
  readonly owner: string;
  readonly segment: Segment;
  readonly region: string;
  readonly cidr: string;
}

export interface IpamAddressPlanProps {
  /** The organization's name, the start of every name here. */
  readonly organizationName: string;
  /** Where the IPAM watches for VPCs: every governed region (the provider's region among them). */
  readonly operatingRegions: readonly string[];
  /** The pools, one per segment and region (network.ipam.pools). */
  readonly pools: readonly IpamPool[];
  /** The prefix length an allocation takes when none is asked for (network.ipam.vpcNetmaskLength). */
  readonly vpcNetmaskLength: number;
  /** The VPCs' ranges; validation has put each inside its segment's pool in its region. */
  readonly allocations: readonly IpamAllocation[];
}

/** The IPAM, its pools and the landing zone's allocations. */
export class IpamAddressPlan extends Construct {
  readonly ipam: VpcIpam;
  /** Each pool, by `segment/region`. */
  readonly pools = new Map<string, VpcIpamPool>();

  constructor(scope: Construct, id: string, props: IpamAddressPlanProps) {
    super(scope, id);
    const name = ipamName(props.organizationName);
    // The Advanced tier: private-scope pools, pools in regions other than the IPAM's own, and monitoring the
    // organization's accounts are not in the Free tier (IPAM_DOCS.tiers).
    this.ipam = new VpcIpam(this, "ipam", {
      description: `${props.organizationName} address plan`,
      tier: "advanced",
      operatingRegions: props.operatingRegions.map((regionName) => ({ regionName })),
      tags: { Name: name },
    });
    const poolCidrs = new Map<string, VpcIpamPoolCidr>();
    for (const pool of props.pools) {
      const key = `${pool.segment}/${pool.region}`;
      const poolName = ipamPoolName(props.organizationName, pool.segment, pool.region);
      // A pool per segment and region, its locale the region: a VPC takes a range only from a pool whose locale
      // is its own region (IPAM_DOCS.topLevelPool). Allocations are held to the VPC prefixes make validate allows;
      // nothing is imported automatically (IPAM_DOCS.planning), so only the allocations below hold ranges.
      const ipamPool = new VpcIpamPool(this, `pool-${pool.segment}-${pool.region}`, {
        addressFamily: "ipv4",
        ipamScopeId: this.ipam.privateDefaultScopeId,
        locale: pool.region,
        description: `${pool.segment} VPCs in ${pool.region}`,
        allocationMinNetmaskLength: LARGEST_VPC_PREFIX,
        allocationMaxNetmaskLength: SMALLEST_ALLOCATION_PREFIX,
        allocationDefaultNetmaskLength: props.vpcNetmaskLength,
        autoImport: false,
        tags: { Name: poolName, [SEGMENT_TAG]: pool.segment },
      });
      this.pools.set(key, ipamPool);
      poolCidrs.set(
        key,
        new VpcIpamPoolCidr(this, `pool-${pool.segment}-${pool.region}-cidr`, {
          ipamPoolId: ipamPool.id,
          cidr: pool.cidr,
        }),
      );
    }
    // Each VPC's range allocated by hand in its pool: AllocateIpamPoolCidr never hands out a range that overlaps
    // another allocation of the pool, so it is never given again (IPAM_DOCS.manualAllocation). The VPCs keep their
    // own cidr_block, so turning the plan on replaces no VPC; IPAM lists them as unmanaged resources. Whether its
    // overlap monitoring compares a VPC with a manual allocation (rather than with other VPCs) is not on AWS's page.
    for (const allocation of props.allocations) {
      const key = `${allocation.segment}/${allocation.region}`;
      const pool = this.pools.get(key);
      if (!pool) throw new Error(`${this.node.path}: allocations: no pool ${key} for ${allocation.owner}`);
      new VpcIpamPoolCidrAllocation(this, `allocation-${allocation.owner.replace(/ /g, "-")}`, {
        ipamPoolId: pool.id,
        cidr: allocation.cidr,
        description: allocation.owner,
        dependsOn: [poolCidrs.get(key)!],
      });
    }
  }
}
