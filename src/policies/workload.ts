// The serverless-api blueprint's names and policies (docs/workloads.md): what a workload's function may do (its
// execution role: only its own table, bucket, queues, log group and key, nothing by wildcard) and who may use its
// application key (only its role, only through the services it uses, with an encryption context naming its own
// resources), 164.312(a)(1) access control, 164.312(a)(2)(iv) encryption at rest, 164.308(a)(4).
import { logGroupArn, logStreamIn } from "./arns";
import {
  administratorArns,
  KeyAdministrators,
  SERVICE_DATA_KEY_ACTIONS,
  snsPublisherKeyUse,
} from "./kms-policies";
import { PolicyCondition, PolicyDocument, PolicyStatement } from "./policy-document";
import { executionLogGroupName } from "./workload-api";
import { BUCKET_OBJECT_ACTIONS, workloadBucketNames } from "./workload-bucket";
import { SECRET_CONTEXT_KEY, secretArnPattern, secretReadStatement } from "./workload-secret";

/** AWS's pages each part of the blueprint follows, cited where the policy or setting is written. */
export const WORKLOAD_DOCS = {
  lambdaVpcPermissions:
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions",
  lambdaEnvironmentKey: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html",
  lambdaDeadLetter:
    "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-dlq",
  dynamodbKey: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html",
  sqsKey:
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html",
  logsKey: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
  tablePolicy:
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html",
} as const;

/** The IAM path of workload execution roles, so they list apart from the landing zone's own (and the SCP finds them). */
export const WORKLOAD_ROLE_PATH = "/workload/";

/**
 * What every workload's stack ID and function name start with: lz-core-guardrails' ProtectWorkloadFunctions keeps
 * functions of this name to the pipeline, so the prefix is reserved for the blueprint's functions.
 */
export const WORKLOAD_PREFIX = "workload-";

/**
 * The Lambda calls that change what a function runs, as whom, who may call it or how much it may run: refused on a
 * workload's function to everyone but the pipeline and break-glass, since whoever changes its code acts as its role.
 */
export const WORKLOAD_FUNCTION_CHANGE_ACTIONS = [
  "lambda:AddPermission",
  "lambda:CreateAlias",
  "lambda:CreateFunction",
  "lambda:CreateFunctionUrlConfig",
  "lambda:DeleteAlias",
  "lambda:DeleteFunction",
  "lambda:DeleteFunctionCodeSigningConfig",
  "lambda:DeleteFunctionConcurrency",
  "lambda:DeleteFunctionEventInvokeConfig",
  "lambda:PublishVersion",
  "lambda:PutFunctionCodeSigningConfig",
  "lambda:PutFunctionConcurrency",
  "lambda:PutFunctionEventInvokeConfig",
  "lambda:RemovePermission",
  "lambda:TagResource",
  "lambda:UntagResource",
  "lambda:UpdateAlias",
  "lambda:UpdateFunctionCode",
  "lambda:UpdateFunctionConfiguration",
  "lambda:UpdateFunctionEventInvokeConfig",
  "lambda:UpdateFunctionUrlConfig",
] as const;

/**
 * The tag a workload's API carries (value: `<environment>-<workload>`): API Gateway authorizes a change to an API
 * and its parts by the API's tags, so lz-core-guardrails' ProtectWorkloadApis finds the API by it. Reserved.
 */
export const WORKLOAD_TAG = "LandingZoneWorkload";

/**
 * API Gateway's management actions, each an HTTP verb on a path under the API
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html), and the policy update
 * that also needs PATCH
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html).
 */
export const API_CHANGE_ACTIONS = [
  "apigateway:DELETE",
  "apigateway:PATCH",
  "apigateway:POST",
  "apigateway:PUT",
  "apigateway:SetWebACL",
  "apigateway:UpdateRestApiPolicy",
] as const;

/** Where Lambda writes a function's logs by default: `/aws/lambda/<function>`. */
const LAMBDA_LOG_GROUP_PREFIX = "/aws/lambda/";

