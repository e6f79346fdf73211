// `make local` end to end: the organization stack applied to the emulator, then read back through the AWS API:
// the organization, OUs, accounts in their OUs, SCPs with their attachments, delegated administrators. A second
// run changes nothing, a destroy plan is refused, `make drift` finds out-of-band changes and rates them, an
// account is vended and suspended, and local-down stops the emulator.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DescribeOrganizationCommand,
  DescribeOrganizationalUnitCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  ListAccountsCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { GuardDutyClient, ListOrganizationAdminAccountsCommand } from "@aws-sdk/client-guardduty";
import {
  SecurityHubClient,
  ListOrganizationAdminAccountsCommand as ListHubAdmins,
} from "@aws-sdk/client-securityhub";
import {
  KMSClient,
  ListAliasesCommand,
  GetKeyRotationStatusCommand,
  DescribeKeyCommand,
  DisableKeyRotationCommand,
} from "@aws-sdk/client-kms";
import {
  S3Client,
  GetObjectLockConfigurationCommand,
  GetBucketVersioningCommand,
  GetBucketEncryptionCommand,
  GetPublicAccessBlockCommand,
  GetBucketPolicyCommand,
  GetBucketLoggingCommand,
  GetBucketReplicationCommand,
  PutBucketPolicyCommand,
} from "@aws-sdk/client-s3";
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  GetEventSelectorsCommand,
} from "@aws-sdk/client-cloudtrail";
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { CloudWatchClient, DescribeAlarmsCommand, GetDashboardCommand } from "@aws-sdk/client-cloudwatch";
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { GetFunctionConfigurationCommand, GetPolicyCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { GetSigningProfileCommand, SignerClient } from "@aws-sdk/client-signer";
import {
  APIGatewayClient,
  GetAccountCommand,
  GetRestApisCommand,
  GetStageCommand,
} from "@aws-sdk/client-api-gateway";
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { findingMetrics } from "../../src/policies/finding-metrics";
import { securityAlarms } from "../../src/policies/alarm-patterns";
import { SNSClient, GetTopicAttributesCommand } from "@aws-sdk/client-sns";
import { GetDetectorCommand, ListDetectorsCommand, UpdateDetectorCommand } from "@aws-sdk/client-guardduty";
import {
  ConfigServiceClient,
  DescribeConfigurationAggregatorsCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} from "@aws-sdk/client-config-service";
import {
  DescribeEventBusCommand,
  EventBridgeClient,
  DescribeRuleCommand,
  ListTargetsByRuleCommand,
} from "@aws-sdk/client-eventbridge";
import { EMULATOR_GAPS, PlannedOnlyResource } from "../../src/deploy/emulator-gaps";
import { SEGMENT_TAG, SEGMENTS } from "../../src/policies/transit-gateway";
import { GetDocumentCommand, SSMClient } from "@aws-sdk/client-ssm";
import {
  BatchGetAccountStatusCommand,
  DescribeOrganizationConfigurationCommand,
  Inspector2Client,
  ListDelegatedAdminAccountsCommand,
  ListMembersCommand,
} from "@aws-sdk/client-inspector2";
import { AccountClient, GetAlternateContactCommand } from "@aws-sdk/client-account";
import {
  BackupClient,
  DescribeBackupVaultCommand,
  DescribeReportPlanCommand,
  ListBackupVaultsCommand,
  ListTagsCommand as ListBackupTagsCommand,
} from "@aws-sdk/client-backup";
import { BACKUP_JOB_REPORTS } from "../../modules/backup-reports";
import {
  BACKUP_VAULT_NAME,
  backupPolicyContent,
  CENTRAL_VAULT_NAME,
} from "../../src/policies/backup-policies";
import {
  EC2Client,
  DescribeVpcsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeFlowLogsCommand,
  DescribeSecurityGroupsCommand,
  GetEbsEncryptionByDefaultCommand,
  DeleteFlowLogsCommand,
  AuthorizeSecurityGroupIngressCommand,
  DescribeTransitGatewaysCommand,
  DescribeTransitGatewayRouteTablesCommand,
  SearchTransitGatewayRoutesCommand,
} from "@aws-sdk/client-ec2";
import { IAMClient, GetAccountPasswordPolicyCommand, TagRoleCommand } from "@aws-sdk/client-iam";
import { REPLICATION_ROLE_NAME } from "../../modules/log-archive";
import { DriftReport } from "../../src/deploy/drift/classify";
import {
  Route53ResolverClient,
  ListResolverQueryLogConfigsCommand,
  ListResolverQueryLogConfigAssociationsCommand,
} from "@aws-sdk/client-route53resolver";
import { exampleCopy, removeAccountEntry } from "../helpers/config-fixture";
import { loadConfig } from "../../src/config/load";
import {
  centralBackupRegion,
  expandAssignments,
  guardrailAttachments,
  interfaceEndpointsOf,
  resolvedBackupPlans,
  workloadStackId,
} from "../../src/config/model";
import { CATALOGUE_NAMES } from "../../src/policies/permission-sets";
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { emulatorPaths, portOpen } from "../../src/deploy/emulator";
import { terraform } from "../../src/deploy/terraform";
import { buildGuardrails, GUARDRAIL_NAMES } from "../../src/policies/scp-library";
import { buildResourceControlPolicies, RCP_NAMES } from "../../src/policies/rcp-library";
import { aiOptOutPolicyContent } from "../../src/policies/ai-opt-out-policy";
import { tagPolicyContent } from "../../src/policies/tag-policy";
import { ec2DeclarativePolicyContent } from "../../src/policies/ec2-declarative-policy";
import { renderPolicy } from "../../src/policies/policy-document";
import { guardrailContext } from "../../stacks/organization-stack";
import {
  accountClientConfig,
  oamCall,
  clientConfig,
  cpuHogs,
  freePort,
  localDir,
  runTool,
  startTool,
  terraformPidsIn,
  ToolResult,
} from "../helpers/emulator";

// A fresh `make local` takes about 8 minutes on 2 cores with nothing else running; allow for a busy machine.
const LOCAL_TIMEOUT_MS = 1_800_000;
jest.setTimeout(LOCAL_TIMEOUT_MS);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
let env: Record<string, string>;
let endpoint: string;
let first: ToolResult;
let orgs: OrganizationsClient;

beforeAll(async () => {
  const port = await freePort();
  env = { LZ_LOCAL_PORT: String(port), LZ_LOCAL_DIR: localDir() };
  endpoint = `http://127.0.0.1:${port}`;
  first = runTool("local", env, LOCAL_TIMEOUT_MS);
  orgs = new OrganizationsClient(clientConfig(endpoint));
});

afterAll(() => {
  runTool("local-down", env);
});

async function accountsByName(): Promise<Map<string, string>> {
  const { Accounts } = await orgs.send(new ListAccountsCommand({}));
  return new Map((Accounts ?? []).map((a) => [a.Name!, a.Id!]));
}

it("applies and prints a summary of what it created", () => {
  expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: "" });
  expect(first.stdout).toContain(`emulator: started at ${endpoint}`);
  expect(first.stdout).toMatch(/apply: organization: \d+ added, 0 changed, 0 destroyed/);
  expect(first.stdout).toContain("      8 aws_organizations_account");
  // Every SCP and RCP of the libraries, the AI services opt-out, tag and two EC2 declarative policies (the baseline
  // and the images policy on the PHI OUs), and one backup policy per plan.
  const policies = GUARDRAIL_NAMES.length + RCP_NAMES.length + 4 + resolvedBackupPlans(example).length;
  // The summary right-aligns each count in three columns after four spaces (src/tools/local.ts).
  expect(first.stdout).toContain(`\n    ${String(policies).padStart(3)} aws_organizations_policy\n`);
  expect(first.stdout).toContain("Stop it and remove local state: make local-down");
});

it("creates an organization with all features", async () => {
  const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
  expect(Organization?.FeatureSet).toBe("ALL");
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  expect([...(Roots?.[0].PolicyTypes ?? [])].sort((a, b) => a.Type!.localeCompare(b.Type!))).toEqual([
    { Type: "AISERVICES_OPT_OUT_POLICY", Status: "ENABLED" },
    { Type: "BACKUP_POLICY", Status: "ENABLED" },
    { Type: "DECLARATIVE_POLICY_EC2", Status: "ENABLED" },
    { Type: "RESOURCE_CONTROL_POLICY", Status: "ENABLED" },
    { Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" },
    { Type: "TAG_POLICY", Status: "ENABLED" },
  ]);
});

it("creates the OU tree, nested OUs under their parents", async () => {
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  const top = await orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: Roots![0].Id }));
  expect(top.OrganizationalUnits!.map((o) => o.Name).sort()).toEqual([
    "Infrastructure",
    "Sandbox",
    "Security",
    "Suspended",
    "Workloads",
  ]);
  const workloads = top.OrganizationalUnits!.find((o) => o.Name === "Workloads")!;
  const children = await orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: workloads.Id }));
  expect(children.OrganizationalUnits!.map((o) => o.Name).sort()).toEqual(["NonProd", "Prod"]);
});

it("places every configured account in its OU", async () => {
  const accounts = await accountsByName();
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  const ouNames = new Map<string, string>();
  const walk = async (parentId: string, prefix: string) => {
    const { OrganizationalUnits } = await orgs.send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: parentId }),
    );
    for (const ou of OrganizationalUnits ?? []) {
      const ouPath = prefix ? `${prefix}/${ou.Name}` : ou.Name!;
      ouNames.set(ou.Id!, ouPath);
      await walk(ou.Id!, ouPath);
    }
  };
  await walk(Roots![0].Id!, "");
  for (const account of example.organization.accounts) {
    const id = accounts.get(account.name);
    expect(id).toBeDefined();
    const { Parents } = await orgs.send(new ListParentsCommand({ ChildId: id }));
    expect([account.name, ouNames.get(Parents![0].Id!)]).toEqual([account.name, account.ou]);
  }
});

it("creates every SCP with the synthesized content, attached to its targets", async () => {
  const { Accounts } = await orgs.send(new ListAccountsCommand({}));
  const guardrails = buildGuardrails(
    guardrailContext(example, (name) => Accounts!.find((a) => a.Name === name)!.Id!),
  );
  const { Policies } = await orgs.send(new ListPoliciesCommand({ Filter: "SERVICE_CONTROL_POLICY" }));
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  const top = await orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: Roots![0].Id }));
  const nameOf = new Map([
    [Roots![0].Id!, "Root"],
    ...top.OrganizationalUnits!.map((o) => [o.Id!, o.Name!] as [string, string]),
  ]);
  // The example attaches only to Root and top-level OUs, so OU names are enough to name the targets.
  const expectedTargets = new Map(
    guardrailAttachments(example.organization).map((a) => [a.policy, a.targets]),
  );
  for (const guardrail of guardrails) {
    const summary = Policies!.find((p) => p.Name === guardrail.name);
    expect(summary).toBeDefined();
    const { Policy } = await orgs.send(new DescribePolicyCommand({ PolicyId: summary!.Id }));
    expect(Policy!.Content).toBe(renderPolicy(guardrail.document));
    const { Targets } = await orgs.send(new ListTargetsForPolicyCommand({ PolicyId: summary!.Id }));
    // Organizations lists a policy's targets in no documented order.
    expect([guardrail.name, Targets!.map((t) => nameOf.get(t.TargetId!)).sort()]).toEqual([
      guardrail.name,
      [...expectedTargets.get(guardrail.name)!].sort(),
    ]);
  }
});

