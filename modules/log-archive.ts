// The write-once log archive in the log-archive account: CloudTrail, Config, flow logs, DNS query logs and
// GuardDuty findings under Object Lock COMPLIANCE for six years (164.312(b) audit, 164.312(c)(1) integrity,
// 164.316(b)(2)(i) retention), replicated to a second region with its own key.
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { PolicyStatement, renderPolicy, serviceTrustPolicy } from "../src/policies/policy-document";
import { abortIncompleteUploads, SecureBucket } from "./secure-bucket";

/** The replication role's name; key policies in the security account name it before it exists. */
export const REPLICATION_ROLE_NAME = "lz-log-archive-replication";

export interface LogArchiveProps {
  /** The landing zone's name, the bucket names' prefix. */
  readonly namePrefix: string;
  /** The log-archive account's ID. */
  readonly accountId: string;
  /** The organization's ID: only its accounts' log deliveries may write. */
  readonly organizationId: string;
  /** The management account's ID, where the organization trail lives. */
  readonly managementAccountId: string;
  /** The organization trail's ARN: CloudTrail may write only on its behalf. */
  readonly trailArn: string;
  /** The home region (the archive's region). */
  readonly homeRegion: string;
  /** The replica's region. */
  readonly replicationRegion: string;
  /** The provider for the replica's region. */
  readonly replicationProvider: AwsProvider;
  /** The log archive key (security account, home region). */
  readonly archiveKeyArn: string;
  /** The replica's key (security account, replica region). */
  readonly replicaKeyArn: string;
  /** Object Lock COMPLIANCE retention, in days. */
  readonly retentionDays: number;
  /** Days before objects move to Glacier Instant Retrieval. */
  readonly glacierInstantRetrievalAfterDays: number;
  /** Days before objects move to Glacier Deep Archive. */
  readonly deepArchiveAfterDays: number;
}

/** The archive, its access-log bucket, its replica and the replication between them. */
export class LogArchive extends Construct {
  /** The archive bucket. */
  readonly archive: SecureBucket;
  /** Server access logs for the archive. */
  readonly accessLogs: SecureBucket;
  /** The replica in the second region. */
  readonly replica: SecureBucket;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    const name = (purpose: string, region: string) =>
      `${props.namePrefix}-${purpose}-${props.accountId}-${region}`;
    const archiveName = name("log-archive", props.homeRegion);
    const transitions = ageingRules(props);

    // Server access logs: AWS delivers them only to SSE-S3 buckets without Object Lock default retention, so this
    // bucket cannot have the archive's key or lock. It is versioned, private and TLS-only like every bucket, and
    // kept as long as the archive.
    this.accessLogs = new SecureBucket(this, "access-logs", {
      bucketName: name("log-archive-access", props.homeRegion),
      lifecycleRules: [
        ...transitions,
        {
          id: "expire-after-retention",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.retentionDays }],
        },
      ],
      policyStatements: (arn) => [
        // S3's logging service writes here only for the archive bucket in this account.
        {
          Sid: "S3ServerAccessLogDelivery",
          Effect: "Allow",
          Principal: { Service: "logging.s3.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${arn}/*`,
          Condition: {
            StringEquals: { "aws:SourceAccount": props.accountId },
            ArnLike: { "aws:SourceArn": `arn:aws:s3:::${archiveName}` },
          },
        },
      ],
    });

    this.archive = new SecureBucket(this, "archive", {
      bucketName: archiveName,
      kmsKeyArn: props.archiveKeyArn,
      objectLockRetentionDays: props.retentionDays,
      lifecycleRules: transitions,
      accessLogs: { bucket: this.accessLogs, bucketName: this.accessLogs.bucketName, prefix: "log-archive/" },
      policyStatements: (arn) => logDeliveryStatements(arn, props),
    });

    this.replica = new SecureBucket(this, "replica", {
      provider: props.replicationProvider,
      bucketName: name("log-archive-replica", props.replicationRegion),
      kmsKeyArn: props.replicaKeyArn,
      objectLockRetentionDays: props.retentionDays,
      lifecycleRules: transitions,
    });

    const role = new IamRole(this, "replication-role", {
      name: REPLICATION_ROLE_NAME,
      description: "S3 replication of the log archive to its replica region",
      assumeRolePolicy: renderPolicy(
        serviceTrustPolicy("S3ReplicatesForThisAccount", "s3.amazonaws.com", {
          StringEquals: { "aws:SourceAccount": props.accountId },
        }),
      ),
    });
    new IamRolePolicy(this, "replication-policy", {
      role: role.id,
      name: "replicate-log-archive",
      policy: renderPolicy({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadSourceConfiguration",
            Effect: "Allow",
            Action: ["s3:GetReplicationConfiguration", "s3:ListBucket", "s3:GetObjectLockConfiguration"],
            Resource: this.archive.arn,
          },
          {
            Sid: "ReadSourceVersions",
            Effect: "Allow",
            Action: [
              "s3:GetObjectLegalHold",
              "s3:GetObjectRetention",
              "s3:GetObjectVersionAcl",
              "s3:GetObjectVersionForReplication",
              "s3:GetObjectVersionTagging",
            ],
            Resource: `${this.archive.arn}/*`,
          },
          {
            Sid: "WriteReplicaVersions",
            Effect: "Allow",
            Action: [
              "s3:ObjectOwnerOverrideToBucketOwner",
              "s3:ReplicateDelete",
              "s3:ReplicateObject",
              "s3:ReplicateTags",
            ],
            Resource: `${this.replica.arn}/*`,
          },
          {
            Sid: "UseArchiveAndReplicaKeys",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
            Resource: [props.archiveKeyArn, props.replicaKeyArn],
          },
        ],
      }),
    });
    new S3BucketReplicationConfigurationA(this, "replication", {
      bucket: this.archive.bucket.id,
      role: role.arn,
      rule: [
        {
          id: "replicate-everything",
          status: "Enabled",
          filter: { prefix: "" },
          deleteMarkerReplication: { status: "Disabled" },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
          destination: {
            bucket: this.replica.arn,
            encryptionConfiguration: { replicaKmsKeyId: props.replicaKeyArn },
          },
        },
      ],
      dependsOn: [this.archive.versioning, this.replica.versioning],
    });
  }
}

