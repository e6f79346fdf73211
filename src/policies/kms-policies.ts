// Key policies for the landing zone's customer-managed keys (164.312(a)(2)(iv) encryption, (a)(1) access
// control). Administration is separated from use; use is granted per purpose to the services and organization
// principals that need it, never to a wildcard principal without an organization condition.
import { backupReportsRoleArn } from "./backup-policies";
import { PolicyDocument, PolicyStatement } from "./policy-document";

/** Administrative actions: everything that manages a key, nothing that uses it to encrypt or decrypt. */
export const KEY_ADMIN_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:CreateGrant",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListAliases",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RetireGrant",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/**
 * What an AWS service needs, on a caller's behalf, to encrypt data under a key: envelope encryption (data keys),
 * re-encryption, and grants for services that decrypt later without the caller (EBS, RDS, Backup).
 */
export const SERVICE_DATA_KEY_ACTIONS = [
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey*",
  "kms:ReEncrypt*",
];

/** The account and roles that administer a key. */
export interface KeyAdministrators {
  /** The account that owns the key: the administration statement names its root, narrowed to the admin roles. */
  readonly accountId: string;
  /**
   * IAM role ARNs allowed to administer it: the role that deploys the key (KMS refuses a policy that would lock
   * its caller out) and the break-glass role.
   */
  readonly roleArns: readonly string[];
}

/**
 * Key administration for the pipeline and break-glass roles only. The principal is the owning account with an
 * aws:PrincipalArn condition rather than the role ARNs themselves: KMS rejects a policy naming a role that does
 * not exist yet, and the break-glass role is created by hand (see the runbook in docs/identity-center.md).
 */
export function keyAdministration(admins: KeyAdministrators): PolicyStatement {
  return {
    Sid: "KeyAdministrationByPipelineAndBreakGlass",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${admins.accountId}:root` },
    Action: KEY_ADMIN_ACTIONS,
    Resource: "*",
    Condition: { ArnLike: { "aws:PrincipalArn": administratorArns(admins) } },
  };
}

/** The principals that administer an account's landing-zone resources: its roles and the BreakGlass set's role. */
export function administratorArns(admins: KeyAdministrators): string[] {
  return [
    ...admins.roleArns,
    `arn:aws:iam::${admins.accountId}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*`,
  ];
}

/** A key policy: administration plus the purpose's use statements. */
export function keyPolicy(admins: KeyAdministrators, use: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: [keyAdministration(admins), ...use] };
}

/** Organization principals may decrypt through one service only, in one region. */
export function orgDecryptVia(
  sid: string,
  organizationId: string,
  service: string,
  region: string,
): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: ["kms:Decrypt", "kms:DescribeKey"],
    Resource: "*",
    Condition: {
      StringEquals: {
        "aws:PrincipalOrgID": organizationId,
        "kms:ViaService": `${service}.${region}.amazonaws.com`,
      },
    },
  };
}

/** A role by account and name; its ARN is known before the role exists. */
export interface RoleRef {
  /** The account that holds the role. */
  readonly accountId: string;
  /** The role's name. */
  readonly roleName: string;
}

/** The ARN of a role reference. */
export function roleArn(role: RoleRef): string {
  return `arn:aws:iam::${role.accountId}:role/${role.roleName}`;
}

/**
 * One role may use the key through S3 in one region. Named through its account and an aws:PrincipalArn condition
 * so the key policy is valid even before the role exists (stacks apply in dependency order).
 */
function roleViaS3(sid: string, role: RoleRef, actions: string[], region: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${role.accountId}:root` },
    Action: actions,
    Resource: "*",
    Condition: {
      ArnEquals: { "aws:PrincipalArn": roleArn(role) },
      StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
    },
  };
}

/** What the purpose-specific policies need to know. */
export interface KeyUseContext {
  /** The organization's ID (o-...). */
  readonly organizationId: string;
  /** The key's region. */
  readonly region: string;
}

