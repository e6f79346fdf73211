// Backup and restore failures reach a person (164.308(a)(7)(ii)(A), (D); 164.308(a)(1)(ii)(D)): every member
// account forwards AWS Backup's failure events from each governed region to a bus in the management account, whose
// rule publishes them to the security alarm topic. AWS recommends a role for a rule whose target is an event bus
// in another account (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html).
import { Construct } from "constructs";
import { CloudwatchEventBus } from "@cdktf/provider-aws/lib/cloudwatch-event-bus";
import { CloudwatchEventBusPolicy } from "@cdktf/provider-aws/lib/cloudwatch-event-bus-policy";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { backupFailurePattern, eventBusArn } from "../src/policies/backup-policies";
import { renderPolicy } from "../src/policies/policy-document";
import { AccountRegionsProps } from "./account-regions";
import { addEventForwarderRole } from "./event-forwarder-role";

export interface BackupAlertsBusProps {
  /** The bus's name. */
  readonly busName: string;
  /** The rule's name. */
  readonly ruleName: string;
  /** The management account's ID and home region, where the bus lives. */
  readonly accountId: string;
  readonly region: string;
  /** Only this organization's accounts may send. */
  readonly organizationId: string;
  /** The security alarm topic (its policy must admit the rule). */
  readonly topicArn: string;
}

/** In the management account: the bus, its policy, and the rule that publishes to the alarm topic. */
export class BackupAlertsBus extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: BackupAlertsBusProps) {
    super(scope, id);
    const bus = new CloudwatchEventBus(this, "bus", { name: props.busName });
    new CloudwatchEventBusPolicy(this, "bus-policy", {
      eventBusName: bus.name,
      policy: renderPolicy({
        Version: "2012-10-17",
        Statement: [
          // AWS's organization example: any account of this organization may put events on the bus
          // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-example-policy-cross-account.html).
          {
            Sid: "OrganizationAccountsSendBackupFailures",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "events:PutEvents",
            Resource: eventBusArn(props.region, props.accountId, props.busName),
            Condition: { StringEquals: { "aws:PrincipalOrgID": props.organizationId } },
          },
        ],
      }),
    });
    this.rule = new CloudwatchEventRule(this, "rule", {
      name: props.ruleName,
      eventBusName: bus.name,
      description:
        "Failed or aborted AWS Backup jobs, copies and restore tests from every account, to the alarm topic",
      eventPattern: JSON.stringify(backupFailurePattern()),
    });
    new CloudwatchEventTarget(this, "target", {
      rule: this.rule.name,
      eventBusName: bus.name,
      arn: props.topicArn,
    });
  }
}

/** The account (only its rules may use the role) and its governed regions: AWS Backup emits events where a job runs. */
export interface BackupFailureForwarderProps extends AccountRegionsProps {
  /** The management account's backup-alerts bus. */
  readonly busArn: string;
  readonly roleName: string;
}

/** In a member account: one role, and a rule with the bus as its target in every governed region. */
export class BackupFailureForwarder extends Construct {
  constructor(scope: Construct, id: string, props: BackupFailureForwarderProps) {
    super(scope, id);
    const home = props.providerFor(props.homeRegion);
    const { role, permissions } = addEventForwarderRole(this, {
      provider: home,
      accountId: props.accountId,
      roleName: props.roleName,
      description: "EventBridge forwards AWS Backup failures to the management account's backup-alerts bus",
      busArn: props.busArn,
      sid: "PutEventsOnBackupAlertsBus",
      policyDescription: "Put events on the management account's backup-alerts bus, nothing else",
    });
    for (const region of props.regions) {
      const provider = props.providerFor(region);
      const rule = new CloudwatchEventRule(this, `rule-${region}`, {
        provider,
        name: props.roleName,
        description: "Failed or aborted AWS Backup jobs, copies and restore tests, to the management account",
        eventPattern: JSON.stringify(backupFailurePattern()),
      });
      new CloudwatchEventTarget(this, `target-${region}`, {
        provider,
        rule: rule.name,
        arn: props.busArn,
        roleArn: role.arn,
        dependsOn: [permissions.attachment],
      });
    }
  }
}