/** Where a workload API's access log goes: `/aws/apigateway/<function name>`. */
const API_ACCESS_LOG_GROUP_PREFIX = "/aws/apigateway/";

/**
 * The names of every workload's log groups, as ARN resource patterns: the function's, the API's access log and the
 * API's execution logs (named by API Gateway). lz-protect-security-services keeps them from deletion, re-keying and
 * shorter retention, as it does the session logs: without them a workload's calls go unrecorded.
 */
export const WORKLOAD_LOG_GROUP_PATTERNS = [
  `${LAMBDA_LOG_GROUP_PREFIX}${WORKLOAD_PREFIX}*`,
  `${API_ACCESS_LOG_GROUP_PREFIX}${WORKLOAD_PREFIX}*`,
  executionLogGroupName("*", "*"),
];

/** The names one function of a workload runs under: the function, its role, security group and log group. */
export interface FunctionIdentity {
  /** Starts with WORKLOAD_PREFIX: lz-core-guardrails keeps such functions to the pipeline. */
  readonly functionName: string;
  /** The execution role's name, under WORKLOAD_ROLE_PATH. */
  readonly roleName: string;
  /** The function's security group's name. */
  readonly securityGroupName: string;
  /** The function's log group, where Lambda writes by default. */
  readonly logGroupName: string;
}

/**
 * Every name a workload's resources carry: `<environment>-<workload>` and what it is. Its own function fields are the
 * application function's identity.
 */
export interface WorkloadNames extends FunctionIdentity {
  /** `<environment>-<workload>`: the table's name and the start of every other name but the function's. */
  readonly base: string;
  /** `workload-<environment>-<workload>`: the name lz-core-guardrails protects (WORKLOAD_PREFIX). */
  readonly functionName: string;
  /** The DynamoDB table's name. */
  readonly tableName: string;
  /** The queue the function hands work to. */
  readonly queueName: string;
  /** Where the queue's messages go after failing maxReceiveCount times. */
  readonly queueDeadLetterName: string;
  /** Where Lambda puts asynchronous invocations that failed every retry. */
  readonly functionDeadLetterName: string;
  /** The application key's alias without `alias/`. */
  readonly keyAlias: string;
  /** The topic the workload's alarms publish to. */
  readonly alarmTopicName: string;
  /** The private REST API's name. */
  readonly apiName: string;
  /** The API's one resource, `/<workload>`, which takes the POST its function serves. */
  readonly apiPath: string;
  /** The log group the API's stage writes its JSON access log to. */
  readonly apiAccessLogGroupName: string;
  /** The secret's name in Secrets Manager (its ARN adds `-` and six random characters). */
  readonly secretName: string;
  /** The function that rotates the secret: `workload-<base>-rotation`, protected as the application's is. */
  readonly rotation: FunctionIdentity;
}

/** The names of one workload's resources. */
export function workloadNames(organization: string, environment: string, workload: string): WorkloadNames {
  const base = `${environment}-${workload}`;
  return {
    base,
    functionName: `${WORKLOAD_PREFIX}${base}`,
    tableName: base,
    queueName: `${base}-work`,
    queueDeadLetterName: `${base}-work-dlq`,
    functionDeadLetterName: `${base}-invoke-dlq`,
    roleName: `${base}-function`,
    securityGroupName: `${base}-function`,
    keyAlias: `${organization}/workload/${base}`,
    logGroupName: `${LAMBDA_LOG_GROUP_PREFIX}${WORKLOAD_PREFIX}${base}`,
    alarmTopicName: `${base}-alarms`,
    apiName: base,
    apiPath: workload,
    apiAccessLogGroupName: `${API_ACCESS_LOG_GROUP_PREFIX}${WORKLOAD_PREFIX}${base}`,
    secretName: `workload/${base}`,
    rotation: {
      functionName: `${WORKLOAD_PREFIX}${base}-rotation`,
      roleName: `${base}-rotation`,
      securityGroupName: `${base}-rotation`,
      logGroupName: `${LAMBDA_LOG_GROUP_PREFIX}${WORKLOAD_PREFIX}${base}-rotation`,
    },
  };
}

