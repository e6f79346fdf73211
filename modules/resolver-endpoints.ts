// Route 53 Resolver endpoints between on-premises DNS and the environments' VPCs, in the network account's resolver
// VPC: an outbound endpoint with a forwarding rule per configured on-premises domain, shared through AWS RAM with
// only the accounts whose VPCs use them, and an inbound endpoint on-premises DNS forwards to (it answers what the resolver VPC resolves)
// (164.312(a)(1) access control, 164.312(e)(1) transmission security: DNS only, to and from on-premises only).
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RamPrincipalAssociation } from "@cdktf/provider-aws/lib/ram-principal-association";
import { RamResourceAssociation } from "@cdktf/provider-aws/lib/ram-resource-association";
import { RamResourceShare } from "@cdktf/provider-aws/lib/ram-resource-share";
import { Route53ResolverEndpoint } from "@cdktf/provider-aws/lib/route53-resolver-endpoint";
import { Route53ResolverRule } from "@cdktf/provider-aws/lib/route53-resolver-rule";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { DNS_PORT, domainSlug } from "../src/policies/hybrid-network";

/** One forwarding rule, as the configuration names it. */
export interface ForwardingRuleSpec {
  /** The on-premises domain. */
  readonly domain: string;
  /** The on-premises DNS servers that answer for it. */
  readonly targetIps: readonly string[];
}

export interface ResolverEndpointsProps {
  /** Names the endpoints, their security groups, the rules and the share. */
  readonly name: string;
  /** The provider of the resolver VPC's account and region. */
  readonly provider?: AwsProvider;
  /** The resolver VPC. */
  readonly vpcId: string;
  /** The resolver VPC's subnets, one per zone: each endpoint takes an address in each (AWS requires two or more). */
  readonly subnetIds: readonly string[];
  /** The on-premises ranges: the inbound endpoint admits DNS from them only. */
  readonly onPremisesCidrs: readonly string[];
  /** The forwarding rules; none means no outbound endpoint. */
  readonly forwardingRules: readonly ForwardingRuleSpec[];
  /** Whether to create the inbound endpoint. */
  readonly inboundEndpoint: boolean;
  /** The accounts the rules are shared with, by name (never the resolver VPC's own: it sees them already). */
  readonly shareWith: ReadonlyArray<{ readonly name: string; readonly accountId: string }>;
}

/** The endpoints, the rules and their RAM share. */
export class ResolverEndpoints extends Construct {
  /** The forwarding rules by domain: each environment's VPC that needs them associates them. */
  readonly rules = new Map<string, Route53ResolverRule>();

  constructor(scope: Construct, id: string, props: ResolverEndpointsProps) {
    super(scope, id);
    const { provider } = props;
    // Both protocols: DNS answers too large for UDP retry over TCP.
    const dns = (cidrBlocks: string[], description: string) =>
      (["tcp", "udp"] as const).map((protocol) => ({
        description: `${description} (${protocol.toUpperCase()})`,
        protocol,
        fromPort: DNS_PORT,
        toPort: DNS_PORT,
        cidrBlocks,
      }));
    const addresses = props.subnetIds.map((subnetId) => ({ subnetId }));
    if (props.forwardingRules.length > 0) {
      const targets = [...new Set(props.forwardingRules.flatMap((r) => r.targetIps))].map((ip) => `${ip}/32`);
      // Queries leave only for the on-premises DNS servers the rules name; nothing comes in unasked.
      const outboundGroup = new SecurityGroup(this, "outbound-sg", {
        provider,
        vpcId: props.vpcId,
        name: `${props.name}-outbound`,
        description: "Resolver outbound endpoint: DNS to the configured on-premises servers only",
        ingress: [],
        egress: dns(targets, "DNS to on-premises servers"),
        tags: { Name: `${props.name}-outbound` },
      });
      const outbound = new Route53ResolverEndpoint(this, "outbound", {
        provider,
        name: `${props.name}-outbound`,
        direction: "OUTBOUND",
        securityGroupIds: [outboundGroup.id],
        ipAddress: addresses,
        tags: { Name: `${props.name}-outbound` },
      });
      for (const rule of props.forwardingRules) {
        this.rules.set(
          rule.domain,
          new Route53ResolverRule(this, `rule-${domainSlug(rule.domain)}`, {
            provider,
            name: `${props.name}-${domainSlug(rule.domain)}`,
            domainName: rule.domain,
            ruleType: "FORWARD",
            resolverEndpointId: outbound.id,
            targetIp: rule.targetIps.map((ip) => ({ ip, port: DNS_PORT })),
            tags: { Name: `${props.name}-${rule.domain}` },
          }),
        );
      }
      this.share(props);
    }
    if (props.inboundEndpoint) {
      // On-premises DNS servers forward here; nothing else reaches the endpoint.
      const inboundGroup = new SecurityGroup(this, "inbound-sg", {
        provider,
        vpcId: props.vpcId,
        name: `${props.name}-inbound`,
        description: "Resolver inbound endpoint: DNS from on-premises only",
        ingress: dns([...props.onPremisesCidrs], "DNS from on-premises"),
        egress: [],
        tags: { Name: `${props.name}-inbound` },
      });
      new Route53ResolverEndpoint(this, "inbound", {
        provider,
        name: `${props.name}-inbound`,
        direction: "INBOUND",
        securityGroupIds: [inboundGroup.id],
        ipAddress: addresses,
        tags: { Name: `${props.name}-inbound` },
      });
    }
  }

  /**
   * The rules shared through RAM with exactly the accounts that associate them, within the organization only
   * (`allow_external_principals` false; resolver rules are shareable, HYBRID_DOCS.ramShareable).
   */
  private share(props: ResolverEndpointsProps): void {
    if (props.shareWith.length === 0) return;
    const { provider } = props;
    const share = new RamResourceShare(this, "share", {
      provider,
      name: `${props.name}-rules`,
      allowExternalPrincipals: false,
      tags: { Name: `${props.name}-rules` },
    });
    for (const [domain, rule] of this.rules)
      new RamResourceAssociation(this, `share-${domainSlug(domain)}`, {
        provider,
        resourceShareArn: share.arn,
        resourceArn: rule.arn,
      });
    for (const { name, accountId } of props.shareWith)
      new RamPrincipalAssociation(this, `share-with-${name}`, {
        provider,
        resourceShareArn: share.arn,
        principal: accountId,
      });
  }
}
