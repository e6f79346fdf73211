// Key policies for the landing zone's customer-managed keys (164.312(a)(2)(iv) encryption, (a)(1) access
// control). Administration is separated from use; use is granted per purpose to the services and organization
// principals that need it, never to a wildcard principal without an organization condition.
import { logGroupArn } from "./arns";
import { BACKUP_ROLE_NAME, backupReportsRoleArn } from "./backup-policies";
import { PolicyCondition, PolicyDocument, PolicyStatement } from "./policy-document";

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
  ctx: KeyUseContext & { readonly replicationRole: RoleRef },
): PolicyStatement[] {
  return [
    // Flow logs and DNS query logs (delivery.logs), Config snapshots and GuardDuty exports write SSE-KMS objects.
    logServicesEncrypt(ctx.organizationId, [
      "config.amazonaws.com",
      "delivery.logs.amazonaws.com",
      "guardduty.amazonaws.com",
    ]),
    // Replication re-encrypts objects under the replica's key, so its role reads through S3 here.
    roleViaS3("ReplicationRoleDecrypts", ctx.replicationRole, ["kms:Decrypt", "kms:DescribeKey"], ctx.region),
    // ...and writes the Config ingest bucket's and the regional archives' objects into the archive under this key.
    roleViaS3(
      "ReplicationRoleEncryptsIntoArchive",
      ctx.replicationRole,
      ["kms:Encrypt", "kms:GenerateDataKey*"],
      ctx.region,
    ),
    orgDecryptVia("OrganizationReadersDecryptViaS3", ctx.organizationId, "s3", ctx.region),
  ];
}

/**
 * A regional log archive's key (modules/log-archive.ts): only VPC flow logs and DNS query logs (delivery.logs) of
 * this organization write there, and the archive is a replication source only, so its role decrypts and never
 * encrypts; organization principals read through S3 in the key's region.
 */
export function regionalArchiveKeyUse(
  ctx: KeyUseContext & { readonly replicationRole: RoleRef },
): PolicyStatement[] {
  return [
    logServicesEncrypt(ctx.organizationId, ["delivery.logs.amazonaws.com"]),
    // Replication copies each object into the archive and the replica, re-encrypted under their keys.
    roleViaS3("ReplicationRoleDecrypts", ctx.replicationRole, ["kms:Decrypt", "kms:DescribeKey"], ctx.region),
    orgDecryptVia("OrganizationReadersDecryptViaS3", ctx.organizationId, "s3", ctx.region),
  ];
}

/**
 * Log services that write SSE-KMS objects into a log bucket as themselves, for this organization's accounts only;
 * the actions are those the VPC flow logs page lists for delivery.logs on a customer managed key
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html).
 */
function logServicesEncrypt(organizationId: string, services: readonly string[]): PolicyStatement {
  return {
    Sid: "LogDeliveryServicesEncrypt",
    Effect: "Allow",
    Principal: { Service: [...services] },
    Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceOrgID": organizationId } },
  };
}

/**
 * The backup account's job-report bucket key: Backup Audit Manager's service-linked role encrypts the reports it
 * writes, and reads back the parts of a multipart upload, through S3 in the key's region only; the backup account's
 * own principals read the reports through S3 as their IAM policies allow.
 */
