// AWS Config across the organization from the delegated administrator: an organization aggregator in the home
// region and the HIPAA conformance pack in every governed region (164.312(b) audit controls, 164.308(a)(8)).
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ConfigConfigurationAggregator } from "@cdktf/provider-aws/lib/config-configuration-aggregator";
import { ConfigOrganizationConformancePack } from "@cdktf/provider-aws/lib/config-organization-conformance-pack";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { conformancePackTemplate, rulesForRegion } from "../src/policies/hipaa-conformance-pack";
import { renderPolicy, serviceTrustPolicy } from "../src/policies/policy-document";
import { RolePermissions } from "./role-permissions";

export interface ConfigOrganizationProps {
  /** Name prefix for the aggregator, its role and the packs. */
  readonly namePrefix: string;
  /** The delegated administrator's account ID (the aggregator role trusts Config in this account only). */
  readonly accountId: string;
  /** Where the aggregator lives and the pack runs its global (IAM) rules. */
  readonly homeRegion: string;
  /** Governed regions. */
  readonly regions: readonly string[];
  /** Returns the delegated administrator's provider for a region. */
  readonly providerFor: (region: string) => AwsProvider;
  /**
   * Accounts the conformance pack skips (their environment turned Config off, so they have no recorder).
   * @default - none
   */
  readonly excludedAccountIds?: readonly string[];
}

/** The organization aggregator and the conformance packs. */
export class ConfigOrganization extends Construct {
  readonly aggregator: ConfigConfigurationAggregator;

  constructor(scope: Construct, id: string, props: ConfigOrganizationProps) {
    super(scope, id);
    const home = props.providerFor(props.homeRegion);
    const role = new IamRole(this, "aggregator-role", {
      provider: home,
      name: `${props.namePrefix}-config-aggregator`,
      assumeRolePolicy: renderPolicy(
        serviceTrustPolicy("ConfigAggregatesForThisAccount", "config.amazonaws.com", {
          StringEquals: { "aws:SourceAccount": props.accountId },
        }),
      ),
    });
    // The read-only Organizations calls of AWS's AWSConfigRoleForOrganizations, written here so the grant is
    // reviewed here.
    const permissions = new RolePermissions(this, "aggregator-role-policy", {
      provider: home,
      roleName: role.name,
      policyName: "lz-config-aggregator-read-organization",
      description: "AWS Config's organization aggregator lists the organization's accounts",
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadOrganizationAccounts",
            Effect: "Allow",
            Action: [
              "organizations:DescribeOrganization",
              "organizations:ListAWSServiceAccessForOrganization",
              "organizations:ListAccounts",
              "organizations:ListDelegatedAdministrators",
            ],
            Resource: "*",
          },
        ],
      },
    });
    this.aggregator = new ConfigConfigurationAggregator(this, "aggregator", {
      provider: home,
      name: `${props.namePrefix}-organization`,
      // All regions, so a region added to the configuration is aggregated without a change here.
      organizationAggregationSource: { allRegions: true, roleArn: role.arn },
      dependsOn: [permissions.attachment],
    });

    for (const region of props.regions) {
      new ConfigOrganizationConformancePack(this, `hipaa-pack-${region}`, {
        provider: props.providerFor(region),
        name: `${props.namePrefix}-hipaa-security`,
        templateBody: conformancePackTemplate(rulesForRegion(region, props.homeRegion)),
        excludedAccounts: props.excludedAccountIds?.length ? [...props.excludedAccountIds] : undefined,
      });
    }
  }
}
