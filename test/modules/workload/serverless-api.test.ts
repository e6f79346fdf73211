// The serverless-api blueprint on its own (a fresh stack): what each part fixes (the key, the table, the queues, the
// function, its role and security group) and what each refuses, naming the construct, the prop and the HIPAA rule.
// Proves the synthesized Terraform; AWS's acceptance is the end-to-end tier's (emulator) and a real deploy's.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { ServerlessApi, ServerlessApiProps } from "../../../modules/workload/serverless-api";
import { WorkloadFunction } from "../../../modules/workload/workload-function";
import { WorkloadTable } from "../../../modules/workload/workload-table";
import { REPOSITORY_ROOT } from "../../../src/config/model";
import { workloadNames } from "../../../src/policies/workload";

type Block = Record<string, unknown>;
type Json = { resource: Record<string, Record<string, Block>> };

const ACCOUNT = "123456789012";
const names = workloadNames("example-health", "dev", "intake");
const props: ServerlessApiProps = {
  names,
  accountId: ACCOUNT,
  region: "us-east-1",
  keyAdmins: {
    accountId: ACCOUNT,
    roleArns: [
      `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`,
      `arn:aws:iam::${ACCOUNT}:role/lz-break-glass`,
    ],
  },
  pipeline: {
    deployRoleArn: `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`,
    planRoleArn: `arn:aws:iam::${ACCOUNT}:role/lz-plan`,
  },
  backupRoleArns: [`arn:aws:iam::${ACCOUNT}:role/lz-backup`],
  holdsPhi: true,
  signCode: false,
  network: {
    vpcId: "vpc-0123",
    subnetIds: ["subnet-a", "subnet-b"],
    subnetArns: [
      `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/subnet-a`,
      `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/subnet-b`,
    ],
    endpointSecurityGroupId: "sg-endpoints",
    gatewayPrefixListIds: ["pl-s3", "pl-dynamodb"],
    apiEndpointId: "vpce-api",
  },
  source: path.join(REPOSITORY_ROOT, "workloads", "patient-intake", "handler.ts"),
  sourceName: "workloads/patient-intake/handler.ts",
  partitionKey: "intakeId",
  reservedConcurrency: 5,
  timeoutSeconds: 10,
  memoryMb: 256,
  logRetentionDays: 2192,
  alarmEmail: "oncall@example.org",
};

