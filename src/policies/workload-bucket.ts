// A workload's bucket (docs/workloads.md): every object under the workload's key, versioned, reached only over TLS,
// and its objects and settings the workload's alone (164.312(a)(2)(iv) encryption at rest, 164.312(c)(1) integrity,
// 164.312(e)(1) transmission security, 164.312(a)(1) access control).
import { PolicyStatement } from "./policy-document";
import { WorkloadArns } from "./workload";

/** AWS's pages the bucket follows. */
export const BUCKET_DOCS = {
  sseKms: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
  requireKms: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html",
  bucketKeys: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html",
  policyKeys: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html",
} as const;

/**
 * The names of a workload's bucket and of the bucket its server access logs go to: both carry the account and the
 * region, as every landing-zone bucket does, so the global namespace cannot collide across accounts.
 */
export function workloadBucketNames({ accountId, region, names }: WorkloadArns): {
  readonly bucket: string;
  readonly accessLogs: string;
  /** Where the pipeline puts the functions' code for signing, where code signing is required. */
  readonly code: string;
} {
  return {
    bucket: `${names.base}-${accountId}-${region}`,
    accessLogs: `${names.base}-s3-logs-${accountId}-${region}`,
    code: `${names.base}-code-${accountId}-${region}`,
  };
}

/** S3 bucket names are 3 to 63 characters (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
export const BUCKET_NAME_MAX = 63;

/** An account ID's length: what a bucket name's account part takes once the account exists. */
const ACCOUNT_ID_LENGTH = 12;

/**
 * The workload's bucket names as long as they will be: an account that does not exist yet is a token at synth,
 * whose text is longer than the twelve digits it becomes.
 */
export function workloadBucketNameLengths(arns: WorkloadArns, accountIsToken: boolean): string[] {
  const names = workloadBucketNames(
    accountIsToken ? { ...arns, accountId: "0".repeat(ACCOUNT_ID_LENGTH) } : arns,
  );
  return [names.bucket, names.accessLogs, names.code];
}

/** The object actions the function needs: write and read its own objects, nothing that lists, deletes or shares. */
export const BUCKET_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject"];

/**
 * What only the workload's role, the administrators and AWS Backup may do with the bucket: its objects (read, write,
 * delete, restore), their keys (listing, an inventory or event notifications would ship them elsewhere: keys often
 * carry patient identifiers) and whatever would strip its protection (its policy, versioning, encryption, lifecycle,
 * replication, logging, public access block, ownership, deletion).
 */
export const BUCKET_PROTECTED_ACTIONS = [
  "s3:DeleteBucket",
  "s3:DeleteBucketPolicy",
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:ListBucket",
  "s3:ListBucketVersions",
  "s3:PutBucketLogging",
  "s3:PutBucketNotification",
  "s3:PutInventoryConfiguration",
  "s3:PutBucketOwnershipControls",
  "s3:PutBucketPolicy",
  "s3:PutBucketPublicAccessBlock",
  "s3:PutBucketVersioning",
  "s3:PutEncryptionConfiguration",
  "s3:PutLifecycleConfiguration",
  "s3:PutObject",
  "s3:PutReplicationConfiguration",
  "s3:RestoreObject",
];

/** What the bucket's own statements name (the transport guards are SecureBucket's). */
export interface BucketPolicyContext {
  readonly bucketArn: string;
  /** The workload's key: the only key an object may be written under. */
  readonly keyArn: string;
  /** Who may use the bucket: the workload's role, the administrators, AWS Backup. */
  readonly principalArns: readonly string[];
}

/** The bucket's statements beyond TLS: only the workload's key, only the workload. */
export function workloadBucketStatements(ctx: BucketPolicyContext): PolicyStatement[] {
  const objects = `${ctx.bucketArn}/*`;
  return [
    // A write names SSE-KMS, AWS's "require SSE-KMS" statement (BUCKET_DOCS.sseKms): SSE-S3 or DSSE would put PHI
    // under a key the workload does not control, and a write that names nothing is refused too.
    {
      Sid: "DenyOtherEncryption",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
    },
    // ...and the workload's key, AWS's "Require SSE-KMS with a specific AWS KMS key for all objects written to a
    // bucket" (BUCKET_DOCS.requireKms): "Even if the objects are encrypted with SSE-KMS by using a per-request header
    // or bucket default encryption, the objects cannot be written to the bucket if they haven't been encrypted with
    // the specified KMS key." The condition as AWS writes it (IfExists: a missing key ID is refused as well).
    {
      Sid: "DenyOtherKeys",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: { ArnNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": ctx.keyArn } },
    },
    // S3 calls KMS with the caller's own permissions, so the key already bars others from the objects; this also
    // bars what needs no key (deleting objects or versions, the bucket's policy, versioning, encryption, lifecycle,
    // replication), whatever IAM policy another principal of the account holds.
    {
      Sid: "OnlyTheWorkloadUsesTheBucket",
      Effect: "Deny",
      Principal: "*",
      Action: BUCKET_PROTECTED_ACTIONS,
      Resource: [ctx.bucketArn, objects],
      Condition: { ArnNotLike: { "aws:PrincipalArn": [...ctx.principalArns] } },
    },
  ];
}
