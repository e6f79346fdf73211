// What AWS Backup does per resource type, as AWS documents it (164.308(a)(7)(ii)(A) data backup, (B) disaster
// recovery): which types copy across accounts and regions in one step, which keep the source key on copy, which
// are under full AWS Backup management. The backup policy renderer, the region opt-in settings and the prover all
// read this one table, so a fact about a type is written once, beside the page it comes from.

/** AWS Backup's "Feature availability by resource" page: the table most rows below are read from. */
export const BACKUP_FEATURE_AVAILABILITY_DOC =
  "https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html";

/**
 * "You can also automate a sequence of cross-account and cross-Region copies for most supported resources, except
 * for Amazon RDS and Aurora. For Amazon RDS and Aurora snapshots, AWS Backup only supports automating either
 * cross-account or cross-Region copies due to how those services create their encryption keys." The feature
 * availability page's footnote extends this to DocumentDB and Neptune ("RDS, Aurora, DocumentDB, and Neptune do not
 * support a single copy action that performs both cross-Region AND cross-account backup"). Later copies of that page
 * say the four "now support cross-Region and cross-account snapshot copying in a single action"; the copy page above
 * still says otherwise, so the table keeps them two-step: a same-region cross-account copy is what every version of
 * both pages allows, and it reaches the central vault either way.
 */
export const BACKUP_COPY_DOC =
  "https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html";

/**
 * Which types AWS Backup encrypts with the vault's key (full management, "independent encryption") and which keep
 * the source resource's key; a copy to another account of a type that keeps the source key needs that key shared
 * with the destination account, and AWS managed keys cannot be (section "Encryption for copies of a backup to a
 * different account or AWS Region").
 */
export const BACKUP_ENCRYPTION_DOC = "https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html";

/** The resource ARN patterns a backup policy's `resources` selection takes (section "Supported resource types"). */
export const BACKUP_POLICY_RESOURCE_TYPES_DOC =
  "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html#backup-plan-selections";

/** One resource type AWS Backup protects. */
export interface BackupResourceType {
  /** AWS Backup's resource type name, as region settings and restore testing take it (e.g. "RDS"). */
  readonly type: string;
  /**
   * The ARN pattern a backup policy's resource selection names the type by (BACKUP_POLICY_RESOURCE_TYPES_DOC).
   * Aurora, DocumentDB and Neptune clusters share one pattern: a selection by ARN cannot tell them apart.
   */
  readonly arnPattern: string;
  /** Whether AWS Backup copies the type into another account at all (cross-account copy column). */
  readonly crossAccountCopy: boolean;
  /** Whether AWS Backup copies the type into another region at all (cross-Region copy column). */
  readonly crossRegionCopy: boolean;
  /**
   * Whether one copy job may go to another account in another region. False: AWS Backup copies such a type
   * across accounts or across regions, never both in one step, so a central copy stays in the source region.
   */
  readonly copiesAcrossAccountAndRegionInOneStep: boolean;
  /**
   * Whether the recovery point stays encrypted with the source resource's key (no full AWS Backup management): a
   * copy into another account needs that account to be able to use the source key (BACKUP_ENCRYPTION_DOC),
   * through the service named by `keyUsedThrough`.
   */
  readonly copyKeepsSourceKey: boolean;
  /** The service whose kms:ViaService a copy's use of the source key carries (e.g. "ec2", "rds"). */
  readonly keyUsedThrough?: string;
  /** Whether AWS Backup fully manages the type's backups (independent encryption with the vault's key). */
  readonly fullManagement: boolean;
  /**
   * Full management, and with it the copies above, only once the account's region settings turn it on
   * (ResourceTypeManagementPreference, https://docs.aws.amazon.com/aws-backup/latest/devguide/advanced-ddb-backup.html).
   */
  readonly fullManagementNeedsOptIn?: boolean;
  /** The AWS page each fact of the row is read from. */
  readonly doc: string;
}

