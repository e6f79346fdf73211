// The serverless-api blueprint: the Lambda HIPAA reference architecture as one construct a workload team deploys
// into its vended account (docs/workloads.md). Its key, private API, table, bucket, queues, function and alarms, each
// with the settings the HIPAA Security Rule asks for fixed, not offered as props (164.312(a)(1), (a)(2)(iv), (b),
// (c)(1), (d), (e)(1), 164.308(a)(7)(ii)(A)). Also its secret, rotated by a function of its own.
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { administratorArns, KeyAdministrators } from "../../src/policies/kms-policies";
import { workloadBucketNames } from "../../src/policies/workload-bucket";
import { PolicyStatement } from "../../src/policies/policy-document";
import {
  applicationStatements,
  PipelineRoles,
  tableResourcePolicy,
  workloadArn,
  workloadPrincipalArns,
  WorkloadNames,
} from "../../src/policies/workload";
import { ApplicationKey } from "./application-key";
import { WorkloadAlarms } from "./workload-alarms";
import { WorkloadApi } from "./workload-api";
import { WorkloadBucket } from "./workload-bucket";
import { WorkloadCodeSigning } from "./workload-code-signing";
import { FunctionNetwork, WorkloadFunction } from "./workload-function";
import { WorkloadQueue } from "./workload-queue";
import { WorkloadSecret } from "./workload-secret";
import { WorkloadTable } from "./workload-table";

/** Where in the environment's PHI VPC the functions run, and the API's way in. */
export interface WorkloadNetwork extends FunctionNetwork {
  /** The execute-api interface endpoint's ID: the API's only way in. */
  readonly apiEndpointId: string;
}

export interface ServerlessApiProps {
  /** The workload's resource names (src/policies/workload.ts, workloadNames). */
  readonly names: WorkloadNames;
  /** The workload's account. */
  readonly accountId: string;
  /** The workload's region: the environment's VPC's. */
  readonly region: string;
  /** Who administers the application key: the deploy role and break-glass. */
  readonly keyAdmins: KeyAdministrators;
  /** The deploy and plan roles of the workload's account, which the key policy names. */
  readonly pipeline: PipelineRoles;
  /** AWS Backup's roles in the account, which back the table up. */
  readonly backupRoleArns: readonly string[];
  /** Whether the environment holds PHI: the stores are tagged for the organization's backup policy. */
  readonly holdsPhi: boolean;
  /**
   * Whether the environment requires code signing (every PHI environment, `codeSigning` in its file): both functions'
   * code is signed by the workload's Signer profile and Lambda refuses any other.
   */
  readonly signCode: boolean;
  /** Where in the environment's PHI VPC the function runs. */
  readonly network: WorkloadNetwork;
  /** The handler's TypeScript source, as an absolute path. */
  readonly source: string;
  /** The handler as the configuration names it, for errors. */
  readonly sourceName: string;
  /** The table's partition key. */
  readonly partitionKey: string;
  /** Concurrent executions reserved for the function. */
  readonly reservedConcurrency: number;
  /** Seconds one invocation may run. */
  readonly timeoutSeconds: number;
  /** The function's memory in MB. */
  readonly memoryMb: number;
  /** Days logs are kept: the log archive's retention. */
  readonly logRetentionDays: number;
  /** The team's on-call inbox, subscribed to the workload's alarm topic. */
  readonly alarmEmail: string;
  /**
   * Statements the function's role gets besides the blueprint's own (hipaa-workload-role-least-privilege).
   * @default - none
   */
  readonly additionalStatements?: readonly PolicyStatement[];
}

/** One workload built from the serverless-api blueprint. */
export class ServerlessApi extends Construct {
  readonly key: ApplicationKey;
  readonly table: WorkloadTable;
  readonly bucket: WorkloadBucket;
  /** The work queue and its dead-letter queue. */
  readonly queue: WorkloadQueue;
  /** The function's dead-letter queue for failed asynchronous invocations. */
  readonly invokeDeadLetter: WorkloadQueue;
  readonly function: WorkloadFunction;
  readonly secret: WorkloadSecret;
  /** The Signer profile, code bucket and code signing configuration, where the environment requires signing. */
  readonly codeSigning?: WorkloadCodeSigning;
  readonly alarms: WorkloadAlarms;
  readonly api: WorkloadApi;

