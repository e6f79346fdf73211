// Route 53 Resolver DNS Firewall on every PHI VPC: lookups of domains on AWS's managed threat lists (malware,
// botnet command and control, the aggregate threat list, GuardDuty's threat list) are blocked before an answer
// leaves the Resolver (164.308(a)(5)(ii)(B) protection from malicious software, 164.312(e)(1) transmission
// security), and each block lands in the VPC's existing query log (164.312(b) audit controls).

/** AWS's pages the firewall follows, cited where each setting is written. */
export const DNS_FIREWALL_DOCS = {
  overview: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall.html",
  managedLists:
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-managed-domain-lists.html",
  ruleActions:
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-actions.html",
  failOpen:
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-vpc-configuration.html",
  associations:
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-vpc-associating-rule-group.html",
  queryLogs: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logs-format.html",
  actions:
    "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53resolver.html",
  pricing: "https://aws.amazon.com/route53/pricing/",
} as const;

/**
 * The AWS managed domain lists every PHI VPC's rule group blocks, in rule order (DNS_FIREWALL_DOCS.managedLists).
 * AWS keeps them current; the landing zone only names them.
 */
export const BLOCKED_MANAGED_DOMAIN_LISTS = [
  "AWSManagedDomainsMalwareDomainList",
  "AWSManagedDomainsBotnetCommandandControl",
  "AWSManagedDomainsAggregateThreatList",
  "AWSManagedDomainsAmazonGuardDutyThreatList",
] as const;

export type ManagedDomainListName = (typeof BLOCKED_MANAGED_DOMAIN_LISTS)[number];

/** A domain list's ID as the Resolver API returns it. */
export const DOMAIN_LIST_ID_PATTERN = /^rslvr-fdl-[0-9a-f]{8,32}$/;

/**
 * The managed lists' IDs by region. AWS publishes the lists' names, not their IDs, and provider 5.100 has no lookup
 * by name (hashicorp/terraform-provider-aws#21020), so the IDs are data: this table is read from
 * elduds/terraform-aws-route53-firewall-domainlists (all_lists.json, commit 2260639, which lists them with
 * ListFirewallDomainLists), not from an AWS page. A wrong ID should fail the apply (CreateFirewallRule lists
 * ResourceNotFoundException; not tried on AWS); `network.dnsFirewall.managedDomainListIds` replaces a region's entry, and
 * `aws route53resolver list-firewall-domain-lists --region <r>` in any account prints the real ones.
 */
export const MANAGED_DOMAIN_LIST_IDS: Readonly<
  Record<string, Readonly<Record<ManagedDomainListName, string>>>
> = {
  "us-east-1": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-2c46f2ecbfec4dcc",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-aa970e9eb1ca4777",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-15f4860b1ad54ead",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-984dae9d8bac4e2b",
  },
  "us-east-2": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-19f9b4c730a14748",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-3c30dcb4c50b4401",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-bbc798062d594728",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-996a2e1ce1314abb",
  },
  "us-west-1": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-9d577f4576e54ab7",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-1f6c57357d4d47c9",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-d2a6edeaa3b04a8a",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-1e9ab4960ee4f9a",
  },
  "us-west-2": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-fe17696f22a445f6",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-c80983a1f0284c99",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-d252ee1944404e15",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-23584f0fb4c24ebb",
  },
  "ca-central-1": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-a81620624a514ced",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-2ce5306fddeb4dfd",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-46d873be30464a06",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-181528f01d8f4134",
  },
  "eu-central-1": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-d81c6f509bef4d49",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-1e3b46ad48844225",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-54a2c1ef5b014042",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-f5447e97782f4746",
  },
  "eu-west-1": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-7aba603e4cc343fd",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-fad18de921a64bfa",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-a88f2f26cc6a4296",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-2f416a2435da4ee6",
  },
  "eu-west-2": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-4fc4edfc63854751",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-3268f74d91fe418f",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-4e96d4ce77f466b",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-876a86d96f294739",
  },
  "eu-west-3": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-31cbb811909748dc",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-2d71f72512345cb",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-6002172db5fc4cab",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-66d3dfe2b4234c4e",
  },
  "eu-north-1": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-19c22a22cc624ad7",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-bd383ec1cede45cc",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-17764a248c141e9",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-9cfbbf8059454500",
  },
  "ap-south-1": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-cb11fc50eaef4bad",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-c6afb679f51946cd",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-d1159fcdd6b942cf",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-3d348983c03d44a1",
  },
  "ap-northeast-1": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-dc19e97bef3c454a",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-1a63d8549cca46e6",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-103b4302c274455e",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-3ba9acb851c04c45",
  },
  "ap-northeast-2": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-6301b5257e0c4210",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-e8d1e969ad484741",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-1997a3cdd61a4f2a",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-19615996f5c5490f",
  },
  "ap-northeast-3": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-7fc34ef9e9ea468b",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-c708707d5d6e4359",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-2e57899062984ed1",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-4bf13df37a441bc",
  },
  "ap-southeast-1": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-cc92cf0f3482427c",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-2ff056c2bf334345",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-49099fd7fc3d4853",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-b1c1d04c32194010",
  },
  "ap-southeast-2": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-73ed798ec0d14b61",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-eac509f599e640b6",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-9be336ef32844e5",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-266fd908c38f42d5",
  },
  "sa-east-1": {
    AWSManagedDomainsMalwareDomainList: "rslvr-fdl-83ca12c0855d49ab",
    AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-946e512cb7624fd5",
    AWSManagedDomainsAggregateThreatList: "rslvr-fdl-5d3faeb3ed7a4492",
    AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-154a50443f004ad4",
  },
};

