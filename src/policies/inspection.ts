// Inspected egress: the one path from the environments' VPCs to the internet, through the network account's
// inspection VPC, where AWS Network Firewall lets out only TLS and HTTP to allow-listed domains and drops and logs
// everything else (164.312(e)(1) transmission security, 164.312(b) audit controls, 164.308(a)(5)(ii)(B) protection
// from malicious software). One table of facts the inspection VPC, the hub, the validation and the rules read.
import { Segment, SEGMENTS } from "./transit-gateway";

/** AWS's pages the inspection path follows, cited where each setting is written. */
export const INSPECTION_DOCS = {
  architecture: "https://docs.aws.amazon.com/network-firewall/latest/developerguide/arch-two-zone-igw.html",
  centralizedEgress:
    "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-egress-to-internet.html",
  applianceMode:
    "https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html",
  domainLists:
    "https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html",
  capacity:
    "https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-rule-group-capacity.html",
  strictOrder:
    "https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html",
  logging: "https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging.html",
  actions: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsnetworkfirewall.html",
  pricing: "https://aws.amazon.com/network-firewall/pricing/",
} as const;

/**
 * The hub route table the inspection VPC's attachment is associated with, tagged like a segment's (SEGMENT_TAG):
 * it learns every environment, so replies from the internet find their way back.
 */
export const INSPECTION_TABLE = "inspection";

/** The inspection route table's name. */
export function inspectionRouteTableName(organization: string): string {
  return `${organization}-${INSPECTION_TABLE}`;
}

/** The inspection VPC's and firewall's name. */
export function inspectionName(organization: string): string {
  return `${organization}-inspection`;
}

/** The segments whose tables send 0.0.0.0/0 to the inspection VPC: every environment's, never on-premises'. */
export const INSPECTED_SEGMENTS: readonly Segment[] = SEGMENTS;

/** The default route the segments' tables and the environments' VPCs send to the hub. */
export const DEFAULT_ROUTE = "0.0.0.0/0";

/**
 * The inspection VPC's subnet tiers, one subnet per zone each: the hub's attachment, the firewall's endpoints, and
 * the NAT gateways with the internet gateway's route, tagged Tier=egress like an environment's egress tier
 * (INSPECTION_DOCS.centralizedEgress).
 */
export const INSPECTION_TIERS = ["attachment", "firewall", "egress"] as const;
export type InspectionTier = (typeof INSPECTION_TIERS)[number];

/** Zones the inspection VPC spans: a firewall endpoint and a NAT gateway in each. */
export const INSPECTION_ZONES = 2;

/** The inspection VPC's largest and smallest prefix: /24 still gives each of six subnets a /27. */
export const INSPECTION_VPC_PREFIXES = { largest: 16, smallest: 24 } as const;

/**
 * The stateful engine's settings: rules in the order written, and anything no rule passes dropped once the
 * connection is established (so the TLS SNI or HTTP host can be read first) and alerted
 * (INSPECTION_DOCS.strictOrder).
 */
export const STATEFUL_RULE_ORDER = "STRICT_ORDER";
export const STATEFUL_DEFAULT_ACTIONS = ["aws:drop_established", "aws:alert_established"] as const;

/** The stateless engine hands every packet and fragment to the stateful engine. */
export const STATELESS_DEFAULT_ACTIONS = ["aws:forward_to_sfe"] as const;

/** The firewall's log types sent to the archive: each alert (drops included) and every flow. */
export const FIREWALL_LOG_TYPES = ["ALERT", "FLOW"] as const;

/** A domain the allow-list takes: a name, or a leading dot for the name and every subdomain. */
export const ALLOWED_DOMAIN_PATTERN = /^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * The calls that would open a way around the allow-list or blind its log: changing or deleting the firewall, its
 * policy, its rule groups, its subnets or its logging. Network Firewall's ARNs name resources the pipeline creates
 * by name, but the guardrail keeps one statement for all: every resource (INSPECTION_DOCS.actions).
 */
export const INSPECTION_PROTECTED_ACTIONS = [
  "network-firewall:UpdateFirewallPolicy",
  "network-firewall:UpdateRuleGroup",
  "network-firewall:DeleteFirewall",
  "network-firewall:DeleteFirewallPolicy",
  "network-firewall:DeleteRuleGroup",
  "network-firewall:AssociateFirewallPolicy",
  "network-firewall:AssociateSubnets",
  "network-firewall:DisassociateSubnets",
  "network-firewall:UpdateLoggingConfiguration",
  "network-firewall:UpdateFirewallDeleteProtection",
  "network-firewall:UpdateSubnetChangeProtection",
  "network-firewall:UpdateFirewallPolicyChangeProtection",
] as const;

/**
 * The allow-list rule group's capacity: "fixed at creation ... leave room for it to grow" (INSPECTION_DOCS.capacity),
 * so one value that never changes (a change would replace the group while the policy still names it).
 */
export const ALLOW_LIST_CAPACITY = 1000;

/**
 * The most domains the allow-list takes: each generates a rule per target type (TLS SNI, HTTP Host), within
 * ALLOW_LIST_CAPACITY with room to spare. The per-rule cost of a domain list is not on AWS's page; the
 * `CreateRuleGroup` dry run reports it.
 */
export const MAX_ALLOWED_DOMAINS = 250;