/**
 * The log archive key: log-delivery services of this organization encrypt into the archive; organization
 * principals decrypt only through S3 in the key's region.
 */
export function logArchiveKeyUse(
  ctx: KeyUseContext & {
    readonly replicationRole: RoleRef;
    /** The backup account, whose Backup Audit Manager writes job reports into the archive. */
    readonly backupAccountId: string;
  },
): PolicyStatement[] {
  return [
    // Backup Audit Manager encrypts its report files under the bucket's key with its service-linked role.
    {
      Sid: "BackupAuditReportsEncrypt",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: {
        ArnEquals: { "aws:PrincipalArn": backupReportsRoleArn(ctx.backupAccountId) },
        StringEquals: {
          "aws:PrincipalOrgID": ctx.organizationId,
          "kms:ViaService": `s3.${ctx.region}.amazonaws.com`,
        },
      },
    },
    // Flow logs and DNS query logs (delivery.logs), Config snapshots and GuardDuty exports write SSE-KMS objects.
    {
      Sid: "LogDeliveryServicesEncrypt",
      Effect: "Allow",
      Principal: {
        Service: ["config.amazonaws.com", "delivery.logs.amazonaws.com", "guardduty.amazonaws.com"],
      },
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceOrgID": ctx.organizationId } },
    },
    // Replication re-encrypts objects under the replica's key, so its role reads through S3 here.
    roleViaS3("ReplicationRoleDecrypts", ctx.replicationRole, ["kms:Decrypt", "kms:DescribeKey"], ctx.region),
    // ...and writes the Config ingest bucket's objects into the archive under this key.
    roleViaS3(
      "ReplicationRoleEncryptsIntoArchive",
      ctx.replicationRole,
      ["kms:Encrypt", "kms:GenerateDataKey*"],
      ctx.region,
    ),
    orgDecryptVia("OrganizationReadersDecryptViaS3", ctx.organizationId, "s3", ctx.region),
  ];
}

/** The log archive replica's key: only the replication role encrypts with it. */
export function replicaKeyUse(ctx: KeyUseContext & { readonly replicationRole: RoleRef }): PolicyStatement[] {
  return [
    roleViaS3(
      "ReplicationRoleEncrypts",
      ctx.replicationRole,
      ["kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*"],
      ctx.region,
    ),
    orgDecryptVia("OrganizationReadersDecryptViaS3", ctx.organizationId, "s3", ctx.region),
  ];
}

/**
 * The CloudTrail key: only the organization trail encrypts (encryption context names the management account's
 * trails, source ARN names the trail); organization principals decrypt log files through S3.
 */
export function cloudTrailKeyUse(
  ctx: KeyUseContext & { readonly managementAccountId: string; readonly trailArn: string },
): PolicyStatement[] {
  // CloudTrail puts the writing trail's ARN in every log file's encryption context.
  const managementTrails = `arn:aws:cloudtrail:*:${ctx.managementAccountId}:trail/*`;
  return [
    {
      Sid: "OrganizationTrailEncrypts",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceArn": ctx.trailArn },
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": managementTrails,
        },
      },
    },
    {
      Sid: "CloudTrailDescribesKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": ctx.trailArn } },
    },
    {
      Sid: "OrganizationReadersDecryptLogFiles",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:PrincipalOrgID": ctx.organizationId },
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": managementTrails,
        },
      },
    },
  ];
}

/**
 * Organization principals (or only some of its accounts) use the key, but only through the named AWS services in
 * the key's region: the service encrypts on their behalf, nobody calls Encrypt or Decrypt directly.
 */
function orgUseViaServices(
  sid: string,
  ctx: KeyUseContext,
  services: readonly string[],
  accountIds?: readonly string[],
): PolicyStatement {
  const viaService = services.map((service) => `${service}.${ctx.region}.amazonaws.com`);
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: SERVICE_DATA_KEY_ACTIONS,
    Resource: "*",
    Condition: {
      StringEquals: {
        "aws:PrincipalOrgID": ctx.organizationId,
        ...(accountIds ? { "aws:PrincipalAccount": [...accountIds] } : {}),
        "kms:ViaService": viaService.length === 1 ? viaService[0] : viaService,
      },
    },
  };
}

