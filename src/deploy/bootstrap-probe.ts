// Reads the management account's state bucket, state key and pipeline roles as they are, and says how they fall
// short of what make bootstrap creates (164.312(a)(2)(iv) encryption, (c)(1) integrity, (e)(1) transmission
// security). make bootstrap refuses to touch a weaker bucket or key; make preflight reports the same differences.
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient } from "@aws-sdk/client-kms";
import {
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  GetPolicyCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import { OrganizationConfig } from "../config/schema";
import { ClientSettings, errorNamed, unlessAbsent } from "./aws-clients";
import {
  DEPLOY_ROLE_POLICY_ARN,
  GITHUB_OIDC_URL,
  PLAN_ROLE_STATE_POLICY,
  PLAN_ROLE_POLICY_ARN,
} from "../policies/pipeline-policies";
import { landingZonePolicyArn } from "../policies/policy-document";

/** The state bucket as it is. */
export type LiveBucket =
  | { readonly state: "absent" }
  | { readonly state: "other-account" }
  | {
      readonly state: "present";
      /** Versioning status: Enabled, Suspended, or undefined (never enabled). */
      readonly versioning?: string;
      /** The public access block's four settings, when there is one. */
      readonly publicAccessBlock?: Readonly<Record<string, boolean | undefined>>;
      /** Default encryption: algorithm, key and whether S3 Bucket Keys are on. */
      readonly encryption?: {
        readonly algorithm?: string;
        readonly keyId?: string;
        readonly bucketKey: boolean;
      };
      /** The bucket policy's JSON, when there is one. */
      readonly policy?: string;
      /** Whether ownership controls exist. */
      readonly ownership: boolean;
      /** Whether a lifecycle configuration exists. */
      readonly lifecycle: boolean;
    };

/** The state key (found through its alias) as it is. */
export type LiveKey =
  | { readonly state: "absent" }
  | {
      readonly state: "present";
      readonly keyId: string;
      readonly arn: string;
      readonly keyState?: string;
      readonly keyManager?: string;
      readonly keySpec?: string;
      readonly rotation: boolean;
    };

/** What the state backend looks like in the account. */
export interface LiveStateBackend {
  readonly bucket: LiveBucket;
  readonly key: LiveKey;
}

/** Reads the state bucket and key named in `state:`. */
export async function probeStateBackend(
  settings: ClientSettings,
  org: OrganizationConfig,
): Promise<LiveStateBackend> {
  const s3settings = { ...settings, region: org.state.region };
  return {
    bucket: await probeBucket(new S3Client(s3settings), org.state.bucket),
    key: await probeKey(new KMSClient(s3settings), org.state.kmsKeyId),
  };
}

async function probeBucket(s3: S3Client, bucket: string): Promise<LiveBucket> {
  // ListBuckets lists this account's buckets only, so a name S3 knows that is not among them is someone else's.
  const own = await s3.send(new ListBucketsCommand({}));
  if (!(own.Buckets ?? []).some((b) => b.Name === bucket)) {
    try {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      return { state: "other-account" };
    } catch (error) {
      if (errorNamed(error, "NotFound", "NoSuchBucket")) return { state: "absent" };
      // 403: the bucket exists and this account may not even look at it.
      if (errorNamed(error, "Forbidden", "AccessDenied", "403")) return { state: "other-account" };
      throw error;
    }
  }
  const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  const block = await unlessAbsent(
    () => s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
    "NoSuchPublicAccessBlockConfiguration",
  );
  const encryption = await unlessAbsent(
    () => s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })),
    "ServerSideEncryptionConfigurationNotFoundError",
  );
  const rule = encryption?.ServerSideEncryptionConfiguration?.Rules?.[0];
  const policy = await unlessAbsent(
    () => s3.send(new GetBucketPolicyCommand({ Bucket: bucket })),
    "NoSuchBucketPolicy",
  );
  const ownership = await unlessAbsent(
    () => s3.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket })),
    "OwnershipControlsNotFoundError",
  );
  const lifecycle = await unlessAbsent(
    () => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })),
    "NoSuchLifecycleConfiguration",
  );
  const pab = block?.PublicAccessBlockConfiguration;
  return {
    state: "present",
    versioning: versioning.Status,
    publicAccessBlock: pab && {
      BlockPublicAcls: pab.BlockPublicAcls,
      IgnorePublicAcls: pab.IgnorePublicAcls,
      BlockPublicPolicy: pab.BlockPublicPolicy,
      RestrictPublicBuckets: pab.RestrictPublicBuckets,
    },
    encryption: rule && {
      algorithm: rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
      keyId: rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID,
      bucketKey: rule.BucketKeyEnabled === true,
    },
    policy: policy?.Policy,
    ownership: ownership !== undefined,
    lifecycle: lifecycle !== undefined,
  };
}

