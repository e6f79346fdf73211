// Checks of the address plan (network.ipam): every pool a private, aligned range in a governed region that overlaps
// no other pool and no on-premises range, and every VPC of the landing zone inside its segment's pool in the home
// region, so IPAM can allocate each its range and never hand it to another VPC (164.312(a)(1) access control,
// 164.312(e)(1) transmission security: a range two segments share would make the wall between them ambiguous).
import {
  cidrContains,
  cidrsOverlap,
  Cidr,
  isNetworkAligned,
  isPrivateCidr,
  parseCidr,
  PRIVATE_RANGES,
} from "../cidr";
import { homePool, IpamPool, ipamPools, NetworkAccountVpc, networkAccountVpcs } from "../model";
import { ConfigIssue } from "../errors";
import { IPAM_DOCS, NETWORK_ACCOUNT_POOL, WIDEST_POOL_PREFIX } from "../../policies/ipam";
import { Segment } from "../../policies/transit-gateway";
import { EnvironmentSource, IssueList, list, OrganizationSource } from "./sources";

/** Where each of the network account's VPCs has its range in organization.yaml. */
const NETWORK_ACCOUNT_VPC_PATHS: Readonly<Record<NetworkAccountVpc["owner"], readonly string[]>> = {
  resolver: ["network", "hybrid", "resolver", "cidr"],
  inspection: ["network", "inspection", "cidr"],
};

/** Where a pool is written in organization.yaml. */
function poolPath(segment: Segment, region: string): string[] {
  return ["network", "ipam", "pools", segment, region];
}

/**
 * A pool as the messages name it: `the prod pool of us-east-1 (10.0.0.0/12, network.ipam.pools.prod.us-east-1)`,
 * with the file it is written in when the message is another file's.
 */
function poolLabel(pool: IpamPool, file?: string): string {
  const where = `${poolPath(pool.segment, pool.region).join(".")}${file ? ` in ${file}` : ""}`;
  return `the ${pool.segment} pool of ${pool.region} (${pool.cidr}, ${where})`;
}

/** The pools belong to the hub's segments: without the hub there is no segment to give a range. */
function checkIpamNeedsHub(source: OrganizationSource, out: IssueList): void {
  const network = source.organization.network;
  const pools = ipamPools(source.organization);
  if (network.transitGateway.enabled || pools.length === 0) return;
  out.add(
    ["network", "ipam", "pools"],
    [...new Set(pools.map((p) => p.segment))],
    `expected network.transitGateway.enabled: true: the pools are the address plan of the hub's segments (${IPAM_DOCS.planning})`,
  );
}

/**
 * Each pool is a network address, private, from /8 to the VPCs' prefix (a narrower pool holds no VPC), in a
 * governed region (the IPAM operates only there), and overlaps no earlier pool and no on-premises range: a range
 * in two pools could be allocated twice.
 */
function checkPoolRanges(source: OrganizationSource, out: IssueList): void {
  const org = source.organization;
  const { vpcNetmaskLength } = org.network.ipam;
  const earlier: Array<{ pool: IpamPool; cidr: Cidr }> = [];
  for (const pool of ipamPools(org)) {
    const path = poolPath(pool.segment, pool.region);
    if (!org.regions.includes(pool.region))
      out.add(path, pool.region, `expected a governed region (regions: ${list(org.regions)})`);
    const cidr = parseCidr(pool.cidr) as Cidr; // the schema has already refused anything unparseable
    if (!isNetworkAligned(cidr)) {
      // Its range is not what it says: the checks below would judge a block nobody meant.
      out.add(path, pool.cidr, `expected a network address with no host bits set for /${cidr.prefix}`);
      continue;
    }
    if (cidr.prefix < WIDEST_POOL_PREFIX || cidr.prefix > vpcNetmaskLength)
      out.add(
        path,
        pool.cidr,
        `expected a prefix from /${WIDEST_POOL_PREFIX} to /${vpcNetmaskLength} (network.ipam.vpcNetmaskLength): a narrower pool holds no VPC`,
      );
    if (!isPrivateCidr(cidr))
      out.add(path, pool.cidr, `expected a private range (${PRIVATE_RANGES.join(", ")})`);
    for (const seen of earlier)
      if (cidrsOverlap(seen.cidr, cidr))
        out.add(path, pool.cidr, `expected a range that does not overlap ${poolLabel(seen.pool)}`);
    org.network.hybrid.onPremisesCidrs.forEach((text, index) => {
      const range = parseCidr(text);
      if (range && cidrsOverlap(range, cidr))
        out.add(
          path,
          pool.cidr,
          `expected a range that does not overlap network.hybrid.onPremisesCidrs[${index}] (${text}): on-premises addresses are not the VPCs' to take`,
        );
    });
    earlier.push({ pool, cidr });
  }
}

/**
 * `cidr`, a VPC of `segment` in the home region, lies inside that segment's pool there: else `outside` says which
 * pool (naming organization.yaml when `elsewhere`, the message being an environment file's), or the missing pool
 * is named where it would be written.
 */
function checkInPool(
  source: OrganizationSource,
  segment: Segment,
  cidr: string,
  owner: string,
  outside: (message: string) => void,
  orgOut: IssueList,
  elsewhere = false,
): void {
  const org = source.organization;
  const pool = homePool(org, segment);
  if (!pool) {
    orgOut.note(
      poolPath(segment, org.homeRegion),
      `expected the ${segment} segment's pool in ${org.homeRegion}, where ${owner} is: with an address plan every VPC of the landing zone takes its range from its segment's pool (${IPAM_DOCS.allocate})`,
    );
    return;
  }
  const range = parseCidr(cidr);
  const poolRange = parseCidr(pool.cidr);
  if (range && poolRange && !cidrContains(poolRange, range))
    outside(
      `expected a range inside ${poolLabel(pool, elsewhere ? source.file : undefined)}: the IPAM allocates every VPC's range from its segment's pool, so no other VPC is ever given it (${IPAM_DOCS.allocate})`,
    );
}

/**
 * Every environment's CIDR lies inside its segment's pool in the home region, and so do the network account's own
 * VPCs (the resolver's and the inspection VPC, which the shared pool holds).
 */
function checkVpcsInPools(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): ConfigIssue[] {
  const org = source.organization;
  if (!org.network.transitGateway.enabled || ipamPools(org).length === 0) return [];
  const envIssues: ConfigIssue[] = [];
  for (const { config: env, file } of environments) {
    const segment = env.network.segment;
    if (segment === undefined) continue; // checkSegments asks for it
    const envOut = new IssueList(file);
    checkInPool(
      source,
      segment,
      env.cidr,
      `environment ${env.name}'s VPC (${file})`,
      (message) => envOut.add(["cidr"], env.cidr, message),
      out,
      true,
    );
    envIssues.push(...envOut.issues);
  }
  for (const { owner, cidr } of networkAccountVpcs(source))
    checkInPool(
      source,
      NETWORK_ACCOUNT_POOL,
      cidr,
      `the ${owner} VPC`,
      (message) => out.add(NETWORK_ACCOUNT_VPC_PATHS[owner], cidr, message),
      out,
    );
  return envIssues;
}

/** Every problem of the address plan. */
export function ipamIssues(source: OrganizationSource, environments: readonly EnvironmentSource[]) {
  const out = new IssueList(source.file);
  checkIpamNeedsHub(source, out);
  checkPoolRanges(source, out);
  const envIssues = checkVpcsInPools(source, environments, out);
  return [...out.issues, ...envIssues];
}