it("attaches the data perimeter RCP, the AI services opt-out, tag and EC2 declarative policies to Root, with the synthesized content", async () => {
  const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  const [perimeter] = buildResourceControlPolicies({
    orgId: Organization!.Id!,
    trustedAccounts: example.organization.dataPerimeter.trustedAccounts,
  });
  const contentOnRoot = async (
    type: "RESOURCE_CONTROL_POLICY" | "AISERVICES_OPT_OUT_POLICY" | "TAG_POLICY" | "DECLARATIVE_POLICY_EC2",
  ) => {
    const { Policies } = await orgs.send(
      new ListPoliciesForTargetCommand({ TargetId: Roots![0].Id, Filter: type }),
    );
    const ours = Policies!.filter((p) => !p.AwsManaged);
    const described = await Promise.all(
      ours.map((p) => orgs.send(new DescribePolicyCommand({ PolicyId: p.Id }))),
    );
    return described.map((d) => [d.Policy!.PolicySummary!.Name, d.Policy!.Content]);
  };
  expect(await contentOnRoot("RESOURCE_CONTROL_POLICY")).toEqual([
    ["lz-data-perimeter", renderPolicy(perimeter.document)],
  ]);
  expect(await contentOnRoot("AISERVICES_OPT_OUT_POLICY")).toEqual([
    ["lz-ai-services-opt-out", JSON.stringify(aiOptOutPolicyContent())],
  ]);
  expect(await contentOnRoot("TAG_POLICY")).toEqual([
    [
      "lz-tag-policy",
      JSON.stringify(
        tagPolicyContent(
          example.organization.tagPolicy.requiredTags,
          example.organization.tagPolicy.enforcedFor,
        ),
      ),
    ],
  ]);
  // Stored and attached as sent (organizations-declarative-policy patch); the emulator's EC2 settings do not change.
  expect(await contentOnRoot("DECLARATIVE_POLICY_EC2")).toEqual([
    [
      "lz-ec2-baseline",
      JSON.stringify(ec2DeclarativePolicyContent(example.organization.ec2DeclarativePolicy)),
    ],
  ]);
});

it("delegates the security services to the security-tooling account, and AWS Backup to the backup account", async () => {
  const accounts = await accountsByName();
  const securityTooling = accounts.get("security-tooling");
  const { DelegatedAdministrators } = await orgs.send(new ListDelegatedAdministratorsCommand({}));
  expect(DelegatedAdministrators!.map((d) => d.Id).sort()).toEqual(
    [securityTooling, accounts.get("backup")].sort(),
  );
  const backupServices = await orgs.send(
    new ListDelegatedServicesForAccountCommand({ AccountId: accounts.get("backup") }),
  );
  expect(backupServices.DelegatedServices!.map((s) => s.ServicePrincipal)).toEqual(["backup.amazonaws.com"]);
  const { DelegatedServices } = await orgs.send(
    new ListDelegatedServicesForAccountCommand({ AccountId: securityTooling }),
  );
  // CloudTrail's administrator is registered through CloudTrail's own API, which the emulator lacks (planned-only).
  const delegated = DelegatedServices!.map((s) => s.ServicePrincipal);
  expect(delegated).toEqual(
    expect.arrayContaining([
      "access-analyzer.amazonaws.com",
      "config-multiaccountsetup.amazonaws.com",
      "config.amazonaws.com",
    ]),
  );
  expect(delegated).not.toContain("cloudtrail.amazonaws.com");
  for (const region of example.organization.regions) {
    const guardduty = new GuardDutyClient(clientConfig(endpoint, region));
    const { AdminAccounts } = await guardduty.send(new ListOrganizationAdminAccountsCommand({}));
    expect([region, AdminAccounts]).toEqual([
      region,
      [{ AdminAccountId: securityTooling, AdminStatus: "ENABLED" }],
    ]);
  }
  const hub = new SecurityHubClient(clientConfig(endpoint));
  expect((await hub.send(new ListHubAdmins({}))).AdminAccounts).toEqual([
    { AccountId: securityTooling, Status: "ENABLED" },
  ]);
});

describe("security account keys", () => {
  it("rotates every central key, with aliases per purpose, in the security-tooling account", async () => {
    const securityTooling = (await accountsByName()).get("security-tooling")!;
    for (const region of ["us-east-1", "us-west-2"]) {
      const kms = new KMSClient(await accountClientConfig(endpoint, securityTooling, region));
      const { Aliases } = await kms.send(new ListAliasesCommand({}));
      const ours = (Aliases ?? []).filter((a) => a.AliasName!.startsWith("alias/example-health/"));
      // Home region: log archive, CloudTrail, backup, three PHI data keys (security stack), the findings topic's
      // key (detective-controls stack); the replica key and the regional archive's key in the second region; the
      // account's own EBS default key,
      // backup vault key and session key in both (its baseline stack).
      expect(ours.map((a) => a.AliasName).sort()).toEqual(
        region === "us-east-1"
          ? [
              "alias/example-health/backup",
              "alias/example-health/backup-vault",
              "alias/example-health/cloudtrail",
              "alias/example-health/ebs-default",
              "alias/example-health/log-archive",
              "alias/example-health/phi-data-dev",
              "alias/example-health/phi-data-prod",
              "alias/example-health/phi-data-staging",
              "alias/example-health/session-manager",
              "alias/example-health/sns-findings",
            ]
          : [
              "alias/example-health/backup-vault",
              "alias/example-health/ebs-default",
              "alias/example-health/log-archive-replica",
              "alias/example-health/log-archive-us-west-2",
              "alias/example-health/session-manager",
            ],
      );
      for (const alias of ours) {
        const { KeyRotationEnabled } = await kms.send(
          new GetKeyRotationStatusCommand({ KeyId: alias.TargetKeyId }),
        );
        const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: alias.TargetKeyId }));
        expect([alias.AliasName, KeyRotationEnabled, KeyMetadata!.KeyState]).toEqual([
          alias.AliasName,
          true,
          "Enabled",
        ]);
      }
    }
  });
});

describe("log archive", () => {
  let s3: S3Client;
  let replicaS3: S3Client;
  let archive: string;
  let replica: string;
  let accessLogs: string;

  beforeAll(async () => {
    const logArchiveId = (await accountsByName()).get("log-archive")!;
    s3 = new S3Client(await accountClientConfig(endpoint, logArchiveId));
    replicaS3 = new S3Client(await accountClientConfig(endpoint, logArchiveId, "us-west-2"));
    archive = `example-health-log-archive-${logArchiveId}-us-east-1`;
    replica = `example-health-log-archive-replica-${logArchiveId}-us-west-2`;
    accessLogs = `example-health-log-archive-access-${logArchiveId}-us-east-1`;
  });

  it("locks the archive and its replica in COMPLIANCE mode for 2192 days", async () => {
    for (const [client, bucket] of [
      [s3, archive],
      [replicaS3, replica],
    ] as const) {
      const { ObjectLockConfiguration } = await client.send(
        new GetObjectLockConfigurationCommand({ Bucket: bucket }),
      );
      expect(ObjectLockConfiguration).toMatchObject({
        ObjectLockEnabled: "Enabled",
        Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 2192 } },
      });
    }
  });

  it("versions every bucket and encrypts the archive with its KMS key and a bucket key", async () => {
    for (const [client, bucket] of [
      [s3, archive],
      [s3, accessLogs],
      [replicaS3, replica],
    ] as const) {
      expect([
        bucket,
        (await client.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status,
      ]).toEqual([bucket, "Enabled"]);
    }
    const { ServerSideEncryptionConfiguration } = await s3.send(
      new GetBucketEncryptionCommand({ Bucket: archive }),
    );
    expect(ServerSideEncryptionConfiguration!.Rules![0]).toMatchObject({
      ApplyServerSideEncryptionByDefault: {
        SSEAlgorithm: "aws:kms",
        KMSMasterKeyID: expect.stringMatching(/^arn:aws:kms:us-east-1:\d{12}:key\//),
      },
      BucketKeyEnabled: true,
    });
    const accessEncryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: accessLogs }));
    expect(
      accessEncryption.ServerSideEncryptionConfiguration!.Rules![0].ApplyServerSideEncryptionByDefault!
        .SSEAlgorithm,
    ).toBe("AES256");
  });

  it("blocks public access and serves only TLS 1.2 or later", async () => {
    const { PublicAccessBlockConfiguration } = await s3.send(
      new GetPublicAccessBlockCommand({ Bucket: archive }),
    );
    expect(PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: archive }));
    const statements = JSON.parse(Policy!).Statement as Array<{
      Sid: string;
      Effect: string;
      Condition: unknown;
    }>;
    expect(statements.find((s) => s.Sid === "DenyInsecureTransport")).toMatchObject({
      Effect: "Deny",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(statements.find((s) => s.Sid === "DenyTlsBelow12")).toMatchObject({
      Effect: "Deny",
      Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
    });
  });

  it("logs access to the archive and replicates it to the second region", async () => {
    const { LoggingEnabled } = await s3.send(new GetBucketLoggingCommand({ Bucket: archive }));
    expect(LoggingEnabled).toEqual({ TargetBucket: accessLogs, TargetPrefix: "log-archive/" });
    // The replica logs to its own region's access-log bucket: S3 delivers only within a region.
    const replicaLogging = await replicaS3.send(new GetBucketLoggingCommand({ Bucket: replica }));
    expect(replicaLogging.LoggingEnabled).toEqual({
      TargetBucket: accessLogs.replace(/us-east-1$/, "us-west-2"),
      TargetPrefix: "log-archive-replica/",
    });
    const { ReplicationConfiguration } = await s3.send(new GetBucketReplicationCommand({ Bucket: archive }));
    expect(ReplicationConfiguration!.Rules![0]).toMatchObject({
      Status: "Enabled",
      SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: "Enabled" } },
      Destination: {
        Bucket: `arn:aws:s3:::${replica}`,
        EncryptionConfiguration: { ReplicaKmsKeyID: expect.stringMatching(/^arn:aws:kms:us-west-2:/) },
      },
    });
  });

  it("replicates the Config ingest bucket into the archive and the replica", async () => {
    const ingest = archive.replace("-log-archive-", "-config-ingest-");
    const { ReplicationConfiguration } = await s3.send(new GetBucketReplicationCommand({ Bucket: ingest }));
    expect(ReplicationConfiguration!.Rules!.map((r) => [r.ID, r.Priority, r.Destination!.Bucket])).toEqual([
      ["into-archive", 1, `arn:aws:s3:::${archive}`],
      ["into-replica", 2, `arn:aws:s3:::${replica}`],
    ]);
  });

  // The regional archive of us-west-2, the example's other governed region (modules/log-archive.ts): what the
  // emulator holds after the apply. Whether AWS delivers or replicates into it is make verify's to decide, not this.
  it("holds a write-once regional archive in us-west-2, logged there and replicated into both copies", async () => {
    const regional = archive.replace(/us-east-1$/, "us-west-2");
    const { ObjectLockConfiguration } = await replicaS3.send(
      new GetObjectLockConfigurationCommand({ Bucket: regional }),
    );
    expect(ObjectLockConfiguration).toMatchObject({
      ObjectLockEnabled: "Enabled",
      Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 2192 } },
    });
    const { LoggingEnabled } = await replicaS3.send(new GetBucketLoggingCommand({ Bucket: regional }));
    expect(LoggingEnabled).toEqual({
      TargetBucket: accessLogs.replace(/us-east-1$/, "us-west-2"),
      TargetPrefix: "log-archive-us-west-2/",
    });
    const { ReplicationConfiguration } = await replicaS3.send(
      new GetBucketReplicationCommand({ Bucket: regional }),
    );
    expect(ReplicationConfiguration!.Rules!.map((r) => [r.ID, r.Priority, r.Destination!.Bucket])).toEqual([
      ["into-archive", 1, `arn:aws:s3:::${archive}`],
      ["into-replica", 2, `arn:aws:s3:::${replica}`],
    ]);
  });
});

