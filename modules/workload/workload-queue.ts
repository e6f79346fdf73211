// A workload's queue with its dead-letter queue, both encrypted with the workload's key, reachable only over TLS and
// only by the workload's role and the administrators: a message that fails maxReceiveCount times is kept, not
// lost, and an alarm can see it (164.312(a)(2)(iv), 164.312(c)(1) integrity, 164.312(e)(1) transmission security).
import { Construct } from "constructs";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { renderPolicy } from "../../src/policies/policy-document";
import { queuePolicy } from "../../src/policies/workload";
import { requireKeyArn } from "./application-key";

/** Receives before a message moves to the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;
/** How long SQS keeps a dead-lettered message: its longest, 14 days, to investigate and replay. */
export const DEAD_LETTER_RETENTION_SECONDS = 1_209_600;
/** How long KMS data keys are reused before SQS asks KMS again (AWS's default, 5 minutes). */
const DATA_KEY_REUSE_SECONDS = 300;

export interface WorkloadQueueProps {
  /** The queue's name. */
  readonly queueName: string;
  /**
   * The dead-letter queue's name.
   * @default - no redrive: for a queue that is itself a dead-letter queue
   */
  readonly deadLetterName?: string;
  /** The workload's key. */
  readonly encryptionKeyArn: string;
  /** The principals that use the queue: the workload's role and the administrators (workloadPrincipalArns). */
  readonly principalArns: readonly string[];
  /**
   * How long a received message stays invisible to other consumers, in seconds; at least the consumer's timeout.
   * @default 30
   */
  readonly visibilityTimeoutSeconds?: number;
}

/** A KMS-encrypted queue, TLS only, with its dead-letter queue when named. */
export class WorkloadQueue extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetter?: SqsQueue;

  constructor(scope: Construct, id: string, props: WorkloadQueueProps) {
    super(scope, id);
    requireKeyArn(this, "encryptionKeyArn", props.encryptionKeyArn);
    const encrypted = {
      kmsMasterKeyId: props.encryptionKeyArn,
      kmsDataKeyReusePeriodSeconds: DATA_KEY_REUSE_SECONDS,
    };
    if (props.deadLetterName) {
      this.deadLetter = new SqsQueue(this, "dead-letter", {
        name: props.deadLetterName,
        messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
        ...encrypted,
      });
      this.protect("dead-letter-policy", this.deadLetter, props.principalArns);
    }
    this.queue = new SqsQueue(this, "queue", {
      name: props.queueName,
      visibilityTimeoutSeconds: props.visibilityTimeoutSeconds ?? 30,
      ...(props.deadLetterName ? {} : { messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS }),
      ...encrypted,
      ...(this.deadLetter
        ? {
            redrivePolicy: JSON.stringify({
              deadLetterTargetArn: this.deadLetter.arn,
              maxReceiveCount: MAX_RECEIVE_COUNT,
            }),
          }
        : {}),
    });
    this.protect("policy", this.queue, props.principalArns);
  }

  /** The queue's policy (src/policies/workload.ts, queuePolicy): TLS only, and the workload's alone. */
  private protect(id: string, queue: SqsQueue, principalArns: readonly string[]): void {
    new SqsQueuePolicy(this, id, {
      queueUrl: queue.url,
      policy: renderPolicy(queuePolicy(queue.arn, principalArns)),
    });
  }
}