function synth(overrides: Partial<ServerlessApiProps> = {}): { text: string; json: Json } {
  const stack = new TerraformStack(Testing.app(), "s");
  new ServerlessApi(stack, "blueprint", { ...props, ...overrides });
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) as Json };
}
const only = (json: Json, type: string) => {
  const all = Object.values(json.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
};
/** The one resource of a type whose argument `key` is `value` (two functions, roles and groups: the application's and the rotation's). */
const named = (json: Json, type: string, key: string, value: string) => {
  const all = Object.values(json.resource[type] ?? {}).filter((block) => block[key] === value);
  expect(all).toHaveLength(1);
  return all[0];
};
const application = (json: Json) =>
  named(json, "aws_lambda_function", "function_name", "workload-dev-intake");
const policyOf = (block: Block, key = "policy") =>
  JSON.parse(block[key] as string) as { Statement: Array<Record<string, unknown>> };

describe("ServerlessApi", () => {
  const { text, json } = synth();

  it("encrypts everything with one rotating key of its own, kept from destroy", () => {
    expect(text).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    expect(only(json, "aws_kms_key").lifecycle).toEqual({ prevent_destroy: true });
    const table = only(json, "aws_dynamodb_table");
    const fn = application(json);
    const keyRef = (table.server_side_encryption as Block).kms_key_arn;
    expect(keyRef).toMatch(/^\$\{aws_kms_key\..*\.arn\}$/);
    expect(fn.kms_key_arn).toBe(keyRef);
    for (const queue of Object.values(json.resource.aws_sqs_queue))
      expect(queue.kms_master_key_id).toBe(keyRef);
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/lambda/workload-dev-intake",
      kms_key_id: keyRef,
      retention_in_days: 2192,
    });
  });

  it("keeps the table recoverable, protected and the workload's alone", () => {
    expect(text).toHaveResourceWithProperties(DynamodbTable, {
      name: "dev-intake",
      hash_key: "intakeId",
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: true,
      tags: { DataClassification: "phi" },
    });
    const [deny] = policyOf(only(json, "aws_dynamodb_resource_policy")).Statement;
    expect(deny).toMatchObject({ Sid: "OnlyTheWorkloadReachesItems", Effect: "Deny" });
    expect(
      (deny.Condition as Record<string, Record<string, string[]>>).ArnNotLike["aws:PrincipalArn"],
    ).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/workload/dev-intake-function`,
      `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`,
      `arn:aws:iam::${ACCOUNT}:role/lz-break-glass`,
      `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*`,
      `arn:aws:iam::${ACCOUNT}:role/lz-backup`,
    ]);
  });

  it("gives the work queue a dead-letter queue, and every queue a TLS-only policy", () => {
    const queues = Object.values(json.resource.aws_sqs_queue);
    expect(queues.map((q) => q.name).sort()).toEqual([
      "dev-intake-invoke-dlq",
      "dev-intake-work",
      "dev-intake-work-dlq",
    ]);
    const work = queues.find((q) => q.name === "dev-intake-work")!;
    expect(JSON.parse(work.redrive_policy as string)).toEqual({
      deadLetterTargetArn: expect.stringMatching(/^\$\{aws_sqs_queue\..*dead-letter.*\.arn\}$/),
      maxReceiveCount: 5,
    });
    const policies = Object.values(json.resource.aws_sqs_queue_policy).map((p) => policyOf(p).Statement[0]);
    expect(policies).toHaveLength(3);
    for (const statement of policies)
      expect(statement).toMatchObject({
        Effect: "Deny",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      });
  });

  it("runs the function in the private subnets, reaching only the endpoints, capped, with a dead-letter queue", () => {
    expect(text).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "workload-dev-intake",
      runtime: "nodejs22.x",
      handler: "index.handler",
      reserved_concurrent_executions: 5,
      timeout: 10,
      memory_size: 256,
    });
    const fn = application(json);
    expect((fn.vpc_config as Block).subnet_ids).toEqual(["subnet-a", "subnet-b"]);
    expect((fn.environment as Block).variables).toEqual({
      TABLE_NAME: "dev-intake",
      QUEUE_URL: expect.stringMatching(/^\$\{aws_sqs_queue\.blueprint_queue_.*\.url\}$/),
      BUCKET_NAME: expect.stringMatching(/^\$\{aws_s3_bucket\.blueprint_bucket_.*\.bucket\}$/),
      BUCKET_KEY_ARN: expect.stringMatching(/^\$\{aws_kms_key\.blueprint_key_.*\.arn\}$/),
      SECRET_ARN: expect.stringMatching(/^\$\{aws_secretsmanager_secret\.blueprint_secret_.*\.arn\}$/),
    });
    expect((fn.dead_letter_config as Block).target_arn).toMatch(/invoke-dead-letter.*\.arn\}$/);
    const group = named(json, "aws_security_group", "name", "dev-intake-function");
    expect(group.ingress).toEqual([]);
    expect(
      (group.egress as Block[]).map((rule) => [
        rule.from_port,
        rule.to_port,
        rule.security_groups,
        rule.prefix_list_ids,
      ]),
    ).toEqual([
      [443, 443, ["sg-endpoints"], null],
      [443, 443, null, ["pl-s3", "pl-dynamodb"]],
    ]);
  });

  it("gives the role its own resources only, and Lambda's trust from its own account", () => {
    const role = named(json, "aws_iam_role", "name", "dev-intake-function");
    expect(role).toMatchObject({ name: "dev-intake-function", path: "/workload/" });
    expect(policyOf(role, "assume_role_policy").Statement[0]).toMatchObject({
      Principal: { Service: "lambda.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
    });
    const statements = policyOf(named(json, "aws_iam_policy", "name", "dev-intake-function")).Statement;
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.ReadWriteOwnTable.Resource).toBe(`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/dev-intake`);
    expect(bySid.DescribeNetwork).toMatchObject({
      Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
      Resource: "*",
    });
    expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => String(a).includes("*"))).toEqual([]);
  });

  it("alarms on errors, throttles, slow invocations, failed rotations and dead letters, to its encrypted topic the on-call inbox receives", () => {
    const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm);
    const topic = only(json, "aws_sns_topic");
    expect(topic).toMatchObject({ name: "dev-intake-alarms" });
    expect(topic.kms_master_key_id).toBe(
      (only(json, "aws_dynamodb_table").server_side_encryption as Block).kms_key_arn,
    );
    expect(only(json, "aws_sns_topic_subscription")).toMatchObject({
      protocol: "email",
      endpoint: "oncall@example.org",
    });
    expect(
      alarms
        .map((a) => [
          a.alarm_name,
          a.metric_name,
          a.dimensions,
          a.statistic ?? a.extended_statistic,
          a.threshold,
        ])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ["dev-intake-duration", "Duration", { FunctionName: "workload-dev-intake" }, "p99", 8000],
      ["dev-intake-errors", "Errors", { FunctionName: "workload-dev-intake" }, "Sum", 1],
      [
        "dev-intake-invoke-dlq-depth",
        "ApproximateNumberOfMessagesVisible",
        { QueueName: "dev-intake-invoke-dlq" },
        "Maximum",
        1,
      ],
      ["dev-intake-rotation-errors", "Errors", { FunctionName: "workload-dev-intake-rotation" }, "Sum", 1],
      ["dev-intake-throttles", "Throttles", { FunctionName: "workload-dev-intake" }, "Sum", 1],
      [
        "dev-intake-work-dlq-depth",
        "ApproximateNumberOfMessagesVisible",
        { QueueName: "dev-intake-work-dlq" },
        "Maximum",
        1,
      ],
    ]);
    const topicRef = expect.stringMatching(/^\$\{aws_sns_topic\..*\.arn\}$/);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ treat_missing_data: "notBreaching" });
      expect([alarm.alarm_actions, alarm.ok_actions]).toEqual([[topicRef], [topicRef]]);
    }
  });

  it("serves a private API through the environment's endpoint only, IAM-signed, to its function's one method", () => {
    const api = only(json, "aws_api_gateway_rest_api");
    expect(api.name).toBe("dev-intake");
    // lz-core-guardrails' ProtectWorkloadApis finds the API by this tag.
    expect(api.tags).toEqual({ LandingZoneWorkload: "dev-intake" });
    expect(api.endpoint_configuration).toEqual({ types: ["PRIVATE"], vpc_endpoint_ids: ["vpce-api"] });
    const apiRef = `aws_api_gateway_rest_api.${Object.keys(json.resource.aws_api_gateway_rest_api)[0]}`;
    const execArn = `\${${apiRef}.execution_arn}`;
    expect(policyOf(only(json, "aws_api_gateway_rest_api_policy")).Statement).toEqual([
      {
        Sid: "AccountCallers",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: "execute-api:Invoke",
        Resource: `${execArn}/*`,
      },
      {
        Sid: "OnlyThroughTheEnvironmentEndpoint",
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: `${execArn}/*`,
        Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-api" } },
      },
      {
        Sid: "DenyPlainHttp",
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: `${execArn}/*`,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
    expect(only(json, "aws_api_gateway_resource").path_part).toBe("intake");
    expect(only(json, "aws_api_gateway_method")).toMatchObject({
      http_method: "POST",
      authorization: "AWS_IAM",
    });
    expect(only(json, "aws_api_gateway_integration")).toMatchObject({
      type: "AWS_PROXY",
      integration_http_method: "POST",
      uri: expect.stringMatching(/^\$\{aws_lambda_function\..*\.invoke_arn\}$/),
    });
    expect(named(json, "aws_lambda_permission", "principal", "apigateway.amazonaws.com")).toMatchObject({
      principal: "apigateway.amazonaws.com",
      action: "lambda:InvokeFunction",
      source_arn: `${execArn}/v1/POST/intake`,
    });
  });

  it("logs every call as JSON without bodies, and errors only, both under the key for six years", () => {
    const keyRef = (only(json, "aws_dynamodb_table").server_side_encryption as Block).kms_key_arn;
    const apiId = `\${aws_api_gateway_rest_api.${Object.keys(json.resource.aws_api_gateway_rest_api)[0]}.id}`;
    const stage = only(json, "aws_api_gateway_stage");
    expect(stage.stage_name).toBe("v1");
    const access = stage.access_log_settings as Block;
    expect(access.destination_arn).toMatch(
      /^\$\{aws_cloudwatch_log_group\.blueprint_api_access-log-group.*\.arn\}$/,
    );
    const fields = JSON.parse(access.format as string) as Record<string, string>;
    expect(fields.requestId).toBe("$context.requestId");
    expect(fields.callerArn).toBe("$context.identity.userArn");
    expect(
      Object.values(fields).filter((v) => /\$context\.path|body|querystring|header|requestOverride/i.test(v)),
    ).toEqual([]);
    expect(only(json, "aws_api_gateway_method_settings")).toMatchObject({
      method_path: "*/*",
      settings: { logging_level: "ERROR", data_trace_enabled: false, metrics_enabled: true },
    });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/apigateway/workload-dev-intake",
      kms_key_id: keyRef,
      retention_in_days: 2192,
    });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: `API-Gateway-Execution-Logs_${apiId}/v1`,
      kms_key_id: keyRef,
      retention_in_days: 2192,
    });
    const logs = policyOf(only(json, "aws_kms_key")).Statement.find(
      (s) => s.Sid === "CloudWatchLogsEncryptsOwnLogGroups",
    );
    expect((logs?.Condition as Record<string, Record<string, unknown>>).ArnEquals).toEqual({
      "kms:EncryptionContext:aws:logs:arn": [
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/workload-dev-intake",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/workload-dev-intake-rotation",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/workload-dev-intake",
        `arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Execution-Logs_${apiId}/v1`,
      ],
    });
  });

  it("keeps its bucket under its key only, versioned, logged, TLS-only and the workload's alone", () => {
    const keyRef = (only(json, "aws_dynamodb_table").server_side_encryption as Block).kms_key_arn;
    const buckets = Object.values(json.resource.aws_s3_bucket).map((b) => b.bucket);
    expect(buckets.sort()).toEqual([
      `dev-intake-${ACCOUNT}-us-east-1`,
      `dev-intake-s3-logs-${ACCOUNT}-us-east-1`,
    ]);
    const encryption = Object.values(json.resource.aws_s3_bucket_server_side_encryption_configuration).map(
      (e) => (e.rule as Block[])[0],
    );
    expect(encryption).toContainEqual({
      apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: keyRef },
      bucket_key_enabled: true,
    });
    const dataPolicy = Object.values(json.resource.aws_s3_bucket_policy)
      .map((p) => policyOf(p))
      .find((p) => p.Statement.some((st) => st.Sid === "DenyOtherKeys"))!;
    expect(dataPolicy.Statement.map((st) => st.Sid)).toEqual([
      "DenyInsecureTransport",
      "DenyTlsBelow12",
      "DenyOtherEncryption",
      "DenyOtherKeys",
      "OnlyTheWorkloadUsesTheBucket",
    ]);
    const byId = (sid: string) => dataPolicy.Statement.find((st) => st.Sid === sid)!;
    expect(byId("DenyOtherEncryption").Condition).toEqual({
      StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
    });
    expect(byId("DenyOtherKeys").Condition).toEqual({
      ArnNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyRef },
    });
    expect(byId("OnlyTheWorkloadUsesTheBucket").Condition).toEqual({
      ArnNotLike: {
        "aws:PrincipalArn": [
          `arn:aws:iam::${ACCOUNT}:role/workload/dev-intake-function`,
          `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`,
          `arn:aws:iam::${ACCOUNT}:role/lz-break-glass`,
          "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*",
          `arn:aws:iam::${ACCOUNT}:role/lz-backup`,
        ],
      },
    });
    for (const versioning of Object.values(json.resource.aws_s3_bucket_versioning))
      expect(versioning.versioning_configuration).toEqual({ status: "Enabled" });
    expect(only(json, "aws_s3_bucket_logging").target_bucket).toBe(`dev-intake-s3-logs-${ACCOUNT}-us-east-1`);
    const fn = application(json);
    expect(Object.keys((fn.environment as Block).variables as Block).sort()).toEqual([
      "BUCKET_KEY_ARN",
      "BUCKET_NAME",
      "QUEUE_URL",
      "SECRET_ARN",
      "TABLE_NAME",
    ]);
  });

  it("keeps a secret under its key, the workload's alone, rotated every 30 days by a function of its own in the VPC", () => {
    const secret = only(json, "aws_secretsmanager_secret");
    expect(secret).toMatchObject({
      name: "workload/dev-intake",
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.blueprint_key_.*\.arn\}$/),
      recovery_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
    expect(secret).not.toHaveProperty("secret_string");
    expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
    const policy = only(json, "aws_secretsmanager_secret_policy");
    expect(policy.block_public_policy).toBe(true);
    expect(policyOf(policy).Statement).toEqual([
      expect.objectContaining({
        Sid: "OnlyTheWorkloadUsesTheSecret",
        Effect: "Deny",
        Resource: "*",
        Action: expect.arrayContaining(["secretsmanager:GetSecretValue", "secretsmanager:PutResourcePolicy"]),
        Condition: {
          ArnNotLike: {
            "aws:PrincipalArn": expect.arrayContaining([
              `arn:aws:iam::${ACCOUNT}:role/workload/dev-intake-function`,
              `arn:aws:iam::${ACCOUNT}:role/workload/dev-intake-rotation`,
            ]),
          },
        },
      }),
    ]);
    expect(only(json, "aws_secretsmanager_secret_rotation")).toMatchObject({
      rotation_rules: { automatically_after_days: 30 },
      rotation_lambda_arn: expect.stringMatching(
        /^\$\{aws_lambda_function\.blueprint_secret_rotation_function_.*\.arn\}$/,
      ),
    });
    const rotation = named(json, "aws_lambda_function", "function_name", "workload-dev-intake-rotation");
    expect(rotation).toMatchObject({
      reserved_concurrent_executions: 1,
      vpc_config: { subnet_ids: ["subnet-a", "subnet-b"] },
      dead_letter_config: { target_arn: expect.stringMatching(/invoke-dead-letter.*\.arn\}$/) },
    });
    expect(rotation).not.toHaveProperty("environment");
    expect(named(json, "aws_lambda_permission", "principal", "secretsmanager.amazonaws.com")).toMatchObject({
      action: "lambda:InvokeFunction",
      source_arn: expect.stringMatching(/^\$\{aws_secretsmanager_secret\.blueprint_secret_.*\.arn\}$/),
    });
    expect(named(json, "aws_iam_role", "name", "dev-intake-rotation").path).toBe("/workload/");
    const statements = policyOf(named(json, "aws_iam_policy", "name", "dev-intake-rotation")).Statement;
    expect(statements.map((s) => s.Sid)).toEqual([
      "WriteOwnLogStreams",
      "CreateInterfacesInOwnSubnets",
      "ManageOwnAccountInterfaces",
      "DescribeNetwork",
      "RotateOwnSecret",
      "GenerateValues",
      "UseKeyForOwnSecret",
      "SendToDeadLetterQueue",
      "UseApplicationKeyThroughSqs",
    ]);
    expect(statements.find((s) => s.Sid === "RotateOwnSecret")?.Resource).toBe(
      `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:workload/dev-intake-??????`,
    );
  });

  it("zips the same code to the same bytes on every synth", () => {
    const second = synth();
    const zip = (j: Json) => application(j).filename;
    expect(zip(second.json)).toBe(zip(json));
    expect(application(second.json).source_code_hash).toBe(application(json).source_code_hash);
  });
});