function ageingRules(props: LogArchiveProps): S3BucketLifecycleConfigurationRule[] {
  return [
    abortIncompleteUploads(),
    // Logs are read often in the first weeks of an investigation and rarely after; colder tiers cut the cost of
    // keeping six years without shortening it.
    {
      id: "age-into-glacier",
      status: "Enabled",
      filter: [{ prefix: "" }],
      transition: [
        { days: props.glacierInstantRetrievalAfterDays, storageClass: "GLACIER_IR" },
        { days: props.deepArchiveAfterDays, storageClass: "DEEP_ARCHIVE" },
      ],
      noncurrentVersionTransition: [
        { noncurrentDays: props.glacierInstantRetrievalAfterDays, storageClass: "GLACIER_IR" },
        { noncurrentDays: props.deepArchiveAfterDays, storageClass: "DEEP_ARCHIVE" },
      ],
    },
  ];
}

/** Who may write into the archive: the organization's log-delivery services, each scoped to this organization. */
function logDeliveryStatements(arn: string, props: LogArchiveProps): PolicyStatement[] {
  const fromOrg = { StringEquals: { "aws:SourceOrgID": props.organizationId } };
  return [
    // CloudTrail checks the bucket ACL before delivering, on behalf of the organization trail only.
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: arn,
      Condition: { StringEquals: { "aws:SourceArn": props.trailArn } },
    },
    // The organization trail writes the management account's and every member account's logs.
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: [`${arn}/AWSLogs/${props.managementAccountId}/*`, `${arn}/AWSLogs/${props.organizationId}/*`],
      Condition: { StringEquals: { "aws:SourceArn": props.trailArn } },
    },
    // Config, flow logs and DNS query logs (delivery.logs) and GuardDuty check the bucket before writing.
    {
      Sid: "LogServicesBucketChecks",
      Effect: "Allow",
      Principal: {
        Service: ["config.amazonaws.com", "delivery.logs.amazonaws.com", "guardduty.amazonaws.com"],
      },
      Action: ["s3:GetBucketAcl", "s3:GetBucketLocation", "s3:ListBucket"],
      Resource: arn,
      Condition: fromOrg,
    },
    // ...and write only under their own prefixes, for this organization's accounts.
    {
      Sid: "LogServicesWrite",
      Effect: "Allow",
      Principal: {
        Service: ["config.amazonaws.com", "delivery.logs.amazonaws.com", "guardduty.amazonaws.com"],
      },
      Action: "s3:PutObject",
      Resource: [`${arn}/AWSLogs/*`, `${arn}/GuardDuty/*`],
      Condition: fromOrg,
    },
  ];
}
