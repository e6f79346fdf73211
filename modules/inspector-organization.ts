// Amazon Inspector for the whole organization from the delegated administrator, in every governed region: EC2,
// ECR, Lambda and Lambda code scanning for the administrator, every member account and every account that joins,
// and active HIGH and CRITICAL findings sent to the findings topic (164.308(a)(1)(ii)(A) risk analysis,
// 164.308(a)(1)(ii)(D) activity review).
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { Inspector2Enabler } from "@cdktf/provider-aws/lib/inspector2-enabler";
import { Inspector2MemberAssociation } from "@cdktf/provider-aws/lib/inspector2-member-association";
import { Inspector2OrganizationConfiguration } from "@cdktf/provider-aws/lib/inspector2-organization-configuration";
import { eventRuleArn } from "../src/policies/backup-policies";
import { defaultEventBusArn } from "../src/policies/finding-metrics";
import {
  inspectorFindingsPattern,
  inspectorFindingsRuleName,
  inspectorForwardRuleName,
  inspectorForwarderRoleName,
  inspectorScanTypesIn,
} from "../src/policies/inspector";
import { addEventForwarderRole } from "./event-forwarder-role";

/**
 * Enabling scan types waits for every account to report them on; the provider's five minutes are too short for an
 * organization (schubergphilis/terraform-aws-mcaf-landing-zone#206).
 */
const ENABLE_TIMEOUT = "15m";

export interface InspectorOrganizationProps {
  /** The delegated administrator's (security-tooling's) account ID. */
  readonly adminAccountId: string;
  /** The member accounts to associate and scan, by configured name (construct IDs) and ID. */
  readonly members: ReadonlyArray<{ readonly name: string; readonly accountId: string }>;
  /** Where the findings topic is; the other regions forward their findings there. */
  readonly homeRegion: string;
  /** Governed regions. */
  readonly regions: readonly string[];
  /** Returns the delegated administrator's provider for a region. */
  readonly providerFor: (region: string) => AwsProvider;
  /** The organization's name: the rules' and the forwarder role's prefix. */
  readonly namePrefix: string;
  /** The encrypted findings topic in the home region; its policy admits the home rule. */
  readonly findingsTopicArn: string;
}

/**
 * Per region, in the order Inspector requires (aws-samples/inspector2-enablement-with-cli): the administrator's own
 * scanning, each member associated, the members' scanning, then auto-enable for accounts that join later (the
 * organization configuration covers new members only,
 * https://docs.aws.amazon.com/inspector/v2/APIReference/API_AutoEnable.html). The organization stack designated
 * this account as Inspector's delegated administrator in each region.
 *
 * The enablers are authoritative for scan types: a type not listed is turned off, and destroying one turns
 * scanning off for its accounts; lz-protect-security-services denies both to anyone but the pipeline.
 */
export class InspectorOrganization extends Construct {
  constructor(scope: Construct, id: string, props: InspectorOrganizationProps) {
    super(scope, id);
    const home = props.providerFor(props.homeRegion);
    const homeBus = defaultEventBusArn(props.homeRegion, props.adminAccountId);
    const others = props.regions.filter((region) => region !== props.homeRegion);
    // One role for every other region's forward rule: it puts events on the home region's default bus only.
    const forwarder =
      others.length > 0
        ? addEventForwarderRole(this, {
            provider: home,
            accountId: props.adminAccountId,
            roleName: inspectorForwarderRoleName(props.namePrefix),
            description: "EventBridge forwards Inspector findings to the home region's default bus",
            busArn: homeBus,
            sid: "PutEventsOnHomeRegionBus",
            sourceRuleArns: others.map((region) =>
              eventRuleArn(
                region,
                props.adminAccountId,
                "default",
                inspectorForwardRuleName(props.namePrefix),
              ),
            ),
            policyDescription: "Put events on the home region's default event bus, nothing else",
          })
        : undefined;

    for (const region of props.regions) {
      const provider = props.providerFor(region);
      const resourceTypes = inspectorScanTypesIn(region);
      const timeouts = { create: ENABLE_TIMEOUT, update: ENABLE_TIMEOUT };
      // The provider refuses one enabler for both the administrator and members (hashicorp/terraform-provider-aws#31307).
      const admin = new Inspector2Enabler(this, `admin-${region}`, {
        provider,
        accountIds: [props.adminAccountId],
        resourceTypes,
        timeouts,
      });
      const associations = props.members.map(
        ({ name, accountId }) =>
          new Inspector2MemberAssociation(this, `member-${region}-${name}`, {
            provider,
            accountId,
            dependsOn: [admin],
          }),
      );
      if (props.members.length > 0) {
        new Inspector2Enabler(this, `members-${region}`, {
          provider,
          accountIds: props.members.map((member) => member.accountId),
          resourceTypes,
          timeouts,
          dependsOn: associations,
        });
      }
      new Inspector2OrganizationConfiguration(this, `organization-${region}`, {
        provider,
        autoEnable: {
          ec2: resourceTypes.includes("EC2"),
          ecr: resourceTypes.includes("ECR"),
          lambda: resourceTypes.includes("LAMBDA"),
          lambdaCode: resourceTypes.includes("LAMBDA_CODE"),
        },
        dependsOn: [admin],
      });

      const isHome = region === props.homeRegion;
      const rule = new CloudwatchEventRule(this, `findings-rule-${region}`, {
        provider,
        name: isHome
          ? inspectorFindingsRuleName(props.namePrefix)
          : inspectorForwardRuleName(props.namePrefix),
        description: isHome
          ? "Active HIGH and CRITICAL Inspector findings, to the security findings topic"
          : `Active HIGH and CRITICAL Inspector findings in ${region}, to the home region's default bus`,
        eventPattern: JSON.stringify(inspectorFindingsPattern()),
      });
      new CloudwatchEventTarget(this, `findings-target-${region}`, {
        provider,
        rule: rule.name,
        arn: isHome ? props.findingsTopicArn : homeBus,
        ...(isHome || !forwarder
          ? {}
          : { roleArn: forwarder.role.arn, dependsOn: [forwarder.permissions.attachment] }),
      });
    }
  }
}
