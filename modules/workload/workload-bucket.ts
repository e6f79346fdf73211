// A workload's bucket: SSE-KMS with the workload's key (S3 Bucket Keys on), a policy that refuses another key or
// encryption, plain HTTP and TLS below 1.2, and every principal but the workload's; versioned, private, ACLs off,
// and its server access logs in a bucket of its own in the same account and region, kept as long as the archive
// (164.312(a)(2)(iv) encryption, 164.312(c)(1) integrity, 164.312(e)(1) transmission security, 164.312(a)(1) access
// control, 164.312(b) audit controls).
import { Token } from "cdktf";
import { Construct } from "constructs";
import { constructError } from "../../src/config/errors";
import {
  BUCKET_NAME_MAX,
  workloadBucketNameLengths,
  workloadBucketNames,
  workloadBucketStatements,
} from "../../src/policies/workload-bucket";
import { WorkloadArns } from "../../src/policies/workload";
import { accessLogBucket } from "../log-archive";
import { abortIncompleteUploads, SecureBucket } from "../secure-bucket";
import { requireKeyArn } from "./application-key";

export interface WorkloadBucketProps extends WorkloadArns {
  /** The workload's key: every object is written under it. */
  readonly keyArn: string;
  /** Who may use the bucket: the workload's role, the administrators and AWS Backup. */
  readonly principalArns: readonly string[];
  /** Days the server access logs are kept: the log archive's retention. */
  readonly logRetentionDays: number;
  /**
   * Other buckets of the workload whose server access logs the log bucket takes (the code bucket).
   * @default - none
   */
  readonly alsoLogged?: readonly string[];
}

/** The bucket and the bucket its server access logs go to. */
export class WorkloadBucket extends Construct {
  readonly bucket: SecureBucket;
  readonly accessLogs: SecureBucket;

  constructor(scope: Construct, id: string, props: WorkloadBucketProps) {
    super(scope, id);
    requireKeyArn(this, "keyArn", props.keyArn, "hipaa-s3-kms-encryption");
    const names = workloadBucketNames(props);
    for (const name of workloadBucketNameLengths(props, Token.isUnresolved(props.accountId))) {
      if (name.length > BUCKET_NAME_MAX)
        throw constructError(
          this,
          "names",
          name,
          `bucket names of at most ${BUCKET_NAME_MAX} characters: shorten the environment's or the workload's name`,
        );
    }
    // S3 delivers server access logs only to a bucket of the same account and region, encrypted with SSE-S3
    // (enable-server-access-logging.html); it holds request records, not objects.
    this.accessLogs = accessLogBucket(this, "access-logs", {
      bucketName: names.accessLogs,
      accountId: props.accountId,
      sources: [names.bucket, ...(props.alsoLogged ?? [])],
      lifecycleRules: [
        abortIncompleteUploads(),
        {
          id: "expire-after-retention",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.logRetentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
        },
      ],
    });
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: names.bucket,
      kmsKeyArn: props.keyArn,
      accessLogs: { bucket: this.accessLogs, bucketName: names.accessLogs, prefix: `${names.bucket}/` },
      policyStatements: (bucketArn) =>
        workloadBucketStatements({ bucketArn, keyArn: props.keyArn, principalArns: props.principalArns }),
    });
  }
}
