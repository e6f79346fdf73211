// Code signing for a workload's functions where the environment requires it (every PHI environment): the pipeline
// signs each function's code with the workload's AWS Signer profile, and a code signing configuration that trusts
// only that profile, and enforces it, is attached to both functions, so Lambda refuses code nobody signed
// (164.312(c)(1) integrity: what runs is what was reviewed and built by the pipeline).
import { PolicyStatement } from "./policy-document";

/** AWS's pages the signing follows, cited where each setting is written. */
export const CODE_SIGNING_DOCS = {
  lambda: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html",
  policies: "https://docs.aws.amazon.com/lambda/latest/dg/config-codesigning-policies.html",
  profiles: "https://docs.aws.amazon.com/signer/latest/developerguide/signing-profiles.html",
  s3Source: "https://docs.aws.amazon.com/signer/latest/api/API_S3Source.html",
  actions: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssigner.html",
} as const;

/** Signer's platform for Lambda zip packages (CODE_SIGNING_DOCS.profiles). */
export const LAMBDA_SIGNING_PLATFORM = "AWSLambda-SHA384-ECDSA";

/**
 * Lambda blocks a deployment whose signature checks fail, not only logs it ("If you set the policy to Enforce,
 * Lambda blocks the deployment request if signature validation checks fail", API_CodeSigningPolicies.html).
 */
export const UNTRUSTED_ARTIFACT_POLICY = "Enforce";

/** What every workload's signing profile is named from: Signer allows letters, digits and underscores only. */
export const SIGNING_PROFILE_PREFIX = "workload_";

/** A workload's signing profile's name: `workload_<environment>_<workload>`, at most 64 characters. */
export function signingProfileName(base: string): string {
  return `${SIGNING_PROFILE_PREFIX}${base.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** Signer's profile names are 2 to 64 characters (API_PutSigningProfile.html). */
export const SIGNING_PROFILE_NAME_MAX = 64;

/**
 * The Signer calls that sign code with a profile or change who may: refused on a workload's profile to all but the
 * pipeline, since a signature from it is what Lambda trusts. Each takes the signing-profile resource
 * (CODE_SIGNING_DOCS.actions), so a statement on the profiles' ARNs covers it.
 */
export const SIGNING_PROFILE_CHANGE_ACTIONS = [
  "signer:AddProfilePermission",
  "signer:CancelSigningProfile",
  "signer:RemoveProfilePermission",
  "signer:RevokeSigningProfile",
  "signer:SignPayload",
  "signer:StartSigningJob",
  "signer:TagResource",
  "signer:UntagResource",
] as const;

/** Where in the code bucket the pipeline puts a function's code, and where Signer writes it signed. */
export const CODE_PREFIXES = { unsigned: "unsigned/", signed: "signed/" } as const;

/** What only the pipeline and break-glass may do to the code bucket: its objects and its protection. */
export const CODE_BUCKET_PROTECTED_ACTIONS = [
  "s3:DeleteBucket",
  "s3:DeleteBucketPolicy",
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
  "s3:PutBucketPolicy",
  "s3:PutBucketVersioning",
  "s3:PutEncryptionConfiguration",
  "s3:PutLifecycleConfiguration",
  "s3:PutObject",
];

/** The code bucket's statements beyond TLS: only the pipeline and break-glass write code or change the bucket. */
export function codeBucketStatements(bucketArn: string, writerArns: readonly string[]): PolicyStatement[] {
  return [
    // Signed code is checked by Lambda at deploy, but unsigned code here is what the next signing job signs: only
    // the pipeline puts it there.
    {
      Sid: "OnlyThePipelineWritesCode",
      Effect: "Deny",
      Principal: "*",
      Action: CODE_BUCKET_PROTECTED_ACTIONS,
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { ArnNotLike: { "aws:PrincipalArn": [...writerArns] } },
    },
  ];
}
