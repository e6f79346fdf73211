// Access paths for each workload built from a blueprint (docs/workloads.md; 164.312(a)(1) access control,
// 164.312(a)(2)(iv) encryption): the workload's execution role reaches its own table, queues and key through their
// services; another role of the same account with AdministratorAccess, a Developer of another environment and a
// principal outside the organization reach none of them; CloudWatch Logs encrypts the function's log group only;
// the account's CloudWatch alarms, and no other account's, publish to the workload's encrypted alarm topic.
import { logGroupArn } from "../../policies/arns";
import { codeSigningOf, workloadStackId } from "../../config/model";
import { workloadArn, workloadNames, WORKLOAD_DOCS, WORKLOAD_TAG } from "../../policies/workload";
import {
  API_DOCS,
  API_INVOKE_ACTION,
  API_STAGE,
  apiGatewayLoggingRoleName,
  apiInvokeSourceArn,
  executionLogGroupName,
} from "../../policies/workload-api";
import { awsBackupRoleArns, roleArn } from "../../policies/kms-policies";
import { BUCKET_DOCS, workloadBucketNames } from "../../policies/workload-bucket";
import { SECRET_CONTEXT_KEY, SECRET_DOCS } from "../../policies/workload-secret";
import { CODE_PREFIXES, CODE_SIGNING_DOCS } from "../../policies/workload-code-signing";
import { PolicyDoc, SimulatedRequest } from "../simulator";
import { ResourceRef } from "../synthesized";
import { block, listOf } from "../rules/hipaa/rule";
import { tagContext } from "./account-keys";
import {
  AccessPath,
  ADMINISTRATOR_ACCESS,
  fromRole,
  fromService,
  logsGeneratesDataKey,
  LOGS_KMS_DOC,
  OUTSIDE_ACCOUNT,
  OUTSIDE_ROLE,
  PathContext,
  ssoRoleArn,
} from "./context";

const GROUP = "Workloads";

/** One workload's synthesized parts, found in its stack. */
interface WorkloadParts {
  readonly stack: string;
  readonly account: string;
  readonly region: string;
  readonly environment: string;
  readonly base: string;
  readonly roleArn: string;
  readonly keyArn: string;
  readonly tableArn: string;
  readonly tableName: string;
  readonly tablePolicy: PolicyDoc;
  readonly queueArn: string;
  readonly queuePolicy: PolicyDoc;
  readonly functionArn: string;
  readonly logGroupArn: string;
  readonly topicArn: string;
  readonly topicPolicy: PolicyDoc;
  /** The API's execute-api ARN (arn:aws:execute-api:<region>:<account>:<id>). */
  readonly apiExecutionArn: string;
  /** The API's ARN as API Gateway's management actions name it (arn:aws:apigateway:<region>::/restapis/<id>). */
  readonly apiArn: string;
  readonly apiPolicy: PolicyDoc;
  /** The API's tags as a request context (aws:ResourceTag/...), as synthesized: API Gateway authorizes by them. */
  readonly apiTags: Record<string, string>;
  /** The account's API Gateway logging role. */
  readonly apiLoggingRoleArn: string;
  /** The environment's execute-api endpoint, the API's only way in. */
  readonly apiEndpointId: string;
  /** The API's ID, which its execution log group's name carries. */
  readonly apiId: string;
  /** The API's one resource. */
  readonly apiPath: string;
  readonly bucketName: string;
  readonly secretArn: string;
  readonly secretPolicy: PolicyDoc;
  readonly rotationRoleArn: string;
  readonly rotationFunctionArn: string;
  /** The read-only plan role of the workload's account (roles.plan). */
  readonly planRoleArn: string;
  /** AWS Backup's roles in the workload's account, which the table's, the bucket's and the key's policies name. */
  readonly backupRoleArns: readonly string[];
  /** Where the environment requires code signing: the Signer profile, the configuration and the code bucket. */
  readonly signing?: {
    readonly profileArn: string;
    readonly configArn: string;
    readonly bucketName: string;
  };
}

/** The one resource of `type` in a workload stack whose construct path ends with `suffix`. */
function partOf(ctx: PathContext, stack: string, type: string, suffix: string): ResourceRef {
  const found = ctx.model.resources(type).filter((ref) => ref.stack === stack && ref.path.endsWith(suffix));
  if (found.length !== 1)
    throw new Error(`${stack}: expected one ${type} at */${suffix}, found ${found.length}`);
  return found[0];
}

/** A signing workload's profile, configuration and code bucket, as synthesized. */
function signingParts(ctx: PathContext, stack: string): NonNullable<WorkloadParts["signing"]> {
  const bucket = partOf(ctx, stack, "aws_s3_bucket", "code-signing/bucket/bucket");
  return {
    profileArn: ctx.model.attribute(
      partOf(ctx, stack, "aws_signer_signing_profile", "code-signing/profile"),
      "arn",
    ),
    configArn: ctx.model.attribute(
      partOf(ctx, stack, "aws_lambda_code_signing_config", "code-signing/config"),
      "arn",
    ),
    bucketName: String(ctx.model.argument(bucket, "bucket")),
  };
}