/** The ARNs of one workload's resources in its account and region. */
export interface WorkloadArns {
  readonly accountId: string;
  readonly region: string;
  readonly names: WorkloadNames;
}

export const workloadArn = {
  table: ({ region, accountId, names }: WorkloadArns) =>
    `arn:aws:dynamodb:${region}:${accountId}:table/${names.tableName}`,
  queue: ({ region, accountId }: WorkloadArns, name: string) => `arn:aws:sqs:${region}:${accountId}:${name}`,
  /** A function's log group: the application's by default. */
  logGroup: ({ region, accountId, names }: WorkloadArns, identity: FunctionIdentity = names) =>
    logGroupArn(region, accountId, identity.logGroupName),
  /** Any log group of the workload's account and region, by name. */
  namedLogGroup: ({ region, accountId }: WorkloadArns, name: string) => logGroupArn(region, accountId, name),
  /** A function: the application's by default. */
  function: ({ region, accountId, names }: WorkloadArns, identity: FunctionIdentity = names) =>
    `arn:aws:lambda:${region}:${accountId}:function:${identity.functionName}`,
  /** A function's execution role: the application's by default. */
  role: ({ accountId, names }: WorkloadArns, identity: FunctionIdentity = names) =>
    `arn:aws:iam::${accountId}:role${WORKLOAD_ROLE_PATH}${identity.roleName}`,
  bucket: (arns: WorkloadArns) => `arn:aws:s3:::${workloadBucketNames(arns).bucket}`,
};

/** What every workload function's role names to run: its own log group, subnets and security group. */
export interface FunctionRuntimeContext extends WorkloadArns {
  /** Whose role: the application function's or the rotation function's names. */
  readonly identity: FunctionIdentity;
  /** The private subnets' ARNs the function's network interfaces go in. */
  readonly subnetArns: readonly string[];
  /** The function's security group's ARN. */
  readonly securityGroupArn: string;
}

/** What a function's own statements name besides the workload's resources. */
export interface PurposeContext extends WorkloadArns {
  /** The application key's ARN. */
  readonly keyArn: string;
}

/** The table actions the function needs for single-item writes and reads, nothing that scans or deletes. */
export const TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:Query",
];

/** The key through the named services only, from an identity policy of the workload's account. */
function keyThrough(ctx: PurposeContext, sid: string, services: readonly string[]): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: ctx.keyArn,
    Condition: {
      StringEquals: { "kms:ViaService": services.map((service) => `${service}.${ctx.region}.amazonaws.com`) },
    },
  };
}

/** What every workload function's role needs to run in the VPC and write its logs, nothing more. */
export function functionRuntimeStatements(ctx: FunctionRuntimeContext): PolicyStatement[] {
  const eni = `arn:aws:ec2:${ctx.region}:${ctx.accountId}:network-interface/*`;
  return [
    // Lambda writes the function's output to this group (created by the blueprint, so no logs:CreateLogGroup);
    // stream names are chosen by Lambda at run time, hence the one trailing wildcard.
    {
      Sid: "WriteOwnLogStreams",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: logStreamIn(workloadArn.logGroup(ctx, ctx.identity), "*"),
    },
    // Lambda creates and manages the function's network interfaces with the execution role
    // (configuration-vpc.html#configuration-vpc-permissions): creation is limited to the environment's private
    // subnets and the function's own security group; interface IDs are chosen by EC2, hence network-interface/*.
    {
      Sid: "CreateInterfacesInOwnSubnets",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterface",
      Resource: [...ctx.subnetArns, ctx.securityGroupArn, eni],
    },
    {
      Sid: "ManageOwnAccountInterfaces",
      Effect: "Allow",
      Action: [
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
      ],
      Resource: eni,
    },
    // IAM gives these two actions no resource type: "*" is the only resource AWS accepts for them.
    {
      Sid: "DescribeNetwork",
      Effect: "Allow",
      Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
      Resource: "*",
    },
  ];
}