/** The backup key: AWS Backup in organization accounts encrypts and restores through the Backup service. */
export function backupKeyUse(ctx: KeyUseContext): PolicyStatement[] {
  return [orgUseViaServices("OrganizationBackupVaults", ctx, ["backup"])];
}

/**
 * A backup vault's key, one per account and region (a vault and its key share a region): AWS Backup, acting with
 * the account's backup role, encrypts and decrypts recovery points through the Backup service and creates grants
 * for the resources it restores; the backup account's principals read it through AWS Backup when they copy a
 * recovery point into the central vault
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html: the role must be able to use the key).
 * The role is matched by aws:PrincipalArn, so the key can exist before the role does.
 */
export function backupVaultKeyUse(ctx: {
  readonly accountId: string;
  readonly region: string;
  readonly backupRoleName: string;
  /** The backup account, which receives copies. */
  readonly centralAccountId: string;
}): PolicyStatement[] {
  const viaBackup = { "kms:ViaService": `backup.${ctx.region}.amazonaws.com` };
  const role = {
    ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ctx.accountId}:role/${ctx.backupRoleName}` },
  };
  return [
    {
      Sid: "BackupRoleUsesThroughBackup",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: [...SERVICE_DATA_KEY_ACTIONS],
      Resource: "*",
      Condition: { ...role, StringEquals: { ...viaBackup, "kms:CallerAccount": ctx.accountId } },
    },
    // Copying out of this account: AWS Backup in the backup account decrypts the source recovery point to
    // re-encrypt it under the central vault's key.
    {
      Sid: "CentralBackupAccountCopiesThroughBackup",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ctx.centralAccountId}:root` },
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"],
      Resource: "*",
      Condition: { StringEquals: viaBackup },
    },
  ];
}

/**
 * The central vault's key: AWS Backup, acting for any account of the organization, encrypts the copies it writes
 * into the vault and reads them back for a restore, only through the Backup service.
 */
export function centralVaultKeyUse(ctx: KeyUseContext): PolicyStatement[] {
  return [orgUseViaServices("OrganizationCopiesThroughBackup", ctx, ["backup"])];
}

/** Services a PHI workload stores data through: S3, EBS, RDS, DynamoDB, Secrets Manager, SQS, SNS, Lambda, Logs. */
export const PHI_DATA_SERVICES = [
  "s3",
  "ec2",
  "rds",
  "dynamodb",
  "secretsmanager",
  "sqs",
  "sns",
  "lambda",
  "logs",
];

/**
 * A PHI data key for one environment: only that environment's accounts use it, and only through AWS services
 * (no raw Encrypt/Decrypt from a laptop).
 */
export function phiDataKeyUse(
  ctx: KeyUseContext & { readonly accountIds: readonly string[] },
): PolicyStatement[] {
  return [
    orgUseViaServices("EnvironmentAccountsUseViaServices", ctx, PHI_DATA_SERVICES, ctx.accountIds),
    // CloudWatch Logs calls KMS as its own service principal, not through the caller (so kms:ViaService above
    // never admits it): it must be named, scoped to the log groups of this environment's accounts.
    cloudWatchLogsEncrypts("CloudWatchLogsEncryptsEnvironmentLogGroups", ctx.region, ctx.accountIds),
  ];
}

/**
 * CloudWatch Logs, as the service principal of the key's region, encrypting the log groups of the given accounts
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
 */
function cloudWatchLogsEncrypts(
  sid: string,
  region: string,
  accounts: string | readonly string[],
): PolicyStatement {
  const logGroups = (account: string) => `arn:aws:logs:${region}:${account}:log-group:*`;
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
    Resource: "*",
    Condition: {
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn":
          typeof accounts === "string" ? logGroups(accounts) : accounts.map(logGroups),
      },
    },
  };
}