/** Where the firewall fails closed when it cannot answer: `phi` environments only, `all`, or `none`. */
export const DNS_FIREWALL_FAIL_CLOSED = ["phi", "all", "none"] as const;

/** How a blocked lookup is answered (DNS_FIREWALL_DOCS.ruleActions). */
export const DNS_FIREWALL_BLOCK_RESPONSES = ["NODATA", "NXDOMAIN"] as const;

/**
 * The landing zone's rule group is associated first: DNS Firewall evaluates a VPC's rule groups from the lowest
 * priority number, and the first matching rule decides (DNS_FIREWALL_DOCS.overview), so a group associated later (an
 * ALLOW for a domain) is evaluated only after these blocks. The API reference gives 100 to 9900 and CloudFormation
 * "excluding 100 and 9900"; AWS answers 100 with "The priority value you provided is reserved"
 * (hashicorp/terraform-provider-aws#43694), so 101 is the first a rule group can take. Nobody but the pipeline may
 * associate a group anyway (DNS_FIREWALL_PROTECTED_ACTIONS).
 */
export const LANDING_ZONE_ASSOCIATION_PRIORITY = 101;

/** Rule priorities inside the landing zone's group, one per managed list in BLOCKED_MANAGED_DOMAIN_LISTS order. */
export function blockRulePriority(index: number): number {
  return (index + 1) * 100;
}

/** The rule group's name in an environment's VPC account. */
export function dnsFirewallRuleGroupName(organization: string, environment: string): string {
  return `${organization}-${environment}-dns-firewall`;
}

/** Whether an environment's VPC fails closed: no answer at all when DNS Firewall cannot evaluate a query. */
export function failsClosed(setting: (typeof DNS_FIREWALL_FAIL_CLOSED)[number], phi: boolean): boolean {
  return setting === "all" || (setting === "phi" && phi);
}

/**
 * The calls that would switch DNS Firewall off for a VPC or quietly narrow it: removing or reordering the landing
 * zone's association, failing open, editing or deleting its rules or group, associating a group or a Route 53
 * Profile ahead of it, sharing a group, pointing a VPC at another DNS server, and removing the query log that
 * records what it blocks. Each takes a resource whose ARN carries an ID, not a name (DNS_FIREWALL_DOCS.actions),
 * so the guardrail names the actions on every resource.
 */
export const DNS_FIREWALL_PROTECTED_ACTIONS = [
  "route53resolver:AssociateFirewallRuleGroup",
  "route53resolver:DisassociateFirewallRuleGroup",
  "route53resolver:UpdateFirewallRuleGroupAssociation",
  "route53resolver:UpdateFirewallConfig",
  "route53resolver:CreateFirewallRule",
  "route53resolver:UpdateFirewallRule",
  "route53resolver:DeleteFirewallRule",
  "route53resolver:DeleteFirewallRuleGroup",
  "route53resolver:PutFirewallRuleGroupPolicy",
  "route53resolver:DisassociateResolverQueryLogConfig",
  "route53resolver:DeleteResolverQueryLogConfig",
  // A Route 53 Profile carries rule groups of its own into a VPC, at priorities of its own.
  "route53profiles:AssociateProfile",
  "route53profiles:AssociateResourceToProfile",
  // A DHCP options set naming another DNS server takes a VPC's lookups past Resolver, the firewall and the log.
  "ec2:AssociateDhcpOptions",
] as const;