describe("organization trail", () => {
  it("logs the whole organization, validated, encrypted, to the archive and CloudWatch Logs", async () => {
    const cloudtrail = new CloudTrailClient(clientConfig(endpoint));
    const { trailList } = await cloudtrail.send(new DescribeTrailsCommand({}));
    const trail = trailList!.find((t) => t.Name === "example-health-organization-trail")!;
    expect(trail).toMatchObject({
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      LogFileValidationEnabled: true,
      KmsKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:\d{12}:key\//),
      S3BucketName: expect.stringMatching(/^example-health-log-archive-\d{12}-us-east-1$/),
      CloudWatchLogsLogGroupArn: expect.stringContaining(
        ":log-group:/landing-zone/example-health-organization-trail",
      ),
    });
    expect((await cloudtrail.send(new GetTrailStatusCommand({ Name: trail.TrailARN }))).IsLogging).toBe(true);
    const { AdvancedEventSelectors } = await cloudtrail.send(
      new GetEventSelectorsCommand({ TrailName: trail.TrailARN }),
    );
    expect(AdvancedEventSelectors!.map((s) => s.Name)).toEqual([
      "Management events",
      "S3 data events except the log archive",
      "Lambda invocations",
      "DynamoDB table data events",
      "DynamoDB stream data events",
    ]);
  });

  it("keeps the CloudWatch copy six years, encrypted, with an alarm per catalogue event", async () => {
    const logs = new CloudWatchLogsClient(clientConfig(endpoint));
    const { logGroups } = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: "/landing-zone/" }),
    );
    expect(logGroups![0]).toMatchObject({
      retentionInDays: 2192,
      kmsKeyId: expect.stringMatching(/^arn:aws:kms:/),
    });
    const { metricFilters } = await logs.send(
      new DescribeMetricFiltersCommand({ logGroupName: logGroups![0].logGroupName }),
    );
    // One filter and one alarm per catalogue entry, by name (the catalogue grows; a count would hide which).
    const catalogue = securityAlarms(example.organization.roles.breakGlass)
      .map((a) => a.name)
      .sort();
    expect(metricFilters!.map((f) => f.filterName).sort()).toEqual(catalogue);
    const cloudwatch = new CloudWatchClient(clientConfig(endpoint));
    const { MetricAlarms } = await cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: "example-health/SecurityAlarms-" }),
    );
    expect(
      MetricAlarms!.map((a) => a.AlarmName!.replace("example-health/SecurityAlarms-", "")).sort(),
    ).toEqual(catalogue);
    const topicArn = MetricAlarms![0].AlarmActions![0];
    const sns = new SNSClient(clientConfig(endpoint));
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    expect(Attributes!.KmsMasterKeyId).toMatch(/^arn:aws:kms:/);
    expect(MetricAlarms!.every((a) => a.AlarmActions![0] === topicArn)).toBe(true);
    // The security dashboard shows every alarm's state and metric, read back as CloudWatch stored it.
    const { DashboardBody } = await cloudwatch.send(
      new GetDashboardCommand({ DashboardName: "example-health-security" }),
    );
    const widgets = (
      JSON.parse(DashboardBody!) as { widgets: Array<{ type: string; properties: Record<string, unknown> }> }
    ).widgets;
    const states = widgets.find((w) => w.type === "alarm")!.properties.alarms as string[];
    expect([...states].sort()).toEqual(MetricAlarms!.map((a) => a.AlarmArn).sort());
    const metrics = widgets.find((w) => w.type === "metric")!.properties.metrics as string[][];
    expect(metrics.map(([namespace, name]) => `${namespace} ${name}`).sort()).toEqual(
      MetricAlarms!.map((a) => `${a.Namespace} ${a.MetricName}`).sort(),
    );
    // Findings reach the dashboard's account: the bus admits security-tooling, whose rule forwards with its role,
    // and the findings log group counts them per product and severity.
    const securityTooling = (await accountsByName()).get("security-tooling")!;
    const managementId = MetricAlarms![0].AlarmArn!.split(":")[4];
    const bus = await new EventBridgeClient(clientConfig(endpoint)).send(
      new DescribeEventBusCommand({ Name: "default" }),
    );
    expect(JSON.parse(bus.Policy!).Statement).toEqual([
      expect.objectContaining({
        Sid: "SecurityToolingForwardsFindings",
        Principal: { AWS: `arn:aws:iam::${securityTooling}:root` },
        Action: "events:PutEvents",
      }),
    ]);
    const forwarder = new EventBridgeClient(await accountClientConfig(endpoint, securityTooling));
    const { Targets } = await forwarder.send(
      new ListTargetsByRuleCommand({ Rule: "example-health-security-findings-out" }),
    );
    expect(Targets).toEqual([
      expect.objectContaining({
        Arn: `arn:aws:events:us-east-1:${managementId}:event-bus/default`,
        RoleArn: `arn:aws:iam::${securityTooling}:role/example-health-findings-forwarder`,
      }),
    ]);
    const findings = await logs.send(
      new DescribeMetricFiltersCommand({ logGroupName: "/landing-zone/example-health-security-findings" }),
    );
    expect(findings.metricFilters!.map((f) => f.filterName).sort()).toEqual(
      findingMetrics()
        .map((m) => m.name)
        .sort(),
    );
  });
});

describe("detective controls", () => {
  it("runs a GuardDuty detector in the security-tooling account in every governed region", async () => {
    const securityTooling = (await accountsByName()).get("security-tooling")!;
    for (const region of example.organization.regions) {
      const guardduty = new GuardDutyClient(await accountClientConfig(endpoint, securityTooling, region));
      const { DetectorIds } = await guardduty.send(new ListDetectorsCommand({}));
      expect(DetectorIds).toHaveLength(1);
      const detector = await guardduty.send(new GetDetectorCommand({ DetectorId: DetectorIds![0] }));
      expect({ status: detector.Status, frequency: detector.FindingPublishingFrequency }).toEqual({
        status: "ENABLED",
        frequency: "FIFTEEN_MINUTES",
      });
    }
  });

  it("records every resource in every account and region into the log archive, global types in the home region", async () => {
    const accounts = await accountsByName();
    const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
    const targets = [
      ["management", Organization!.MasterAccountId!],
      ...example.organization.accounts.map((a) => [a.name, accounts.get(a.name)!]),
    ];
    for (const [name, accountId] of targets) {
      for (const region of example.organization.regions) {
        const where = `${name} ${region}`;
        const cfg = new ConfigServiceClient(
          name === "management"
            ? clientConfig(endpoint, region)
            : await accountClientConfig(endpoint, accountId, region),
        );
        const { ConfigurationRecorders } = await cfg.send(new DescribeConfigurationRecordersCommand({}));
        expect([where, ConfigurationRecorders?.map((r) => r.recordingGroup)]).toEqual([
          where,
          [
            expect.objectContaining({
              allSupported: true,
              includeGlobalResourceTypes: region === example.organization.homeRegion,
            }),
          ],
        ]);
        const { ConfigurationRecordersStatus } = await cfg.send(
          new DescribeConfigurationRecorderStatusCommand({}),
        );
        expect([where, ConfigurationRecordersStatus?.map((r) => r.recording)]).toEqual([where, [true]]);
        const { DeliveryChannels } = await cfg.send(new DescribeDeliveryChannelsCommand({}));
        expect([where, DeliveryChannels?.map((c) => c.s3BucketName)]).toEqual([
          where,
          [expect.stringMatching(/^example-health-config-ingest-\d{12}-us-east-1$/)],
        ]);
        expect(DeliveryChannels![0].s3KmsKeyArn).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
      }
    }
  });

  it("aggregates Config for the organization in the security-tooling account", async () => {
    const securityTooling = (await accountsByName()).get("security-tooling")!;
    const cfg = new ConfigServiceClient(await accountClientConfig(endpoint, securityTooling));
    const { ConfigurationAggregators } = await cfg.send(new DescribeConfigurationAggregatorsCommand({}));
    expect(ConfigurationAggregators).toEqual([
      expect.objectContaining({
        ConfigurationAggregatorName: "example-health-organization",
        OrganizationAggregationSource: expect.objectContaining({ AllAwsRegions: true }),
      }),
    ]);
  });

  it("sends HIGH and CRITICAL Security Hub findings to the findings topic", async () => {
    const securityTooling = (await accountsByName()).get("security-tooling")!;
    const events = new EventBridgeClient(await accountClientConfig(endpoint, securityTooling));
    const rule = await events.send(new DescribeRuleCommand({ Name: "example-health-security-hub-findings" }));
    expect(JSON.parse(rule.EventPattern!).detail.findings.Severity.Label).toEqual(["HIGH", "CRITICAL"]);
    const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: rule.Name }));
    expect(Targets?.map((t) => t.Arn)).toEqual([
      `arn:aws:sns:us-east-1:${securityTooling}:example-health-security-findings`,
    ]);
  });

  it("scans every account with Inspector in every governed region, designated and enabled as configured", async () => {
    const accounts = await accountsByName();
    const securityTooling = accounts.get("security-tooling")!;
    const members = example.organization.accounts
      .filter((a) => a.name !== "security-tooling")
      .map((a) => accounts.get(a.name)!);
    for (const region of example.organization.regions) {
      // The management account designated security-tooling; security-tooling enabled itself and every member.
      const management = new Inspector2Client(clientConfig(endpoint, region));
      const { delegatedAdminAccounts } = await management.send(new ListDelegatedAdminAccountsCommand({}));
      expect([region, delegatedAdminAccounts]).toEqual([
        region,
        [expect.objectContaining({ accountId: securityTooling, status: "ENABLED" })],
      ]);
      const inspector = new Inspector2Client(await accountClientConfig(endpoint, securityTooling, region));
      const { members: associated } = await inspector.send(new ListMembersCommand({}));
      expect([region, associated?.map((m) => m.accountId).sort()]).toEqual([region, [...members].sort()]);
      const { accounts: statuses } = await inspector.send(
        new BatchGetAccountStatusCommand({ accountIds: [securityTooling, ...members] }),
      );
      expect(statuses).toHaveLength(members.length + 1);
      for (const status of statuses ?? []) {
        expect([region, status.accountId, status.resourceState]).toEqual([
          region,
          status.accountId,
          expect.objectContaining({
            ec2: expect.objectContaining({ status: "ENABLED" }),
            ecr: expect.objectContaining({ status: "ENABLED" }),
            lambda: expect.objectContaining({ status: "ENABLED" }),
            lambdaCode: expect.objectContaining({ status: "ENABLED" }),
          }),
        ]);
      }
      const { autoEnable } = await inspector.send(new DescribeOrganizationConfigurationCommand({}));
      expect([region, autoEnable]).toEqual([
        region,
        { ec2: true, ecr: true, lambda: true, lambdaCode: true },
      ]);
    }
  });

  it("sends HIGH and CRITICAL Inspector findings to the findings topic, forwarding other regions' to the home region", async () => {
    const securityTooling = (await accountsByName()).get("security-tooling")!;
    const home = example.organization.homeRegion;
    for (const region of example.organization.regions) {
      const events = new EventBridgeClient(await accountClientConfig(endpoint, securityTooling, region));
      const name =
        region === home ? "example-health-inspector-findings" : "example-health-inspector-findings-to-home";
      const rule = await events.send(new DescribeRuleCommand({ Name: name }));
      expect(JSON.parse(rule.EventPattern!)).toEqual({
        source: ["aws.inspector2"],
        "detail-type": ["Inspector2 Finding"],
        detail: { severity: ["HIGH", "CRITICAL"], status: ["ACTIVE"] },
      });
      const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: name }));
      expect(Targets?.map((t) => [t.Arn, t.RoleArn])).toEqual([
        region === home
          ? [`arn:aws:sns:${home}:${securityTooling}:example-health-security-findings`, undefined]
          : [
              `arn:aws:events:${home}:${securityTooling}:event-bus/default`,
              `arn:aws:iam::${securityTooling}:role/example-health-inspector-forwarder`,
            ],
      ]);
    }
  });

  it("writes Session Manager's preferences in every account and region, logged and encrypted, and links member accounts' logs to security-tooling", async () => {
    const accounts = await accountsByName();
    const securityTooling = accounts.get("security-tooling")!;
    for (const name of ["management", ...example.organization.accounts.map((a) => a.name)]) {
      const id = name === "management" ? undefined : accounts.get(name)!;
      for (const region of example.organization.regions) {
        const config = id ? await accountClientConfig(endpoint, id, region) : clientConfig(endpoint, region);
        const { Content, DocumentType } = await new SSMClient(config).send(
          new GetDocumentCommand({ Name: "SSM-SessionManagerRunShell" }),
        );
        const inputs = (JSON.parse(Content!) as { inputs: Record<string, unknown> }).inputs;
        expect([name, region, DocumentType, inputs]).toEqual([
          name,
          region,
          "Session",
          expect.objectContaining({
            cloudWatchLogGroupName: "/landing-zone/example-health-sessions",
            cloudWatchEncryptionEnabled: true,
            kmsKeyId: expect.stringMatching(new RegExp(`^arn:aws:kms:${region}:`)),
            idleSessionTimeout: "15",
          }),
        ]);
        const { logGroups } = await new CloudWatchLogsClient(config).send(
          new DescribeLogGroupsCommand({ logGroupNamePrefix: "/landing-zone/example-health-sessions" }),
        );
        expect(logGroups?.map((g) => [g.retentionInDays, g.kmsKeyId === inputs.kmsKeyId])).toEqual([
          [2192, true],
        ]);
        // The links, read through OAM's API (the emulator's patch oam-sinks-and-links): every member account but
        // security-tooling links to security-tooling's sink in the same region; the management account does not.
        const listed = await oamCall(endpoint, config, region, "ListLinks");
        expect([name, region, listed.status]).toEqual([name, region, 200]);
        const Items = listed.body.Items as Array<Record<string, unknown>>;
        const linked = name !== "management" && name !== "security-tooling";
        expect([name, region, Items]).toEqual([
          name,
          region,
          linked
            ? [
                expect.objectContaining({
                  Label: name,
                  ResourceTypes: ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup"],
                  SinkArn: expect.stringMatching(
                    new RegExp(`^arn:aws:oam:${region}:${securityTooling}:sink/`),
                  ),
                }),
              ]
            : [],
        ]);
      }
    }
  });

  it("plans, without applying, exactly the resources whose APIs the emulator lacks, and lists them", () => {
    const planned = JSON.parse(
      fs.readFileSync(path.join(emulatorPaths(env.LZ_LOCAL_DIR).dir, "planned-only.json"), "utf8"),
    ) as Record<string, PlannedOnlyResource[]>;
    const baselines = ["management", ...example.organization.accounts.map((a) => a.name)].map(
      (name) => `baseline-${name}`,
    );
    expect(Object.keys(planned).sort()).toEqual(
      [
        "backup",
        "detective-controls",
        "organization",
        // DNS Firewall and the hub attachment on every environment's VPC, the hub's RAM associations and its
        // segments' acceptance (no such APIs in moto 5.2.1).
        ...example.environments.map((e) => `network-${e.name}`),
        "network-hub",
        "network-segments",
        ...example.environments.flatMap((e) => e.workloads.map((w) => workloadStackId(e.name, w.name))),
        ...baselines,
      ].sort(),
    );
    const all = Object.values(planned).flat();
    const gaps = all.filter((resource) => resource.type in EMULATOR_GAPS);
    for (const resource of gaps) expect(resource.reason).toBe(EMULATOR_GAPS[resource.type]);
    // What depends on a gap is left out with it, naming what it waits for: staging's signed workload, each VPC's
    // routes to the hub (they wait for its attachment) and the segments' associations and propagations.
    for (const resource of all.filter((r) => !(r.type in EMULATOR_GAPS)))
      expect(resource.reason).toMatch(/^depends on aws_\w+\.\S+$/);
    expect(
      Object.entries(planned)
        .filter(([, resources]) => resources.some((r) => !(r.type in EMULATOR_GAPS)))
        .map(([stack]) => stack)
        .sort(),
    ).toEqual(["network-dev", "network-segments", "network-staging", "workload-staging-patient-intake"]);
    // Every gap the example configuration uses; the example sets no permission boundary and no address plan
    // (network.ipam), whose IPAM types are gaps for a configuration that has one.
    expect([...new Set(gaps.map((r) => r.type))].sort()).toEqual(
      Object.keys(EMULATOR_GAPS)
        .filter((type) => type !== "aws_ssoadmin_permissions_boundary_attachment")
        .filter((type) => !type.startsWith("aws_vpc_ipam"))
        .sort(),
    );
    expect(first.stdout).toContain(
      "Planned but not applied locally (the emulator lacks the API; they apply on AWS):",
    );
    expect(first.stdout).toContain(
      "      2 aws_accessanalyzer_analyzer: IAM Access Analyzer CreateAnalyzer (500)",
    );
  });
});