/** A key for CloudWatch Logs in the account and region of the log groups it encrypts. */
export function cloudWatchLogsKeyUse(ctx: {
  readonly accountId: string;
  readonly region: string;
}): PolicyStatement[] {
  return [cloudWatchLogsEncrypts("CloudWatchLogsEncryptsThisAccountsLogGroups", ctx.region, ctx.accountId)];
}

/**
 * A key for the alarm topic: CloudWatch alarms in this account publish, and so does EventBridge (the backup
 * failures rule; see snsFindingsKeyUse for why its statement has no condition); subscribers receive through SNS.
 */
export function snsAlarmKeyUse(ctx: { readonly accountId: string }): PolicyStatement[] {
  return [
    snsPublisherKeyUse("CloudWatchAlarmsPublish", "cloudwatch.amazonaws.com", ctx.accountId),
    eventBridgePublishes("EventBridgePublishesBackupFailures"),
  ];
}

/**
 * A key for the findings topic: EventBridge publishes Security Hub findings. EventBridge sends neither
 * aws:SourceAccount nor aws:SourceArn to KMS when it publishes to an encrypted topic, so the statement cannot
 * condition on them (AWS's documented key policy has no condition:
 * https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification). The topic's own policy admits
 * only the findings rule, and the key is used for nothing but this topic.
 */
export function snsFindingsKeyUse(): PolicyStatement[] {
  return [eventBridgePublishes("EventBridgePublishesToTheFindingsTopic")];
}

/** EventBridge publishing to an encrypted topic: a data key per message, with no condition it would send. */
function eventBridgePublishes(sid: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: "events.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
  };
}

/** A service in this account publishing to an encrypted topic needs a data key for each message. */
function snsPublisherKeyUse(sid: string, service: string, accountId: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: service },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  };
}

/**
 * The account's EBS default key: principals of this account use it only through EC2 in its region, which is how
 * EBS encrypts and decrypts volumes and snapshots.
 */
export function ebsDefaultKeyUse(ctx: {
  readonly accountId: string;
  readonly region: string;
  /** The backup account: it copies this account's EBS snapshots into the central vault. */
  readonly centralBackupAccountId: string;
}): PolicyStatement[] {
  return [
    // AWS Backup copies an EBS snapshot to another account as an EBS snapshot under its source key, so the
    // destination account must be able to use that key through EC2; AWS managed keys cannot be shared at all
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html).
    {
      Sid: "CentralBackupAccountCopiesSnapshots",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ctx.centralBackupAccountId}:root` },
      Action: ["kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `ec2.${ctx.region}.amazonaws.com` } },
    },
    {
      Sid: "AccountPrincipalsUseThroughEc2",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ctx.accountId}:root` },
      Action: [...SERVICE_DATA_KEY_ACTIONS],
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": `ec2.${ctx.region}.amazonaws.com`,
          "kms:CallerAccount": ctx.accountId,
        },
      },
    },
    // Auto Scaling (and so EKS managed node groups, Batch, EMR) launches instances with its service-linked role,
    // whose own policy grants no KMS use: the key policy must admit it directly, for the volume data keys and for
    // grants to AWS resources (https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html).
    // The role exists only after the account's first Auto Scaling group, and KMS refuses a policy naming a
    // principal that does not exist, so it is matched by aws:PrincipalArn, within this account only.
    {
      Sid: "AutoScalingUsesForVolumes",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: autoScalingRoleOf(ctx.accountId),
    },
    {
      Sid: "AutoScalingGrantsToAwsResources",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: { ...autoScalingRoleOf(ctx.accountId), Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ];
}

function autoScalingRoleOf(accountId: string) {
  return {
    ArnEquals: { "aws:PrincipalArn": autoScalingServiceLinkedRole(accountId) },
    StringEquals: { "aws:PrincipalAccount": accountId },
  };
}

/** The Auto Scaling service-linked role, which AWS creates in an account at its first Auto Scaling group. */
export function autoScalingServiceLinkedRole(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}
