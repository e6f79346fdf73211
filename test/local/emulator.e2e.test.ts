// The local emulator: each compatibility patch in local/moto_compat.py makes an API the stacks need behave as
// AWS documents it, and it refuses to share a port with a process the repo did not start.
import {
  APIGatewayClient,
  CreateRestApiCommand,
  GetRestApiCommand,
  UpdateRestApiCommand,
} from "@aws-sdk/client-api-gateway";
import * as net from "net";
import {
  AssociateMemberCommand,
  DisableDelegatedAdminAccountCommand,
  DisassociateMemberCommand,
  EnableDelegatedAdminAccountCommand,
  GetMemberCommand,
  Inspector2Client,
  ListDelegatedAdminAccountsCommand,
} from "@aws-sdk/client-inspector2";
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DescribePolicyCommand,
  EnablePolicyTypeCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedServicesForAccountCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from "@aws-sdk/client-organizations";
import {
  DescribeHubCommand,
  DisableOrganizationAdminAccountCommand,
  EnableOrganizationAdminAccountCommand,
  EnableSecurityHubCommand,
  ListOrganizationAdminAccountsCommand,
  SecurityHubClient,
} from "@aws-sdk/client-securityhub";
import {
  CreateDetectorCommand,
  EnableOrganizationAdminAccountCommand as GuardDutyEnableAdminCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListTagsForResourceCommand as GuardDutyListTagsCommand,
  TagResourceCommand as GuardDutyTagResourceCommand,
} from "@aws-sdk/client-guardduty";
import {
  CreateBucketCommand,
  GetBucketLoggingCommand,
  GetBucketReplicationCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketReplicationCommand,
  PutBucketVersioningCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  CloudTrailClient,
  CreateTrailCommand,
  GetTrailStatusCommand,
  StartLoggingCommand,
  StopLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import {
  CreateResolverQueryLogConfigCommand,
  ListTagsForResourceCommand,
  Route53ResolverClient,
  TagResourceCommand,
} from "@aws-sdk/client-route53resolver";
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreatePermissionSetCommand,
  DescribePermissionSetProvisioningStatusCommand,
  ListInstancesCommand,
  ListTagsForResourceCommand as SsoListTagsCommand,
  ProvisionPermissionSetCommand,
  SSOAdminClient,
  TagResourceCommand as SsoTagResourceCommand,
  UntagResourceCommand as SsoUntagResourceCommand,
} from "@aws-sdk/client-sso-admin";
import {
  CreateFlowLogsCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeFlowLogsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import {
  AccountClient,
  DisableRegionCommand,
  EnableRegionCommand,
  GetRegionOptStatusCommand,
  ListRegionsCommand,
} from "@aws-sdk/client-account";
import {
  BackupClient,
  CreateBackupVaultCommand,
  CreateReportPlanCommand,
  ListTagsCommand as BackupListTagsCommand,
} from "@aws-sdk/client-backup";
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import {
  AssociateKmsKeyCommand,
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  DisassociateKmsKeyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { CreateKeyCommand, DisableKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { ensureEmulator, emulatorPaths, stopEmulator } from "../../src/deploy/emulator";
import { logGroupArn } from "../../src/policies/arns";
import { accountClientConfig, clientConfig, freePort, localDir, oamCall } from "../helpers/emulator";

jest.setTimeout(60_000);
const paths = emulatorPaths(localDir());
let endpoint: string;

beforeAll(async () => {
  endpoint = (await ensureEmulator(await freePort(), paths)).endpoint;
});
afterAll(() => stopEmulator(paths));

it("accepts the delegated-admin and trusted-access principals AWS accepts, and Security Hub admin list/disable", async () => {
  const orgs = new OrganizationsClient(clientConfig(endpoint));
  await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  const created = await orgs.send(
    new CreateAccountCommand({ AccountName: "security-tooling", Email: "st@example.org" }),
  );
  const accountId = created.CreateAccountStatus!.AccountId!;
  for (const principal of ["malware-protection.guardduty.amazonaws.com", "iam.amazonaws.com"]) {
    await orgs.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: principal }));
  }
  const trusted = await orgs.send(new ListAWSServiceAccessForOrganizationCommand({}));
  expect(trusted.EnabledServicePrincipals!.map((p) => p.ServicePrincipal).sort()).toEqual([
    "iam.amazonaws.com",
    "malware-protection.guardduty.amazonaws.com",
  ]);
  for (const principal of [
    "backup.amazonaws.com",
    "config.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "securityhub.amazonaws.com",
    "sso.amazonaws.com",
  ]) {
    await orgs.send(
      new RegisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: principal }),
    );
  }
  const { DelegatedServices } = await orgs.send(
    new ListDelegatedServicesForAccountCommand({ AccountId: accountId }),
  );
  expect(DelegatedServices!.map((s) => s.ServicePrincipal).sort()).toEqual([
    "backup.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "config.amazonaws.com",
    "securityhub.amazonaws.com",
    "sso.amazonaws.com",
  ]);

  const hub = new SecurityHubClient(clientConfig(endpoint));
  expect((await hub.send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts).toEqual([]);
  await hub.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: accountId }));
  expect((await hub.send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts).toEqual([
    { AccountId: accountId, Status: "ENABLED" },
  ]);
  await hub.send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: accountId }));
  expect((await hub.send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts).toEqual([]);
});

