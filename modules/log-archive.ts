// The write-once log archive in the log-archive account: CloudTrail, Config, flow logs, DNS query logs and
// GuardDuty findings under Object Lock COMPLIANCE for six years (164.312(b) audit, 164.312(c)(1) integrity,
// 164.316(b)(2)(i) retention), replicated to a second region with its own key. AWS Config cannot deliver to an
// Object Lock bucket, so it delivers to an unlocked ingest bucket that S3 replicates into the archive and replica;
// a VPC outside the home region delivers into its region's write-once archive, replicated into both the same way.
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import {
  S3BucketReplicationConfigurationA,
  S3BucketReplicationConfigurationRule,
} from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { PolicyStatement, renderPolicy, serviceTrustPolicy } from "../src/policies/policy-document";
import { abortIncompleteUploads, SecureBucket } from "./secure-bucket";
import { RolePermissions } from "./role-permissions";

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
  /** The CloudTrail key, which encrypts the trail's log files in the archive: replication must decrypt them. */
  readonly cloudTrailKeyArn: string;
  /** The roles that may still change the locked buckets' settings (the pipeline's and break-glass). */
  readonly administratorArns: readonly string[];
  /** Object Lock COMPLIANCE retention, in days. */
  readonly retentionDays: number;
  /** Days before objects move to Glacier Instant Retrieval. */
  readonly glacierInstantRetrievalAfterDays: number;
  /** Days before objects move to Glacier Deep Archive. */
  readonly deepArchiveAfterDays: number;
  /**
   * A regional archive in each governed region other than the home one, with its provider and its key there:
   * Route 53 Resolver delivers a VPC's DNS query logs only to a bucket of the VPC's region.
   * @default - none
   */
  readonly regional?: ReadonlyArray<RegionalArchiveSpec>;
}

/** Where a regional archive is: its region, the provider for it and its key (security account, same region). */
export interface RegionalArchiveSpec {
  /** The region. */
  readonly region: string;
  /** The provider for the region in the log-archive account. */
  readonly provider: AwsProvider;
  /** The regional archive's key. */
  readonly keyArn: string;
}

/** The archive, its access-log bucket, its replica and the replication between them. */
export class LogArchive extends Construct {
  /** The archive bucket. */
  readonly archive: SecureBucket;
  /** Server access logs for the archive and the Config ingest bucket (home region). */
  readonly accessLogs: SecureBucket;
  /** Server access logs for the replica (replica region). */
  readonly replicaAccessLogs: SecureBucket;
  /** The replica in the second region. */
  readonly replica: SecureBucket;
  /** Where AWS Config delivers: unlocked, short-lived, replicated into the archive and the replica. */
  readonly configIngest: SecureBucket;
  /** The regional archives, by region: write-once, replicated into the archive and the replica. */
  readonly regionalArchives = new Map<string, SecureBucket>();
  private readonly homeRegion: string;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    this.homeRegion = props.homeRegion;
    const name = (purpose: string, region: string) =>
      `${props.namePrefix}-${purpose}-${props.accountId}-${region}`;
    const archiveName = name("log-archive", props.homeRegion);
    const replicaName = name("log-archive-replica", props.replicationRegion);
    const configIngestName = name("config-ingest", props.homeRegion);
    const regional = props.regional ?? [];
    const regionalName = (region: string) => name("log-archive", region);
    const transitions = ageingRules(props);
    const accessLogLifecycle: S3BucketLifecycleConfigurationRule[] = [
      ...transitions,
      {
        id: "expire-after-retention",
        status: "Enabled",
        filter: [{ prefix: "" }],
        expiration: [{ days: props.retentionDays }],
        // The bucket is versioned: without this, expiry only adds delete markers and keeps every object.
        noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
      },
    ];

    // Server access logs, one bucket per region (S3 delivers them only within the source's region): for the
    // archive and the Config ingest bucket here, for the replica in its region. The destinations themselves do not
    // log, as AWS advises (a destination logging itself loops); the trail leaves them out of its data events.
    this.accessLogs = accessLogBucket(this, "access-logs", {
      bucketName: name("log-archive-access", props.homeRegion),
      accountId: props.accountId,
      sources: [archiveName, configIngestName],
      lifecycleRules: accessLogLifecycle,
    });
    // A regional archive in the replica's region logs its access into the replica's access-log bucket.
    const inReplicaRegion = regional.filter((r) => r.region === props.replicationRegion);
    this.replicaAccessLogs = accessLogBucket(this, "replica-access-logs", {
      provider: props.replicationProvider,
      bucketName: name("log-archive-access", props.replicationRegion),
      accountId: props.accountId,
      sources: [replicaName, ...inReplicaRegion.map((r) => regionalName(r.region))],
      lifecycleRules: accessLogLifecycle,
    });

