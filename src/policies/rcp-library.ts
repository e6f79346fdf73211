// The resource control policy library: the data perimeter around every member account's resources, whoever holds
// the grant (164.312(a)(1) access control, 164.312(e)(1) transmission security). Renders to literal JSON at synth.
// AWS: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html and the examples
// in aws-samples/data-perimeter-policy-examples (resource_control_policies/identity_perimeter_rcp.json).
import { PolicyDocument, PolicyStatement } from "./policy-document";
import { Guardrail } from "./scp-library";

/** The RCPs in the library, by name. The names are also the policies' names in AWS Organizations. */
export const RCP_NAMES = ["lz-data-perimeter"] as const;

export type RcpName = (typeof RCP_NAMES)[number];

/**
 * Default attachments: Root, so every member account's resources are inside the perimeter. Root then carries
 * RCPFullAWSAccess and this one, two of AWS's five per target.
 */
export const DEFAULT_RCP_TARGETS: Readonly<Record<RcpName, readonly string[]>> = {
  "lz-data-perimeter": ["Root"],
};

/**
 * The services whose resources the perimeter covers: the five RCPs first supported and the ones that hold or
 * guard PHI and its keys in this landing zone (S3 buckets, KMS keys, SQS queues, Secrets Manager secrets, and
 * the roles STS lets others assume).
 */
export const PERIMETER_SERVICES = ["s3", "kms", "sqs", "secretsmanager", "sts"] as const;

/**
 * The STS actions a principal outside the organization is refused on our roles. AssumeRoleWithSAML and
 * AssumeRoleWithWebIdentity are left out, as in AWS's example: federated callers have no organization ID, and
 * the roles they assume (Identity Center's, the pipeline's) restrict their own trust. sts:AssumeRoot is not a
 * resource request on the member account's roles.
 */
export const PERIMETER_STS_ACTIONS = [
  "sts:AssumeRole",
  "sts:DecodeAuthorizationMessage",
  "sts:GetAccessKeyInfo",
  "sts:GetFederationToken",
  "sts:GetServiceBearerToken",
  "sts:GetSessionToken",
  "sts:SetContext",
] as const;

/** What the library needs from the configuration to render its policies. */
export interface RcpContext {
  /** The organization's ID (o-...), or the token Terraform resolves to it. */
  readonly orgId: string;
  /**
   * Accounts outside the organization whose principals may still reach our resources (a vendor under a BAA),
   * when a resource policy also grants them.
   */
  readonly trustedAccounts: readonly string[];
}

/** The oldest TLS version lz-data-perimeter lets reach S3 (s3:TlsVersion). */
export const S3_MIN_TLS_VERSION = "1.2";

/** The longest organization ID AWS issues (o- and 32 characters), for sizing a policy whose ID is a token. */
export const LONGEST_ORG_ID = `o-${"x".repeat(32)}`;

function dataPerimeter(ctx: RcpContext): PolicyDocument {
  const allServices = PERIMETER_SERVICES.filter((s) => s !== "sts").map((s) => `${s}:*`);
  const identityPerimeter: Record<string, string | readonly string[]> = { "aws:PrincipalOrgID": ctx.orgId };
  if (ctx.trustedAccounts.length > 0) identityPerimeter["aws:PrincipalAccount"] = [...ctx.trustedAccounts];
  const statements: PolicyStatement[] = [
    // A bucket, key, queue, secret or role policy written in a member account can grant an outside account;
    // this makes such a grant void unless the caller belongs to the organization (or is a configured trusted
    // account), so PHI cannot be shared out by one policy edit. AWS services acting for us are left to the next
    // statement.
    {
      Sid: "EnforceOrgIdentities",
      Effect: "Deny",
      Principal: "*",
      Action: [...allServices, ...PERIMETER_STS_ACTIONS],
      Resource: "*",
      Condition: {
        StringNotEqualsIfExists: identityPerimeter,
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
      },
    },
    // An AWS service principal (CloudTrail, Config, S3 replication, AWS Backup) may act on our resources only for
    // a resource of this organization: the confused-deputy protection AWS documents. It applies only where the
    // service sends aws:SourceAccount, so integrations that send none keep working.
    {
      Sid: "EnforceConfusedDeputyProtection",
      Effect: "Deny",
      Principal: "*",
      Action: [...allServices, "sts:*"],
      Resource: "*",
      Condition: {
        StringNotEqualsIfExists: { "aws:SourceOrgID": ctx.orgId },
        Null: { "aws:SourceAccount": "false" },
        Bool: { "aws:PrincipalIsAWSService": "true" },
      },
    },
    // PHI and the keys that protect it travel only over TLS (164.312(e)(1)), whatever a resource policy says;
    // AWS services call over TLS, so they are unaffected.
    {
      Sid: "EnforceSecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: [...allServices, "sts:*"],
      Resource: "*",
      Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
    },
    // S3 over TLS 1.2 or later only (164.312(e)(1)): AWS's own RCP control CT.S3.PV.3 denies older versions with
    // s3:TlsVersion (https://docs.aws.amazon.com/controltower/latest/controlreference/rcp-controls.html). Every AWS
    // API endpoint, S3's included, has required TLS 1.2 since 27 February 2024
    // (https://aws.amazon.com/blogs/security/tls-1-2-required-for-aws-endpoints/), so this keeps the floor in the
    // organization's own policy; S3 is the only perimeter service whose requests state their TLS version in a key.
    // 1.3 would refuse PrivateLink for S3 and Multi-Region Access Points, which serve 1.2 only
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingEncryptionInTransit.html).
    {
      Sid: "EnforceS3Tls12",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: "*",
      Condition: { NumericLessThan: { "s3:TlsVersion": S3_MIN_TLS_VERSION } },
    },
  ];
  return { Version: "2012-10-17", Statement: statements };
}

/** Renders every RCP in the library for the given configuration. */
export function buildResourceControlPolicies(ctx: RcpContext): Guardrail<RcpName>[] {
  const entries: Array<Omit<Guardrail<RcpName>, "defaultTargets">> = [
    {
      name: "lz-data-perimeter",
      description:
        "Deny access to S3, KMS, SQS, Secrets Manager and STS resources from outside the organization, AWS services acting for another organization, requests without TLS, and S3 over TLS below 1.2.",
      hipaa: ["164.312(a)(1)", "164.312(e)(1)"],
      document: dataPerimeter(ctx),
    },
  ];
  return entries.map((entry) => ({ ...entry, defaultTargets: DEFAULT_RCP_TARGETS[entry.name] }));
}