/** The application function's own statements: its own resources only (docs/workloads.md, "What the role may do"). */
export function applicationStatements(ctx: PurposeContext): PolicyStatement[] {
  return [
    {
      Sid: "ReadWriteOwnTable",
      Effect: "Allow",
      Action: TABLE_ACTIONS,
      Resource: workloadArn.table(ctx),
    },
    // The work queue, and the function's dead-letter queue, which Lambda sends to with the execution role
    // (invocation-async-retain-records.html#invocation-dlq).
    {
      Sid: "SendToOwnQueues",
      Effect: "Allow",
      Action: "sqs:SendMessage",
      Resource: [
        workloadArn.queue(ctx, ctx.names.queueName),
        workloadArn.queue(ctx, ctx.names.functionDeadLetterName),
      ],
    },
    // The bucket's objects, one at a time: no listing, deleting or sharing.
    {
      Sid: "ReadWriteOwnObjects",
      Effect: "Allow",
      Action: BUCKET_OBJECT_ACTIONS,
      Resource: `${workloadArn.bucket(ctx)}/*`,
    },
    // The current value of its secret, nothing that writes or rotates it (src/policies/workload-secret.ts).
    secretReadStatement(ctx),
    // The key behind the table, the queues and the bucket, through those services only: DynamoDB reads and writes
    // the table under it, an SQS producer generates and decrypts the queue's data keys (sqs-key-management.html),
    // and S3 generates and decrypts the objects' keys with the caller's permissions (UsingKMSEncryption.html).
    keyThrough(ctx, "UseApplicationKeyThroughOwnServices", ["dynamodb", "sqs", "s3"]),
    // Secrets Manager decrypts the secret's value with the caller's permissions, the secret's ARN in the context
    // (SECRET_DOCS.encryption): only for its own secret.
    {
      Sid: "DecryptOwnSecret",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: ctx.keyArn,
      Condition: {
        StringEquals: { "kms:ViaService": `secretsmanager.${ctx.region}.amazonaws.com` },
        StringLike: { [SECRET_CONTEXT_KEY]: secretArnPattern(ctx) },
      },
    },
    // Lambda decrypts the function's environment with the execution role (configuration-envvars-encryption.html).
    {
      Sid: "DecryptOwnEnvironment",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: ctx.keyArn,
      Condition: { StringEquals: { "kms:ViaService": `lambda.${ctx.region}.amazonaws.com` } },
    },
  ];
}

/**
 * The rotation function's own statements beyond rotating its secret (src/policies/workload-secret.ts): sending a
 * failed asynchronous invocation to the workload's invoke dead-letter queue, under the key through SQS.
 */
export function rotationDeadLetterStatements(ctx: PurposeContext): PolicyStatement[] {
  return [
    {
      Sid: "SendToDeadLetterQueue",
      Effect: "Allow",
      Action: "sqs:SendMessage",
      Resource: workloadArn.queue(ctx, ctx.names.functionDeadLetterName),
    },
    keyThrough(ctx, "UseApplicationKeyThroughSqs", ["sqs"]),
  ];
}

/** Who may use the application key beyond its administrators. */
export interface ApplicationKeyContext extends WorkloadArns {
  /** The key's administrators: the pipeline's deploy role and break-glass. */
  readonly admins: KeyAdministrators;
}

/**
 * The workload's log groups the key encrypts: the function's, the API's access log and the API's execution log
 * (named by API Gateway after the API's ID, src/policies/workload-api.ts).
 */
export function workloadLogGroupArns(ctx: WorkloadArns & { readonly restApiId: string }): string[] {
  return [
    workloadArn.logGroup(ctx),
    workloadArn.logGroup(ctx, ctx.names.rotation),
    workloadArn.namedLogGroup(ctx, ctx.names.apiAccessLogGroupName),
    workloadArn.namedLogGroup(ctx, executionLogGroupName(ctx.restApiId)),
  ];
}