it("enables GuardDuty and Security Hub in the account designated their administrator, in that Region only, as AWS does", async () => {
  const orgs = new OrganizationsClient(clientConfig(endpoint));
  const created = await orgs.send(
    new CreateAccountCommand({ AccountName: "designated", Email: "d@example.org" }),
  );
  const admin = created.CreateAccountStatus!.AccountId!;
  await new GuardDutyClient(clientConfig(endpoint)).send(
    new GuardDutyEnableAdminCommand({ AdminAccountId: admin }),
  );
  const guardduty = new GuardDutyClient(await accountClientConfig(endpoint, admin));
  const { DetectorIds } = await guardduty.send(new ListDetectorsCommand({}));
  expect(DetectorIds).toHaveLength(1);
  // One detector per account and Region: a second CreateDetector is refused, as the landing zone must not send it.
  await expect(guardduty.send(new CreateDetectorCommand({ Enable: true }))).rejects.toMatchObject({
    name: "BadRequestException",
  });
  const west = new GuardDutyClient(await accountClientConfig(endpoint, admin, "us-west-2"));
  expect((await west.send(new ListDetectorsCommand({}))).DetectorIds).toEqual([]);
  // The detector keeps the tags it is sent (guardduty-detector-tags).
  const arn = `arn:aws:guardduty:us-east-1:${admin}:detector/${DetectorIds![0]}`;
  await guardduty.send(
    new GuardDutyTagResourceCommand({ ResourceArn: arn, Tags: { LandingZone: "example" } }),
  );
  expect((await guardduty.send(new GuardDutyListTagsCommand({ ResourceArn: arn }))).Tags).toEqual({
    LandingZone: "example",
  });

  await new SecurityHubClient(clientConfig(endpoint)).send(
    new EnableOrganizationAdminAccountCommand({ AdminAccountId: admin }),
  );
  const hub = new SecurityHubClient(await accountClientConfig(endpoint, admin));
  expect((await hub.send(new DescribeHubCommand({}))).HubArn).toContain(admin);
  await expect(hub.send(new EnableSecurityHubCommand({}))).rejects.toMatchObject({
    name: "ResourceConflictException",
  });
});

it("lets Inspector's administrator and members leave as AWS reports them: REMOVED, and no longer listed", async () => {
  const orgs = new OrganizationsClient(clientConfig(endpoint));
  const created = await orgs.send(
    new CreateAccountCommand({ AccountName: "scanner", Email: "s@example.org" }),
  );
  const admin = created.CreateAccountStatus!.AccountId!;
  const management = new Inspector2Client(clientConfig(endpoint));
  await management.send(new EnableDelegatedAdminAccountCommand({ delegatedAdminAccountId: admin }));
  expect((await management.send(new ListDelegatedAdminAccountsCommand({}))).delegatedAdminAccounts).toEqual([
    { accountId: admin, status: "ENABLED" },
  ]);
  const inspector = new Inspector2Client(await accountClientConfig(endpoint, admin));
  await inspector.send(new AssociateMemberCommand({ accountId: "111111111111" }));
  await inspector.send(new DisassociateMemberCommand({ accountId: "111111111111" }));
  expect((await inspector.send(new GetMemberCommand({ accountId: "111111111111" }))).member).toMatchObject({
    relationshipStatus: "REMOVED",
  });
  await inspector.send(new AssociateMemberCommand({ accountId: "111111111111" }));
  expect((await inspector.send(new GetMemberCommand({ accountId: "111111111111" }))).member).toMatchObject({
    relationshipStatus: "ENABLED",
  });
  await management.send(new DisableDelegatedAdminAccountCommand({ delegatedAdminAccountId: admin }));
  expect((await management.send(new ListDelegatedAdminAccountsCommand({}))).delegatedAdminAccounts).toEqual(
    [],
  );
});

