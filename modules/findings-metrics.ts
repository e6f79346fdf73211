// In the management account's home region: receives the findings the security-tooling account forwards, keeps
// them in a KMS-encrypted log group for six years, and counts them per product and severity with metric filters
// for the security dashboard (164.308(a)(1)(ii)(D) information system activity review, 164.312(b)).
import { Construct } from "constructs";
import { CloudwatchEventBusPolicy } from "@cdktf/provider-aws/lib/cloudwatch-event-bus-policy";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { defaultEventBusArn, FindingMetric, forwardedFindingsPattern } from "../src/policies/finding-metrics";
import { renderPolicy } from "../src/policies/policy-document";

export interface FindingsMetricsProps {
  /** This (management) account's ID. */
  readonly accountId: string;
  readonly region: string;
  /** The account that forwards findings (security-tooling, Security Hub's delegated administrator). */
  readonly sourceAccountId: string;
  readonly ruleName: string;
  readonly logGroupName: string;
  /** The log group's key (this account and region; CloudWatch Logs may use it). */
  readonly kmsKeyArn: string;
  readonly retentionDays: number;
  /** The namespace the counts are published in. */
  readonly namespace: string;
  readonly metrics: readonly FindingMetric[];
}

/** The bus policy, the rule into the log group, and one metric filter per product and severity. */
export class FindingsMetrics extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: FindingsMetricsProps) {
    super(scope, id);
    const busArn = defaultEventBusArn(props.region, props.accountId);
    // AWS's cross-account example: the sending account may put events on this bus, no other account
    // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-example-policy-cross-account.html).
    new CloudwatchEventBusPolicy(this, "bus-policy", {
      eventBusName: "default",
      policy: renderPolicy({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "SecurityToolingForwardsFindings",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${props.sourceAccountId}:root` },
            Action: "events:PutEvents",
            Resource: busArn,
          },
        ],
      }),
    });
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: props.logGroupName,
      kmsKeyId: props.kmsKeyArn,
      retentionInDays: props.retentionDays,
    });
    const rule = new CloudwatchEventRule(this, "rule", {
      name: props.ruleName,
      description:
        "Security Hub findings forwarded from the delegated administrator, into the findings log group",
      eventPattern: JSON.stringify({ ...forwardedFindingsPattern(), account: [props.sourceAccountId] }),
    });
    // EventBridge writes to a log group only when the group's resource policy admits it
    // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html).
    const logPolicy = new CloudwatchLogResourcePolicy(this, "log-policy", {
      policyName: `${props.ruleName}-delivery`,
      policyDocument: renderPolicy({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "EventBridgeWritesFindings",
            Effect: "Allow",
            Principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] },
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${this.logGroup.arn}:*`,
            Condition: { ArnEquals: { "aws:SourceArn": rule.arn } },
          },
        ],
      }),
    });
    new CloudwatchEventTarget(this, "target", {
      rule: rule.name,
      arn: this.logGroup.arn,
      dependsOn: [logPolicy],
    });
    for (const metric of props.metrics) {
      new CloudwatchLogMetricFilter(this, `filter-${metric.name}`, {
        name: metric.name,
        logGroupName: this.logGroup.name,
        pattern: metric.pattern,
        metricTransformation: {
          name: metric.name,
          namespace: props.namespace,
          value: "1",
          defaultValue: "0",
        },
      });
    }
  }
}