/** Who else the key policy names: the roles that deploy and plan the workload's stack. */
export interface PipelineRoles {
  /** The deploy role in the workload's account: it creates the table and the function under the key. */
  readonly deployRoleArn: string;
  /** The read-only plan role in the workload's account: plans and drift read the function's environment. */
  readonly planRoleArn: string;
}

/**
 * The application key's use statements: the workload's role through DynamoDB (context: its table), SQS (its
 * queues' data keys) and Lambda (its function's environment); the pipeline setting up the table and the function;
 * CloudWatch Logs encrypting the function's log group.
 */
export function applicationKeyUse(
  ctx: ApplicationKeyContext &
    PipelineRoles & {
      readonly restApiId: string;
      /** AWS Backup's roles in the account, which back the table and the bucket up. */
      readonly backupRoleArns: readonly string[];
      /** Whether the workload's code is signed: the pipeline stores it in the code bucket under the key. */
      readonly signCode: boolean;
    },
): PolicyStatement[] {
  const role = workloadArn.role(ctx);
  const rotationRole = workloadArn.role(ctx, ctx.names.rotation);
  const root = `arn:aws:iam::${ctx.accountId}:root`;
  const via = (service: string) => `${service}.${ctx.region}.amazonaws.com`;
  const secret = { StringLike: { [SECRET_CONTEXT_KEY]: secretArnPattern(ctx) } };
  const codeBucket = `arn:aws:s3:::${workloadBucketNames(ctx).code}`;
  // One of the workload's roles generating and decrypting data keys through one service, with that service's context.
  const roleThrough = (
    sid: string,
    service: string,
    context: PolicyCondition = {},
    { principal = role, actions = ["kms:Decrypt", "kms:GenerateDataKey"] } = {},
  ): PolicyStatement => ({
    Sid: sid,
    Effect: "Allow",
    Principal: { AWS: root },
    Action: actions.length === 1 ? actions[0] : actions,
    Resource: "*",
    Condition: {
      ArnEquals: { "aws:PrincipalArn": principal },
      StringEquals: { "kms:ViaService": via(service) },
      ...context,
    },
  });
  return [
    // DynamoDB uses the key on the caller's behalf with the table's name in the encryption context; the actions
    // and the region-independent ViaService pattern are AWS's (encryption.usagenotes.html): only the workload's
    // role, only for its own table.
    {
      Sid: "WorkloadRoleThroughDynamoDbOwnTable",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: DYNAMODB_KEY_ACTIONS,
      Resource: "*",
      Condition: {
        ArnEquals: { "aws:PrincipalArn": role },
        StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" },
        StringEquals: { "kms:EncryptionContext:aws:dynamodb:tableName": ctx.names.tableName },
      },
    },
    // An SQS producer needs GenerateDataKey and Decrypt, a consumer Decrypt (sqs-key-management.html). AWS's page
    // documents no encryption context for SQS, so the queue is not named here: the role and the service are.
    roleThrough("WorkloadRoleThroughSqs", "sqs"),
    // S3 generates and decrypts object keys with the caller's permissions, with the bucket's ARN in the context when
    // S3 Bucket Keys are on (as the blueprint's bucket has them) and the object's otherwise (bucket-key.html): only
    // the workload's role, only for its own bucket.
    roleThrough("WorkloadRoleThroughS3OwnBucket", "s3", {
      ArnLike: {
        "kms:EncryptionContext:aws:s3:arn": [workloadArn.bucket(ctx), `${workloadArn.bucket(ctx)}/*`],
      },
    }),
    // Secrets Manager decrypts a secret's value with the caller's permissions, the secret's ARN in the context
    // (SECRET_DOCS.encryption): the workload's role reads its own secret and no other.
    roleThrough("WorkloadRoleReadsOwnSecret", "secretsmanager", secret, { actions: ["kms:Decrypt"] }),
    // The rotation function's role puts new values (GenerateDataKey) and reads the pending one (Decrypt), for its
    // own secret only: AWS's customer-managed-key statement for a rotation role (SECRET_DOCS.rotationRole) through
    // Secrets Manager. And it sends a failed asynchronous invocation to the dead-letter queue through SQS.
    roleThrough("RotationRoleRotatesOwnSecret", "secretsmanager", secret, { principal: rotationRole }),
    roleThrough("RotationRoleThroughSqs", "sqs", {}, { principal: rotationRole }),
    // Lambda decrypts the function's environment with the execution role when it starts the function, with the
    // function's ARN in the context (configuration-envvars-encryption.html; the context key as encrypt-zip-package.html
    // conditions on it).
    {
      Sid: "WorkloadRoleDecryptsOwnEnvironment",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: {
        ArnEquals: { "aws:PrincipalArn": role },
        StringEquals: {
          "kms:ViaService": via("lambda"),
          "kms:EncryptionContext:aws:lambda:FunctionArn": workloadArn.function(ctx),
        },
      },
    },
    // The pipeline creates the table and the function under the key: "DynamoDB must have permission to call
    // CreateGrant on behalf of the user who created the encrypted table" (encryption.usagenotes.html), and Lambda
    // needs kms:CreateGrant and kms:Encrypt (kms:Decrypt to read the values back) from whoever configures the key
    // (configuration-envvars-encryption.html).
    {
      Sid: "PipelineSetsUpTableAndFunction",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: DYNAMODB_KEY_ACTIONS,
      Resource: "*",
      Condition: {
        ArnEquals: { "aws:PrincipalArn": ctx.deployRoleArn },
        StringLike: { "kms:ViaService": ["dynamodb.*.amazonaws.com", via("lambda")] },
      },
    },
    // The pipeline puts each function's code in the code bucket under the key, Signer reads it and writes it signed
    // there, and Lambda reads it back at deployment, each through S3 with the bucket's ARN in the context
    // (bucket-key.html); that Signer and Lambda call S3 as the pipeline (forward access) is assumed, not documented.
    ...(ctx.signCode
      ? [
          roleThrough(
            "PipelineStoresCode",
            "s3",
            {
              ArnLike: {
                "kms:EncryptionContext:aws:s3:arn": [codeBucket, `${codeBucket}/*`],
              },
            },
            { principal: ctx.deployRoleArn },
          ),
        ]
      : []),
    // AWS Backup backs the table up and restores it with its role through DynamoDB ("you must add the permissions
    // kms:Decrypt and kms:GenerateDataKey to the IAM role used for backup", aws-backup encryption.html; AWS's
    // KMSDynamoDBPermissions in AWSBackupServiceRolePolicyForBackup), with the table in the context, and the bucket
    // through S3 (Decrypt to back up, GenerateDataKey to restore: AWSBackupServiceRolePolicyForS3Backup and
    // ...S3Restore), with the bucket in the context. DescribeKey carries no encryption context, so it stands apart.
    ...(ctx.backupRoleArns.length > 0
      ? [
          {
            Sid: "BackupThroughDynamoDbOwnTable",
            Effect: "Allow" as const,
            Principal: { AWS: root },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: {
              ArnLike: { "aws:PrincipalArn": [...ctx.backupRoleArns] },
              StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" },
              StringEquals: { "kms:EncryptionContext:aws:dynamodb:tableName": ctx.names.tableName },
            },
          },
          {
            Sid: "BackupThroughS3OwnBucket",
            Effect: "Allow" as const,
            Principal: { AWS: root },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: {
              ArnLike: {
                "aws:PrincipalArn": [...ctx.backupRoleArns],
                "kms:EncryptionContext:aws:s3:arn": [workloadArn.bucket(ctx), `${workloadArn.bucket(ctx)}/*`],
              },
              StringEquals: { "kms:ViaService": via("s3") },
            },
          },
          {
            Sid: "BackupDescribesKey",
            Effect: "Allow" as const,
            Principal: { AWS: root },
            Action: "kms:DescribeKey",
            Resource: "*",
            Condition: { ArnLike: { "aws:PrincipalArn": [...ctx.backupRoleArns] } },
          },
        ]
      : []),
    // Plans and drift read the function's configuration with the read-only plan role; without Decrypt Lambda
    // returns the environment without its variables ("users without kms:Decrypt can't view environment variables",
    // configuration-envvars-encryption.html) and every plan would set them again. The variables hold no secrets
    // (hipaa-lambda-environment-no-secrets); this admits the one function's context, through Lambda only.
    // The role is named as the principal (it exists: the account's baseline creates it first), so its
    // ReadOnlyAccess, which has no kms:Decrypt, needs no widening.
    {
      Sid: "PlanRoleReadsOwnFunctionEnvironment",
      Effect: "Allow",
      Principal: { AWS: ctx.planRoleArn },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": via("lambda"),
          "kms:EncryptionContext:aws:lambda:FunctionArn": workloadArn.function(ctx),
        },
      },
    },
    // CloudWatch alarms of this account publish to the workload's encrypted alarm topic: each message needs a data
    // key (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
    snsPublisherKeyUse("CloudWatchAlarmsPublish", "cloudwatch.amazonaws.com", ctx.accountId),
    // CloudWatch Logs encrypts the workload's log groups and no other (encrypt-log-data-kms.html).
    {
      Sid: "CloudWatchLogsEncryptsOwnLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${ctx.region}.amazonaws.com` },
      Action: ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": workloadLogGroupArns(ctx) } },
    },
  ];
}

