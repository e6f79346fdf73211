// A KMS-encrypted SNS topic that one AWS service publishes to and the security team's inbox receives
// (164.308(a)(1)(ii)(D) activity review: findings and alarms reach a person).
import { Construct } from "constructs";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { PolicyStatement, renderPolicy } from "../src/policies/policy-document";

export interface NotificationTopicProps {
  /** The topic's name. */
  readonly topicName: string;
  /** The topic's key (same account and region). */
  readonly kmsKeyArn: string;
  /** The statements that let the publishing services publish; their Resource is filled in with the topic. */
  readonly publisher: (topicArn: string) => PolicyStatement | readonly PolicyStatement[];
  /**
   * Another account allowed to subscribe its own endpoints.
   * @default - none
   */
  readonly subscriberAccountId?: string;
  /** The security team's alert inbox. */
  readonly email: string;
}

/**
 * CloudWatch alarms of one account publishing to a topic: the service principal, limited to the account whose alarms
 * they are (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).
 */
export function cloudWatchAlarmsPublish(topicArn: string, accountId: string): PolicyStatement {
  return {
    Sid: "CloudWatchAlarmsInThisAccountPublish",
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: "sns:Publish",
    Resource: topicArn,
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  };
}

/**
 * Adds the topic, its policy and the email subscription directly to `scope` (IDs `topic`, `topic-policy`,
 * `email`), so constructs that already own these resources keep their addresses.
 */
export function addNotificationTopic(scope: Construct, props: NotificationTopicProps): SnsTopic {
  const topic = new SnsTopic(scope, "topic", { name: props.topicName, kmsMasterKeyId: props.kmsKeyArn });
  new SnsTopicPolicy(scope, "topic-policy", {
    arn: topic.arn,
    policy: renderPolicy({
      Version: "2012-10-17",
      Statement: [
        ...[props.publisher(topic.arn)].flat(),
        ...(props.subscriberAccountId
          ? [
              // Services can only publish to a topic in their own account, so the security team's account reaches
              // them by subscribing its own queues or functions here.
              {
                Sid: "SecurityAccountSubscribes",
                Effect: "Allow" as const,
                Principal: { AWS: `arn:aws:iam::${props.subscriberAccountId}:root` },
                Action: ["sns:GetTopicAttributes", "sns:Subscribe"],
                Resource: topic.arn,
              },
            ]
          : []),
      ],
    }),
  });
  new SnsTopicSubscription(scope, "email", { topicArn: topic.arn, protocol: "email", endpoint: props.email });
  return topic;
}