    const protections = (arn: string) => writeOnceProtections(arn, props.administratorArns);
    this.archive = new SecureBucket(this, "archive", {
      bucketName: archiveName,
      kmsKeyArn: props.archiveKeyArn,
      objectLockRetentionDays: props.retentionDays,
      lifecycleRules: transitions,
      accessLogs: { bucket: this.accessLogs, bucketName: this.accessLogs.bucketName, prefix: "log-archive/" },
      policyStatements: (arn) => [...logDeliveryStatements(arn, props), ...protections(arn)],
    });

    this.replica = new SecureBucket(this, "replica", {
      provider: props.replicationProvider,
      bucketName: replicaName,
      kmsKeyArn: props.replicaKeyArn,
      objectLockRetentionDays: props.retentionDays,
      lifecycleRules: transitions,
      accessLogs: {
        bucket: this.replicaAccessLogs,
        bucketName: this.replicaAccessLogs.bucketName,
        prefix: "log-archive-replica/",
      },
      policyStatements: protections,
    });

    this.configIngest = new SecureBucket(this, "config-ingest", {
      bucketName: configIngestName,
      kmsKeyArn: props.archiveKeyArn,
      accessLogs: {
        bucket: this.accessLogs,
        bucketName: this.accessLogs.bucketName,
        prefix: "config-ingest/",
      },
      lifecycleRules: [
        abortIncompleteUploads(),
        // Replication copies each object within minutes; the ingest copy is kept long enough to investigate a
        // replication failure (S3 replication metrics), then removed, current and noncurrent versions alike.
        {
          id: "expire-after-replication",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: CONFIG_INGEST_EXPIRY_DAYS }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
        },
      ],
      policyStatements: (arn) => configDeliveryStatements(arn, props.organizationId),
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
    // Each regional archive: write-once like the archive, admitting only the VPC log deliveries of its region, with
    // its server access logs in its own region.
    for (const spec of regional) {
      const accessLogs =
        spec.region === props.replicationRegion
          ? this.replicaAccessLogs
          : accessLogBucket(this, `access-logs-${spec.region}`, {
              provider: spec.provider,
              bucketName: name("log-archive-access", spec.region),
              accountId: props.accountId,
              sources: [regionalName(spec.region)],
              lifecycleRules: accessLogLifecycle,
            });
      const bucket = new SecureBucket(this, `archive-${spec.region}`, {
        provider: spec.provider,
        bucketName: regionalName(spec.region),
        kmsKeyArn: spec.keyArn,
        objectLockRetentionDays: props.retentionDays,
        lifecycleRules: transitions,
        accessLogs: {
          bucket: accessLogs,
          bucketName: accessLogs.bucketName,
          prefix: `log-archive-${spec.region}/`,
        },
        // VPC flow logs and DNS query logs are the only deliveries made in a region other than the home one.
        policyStatements: (arn) => [
          ...logServiceStatements(arn, props.organizationId, {
            services: ["delivery.logs.amazonaws.com"],
            prefixes: ["AWSLogs"],
          }),
          ...protections(arn),
        ],
      });
      this.regionalArchives.set(spec.region, bucket);
    }
    const regionalArns = [...this.regionalArchives.values()].map((bucket) => bucket.arn);
    const sources = [this.archive.arn, this.configIngest.arn, ...regionalArns];
    const permissions = new RolePermissions(this, "replication-policy", {
      roleName: role.name,
      policyName: "lz-log-archive-replication",
      // Kept as first written though the regional archives replicate too: "The policy description is immutable"
      // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html), so new text would replace the
      // policy replication runs on, leaving the role without it between the delete and the create.
      description:
        "S3 replicates the log archive and the Config ingest bucket into the archive and its replica",
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadSourceConfiguration",
            Effect: "Allow",
            // The API GetObjectLockConfiguration is authorized by s3:GetBucketObjectLockConfiguration; IAM has no
            // s3:GetObjectLockConfiguration (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
            Action: [
              "s3:GetReplicationConfiguration",
              "s3:ListBucket",
              "s3:GetBucketObjectLockConfiguration",
            ],
            Resource: sources,
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
            Resource: sources.map((arn) => `${arn}/*`),
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
            Resource: [`${this.replica.arn}/*`, `${this.archive.arn}/*`],
          },
          // Every key that encrypts an object in a source: the archive's default, the CloudTrail key the trail
          // writes its log files with and each regional archive's; S3 silently skips an object it cannot decrypt
          // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html).
          {
            Sid: "DecryptEverySourceKey",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: [props.archiveKeyArn, props.cloudTrailKeyArn, ...regional.map((r) => r.keyArn)],
          },
          // Replicas are encrypted under the destination's key: the replica's, or the archive's for Config and the
          // regional archives.
          {
            Sid: "EncryptUnderDestinationKeys",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:GenerateDataKey"],
            Resource: [props.archiveKeyArn, props.replicaKeyArn],
          },
        ],
      },
    });
    new S3BucketReplicationConfigurationA(this, "replication", {
      bucket: this.archive.bucket.id,
      role: role.arn,
      rule: [replicateInto("replicate-everything", 1, this.replica.arn, props.replicaKeyArn)],
      dependsOn: [this.archive.versioning, this.replica.versioning, permissions.attachment],
    });
    // S3 does not replicate replicas again, so the ingest bucket replicates to the archive and the replica both.
    new S3BucketReplicationConfigurationA(this, "config-ingest-replication", {
      bucket: this.configIngest.bucket.id,
      role: role.arn,
      rule: [
        replicateInto("into-archive", 1, this.archive.arn, props.archiveKeyArn),
        replicateInto("into-replica", 2, this.replica.arn, props.replicaKeyArn),
      ],
      dependsOn: [
        this.configIngest.versioning,
        this.archive.versioning,
        this.replica.versioning,
        permissions.attachment,
      ],
    });
    // Each regional archive into the archive and the replica too, so both hold every log wherever it was delivered.
    for (const spec of regional) {
      const bucket = this.regionalArchives.get(spec.region)!;
      new S3BucketReplicationConfigurationA(this, `replication-${spec.region}`, {
        provider: spec.provider,
        bucket: bucket.bucket.id,
        role: role.arn,
        rule: [
          replicateInto("into-archive", 1, this.archive.arn, props.archiveKeyArn),
          replicateInto("into-replica", 2, this.replica.arn, props.replicaKeyArn),
        ],
        dependsOn: [
          bucket.versioning,
          this.archive.versioning,
          this.replica.versioning,
          permissions.attachment,
        ],
      });
    }
  }

  /** The archive VPC logs of a region are delivered into: the archive in the home region, else the region's own. */
  archiveIn(region: string): SecureBucket {
    if (region === this.homeRegion) return this.archive;
    const bucket = this.regionalArchives.get(region);
    if (!bucket)
      throw new Error(
        `${this.node.path}: no regional log archive in ${region}; the regional prop lists ${[...this.regionalArchives.keys()].join(", ") || "none"}`,
      );
    return bucket;
  }
}