describe("backups", () => {
  it("gives every member account a locked lz-backup vault under its own key in every governed region", async () => {
    const accounts = await accountsByName();
    for (const name of ["phi-prod", "phi-dev", "security-tooling"]) {
      for (const region of example.organization.regions) {
        const backup = new BackupClient(await accountClientConfig(endpoint, accounts.get(name)!, region));
        const vault = await backup.send(
          new DescribeBackupVaultCommand({ BackupVaultName: BACKUP_VAULT_NAME }),
        );
        expect([name, region, vault.MinRetentionDays, vault.Locked]).toEqual([name, region, 35, true]);
        // COMPLIANCE mode: the lock becomes immutable three days after it is set.
        const untilImmutable = vault.LockDate!.getTime() - Date.now();
        expect(untilImmutable).toBeGreaterThan(2 * 86_400_000);
        expect(untilImmutable).toBeLessThanOrEqual(3 * 86_400_000);
        const kms = new KMSClient(await accountClientConfig(endpoint, accounts.get(name)!, region));
        const { KeyMetadata } = await kms.send(
          new DescribeKeyCommand({ KeyId: "alias/example-health/backup-vault" }),
        );
        expect(vault.EncryptionKeyArn).toBe(KeyMetadata!.Arn);
        const { Tags } = await backup.send(new ListBackupTagsCommand({ ResourceArn: vault.BackupVaultArn }));
        expect(Tags).toMatchObject({ ManagedBy: "cdktf-landing-zone" });
      }
    }
  });

  it("attaches the organization's backup policy, as synthesized, to the OUs of every PHI account", async () => {
    const accounts = await accountsByName();
    const { Policies } = await orgs.send(new ListPoliciesCommand({ Filter: "BACKUP_POLICY" }));
    expect(Policies!.map((p) => p.Name)).toEqual(["lz-backup-phi"]);
    const { Policy } = await orgs.send(new DescribePolicyCommand({ PolicyId: Policies![0].Id }));
    const [plan] = resolvedBackupPlans(example);
    const expected = backupPolicyContent(plan.plan, {
      regions: plan.regions,
      central: { accountId: accounts.get("backup")!, region: centralBackupRegion(example.organization) },
    });
    expect(JSON.parse(Policy!.Content!)).toEqual(expected);
    // The policy reaches each PHI account through its parent OU.
    for (const name of ["phi-prod", "phi-staging"]) {
      const { Parents } = await orgs.send(new ListParentsCommand({ ChildId: accounts.get(name) }));
      const { Policies: onParent } = await orgs.send(
        new ListPoliciesForTargetCommand({ TargetId: Parents![0].Id, Filter: "BACKUP_POLICY" }),
      );
      expect([name, onParent!.map((p) => p.Name)]).toEqual([name, ["lz-backup-phi"]]);
    }
  });

  it("delivers the organization's job reports into the backup account's own reports bucket", async () => {
    const accounts = await accountsByName();
    const backupAccount = accounts.get("backup")!;
    const { homeRegion } = example.organization;
    const backup = new BackupClient(await accountClientConfig(endpoint, backupAccount, homeRegion));
    for (const [name, template] of Object.entries(BACKUP_JOB_REPORTS)) {
      const { ReportPlan } = await backup.send(new DescribeReportPlanCommand({ ReportPlanName: name }));
      expect(ReportPlan).toMatchObject({
        ReportDeliveryChannel: {
          S3BucketName: `${example.organization.name}-backup-reports-${backupAccount}-${homeRegion}`,
          S3KeyPrefix: "backup-reports",
        },
        ReportSetting: { ReportTemplate: template, Regions: example.organization.regions },
      });
      expect([...ReportPlan!.ReportSetting!.Accounts!].sort()).toEqual(
        example.organization.accounts.map((a) => accounts.get(a.name)).sort(),
      );
    }
  });

  it("holds the central vault in the backup account's replica region, locked under its own key", async () => {
    const backupAccount = (await accountsByName()).get("backup")!;
    const region = centralBackupRegion(example.organization);
    const backup = new BackupClient(await accountClientConfig(endpoint, backupAccount, region));
    const vault = await backup.send(new DescribeBackupVaultCommand({ BackupVaultName: CENTRAL_VAULT_NAME }));
    expect(vault).toMatchObject({
      MinRetentionDays: 35,
      BackupVaultArn: expect.stringContaining(`:${backupAccount}:`),
    });
    const kms = new KMSClient(await accountClientConfig(endpoint, backupAccount, region));
    const { KeyMetadata } = await kms.send(
      new DescribeKeyCommand({ KeyId: "alias/example-health/central-backup" }),
    );
    expect(vault.EncryptionKeyArn).toBe(KeyMetadata!.Arn);
  });
});

describe("Identity Center", () => {
  it("creates the permission-set catalogue with one-hour sessions and its managed policies", async () => {
    const sso = new SSOAdminClient(clientConfig(endpoint));
    const instanceArn = (await sso.send(new ListInstancesCommand({}))).Instances![0].InstanceArn!;
    const { PermissionSets } = await sso.send(new ListPermissionSetsCommand({ InstanceArn: instanceArn }));
    const sets = new Map<string, string>();
    for (const arn of PermissionSets ?? []) {
      const { PermissionSet } = await sso.send(
        new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }),
      );
      expect([PermissionSet!.Name, PermissionSet!.SessionDuration]).toEqual([PermissionSet!.Name, "PT1H"]);
      sets.set(PermissionSet!.Name!, arn);
    }
    expect([...sets.keys()].sort()).toEqual([...CATALOGUE_NAMES].sort());
    const { AttachedManagedPolicies } = await sso.send(
      new ListManagedPoliciesInPermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: sets.get("SecurityAudit"),
      }),
    );
    expect(AttachedManagedPolicies!.map((p) => p.Arn).sort()).toEqual([
      "arn:aws:iam::aws:policy/SecurityAudit",
      "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
    ]);
    const { InlinePolicy } = await sso.send(
      new GetInlinePolicyForPermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: sets.get("PHIReadOnly"),
      }),
    );
    expect(JSON.parse(InlinePolicy!).Statement.map((st: { Sid: string }) => st.Sid)).toEqual([
      "DenyPhiKeyUse",
      "DenyLogData",
    ]);

    // Groups are looked up by display name; each account gets the sets its assignments and OUs give it.
    const accounts = await accountsByName();
    const expected = expandAssignments(example.organization).filter((a) => a.account === "phi-dev");
    const found: string[] = [];
    for (const [name, arn] of sets) {
      const { AccountAssignments } = await sso.send(
        new ListAccountAssignmentsCommand({
          InstanceArn: instanceArn,
          AccountId: accounts.get("phi-dev"),
          PermissionSetArn: arn,
        }),
      );
      for (const a of AccountAssignments ?? []) {
        expect(a.PrincipalType).toBe("GROUP");
        found.push(name);
      }
    }
    expect(found.sort()).toEqual(expected.map((a) => a.permissionSet).sort());
  });
});