export function backupReportsKeyUse(ctx: {
  /** The backup account, which holds the key, the bucket and the report plans. */
  readonly accountId: string;
  /** The key's (and the bucket's) region. */
  readonly region: string;
}): PolicyStatement[] {
  const viaS3 = { "kms:ViaService": `s3.${ctx.region}.amazonaws.com` };
  return [
    // "The Principal attribute must include the Backup Audit Manager service-linked role ... The Action attribute
    // must include kms:GenerateDataKey and kms:Decrypt at minimum"
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-report-plan-api.html). The role is matched by
    // aws:PrincipalArn, as it exists only once Audit Manager is first used and a key policy naming a missing role is
    // refused. The principal is "*", not the account: the account principal only delegates to IAM policies
    // (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam),
    // and AWSServiceRolePolicyForBackupReports, the role's only policy, grants no KMS action.
    {
      Sid: "BackupAuditReportsEncryptViaS3",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: {
        ArnEquals: { "aws:PrincipalArn": backupReportsRoleArn(ctx.accountId) },
        StringEquals: { "aws:PrincipalAccount": ctx.accountId, ...viaS3 },
      },
    },
    // Whoever the backup account's IAM policies let read the bucket (an auditor's role) decrypts through S3 only.
    {
      Sid: "BackupAccountReadersDecryptViaS3",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ctx.accountId}:root` },
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": ctx.accountId, ...viaS3 } },
    },
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
 * trails, source ARN names the trail) and decrypts, which CreateTrail and UpdateTrail need with the archive's S3
 * Bucket Key; organization principals decrypt log files through S3.
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
    // The archive bucket uses an S3 Bucket Key (modules/secure-bucket.ts), and AWS: "If you are using an existing
    // S3 bucket with an S3 Bucket Key, kms:Decrypt permissions are required to create or update a trail with
    // SSE-KMS encryption enabled", granted to the CloudTrail service principal as the page's "Allow CloudTrail to
    // decrypt a trail" statement does, narrowed to this trail by aws:SourceArn as the page advises for every trail
    // statement (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html).
    // No encryption-context condition: AWS's statement has none, and with a Bucket Key S3 uses the bucket's ARN as
    // the context (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html), not the trail's.
    {
      Sid: "CloudTrailDecryptsForBucketKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:Decrypt",
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
 * AWS Backup's service-linked role in an account. Its AWS managed policy, AWSBackupServiceLinkedRolePolicyForBackup
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/using-service-linked-roles-AWSServiceRoleForBackup.html),
 * holds the snapshot copies (ec2:CopySnapshot, rds:CopyDBSnapshot on AWS Backup's snapshots) and the KMS use
 * through EC2 and RDS they need: it is how AWS Backup copies EBS and RDS snapshots in a copy's destination account.
 * AWS creates it on first use, so key policies match it by aws:PrincipalArn and never name it.
 */
export function backupServiceLinkedRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup`;
}

/**
 * The roles AWS Backup acts with in an account, both assumable by backup.amazonaws.com only: the landing zone's
 * backup role (backups, copy jobs, restores) and AWS Backup's service-linked role (the destination side of a copy).
 */
export function awsBackupRoleArns(accountId: string, backupRoleName: string = BACKUP_ROLE_NAME): string[] {
  return [`arn:aws:iam::${accountId}:role/${backupRoleName}`, backupServiceLinkedRoleArn(accountId)];
}

/**
 * What EC2 and RDS do with a snapshot's key when AWS Backup copies the snapshot (read it under the source key,
 * write the copy under the destination's) and when a restore re-encrypts it: no Encrypt, no plaintext data keys.
 * AWS lists these for a source key shared with a copy's destination account
 * (https://repost.aws/knowledge-center/backup-cross-account-copy-error).
 */
export const SNAPSHOT_COPY_KEY_ACTIONS = [
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncrypt*",
];

/**
 * The services through which AWS Backup copies the recovery points it does not fully manage, as snapshots of the
 * service under a customer managed key: EBS (EC2) and RDS, Aurora included
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html).
 */
export const SNAPSHOT_COPY_SERVICES = ["ec2", "rds"] as const;

/**
 * AWS Backup's roles (of one account, or of every account of the organization) use a key as EC2 and RDS do when
 * AWS Backup copies a snapshot encrypted under it or writes a copy under it: only through those services, grants
 * only for AWS resources. A copy across accounts is made in the destination account, which must be able to use the
 * source key (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html); the
 * service's region is a wildcard, as in AWS's own managed policy for the role, because a copy to another region
 * reaches the key through the other region's endpoint.
 */