  constructor(scope: Construct, id: string, props: ServerlessApiProps) {
    super(scope, id);
    const { names } = props;
    this.key = new ApplicationKey(this, "key", {
      keyAdmins: props.keyAdmins,
      pipeline: props.pipeline,
      accountId: props.accountId,
      region: props.region,
      names,
      // The API is made below (it needs the function, which needs the key); the key policy names its execution
      // log group, which carries the API's ID: resolved at synth, and Terraform creates the API first.
      restApiId: Lazy.stringValue({ produce: () => this.api.restApi.id }),
      backupRoleArns: props.backupRoleArns,
      signCode: props.signCode,
    });
    this.table = new WorkloadTable(this, "table", {
      tableName: names.tableName,
      partitionKey: props.partitionKey,
      encryptionKeyArn: this.key.arn,
      holdsPhi: props.holdsPhi,
      resourcePolicy: tableResourcePolicy({
        accountId: props.accountId,
        region: props.region,
        names,
        admins: props.keyAdmins,
        backupRoleArns: props.backupRoleArns,
      }),
    });
    const principalArns = workloadPrincipalArns({
      accountId: props.accountId,
      region: props.region,
      names,
      admins: props.keyAdmins,
    });
    const bucketNames = workloadBucketNames(props);
    this.bucket = new WorkloadBucket(this, "bucket", {
      names,
      accountId: props.accountId,
      region: props.region,
      keyArn: this.key.arn,
      principalArns: [...principalArns, ...props.backupRoleArns],
      logRetentionDays: props.logRetentionDays,
      alsoLogged: props.signCode ? [bucketNames.code] : [],
    });
    this.codeSigning = props.signCode
      ? new WorkloadCodeSigning(this, "code-signing", {
          names,
          accountId: props.accountId,
          region: props.region,
          keyArn: this.key.arn,
          writerArns: administratorArns(props.keyAdmins),
          accessLogs: { bucket: this.bucket.accessLogs, bucketName: bucketNames.accessLogs },
        })
      : undefined;
    this.queue = new WorkloadQueue(this, "queue", {
      principalArns,
      queueName: names.queueName,
      deadLetterName: names.queueDeadLetterName,
      encryptionKeyArn: this.key.arn,
    });
    this.invokeDeadLetter = new WorkloadQueue(this, "invoke-dead-letter", {
      // Both functions' failed asynchronous invocations land here.
      principalArns: [...principalArns, workloadArn.role(props, names.rotation)],
      queueName: names.functionDeadLetterName,
      encryptionKeyArn: this.key.arn,
    });
    this.secret = new WorkloadSecret(this, "secret", {
      names,
      accountId: props.accountId,
      region: props.region,
      keyArn: this.key.arn,
      principalArns,
      network: props.network,
      deadLetterArn: this.invokeDeadLetter.queue.arn,
      logRetentionDays: props.logRetentionDays,
      codeSigning: this.codeSigning,
    });
    this.function = new WorkloadFunction(this, "function", {
      codeSigning: this.codeSigning,
      names,
      purpose: "its own table, queues, bucket, secret, logs and key only",
      statements: applicationStatements({ ...props, keyArn: this.key.arn }),
      accountId: props.accountId,
      region: props.region,
      source: props.source,
      sourceName: props.sourceName,
      vpcId: props.network.vpcId,
      subnetIds: props.network.subnetIds,
      subnetArns: props.network.subnetArns,
      endpointSecurityGroupId: props.network.endpointSecurityGroupId,
      gatewayPrefixListIds: props.network.gatewayPrefixListIds,
      keyArn: this.key.arn,
      deadLetterArn: this.invokeDeadLetter.queue.arn,
      // Names and addresses only: the handler reads nothing secret from its environment.
      environment: {
        TABLE_NAME: names.tableName,
        QUEUE_URL: this.queue.queue.url,
        BUCKET_NAME: this.bucket.bucket.bucketName,
        // The bucket refuses a write that does not name SSE-KMS and this key (src/policies/workload-bucket.ts).
        BUCKET_KEY_ARN: this.key.arn,
        // Where the secret is, not its value: the function reads it with GetSecretValue.
        SECRET_ARN: this.secret.secret.arn,
      },
      reservedConcurrency: props.reservedConcurrency,
      timeoutSeconds: props.timeoutSeconds,
      memoryMb: props.memoryMb,
      logRetentionDays: props.logRetentionDays,
      additionalStatements: props.additionalStatements,
    });
    this.api = new WorkloadApi(this, "api", {
      names,
      accountId: props.accountId,
      endpointId: props.network.apiEndpointId,
      functionName: this.function.function.functionName,
      functionInvokeArn: this.function.function.invokeArn,
      keyArn: this.key.arn,
      logRetentionDays: props.logRetentionDays,
    });
    this.alarms = new WorkloadAlarms(this, "alarms", {
      names,
      accountId: props.accountId,
      keyArn: this.key.arn,
      timeoutSeconds: props.timeoutSeconds,
      deadLetterQueueNames: [names.queueDeadLetterName, names.functionDeadLetterName],
      email: props.alarmEmail,
    });
  }
}
