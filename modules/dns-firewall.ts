// Route 53 Resolver DNS Firewall on one VPC: a rule group blocking the domains on AWS's managed threat lists,
// associated ahead of any other group, and the VPC's fail-closed setting (164.308(a)(5)(ii)(B) protection from
// malicious software, 164.312(e)(1) transmission security); each block lands in the VPC's DNS query log
// (164.312(b) audit controls: the query log records firewall_rule_action for blocks, DNS_FIREWALL_DOCS.queryLogs).
import { Construct } from "constructs";
import { Route53ResolverFirewallConfig } from "@cdktf/provider-aws/lib/route53-resolver-firewall-config";
import { Route53ResolverFirewallRule } from "@cdktf/provider-aws/lib/route53-resolver-firewall-rule";
import { Route53ResolverFirewallRuleGroup } from "@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group";
import { Route53ResolverFirewallRuleGroupAssociation } from "@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association";
import {
  BLOCKED_MANAGED_DOMAIN_LISTS,
  blockRulePriority,
  DNS_FIREWALL_BLOCK_RESPONSES,
  LANDING_ZONE_ASSOCIATION_PRIORITY,
  ManagedDomainListName,
} from "../src/policies/dns-firewall";

export interface DnsFirewallProps {
  /** The rule group's and association's name, e.g. example-health-prod-dns-firewall. */
  readonly name: string;
  /** The VPC the rule group is associated with. */
  readonly vpcId: string;
  /** The managed domain lists' IDs in the VPC's region (managedDomainListIds). */
  readonly domainListIds: Readonly<Record<ManagedDomainListName, string>>;
  /** How a blocked lookup is answered. */
  readonly blockResponse: (typeof DNS_FIREWALL_BLOCK_RESPONSES)[number];
  /**
   * Whether a lookup the firewall cannot evaluate goes unanswered (SERVFAIL) rather than unfiltered. Closed is AWS's
   * own default and "favors security over availability" (DNS_FIREWALL_DOCS.failOpen).
   */
  readonly failClosed: boolean;
}

/** The VPC's DNS Firewall. */
export class DnsFirewall extends Construct {
  readonly ruleGroup: Route53ResolverFirewallRuleGroup;
  readonly association: Route53ResolverFirewallRuleGroupAssociation;

  constructor(scope: Construct, id: string, props: DnsFirewallProps) {
    super(scope, id);
    this.ruleGroup = new Route53ResolverFirewallRuleGroup(this, "rule-group", {
      name: props.name,
      tags: { Name: props.name },
    });
    // One BLOCK rule per managed list: the first matching rule decides and ends the evaluation
    // (DNS_FIREWALL_DOCS.overview), and BLOCK requires a block response (API_route53resolver_CreateFirewallRule).
    BLOCKED_MANAGED_DOMAIN_LISTS.forEach((list, index) => {
      new Route53ResolverFirewallRule(this, `block-${list}`, {
        name: `block-${list}`,
        firewallRuleGroupId: this.ruleGroup.id,
        firewallDomainListId: props.domainListIds[list],
        priority: blockRulePriority(index),
        action: "BLOCK",
        blockResponse: props.blockResponse,
      });
    });
    // Priority 101, the first a rule group can take (LANDING_ZONE_ASSOCIATION_PRIORITY): evaluated before any other.
    this.association = new Route53ResolverFirewallRuleGroupAssociation(this, "association", {
      name: props.name,
      firewallRuleGroupId: this.ruleGroup.id,
      vpcId: props.vpcId,
      priority: LANDING_ZONE_ASSOCIATION_PRIORITY,
      tags: { Name: props.name },
    });
    // DISABLED fail-open is fail-closed: Resolver answers SERVFAIL when DNS Firewall cannot reply.
    new Route53ResolverFirewallConfig(this, "config", {
      resourceId: props.vpcId,
      firewallFailOpen: props.failClosed ? "DISABLED" : "ENABLED",
    });
  }
}