describe("PHI networks and the account baseline", () => {
  it("sets each PHI account's security and operations contacts from the configuration", async () => {
    const accounts = await accountsByName();
    const contacts = example.organization.contacts;
    for (const name of example.environments.filter((e) => e.phi).flatMap((e) => e.accounts)) {
      const client = new AccountClient(await accountClientConfig(endpoint, accounts.get(name)!));
      for (const [type, contact] of [
        ["SECURITY", contacts.security!],
        ["OPERATIONS", contacts.operations!],
      ] as const) {
        const { AlternateContact } = await client.send(
          new GetAlternateContactCommand({ AlternateContactType: type }),
        );
        expect([name, AlternateContact]).toEqual([
          name,
          {
            AlternateContactType: type,
            Name: contact.name,
            Title: contact.title,
            EmailAddress: contact.email,
            PhoneNumber: contact.phone,
          },
        ]);
      }
    }
  });

  it.each(["prod", "staging", "dev"])(
    "gives %s a private VPC with endpoints, a closed default group and flow logs of ALL traffic",
    async (name) => {
      const environment = example.environments.find((e) => e.name === name)!;
      const accountId = (await accountsByName()).get(environment.accounts[0])!;
      const ec2 = new EC2Client(await accountClientConfig(endpoint, accountId));
      const { Vpcs } = await ec2.send(
        new DescribeVpcsCommand({ Filters: [{ Name: "cidr", Values: [environment.cidr] }] }),
      );
      expect(Vpcs).toHaveLength(1);
      const vpcId = Vpcs![0].VpcId!;
      const { Subnets } = await ec2.send(
        new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
      );
      expect(Subnets).toHaveLength(2);
      expect(new Set(Subnets!.map((sn) => sn.AvailabilityZone)).size).toBe(2);
      expect(Subnets!.every((sn) => sn.MapPublicIpOnLaunch === false)).toBe(true);

      const { VpcEndpoints } = await ec2.send(
        new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
      );
      expect(VpcEndpoints!.map((e) => e.ServiceName).sort()).toEqual(
        [...interfaceEndpointsOf(environment), "s3", "dynamodb"]
          .map((svc) => `com.amazonaws.us-east-1.${svc}`)
          .sort(),
      );
      const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
      for (const e of VpcEndpoints!) {
        const statements = JSON.parse(e.PolicyDocument!).Statement as Array<{
          Sid: string;
          Condition: Record<string, Record<string, string>>;
        }>;
        // Federated sign-in carries no AWS principal: there the role assumed must be the organization's.
        for (const st of statements) {
          const orgKey =
            st.Sid === "FederatedSignInToOrganizationRoles" ? "aws:ResourceOrgID" : "aws:PrincipalOrgID";
          expect([st.Sid, st.Condition.StringEquals[orgKey]]).toEqual([st.Sid, Organization!.Id]);
        }
      }

      const { FlowLogs } = await ec2.send(
        new DescribeFlowLogsCommand({ Filter: [{ Name: "resource-id", Values: [vpcId] }] }),
      );
      expect(FlowLogs?.map((f) => [f.TrafficType, f.LogDestinationType])).toEqual([["ALL", "s3"]]);
      expect(FlowLogs![0].LogDestination).toMatch(
        /^arn:aws:s3:::example-health-log-archive-\d{12}-us-east-1$/,
      );

      const { SecurityGroups } = await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [
            { Name: "vpc-id", Values: [vpcId] },
            { Name: "group-name", Values: ["default"] },
          ],
        }),
      );
      expect(SecurityGroups!.map((g) => [g.IpPermissions, g.IpPermissionsEgress])).toEqual([[[], []]]);

      const resolver = new Route53ResolverClient(await accountClientConfig(endpoint, accountId));
      const { ResolverQueryLogConfigs } = await resolver.send(new ListResolverQueryLogConfigsCommand({}));
      expect(ResolverQueryLogConfigs?.map((c) => c.DestinationArn)).toEqual([FlowLogs![0].LogDestination]);
      const { ResolverQueryLogConfigAssociations } = await resolver.send(
        new ListResolverQueryLogConfigAssociationsCommand({}),
      );
      expect(ResolverQueryLogConfigAssociations?.map((a) => a.ResourceId)).toEqual([vpcId]);
    },
  );

  it("turns on EBS encryption by default in every account and region, and sets the HIPAA password policy", async () => {
    const accounts = await accountsByName();
    for (const account of example.organization.accounts) {
      const accountId = accounts.get(account.name)!;
      for (const region of example.organization.regions) {
        const ec2 = new EC2Client(await accountClientConfig(endpoint, accountId, region));
        const { EbsEncryptionByDefault } = await ec2.send(new GetEbsEncryptionByDefaultCommand({}));
        expect([account.name, region, EbsEncryptionByDefault]).toEqual([account.name, region, true]);
      }
      const iam = new IAMClient(await accountClientConfig(endpoint, accountId));
      const { PasswordPolicy } = await iam.send(new GetAccountPasswordPolicyCommand({}));
      expect(PasswordPolicy).toMatchObject({
        MinimumPasswordLength: 14,
        PasswordReusePrevention: 24,
        MaxPasswordAge: 90,
      });
    }
  });
});

describe("workloads", () => {
  it("deploys the example's patient-intake workload into dev's VPC account: function in the VPC under its key, table with PITR, queue with its dead-letter queue, alarms to its topic", async () => {
    const accounts = await accountsByName();
    const region = example.organization.homeRegion;
    const config = await accountClientConfig(endpoint, accounts.get("phi-dev")!, region);
    const fn = await new LambdaClient(config).send(
      new GetFunctionConfigurationCommand({ FunctionName: "workload-dev-patient-intake" }),
    );
    const { Vpcs } = await new EC2Client(config).send(
      new DescribeVpcsCommand({ Filters: [{ Name: "tag:Name", Values: ["example-health-dev-phi"] }] }),
    );
    const { Subnets } = await new EC2Client(config).send(
      new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [Vpcs![0].VpcId!] }] }),
    );
    const privateSubnets = Subnets!.filter((subnet) =>
      subnet.Tags?.some((t) => t.Key === "Tier" && t.Value === "private"),
    );
    expect({
      runtime: fn.Runtime,
      subnets: [...fn.VpcConfig!.SubnetIds!].sort(),
      key: fn.KMSKeyArn,
      deadLetter: fn.DeadLetterConfig?.TargetArn,
      logging: fn.LoggingConfig,
      variables: Object.keys(fn.Environment!.Variables!).sort(),
    }).toEqual({
      runtime: "nodejs22.x",
      subnets: privateSubnets.map((subnet) => subnet.SubnetId).sort(),
      key: expect.stringMatching(new RegExp(`^arn:aws:kms:${region}:${accounts.get("phi-dev")}:key/`)),
      deadLetter: `arn:aws:sqs:${region}:${accounts.get("phi-dev")}:dev-patient-intake-invoke-dlq`,
      logging: { LogFormat: "JSON", LogGroup: "/aws/lambda/workload-dev-patient-intake" },
      variables: ["BUCKET_KEY_ARN", "BUCKET_NAME", "QUEUE_URL", "SECRET_ARN", "TABLE_NAME"],
    });
    const { Aliases } = await new KMSClient(config).send(new ListAliasesCommand({ KeyId: fn.KMSKeyArn }));
    expect(Aliases!.map((a) => a.AliasName)).toEqual(["alias/example-health/workload/dev-patient-intake"]);
    const dynamodb = new DynamoDBClient(config);
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: "dev-patient-intake" }));
    expect([Table!.SSEDescription?.KMSMasterKeyArn, Table!.DeletionProtectionEnabled]).toEqual([
      fn.KMSKeyArn,
      true,
    ]);
    const { ContinuousBackupsDescription } = await dynamodb.send(
      new DescribeContinuousBackupsCommand({ TableName: "dev-patient-intake" }),
    );
    expect(ContinuousBackupsDescription!.PointInTimeRecoveryDescription!.PointInTimeRecoveryStatus).toBe(
      "ENABLED",
    );
    const sqs = new SQSClient(config);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "dev-patient-intake-work" }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }),
    );
    expect([Attributes!.KmsMasterKeyId, JSON.parse(Attributes!.RedrivePolicy!)]).toEqual([
      fn.KMSKeyArn,
      {
        deadLetterTargetArn: `arn:aws:sqs:${region}:${accounts.get("phi-dev")}:dev-patient-intake-work-dlq`,
        maxReceiveCount: 5,
      },
    ]);
    // The bucket: under the key with S3 Bucket Keys, versioned, its access logs in a bucket of its own.
    const bucket = `dev-patient-intake-${accounts.get("phi-dev")}-${region}`;
    const s3 = new S3Client(config);
    const { ServerSideEncryptionConfiguration } = await s3.send(
      new GetBucketEncryptionCommand({ Bucket: bucket }),
    );
    const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    const { LoggingEnabled } = await s3.send(new GetBucketLoggingCommand({ Bucket: bucket }));
    expect([ServerSideEncryptionConfiguration!.Rules![0], Status, LoggingEnabled?.TargetBucket]).toEqual([
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: fn.KMSKeyArn },
        BucketKeyEnabled: true,
      },
      "Enabled",
      `dev-patient-intake-s3-logs-${accounts.get("phi-dev")}-${region}`,
    ]);
    const { Policy: bucketPolicy } = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
    expect(
      (JSON.parse(bucketPolicy!) as { Statement: Array<{ Sid: string }> }).Statement.map((st) => st.Sid),
    ).toEqual([
      "DenyInsecureTransport",
      "DenyTlsBelow12",
      "DenyOtherEncryption",
      "DenyOtherKeys",
      "OnlyTheWorkloadUsesTheBucket",
    ]);
    const { MetricAlarms } = await new CloudWatchClient(config).send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: "dev-patient-intake-" }),
    );
    const topicArn = `arn:aws:sns:${region}:${accounts.get("phi-dev")}:dev-patient-intake-alarms`;
    expect(
      MetricAlarms!
        .map((a) => [a.AlarmName, a.MetricName, a.AlarmActions, a.OKActions])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      [
        ["dev-patient-intake-duration", "Duration"],
        ["dev-patient-intake-errors", "Errors"],
        ["dev-patient-intake-invoke-dlq-depth", "ApproximateNumberOfMessagesVisible"],
        ["dev-patient-intake-rotation-errors", "Errors"],
        ["dev-patient-intake-throttles", "Throttles"],
        ["dev-patient-intake-work-dlq-depth", "ApproximateNumberOfMessagesVisible"],
      ].map(([name, metric]) => [name, metric, [topicArn], [topicArn]]),
    );
  });
});

