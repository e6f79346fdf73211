// Security Hub for the organization from the delegated administrator: the hub in every governed region,
// findings aggregated to the home region, one central configuration policy with the FSBP, CIS and NIST 800-53
// standards for every account, and HIGH/CRITICAL findings sent to people (164.308(a)(1)(ii)(D) activity review,
// 164.308(a)(8) evaluation).
import { Construct } from "constructs";
import { constructError } from "../src/config/errors";
import { NOTIFY_SEVERITIES } from "../src/policies/finding-metrics";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SecurityhubAccount } from "@cdktf/provider-aws/lib/securityhub-account";
import { SecurityhubConfigurationPolicy } from "@cdktf/provider-aws/lib/securityhub-configuration-policy";
import { SecurityhubConfigurationPolicyAssociation } from "@cdktf/provider-aws/lib/securityhub-configuration-policy-association";
import { SecurityhubFindingAggregator } from "@cdktf/provider-aws/lib/securityhub-finding-aggregator";
import { SecurityhubOrganizationConfiguration } from "@cdktf/provider-aws/lib/securityhub-organization-configuration";

/** The standards every account runs, as Security Hub's standard paths (the ARN is per region). */
export const SECURITY_HUB_STANDARDS = [
  "aws-foundational-security-best-practices/v/1.0.0",
  "cis-aws-foundations-benchmark/v/3.0.0",
  "nist-800-53/v/5.0.0",
] as const;

/** A standard's ARN in a region. */
export function standardArn(region: string, standard: string): string {
  return `arn:aws:securityhub:${region}::standards/${standard}`;
}

/** The EventBridge pattern for new, active HIGH and CRITICAL findings (aggregated ones included). */
export function findingsEventPattern(): Record<string, unknown> {
  return {
    source: ["aws.securityhub"],
    "detail-type": ["Security Hub Findings - Imported"],
    detail: {
      findings: {
        Severity: { Label: [...NOTIFY_SEVERITIES] },
        Workflow: { Status: ["NEW"] },
        RecordState: ["ACTIVE"],
      },
    },
  };
}

export interface SecurityHubOrganizationProps {
  /** The delegated administrator's (security-tooling's) account ID: the ID its home-region hub is imported by. */
  readonly adminAccountId: string;
  /** The home region, where findings aggregate and central configuration is administered. */
  readonly homeRegion: string;
  /** Governed regions. */
  readonly regions: readonly string[];
  /** Returns the delegated administrator's provider for a region. */
  readonly providerFor: (region: string) => AwsProvider;
  /** The organization root's ID: the configuration policy applies to every account under it. */
  readonly rootId: string;
  /** The configuration policy's name. */
  readonly policyName: string;
  /** The rule's name. */
  readonly ruleName: string;
  /** The topic that receives HIGH and CRITICAL findings (home region, this account). */
  readonly findingsTopicArn: string;
}

/**
 * The hub in every region, aggregation, central configuration and finding notifications.
 *
 * The home region's hub is adopted, not created: the organization stack designates the administrator there, before
 * this stack applies, and that "also enables Security Hub CSPM in the current AWS Region for the delegated
 * administrator account" (https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html),
 * while EnableSecurityHub on a subscribed account is refused (ResourceConflictException). The provider reads the
 * region's hub whatever the ID and names it by the account ID as its create does, so the import ID is known before
 * anything applies; once the hub is in state the import is ignored. The designation reaches no other region, so
 * the linked regions' hubs are created, before the aggregator links their regions and central configuration
 * starts.
 */
export class SecurityHubOrganization extends Construct {
  /** The hub in each region, by region. */
  readonly hubs = new Map<string, SecurityhubAccount>();

  constructor(scope: Construct, id: string, props: SecurityHubOrganizationProps) {
    super(scope, id);
    for (const region of props.regions) {
      this.hubs.set(
        region,
        new SecurityhubAccount(this, `hub-${region}`, {
          provider: props.providerFor(region),
          // Standards come from the central policy, not from per-account defaults. It must stay false: the
          // provider cannot read it back and forces a new hub when it changes, and an adopted hub reads as false.
          enableDefaultStandards: false,
          // One finding per control across standards, rather than one per standard.
          controlFindingGenerator: "SECURITY_CONTROL",
          autoEnableControls: true,
        }),
      );
    }
    const home = props.providerFor(props.homeRegion);
    const homeHub = this.hubs.get(props.homeRegion);
    if (!homeHub)
      throw constructError(
        this,
        "homeRegion",
        props.homeRegion,
        `one of the governed regions: ${props.regions.join(", ")}`,
      );
    homeHub.importFrom(props.adminAccountId, home);

    // The governed regions by name: ALL_REGIONS would also link regions the region guardrail denies, where no hub
    // exists, and central configuration would reach past the governed estate
    // (https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation-enable.html).
    const linked = props.regions.filter((region) => region !== props.homeRegion);
    const aggregator = new SecurityhubFindingAggregator(this, "aggregator", {
      provider: home,
      linkingMode: linked.length > 0 ? "SPECIFIED_REGIONS" : "NO_REGIONS",
      specifiedRegions: linked.length > 0 ? linked : undefined,
      // Every hub first: a region is linked, and central configuration (which depends on this) reaches it, only
      // after this account's own hub there is created; AWS does not say whether central configuration enables the
      // administrator's hub in a linked region, and if it did first, that create would be refused. The aggregator
      // changes when a region is added anyway (its linked regions).
      dependsOn: [...this.hubs.values()],
    });
    // Central configuration: the policy below decides for every account and linked region; nothing is left to
    // per-account defaults.
    const organization = new SecurityhubOrganizationConfiguration(this, "organization", {
      provider: home,
      autoEnable: false,
      autoEnableStandards: "NONE",
      organizationConfiguration: { configurationType: "CENTRAL" },
      dependsOn: [aggregator],
    });
    const policy = new SecurityhubConfigurationPolicy(this, "policy", {
      provider: home,
      name: props.policyName,
      description: "HIPAA landing zone: Security Hub on with FSBP, CIS and NIST SP 800-53 in every account",
      configurationPolicy: {
        serviceEnabled: true,
        enabledStandardArns: SECURITY_HUB_STANDARDS.map((standard) =>
          standardArn(props.homeRegion, standard),
        ),
        securityControlsConfiguration: { disabledControlIdentifiers: [] },
      },
      dependsOn: [organization],
    });
    new SecurityhubConfigurationPolicyAssociation(this, "policy-root", {
      provider: home,
      policyId: policy.id,
      targetId: props.rootId,
    });

    const rule = new CloudwatchEventRule(this, "findings-rule", {
      provider: home,
      name: props.ruleName,
      description: "New HIGH and CRITICAL Security Hub findings from every account and region",
      eventPattern: JSON.stringify(findingsEventPattern()),
    });
    new CloudwatchEventTarget(this, "findings-target", {
      provider: home,
      rule: rule.name,
      arn: props.findingsTopicArn,
    });
  }
}
