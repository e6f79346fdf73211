// In the security-tooling account (Security Hub's aggregation region): forwards every imported finding to the
// management account's default event bus, where the security dashboard counts them (164.308(a)(1)(ii)(D)). AWS
// recommends a role for a rule whose target is an event bus in another account:
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html
import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { forwardedFindingsPattern } from "../src/policies/finding-metrics";
import { renderPolicy, serviceTrustPolicy } from "../src/policies/policy-document";
import { RolePermissions } from "./role-permissions";

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
    const role = new IamRole(this, "role", {
      provider: props.provider,
      name: props.roleName,
      description: "EventBridge forwards Security Hub findings to the management account's event bus",
      // Confused-deputy guard: only this account's rules.
      assumeRolePolicy: renderPolicy(
        serviceTrustPolicy("EventBridgeForwardsForThisAccount", "events.amazonaws.com", {
          StringEquals: { "aws:SourceAccount": props.accountId },
        }),
      ),
    });
    const permissions = new RolePermissions(this, "permissions", {
      provider: props.provider,
      roleName: role.name,
      policyName: props.roleName,
      description: "Put events on the management account's default event bus, nothing else",
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "PutEventsOnManagementBus",
            Effect: "Allow",
            Action: "events:PutEvents",
            Resource: props.destinationBusArn,
          },
        ],
      },
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