describe("workload secrets", () => {
  it("keeps patient-intake's secret under the workload's key behind its policy, with its rotation function in the VPC that Secrets Manager may invoke for that secret only", async () => {
    const accounts = await accountsByName();
    const account = accounts.get("phi-dev")!;
    const region = example.organization.homeRegion;
    const config = await accountClientConfig(endpoint, account, region);
    const lambda = new LambdaClient(config);
    const fn = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: "workload-dev-patient-intake" }),
    );
    const secrets = new SecretsManagerClient(config);
    const secret = await secrets.send(new DescribeSecretCommand({ SecretId: "workload/dev-patient-intake" }));
    expect([secret.KmsKeyId, secret.ARN]).toEqual([fn.KMSKeyArn, fn.Environment!.Variables!.SECRET_ARN]);
    const { ResourcePolicy } = await secrets.send(
      new GetResourcePolicyCommand({ SecretId: "workload/dev-patient-intake" }),
    );
    const policy = JSON.parse(ResourcePolicy!) as { Statement: Array<{ Sid: string; Effect: string }> };
    expect(policy.Statement.map((st) => [st.Sid, st.Effect])).toEqual([
      ["OnlyTheWorkloadUsesTheSecret", "Deny"],
    ]);
    const rotation = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: "workload-dev-patient-intake-rotation" }),
    );
    expect({
      subnets: [...rotation.VpcConfig!.SubnetIds!].sort(),
      deadLetter: rotation.DeadLetterConfig?.TargetArn,
      role: rotation.Role,
    }).toEqual({
      subnets: [...fn.VpcConfig!.SubnetIds!].sort(),
      deadLetter: fn.DeadLetterConfig?.TargetArn,
      role: `arn:aws:iam::${account}:role/workload/dev-patient-intake-rotation`,
    });
    const { Policy } = await lambda.send(
      new GetPolicyCommand({ FunctionName: "workload-dev-patient-intake-rotation" }),
    );
    const permissions = (JSON.parse(Policy!) as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(permissions.map((st) => [st.Sid, st.Principal, st.Condition])).toEqual([
      [
        "SecretsManagerRotates",
        { Service: "secretsmanager.amazonaws.com" },
        { ArnLike: { "AWS:SourceArn": secret.ARN } },
      ],
    ]);
  });
});

describe("the hub", () => {
  it("reads back the network account's Transit Gateway, its segment tables with the prod/non-prod blackholes, and its flow log, and plans its RAM share and the segments only", async () => {
    const accounts = await accountsByName();
    const network = accounts.get(example.organization.coreAccounts.network)!;
    const ec2 = new EC2Client(await accountClientConfig(endpoint, network, example.organization.homeRegion));
    const { TransitGateways } = await ec2.send(new DescribeTransitGatewaysCommand({}));
    expect(
      TransitGateways!.map((g) => [
        g.Tags?.find((t) => t.Key === "Name")?.Value,
        g.Options?.AmazonSideAsn,
        g.Options?.AutoAcceptSharedAttachments,
        g.Options?.DefaultRouteTableAssociation,
        g.Options?.DefaultRouteTablePropagation,
      ]),
    ).toEqual([["example-health-hub-us-east-1", 64512, "disable", "disable", "disable"]]);
    const gatewayId = TransitGateways![0].TransitGatewayId!;
    const { TransitGatewayRouteTables } = await ec2.send(
      new DescribeTransitGatewayRouteTablesCommand({
        Filters: [{ Name: "transit-gateway-id", Values: [gatewayId] }],
      }),
    );
    const bySegment = new Map(
      TransitGatewayRouteTables!.map((t) => [t.Tags?.find((tag) => tag.Key === SEGMENT_TAG)?.Value, t]),
    );
    expect([...bySegment.keys()].sort()).toEqual([...SEGMENTS].sort());
    // Every static route in a segment's table: only the blackholes for the other side of the prod/non-prod wall.
    const routes = async (segment: string) =>
      (
        await ec2.send(
          new SearchTransitGatewayRoutesCommand({
            TransitGatewayRouteTableId: bySegment.get(segment)!.TransitGatewayRouteTableId!,
            Filters: [{ Name: "type", Values: ["static"] }],
          }),
        )
      )
        .Routes!.map((r) => `${r.DestinationCidrBlock} ${r.State}`)
        .sort();
    const cidr = (name: string) => example.environments.find((e) => e.name === name)!.cidr;
    expect(await routes("prod")).toEqual([`${cidr("dev")} blackhole`, `${cidr("staging")} blackhole`].sort());
    expect(await routes("non-prod")).toEqual([`${cidr("prod")} blackhole`]);
    expect(await routes("shared")).toEqual([]);
    const { FlowLogs } = await ec2.send(
      new DescribeFlowLogsCommand({ Filter: [{ Name: "resource-id", Values: [gatewayId] }] }),
    );
    expect(FlowLogs!.map((f) => [f.LogDestinationType, f.MaxAggregationInterval])).toEqual([["s3", 60]]);
    // What moto 5.2.1 cannot apply (the RAM share, attachments from other accounts, acceptance) is planned only.
    const planned = JSON.parse(
      fs.readFileSync(path.join(emulatorPaths(env.LZ_LOCAL_DIR).dir, "planned-only.json"), "utf8"),
    ) as Record<string, PlannedOnlyResource[]>;
    expect(new Set(planned["network-hub"].map((r) => r.type))).toEqual(
      new Set(["aws_ram_resource_share", "aws_ram_resource_association", "aws_ram_principal_association"]),
    );
    expect(new Set(planned["network-segments"].map((r) => r.type))).toEqual(
      new Set([
        "aws_ec2_transit_gateway_vpc_attachment_accepter",
        "aws_ec2_transit_gateway_route_table_association",
        "aws_ec2_transit_gateway_route_table_propagation",
      ]),
    );
  });
});

describe("signed workloads", () => {
  it("deploys staging's patient-intake with its Signer profile and code bucket under the workload's key, and plans only the signing, the signed functions and what calls them", async () => {
    const accounts = await accountsByName();
    const account = accounts.get("phi-staging")!;
    const region = example.organization.homeRegion;
    const config = await accountClientConfig(endpoint, account, region);
    const profile = await new SignerClient(config).send(
      new GetSigningProfileCommand({ profileName: "workload_staging_patient_intake" }),
    );
    expect([profile.platformId, profile.status]).toEqual(["AWSLambda-SHA384-ECDSA", "Active"]);
    const { Table } = await new DynamoDBClient(config).send(
      new DescribeTableCommand({ TableName: "staging-patient-intake" }),
    );
    const s3 = new S3Client(config);
    const codeBucket = `staging-patient-intake-code-${account}-${region}`;
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: codeBucket }));
    const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: codeBucket }));
    expect([
      encryption.ServerSideEncryptionConfiguration!.Rules![0].ApplyServerSideEncryptionByDefault
        ?.KMSMasterKeyID,
      versioning.Status,
    ]).toEqual([Table!.SSEDescription?.KMSMasterKeyArn, "Enabled"]);
    const planned = JSON.parse(
      fs.readFileSync(path.join(emulatorPaths(env.LZ_LOCAL_DIR).dir, "planned-only.json"), "utf8"),
    ) as Record<string, PlannedOnlyResource[]>;
    const types = new Set(planned["workload-staging-patient-intake"].map((r) => r.type));
    expect(types).toEqual(
      new Set([
        "aws_s3_object",
        "aws_signer_signing_job",
        "aws_lambda_code_signing_config",
        "aws_lambda_function",
        "aws_lambda_permission",
        "aws_secretsmanager_secret_rotation",
        "aws_api_gateway_integration",
        "aws_api_gateway_deployment",
        "aws_api_gateway_stage",
        "aws_api_gateway_method_settings",
      ]),
    );
  });
});

describe("workload APIs", () => {
  it("serves patient-intake's private API through dev's execute-api endpoint only, its calls logged under the workload's key, the function invocable by its stage and method only", async () => {
    const accounts = await accountsByName();
    const account = accounts.get("phi-dev")!;
    const region = example.organization.homeRegion;
    const config = await accountClientConfig(endpoint, account, region);
    const ec2 = new EC2Client(config);
    const { VpcEndpoints } = await ec2.send(
      new DescribeVpcEndpointsCommand({
        Filters: [{ Name: "service-name", Values: [`com.amazonaws.${region}.execute-api`] }],
      }),
    );
    expect(VpcEndpoints).toHaveLength(1);
    const apigateway = new APIGatewayClient(config);
    const { items } = await apigateway.send(new GetRestApisCommand({}));
    const api = items!.find((a) => a.name === "dev-patient-intake")!;
    expect({
      types: api.endpointConfiguration?.types,
      endpoints: api.endpointConfiguration?.vpcEndpointIds,
      tag: api.tags?.LandingZoneWorkload,
    }).toEqual({
      types: ["PRIVATE"],
      endpoints: [VpcEndpoints![0].VpcEndpointId],
      tag: "dev-patient-intake",
    });
    const policy = JSON.parse(api.policy!.replace(/\\"/g, '"')) as { Statement: Array<{ Sid: string }> };
    expect(policy.Statement.map((st) => st.Sid)).toEqual([
      "AccountCallers",
      "OnlyThroughTheEnvironmentEndpoint",
      "DenyPlainHttp",
    ]);
    const stage = await apigateway.send(new GetStageCommand({ restApiId: api.id, stageName: "v1" }));
    expect({
      accessLog: stage.accessLogSettings?.destinationArn,
      settings: stage.methodSettings?.["*/*"],
    }).toEqual({
      accessLog: expect.stringMatching(
        new RegExp(
          `^arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/workload-dev-patient-intake`,
        ),
      ),
      settings: expect.objectContaining({
        loggingLevel: "ERROR",
        dataTraceEnabled: false,
        metricsEnabled: true,
      }),
    });
    const setting = await apigateway.send(new GetAccountCommand({}));
    expect(setting.cloudwatchRoleArn).toBe(`arn:aws:iam::${account}:role/example-health-dev-apigateway-logs`);
    const fn = await new LambdaClient(config).send(
      new GetFunctionConfigurationCommand({ FunctionName: "workload-dev-patient-intake" }),
    );
    const { logGroups } = await new CloudWatchLogsClient(config).send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: `API-Gateway-Execution-Logs_${api.id}/` }),
    );
    expect(logGroups!.map((g) => [g.logGroupName, g.kmsKeyId])).toEqual([
      [`API-Gateway-Execution-Logs_${api.id}/v1`, fn.KMSKeyArn],
    ]);
    const { Policy } = await new LambdaClient(config).send(
      new GetPolicyCommand({ FunctionName: "workload-dev-patient-intake" }),
    );
    const permissions = (JSON.parse(Policy!) as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(permissions.map((st) => [st.Sid, st.Principal, st.Condition])).toEqual([
      [
        "ApiGatewayInvokesPost",
        { Service: "apigateway.amazonaws.com" },
        {
          ArnLike: {
            "AWS:SourceArn": `arn:aws:execute-api:${region}:${account}:${api.id}/v1/POST/patient-intake`,
          },
        },
      ],
    ]);
  });
});

it("skips every unchanged stack when run again, and refuses a plan that would destroy the organization, accounts or log archive", async () => {
  // Nothing changed since the first run, so no stack is planned again (src/deploy/applied-stacks.ts); that the
  // applied stacks converged is proven by the refreshing plan of every stack in "drift" below (no pending change).
  const second = runTool("local", env, LOCAL_TIMEOUT_MS);
  expect({ status: second.status, stderr: second.stderr }).toEqual({ status: 0, stderr: "" });
  expect(second.stdout).toContain(`emulator: already running at ${endpoint}`);
  const stacks = [
    ...second.stdout.matchAll(
      /^apply: (\S+): unchanged since its apply at \S+, not planned \(REFRESH=1 plans it\) \(\d+\.\ds\)$/gm,
    ),
  ].map((m) => m[1]);
  expect(stacks.sort()).toEqual(
    [
      "organization",
      "security",
      "log-archive",
      "organization-trail",
      "backup",
      "detective-controls",
      "identity-center",
      "baseline-management",
      ...example.organization.accounts.map((a) => `baseline-${a.name}`),
      ...example.environments.map((e) => `network-${e.name}`),
      "network-hub",
      ...example.environments.flatMap((e) => e.workloads.map((w) => workloadStackId(e.name, w.name))),
    ].sort(),
  );
  // The hub's segments hold nothing the emulator can apply: never applied, so never "unchanged" either.
  expect(second.stdout).toMatch(
    /^apply: network-segments: nothing the emulator can apply, \d+ planned only/m,
  );
  // The summary of what exists is the first run's, read from state.
  expect(second.stdout).toContain("      8 aws_organizations_account");
  expect(second.stdout).not.toMatch(/^apply: \S+: \d+ added/m);

  const stackDir = path.join(env.LZ_LOCAL_DIR, "cdktf.out", "stacks", "organization");
  const destroy = await terraform(stackDir, ["plan", "-destroy", "-input=false", "-no-color"]);
  expect(destroy.code).toBe(1);
  // Terraform wraps this text, so match across whitespace.
  const refused = [...destroy.stderr.matchAll(/Resource\s+(\S+)\s+has\s+lifecycle\.prevent_destroy/g)].map(
    (m) => m[1].split(".")[0],
  );
  // Every account refuses; the organization is never reached because its accounts would have to go first.
  expect(refused).toEqual(Array(example.organization.accounts.length).fill("aws_organizations_account"));

  const archiveDir = path.join(env.LZ_LOCAL_DIR, "cdktf.out", "stacks", "log-archive");
  const archiveDestroy = await terraform(archiveDir, ["plan", "-destroy", "-input=false", "-no-color"]);
  expect(archiveDestroy.code).toBe(1);
  const refusedArchive = [
    ...archiveDestroy.stderr.matchAll(/Resource\s+(\S+)\s+has\s+lifecycle\.prevent_destroy/g),
  ].map((m) => m[1].split(".")[0]);
  expect(refusedArchive).toEqual(expect.arrayContaining(["aws_s3_bucket"]));
});

