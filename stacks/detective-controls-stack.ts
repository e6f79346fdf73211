// The security-tooling account's detective controls for the whole organization, in every governed region:
// GuardDuty, Security Hub, the Config aggregator and HIPAA conformance pack, Access Analyzer, Inspector and Macie
// (164.308(a)(1)(ii)(D) activity review, 164.312(b) audit controls, 164.312(a)(1) access control).
import { Construct } from "constructs";
import { controlCovers, environmentOf } from "../src/config/model";
import { keyPolicy, snsFindingsKeyUse } from "../src/policies/kms-policies";
import { AccessAnalyzers } from "../modules/access-analyzers";
import { ConfigOrganization } from "../modules/config-organization";
import { GuardDutyOrganization } from "../modules/guardduty-organization";
import { LandingZoneKey } from "../modules/landing-zone-key";
import { InspectorOrganization } from "../modules/inspector-organization";
import { MacieOrganization } from "../modules/macie-organization";
import { addNotificationTopic } from "../modules/notification-topic";
import { SecurityHubOrganization } from "../modules/security-hub-organization";
import { FindingsForwarder, findingsForwarderRoleName } from "../modules/findings-forwarder";
import { eventRuleArn } from "../src/policies/backup-policies";
import { defaultEventBusArn, securityHubFindingsRuleName } from "../src/policies/finding-metrics";
import { inspectorFindingsRuleName } from "../src/policies/inspector";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { LogArchiveStack } from "./log-archive-stack";
import { OrganizationStack } from "./organization-stack";
import { SecurityStack } from "./security-stack";

export const DETECTIVE_CONTROLS_STACK_ID = "detective-controls";

export interface DetectiveControlsStackProps extends StackContext {
  /** The organization stack: account IDs, the root, the delegated administrators. */
  readonly organization: OrganizationStack;
  /** The security stack: the archive key. */
  readonly security: SecurityStack;
  /** The log archive stack: the bucket findings are exported to. */
  readonly logArchive: LogArchiveStack;
}

/**
 * Every organization-wide detective control, administered from the security-tooling account.
 *
 * The organization stack designates this account as GuardDuty's and Macie's delegated administrator in every
 * governed region and as Security Hub's in the home region, and applies first. Each designation turns the service
 * on in this account in that region, so the GuardDuty detectors, the Macie sessions and the home region's hub
 * already exist when this stack first applies: they are imported (import blocks, ignored once in state), not
 * created (docs/detective-controls.md, "Adopted, not created").
 */
export class DetectiveControlsStack extends LandingZoneStack {
  /** GuardDuty per region. */
  readonly guardDuty = new Map<string, GuardDutyOrganization>();

  constructor(scope: Construct, id: string, props: DetectiveControlsStackProps) {
    const config = props.config;
    const org = config.organization;
    const controls = org.detectiveControls;
    const accountId = props.organization.accountId(org.coreAccounts.securityTooling);
    super(scope, id, { config, target: props.target, accountId, holdsPhi: true });
    const providerFor = (region: string) => this.providerFor(region);
    const archive = props.logArchive.archive.archive;
    const archiveKeyArn = props.security.keys.logArchive.arn;

    if (controls.guardDuty.enabled) {
      for (const region of org.regions) {
        this.guardDuty.set(
          region,
          new GuardDutyOrganization(this, `guardduty-${region}`, {
            region,
            provider: providerFor(region),
            findingPublishingFrequency: controls.guardDuty.findingPublishingFrequency,
            exportBucketArn: archive.arn,
            exportKeyArn: archiveKeyArn,
          }),
        );
      }
    }

    // One encrypted topic for the findings people must see at once: Security Hub's and Inspector's.
    const findingsRules = [
      ...(controls.securityHub.enabled ? [securityHubFindingsRuleName(org.name)] : []),
      ...(controls.inspector.enabled ? [inspectorFindingsRuleName(org.name)] : []),
    ];
    if (findingsRules.length > 0) {
      const findingsKey = new LandingZoneKey(this, "findings-key", {
        alias: `${org.name}/sns-findings`,
        description: "The security findings topic",
        policy: keyPolicy(this.keyAdministrators(), snsFindingsKeyUse()),
      });
      const topic = addNotificationTopic(this, {
        topicName: `${org.name}-security-findings`,
        kmsKeyArn: findingsKey.arn,
        // Only the findings rules publish: their ARNs are fixed by their names, so the policy names them up front.
        publisher: (topicArn) => ({
          Sid: "FindingsRulePublishes",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sns:Publish",
          Resource: topicArn,
          Condition: {
            ArnEquals: {
              "aws:SourceArn": findingsRules.map((name) =>
                eventRuleArn(org.homeRegion, accountId, "default", name),
              ),
            },
          },
        }),
        email: org.alarms.email,
      });
      if (controls.securityHub.enabled) {
        new SecurityHubOrganization(this, "security-hub", {
          adminAccountId: accountId,
          homeRegion: org.homeRegion,
          regions: org.regions,
          providerFor,
          rootId: props.organization.organization.rootId,
          policyName: `${org.name}-hipaa`,
          ruleName: securityHubFindingsRuleName(org.name),
          findingsTopicArn: topic.arn,
        });
        // Every finding, for the management account's security dashboard (organization-trail stack).
        new FindingsForwarder(this, "findings-forwarder", {
          provider: providerFor(org.homeRegion),
          accountId,
          destinationBusArn: defaultEventBusArn(org.homeRegion, props.organization.managementAccountId),
          ruleName: `${org.name}-security-findings-out`,
          roleName: findingsForwarderRoleName(org.name),
        });
      }
      if (controls.inspector.enabled) {
        new InspectorOrganization(this, "inspector", {
          adminAccountId: accountId,
          // Every configured account; the administrator scans itself through its own enabler.
          members: org.accounts
            .filter((account) => account.name !== org.coreAccounts.securityTooling)
            .map((account) => ({
              name: account.name,
              accountId: props.organization.accountId(account.name),
            })),
          homeRegion: org.homeRegion,
          regions: org.regions,
          providerFor,
          namePrefix: org.name,
          findingsTopicArn: topic.arn,
        });
      }
    }

    if (controls.config.enabled) {
      new ConfigOrganization(this, "config", {
        namePrefix: org.name,
        accountId,
        homeRegion: org.homeRegion,
        regions: org.regions,
        providerFor,
        excludedAccountIds: org.accounts
          .filter((account) => !controlCovers(config, "config", account.name))
          .map((account) => props.organization.accountId(account.name)),
      });
    }

    if (controls.accessAnalyzer.enabled) {
      new AccessAnalyzers(this, "access-analyzer", {
        namePrefix: org.name,
        provider: this.homeProvider,
        unusedAccessAgeDays: controls.accessAnalyzer.unusedAccessAgeDays,
      });
    }

    if (controls.macie.enabled) {
      const covered = org.accounts.filter((account) => controlCovers(config, "macie", account.name));
      new MacieOrganization(this, "macie", {
        adminAccountId: accountId,
        regions: org.regions,
        providerFor,
        // The administrator is not its own member.
        members: covered
          .filter((account) => account.name !== org.coreAccounts.securityTooling)
          .map((account) => ({
            name: account.name,
            accountId: props.organization.accountId(account.name),
            email: account.email,
          })),
        classifiedAccountIds: covered
          .filter((account) => environmentOf(config, account.name)?.phi === true)
          .map((account) => props.organization.accountId(account.name)),
        namePrefix: org.name,
        schedule: controls.macie.classificationSchedule,
        samplingPercentage: controls.macie.samplingPercentage,
      });
    }
  }
}