async function probeKey(kms: KMSClient, keyId: string): Promise<LiveKey> {
  const described = await unlessAbsent(
    () => kms.send(new DescribeKeyCommand({ KeyId: keyId })),
    "NotFoundException",
  );
  const meta = described?.KeyMetadata;
  if (!meta) return { state: "absent" };
  const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: meta.KeyId! }));
  return {
    state: "present",
    keyId: meta.KeyId!,
    arn: meta.Arn!,
    keyState: meta.KeyState,
    keyManager: meta.KeyManager,
    keySpec: meta.KeySpec ?? meta.CustomerMasterKeySpec,
    rotation: rotation.KeyRotationEnabled === true,
  };
}

const PUBLIC_ACCESS_SETTINGS = [
  "BlockPublicAcls",
  "IgnorePublicAcls",
  "BlockPublicPolicy",
  "RestrictPublicBuckets",
];

/**
 * Every way the live bucket and key fall short of what make bootstrap creates, one sentence each; empty when
 * both are absent or at least as strong.
 */
export function stateBackendDifferences(live: LiveStateBackend, org: OrganizationConfig): string[] {
  const { bucket: name, kmsKeyId } = org.state;
  const out: string[] = [];
  const bucket = live.bucket;
  if (bucket.state === "other-account") {
    out.push(
      `bucket ${name} exists but belongs to another AWS account (bucket names are global); choose another state.bucket`,
    );
  }
  if (bucket.state === "present") {
    if (bucket.versioning !== "Enabled") {
      out.push(`bucket ${name}: versioning is ${bucket.versioning ?? "off"}; expected Enabled`);
    }
    const off = PUBLIC_ACCESS_SETTINGS.filter((s) => bucket.publicAccessBlock?.[s] !== true);
    if (off.length > 0) {
      out.push(
        `bucket ${name}: public access block ${bucket.publicAccessBlock ? `has ${off.join(", ")} off` : "is missing"}; expected all four on`,
      );
    }
    const enc = bucket.encryption;
    if (enc?.algorithm !== "aws:kms" && enc?.algorithm !== "aws:kms:dsse") {
      out.push(
        `bucket ${name}: default encryption is ${enc?.algorithm ?? "none"}; expected SSE-KMS with ${kmsKeyId}`,
      );
    } else {
      if (!keyMatches(enc.keyId, kmsKeyId, live.key)) {
        out.push(
          `bucket ${name}: default encryption uses key ${enc.keyId ?? "aws/s3"}; expected ${kmsKeyId}`,
        );
      }
      if (!enc.bucketKey) out.push(`bucket ${name}: S3 Bucket Keys are off; expected on`);
    }
    for (const missing of missingTransportGuards(bucket.policy)) out.push(`bucket ${name}: ${missing}`);
  }
  const key = live.key;
  if (key.state === "present") {
    if (key.keyManager !== "CUSTOMER")
      out.push(`key ${kmsKeyId} is ${key.keyManager ?? "not"} managed; expected a customer managed key`);
    if (key.keyState !== "Enabled") out.push(`key ${kmsKeyId} is ${key.keyState}; expected Enabled`);
    if (key.keySpec !== undefined && key.keySpec !== "SYMMETRIC_DEFAULT") {
      out.push(`key ${kmsKeyId} is ${key.keySpec}; expected SYMMETRIC_DEFAULT`);
    }
    if (!key.rotation) out.push(`key ${kmsKeyId}: automatic rotation is off; expected on`);
  }
  if (bucket.state === "present" && key.state === "absent") {
    out.push(
      `bucket ${name} exists but key ${kmsKeyId} does not; create the alias for the key the bucket uses, or remove the bucket`,
    );
  }
  return out;
}

/** Whether the bucket's key (alias, ARN or ID) is the configured one. */
function keyMatches(bucketKey: string | undefined, configured: string, live: LiveKey): boolean {
  if (bucketKey === undefined) return false;
  if (bucketKey === configured || bucketKey.endsWith(`:${configured}`)) return true;
  return live.state === "present" && (bucketKey === live.arn || bucketKey === live.keyId);
}