it("recovers a resource that exists in the emulator but not in its stack's state, instead of failing on it", async () => {
  // What an interrupted run leaves behind: the create reached the emulator, the state never heard of it.
  const stackDir = path.join(env.LZ_LOCAL_DIR, "cdktf.out", "stacks", "baseline-sandbox");
  const synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
  // The EBS default key's alias in the home region (the baseline also holds the backup vault keys' aliases).
  const alias = Object.entries(synthesized.resource.aws_kms_alias as Record<string, { name: string }>).find(
    ([id, a]) => id.includes("us-east-1") && a.name === "alias/example-health/ebs-default",
  )![0];
  const address = `aws_kms_alias.${alias}`;
  const removed = await terraform(stackDir, ["state", "rm", address]);
  expect(removed.code).toBe(0);

  const rerun = runTool("local", env, LOCAL_TIMEOUT_MS, ["baseline-sandbox"]);
  expect({ status: rerun.status, stderr: rerun.stderr }).toEqual({ status: 0, stderr: "" });
  expect(rerun.stdout).toContain(
    `recovered: baseline-sandbox: ${address} (alias/example-health/ebs-default) existed in the emulator but not in state, left by an interrupted run; imported it`,
  );
  expect(rerun.stdout).toMatch(/^apply: baseline-sandbox: 0 added, 0 changed, 0 destroyed, 1 imported/m);
  const listed = await terraform(stackDir, ["state", "list"]);
  expect(listed.stdout.split("\n")).toContain(address);
});

