// A workload's alarms: function errors, throttles and slow invocations, a failed rotation of its secret, and messages
// waiting in either dead-letter queue, each to the workload's KMS-encrypted topic that the team's on-call inbox subscribes to, and back to OK
// (164.308(a)(1)(ii)(D) activity review, 164.308(a)(6)(ii) response and reporting, 164.312(c)(1): a failed write
// of PHI is heard about, not only kept).
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { WorkloadNames } from "../../src/policies/workload";
import { addNotificationTopic, cloudWatchAlarmsPublish } from "../notification-topic";

/** How long each alarm looks back: five minutes, one period. */
const PERIOD_SECONDS = 300;
/** The share of the function's timeout whose p99 duration alarms: invocations near their limit are about to fail. */
export const SLOW_SHARE_OF_TIMEOUT = 0.8;

export interface WorkloadAlarmsProps {
  /** The workload's resource names: the function, the topic and the alarms are named from them. */
  readonly names: WorkloadNames;
  /** The workload's account: only its alarms may publish. */
  readonly accountId: string;
  /** The workload's key; it encrypts the topic. */
  readonly keyArn: string;
  /** The function's timeout in seconds: latency alarms at SLOW_SHARE_OF_TIMEOUT of it. */
  readonly timeoutSeconds: number;
  /** The dead-letter queues' names whose depth alarms. */
  readonly deadLetterQueueNames: readonly string[];
  /** The team's on-call inbox. */
  readonly email: string;
}

/** The topic and the alarms. */
export class WorkloadAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: WorkloadAlarmsProps) {
    super(scope, id);
    const { names } = props;
    const topic = addNotificationTopic(this, {
      topicName: names.alarmTopicName,
      kmsKeyArn: props.keyArn,
      // The workload's account's CloudWatch alarms publish, and nothing else.
      publisher: (topicArn) => cloudWatchAlarmsPublish(topicArn, props.accountId),
      email: props.email,
    });
    const actions = { alarmActions: [topic.arn], okActions: [topic.arn], treatMissingData: "notBreaching" };
    const lambda = (
      suffix: string,
      metricName: string,
      description: string,
      functionName: string = names.functionName,
    ) =>
      this.alarms.push(
        new CloudwatchMetricAlarm(this, suffix, {
          alarmName: `${names.base}-${suffix}`,
          alarmDescription: description,
          namespace: "AWS/Lambda",
          metricName,
          dimensions: { FunctionName: functionName },
          statistic: "Sum",
          period: PERIOD_SECONDS,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          ...actions,
        }),
      );
    lambda("errors", "Errors", `${names.functionName} failed an invocation`);
    lambda(
      "throttles",
      "Throttles",
      `${names.functionName} refused an invocation at its reserved concurrency`,
    );
    // A rotation that fails leaves the secret's pending version in place, and every later rotation fails on it
    // (rotate-secrets_lambda-functions.html): the old value stays current until someone looks.
    lambda(
      "rotation-errors",
      "Errors",
      `${names.rotation.functionName} failed a step of rotating ${names.secretName}`,
      names.rotation.functionName,
    );
    this.alarms.push(
      new CloudwatchMetricAlarm(this, "duration", {
        alarmName: `${names.base}-duration`,
        alarmDescription: `${names.functionName}'s slowest invocations near their timeout`,
        namespace: "AWS/Lambda",
        metricName: "Duration",
        dimensions: { FunctionName: names.functionName },
        extendedStatistic: "p99",
        period: PERIOD_SECONDS,
        evaluationPeriods: 1,
        threshold: Math.round(props.timeoutSeconds * 1000 * SLOW_SHARE_OF_TIMEOUT),
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        ...actions,
      }),
    );
    for (const queueName of props.deadLetterQueueNames) {
      this.alarms.push(
        new CloudwatchMetricAlarm(this, `depth-${queueName}`, {
          alarmName: `${queueName}-depth`,
          alarmDescription: `Messages are waiting in ${queueName}: work that failed every retry`,
          namespace: "AWS/SQS",
          metricName: "ApproximateNumberOfMessagesVisible",
          dimensions: { QueueName: queueName },
          statistic: "Maximum",
          period: PERIOD_SECONDS,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          ...actions,
        }),
      );
    }
  }
}