/**
 * What DynamoDB needs on a customer managed key, as AWS lists it (encryption.usagenotes.html: Encrypt, Decrypt,
 * ReEncrypt*, GenerateDataKey*, DescribeKey, CreateGrant): the landing zone's service data-key actions exactly.
 */
export const DYNAMODB_KEY_ACTIONS = SERVICE_DATA_KEY_ACTIONS;

/**
 * What only the workload's role, the administrators and AWS Backup may do to the table: its items by any API, and
 * whatever would hand them to someone else (a copy, an export, a restore into a new table) or strip its protection
 * (its policy, its key or streams, point-in-time recovery, deletion protection).
 */
export const TABLE_PROTECTED_ACTIONS = [
  "dynamodb:BatchGetItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:CreateBackup",
  "dynamodb:DeleteItem",
  "dynamodb:DeleteResourcePolicy",
  "dynamodb:DeleteTable",
  "dynamodb:ExportTableToPointInTime",
  "dynamodb:GetItem",
  "dynamodb:PartiQLDelete",
  "dynamodb:PartiQLInsert",
  "dynamodb:PartiQLSelect",
  "dynamodb:PartiQLUpdate",
  "dynamodb:PutItem",
  "dynamodb:PutResourcePolicy",
  "dynamodb:Query",
  "dynamodb:RestoreTableToPointInTime",
  "dynamodb:Scan",
  "dynamodb:UpdateContinuousBackups",
  "dynamodb:UpdateItem",
  "dynamodb:UpdateTable",
];

