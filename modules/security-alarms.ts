// Metric filters and alarms on the organization trail's log group, published to a KMS-encrypted SNS topic the
// security team subscribes to (164.308(a)(1)(ii)(D) activity review, 164.312(b) audit controls).
import { Construct } from "constructs";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SecurityAlarm } from "../src/policies/alarm-patterns";
import { PolicyStatement } from "../src/policies/policy-document";
import { addNotificationTopic, cloudWatchAlarmsPublish } from "./notification-topic";

export interface SecurityAlarmsProps {
  /** The topic's name. */
  readonly topicName: string;
  /** The log group to filter (the organization trail's). */
  readonly logGroupName: string;
  /** The CloudWatch namespace the metric filters publish to and the alarms watch. */
  readonly namespace: string;
  readonly alarms: readonly SecurityAlarm[];
  /** The topic's key (this account, this region). */
  readonly kmsKeyArn: string;
  /** This account's ID: only its alarms may publish. */
  readonly accountId: string;
  /** The security-tooling account, allowed to subscribe its own endpoints. */
  readonly securityAccountId: string;
  /** The security team's alert inbox. */
  readonly email: string;
  /** EventBridge rules of this account that publish to the topic (the backup failures rule). */
  readonly eventRuleArns: readonly string[];
}

/** The alarm topic, its subscription, and one metric filter and alarm per catalogue entry. */
export class SecurityAlarms extends Construct {
  readonly topic: SnsTopic;
  /** Each catalogue entry's alarm, by its metric name, in catalogue order. */
  readonly alarms: Array<{ readonly name: string; readonly alarm: CloudwatchMetricAlarm }> = [];

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    super(scope, id);
    this.topic = addNotificationTopic(this, {
      topicName: props.topicName,
      kmsKeyArn: props.kmsKeyArn,
      publisher: (topicArn): PolicyStatement[] => [
        cloudWatchAlarmsPublish(topicArn, props.accountId),
        // EventBridge sends the rule's ARN as aws:SourceArn when it publishes
        // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions).
        {
          Sid: "EventBridgeRulesInThisAccountPublish",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sns:Publish",
          Resource: topicArn,
          Condition: { ArnEquals: { "aws:SourceArn": [...props.eventRuleArns] } },
        },
      ],
      subscriberAccountId: props.securityAccountId,
      email: props.email,
    });

    for (const alarm of props.alarms) {
      new CloudwatchLogMetricFilter(this, `filter-${alarm.name}`, {
        name: alarm.name,
        logGroupName: props.logGroupName,
        pattern: alarm.pattern,
        metricTransformation: { name: alarm.name, namespace: props.namespace, value: "1", defaultValue: "0" },
      });
      const metricAlarm = new CloudwatchMetricAlarm(this, `alarm-${alarm.name}`, {
        alarmName: `${props.namespace}-${alarm.name}`,
        alarmDescription: alarm.description,
        namespace: props.namespace,
        metricName: alarm.name,
        statistic: "Sum",
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [this.topic.arn],
      });
      this.alarms.push({ name: alarm.name, alarm: metricAlarm });
    }
  }
}