/**
 * A server-access-log destination: SSE-S3 and no Object Lock default retention, because S3 delivers server access
 * logs to nothing else (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html);
 * versioned, private and TLS-only like every bucket, and kept as long as the archive.
 */
export function accessLogBucket(
  scope: Construct,
  id: string,
  spec: {
    readonly provider?: AwsProvider;
    readonly bucketName: string;
    readonly accountId: string;
    readonly sources: readonly string[];
    readonly lifecycleRules: S3BucketLifecycleConfigurationRule[];
  },
): SecureBucket {
  return new SecureBucket(scope, id, {
    provider: spec.provider,
    bucketName: spec.bucketName,
    lifecycleRules: spec.lifecycleRules,
    policyStatements: (arn) => [
      // S3's logging service writes here only for the named buckets of this account.
      {
        Sid: "S3ServerAccessLogDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${arn}/*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": spec.accountId },
          ArnLike: { "aws:SourceArn": spec.sources.map((bucket) => `arn:aws:s3:::${bucket}`) },
        },
      },
    ],
  });
}

/** Days an object stays in the Config ingest bucket after S3 has replicated it into the archive. */
export const CONFIG_INGEST_EXPIRY_DAYS = 90;

/** A replication rule for every object, SSE-KMS ones included, re-encrypted under the destination's key. */
function replicateInto(
  id: string,
  priority: number,
  destination: string,
  key: string,
): S3BucketReplicationConfigurationRule {
  return {
    id,
    priority,
    status: "Enabled",
    filter: { prefix: "" },
    deleteMarkerReplication: { status: "Disabled" },
    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
    destination: { bucket: destination, encryptionConfiguration: { replicaKmsKeyId: key } },
  };
}