/** Every type the landing zone's plans protect and its restore tests name. */
export const BACKUP_RESOURCE_TYPES: readonly BackupResourceType[] = [
  {
    type: "EBS",
    arnPattern: "arn:aws:ec2:*:*:volume/*",
    crossAccountCopy: true,
    crossRegionCopy: true,
    copiesAcrossAccountAndRegionInOneStep: true,
    copyKeepsSourceKey: true,
    keyUsedThrough: "ec2",
    fullManagement: false,
    doc: BACKUP_FEATURE_AVAILABILITY_DOC,
  },
  {
    type: "EC2",
    arnPattern: "arn:aws:ec2:*:*:instance/*",
    crossAccountCopy: true,
    crossRegionCopy: true,
    copiesAcrossAccountAndRegionInOneStep: true,
    copyKeepsSourceKey: true,
    keyUsedThrough: "ec2",
    fullManagement: false,
    doc: BACKUP_FEATURE_AVAILABILITY_DOC,
  },
  {
    type: "RDS",
    arnPattern: "arn:aws:rds:*:*:db:*",
    crossAccountCopy: true,
    crossRegionCopy: true,
    copiesAcrossAccountAndRegionInOneStep: false,
    copyKeepsSourceKey: true,
    keyUsedThrough: "rds",
    fullManagement: false,
    doc: BACKUP_COPY_DOC,
  },
  {
    type: "Aurora",
    arnPattern: "arn:aws:rds:*:*:cluster:*",
    crossAccountCopy: true,
    crossRegionCopy: true,
    copiesAcrossAccountAndRegionInOneStep: false,
    copyKeepsSourceKey: true,
    keyUsedThrough: "rds",
    fullManagement: false,
    doc: BACKUP_COPY_DOC,
  },
  {
    // DocumentDB clusters are RDS clusters to KMS and to ARNs (arn:aws:rds:...:cluster:...).
    type: "DocumentDB",
    arnPattern: "arn:aws:rds:*:*:cluster:*",
    crossAccountCopy: true,
    crossRegionCopy: true,
    copiesAcrossAccountAndRegionInOneStep: false,
    copyKeepsSourceKey: true,
    keyUsedThrough: "rds",
    fullManagement: false,
    doc: BACKUP_FEATURE_AVAILABILITY_DOC,
  },
  {
    type: "Neptune",
    arnPattern: "arn:aws:rds:*:*:cluster:*",
    crossAccountCopy: true,
    crossRegionCopy: true,
    copiesAcrossAccountAndRegionInOneStep: false,
    copyKeepsSourceKey: true,
    keyUsedThrough: "rds",
    fullManagement: false,
    doc: BACKUP_FEATURE_AVAILABILITY_DOC,
  },
  {
    // With AWS Backup's advanced DynamoDB features: without them DynamoDB has no cross-account or cross-Region copy
    // and keeps the table's key (BACKUP_ENCRYPTION_DOC).
    type: "DynamoDB",
    arnPattern: "arn:aws:dynamodb:*:*:table/*",
    crossAccountCopy: true,
    crossRegionCopy: true,
    copiesAcrossAccountAndRegionInOneStep: true,
    copyKeepsSourceKey: false,
    fullManagement: true,
    fullManagementNeedsOptIn: true,
    doc: BACKUP_FEATURE_AVAILABILITY_DOC,
  },
  {
    type: "EFS",
    arnPattern: "arn:aws:elasticfilesystem:*:*:file-system/*",
    crossAccountCopy: true,
    crossRegionCopy: true,
    copiesAcrossAccountAndRegionInOneStep: true,
    copyKeepsSourceKey: false,
    fullManagement: true,
    doc: BACKUP_FEATURE_AVAILABILITY_DOC,
  },
  {
    type: "S3",
    arnPattern: "arn:aws:s3:::*",
    crossAccountCopy: true,
    crossRegionCopy: true,
    copiesAcrossAccountAndRegionInOneStep: true,
    copyKeepsSourceKey: false,
    fullManagement: true,
    doc: BACKUP_FEATURE_AVAILABILITY_DOC,
  },
  {
    // FSx for Lustre, Windows File Server and OpenZFS copy across accounts and regions; FSx for ONTAP volumes
    // (arn:aws:fsx:*:*:volume/*) copy nowhere and are not selected. Cross-Region copy is not supported in opt-in
    // regions.
    type: "FSx",
    arnPattern: "arn:aws:fsx:*:*:file-system/*",
    crossAccountCopy: true,
    crossRegionCopy: true,
    copiesAcrossAccountAndRegionInOneStep: true,
    copyKeepsSourceKey: true,
    keyUsedThrough: "fsx",
    fullManagement: false,
    doc: BACKUP_FEATURE_AVAILABILITY_DOC,
  },
  {
    // Backed up, never copied: the feature table gives Amazon Redshift no cross-Region or cross-account copy, so
    // its recovery points stay in the member account's locked vault (docs/backup.md says so).
    type: "Redshift",
    arnPattern: "arn:aws:redshift:*:*:cluster:*",
    crossAccountCopy: false,
    crossRegionCopy: false,
    copiesAcrossAccountAndRegionInOneStep: false,
    copyKeepsSourceKey: true,
    keyUsedThrough: "redshift",
    fullManagement: false,
    doc: BACKUP_FEATURE_AVAILABILITY_DOC,
  },
];