/** The transport guards a bucket policy lacks: a Deny without TLS and a Deny below TLS 1.2 (or stricter). */
function missingTransportGuards(policy: string | undefined): string[] {
  const statements = policy ? ((JSON.parse(policy) as { Statement?: unknown[] }).Statement ?? []) : [];
  const denies = statements.filter(
    (s): s is { Condition?: Record<string, Record<string, unknown>> } =>
      typeof s === "object" && s !== null && (s as { Effect?: string }).Effect === "Deny",
  );
  const conditionValue = (op: string, key: string) =>
    denies.map((s) => s.Condition?.[op]?.[key]).find((v) => v !== undefined);
  const out: string[] = [];
  if (String(conditionValue("Bool", "aws:SecureTransport")) !== "false") {
    out.push("the bucket policy does not deny requests without TLS (aws:SecureTransport false)");
  }
  const minimum = Number(conditionValue("NumericLessThan", "s3:TlsVersion"));
  if (!(minimum >= 1.2)) out.push("the bucket policy does not deny TLS below 1.2 (s3:TlsVersion)");
  return out;
}

/** Which of the pipeline's provider, roles and policies exist (the names of the bootstrap stack's imports). */
export interface PipelineRolesFound {
  readonly oidcProviderArn?: string;
  readonly deployRole: boolean;
  readonly deployRolePolicy: boolean;
  readonly planRole: boolean;
  readonly planRoleManagedPolicy: boolean;
  readonly planRoleStatePolicy: boolean;
  readonly planRoleStateAttachment: boolean;
  /** The inline policy an earlier make bootstrap created, which the managed policy replaces (not imported). */
  readonly legacyInlinePolicy: boolean;
}

/** The pipeline's roles and provider as they are. */
export async function probePipelineRoles(
  settings: ClientSettings,
  accountId: string,
  org: OrganizationConfig,
): Promise<PipelineRolesFound> {
  const iam = new IAMClient(settings);
  // IAM names an OIDC provider after its issuer's host.
  const providerArn = `arn:aws:iam::${accountId}:oidc-provider/${new URL(GITHUB_OIDC_URL).host}`;
  const provider = await unlessAbsent(
    () => iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })),
    "NoSuchEntityException",
    "NoSuchEntity",
  );
  const role = (name: string) =>
    unlessAbsent(
      () => iam.send(new GetRoleCommand({ RoleName: name })),
      "NoSuchEntityException",
      "NoSuchEntity",
    );
  const attached = async (name: string, arn: string) =>
    ((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies ?? []).some(
      (p) => p.PolicyArn === arn,
    );
  const deploy = await role(org.roles.managementDeploy);
  const plan = await role(org.roles.managementPlan);
  const stateArn = landingZonePolicyArn(accountId, PLAN_ROLE_STATE_POLICY);
  const statePolicy = await unlessAbsent(
    () => iam.send(new GetPolicyCommand({ PolicyArn: stateArn })),
    "NoSuchEntityException",
    "NoSuchEntity",
  );
  const inline =
    plan &&
    (await unlessAbsent(
      () =>
        iam.send(
          new GetRolePolicyCommand({
            RoleName: org.roles.managementPlan,
            PolicyName: PLAN_ROLE_STATE_POLICY,
          }),
        ),
      "NoSuchEntityException",
      "NoSuchEntity",
    ));
  return {
    oidcProviderArn: provider ? providerArn : undefined,
    deployRole: deploy !== undefined,
    deployRolePolicy:
      deploy !== undefined && (await attached(org.roles.managementDeploy, DEPLOY_ROLE_POLICY_ARN)),
    planRole: plan !== undefined,
    planRoleManagedPolicy:
      plan !== undefined && (await attached(org.roles.managementPlan, PLAN_ROLE_POLICY_ARN)),
    planRoleStatePolicy: statePolicy !== undefined,
    planRoleStateAttachment: plan !== undefined && (await attached(org.roles.managementPlan, stateArn)),
    legacyInlinePolicy: inline !== undefined,
  };
}

/** What of the state backend exists, named as the bootstrap stack's imports. */
export function existingStateBackend(live: LiveStateBackend) {
  return {
    bucket: live.bucket.state === "present",
    bucketOwnership: live.bucket.state === "present" && live.bucket.ownership,
    bucketLifecycle: live.bucket.state === "present" && live.bucket.lifecycle,
    keyId: live.key.state === "present" ? live.key.keyId : undefined,
  };
}