/** Every workload stack's parts, from the configuration's workloads and the synthesized stacks. */
function workloadParts(ctx: PathContext): WorkloadParts[] {
  const { model, config } = ctx;
  return config.environments.flatMap((env) =>
    env.workloads.map((workload): WorkloadParts => {
      const stack = workloadStackId(env.name, workload.name);
      const names = workloadNames(config.organization.name, env.name, workload.name);
      const fn = partOf(ctx, stack, "aws_lambda_function", "function/function");
      const table = partOf(ctx, stack, "aws_dynamodb_table", "table/table");
      const queue = partOf(ctx, stack, "aws_sqs_queue", "queue/queue");
      const queuePolicy = partOf(ctx, stack, "aws_sqs_queue_policy", "queue/policy");
      const tablePolicy = partOf(ctx, stack, "aws_dynamodb_resource_policy", "table/policy");
      const topic = partOf(ctx, stack, "aws_sns_topic", "alarms/topic");
      const topicPolicy = partOf(ctx, stack, "aws_sns_topic_policy", "alarms/topic-policy");
      const region = model.regionOf(fn);
      const account = model.accountOf(fn);
      const api = partOf(ctx, stack, "aws_api_gateway_rest_api", "api/api");
      const endpoints = block(model.argument(api, "endpoint_configuration"))?.vpc_endpoint_ids;
      return {
        stack,
        account,
        region,
        environment: env.name,
        base: names.base,
        roleArn: model.attribute(partOf(ctx, stack, "aws_iam_role", "function/role"), "arn"),
        keyArn: model.attribute(partOf(ctx, stack, "aws_kms_key", "key/key/key"), "arn"),
        tableArn: model.attribute(table, "arn"),
        tableName: names.tableName,
        tablePolicy: model.policyArgument(tablePolicy, "policy") as PolicyDoc,
        queueArn: model.attribute(queue, "arn"),
        queuePolicy: model.policyArgument(queuePolicy, "policy") as PolicyDoc,
        functionArn: model.attribute(fn, "arn"),
        logGroupArn: workloadArn.logGroup({ accountId: account, region, names }),
        topicArn: model.attribute(topic, "arn"),
        topicPolicy: model.policyArgument(topicPolicy, "policy") as PolicyDoc,
        apiExecutionArn: model.attribute(api, "execution_arn"),
        apiArn: `arn:aws:apigateway:${region}::/restapis/${model.attribute(api, "id")}`,
        apiPolicy: model.policyArgument(
          partOf(ctx, stack, "aws_api_gateway_rest_api_policy", "api/policy"),
          "policy",
        ) as PolicyDoc,
        apiTags: tagContext(ctx, api),
        apiId: model.attribute(api, "id"),
        apiLoggingRoleArn: roleArn({
          accountId: account,
          roleName: apiGatewayLoggingRoleName(config.organization.name, env.name),
        }),
        apiEndpointId: String(listOf(endpoints as string[] | undefined)[0]),
        apiPath: names.apiPath,
        bucketName: workloadBucketNames({ accountId: account, region, names }).bucket,
        secretArn: model.attribute(partOf(ctx, stack, "aws_secretsmanager_secret", "secret/secret"), "arn"),
        secretPolicy: model.policyArgument(
          partOf(ctx, stack, "aws_secretsmanager_secret_policy", "secret/policy"),
          "policy",
        ) as PolicyDoc,
        rotationRoleArn: model.attribute(partOf(ctx, stack, "aws_iam_role", "secret/rotation/role"), "arn"),
        rotationFunctionArn: model.attribute(
          partOf(ctx, stack, "aws_lambda_function", "secret/rotation/function"),
          "arn",
        ),
        planRoleArn: roleArn({ accountId: account, roleName: config.organization.roles.plan }),
        backupRoleArns: awsBackupRoleArns(account),
        signing: codeSigningOf(env) === "required" ? signingParts(ctx, stack) : undefined,
      };
    }),
  );
}