describe("drift", () => {
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-drift-"));
  const drift = (stacks: readonly string[] = []) =>
    runTool("drift", env, LOCAL_TIMEOUT_MS, ["--local", `--report-dir=${reportDir}`, ...stacks]);
  const readReport = () =>
    JSON.parse(fs.readFileSync(path.join(reportDir, "report.json"), "utf8")) as DriftReport;
  /** Every stack of the example: 19 of the landing zone, and the workloads. */
  // The landing zone's stacks with the hub's two (network-hub, network-segments), and one per workload.
  const ALL_STACKS = 21 + example.environments.flatMap((e) => e.workloads).length;
  /** The stacks the out-of-band changes below touch, re-applied at the end. */
  const TOUCHED = ["organization", "security", "log-archive", "detective-controls", "network-prod"];

  it("reports no drift and exits 0 right after make local, with a progress line per stack", () => {
    const result = drift();
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(result.stdout.match(/^drift: \S+: no drift \(\d+\.\ds\)$/gm)).toHaveLength(ALL_STACKS);
    expect(result.stdout).toContain(
      `Drift: no drift; 0 pending changes; 0 stacks failed to plan (${ALL_STACKS} stacks checked).`,
    );
    const report = readReport();
    expect(report.target).toBe("local");
    expect(report.findings).toEqual([]);
    expect(report.stacks.filter((st) => st.status !== "clean")).toEqual([]);
    // The emulator's gaps are not checked, and the report says so instead of calling them clean.
    expect(report.stacks.find((st) => st.stack === "detective-controls")!.notChecked).toBeGreaterThan(0);
  });

  it("names every resource changed out of band with its severity, and exits 2", async () => {
    const accounts = await accountsByName();
    const home = example.organization.homeRegion;
    // 1. A central key's rotation turned off (security-tooling).
    const kms = new KMSClient(await accountClientConfig(endpoint, accounts.get("security-tooling")!));
    const { Aliases } = await kms.send(new ListAliasesCommand({}));
    const cloudtrailKey = Aliases!.find(
      (a) => a.AliasName === "alias/example-health/cloudtrail",
    )!.TargetKeyId!;
    await kms.send(new DisableKeyRotationCommand({ KeyId: cloudtrailKey }));
    // 2. The archive's bucket policy replaced by one without the TLS-only deny (log-archive).
    const logArchiveId = accounts.get("log-archive")!;
    const s3 = new S3Client(await accountClientConfig(endpoint, logArchiveId));
    const archive = `example-health-log-archive-${logArchiveId}-${home}`;
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: archive,
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "OutOfBand",
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${logArchiveId}:root` },
              Action: "s3:GetObject",
              Resource: `arn:aws:s3:::${archive}/*`,
            },
          ],
        }),
      }),
    );
    // 3. A supporting resource changed: a tag on the replication role (a warning, not a control).
    const iam = new IAMClient(await accountClientConfig(endpoint, logArchiveId));
    await iam.send(
      new TagRoleCommand({ RoleName: REPLICATION_ROLE_NAME, Tags: [{ Key: "changed-by", Value: "hand" }] }),
    );
    // 4. The prod VPC's flow log deleted and 5. SSH from anywhere opened on its endpoint security group.
    const prod = example.environments.find((e) => e.name === "prod")!;
    const ec2 = new EC2Client(await accountClientConfig(endpoint, accounts.get(prod.accounts[0])!));
    const vpcId = (
      await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "cidr", Values: [prod.cidr] }] }))
    ).Vpcs![0].VpcId!;
    const { FlowLogs } = await ec2.send(
      new DescribeFlowLogsCommand({ Filter: [{ Name: "resource-id", Values: [vpcId] }] }),
    );
    await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [FlowLogs![0].FlowLogId!] }));
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
    );
    const endpointGroup = SecurityGroups!.find((g) => g.GroupName !== "default")!;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: endpointGroup.GroupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
      }),
    );
    // 6. An SCP detached from one of its targets (management account).
    const { Policies } = await orgs.send(new ListPoliciesCommand({ Filter: "SERVICE_CONTROL_POLICY" }));
    const protect = Policies!.find((p) => p.Name === "lz-protect-security-services")!;
    const { Targets } = await orgs.send(new ListTargetsForPolicyCommand({ PolicyId: protect.Id }));
    await orgs.send(new DetachPolicyCommand({ PolicyId: protect.Id, TargetId: Targets![0].TargetId }));
    // 7. The GuardDuty detector disabled (security-tooling, home region).
    const guardduty = new GuardDutyClient(
      await accountClientConfig(endpoint, accounts.get("security-tooling")!),
    );
    const { DetectorIds } = await guardduty.send(new ListDetectorsCommand({}));
    await guardduty.send(new UpdateDetectorCommand({ DetectorId: DetectorIds![0], Enable: false }));

    // The stacks the changes touched; the run above showed every stack clean, and nothing else changed since.
    const result = drift(TOUCHED);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(2);
    const report = readReport();
    const found = report.findings.map((f) => [
      f.stack,
      f.resourceType,
      f.kind,
      f.action,
      f.severity,
      f.changedAttributes.map((a) => a.path).join(" "),
    ]);
    expect(found).toEqual([
      ["detective-controls", "aws_guardduty_detector", "drift", "changed", "critical", "enable"],
      [
        "log-archive",
        "aws_s3_bucket_policy",
        "drift",
        "changed",
        "critical",
        expect.stringMatching(/^policy/),
      ],
      ["network-prod", "aws_flow_log", "drift", "deleted", "critical", ""],
      ["network-prod", "aws_security_group", "drift", "changed", "critical", "ingress (items that differ)"],
      ["organization", "aws_organizations_policy_attachment", "drift", "deleted", "critical", ""],
      ["security", "aws_kms_key", "drift", "changed", "critical", "enable_key_rotation"],
      ["log-archive", "aws_iam_role", "drift", "changed", "warning", "tags.changed-by tags_all.changed-by"],
    ]);
    const key = report.findings.find((f) => f.resourceType === "aws_kms_key")!;
    expect(key.changedAttributes).toEqual([{ path: "enable_key_rotation", before: true, after: false }]);
    expect(key).toMatchObject({
      nextApply: "update",
      control: "Per-purpose KMS keys (rotation, key policy separating administration from use)",
      sections: ["164.312(a)(2)(iv) encryption and decryption"],
    });
    expect(report.findings.find((f) => f.resourceType === "aws_flow_log")!.nextApply).toBe("create");
    const group = report.findings.find((f) => f.resourceType === "aws_security_group")!;
    expect(group.changedAttributes).toEqual([
      {
        path: "ingress (items that differ)",
        before: [],
        after: [expect.objectContaining({ from_port: 22, to_port: 22, cidr_blocks: ["0.0.0.0/0"] })],
      },
    ]);
    expect(
      report.stacks
        .filter((st) => st.status === "drifted")
        .map((st) => st.stack)
        .sort(),
    ).toEqual([...TOUCHED].sort());
    const markdown = fs.readFileSync(path.join(reportDir, "report.md"), "utf8");
    expect(markdown).toContain("## Critical: HIPAA controls changed outside Terraform");
    expect(markdown).toContain("| `enable_key_rotation` | `true` | `false` |");
    expect(result.stdout).toContain(
      "Drift: 7 resources in 5 stacks changed outside Terraform (6 critical, 1 warning); 0 pending changes; 0 stacks failed to plan (5 stacks checked).",
    );
  });

  it("checks only the named stack with STACK=", () => {
    const result = drift(["security"]);
    expect(result.status).toBe(2);
    expect(result.stdout.match(/^drift: \S+: /gm)).toEqual(["drift: security: "]);
    const report = readReport();
    expect(report.stacks.map((st) => st.stack)).toEqual(["security"]);
    expect(report.findings.map((f) => [f.stack, f.resourceType])).toEqual([["security", "aws_kms_key"]]);
  });

  it("exits 1 and names a stack that could not be planned, still checking the others", () => {
    const stateFile = path.join(env.LZ_LOCAL_DIR, "state", "network-dev.tfstate");
    const saved = fs.readFileSync(stateFile);
    fs.writeFileSync(stateFile, "{ not state");
    try {
      const result = drift(["network-dev", "network-staging"]);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(
        "Drift: no drift in the stacks that could be planned; 0 pending changes; 1 stack failed to plan (2 stacks checked).",
      );
      expect(result.stdout).toContain("  error    network-dev: Error: Unsupported state file format");
      const report = readReport();
      expect(report.stacks.map((st) => [st.stack, st.status])).toEqual([
        ["network-dev", "error"],
        ["network-staging", "clean"],
      ]);
    } finally {
      fs.writeFileSync(stateFile, saved);
    }
  });

  it("reports no drift again once make local REFRESH=1 has applied the touched stacks", () => {
    // Without REFRESH=1 an out-of-band change is not seen: the configuration and state did not change.
    const skipped = runTool("local", env, LOCAL_TIMEOUT_MS, [TOUCHED.join(",")]);
    expect({ status: skipped.status, stderr: skipped.stderr }).toEqual({ status: 0, stderr: "" });
    expect(skipped.stdout.match(/^apply: \S+: unchanged since its apply at /gm)).toHaveLength(TOUCHED.length);
    const applied = runTool("local", env, LOCAL_TIMEOUT_MS, [TOUCHED.join(","), "--refresh"]);
    expect(applied.stderr).toBe("");
    expect(applied.status).toBe(0);
    expect(applied.stdout).not.toMatch(/^apply: \S+: unchanged since/m);
    expect(applied.stdout).toMatch(/^apply: security: 0 added, 1 changed, 0 destroyed/m);
    const result = drift(TOUCHED);
    expect(result.status).toBe(0);
    expect(readReport().findings).toEqual([]);
  });

  it("calls a configuration change not yet applied a pending change, not drift, and exits 0", () => {
    const changed = exampleCopy();
    const file = path.join(changed, "organization.yaml");
    fs.appendFileSync(file, "detectiveControls:\n  guardDuty:\n    findingPublishingFrequency: ONE_HOUR\n");
    const result = runTool("drift", { ...env, LZ_CONFIG_DIR: changed }, LOCAL_TIMEOUT_MS, [
      "--local",
      `--report-dir=${reportDir}`,
      "detective-controls",
    ]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    const report = readReport();
    expect(
      report.findings.map((f) => [f.resourceType, f.kind, f.action, f.severity, f.changedAttributes]),
    ).toEqual(
      example.organization.regions.map(() => [
        "aws_guardduty_detector",
        "pending-change",
        "update",
        "info",
        [{ path: "finding_publishing_frequency", before: "FIFTEEN_MINUTES", after: "ONE_HOUR" }],
      ]),
    );
  });
});

describe("vending an account", () => {
  const vendDir = exampleCopy();

  /** The OU path of an account, read back from the emulator. */
  async function ouPathOf(accountId: string): Promise<string> {
    const parts: string[] = [];
    let child = accountId;
    for (;;) {
      const parent = (await orgs.send(new ListParentsCommand({ ChildId: child }))).Parents![0];
      if (parent.Type === "ROOT") return parts.reverse().join("/");
      const { OrganizationalUnit } = await orgs.send(
        new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: parent.Id }),
      );
      parts.push(OrganizationalUnit!.Name!);
      child = parent.Id!;
    }
  }

  /** `make vend` of an imaging account into Workloads/NonProd, environment dev, in the copy of the example. */
  const vendDev = (name: string) =>
    runTool("vend", { ...env, LZ_CONFIG_DIR: vendDir }, 120_000, [
      `--name=${name}`,
      `--email=aws+${name}@example-health.org`,
      "--ou=Workloads/NonProd",
      "--env=dev",
      "--owner=imaging",
    ]);

  it("vends an account, applies it in its OU with its baseline and its OU's assignments", async () => {
    expect(vendDev("radiology-ai")).toMatchObject({ status: 0, stderr: "" });
    const applied = runTool("local", { ...env, LZ_CONFIG_DIR: vendDir }, LOCAL_TIMEOUT_MS, [
      "organization,baseline-radiology-ai,identity-center",
    ]);
    expect(applied.stderr).toBe("");
    expect(applied.status).toBe(0);
    expect(applied.stdout).toMatch(/^apply: organization: 1 added, 0 changed, 0 destroyed/m);
    expect(applied.stdout).toMatch(/^apply: baseline-radiology-ai: \d+ added, 0 changed, 0 destroyed/m);
    expect(applied.stdout).toMatch(/^apply: identity-center: 5 added, 0 changed, 0 destroyed/m);

    const accountId = (await accountsByName()).get("radiology-ai")!;
    expect(await ouPathOf(accountId)).toBe("Workloads/NonProd");
    for (const region of example.organization.regions) {
      const ec2 = new EC2Client(await accountClientConfig(endpoint, accountId, region));
      expect((await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(true);
      const config = new ConfigServiceClient(await accountClientConfig(endpoint, accountId, region));
      const { ConfigurationRecorders } = await config.send(new DescribeConfigurationRecordersCommand({}));
      expect(ConfigurationRecorders).toHaveLength(1);
    }
    const iam = new IAMClient(await accountClientConfig(endpoint, accountId));
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 14,
    });
    const sso = new SSOAdminClient(clientConfig(endpoint));
    const instanceArn = (await sso.send(new ListInstancesCommand({}))).Instances![0].InstanceArn!;
    const sets = (await sso.send(new ListPermissionSetsCommand({ InstanceArn: instanceArn })))
      .PermissionSets!;
    let assignments = 0;
    for (const set of sets) {
      const { AccountAssignments } = await sso.send(
        new ListAccountAssignmentsCommand({
          InstanceArn: instanceArn,
          AccountId: accountId,
          PermissionSetArn: set,
        }),
      );
      assignments += AccountAssignments?.length ?? 0;
    }
    expect(assignments).toBe(5);
  });

  it("converges after a run killed mid-apply, with both cores busy, without make local-down", async () => {
    expect(vendDev("radiology-ml")).toMatchObject({ status: 0, stderr: "" });
    const stacks = "organization,baseline-radiology-ml";
    const stackDir = path.join(env.LZ_LOCAL_DIR, "cdktf.out", "stacks", "baseline-radiology-ml");
    const stopHogs = cpuHogs(2);
    try {
      // Kill Terraform (SIGKILL: no chance to save state) as soon as the new account's first backup vault exists:
      // a vault is the resource found again that holds a key only its state knew (the CI run of f9b61b8 failed
      // there when the kill happened to come after one). The apply creates one resource at a time
      // (TF_CLI_ARGS_apply, which Terraform reads for every apply) so that the kill lands mid-apply: with its
      // default parallelism the apply once finished before the poll saw what it waited for, and the kill met a
      // Terraform already exiting (the fresh-clone run of cd9554d: the "interrupted" run exited 0).
      const run = startTool(
        "local",
        { ...env, LZ_CONFIG_DIR: vendDir, TF_CLI_ARGS_apply: "-parallelism=1" },
        [stacks],
      );
      let killed: number[] = [];
      const deadline = Date.now() + LOCAL_TIMEOUT_MS;
      while (killed.length === 0 && run.child.exitCode === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        const accountId = (await accountsByName()).get("radiology-ml");
        if (accountId === undefined) continue;
        // In either region: one vault per region, so the other and its neighbours are still to come.
        const vaults = await Promise.all(
          example.organization.regions.map(async (region) => {
            const backup = new BackupClient(await accountClientConfig(endpoint, accountId, region));
            return (await backup.send(new ListBackupVaultsCommand({}))).BackupVaultList ?? [];
          }),
        );
        if (!vaults.flat().some((v) => v.BackupVaultName === BACKUP_VAULT_NAME)) continue;
        killed = terraformPidsIn(stackDir);
        killed.forEach((pid) => process.kill(pid, "SIGKILL"));
      }
      const interrupted = await run.result;
      expect(killed.length).toBeGreaterThan(0);
      expect(interrupted.status).toBe(1);
      // Usually the apply; on a slow run the kill can land in the plan that follows it.
      expect(interrupted.stderr).toMatch(
        /(apply of stack|plan of) baseline-radiology-ml( to the emulator)? failed/,
      );

      // The worst case, which a kill during one of Terraform's in-place saves leaves (the fresh-clone run of 7fcbab0
      // met it): the state file cut short. Cut it here so every run proves the repair, whenever the kill landed.
      const stateFile = path.join(env.LZ_LOCAL_DIR, "state", "baseline-radiology-ml.tfstate");
      const saved = fs.existsSync(stateFile) ? fs.readFileSync(stateFile, "utf8") : "";
      fs.writeFileSync(
        stateFile,
        saved.length > 64 ? saved.slice(0, saved.length >> 1) : '{"version": 4, "ser',
      );

      const rerun = runTool("local", { ...env, LZ_CONFIG_DIR: vendDir }, LOCAL_TIMEOUT_MS, [stacks]);
      expect({ status: rerun.status, stderr: rerun.stderr }).toEqual({ status: 0, stderr: "" });
      expect(rerun.stdout).toMatch(
        /^recovered: baseline-radiology-ml: its state file was cut short by an interrupted run \(\d+ bytes, not a whole state\); kept it as \S+baseline-radiology-ml\.tfstate\.interrupted-\S+ and (restored the last state saved before that run \(its \.backup\)|started from no state \(no whole state was saved before that run\));/m,
      );
      // The vault is found again, and the key it uses comes back with it (the cut state lost both), in place of the
      // key the rerun's first apply created (src/deploy/recover.ts, vaultKey).
      const vault = `aws_backup_vault\\.\\S+ \\(${BACKUP_VAULT_NAME}\\)`;
      expect(rerun.stdout).toMatch(
        new RegExp(
          `^recovered: baseline-radiology-ml: ${vault} existed in the emulator but not in state, left by an interrupted run; imported it$`,
          "m",
        ),
      );
      expect(rerun.stdout).toMatch(
        new RegExp(
          `^recovered: baseline-radiology-ml: aws_kms_key\\.\\S+ \\(the key backup vault ${BACKUP_VAULT_NAME} of aws_backup_vault\\.\\S+ uses\\) existed in the emulator but not in state, left by an interrupted run; imported it in place of arn:aws:kms:\\S+, the one state held, which stays in the emulator unused$`,
          "m",
        ),
      );
      // The organization stack's apply finished before the kill, so it is not planned again; the killed stack is.
      expect(rerun.stdout).toMatch(/^apply: organization: unchanged since its apply at /m);
      expect(rerun.stdout).toMatch(/^apply: baseline-radiology-ml: \d+ added, \d+ changed, 0 destroyed/m);
    } finally {
      stopHogs();
    }
    // Converged: one more run, planning the stack again (REFRESH=1), changes nothing, and the account has one
    // alias per region, not two.
    const again = runTool("local", { ...env, LZ_CONFIG_DIR: vendDir }, LOCAL_TIMEOUT_MS, [
      "baseline-radiology-ml",
      "--refresh",
    ]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^apply: baseline-radiology-ml: 0 added, 0 changed, 0 destroyed/m);
    const accountId = (await accountsByName()).get("radiology-ml")!;
    for (const region of example.organization.regions) {
      const kms = new KMSClient(await accountClientConfig(endpoint, accountId, region));
      const { Aliases } = await kms.send(new ListAliasesCommand({}));
      expect((Aliases ?? []).filter((a) => a.AliasName === "alias/example-health/ebs-default")).toHaveLength(
        1,
      );
    }
  });

  it("moves the account to the Suspended OU, never closing it, when its entry is deleted", async () => {
    removeAccountEntry(vendDir, "radiology-ai", "dev");
    const applied = runTool("local", { ...env, LZ_CONFIG_DIR: vendDir }, LOCAL_TIMEOUT_MS, ["organization"]);
    expect(applied.status).toBe(0);
    expect(applied.stdout).toContain('notice: account "radiology-ai" is no longer in');
    expect(applied.stdout).toMatch(/^apply: organization: 0 added, 1 changed, 0 destroyed/m);
    const accountId = (await accountsByName()).get("radiology-ai")!;
    expect(await ouPathOf(accountId)).toBe("Suspended");
    const { Accounts } = await orgs.send(new ListAccountsCommand({}));
    expect(Accounts!.find((a) => a.Id === accountId)!.Status).toBe("ACTIVE");
  });
});

it("stops the emulator and removes local state on local-down", async () => {
  const port = Number(env.LZ_LOCAL_PORT);
  expect(await portOpen(port)).toBe(true);
  const down = runTool("local-down", env);
  expect(down.stdout).toContain("Stopped the emulator");
  await new Promise((r) => setTimeout(r, 500));
  expect(await portOpen(port)).toBe(false);
  expect(fs.existsSync(emulatorPaths(env.LZ_LOCAL_DIR).dir)).toBe(false);
});