/**
 * What Object Lock does not cover: nobody, the pipeline included, deletes an object or a version (a delete marker
 * hides a log as well as a deletion does), and only the pipeline and break-glass change the bucket's lock, policy,
 * versioning, lifecycle or replication. Lifecycle expiry is S3's own action and not subject to the policy
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html).
 */
export function writeOnceProtections(arn: string, administratorArns: readonly string[]): PolicyStatement[] {
  return [
    {
      Sid: "DenyDeletingLogs",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
      Resource: `${arn}/*`,
    },
    {
      Sid: "DenyChangingWriteOnceSettings",
      Effect: "Deny",
      Principal: "*",
      Action: [
        "s3:DeleteBucketPolicy",
        "s3:PutBucketObjectLockConfiguration",
        "s3:PutBucketPolicy",
        "s3:PutBucketVersioning",
        "s3:PutLifecycleConfiguration",
        "s3:PutReplicationConfiguration",
      ],
      Resource: arn,
      Condition: { ArnNotLike: { "aws:PrincipalArn": [...administratorArns] } },
    },
  ];
}

/**
 * AWS Config's delivery into the ingest bucket, for this organization's accounts only
 * (https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html).
 */
function configDeliveryStatements(arn: string, organizationId: string): PolicyStatement[] {
  const fromOrg = { StringEquals: { "aws:SourceOrgID": organizationId } };
  return [
    {
      Sid: "ConfigBucketChecks",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["s3:GetBucketAcl", "s3:ListBucket"],
      Resource: arn,
      Condition: fromOrg,
    },
    {
      Sid: "ConfigWrites",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${arn}/AWSLogs/*`,
      Condition: fromOrg,
    },
  ];
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
  // Backup Audit Manager's job reports are not here: its service-linked role has no S3 write permission of its own
  // (AWSServiceRolePolicyForBackupReports), so it can write only into a bucket of its own account, whose policy
  // admits it; they go to the backup account's reports bucket (stacks/backup-stack.ts).
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
    // Flow logs and DNS query logs (delivery.logs) and GuardDuty. AWS Config writes to the ingest bucket instead:
    // it refuses an Object Lock bucket.
    ...logServiceStatements(arn, props.organizationId, {
      services: ["delivery.logs.amazonaws.com", "guardduty.amazonaws.com"],
      prefixes: ["AWSLogs", "GuardDuty"],
    }),
  ];
}

/**
 * Log services that deliver as themselves: they check the bucket before writing, then write only under their own
 * prefixes, for this organization's accounts.
 */
function logServiceStatements(
  arn: string,
  organizationId: string,
  spec: { readonly services: readonly string[]; readonly prefixes: readonly string[] },
): PolicyStatement[] {
  const fromOrg = { StringEquals: { "aws:SourceOrgID": organizationId } };
  return [
    // Each checks the bucket's ACL, location and listing before its first delivery.
    {
      Sid: "LogServicesBucketChecks",
      Effect: "Allow",
      Principal: { Service: [...spec.services] },
      Action: ["s3:GetBucketAcl", "s3:GetBucketLocation", "s3:ListBucket"],
      Resource: arn,
      Condition: fromOrg,
    },
    // ...and writes only under its own prefix.
    {
      Sid: "LogServicesWrite",
      Effect: "Allow",
      Principal: { Service: [...spec.services] },
      Action: "s3:PutObject",
      Resource: spec.prefixes.map((prefix) => `${arn}/${prefix}/*`),
      Condition: fromOrg,
    },
  ];
}