it("keeps OAM sinks, policies and links as sent, one sink per account and Region, and no sink deleted under its links", async () => {
  const orgs = new OrganizationsClient(clientConfig(endpoint));
  // The organization the earlier tests made, or a new one when this test runs alone.
  await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" })).catch((e: Error) => {
    if (e.name !== "AlreadyInOrganizationException") throw e;
  });
  const account = async (name: string) =>
    (await orgs.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.org` })))
      .CreateAccountStatus!.AccountId!;
  const [monitoring, source] = [await account("monitoring"), await account("source")];
  const asMonitoring = await accountClientConfig(endpoint, monitoring);
  const asSource = await accountClientConfig(endpoint, source);
  const region = "us-east-1";
  const sink = await oamCall(endpoint, asMonitoring, region, "CreateSink", {
    Name: "logs",
    Tags: { a: "b" },
  });
  expect(sink).toEqual({
    status: 200,
    body: expect.objectContaining({
      Name: "logs",
      Tags: { a: "b" },
      Arn: expect.stringMatching(new RegExp(`^arn:aws:oam:${region}:${monitoring}:sink/`)),
    }),
  });
  const sinkArn = sink.body.Arn as string;
  expect((await oamCall(endpoint, asMonitoring, region, "CreateSink", { Name: "second" })).status).toBe(409);
  const policy = JSON.stringify({ Version: "2012-10-17", Statement: [] });
  await oamCall(endpoint, asMonitoring, region, "PutSinkPolicy", { SinkIdentifier: sinkArn, Policy: policy });
  expect(
    (await oamCall(endpoint, asMonitoring, region, "GetSinkPolicy", { SinkIdentifier: sinkArn })).body,
  ).toEqual(expect.objectContaining({ SinkArn: sinkArn, Policy: policy }));
  const link = await oamCall(endpoint, asSource, region, "CreateLink", {
    LabelTemplate: "$AccountName",
    ResourceTypes: ["AWS::Logs::LogGroup"],
    SinkIdentifier: sinkArn,
  });
  expect(link.body).toEqual(
    expect.objectContaining({ Label: "source", SinkArn: sinkArn, ResourceTypes: ["AWS::Logs::LogGroup"] }),
  );
  expect((await oamCall(endpoint, asMonitoring, region, "DeleteSink", { Identifier: sinkArn })).status).toBe(
    409,
  );
  await oamCall(endpoint, asSource, region, "DeleteLink", { Identifier: link.body.Arn });
  expect((await oamCall(endpoint, asSource, region, "GetLink", { Identifier: link.body.Arn })).status).toBe(
    404,
  );
  expect((await oamCall(endpoint, asMonitoring, region, "DeleteSink", { Identifier: sinkArn })).status).toBe(
    200,
  );
  expect(
    (
      await oamCall(endpoint, asSource, region, "CreateLink", {
        LabelTemplate: "$AccountName",
        ResourceTypes: ["AWS::Logs::LogGroup"],
        SinkIdentifier: sinkArn,
      })
    ).status,
  ).toBe(404);
});

it("reuses its own running emulator", async () => {
  const again = await ensureEmulator(Number(new URL(endpoint).port), paths);
  expect(again).toMatchObject({ endpoint, started: false });
});

it("refuses a port held by a process it did not start", async () => {
  const server = net.createServer();
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
  );
  try {
    await expect(ensureEmulator(port, emulatorPaths(localDir()))).rejects.toThrow(
      `Port ${port} on 127.0.0.1 is in use by a process this repo did not start; stop it or set LZ_LOCAL_PORT to a free port.`,
    );
  } finally {
    server.close();
  }
});

it("returns a replication rule's source selection criteria, and accepts logging into a bucket whose policy has Principal *", async () => {
  const s3 = new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
  for (const bucket of ["compat-source", "compat-target", "compat-logs"])
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const bucket of ["compat-source", "compat-target"]) {
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
    );
  }
  await s3.send(
    new PutBucketReplicationCommand({
      Bucket: "compat-source",
      ReplicationConfiguration: {
        Role: "arn:aws:iam::123456789012:role/replication",
        Rules: [
          {
            ID: "all",
            Priority: 1,
            Status: "Enabled",
            Filter: { Prefix: "" },
            DeleteMarkerReplication: { Status: "Disabled" },
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: "Enabled" } },
            Destination: { Bucket: "arn:aws:s3:::compat-target" },
          },
        ],
      },
    }),
  );
  const { ReplicationConfiguration } = await s3.send(
    new GetBucketReplicationCommand({ Bucket: "compat-source" }),
  );
  expect(ReplicationConfiguration!.Rules![0].SourceSelectionCriteria).toEqual({
    SseKmsEncryptedObjects: { Status: "Enabled" },
  });
  expect(ReplicationConfiguration!.Rules![0]).toMatchObject({
    Filter: { Prefix: "" },
    DeleteMarkerReplication: { Status: "Disabled" },
  });
  // What was sent comes back, not a fixed value: another prefix and delete-marker setting round-trip too.
  await s3.send(
    new PutBucketReplicationCommand({
      Bucket: "compat-source",
      ReplicationConfiguration: {
        Role: "arn:aws:iam::123456789012:role/replication",
        Rules: [
          {
            ID: "logs",
            Priority: 2,
            Status: "Enabled",
            Filter: { Prefix: "logs/" },
            DeleteMarkerReplication: { Status: "Enabled" },
            Destination: { Bucket: "arn:aws:s3:::compat-target" },
          },
        ],
      },
    }),
  );
  const again = await s3.send(new GetBucketReplicationCommand({ Bucket: "compat-source" }));
  expect(again.ReplicationConfiguration!.Rules).toEqual([
    expect.objectContaining({
      ID: "logs",
      Priority: 2,
      Filter: { Prefix: "logs/" },
      DeleteMarkerReplication: { Status: "Enabled" },
    }),
  ]);
  expect(again.ReplicationConfiguration!.Rules![0].SourceSelectionCriteria).toBeUndefined();

  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: "compat-logs",
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: "arn:aws:s3:::compat-logs/*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
          {
            Sid: "Logging",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::compat-logs/*",
          },
        ],
      }),
    }),
  );
  await s3.send(
    new PutBucketLoggingCommand({
      Bucket: "compat-source",
      BucketLoggingStatus: { LoggingEnabled: { TargetBucket: "compat-logs", TargetPrefix: "x/" } },
    }),
  );
  expect((await s3.send(new GetBucketLoggingCommand({ Bucket: "compat-source" }))).LoggingEnabled).toEqual({
    TargetBucket: "compat-logs",
    TargetPrefix: "x/",
  });
});

it("starts and stops a trail by its ARN", async () => {
  const s3 = new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: "compat-trail" }));
  const cloudtrail = new CloudTrailClient(clientConfig(endpoint));
  const { TrailARN } = await cloudtrail.send(
    new CreateTrailCommand({ Name: "compat-trail", S3BucketName: "compat-trail" }),
  );
  await cloudtrail.send(new StartLoggingCommand({ Name: TrailARN }));
  expect((await cloudtrail.send(new GetTrailStatusCommand({ Name: TrailARN }))).IsLogging).toBe(true);
  await cloudtrail.send(new StopLoggingCommand({ Name: TrailARN }));
  expect((await cloudtrail.send(new GetTrailStatusCommand({ Name: TrailARN }))).IsLogging).toBe(false);
});

it("reads and writes the tags of a Resolver query log config by its ARN", async () => {
  const resolver = new Route53ResolverClient(clientConfig(endpoint));
  const { ResolverQueryLogConfig } = await resolver.send(
    new CreateResolverQueryLogConfigCommand({
      Name: "compat-dns",
      DestinationArn: "arn:aws:s3:::compat-trail",
      CreatorRequestId: "compat-dns",
      Tags: [{ Key: "owner", Value: "platform" }],
    }),
  );
  const arn = ResolverQueryLogConfig!.Arn!;
  await resolver.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "env", Value: "prod" }] }));
  const { Tags } = await resolver.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
  expect(Tags).toEqual(
    expect.arrayContaining([
      { Key: "owner", Value: "platform" },
      { Key: "env", Value: "prod" },
    ]),
  );
});

it("tags, provisions and attaches job-function policies to a permission set as Identity Center does", async () => {
  const sso = new SSOAdminClient(clientConfig(endpoint));
  const instanceArn = (await sso.send(new ListInstancesCommand({}))).Instances![0].InstanceArn!;
  const { PermissionSet } = await sso.send(
    new CreatePermissionSetCommand({
      InstanceArn: instanceArn,
      Name: "compat",
      Tags: [{ Key: "a", Value: "1" }],
    }),
  );
  const ResourceArn = PermissionSet!.PermissionSetArn!;
  await sso.send(
    new SsoTagResourceCommand({ InstanceArn: instanceArn, ResourceArn, Tags: [{ Key: "b", Value: "2" }] }),
  );
  await sso.send(new SsoUntagResourceCommand({ InstanceArn: instanceArn, ResourceArn, TagKeys: ["a"] }));
  expect((await sso.send(new SsoListTagsCommand({ InstanceArn: instanceArn, ResourceArn }))).Tags).toEqual([
    { Key: "b", Value: "2" },
  ]);
  await sso.send(
    new AttachManagedPolicyToPermissionSetCommand({
      InstanceArn: instanceArn,
      PermissionSetArn: ResourceArn,
      ManagedPolicyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
    }),
  );
  const provisioned = await sso.send(
    new ProvisionPermissionSetCommand({
      InstanceArn: instanceArn,
      PermissionSetArn: ResourceArn,
      TargetType: "ALL_PROVISIONED_ACCOUNTS",
    }),
  );
  const status = await sso.send(
    new DescribePermissionSetProvisioningStatusCommand({
      InstanceArn: instanceArn,
      ProvisionPermissionSetRequestId: provisioned.PermissionSetProvisioningStatus!.RequestId,
    }),
  );
  // The status is the one ProvisionPermissionSet answered, stored under its request ID, not a fixed value.
  expect(status.PermissionSetProvisioningStatus).toEqual(
    expect.objectContaining({
      RequestId: provisioned.PermissionSetProvisioningStatus!.RequestId,
      PermissionSetArn: ResourceArn,
      Status: provisioned.PermissionSetProvisioningStatus!.Status,
    }),
  );
  await expect(
    sso.send(
      new DescribePermissionSetProvisioningStatusCommand({
        InstanceArn: instanceArn,
        ProvisionPermissionSetRequestId: "00000000-0000-0000-0000-000000000000",
      }),
    ),
  ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
});

it("answers a repeated VPC endpoint ClientToken with the endpoint it created, and refuses the token with other parameters", async () => {
  const ec2 = new EC2Client(clientConfig(endpoint));
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.98.0.0/16" }))).Vpc!.VpcId!;
  const request = {
    VpcId: vpcId,
    ServiceName: "com.amazonaws.us-east-1.s3",
    VpcEndpointType: "Gateway" as const,
    ClientToken: "compat-token-1",
  };
  const first = (await ec2.send(new CreateVpcEndpointCommand(request))).VpcEndpoint!.VpcEndpointId;
  const retried = (await ec2.send(new CreateVpcEndpointCommand(request))).VpcEndpoint!.VpcEndpointId;
  expect(retried).toBe(first);
  const { VpcEndpoints } = await ec2.send(
    new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
  );
  expect(VpcEndpoints!.map((e) => e.VpcEndpointId)).toEqual([first]);
  await expect(
    ec2.send(new CreateVpcEndpointCommand({ ...request, ServiceName: "com.amazonaws.us-east-1.dynamodb" })),
  ).rejects.toMatchObject({ name: "IdempotentParameterMismatch" });
  const other = await ec2.send(new CreateVpcEndpointCommand({ ...request, ClientToken: "compat-token-2" }));
  expect(other.VpcEndpoint!.VpcEndpointId).not.toBe(first);
});

it("keeps a flow log's S3 destination options and fills the ones a request leaves out", async () => {
  const s3 = new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: "compat-flow-logs" }));
  const ec2 = new EC2Client(clientConfig(endpoint));
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.99.0.0/16" }))).Vpc!.VpcId!;
  const { FlowLogIds } = await ec2.send(
    new CreateFlowLogsCommand({
      ResourceIds: [vpcId],
      ResourceType: "VPC",
      TrafficType: "ALL",
      LogDestinationType: "s3",
      LogDestination: "arn:aws:s3:::compat-flow-logs",
      DestinationOptions: { PerHourPartition: true },
    }),
  );
  const { FlowLogs } = await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds }));
  expect(FlowLogs![0].DestinationOptions).toEqual({
    FileFormat: "plain-text",
    HiveCompatiblePartitions: false,
    PerHourPartition: true,
  });
});

it("returns a function's key, dead-letter queue and logging configuration as created and updated", async () => {
  const iam = new IAMClient(clientConfig(endpoint));
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: "compat-function",
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
    }),
  );
  const lambda = new LambdaClient(clientConfig(endpoint));
  const keyArn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
  const dlq = "arn:aws:sqs:us-east-1:123456789012:compat-dlq";
  // An empty zip archive: its end-of-central-directory record alone.
  const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: "compat-function",
      Role: role.Role!.Arn!,
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Code: { ZipFile: zip },
      KMSKeyArn: keyArn,
      DeadLetterConfig: { TargetArn: dlq },
      LoggingConfig: { LogFormat: "JSON", LogGroup: "/aws/lambda/compat-function" },
    }),
  );
  const created = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "compat-function" }));
  expect([created.KMSKeyArn, created.DeadLetterConfig, created.LoggingConfig]).toEqual([
    keyArn,
    { TargetArn: dlq },
    { LogFormat: "JSON", LogGroup: "/aws/lambda/compat-function" },
  ]);
  await lambda.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: "compat-function",
      DeadLetterConfig: { TargetArn: `${dlq}-2` },
    }),
  );
  const updated = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "compat-function" }));
  expect([updated.KMSKeyArn, updated.DeadLetterConfig]).toEqual([keyArn, { TargetArn: `${dlq}-2` }]);
});

it("returns a queue's redrive policy as compact JSON, as AWS does", async () => {
  const sqs = new SQSClient(clientConfig(endpoint));
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: "compat-redrive-dlq" }));
  const { Attributes: dlqAttributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  const policy = JSON.stringify({ deadLetterTargetArn: dlqAttributes!.QueueArn, maxReceiveCount: 5 });
  const queue = await sqs.send(
    new CreateQueueCommand({ QueueName: "compat-redrive", Attributes: { RedrivePolicy: policy } }),
  );
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["RedrivePolicy"] }),
  );
  expect(Attributes!.RedrivePolicy).toBe(policy);
});

it("associates a key with a log group and removes it, as CloudWatch Logs does, refusing what AWS refuses", async () => {
  const logs = new CloudWatchLogsClient(clientConfig(endpoint));
  const kms = new KMSClient(clientConfig(endpoint));
  const keyArn = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  const logGroupName = "/compat/associate-key";
  await logs.send(new CreateLogGroupCommand({ logGroupName }));
  const keyOf = async () =>
    (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName }))).logGroups![0]
      .kmsKeyId;
  // The key's region and account are the client's: arn:aws:kms:<region>:<account>:key/<id>.
  const [, , , region, account] = keyArn.split(":");
  const groupArn = logGroupArn(region, account, logGroupName);
  await logs.send(new AssociateKmsKeyCommand({ logGroupName, kmsKeyId: keyArn }));
  expect(await keyOf()).toBe(keyArn);
  await logs.send(new DisassociateKmsKeyCommand({ resourceIdentifier: groupArn }));
  expect(await keyOf()).toBeUndefined();
  const second = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  await logs.send(new AssociateKmsKeyCommand({ resourceIdentifier: groupArn, kmsKeyId: second }));
  expect(await keyOf()).toBe(second);
  await logs.send(new DisassociateKmsKeyCommand({ logGroupName }));

  const refused = async (input: ConstructorParameters<typeof AssociateKmsKeyCommand>[0]) =>
    logs.send(new AssociateKmsKeyCommand(input)).then(
      () => "accepted",
      (error: Error) => `${error.name}: ${error.message}`,
    );
  const disabled = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  await kms.send(new DisableKeyCommand({ KeyId: disabled.split("/")[1] }));
  const asymmetric = (
    await kms.send(new CreateKeyCommand({ KeySpec: "RSA_2048", KeyUsage: "ENCRYPT_DECRYPT" }))
  ).KeyMetadata!.Arn!;
  const missing = `arn:aws:kms:${region}:${account}:key/00000000-0000-0000-0000-000000000000`;
  const notAKey = (arn: string) =>
    `InvalidParameterException: Specified KMS key ${arn} is not the ARN of an existing, enabled, symmetric encryption key.`;
  expect([
    await refused({ logGroupName: "/compat/none", kmsKeyId: keyArn }),
    await refused({ logGroupName, kmsKeyId: keyArn.split("/")[1] }),
    await refused({ logGroupName, kmsKeyId: missing }),
    await refused({
      logGroupName,
      kmsKeyId: `arn:aws:kms:xx-nowhere-1:${account}:key/${keyArn.split("/")[1]}`,
    }),
    await refused({ logGroupName, kmsKeyId: disabled }),
    await refused({ logGroupName, kmsKeyId: asymmetric }),
    await refused({ logGroupName, resourceIdentifier: groupArn, kmsKeyId: keyArn }),
    await refused({ kmsKeyId: keyArn }),
    await refused({
      resourceIdentifier: `arn:aws:logs:${region}:${account}:query-result:*`,
      kmsKeyId: keyArn,
    }),
  ]).toEqual([
    "ResourceNotFoundException: The specified log group does not exist.",
    notAKey(keyArn.split("/")[1]),
    notAKey(missing),
    notAKey(`arn:aws:kms:xx-nowhere-1:${account}:key/${keyArn.split("/")[1]}`),
    notAKey(disabled),
    notAKey(asymmetric),
    "InvalidParameterException: Specify either logGroupName or resourceIdentifier, but not both.",
    "InvalidParameterException: Specify either logGroupName or resourceIdentifier, but not both.",
    "InvalidParameterException: The emulator associates keys with log groups only (a query-result resourceIdentifier is not emulated).",
  ]);
  expect(await keyOf()).toBeUndefined();
});

it("returns a REST API's resource policy escaped, as API Gateway does, with the content as sent", async () => {
  const apigateway = new APIGatewayClient(clientConfig(endpoint));
  const api = await apigateway.send(new CreateRestApiCommand({ name: "compat-policy" }));
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "S", Effect: "Deny", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }],
  });
  await apigateway.send(
    new UpdateRestApiCommand({
      restApiId: api.id,
      patchOperations: [{ op: "replace", path: "/policy", value: policy }],
    }),
  );
  const read = await apigateway.send(new GetRestApiCommand({ restApiId: api.id }));
  expect(read.policy).toContain('\\"Version\\"');
  expect(JSON.parse(JSON.parse(`"${read.policy!}"`) as string)).toEqual(JSON.parse(policy));
});

it("answers each account's region opt-in status as EnableRegion and DisableRegion set it, refusing always-on regions", async () => {
  const account = new AccountClient(clientConfig(endpoint));
  const status = async (RegionName: string, AccountId?: string) =>
    (await account.send(new GetRegionOptStatusCommand({ RegionName, AccountId }))).RegionOptStatus;
  expect(await status("us-east-1")).toBe("ENABLED_BY_DEFAULT");
  expect(await status("af-south-1")).toBe("DISABLED");
  await account.send(new EnableRegionCommand({ AccountId: "222233334444", RegionName: "af-south-1" }));
  expect(await status("af-south-1", "222233334444")).toBe("ENABLED");
  expect(await status("af-south-1")).toBe("DISABLED"); // another account's setting is its own
  const enabled = await account.send(
    new ListRegionsCommand({ AccountId: "222233334444", RegionOptStatusContains: ["ENABLED"] }),
  );
  expect(enabled.Regions).toEqual([{ RegionName: "af-south-1", RegionOptStatus: "ENABLED" }]);
  await account.send(new DisableRegionCommand({ AccountId: "222233334444", RegionName: "af-south-1" }));
  expect(await status("af-south-1", "222233334444")).toBe("DISABLED");
  await expect(account.send(new EnableRegionCommand({ RegionName: "us-east-1" }))).rejects.toMatchObject({
    name: "ValidationException",
  });
});

it("creates, returns and attaches a BACKUP_POLICY with AWS's backup-policy ARN and the content as sent", async () => {
  const orgs = new OrganizationsClient(clientConfig(endpoint));
  await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" })).catch(() => undefined);
  const rootId = (await orgs.send(new ListRootsCommand({}))).Roots![0].Id!;
  await orgs
    .send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: "BACKUP_POLICY" }))
    .catch(() => undefined);
  const content = JSON.stringify({ plans: { daily: { regions: { "@@assign": ["us-east-1"] } } } });
  const created = await orgs.send(
    new CreatePolicyCommand({
      Name: "lz-backup-test",
      Description: "d",
      Type: "BACKUP_POLICY",
      Content: content,
    }),
  );
  const summary = created.Policy!.PolicySummary!;
  expect(summary.Type).toBe("BACKUP_POLICY");
  expect(summary.Arn).toMatch(
    /^arn:aws:organizations::\d{12}:policy\/o-[a-z0-9]+\/backup_policy\/p-[a-z0-9]+$/,
  );
  const read = await orgs.send(new DescribePolicyCommand({ PolicyId: summary.Id }));
  expect(read.Policy!.Content).toBe(content);
  await orgs.send(new AttachPolicyCommand({ PolicyId: summary.Id, TargetId: rootId }));
  const attached = await orgs.send(
    new ListPoliciesForTargetCommand({ TargetId: rootId, Filter: "BACKUP_POLICY" }),
  );
  expect(attached.Policies!.map((p) => p.Name)).toEqual(["lz-backup-test"]);
});

it("enables DECLARATIVE_POLICY_EC2 on the root and creates, returns and attaches such a policy as sent", async () => {
  const orgs = new OrganizationsClient(clientConfig(endpoint));
  await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" })).catch(() => undefined);
  const rootId = (await orgs.send(new ListRootsCommand({}))).Roots![0].Id!;
  await orgs.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: "DECLARATIVE_POLICY_EC2" }));
  const root = (await orgs.send(new ListRootsCommand({}))).Roots![0];
  expect(root.PolicyTypes).toContainEqual({ Type: "DECLARATIVE_POLICY_EC2", Status: "ENABLED" });
  const content = JSON.stringify({
    ec2_attributes: { serial_console_access: { status: { "@@assign": "disabled" } } },
  });
  const created = await orgs.send(
    new CreatePolicyCommand({
      Name: "lz-ec2-test",
      Description: "d",
      Type: "DECLARATIVE_POLICY_EC2",
      Content: content,
    }),
  );
  const summary = created.Policy!.PolicySummary!;
  expect(summary.Type).toBe("DECLARATIVE_POLICY_EC2");
  expect(summary.Arn).toMatch(
    /^arn:aws:organizations::\d{12}:policy\/o-[a-z0-9]+\/declarative_policy_ec2\/p-[a-z0-9]+$/,
  );
  const read = await orgs.send(new DescribePolicyCommand({ PolicyId: summary.Id }));
  expect(read.Policy!.Content).toBe(content);
  await orgs.send(new AttachPolicyCommand({ PolicyId: summary.Id, TargetId: rootId }));
  const attached = await orgs.send(
    new ListPoliciesForTargetCommand({ TargetId: rootId, Filter: "DECLARATIVE_POLICY_EC2" }),
  );
  expect(attached.Policies!.map((p) => p.Name)).toEqual(["lz-ec2-test"]);
  // The patch adds AWS's type and no other: a type AWS does not have is still refused.
  await expect(
    orgs.send(
      new CreatePolicyCommand({
        Name: "x",
        Description: "d",
        Type: "NOT_A_POLICY" as "TAG_POLICY",
        Content: "{}",
      }),
    ),
  ).rejects.toMatchObject({ name: "InvalidInputException" });
});

it("returns a backup vault's tags from ListTags, with or without the trailing slash", async () => {
  const backup = new BackupClient(clientConfig(endpoint));
  const vault = await backup.send(
    new CreateBackupVaultCommand({
      BackupVaultName: "tagged",
      BackupVaultTags: { DataClassification: "phi" },
    }),
  );
  const { Tags } = await backup.send(new BackupListTagsCommand({ ResourceArn: vault.BackupVaultArn }));
  expect(Tags).toEqual({ DataClassification: "phi" });
  const other = await backup.send(new BackupListTagsCommand({ ResourceArn: `${vault.BackupVaultArn}x` }));
  expect(other.Tags).toEqual({});
});

it("keeps the tags a report plan is created with, as ListTags returns them", async () => {
  const backup = new BackupClient(clientConfig(endpoint));
  const plan = await backup.send(
    new CreateReportPlanCommand({
      ReportPlanName: "lz_restore_jobs",
      ReportDeliveryChannel: { S3BucketName: "archive", S3KeyPrefix: "backup-reports", Formats: ["CSV"] },
      ReportSetting: { ReportTemplate: "RESTORE_JOB_REPORT" },
      ReportPlanTags: { ManagedBy: "cdktf-landing-zone" },
    }),
  );
  const { Tags } = await backup.send(new BackupListTagsCommand({ ResourceArn: plan.ReportPlanArn }));
  expect(Tags).toEqual({ ManagedBy: "cdktf-landing-zone" });
});
