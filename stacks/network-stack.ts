// One environment's PHI VPC, in the environment's network account and region, with DNS Firewall on it and
// the on-premises domains' forwarding rules where its segment reaches on-premises
// (164.312(e)(1) transmission security, 164.312(b) audit controls, 164.312(a)(1) access control,
// 164.308(a)(5)(ii)(B) protection from malicious software).
import { Construct } from "constructs";
import {
  defaultRouteToHub,
  interfaceEndpointsOf,
  managedDomainListIds,
  reachableCidrs,
  reachesOnPremises,
  regionOf,
  segmentOf,
  vpcAccountOf,
} from "../src/config/model";
import { subnetPlan } from "../src/config/network-plan";
import { EnvironmentConfig } from "../src/config/schema";
import { Route53ResolverRule } from "@cdktf/provider-aws/lib/route53-resolver-rule";
import { Route53ResolverRuleAssociation } from "@cdktf/provider-aws/lib/route53-resolver-rule-association";
import { PhiVpc } from "../modules/phi-vpc";
import { DnsFirewall } from "../modules/dns-firewall";
import { dnsFirewallRuleGroupName, failsClosed } from "../src/policies/dns-firewall";
import { domainSlug } from "../src/policies/hybrid-network";
import { ApiGatewayAccountLogging } from "../modules/workload/api-gateway-account";
import { apiGatewayLoggingRoleName } from "../src/policies/workload-api";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { LogArchiveStack } from "./log-archive-stack";
import { OrganizationStack } from "./organization-stack";
import { NetworkHubStack } from "./network-hub-stack";

/** The network stack's ID for an environment. */
export function networkStackId(environment: string): string {
  return `network-${environment}`;
}

export interface NetworkStackProps extends StackContext {
  /** The environment. */
  readonly environment: EnvironmentConfig;
  /** The organization stack: the account and organization IDs. */
  readonly organization: OrganizationStack;
  /** The log archive stack: where flow logs and DNS query logs go. */
  readonly logArchive: LogArchiveStack;
  /**
   * The hub stack, whose Transit Gateway in the environment's region the VPC attaches to.
   * @default - no hub: network.transitGateway is off
   */
  readonly hub?: NetworkHubStack;
}

/** The environment's VPC. */
export class NetworkStack extends LandingZoneStack {
  /** The VPC and its parts. */
  readonly vpc: PhiVpc;
  /** DNS Firewall on the VPC, unless network.dnsFirewall is off (validation refuses that where PHI is). */
  readonly dnsFirewall?: DnsFirewall;
  /** API Gateway's logging role for the account and region, where the environment has workloads. */
  readonly apiLogging?: ApiGatewayAccountLogging;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    const env = props.environment;
    const org = props.config.organization;
    const accountName = vpcAccountOf(env);
    const region = regionOf(org, env);
    super(scope, id, {
      config: props.config,
      target: props.target,
      accountId: props.organization.accountId(accountName),
      region,
      environment: env.name,
      holdsPhi: env.phi,
    });
    const hubGateway = props.hub?.hubs.get(region);
    // make validate keeps every VPC in a region with a hub while the hub is on; a VPC quietly left off it would be
    // an island its segment's routes say it is not.
    if (props.hub && !hubGateway)
      throw new Error(
        `${this.node.path}: environment ${env.name} is in ${region}, where the hub has no Transit Gateway (hub regions: ${[...props.hub.hubs.keys()].join(", ") || "none"})`,
      );
    this.vpc = new PhiVpc(this, "vpc", {
      namePrefix: `${org.name}-${env.name}`,
      cidr: env.cidr,
      subnets: subnetPlan(env.cidr, env.network.availabilityZones, env.network.egress),
      region,
      interfaceEndpoints: interfaceEndpointsOf(env),
      organizationId: props.organization.organizationId,
      logArchiveBucketArn: props.logArchive.archive.archiveIn(region).arn,
      hub: hubGateway && {
        transitGatewayId: hubGateway.transitGateway.id,
        segment: segmentOf(env),
        reachableCidrs: reachableCidrs(props.config, env),
        defaultRoute: defaultRouteToHub(props.config, env),
      },
    });
    const dns = org.network.dnsFirewall;
    const listIds = managedDomainListIds(org, region);
    if (dns.enabled && listIds) {
      this.dnsFirewall = new DnsFirewall(this, "dns-firewall", {
        name: dnsFirewallRuleGroupName(org.name, env.name),
        vpcId: this.vpc.vpc.id,
        domainListIds: listIds,
        blockResponse: dns.blockResponse,
        failClosed: failsClosed(dns.failClosed, env.phi),
      });
    }
    // The on-premises domains' forwarding rules, shared by the network account, where the segment reaches
    // on-premises (ResolverEndpoints): lookups of those names go to the on-premises DNS servers.
    const rules = props.hub?.resolver?.rules ?? new Map<string, Route53ResolverRule>();
    if (props.hub && reachesOnPremises(props.config, segmentOf(env))) {
      for (const [domain, rule] of rules)
        new Route53ResolverRuleAssociation(this, `resolver-rule-${domainSlug(domain)}`, {
          name: `${org.name}-${env.name}-${domainSlug(domain)}`,
          resolverRuleId: rule.id,
          vpcId: this.vpc.vpc.id,
        });
    }
    // The account setting every workload API's stage logs through: one per account and region, and an
    // environment's VPC account and region hold its workloads (workloadAccountOf), so the environment owns it.
    if (env.workloads.length > 0) {
      this.apiLogging = new ApiGatewayAccountLogging(this, "api-gateway-logging", {
        roleName: apiGatewayLoggingRoleName(org.name, env.name),
      });
    }
  }
}