describe("ServerlessApi where code signing is required", () => {
  const { json } = synth({ signCode: true });
  const functions = Object.values(json.resource.aws_lambda_function);

  it("signs both functions' code with the workload's own Signer profile, and Lambda enforces it", () => {
    expect(only(json, "aws_signer_signing_profile")).toMatchObject({
      name: "workload_dev_intake",
      platform_id: "AWSLambda-SHA384-ECDSA",
      lifecycle: { prevent_destroy: true },
    });
    expect(only(json, "aws_lambda_code_signing_config")).toMatchObject({
      allowed_publishers: {
        signing_profile_version_arns: [
          expect.stringMatching(/^\$\{aws_signer_signing_profile\..*\.version_arn\}$/),
        ],
      },
      policies: { untrusted_artifact_on_deployment: "Enforce" },
    });
    expect(functions.map((fn) => fn.function_name).sort()).toEqual([
      "workload-dev-intake",
      "workload-dev-intake-rotation",
    ]);
    for (const fn of functions) {
      expect(fn).not.toHaveProperty("filename");
      expect(fn).toMatchObject({
        code_signing_config_arn: expect.stringMatching(/^\$\{aws_lambda_code_signing_config\..*\.arn\}$/),
        s3_bucket: expect.stringMatching(
          /^\$\{aws_signer_signing_job\..*\.signed_object\[0\]\.s3\[0\]\.bucket\}$/,
        ),
        s3_key: expect.stringMatching(/^\$\{aws_signer_signing_job\..*\.signed_object\[0\]\.s3\[0\]\.key\}$/),
      });
    }
    const jobs = Object.values(json.resource.aws_signer_signing_job);
    expect(jobs.map((job) => (job.destination as { s3: Block }).s3.prefix).sort()).toEqual([
      "signed/workload-dev-intake-rotation/",
      "signed/workload-dev-intake/",
    ]);
    for (const job of jobs) {
      expect(job).toMatchObject({
        profile_name: expect.stringMatching(/^\$\{aws_signer_signing_profile\..*\.name\}$/),
        ignore_signing_job_failure: false,
        source: { s3: { version: expect.stringMatching(/^\$\{aws_s3_object\..*\.version_id\}$/) } },
      });
    }
    expect(
      Object.values(json.resource.aws_s3_object)
        .map((object) => String(object.key).replace(/[0-9a-f]{16}/, "<digest>"))
        .sort(),
    ).toEqual([
      "unsigned/workload-dev-intake-rotation/<digest>.zip",
      "unsigned/workload-dev-intake/<digest>.zip",
    ]);
  });

  it("keeps the code in a versioned bucket under the key that only the pipeline and break-glass write, logged with the workload's", () => {
    const buckets = Object.values(json.resource.aws_s3_bucket).map((b) => b.bucket);
    expect(buckets).toContain(`dev-intake-code-${ACCOUNT}-us-east-1`);
    const policies = Object.values(json.resource.aws_s3_bucket_policy).map((p) => policyOf(p));
    const code = policies.flatMap((p) => p.Statement).find((st) => st.Sid === "OnlyThePipelineWritesCode");
    expect(code).toMatchObject({
      Effect: "Deny",
      Action: expect.arrayContaining(["s3:PutObject", "s3:DeleteObjectVersion", "s3:PutBucketPolicy"]),
      Condition: {
        ArnNotLike: {
          "aws:PrincipalArn": expect.arrayContaining([
            `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`,
          ]),
        },
      },
    });
    const keyStatements = policyOf(only(json, "aws_kms_key")).Statement;
    expect(keyStatements.find((st) => st.Sid === "PipelineStoresCode")).toMatchObject({
      Condition: {
        ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole` },
        StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
        ArnLike: {
          "kms:EncryptionContext:aws:s3:arn": [
            `arn:aws:s3:::dev-intake-code-${ACCOUNT}-us-east-1`,
            `arn:aws:s3:::dev-intake-code-${ACCOUNT}-us-east-1/*`,
          ],
        },
      },
    });
    const logging = Object.values(json.resource.aws_s3_bucket_logging).map((l) => [
      l.bucket,
      l.target_bucket,
    ]);
    expect(logging).toContainEqual([
      expect.stringMatching(/code/),
      `dev-intake-s3-logs-${ACCOUNT}-us-east-1`,
    ]);
  });

  it("signs nothing where code signing is not required", () => {
    expect(json.resource.aws_signer_signing_profile).toBeDefined();
    const unsigned = synth({ signCode: false }).json;
    expect(unsigned.resource.aws_signer_signing_profile).toBeUndefined();
    expect(unsigned.resource.aws_lambda_code_signing_config).toBeUndefined();
    expect(policyOf(only(unsigned, "aws_kms_key")).Statement.map((st) => st.Sid)).not.toContain(
      "PipelineStoresCode",
    );
  });
});

describe("what the blueprint refuses", () => {
  const outside = (overrides: Partial<ServerlessApiProps>) => () => synth(overrides);

  it("a function outside the VPC", () => {
    expect(outside({ network: { ...props.network, subnetIds: [], subnetArns: [] } })).toThrow(
      "s/blueprint/secret/rotation: subnetIds: received []; expected the PHI VPC's private subnets, at least one: a function runs inside the VPC (hipaa-lambda-inside-vpc)",
    );
  });

  it("a wildcard in the role, naming the statement", () => {
    expect(
      outside({ additionalStatements: [{ Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "*" }] }),
    ).toThrow(
      's/blueprint/function: additionalStatements: received [{"Sid":"All","Effect":"Allow","Action":"s3:*","Resource":"*"}]; expected statements that name every action in full and only the workload\'s own resources (hipaa-workload-role-least-privilege): statement All names actions by wildcard (s3:*)',
    );
    expect(
      outside({
        additionalStatements: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
      }),
    ).toThrow('statement Read grants s3:GetObject on every resource ("*"), though IAM scopes them to ARNs');
    const tables = [
      "arn:aws:dynamodb:*:123456789012:table/dev-intake",
      "arn:aws:dynamodb:us-east-1:123456789012:table/*",
    ];
    expect(
      outside({
        additionalStatements: [
          { Sid: "Tables", Effect: "Allow", Action: "dynamodb:GetItem", Resource: tables },
        ],
      }),
    ).toThrow(
      "statement Tables names resources of any service, region or account (arn:aws:dynamodb:*:123456789012:table/dev-intake); statement Tables names every resource of a type (arn:aws:dynamodb:us-east-1:123456789012:table/*), not the workload's own",
    );
    // An S3 ARN's first part is a bucket: one bucket's objects pass, every bucket's objects do not.
    expect(
      outside({
        additionalStatements: [
          { Sid: "Objects", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" },
        ],
      }),
    ).toThrow("statement Objects names every resource of a type (arn:aws:s3:::*/*), not the workload's own");
    expect(
      outside({
        additionalStatements: [
          { Sid: "Objects", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" },
        ],
      }),
    ).not.toThrow();
  });

  it("a table without the key", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(
      () =>
        new WorkloadTable(stack, "table", {
          tableName: "t",
          partitionKey: "id",
          encryptionKeyArn: undefined as unknown as string,
          resourcePolicy: { Version: "2012-10-17", Statement: [] },
        }),
    ).toThrow(
      "s/table: encryptionKeyArn: received nothing; expected the ARN of the workload's application key: a store is encrypted with a customer managed key (hipaa-dynamodb-kms)",
    );
  });

  it("a secret in the environment", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(
      () =>
        new WorkloadFunction(stack, "function", {
          ...props,
          ...props.network,
          keyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
          deadLetterArn: "arn:aws:sqs:us-east-1:123456789012:dlq",
          purpose: "test",
          statements: [],
          environment: {
            DB_PASSWORD: "hunter2",
            DB_PASSWORD_ARN: "arn:aws:secretsmanager:us-east-1:1:secret:db",
          },
        }),
    ).toThrow(
      's/function: environment: received ["DB_PASSWORD"]; expected variables that hold no secrets: keep a secret in Secrets Manager and pass its ARN in a variable ending _ARN (hipaa-lambda-environment-no-secrets)',
    );
  });

  it("a handler that imports what one file cannot carry", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-handler-"));
    const source = path.join(dir, "handler.ts");
    fs.writeFileSync(
      source,
      'import { helper } from "./helper";\nimport lodash from "lodash";\nexport { x } from "../x";\nconst fs = require("fs");\nexport const handler = helper;\n',
    );
    expect(outside({ source, sourceName: "workloads/x/handler.ts" })).toThrow(
      's/blueprint/function/code: source (workloads/x/handler.ts) imports: received ["./helper","lodash","../x"]; expected only Node\'s built-ins and @aws-sdk/* (the Lambda runtime\'s SDK): the serverless-api blueprint bundles one file',
    );
  });
});