/**
 * The table's resource policy: its items, and every way to copy them out or strip the table's protection, are the
 * workload's role's, the administrators' (the pipeline and break-glass) and AWS Backup's alone, whatever IAM policy
 * another principal of the account holds (PowerUserAccess included). DynamoDB decrypts a table for whoever IAM lets
 * in (the grants it creates with the table serve every later reader; the plan role's data-read deny says the same),
 * so the key alone is no barrier between two roles of one account: this policy is (WORKLOAD_DOCS.tablePolicy).
 */
export function tableResourcePolicy(
  ctx: ApplicationKeyContext & { readonly backupRoleArns: readonly string[] },
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OnlyTheWorkloadReachesItems",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: TABLE_PROTECTED_ACTIONS,
        // The table and anything under it (its indexes, streams and exports).
        Resource: [workloadArn.table(ctx), `${workloadArn.table(ctx)}/*`],
        Condition: {
          ArnNotLike: {
            "aws:PrincipalArn": [
              workloadArn.role(ctx),
              ...administratorArns(ctx.admins),
              ...ctx.backupRoleArns,
            ],
          },
        },
      },
    ],
  };
}

/** The HIPAA rules checked at synth that the blueprint's constructs also enforce on their props. */
export const WORKLOAD_RULE_IDS = {
  insideVpc: "hipaa-lambda-inside-vpc",
  deadLetter: "hipaa-lambda-dlq",
  tableKey: "hipaa-dynamodb-kms",
  tableRecovery: "hipaa-dynamodb-pitr",
  tableBackupSelected: "hipaa-dynamodb-backup-selected",
  leastPrivilege: "hipaa-workload-role-least-privilege",
  noSecretsInEnvironment: "hipaa-lambda-environment-no-secrets",
  functionNotPublic: "hipaa-lambda-not-public",
  apiPrivate: "hipaa-api-private",
  apiLogged: "hipaa-api-logged",
  apiBackendCertificate: "hipaa-api-backend-certificate",
  secretKey: "hipaa-secret-kms",
  secretRotation: "hipaa-secret-rotation",
  codeSigning: "hipaa-lambda-code-signing",
} as const;

