// IPv4 CIDR arithmetic for validating PHI VPC ranges (164.312(e)(1) transmission security: PHI networks must be
// private and must not overlap, or peering and routing between environments becomes ambiguous).

/** A parsed IPv4 CIDR block: its first address as an unsigned 32-bit number and its prefix length. */
export interface Cidr {
  /** The network address as an unsigned 32-bit integer. */
  readonly base: number;
  /** The prefix length, 0-32. */
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when the text is not an IPv4 CIDR. Host bits are kept as written. */
export function parseCidr(text: string): Cidr | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return { base, prefix };
}

/** The number of addresses the block holds. */
export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** True when the address has no bits set below the prefix (10.0.0.0/16, not 10.0.1.0/16). */
export function isNetworkAligned(cidr: Cidr): boolean {
  return cidr.base % cidrSize(cidr) === 0;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const aEnd = a.base + cidrSize(a) - 1;
  const bEnd = b.base + cidrSize(b) - 1;
  return a.base <= bEnd && b.base <= aEnd;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    inner.base >= outer.base &&
    inner.base + cidrSize(inner) <= outer.base + cidrSize(outer)
  );
}

/** RFC 1918 private ranges and the RFC 6598 shared range, which AWS allows for VPCs. */
export const PRIVATE_RANGES: readonly string[] = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
];

/** True when the block lies inside one of the private ranges. */
export function isPrivateCidr(cidr: Cidr): boolean {
  return PRIVATE_RANGES.some((range) => cidrContains(parseCidr(range) as Cidr, cidr));
}

/** Formats a block as `a.b.c.d/n`. */
export function formatCidr(cidr: Cidr): string {
  const b = cidr.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${cidr.prefix}`;
}

/** The `index`-th block of `newBits` more prefix bits inside `vpc` (Terraform's cidrsubnet). */
export function subnetOf(vpc: Cidr, newBits: number, index: number): Cidr {
  const prefix = vpc.prefix + newBits;
  if (prefix > 32 || index < 0 || index >= 2 ** newBits) {
    throw new Error(`no subnet ${index} of /${prefix} in /${vpc.prefix}`);
  }
  return { base: (vpc.base + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

/** A CIDR as a construct ID fragment: 10.20.0.0/16 becomes 10-20-0-0-16 (stable: IDs name real resources). */
export function cidrSlug(cidr: string): string {
  return cidr.replace(/[./]/g, "-");
}

/**
 * The first block of `prefix` inside `pool`, in address order, that overlaps none of `taken`: the range IPAM would
 * hand out next from a pool whose allocations are `taken`. Undefined when the pool has no such block left.
 */
export function nextFreeBlock(pool: Cidr, prefix: number, taken: readonly Cidr[]): Cidr | undefined {
  if (prefix < pool.prefix || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  for (let base = pool.base; base + size <= pool.base + cidrSize(pool); base += size) {
    const block = { base: base >>> 0, prefix };
    if (!taken.some((range) => cidrsOverlap(range, block))) return block;
  }
  return undefined;
}
