// In the security-tooling account (Security Hub's aggregation region): forwards every imported finding to the
// management account's default event bus, where the security dashboard counts them (164.308(a)(1)(ii)(D)). AWS
// recommends a role for a rule whose target is an event bus in another account:
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html
import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { forwardedFindingsPattern } from "../src/policies/finding-metrics";
import { addEventForwarderRole } from "./event-forwarder-role";

/** The forwarder role's name in security-tooling: EventBridge sends the findings with it. */
export function findingsForwarderRoleName(organizationName: string): string {
  return `${organizationName}-findings-forwarder`;
}

export interface FindingsForwarderProps {
  /** The provider of Security Hub's aggregation (home) region. */
  readonly provider: AwsProvider;
  /** This (security-tooling) account's ID: only its rules may use the role. */
  readonly accountId: string;
  /** The management account's default event bus in the home region. */
  readonly destinationBusArn: string;
  readonly ruleName: string;
  readonly roleName: string;
}

/** The rule, its target and the role EventBridge sends with. */
export class FindingsForwarder extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: FindingsForwarderProps) {
    super(scope, id);
    this.rule = new CloudwatchEventRule(this, "rule", {
      provider: props.provider,
      name: props.ruleName,
      description: "Every imported Security Hub finding, to the management account's security dashboard",
      eventPattern: JSON.stringify(forwardedFindingsPattern()),
    });
    const { role, permissions } = addEventForwarderRole(this, {
      provider: props.provider,
      accountId: props.accountId,
      roleName: props.roleName,
      description: "EventBridge forwards Security Hub findings to the management account's event bus",
      busArn: props.destinationBusArn,
      sid: "PutEventsOnManagementBus",
      policyDescription: "Put events on the management account's default event bus, nothing else",
    });
    new CloudwatchEventTarget(this, "target", {
      provider: props.provider,
      rule: this.rule.name,
      arn: props.destinationBusArn,
      roleArn: role.arn,
      dependsOn: [permissions.attachment],
    });
  }
}