/**
 * Environment variable names that say they hold a secret. Lambda shows environment values to anyone who may call
 * GetFunctionConfiguration; a secret belongs in Secrets Manager (AWS's Lambda HIPAA guidance).
 */
export const SECRET_NAME_PATTERN = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_?KEY|API_?KEY|CREDENTIAL)/i;

/** A name ending `_ARN` holds where a secret is (an ARN is no secret), as the blueprint's `SECRET_ARN` does. */
const REFERENCE_SUFFIX = /_ARN$/i;

/** The variables whose names say they hold a secret, not where one is kept. */
export function secretVariableNames(names: readonly string[]): string[] {
  return names.filter((name) => SECRET_NAME_PATTERN.test(name) && !REFERENCE_SUFFIX.test(name));
}

/** What only the workload's role and the administrators may do with a workload queue: its messages and its settings. */
export const QUEUE_PROTECTED_ACTIONS = [
  "sqs:AddPermission",
  "sqs:ChangeMessageVisibility",
  "sqs:DeleteMessage",
  "sqs:DeleteQueue",
  "sqs:PurgeQueue",
  "sqs:ReceiveMessage",
  "sqs:RemovePermission",
  "sqs:SendMessage",
  "sqs:SetQueueAttributes",
  "sqs:StartMessageMoveTask",
  "sqs:TagQueue",
  "sqs:UntagQueue",
];

/** The principals a workload's queues and table admit: its role, the administrators (pipeline, break-glass). */
export function workloadPrincipalArns(ctx: ApplicationKeyContext): string[] {
  return [workloadArn.role(ctx), ...administratorArns(ctx.admins)];
}

/**
 * A workload queue's policy: TLS only, and its messages and settings the workload's alone. SQS encrypts with the
 * key on the caller's behalf, so the key already bars others from the messages; this also bars what needs no key
 * (purging, re-keying to SQS-managed encryption, deleting, changing the policy).
 */
export function queuePolicy(queueArn: string, principalArns: readonly string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      // Messages hold PHI: never over plain HTTP, whoever sends or reads them (164.312(e)(1); AWS's SQS best
      // practice, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html).
      {
        Sid: "DenyPlainHttp",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      // Another principal of the account with SQS rights (PowerUserAccess) would otherwise read, purge or re-key
      // the queue (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html).
      {
        Sid: "OnlyTheWorkloadUsesTheQueue",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: QUEUE_PROTECTED_ACTIONS,
        Resource: queueArn,
        Condition: { ArnNotLike: { "aws:PrincipalArn": [...principalArns] } },
      },
    ],
  };
}