function backupRolesUseForSnapshotCopies(
  sidPrefix: string,
  who: { readonly accountId: string } | { readonly organizationId: string },
  services: readonly string[],
): PolicyStatement[] {
  const byAccount = "accountId" in who;
  const roles: PolicyCondition = byAccount
    ? {
        ArnEquals: { "aws:PrincipalArn": awsBackupRoleArns(who.accountId) },
        StringEquals: { "kms:CallerAccount": who.accountId },
      }
    : {
        ArnLike: { "aws:PrincipalArn": awsBackupRoleArns("*") },
        StringEquals: { "aws:PrincipalOrgID": who.organizationId },
      };
  const condition = {
    ...roles,
    StringLike: { "kms:ViaService": services.map((service) => `${service}.*.amazonaws.com`) },
  };
  const principal = { AWS: byAccount ? `arn:aws:iam::${who.accountId}:root` : "*" };
  return [
    {
      Sid: `${sidPrefix}UseForSnapshotCopies`,
      Effect: "Allow",
      Principal: principal,
      Action: [...SNAPSHOT_COPY_KEY_ACTIONS],
      Resource: "*",
      Condition: condition,
    },
    {
      Sid: `${sidPrefix}GrantForSnapshotCopies`,
      Effect: "Allow",
      Principal: principal,
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: { ...condition, Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ];
}

/**
 * A backup vault's key, one per account and region (a vault and its key share a region): AWS Backup, acting with
 * the account's backup role, encrypts and decrypts recovery points through the Backup service and creates grants
 * for the resources it restores. The backup account's AWS Backup roles read it through AWS Backup when they copy a
 * recovery point into the central vault, and write with it when the restore runbook copies one back
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html: the role must be able to use the key).
 * Roles are matched by aws:PrincipalArn, so the key can exist before they do.
 */
export function backupVaultKeyUse(ctx: {
  readonly accountId: string;
  readonly region: string;
  readonly backupRoleName: string;
  /** The backup account, which receives copies and copies them back. */
  readonly centralAccountId: string;
}): PolicyStatement[] {
  const viaBackup = { "kms:ViaService": `backup.${ctx.region}.amazonaws.com` };
  const role = {
    ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ctx.accountId}:role/${ctx.backupRoleName}` },
  };
  const central = {
    ArnEquals: { "aws:PrincipalArn": awsBackupRoleArns(ctx.centralAccountId, ctx.backupRoleName) },
    StringEquals: { ...viaBackup, "kms:CallerAccount": ctx.centralAccountId },
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
    // Copying out of this account: AWS Backup in the backup account reads the source recovery point to write it
    // under the central vault's key; the source key must admit the destination account
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html).
    {
      Sid: "CentralBackupAccountCopiesThroughBackup",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ctx.centralAccountId}:root` },
      Action: ["kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:ReEncryptFrom"],
      Resource: "*",
      Condition: central,
    },
    // Copying back in (docs/backup.md, "How to restore", step 3): the copy job runs in the backup account with its
    // backup role, and AWS Backup re-encrypts the copy with the destination vault's key
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html), so the backup
    // account's roles need data keys under this key, through AWS Backup only.
    {
      Sid: "BackupAccountCopiesIntoThisVault",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ctx.centralAccountId}:root` },
      Action: ["kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncryptTo"],
      Resource: "*",
      Condition: central,
    },
    // An EBS or RDS copy landing in this vault is a snapshot re-encrypted under this key by EC2 or RDS for this
    // account's AWS Backup roles (the service-linked role copies; the backup role restores from it): AWS Backup
    // "re-encrypts your copy using the encryption key of your destination vault"
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html).
    ...backupRolesUseForSnapshotCopies("BackupRoles", { accountId: ctx.accountId }, SNAPSHOT_COPY_SERVICES),
  ];
}

/**
 * The central vault's key: AWS Backup, acting for any account of the organization, encrypts the copies it writes
 * into the vault and reads them back for a restore, only through the Backup service; EBS and RDS copies are
 * snapshots under this key, written by the backup account's AWS Backup roles and read, when the runbook copies
 * one back, by the destination account's, through EC2 and RDS only.
 */
export function centralVaultKeyUse(ctx: KeyUseContext): PolicyStatement[] {
  return [
    orgUseViaServices("OrganizationCopiesThroughBackup", ctx, ["backup"]),
    // A copy is re-encrypted with the destination vault's key, and a copy back reads it in the destination account
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html).
    ...backupRolesUseForSnapshotCopies(
      "OrganizationBackupRoles",
      { organizationId: ctx.organizationId },
      SNAPSHOT_COPY_SERVICES,
    ),
  ];
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
 * (no raw Encrypt/Decrypt from a laptop); and AWS Backup in the backup account, through EC2 and RDS only, to copy
 * the environment's EBS and RDS recovery points into the central vault.
 */
export function phiDataKeyUse(
  ctx: KeyUseContext & {
    readonly accountIds: readonly string[];
    /** The backup account, whose AWS Backup roles copy snapshots under this key into the central vault. */
    readonly backupAccountId: string;
  },
): PolicyStatement[] {
  return [
    orgUseViaServices("EnvironmentAccountsUseViaServices", ctx, PHI_DATA_SERVICES, ctx.accountIds),
    // EBS and RDS recovery points are snapshots under this key (AWS Backup does not fully manage them), so their
    // copy into the backup account is made there and must use this key: a key that admits only the environment's
    // accounts fails every such copy
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html).
    ...backupRolesUseForSnapshotCopies(
      "BackupAccount",
      { accountId: ctx.backupAccountId },
      SNAPSHOT_COPY_SERVICES,
    ),
    // CloudWatch Logs calls KMS as its own service principal, not through the caller (so kms:ViaService above
    // never admits it): it must be named, scoped to the log groups of this environment's accounts.
    cloudWatchLogsEncrypts("CloudWatchLogsEncryptsEnvironmentLogGroups", ctx.region, ctx.accountIds),
  ];
}

/** What CloudWatch Logs needs on a key to encrypt a log group, as AWS's key policy grants it (encrypt-log-data-kms.html). */
const CLOUDWATCH_LOGS_KEY_ACTIONS = [
  "kms:Decrypt*",
  "kms:Describe*",
  "kms:Encrypt*",
  "kms:GenerateDataKey*",
  "kms:ReEncrypt*",
] as const;

/**
 * CloudWatch Logs, as the service principal of the key's region, encrypting the log groups of the given accounts
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
 */
function cloudWatchLogsEncrypts(
  sid: string,
  region: string,
  accounts: string | readonly string[],
): PolicyStatement {
  const logGroups = (account: string) => logGroupArn(region, account, "*");
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: [...CLOUDWATCH_LOGS_KEY_ACTIONS],
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
 * CloudWatch Logs, as the service principal of the key's region, encrypting one log group of one account and no
 * other (ArnEquals on the encryption context, https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
 */
function cloudWatchLogsEncryptsLogGroup(
  sid: string,
  ctx: { readonly accountId: string; readonly region: string; readonly logGroupName: string },
): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: `logs.${ctx.region}.amazonaws.com` },
    Action: [...CLOUDWATCH_LOGS_KEY_ACTIONS],
    Resource: "*",
    Condition: {
      ArnEquals: {
        "kms:EncryptionContext:aws:logs:arn": logGroupArn(ctx.region, ctx.accountId, ctx.logGroupName),
      },
    },
  };
}

/**
 * A key for one log group that an AWS service writes through CloudWatch Logs (the VPN tunnel logs): CloudWatch Logs
 * encrypts and decrypts that group with it, and nobody else uses it (readers read through CloudWatch Logs).
 */
export function logGroupKeyUse(ctx: {
  readonly accountId: string;
  readonly region: string;
  /** The only log group the key encrypts. */
  readonly logGroupName: string;
}): PolicyStatement[] {
  return [cloudWatchLogsEncryptsLogGroup("CloudWatchLogsEncryptsTheLogGroup", ctx)];
}

/**
 * An account's session key in one region: the principals of that account encrypt session data with it (the user's
 * Session Manager client generates the data key, the managed node's agent decrypts it; both call KMS themselves,
 * not through SSM, with the session's ID and target in the encryption context, so kms:ViaService would match
 * neither: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-enable-encryption.html,
 * aws/session-manager-plugin encrypter.go and aws/amazon-ssm-agent blockcipher.go); each still needs the action in
 * its IAM policy. CloudWatch Logs encrypts the account's session log group with it and nothing else.
 */
export function sessionKeyUse(ctx: {
  readonly accountId: string;
  readonly region: string;
  /** The session log group's name; only it may be encrypted with the key. */
  readonly logGroupName: string;
}): PolicyStatement[] {
  return [
    {
      Sid: "AccountPrincipalsEncryptSessions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ctx.accountId}:root` },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": ctx.accountId },
        // Session Manager's calls carry the session's ID; a call without one is refused, so the key is not the
        // account's general-purpose key by accident. The caller sets the context, so this is a convention, not a
        // barrier: an account principal with kms rights could send any ID. It cannot read the session log group's
        // data this way (CloudWatch Logs' ciphertexts carry only aws:logs:arn, which must match exactly), and no
        // other account may use the key at all.
        StringLike: { "kms:EncryptionContext:aws:ssm:SessionId": "*" },
      },
    },
    cloudWatchLogsEncryptsLogGroup("CloudWatchLogsEncryptsSessionLogs", ctx),
  ];
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
export function snsPublisherKeyUse(sid: string, service: string, accountId: string): PolicyStatement {
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
 * EBS encrypts and decrypts volumes and snapshots; the backup account's AWS Backup roles use it through EC2 only, to
 * copy the account's EBS snapshots into the central vault.
 */
export function ebsDefaultKeyUse(ctx: {
  readonly accountId: string;
  readonly region: string;
  /** The backup account: it copies this account's EBS snapshots into the central vault. */
  readonly centralBackupAccountId: string;
}): PolicyStatement[] {
  return [
    // AWS Backup copies an EBS snapshot to another account in the destination account, so the backup account's
    // AWS Backup roles must be able to use the snapshot's key through EC2, and nobody else of that account may; AWS
    // managed keys cannot be shared at all
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html).
    ...backupRolesUseForSnapshotCopies("BackupAccount", { accountId: ctx.centralBackupAccountId }, ["ec2"]),
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