/** The paths of one workload. */
function pathsOf(ctx: PathContext, w: WorkloadParts): AccessPath[] {
  const { index } = ctx;
  const keyRef = partOf(ctx, w.stack, "aws_kms_key", "key/key/key");
  const keyLayers = {
    resource: w.keyArn,
    resourceAccount: w.account,
    resourcePolicy: index.keyPolicy(w.keyArn),
  };
  const tags = tagContext(ctx, keyRef);
  const via = (service: string) => `${service}.${w.region}.amazonaws.com`;
  const tableContext = {
    "kms:ViaService": via("dynamodb"),
    "kms:EncryptionContext:aws:dynamodb:tableName": w.tableName,
  };
  const role = (extra: Record<string, string> = {}) => ({
    ...fromRole(w.roleArn, ctx.orgId, w.region, { ...tags, ...extra }),
    identityPolicies: index.roleIdentityPolicies(w.roleArn),
    scps: index.scpLevels(w.account),
  });
  // Another function's role in the same account, with AdministratorAccess: only resource and key policies stop it.
  const neighbourArn = workloadArn.role({
    accountId: w.account,
    region: w.region,
    names: workloadNames(ctx.config.organization.name, w.environment, "other"),
  });
  const neighbour = (extra: Record<string, string> = {}) => ({
    ...fromRole(neighbourArn, ctx.orgId, w.region, { ...tags, ...extra }),
    identityPolicies: [ADMINISTRATOR_ACCESS],
    scps: index.scpLevels(w.account),
  });
  const table = {
    resource: w.tableArn,
    resourceAccount: w.account,
    resourcePolicy: w.tablePolicy,
    rcps: index.rcpLevels(w.account),
  };
  const queue = {
    resource: w.queueArn,
    resourceAccount: w.account,
    resourcePolicy: w.queuePolicy,
    rcps: index.rcpLevels(w.account),
  };
  const otherEnvironment = ctx.config.environments.find((env) => env.name !== w.environment);
  const developerAccount = otherEnvironment
    ? ctx.accounts.find((a) => a.name === otherEnvironment.accounts[0])
    : undefined;
  const id = (what: string) => `workload-${w.base}-${what}`;
  const { planRoleArn } = w;
  const paths: AccessPath[] = [
    {
      id: id("role-writes-table"),
      group: GROUP,
      title: `${w.base}'s function writes an item to its own table`,
      expect: "allow",
      doc: WORKLOAD_DOCS.dynamodbKey,
      build: () => ({ ...role(), action: "dynamodb:PutItem", ...table }),
    },
    {
      id: id("role-table-key"),
      group: GROUP,
      title: `DynamoDB generates ${w.base}'s table data key for its function's role`,
      expect: "allow",
      doc: WORKLOAD_DOCS.dynamodbKey,
      build: () => ({ ...role(tableContext), action: "kms:GenerateDataKey", ...keyLayers }),
    },
    {
      id: id("role-sends-queue"),
      group: GROUP,
      title: `${w.base}'s function sends to its own work queue`,
      expect: "allow",
      doc: WORKLOAD_DOCS.sqsKey,
      build: () => ({ ...role(), action: "sqs:SendMessage", ...queue }),
    },
    {
      id: id("role-queue-key"),
      group: GROUP,
      title: `SQS generates ${w.base}'s queue data key for its function's role`,
      expect: "allow",
      doc: WORKLOAD_DOCS.sqsKey,
      build: () => ({
        ...role({ "kms:ViaService": via("sqs") }),
        action: "kms:GenerateDataKey",
        ...keyLayers,
      }),
    },
    {
      id: id("role-environment"),
      group: GROUP,
      title: `Lambda decrypts ${w.base}'s environment with its function's role`,
      expect: "allow",
      doc: WORKLOAD_DOCS.lambdaEnvironmentKey,
      build: () => ({
        ...role({
          "kms:ViaService": via("lambda"),
          "kms:EncryptionContext:aws:lambda:FunctionArn": w.functionArn,
        }),
        action: "kms:Decrypt",
        ...keyLayers,
      }),
    },
    {
      id: id("role-no-raw-key-use"),
      group: GROUP,
      title: `${w.base}'s function role cannot decrypt with its key outside DynamoDB, SQS and Lambda`,
      expect: "deny",
      doc: WORKLOAD_DOCS.dynamodbKey,
      build: () => ({ ...role(), action: "kms:Decrypt", ...keyLayers }),
    },
    {
      id: id("role-not-other-table"),
      group: GROUP,
      title: `${w.base}'s function cannot write another table of its account`,
      expect: "deny",
      doc: WORKLOAD_DOCS.dynamodbKey,
      build: () => ({
        ...role(),
        action: "dynamodb:PutItem",
        resource: `arn:aws:dynamodb:${w.region}:${w.account}:table/${w.environment}-other`,
        resourceAccount: w.account,
      }),
    },
    {
      id: id("role-not-scan"),
      group: GROUP,
      title: `${w.base}'s function cannot scan or delete from its own table (single-item reads and writes only)`,
      expect: "deny",
      doc: WORKLOAD_DOCS.dynamodbKey,
      build: () => ({ ...role(), action: "dynamodb:Scan", ...table }),
    },
    {
      id: id("neighbour-table"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot read its table's items`,
      expect: "deny",
      doc: WORKLOAD_DOCS.tablePolicy,
      build: () => ({ ...neighbour(), action: "dynamodb:GetItem", ...table }),
    },
    {
      id: id("neighbour-table-key"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess is not admitted by its key through DynamoDB (the table's policy is what bars it: DynamoDB's grants serve readers)`,
      expect: "deny",
      doc: WORKLOAD_DOCS.dynamodbKey,
      build: () => ({ ...neighbour(tableContext), action: "kms:Decrypt", ...keyLayers }),
    },
    {
      id: id("neighbour-queue-key"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot read its queues (the key refuses it through SQS)`,
      expect: "deny",
      doc: WORKLOAD_DOCS.sqsKey,
      build: () => ({ ...neighbour({ "kms:ViaService": via("sqs") }), action: "kms:Decrypt", ...keyLayers }),
    },
    {
      id: id("plain-http-queue"),
      group: GROUP,
      title: `${w.base}'s function cannot send to its queue over plain HTTP`,
      expect: "deny",
      doc: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html",
      build: () => ({ ...role({ "aws:SecureTransport": "false" }), action: "sqs:SendMessage", ...queue }),
    },
    {
      id: id("logs-encrypts"),
      group: GROUP,
      title: `CloudWatch Logs encrypts ${w.base}'s function log group with its key`,
      expect: "allow",
      doc: LOGS_KMS_DOC,
      build: () => ({ ...logsGeneratesDataKey(w.region, w.logGroupArn), ...keyLayers }),
    },
    {
      id: id("logs-other-group"),
      group: GROUP,
      title: `CloudWatch Logs cannot encrypt another log group with ${w.base}'s key`,
      expect: "deny",
      doc: LOGS_KMS_DOC,
      build: () => ({
        ...logsGeneratesDataKey(w.region, logGroupArn(w.region, w.account, "/aws/lambda/other")),
        ...keyLayers,
      }),
    },
    {
      id: id("neighbour-table-policy"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot replace its table's policy or restore the table elsewhere`,
      expect: "deny",
      doc: WORKLOAD_DOCS.tablePolicy,
      build: () => ({ ...neighbour(), action: "dynamodb:PutResourcePolicy", ...table }),
    },
    {
      id: id("neighbour-table-restore"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot restore its table into a table of its own`,
      expect: "deny",
      doc: WORKLOAD_DOCS.tablePolicy,
      build: () => ({ ...neighbour(), action: "dynamodb:RestoreTableToPointInTime", ...table }),
    },
    {
      id: id("neighbour-queue-receive"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot receive, purge or re-key its queue`,
      expect: "deny",
      doc: WORKLOAD_DOCS.sqsKey,
      build: () => ({ ...neighbour(), action: "sqs:SetQueueAttributes", ...queue }),
    },
    ...escalationPaths(ctx, w, "an administrator", neighbourArn, [ADMINISTRATOR_ACCESS]),
    {
      id: id("plan-role-environment"),
      group: GROUP,
      title: `The read-only plan role reads ${w.base}'s function environment through Lambda (plans and drift compare it)`,
      expect: "allow",
      doc: WORKLOAD_DOCS.lambdaEnvironmentKey,
      build: () => ({
        ...fromRole(planRoleArn, ctx.orgId, w.region, {
          ...tags,
          "kms:ViaService": via("lambda"),
          "kms:EncryptionContext:aws:lambda:FunctionArn": w.functionArn,
        }),
        identityPolicies: index.roleIdentityPolicies(planRoleArn),
        scps: index.scpLevels(w.account),
        action: "kms:Decrypt",
        ...keyLayers,
      }),
    },
    {
      id: id("plan-role-no-table-data"),
      group: GROUP,
      title: `The read-only plan role cannot read ${w.base}'s table items`,
      expect: "deny",
      doc: WORKLOAD_DOCS.tablePolicy,
      build: () => ({
        ...fromRole(planRoleArn, ctx.orgId, w.region),
        identityPolicies: index.roleIdentityPolicies(planRoleArn),
        scps: index.scpLevels(w.account),
        action: "dynamodb:GetItem",
        ...table,
      }),
    },
    {
      id: id("alarms-publish"),
      group: GROUP,
      title: `CloudWatch alarms of ${w.base}'s account publish to its encrypted alarm topic`,
      expect: "allow",
      doc: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
      build: () => ({
        ...fromService("cloudwatch.amazonaws.com", { account: w.account }),
        action: "sns:Publish",
        resource: w.topicArn,
        resourceAccount: w.account,
        resourcePolicy: w.topicPolicy,
      }),
    },
    {
      id: id("alarms-data-key"),
      group: GROUP,
      title: `CloudWatch alarms of ${w.base}'s account get a data key for its alarm topic's messages`,
      expect: "allow",
      doc: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
      build: () => ({
        ...fromService("cloudwatch.amazonaws.com", { account: w.account }),
        action: "kms:GenerateDataKey",
        ...keyLayers,
      }),
    },
    {
      id: id("alarms-other-account"),
      group: GROUP,
      title: `CloudWatch alarms of another account cannot publish to ${w.base}'s alarm topic`,
      expect: "deny",
      doc: "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
      build: () => ({
        ...fromService("cloudwatch.amazonaws.com", { account: OUTSIDE_ACCOUNT }),
        action: "sns:Publish",
        resource: w.topicArn,
        resourceAccount: w.account,
        resourcePolicy: w.topicPolicy,
      }),
    },
    {
      id: id("outsider-table"),
      group: GROUP,
      title: `A principal outside the organization cannot read ${w.base}'s table`,
      expect: "deny",
      doc: WORKLOAD_DOCS.tablePolicy,
      build: () => ({
        ...fromRole(OUTSIDE_ROLE, undefined, w.region),
        identityPolicies: [ADMINISTRATOR_ACCESS],
        action: "dynamodb:GetItem",
        ...table,
      }),
    },
    {
      id: id("outsider-key"),
      group: GROUP,
      title: `A principal outside the organization cannot use ${w.base}'s key`,
      expect: "deny",
      doc: WORKLOAD_DOCS.dynamodbKey,
      build: () => ({
        ...fromRole(OUTSIDE_ROLE, undefined, w.region, tableContext),
        identityPolicies: [ADMINISTRATOR_ACCESS],
        action: "kms:Decrypt",
        ...keyLayers,
      }),
    },
    ...apiPaths(ctx, w, neighbourArn),
    ...bucketPaths(ctx, w, { role, neighbour, keyLayers }),
    ...secretPaths(ctx, w, { role, neighbour, keyLayers }),
    ...backupKeyPaths(ctx, w, keyLayers),
    ...(w.signing ? signingPaths(ctx, w, w.signing, { neighbour, keyLayers }) : []),
  ];
  // A Developer of the workload's own account (PowerUserAccess: every Lambda, DynamoDB and SQS action).
  const developerHere = ssoRoleArn(w.account, "Developer");
  const developerHereCall = () => ({
    ...fromRole(developerHere, ctx.orgId, w.region),
    identityPolicies: index.permissionSet("Developer").identityPolicies,
    scps: index.scpLevels(w.account),
  });
  paths.push(
    ...escalationPaths(
      ctx,
      w,
      "a Developer of its account",
      developerHere,
      index.permissionSet("Developer").identityPolicies,
    ),
    {
      id: id("developer-here-table"),
      group: GROUP,
      title: `A Developer of ${w.base}'s account cannot read its table's items`,
      expect: "deny",
      doc: WORKLOAD_DOCS.tablePolicy,
      build: () => ({
        ...developerHereCall(),
        action: "dynamodb:GetItem",
        ...table,
      }),
    },
    {
      id: id("developer-here-queue"),
      group: GROUP,
      title: `A Developer of ${w.base}'s account cannot receive its queue's messages`,
      expect: "deny",
      doc: WORKLOAD_DOCS.sqsKey,
      build: () => ({
        ...developerHereCall(),
        action: "sqs:ReceiveMessage",
        ...queue,
      }),
    },
  );
  if (developerAccount) {
    const developer = ssoRoleArn(developerAccount.id, "Developer");
    const developerCall = (extra: Record<string, string> = {}) => ({
      ...fromRole(developer, ctx.orgId, w.region, extra),
      identityPolicies: index.permissionSet("Developer").identityPolicies,
      scps: index.scpLevels(developerAccount.id),
    });
    paths.push(
      {
        id: id(`developer-${developerAccount.name}-table`),
        group: GROUP,
        title: `A Developer in ${developerAccount.name} (another environment) cannot read ${w.base}'s table`,
        expect: "deny",
        doc: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html",
        build: () => ({ ...developerCall(), action: "dynamodb:GetItem", ...table }),
      },
      {
        id: id(`developer-${developerAccount.name}-key`),
        group: GROUP,
        title: `A Developer in ${developerAccount.name} (another environment) cannot use ${w.base}'s key`,
        expect: "deny",
        doc: WORKLOAD_DOCS.dynamodbKey,
        build: () => ({ ...developerCall(tableContext), action: "kms:Decrypt", ...keyLayers }),
      },
    );
  }
  return paths;
}

/**
 * Who reaches the workload's API (164.312(a)(1), 164.312(e)(1)): an identity of its account whose IAM policy allows
 * it, through the environment's execute-api endpoint, over HTTPS; nobody else, from nowhere else.
 */
function apiPaths(ctx: PathContext, w: WorkloadParts, callerArn: string): AccessPath[] {
  const method = apiInvokeSourceArn(w.apiExecutionArn, w.apiPath);
  const api = { resource: method, resourceAccount: w.account, resourcePolicy: w.apiPolicy };
  const through = { "aws:SourceVpce": w.apiEndpointId };
  const caller = (extra: Record<string, string> = {}) => ({
    ...fromRole(callerArn, ctx.orgId, w.region, { ...through, ...extra }),
    identityPolicies: [ADMINISTRATOR_ACCESS],
    scps: ctx.index.scpLevels(w.account),
  });
  const id = (what: string) => `workload-${w.base}-api-${what}`;
  const paths: AccessPath[] = [
    {
      id: id("invoke"),
      group: GROUP,
      title: `A role of ${w.base}'s account allowed execute-api:Invoke calls its API through the environment's endpoint`,
      expect: "allow",
      doc: API_DOCS.authorizationFlow,
      build: () => ({ ...caller(), action: API_INVOKE_ACTION, ...api }),
    },
    {
      id: id("other-endpoint"),
      group: GROUP,
      title: `The same role cannot call ${w.base}'s API through any other VPC endpoint`,
      expect: "deny",
      doc: API_DOCS.resourcePolicyExamples,
      build: () => ({
        ...caller({ "aws:SourceVpce": "vpce-0another0000000" }),
        action: API_INVOKE_ACTION,
        ...api,
      }),
    },
    {
      id: id("plain-http"),
      group: GROUP,
      title: `Nobody calls ${w.base}'s API over plain HTTP`,
      expect: "deny",
      doc: API_DOCS.httpsOnly,
      build: () => ({ ...caller({ "aws:SecureTransport": "false" }), action: API_INVOKE_ACTION, ...api }),
    },
    {
      id: id("outsider"),
      group: GROUP,
      title: `A principal outside the organization cannot call ${w.base}'s API, even through the endpoint`,
      expect: "deny",
      doc: API_DOCS.authorizationFlow,
      build: () => ({
        ...fromRole(OUTSIDE_ROLE, undefined, w.region, through),
        identityPolicies: [ADMINISTRATOR_ACCESS],
        action: API_INVOKE_ACTION,
        ...api,
      }),
    },
  ];
  paths.push({
    id: id("developer-here"),
    group: GROUP,
    title: `A Developer of ${w.base}'s account calls its API too: the policy admits every identity of the account whose IAM policy allows execute-api:Invoke (PowerUserAccess does), as it may invoke the function`,
    expect: "allow",
    doc: API_DOCS.authorizationFlow,
    build: () => ({
      ...fromRole(ssoRoleArn(w.account, "Developer"), ctx.orgId, w.region, through),
      identityPolicies: ctx.index.permissionSet("Developer").identityPolicies,
      scps: ctx.index.scpLevels(w.account),
      action: API_INVOKE_ACTION,
      ...api,
    }),
  });
  const otherEnvironment = ctx.config.environments.find((env) => env.name !== w.environment);
  const other = otherEnvironment && ctx.accounts.find((a) => a.name === otherEnvironment.accounts[0]);
  if (other) {
    paths.push({
      id: id(`developer-${other.name}`),
      group: GROUP,
      title: `A Developer in ${other.name} (another environment) cannot call ${w.base}'s API, even through the endpoint`,
      expect: "deny",
      doc: API_DOCS.authorizationFlow,
      build: () => ({
        ...fromRole(ssoRoleArn(other.id, "Developer"), ctx.orgId, w.region, through),
        identityPolicies: ctx.index.permissionSet("Developer").identityPolicies,
        scps: ctx.index.scpLevels(other.id),
        action: API_INVOKE_ACTION,
        ...api,
      }),
    });
  }
  return paths;
}

/** How a workload's paths call: as its role, as another role of its account, and the key's layers. */
interface Callers {
  readonly role: (
    extra?: Record<string, string>,
  ) => Omit<SimulatedRequest, "action" | "resource" | "resourceAccount">;
  readonly neighbour: (
    extra?: Record<string, string>,
  ) => Omit<SimulatedRequest, "action" | "resource" | "resourceAccount">;
  readonly keyLayers: Pick<SimulatedRequest, "resource" | "resourceAccount" | "resourcePolicy">;
}

/**
 * Who reaches the workload's bucket (164.312(a)(1), (a)(2)(iv), (e)(1)): its role writes under its key and reads
 * back, through S3 with the bucket in the key's context; another key or encryption, plain HTTP, another role of the
 * account with AdministratorAccess, another environment's Developer and an outsider are refused.
 */
function bucketPaths(
  ctx: PathContext,
  w: WorkloadParts,
  { role, neighbour, keyLayers }: Callers,
): AccessPath[] {
  const bucketArn = `arn:aws:s3:::${w.bucketName}`;
  const object = {
    resource: `${bucketArn}/${w.base}/example.json`,
    resourceAccount: w.account,
    resourcePolicy: ctx.index.bucketPolicy(w.bucketName),
    rcps: ctx.index.rcpLevels(w.account),
  };
  const sseKms = (keyArn: string) => ({
    "s3:x-amz-server-side-encryption": "aws:kms",
    "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn,
  });
  const throughS3 = {
    "kms:ViaService": `s3.${w.region}.amazonaws.com`,
    "kms:EncryptionContext:aws:s3:arn": bucketArn,
  };
  const id = (what: string) => `workload-${w.base}-bucket-${what}`;
  const otherKey = `arn:aws:kms:${w.region}:${w.account}:key/00000000-0000-0000-0000-000000000000`;
  const paths: AccessPath[] = [
    {
      id: id("role-writes"),
      group: GROUP,
      title: `${w.base}'s function writes an object to its bucket under its key`,
      expect: "allow",
      doc: BUCKET_DOCS.requireKms,
      build: () => ({ ...role(sseKms(w.keyArn)), action: "s3:PutObject", ...object }),
    },
    {
      id: id("no-key-named"),
      group: GROUP,
      title: `Nobody writes an object to ${w.base}'s bucket without naming SSE-KMS and its key`,
      expect: "deny",
      doc: BUCKET_DOCS.sseKms,
      build: () => ({ ...role(), action: "s3:PutObject", ...object }),
    },
    {
      id: id("role-data-key"),
      group: GROUP,
      title: `S3 generates ${w.base}'s bucket key for its function's role, the bucket in the context`,
      expect: "allow",
      doc: BUCKET_DOCS.bucketKeys,
      build: () => ({ ...role(throughS3), action: "kms:GenerateDataKey", ...keyLayers }),
    },
    {
      id: id("other-key"),
      group: GROUP,
      title: `Nobody writes an object to ${w.base}'s bucket under another key`,
      expect: "deny",
      doc: BUCKET_DOCS.requireKms,
      build: () => ({ ...role(sseKms(otherKey)), action: "s3:PutObject", ...object }),
    },
    {
      id: id("sse-s3"),
      group: GROUP,
      title: `Nobody writes an object to ${w.base}'s bucket with S3-managed encryption`,
      expect: "deny",
      doc: BUCKET_DOCS.requireKms,
      build: () => ({
        ...role({ "s3:x-amz-server-side-encryption": "AES256" }),
        action: "s3:PutObject",
        ...object,
      }),
    },
    {
      id: id("plain-http"),
      group: GROUP,
      title: `${w.base}'s function cannot read its bucket over plain HTTP`,
      expect: "deny",
      doc: BUCKET_DOCS.policyKeys,
      build: () => ({ ...role({ "aws:SecureTransport": "false" }), action: "s3:GetObject", ...object }),
    },
    {
      id: id("neighbour-read"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot read its bucket's objects`,
      expect: "deny",
      doc: BUCKET_DOCS.sseKms,
      build: () => ({ ...neighbour(), action: "s3:GetObject", ...object }),
    },
    {
      id: id("neighbour-list"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot list its bucket's object keys`,
      expect: "deny",
      doc: BUCKET_DOCS.policyKeys,
      build: () => ({ ...neighbour(), action: "s3:ListBucket", ...object, resource: bucketArn }),
    },
    {
      id: id("neighbour-key"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess is refused its key through S3`,
      expect: "deny",
      doc: BUCKET_DOCS.sseKms,
      build: () => ({ ...neighbour(throughS3), action: "kms:Decrypt", ...keyLayers }),
    },
    {
      id: id("neighbour-policy"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot replace its bucket's policy`,
      expect: "deny",
      doc: BUCKET_DOCS.policyKeys,
      build: () => ({
        ...neighbour(),
        action: "s3:PutBucketPolicy",
        ...object,
        resource: bucketArn,
      }),
    },
    {
      id: id("outsider"),
      group: GROUP,
      title: `A principal outside the organization cannot read ${w.base}'s bucket`,
      expect: "deny",
      doc: BUCKET_DOCS.sseKms,
      build: () => ({
        ...fromRole(OUTSIDE_ROLE, undefined, w.region),
        identityPolicies: [ADMINISTRATOR_ACCESS],
        action: "s3:GetObject",
        ...object,
      }),
    },
  ];
  const developerHere = ssoRoleArn(w.account, "Developer");
  paths.push({
    id: id("developer-here"),
    group: GROUP,
    title: `A Developer of ${w.base}'s account cannot read its bucket's objects`,
    expect: "deny",
    doc: BUCKET_DOCS.sseKms,
    build: () => ({
      ...fromRole(developerHere, ctx.orgId, w.region),
      identityPolicies: ctx.index.permissionSet("Developer").identityPolicies,
      scps: ctx.index.scpLevels(w.account),
      action: "s3:GetObject",
      ...object,
    }),
  });
  return paths;
}

/**
 * Who reaches the workload's secret (164.312(d), 164.312(a)(1), (a)(2)(iv)): its function's role reads the current
 * value and its rotation role writes new ones, each through Secrets Manager with the secret's ARN in the key's
 * context; neither reaches another secret under the key; another role of the account with AdministratorAccess, a
 * Developer of the account, the plan role and an outsider read no value and change nothing.
 */
function secretPaths(
  ctx: PathContext,
  w: WorkloadParts,
  { role, neighbour, keyLayers }: Callers,
): AccessPath[] {
  const { index } = ctx;
  const secret = {
    resource: w.secretArn,
    resourceAccount: w.account,
    resourcePolicy: w.secretPolicy,
    rcps: index.rcpLevels(w.account),
  };
  const through = (secretArn: string) => ({
    "kms:ViaService": `secretsmanager.${w.region}.amazonaws.com`,
    [SECRET_CONTEXT_KEY]: secretArn,
  });
  const otherSecret = `arn:aws:secretsmanager:${w.region}:${w.account}:secret:${w.environment}-other-AbCdEf`;
  const rotation = (extra: Record<string, string> = {}) => ({
    ...fromRole(w.rotationRoleArn, ctx.orgId, w.region, extra),
    identityPolicies: index.roleIdentityPolicies(w.rotationRoleArn),
    scps: index.scpLevels(w.account),
  });
  const as = (principal: string, identityPolicies: NonNullable<SimulatedRequest["identityPolicies"]>) => ({
    ...fromRole(principal, ctx.orgId, w.region),
    identityPolicies,
    scps: index.scpLevels(w.account),
  });
  const developerHere = ssoRoleArn(w.account, "Developer");
  const { planRoleArn } = w;
  const id = (what: string) => `workload-${w.base}-secret-${what}`;
  return [
    {
      id: id("role-reads"),
      group: GROUP,
      title: `${w.base}'s function reads its secret's current value`,
      expect: "allow",
      doc: SECRET_DOCS.resourcePolicy,
      build: () => ({ ...role(), action: "secretsmanager:GetSecretValue", ...secret }),
    },
    {
      id: id("role-key"),
      group: GROUP,
      title: `Secrets Manager decrypts ${w.base}'s secret for its function's role, the secret in the key's context`,
      expect: "allow",
      doc: SECRET_DOCS.encryption,
      build: () => ({ ...role(through(w.secretArn)), action: "kms:Decrypt", ...keyLayers }),
    },
    {
      id: id("role-not-other-secret"),
      group: GROUP,
      title: `${w.base}'s function role cannot decrypt another secret under its key`,
      expect: "deny",
      doc: SECRET_DOCS.encryption,
      build: () => ({ ...role(through(otherSecret)), action: "kms:Decrypt", ...keyLayers }),
    },
    {
      id: id("role-cannot-write"),
      group: GROUP,
      title: `${w.base}'s function cannot write or rotate its secret (only the rotation function writes it)`,
      expect: "deny",
      doc: SECRET_DOCS.rotationRole,
      build: () => ({ ...role(), action: "secretsmanager:PutSecretValue", ...secret }),
    },
    {
      id: id("rotation-writes"),
      group: GROUP,
      title: `${w.base}'s rotation function puts a new value in its secret`,
      expect: "allow",
      doc: SECRET_DOCS.rotationRole,
      build: () => ({ ...rotation(), action: "secretsmanager:PutSecretValue", ...secret }),
    },
    {
      id: id("rotation-moves-label"),
      group: GROUP,
      title: `${w.base}'s rotation function makes the new value current`,
      expect: "allow",
      doc: SECRET_DOCS.rotationRole,
      build: () => ({ ...rotation(), action: "secretsmanager:UpdateSecretVersionStage", ...secret }),
    },
    {
      id: id("rotation-key"),
      group: GROUP,
      title: `Secrets Manager generates ${w.base}'s secret's data key for its rotation role, the secret in the context`,
      expect: "allow",
      doc: SECRET_DOCS.rotationRole,
      build: () => ({ ...rotation(through(w.secretArn)), action: "kms:GenerateDataKey", ...keyLayers }),
    },
    {
      id: id("rotation-not-other-secret"),
      group: GROUP,
      title: `${w.base}'s rotation role cannot encrypt another secret under its key`,
      expect: "deny",
      doc: SECRET_DOCS.rotationRole,
      build: () => ({ ...rotation(through(otherSecret)), action: "kms:GenerateDataKey", ...keyLayers }),
    },
    {
      id: id("rotation-not-table"),
      group: GROUP,
      title: `${w.base}'s rotation role cannot read its table`,
      expect: "deny",
      doc: SECRET_DOCS.rotationRole,
      build: () => ({
        ...rotation(),
        action: "dynamodb:GetItem",
        resource: `arn:aws:dynamodb:${w.region}:${w.account}:table/${w.base}`,
        resourceAccount: w.account,
      }),
    },
    {
      id: id("neighbour-reads"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot read its secret`,
      expect: "deny",
      doc: SECRET_DOCS.resourcePolicy,
      build: () => ({ ...neighbour(), action: "secretsmanager:GetSecretValue", ...secret }),
    },
    {
      id: id("neighbour-key"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess is refused ${w.base}'s key through Secrets Manager`,
      expect: "deny",
      doc: SECRET_DOCS.encryption,
      build: () => ({ ...neighbour(through(w.secretArn)), action: "kms:Decrypt", ...keyLayers }),
    },
    {
      id: id("neighbour-policy"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot replace its secret's policy`,
      expect: "deny",
      doc: SECRET_DOCS.resourcePolicy,
      build: () => ({ ...neighbour(), action: "secretsmanager:PutResourcePolicy", ...secret }),
    },
    {
      id: id("neighbour-rotation"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot point its secret's rotation at a function of its own`,
      expect: "deny",
      doc: SECRET_DOCS.actions,
      build: () => ({ ...neighbour(), action: "secretsmanager:RotateSecret", ...secret }),
    },
    {
      id: id("neighbour-write"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot put a value of its choosing in the secret`,
      expect: "deny",
      doc: SECRET_DOCS.resourcePolicy,
      build: () => ({ ...neighbour(), action: "secretsmanager:PutSecretValue", ...secret }),
    },
    {
      id: id("developer-here"),
      group: GROUP,
      title: `A Developer of ${w.base}'s account cannot read its secret`,
      expect: "deny",
      doc: SECRET_DOCS.resourcePolicy,
      build: () => ({
        ...as(developerHere, index.permissionSet("Developer").identityPolicies),
        action: "secretsmanager:GetSecretValue",
        ...secret,
      }),
    },
    {
      id: id("plan-role-describes"),
      group: GROUP,
      title: `The read-only plan role reads ${w.base}'s secret's description (plans and drift compare it)`,
      expect: "allow",
      doc: SECRET_DOCS.actions,
      build: () => ({
        ...as(planRoleArn, index.roleIdentityPolicies(planRoleArn)),
        action: "secretsmanager:DescribeSecret",
        ...secret,
      }),
    },
    {
      id: id("plan-role-no-value"),
      group: GROUP,
      title: `The read-only plan role cannot read ${w.base}'s secret's value`,
      expect: "deny",
      doc: SECRET_DOCS.resourcePolicy,
      build: () => ({
        ...as(planRoleArn, index.roleIdentityPolicies(planRoleArn)),
        action: "secretsmanager:GetSecretValue",
        ...secret,
      }),
    },
    {
      id: id("outsider"),
      group: GROUP,
      title: `A principal outside the organization cannot read ${w.base}'s secret`,
      expect: "deny",
      doc: SECRET_DOCS.resourcePolicy,
      build: () => ({
        ...fromRole(OUTSIDE_ROLE, undefined, w.region),
        identityPolicies: [ADMINISTRATOR_ACCESS],
        action: "secretsmanager:GetSecretValue",
        ...secret,
      }),
    },
  ];
}

/**
 * AWS Backup's role backs the workload's table and bucket up with the workload's key (164.308(a)(7)(ii)(A)):
 * through DynamoDB with the table in the context and through S3 with the bucket in it; not directly, and not for
 * another table.
 */
function backupKeyPaths(ctx: PathContext, w: WorkloadParts, keyLayers: Callers["keyLayers"]): AccessPath[] {
  const backupRole = w.backupRoleArns[0];
  const as = (context: Record<string, string>) => ({
    ...fromRole(backupRole, ctx.orgId, w.region, context),
    identityPolicies: ctx.index.roleIdentityPolicies(backupRole),
    scps: ctx.index.scpLevels(w.account),
  });
  const via = (service: string) => `${service}.${w.region}.amazonaws.com`;
  const doc = "https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html";
  const id = (what: string) => `workload-${w.base}-backup-${what}`;
  return [
    {
      id: id("table-key"),
      group: GROUP,
      title: `AWS Backup's role gets ${w.base}'s table data key through DynamoDB, the table in the context`,
      expect: "allow",
      doc,
      build: () => ({
        ...as({
          "kms:ViaService": via("dynamodb"),
          "kms:EncryptionContext:aws:dynamodb:tableName": w.tableName,
        }),
        action: "kms:GenerateDataKey",
        ...keyLayers,
      }),
    },
    {
      id: id("bucket-key"),
      group: GROUP,
      title: `AWS Backup's role decrypts ${w.base}'s bucket objects through S3, the bucket in the context`,
      expect: "allow",
      doc,
      build: () => ({
        ...as({
          "kms:ViaService": via("s3"),
          "kms:EncryptionContext:aws:s3:arn": `arn:aws:s3:::${w.bucketName}`,
        }),
        action: "kms:Decrypt",
        ...keyLayers,
      }),
    },
    {
      id: id("other-table"),
      group: GROUP,
      title: `AWS Backup's role cannot use ${w.base}'s key for another table`,
      expect: "deny",
      doc,
      build: () => ({
        ...as({
          "kms:ViaService": via("dynamodb"),
          "kms:EncryptionContext:aws:dynamodb:tableName": `${w.environment}-other`,
        }),
        action: "kms:Decrypt",
        ...keyLayers,
      }),
    },
    {
      id: id("direct"),
      group: GROUP,
      title: `AWS Backup's role cannot decrypt with ${w.base}'s key directly`,
      expect: "deny",
      doc,
      build: () => ({ ...as({}), action: "kms:Decrypt", ...keyLayers }),
    },
  ];
}

/**
 * Where the environment requires code signing (164.312(c)(1)): the pipeline stores the functions' code under the
 * workload's key in the code bucket; no other role of the account writes code there, signs with the workload's
 * profile or changes the code signing configuration.
 */
function signingPaths(
  ctx: PathContext,
  w: WorkloadParts,
  signing: NonNullable<WorkloadParts["signing"]>,
  { neighbour, keyLayers }: Pick<Callers, "neighbour" | "keyLayers">,
): AccessPath[] {
  const deployRole = `arn:aws:iam::${w.account}:role/${ctx.config.organization.roles.deploy}`;
  const bucketArn = `arn:aws:s3:::${signing.bucketName}`;
  const code = {
    resource: `${bucketArn}/${CODE_PREFIXES.unsigned}example.zip`,
    resourceAccount: w.account,
    resourcePolicy: ctx.index.bucketPolicy(signing.bucketName),
    rcps: ctx.index.rcpLevels(w.account),
  };
  const id = (what: string) => `workload-${w.base}-signing-${what}`;
  const { planRoleArn } = w;
  const planRole = () => ({
    ...fromRole(planRoleArn, ctx.orgId, w.region),
    identityPolicies: ctx.index.roleIdentityPolicies(planRoleArn),
    scps: ctx.index.scpLevels(w.account),
  });
  return [
    {
      id: id("pipeline-stores-code"),
      group: GROUP,
      title: `The pipeline stores ${w.base}'s code in its code bucket under the workload's key`,
      expect: "allow",
      doc: CODE_SIGNING_DOCS.s3Source,
      build: () => ({
        ...fromRole(deployRole, ctx.orgId, w.region, {
          "kms:ViaService": `s3.${w.region}.amazonaws.com`,
          "kms:EncryptionContext:aws:s3:arn": bucketArn,
        }),
        // The deploy role is Organizations' account access role: AdministratorAccess.
        identityPolicies: [ADMINISTRATOR_ACCESS],
        scps: ctx.index.scpLevels(w.account),
        action: "kms:GenerateDataKey",
        ...keyLayers,
      }),
    },
    {
      id: id("plan-role-reads-profile"),
      group: GROUP,
      title: `The read-only plan role reads ${w.base}'s Signer profile (plans and drift refresh it), where PHI may be too`,
      expect: "allow",
      doc: CODE_SIGNING_DOCS.actions,
      build: () => ({
        ...planRole(),
        action: "signer:GetSigningProfile",
        resource: signing.profileArn,
        resourceAccount: w.account,
      }),
    },
    {
      id: id("plan-role-heads-code"),
      group: GROUP,
      title: `The read-only plan role reads ${w.base}'s unsigned code object (the provider's refresh: HeadObject)`,
      expect: "allow",
      doc: CODE_SIGNING_DOCS.s3Source,
      build: () => ({ ...planRole(), action: "s3:GetObject", ...code }),
    },
    {
      id: id("plan-role-no-objects"),
      group: GROUP,
      title: `The read-only plan role still cannot read an object of ${w.base}'s data bucket`,
      expect: "deny",
      doc: CODE_SIGNING_DOCS.s3Source,
      build: () => ({
        ...planRole(),
        action: "s3:GetObject",
        resource: `arn:aws:s3:::${w.bucketName}/${w.base}/example.json`,
        resourceAccount: w.account,
        resourcePolicy: ctx.index.bucketPolicy(w.bucketName),
        rcps: ctx.index.rcpLevels(w.account),
      }),
    },
    {
      id: id("neighbour-writes-code"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot put code in its code bucket`,
      expect: "deny",
      doc: CODE_SIGNING_DOCS.s3Source,
      build: () => ({ ...neighbour(), action: "s3:PutObject", ...code }),
    },
    {
      id: id("neighbour-signs"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot sign code with its Signer profile`,
      expect: "deny",
      doc: CODE_SIGNING_DOCS.actions,
      build: () => ({
        ...neighbour(),
        action: "signer:StartSigningJob",
        resource: signing.profileArn,
        resourceAccount: w.account,
      }),
    },
    {
      id: id("neighbour-trusts-more"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot change its code signing configuration (trust another profile, or only warn)`,
      expect: "deny",
      doc: CODE_SIGNING_DOCS.policies,
      build: () => ({
        ...neighbour(),
        action: "lambda:UpdateCodeSigningConfig",
        resource: signing.configArn,
        resourceAccount: w.account,
      }),
    },
    {
      id: id("neighbour-detaches"),
      group: GROUP,
      title: `Another role of ${w.base}'s account with AdministratorAccess cannot take the configuration off its function`,
      expect: "deny",
      doc: CODE_SIGNING_DOCS.policies,
      build: () => ({
        ...neighbour(),
        action: "lambda:DeleteFunctionCodeSigningConfig",
        resource: w.functionArn,
        resourceAccount: w.account,
      }),
    },
  ];
}

/**
 * Who could become the workload's role without being it (164.312(a)(1)): a principal of the account who changed
 * the function's code or configuration, passed the role to a function of their own, or rewrote or assumed the
 * role. lz-core-guardrails refuses each (ProtectWorkloadFunctions, ProtectWorkloadRoles).
 */
function escalationPaths(
  ctx: PathContext,
  w: WorkloadParts,
  who: string,
  principal: string,
  identityPolicies: NonNullable<SimulatedRequest["identityPolicies"]>,
): AccessPath[] {
  const slug = who
    .replace(/^an? /, "")
    .replace(/[^a-z]+/gi, "-")
    .toLowerCase();
  const call = (action: string, resource: string) => () => ({
    ...fromRole(principal, ctx.orgId, w.region),
    identityPolicies,
    scps: ctx.index.scpLevels(w.account),
    action,
    resource,
    resourceAccount: w.account,
  });
  const guardrailDoc =
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html";
  return [
    {
      id: `workload-${w.base}-${slug}-update-code`,
      group: GROUP,
      title: `${who} cannot change ${w.base}'s function code (and so act as its role)`,
      expect: "deny",
      doc: guardrailDoc,
      build: call("lambda:UpdateFunctionCode", w.functionArn),
    },
    {
      id: `workload-${w.base}-${slug}-update-configuration`,
      group: GROUP,
      title: `${who} cannot change ${w.base}'s function configuration (its role, environment or network)`,
      expect: "deny",
      doc: guardrailDoc,
      build: call("lambda:UpdateFunctionConfiguration", w.functionArn),
    },
    {
      id: `workload-${w.base}-${slug}-pass-role`,
      group: GROUP,
      title: `${who} cannot pass ${w.base}'s execution role to a function of their own`,
      expect: "deny",
      doc: guardrailDoc,
      build: call("iam:PassRole", w.roleArn),
    },
    {
      id: `workload-${w.base}-${slug}-rewrite-trust`,
      group: GROUP,
      title: `${who} cannot rewrite ${w.base}'s execution role's trust policy`,
      expect: "deny",
      doc: guardrailDoc,
      build: call("iam:UpdateAssumeRolePolicy", w.roleArn),
    },
    {
      id: `workload-${w.base}-${slug}-rotation-code`,
      group: GROUP,
      title: `${who} cannot change ${w.base}'s rotation function code (and so act as the role that writes its secret)`,
      expect: "deny",
      doc: guardrailDoc,
      build: call("lambda:UpdateFunctionCode", w.rotationFunctionArn),
    },
    {
      id: `workload-${w.base}-${slug}-rotation-pass-role`,
      group: GROUP,
      title: `${who} cannot pass ${w.base}'s rotation role to a function of their own`,
      expect: "deny",
      doc: guardrailDoc,
      build: call("iam:PassRole", w.rotationRoleArn),
    },
    {
      id: `workload-${w.base}-${slug}-api-stage`,
      group: GROUP,
      title: `${who} cannot change ${w.base}'s API stage (its logging, data trace or deployment)`,
      expect: "deny",
      doc: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-tagging-supported-resources.html",
      build: () => ({
        ...call("apigateway:PATCH", `${w.apiArn}/stages/${API_STAGE}`)(),
        context: { ...fromRole(principal, ctx.orgId, w.region).context, ...w.apiTags },
      }),
    },
    {
      id: `workload-${w.base}-${slug}-api-policy`,
      group: GROUP,
      title: `${who} cannot replace ${w.base}'s API resource policy`,
      expect: "deny",
      doc: API_DOCS.createAttachPolicy,
      build: () => ({
        ...call("apigateway:UpdateRestApiPolicy", w.apiArn)(),
        context: { ...fromRole(principal, ctx.orgId, w.region).context, ...w.apiTags },
      }),
    },
    {
      id: `workload-${w.base}-${slug}-api-logging-setting`,
      group: GROUP,
      title: `${who} cannot point the account's API Gateway logging at another role (silencing ${w.base}'s API logs)`,
      expect: "deny",
      doc: API_DOCS.logging,
      build: call("apigateway:PATCH", `arn:aws:apigateway:${w.region}::/account`),
    },
    {
      id: `workload-${w.base}-${slug}-api-logging-role`,
      group: GROUP,
      title: `${who} cannot detach the API Gateway logging role's policy`,
      expect: "deny",
      doc: API_DOCS.logging,
      build: call("iam:DetachRolePolicy", w.apiLoggingRoleArn),
    },
    {
      id: `workload-${w.base}-${slug}-api-log-group`,
      group: GROUP,
      title: `${who} cannot delete ${w.base}'s API execution log group (API Gateway would recreate it unencrypted)`,
      expect: "deny",
      doc: API_DOCS.executionLogging,
      build: call("logs:DeleteLogGroup", logGroupArn(w.region, w.account, executionLogGroupName(w.apiId))),
    },
    {
      id: `workload-${w.base}-${slug}-api-untag`,
      group: GROUP,
      title: `${who} cannot remove ${w.base}'s API tag ${WORKLOAD_TAG}, which the guardrail finds it by`,
      expect: "deny",
      doc: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-tagging-iam-policy.html",
      build: () => ({
        ...call(
          "apigateway:DELETE",
          `arn:aws:apigateway:${w.region}::/tags/${encodeURIComponent(w.apiArn)}`,
        )(),
        context: {
          ...fromRole(principal, ctx.orgId, w.region).context,
          "aws:TagKeys": [WORKLOAD_TAG],
        },
      }),
    },
    {
      id: `workload-${w.base}-${slug}-invoke`,
      group: GROUP,
      title: `${who} may still invoke ${w.base}'s function, which runs only its reviewed code`,
      expect: "allow",
      doc: guardrailDoc,
      build: call("lambda:InvokeFunction", w.functionArn),
    },
  ];
}

/** Every workload's paths. */
export function workloadPaths(ctx: PathContext): AccessPath[] {
  return workloadParts(ctx).flatMap((w) => pathsOf(ctx, w));
}
