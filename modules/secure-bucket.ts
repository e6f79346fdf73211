// An S3 bucket with the baseline every landing-zone bucket gets: encryption at rest (164.312(a)(2)(iv)),
// versioning (164.312(c)(1)), all public access blocked and ACLs disabled (164.312(a)(1)), and a policy that
// refuses plain HTTP and TLS below 1.2 (164.312(e)(1), (e)(2)(i)). None of these is optional.
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketObjectLockConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { PolicyStatement, renderPolicy } from "../src/policies/policy-document";
import { settingsOf } from "../src/config/profile";

export interface SecureBucketProps {
  /** The bucket's globally unique name. */
  readonly bucketName: string;
  /**
   * The KMS key for SSE-KMS (with S3 Bucket Keys).
   * @default - SSE-S3 (AES-256), for buckets AWS cannot deliver into with SSE-KMS, such as access-log targets
   */
  readonly kmsKeyArn?: string;
  /**
   * Object Lock default retention in days, in COMPLIANCE mode (nobody, root included, can delete or overwrite a
   * locked version before it expires), or GOVERNANCE mode under the evaluation profile.
   * @default - no Object Lock
   */
  readonly objectLockRetentionDays?: number;
  /**
   * Statements added to the bucket policy after the transport guards; receives the bucket ARN.
   * @default - none
   */
  readonly policyStatements?: (bucketArn: string) => PolicyStatement[];
  /**
   * Lifecycle rules.
   * @default - only aborting incomplete multipart uploads after 7 days
   */
  readonly lifecycleRules?: S3BucketLifecycleConfigurationRule[];
  /**
   * Where server access logs go: the target bucket, its name and the key prefix.
   * @default - no server access logging
   */
  readonly accessLogs?: {
    readonly bucketName: string;
    readonly prefix: string;
    readonly bucket: SecureBucket;
  };
  /**
   * The provider (account and region).
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/** A bucket with the landing zone's baseline; protected from destroy (except under the evaluation profile). */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket's ARN. */
  readonly arn: string;
  /** The bucket's name. */
  readonly bucketName: string;
  /** Versioning; replication must wait for it. */
  readonly versioning: S3BucketVersioningA;
  /** The bucket policy; deliveries that the policy admits (server access logs) must wait for it. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const provider = props.provider;
    // The profile decides the lock mode and whether Terraform may empty and destroy the bucket: the evaluation
    // profile's buckets must go with `make teardown` (src/config/profile.ts).
    const profile = settingsOf(this);
    this.bucket = new S3Bucket(this, "bucket", {
      provider,
      bucket: props.bucketName,
      objectLockEnabled: props.objectLockRetentionDays !== undefined ? true : undefined,
      forceDestroy: profile.forceDestroyBuckets,
      lifecycle: { preventDestroy: profile.preventDestroy },
    });
    this.bucketName = this.bucket.bucket;
    this.arn = this.bucket.arn;
    const bucket = this.bucket.id;

    this.versioning = new S3BucketVersioningA(this, "versioning", {
      provider,
      bucket,
      versioningConfiguration: { status: "Enabled" },
    });
    if (props.objectLockRetentionDays !== undefined) {
      new S3BucketObjectLockConfigurationA(this, "object-lock", {
        provider,
        bucket,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: profile.objectLockMode, days: props.objectLockRetentionDays } },
        dependsOn: [this.versioning],
      });
    }
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      provider,
      bucket,
      rule: [
        props.kmsKeyArn
          ? {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: props.kmsKeyArn,
              },
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, "public-access-block", {
      provider,
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      provider,
      bucket,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    this.policy = new S3BucketPolicy(this, "policy", {
      provider,
      bucket,
      policy: renderPolicy({
        Version: "2012-10-17",
        Statement: [...transportGuards(this.arn), ...(props.policyStatements?.(this.arn) ?? [])],
      }),
      // A policy that allows service principals is "public" to the block's checks until the block exists.
      dependsOn: [publicAccessBlock],
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      provider,
      bucket,
      rule: props.lifecycleRules ?? [abortIncompleteUploads()],
      dependsOn: [this.versioning],
    });
    if (props.accessLogs) {
      new S3BucketLoggingA(this, "access-logs", {
        provider,
        bucket,
        targetBucket: props.accessLogs.bucketName,
        targetPrefix: props.accessLogs.prefix,
        // S3 checks that the target's policy admits the logging service when logging is turned on.
        dependsOn: [props.accessLogs.bucket.policy],
      });
    }
  }
}

/** The rule every lifecycle configuration carries: incomplete multipart uploads cost money and hold nothing. */
export function abortIncompleteUploads(): S3BucketLifecycleConfigurationRule {
  return {
    id: "abort-incomplete-multipart-uploads",
    status: "Enabled",
    filter: [{ prefix: "" }],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
  };
}

/** Deny plain HTTP and TLS below 1.2 for everyone, the bucket's own account included. */
export function transportGuards(bucketArn: string): PolicyStatement[] {
  const resources = [bucketArn, `${bucketArn}/*`];
  return [
    // Integrity and encryption in transit (164.312(e)(2)(i), (ii)): no request over plain HTTP.
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    // TLS 1.0 and 1.1 have known weaknesses; HIPAA guidance (NIST SP 800-52r2) requires 1.2 or later.
    {
      Sid: "DenyTlsBelow12",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
    },
  ];
}
