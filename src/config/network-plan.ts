// The subnet plan of a PHI VPC, derived from its CIDR by code so nobody hand-writes subnet lists
// (164.312(e)(1) transmission security: PHI tiers are private; an egress tier exists only when asked for).
import { formatCidr, parseCidr, subnetOf } from "./cidr";

/** The largest PHI VPC prefix: a /22 leaves room for private subnets in several AZs plus endpoints. */
export const SMALLEST_VPC_PREFIX = 22;
/** AWS's largest VPC CIDR is a /16. */
export const LARGEST_VPC_PREFIX = 16;

/** The subnets of one VPC: one private subnet per zone, and one egress subnet per zone when egress is on. */
export interface SubnetPlan {
  /** Private subnets, one per availability zone, in zone order. */
  readonly private: readonly string[];
  /** Egress-tier (public) subnets for NAT gateways, one per zone; empty without egress. */
  readonly egress: readonly string[];
}

/**
 * Splits the VPC into equal blocks, enough for two tiers in every zone, so an egress tier can be added later
 * without renumbering the private subnets: private subnet i is block i, egress subnet i is block `zones + i`.
 */
export function subnetPlan(vpcCidr: string, zones: number, egress: boolean): SubnetPlan {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`not a CIDR: ${vpcCidr}`);
  const newBits = Math.ceil(Math.log2(zones * 2));
  const block = (index: number) => formatCidr(subnetOf(vpc, newBits, index));
  return {
    private: Array.from({ length: zones }, (_, i) => block(i)),
    egress: egress ? Array.from({ length: zones }, (_, i) => block(zones + i)) : [],
  };
}
