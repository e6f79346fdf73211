// A workload's code signing, where its environment requires it (every PHI environment): an AWS Signer profile of its
// own, a versioned bucket under the workload's key where the pipeline puts each function's code and Signer writes it
// signed, and a code signing configuration trusting only that profile and enforcing it, which both functions carry
// (164.312(c)(1) integrity: Lambda refuses code the pipeline did not sign).
import { Construct } from "constructs";
import { LambdaCodeSigningConfig } from "@cdktf/provider-aws/lib/lambda-code-signing-config";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { SignerSigningJob } from "@cdktf/provider-aws/lib/signer-signing-job";
import { SignerSigningProfile } from "@cdktf/provider-aws/lib/signer-signing-profile";
import { constructError } from "../../src/config/errors";
import { settingsOf } from "../../src/config/profile";
import { WorkloadArns } from "../../src/policies/workload";
import { workloadBucketNames } from "../../src/policies/workload-bucket";
import {
  CODE_PREFIXES,
  codeBucketStatements,
  LAMBDA_SIGNING_PLATFORM,
  SIGNING_PROFILE_NAME_MAX,
  signingProfileName,
  UNTRUSTED_ARTIFACT_POLICY,
} from "../../src/policies/workload-code-signing";
import { abortIncompleteUploads, SecureBucket } from "../secure-bucket";
import { requireKeyArn } from "./application-key";

/** A function's code as Signer left it: where Lambda reads it from, and the configuration that checks it. */
export interface SignedCode {
  readonly bucket: string;
  readonly key: string;
  readonly codeSigningConfigArn: string;
}

export interface WorkloadCodeSigningProps extends WorkloadArns {
  /** The workload's key: the code bucket's objects are under it. */
  readonly keyArn: string;
  /** Who may put code in the bucket or change it: the pipeline and break-glass. */
  readonly writerArns: readonly string[];
  /** The workload's server access log bucket, which records the code bucket's requests too. */
  readonly accessLogs: { readonly bucket: SecureBucket; readonly bucketName: string };
}

/** The profile, the code bucket and the code signing configuration; `sign` signs one function's code. */
export class WorkloadCodeSigning extends Construct {
  readonly profile: SignerSigningProfile;
  readonly bucket: SecureBucket;
  readonly config: LambdaCodeSigningConfig;
  private readonly keyArn: string;

  constructor(scope: Construct, id: string, props: WorkloadCodeSigningProps) {
    super(scope, id);
    requireKeyArn(this, "keyArn", props.keyArn, "hipaa-s3-kms-encryption");
    this.keyArn = props.keyArn;
    const profileName = signingProfileName(props.names.base);
    if (profileName.length > SIGNING_PROFILE_NAME_MAX)
      throw constructError(
        this,
        "names",
        profileName,
        `a signing profile name of at most ${SIGNING_PROFILE_NAME_MAX} characters: shorten the environment's or the workload's name`,
      );
    // The code bucket's name is checked with the others' by WorkloadBucket (workloadBucketNameLengths).
    const bucketName = workloadBucketNames(props).code;
    // Signature validity is Signer's default and maximum, 135 months (cli-profile.html): a signature expiring sooner
    // would stop deploys of unchanged code. A cancelled profile's name cannot be used again, so it is never destroyed.
    this.profile = new SignerSigningProfile(this, "profile", {
      name: profileName,
      platformId: LAMBDA_SIGNING_PLATFORM,
      lifecycle: { preventDestroy: settingsOf(this).preventDestroy },
    });
    // Signer reads the source from a versioned bucket of the profile's region ("Your S3 source bucket must be
    // version enabled", API_S3Source.html) and writes the signed package to a destination; one bucket serves both.
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName,
      kmsKeyArn: props.keyArn,
      accessLogs: { ...props.accessLogs, prefix: `${bucketName}/` },
      lifecycleRules: [abortIncompleteUploads()],
      policyStatements: (arn) => codeBucketStatements(arn, props.writerArns),
    });
    // Trusts this profile's current version only, and blocks a deployment that fails the checks (Enforce).
    this.config = new LambdaCodeSigningConfig(this, "config", {
      description: `${props.names.base}: code signed by ${profileName} only`,
      allowedPublishers: { signingProfileVersionArns: [this.profile.versionArn] },
      policies: { untrustedArtifactOnDeployment: UNTRUSTED_ARTIFACT_POLICY },
    });
  }

  /**
   * Puts a function's zipped code in the bucket and signs it; a change to the code (its digest is in the key) puts a
   * new object, which starts a new signing job (every argument of a job forces a new one) and updates the function.
   */
  sign(
    scope: Construct,
    id: string,
    code: { readonly path: string; readonly hash: string },
    functionName: string,
  ): SignedCode {
    const unsigned = new S3Object(scope, `${id}-unsigned`, {
      bucket: this.bucket.bucketName,
      key: `${CODE_PREFIXES.unsigned}${functionName}/${code.hash}.zip`,
      source: code.path,
      sourceHash: code.hash,
      // Under the workload's key from the first apply, whatever the order the bucket's default encryption is set in.
      serverSideEncryption: "aws:kms",
      kmsKeyId: this.keyArn,
      dependsOn: [this.bucket.versioning, this.bucket.policy],
    });
    const job = new SignerSigningJob(scope, `${id}-job`, {
      profileName: this.profile.name,
      source: { s3: { bucket: this.bucket.bucketName, key: unsigned.key, version: unsigned.versionId } },
      destination: {
        s3: { bucket: this.bucket.bucketName, prefix: `${CODE_PREFIXES.signed}${functionName}/` },
      },
      ignoreSigningJobFailure: false,
    });
    const signed = job.signedObject.get(0).s3.get(0);
    return { bucket: signed.bucket, key: signed.key, codeSigningConfigArn: this.config.arn };
  }
}