/** Where a rule's central copy of a type goes. */
export type CentralCopyRoute = "central-region" | "source-region" | "none";

/**
 * "central-region": one copy job to the central vault in the central region; "source-region": to the central
 * vault in the recovery point's own region (cross-account only); "none": the type is never copied to another
 * account.
 */
export function centralCopyRoute(t: BackupResourceType): CentralCopyRoute {
  if (!t.crossAccountCopy) return "none";
  return t.copiesAcrossAccountAndRegionInOneStep ? "central-region" : "source-region";
}

/** The types whose central copy goes to the central region in one step. */
export function oneStepTypes(): BackupResourceType[] {
  return BACKUP_RESOURCE_TYPES.filter((t) => centralCopyRoute(t) === "central-region");
}

/** The types whose central copy goes to the central vault in their own region. */
export function sameRegionCentralCopyTypes(): BackupResourceType[] {
  return BACKUP_RESOURCE_TYPES.filter((t) => centralCopyRoute(t) === "source-region");
}

/** The types AWS Backup never copies to another account: backed up into the member vault only. */
export function uncopiedTypes(): BackupResourceType[] {
  return BACKUP_RESOURCE_TYPES.filter((t) => centralCopyRoute(t) === "none");
}

/** The distinct ARN patterns of some types, in table order (several types may share one). */
export function arnPatternsOf(types: readonly BackupResourceType[]): string[] {
  return [...new Set(types.map((t) => t.arnPattern))];
}

/** Every type a selection by ARN pattern may include (a shared pattern includes each type that has it). */
export function typesMatchingArnPattern(pattern: string): BackupResourceType[] {
  if (pattern === "*") return [...BACKUP_RESOURCE_TYPES];
  return BACKUP_RESOURCE_TYPES.filter((t) => t.arnPattern === pattern);
}

/** Backup Audit Manager's report plan API page: where the multi-account formats below are stated. */
export const BACKUP_REPORT_PLAN_DOC =
  "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-report-plan-api.html";

/**
 * The formats a report plan covering several accounts or regions may ask for: for multi-account, multi-Region
 * reports "Organization report only support CSV file" (BACKUP_REPORT_PLAN_DOC); a single-account, single-region
 * plan may also ask for JSON (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ReportDeliveryChannel.html).
 */
export const MULTI_ACCOUNT_REPORT_FORMATS: readonly string[] = ["CSV"];
