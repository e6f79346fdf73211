// Policies for what `make bootstrap` creates in the management account: the Terraform state bucket and key, and
// the GitHub Actions roles (164.312(a)(1) access control, (a)(2)(iv) encryption, (e)(1) transmission security).
// State holds every resource's attributes, so only the pipeline's roles and break-glass may read or write it.
import { KEY_ADMIN_ACTIONS, RoleRef, roleArn } from "./kms-policies";
import {
  denyPhiKeyUseButFunctionEnvironments,
  PHI_KEY_DENY_SID,
  phiDataReadDenyStatements,
} from "./permission-sets";
import { WORKLOAD_PREFIX } from "./workload";
import { PolicyDocument, PolicyStatement, trustPolicy } from "./policy-document";

/** GitHub's OIDC issuer; IAM names the provider after it. */
export const GITHUB_OIDC_URL = "https://token.actions.githubusercontent.com";
/** The audience aws-actions/configure-aws-credentials requests. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";
/** The prefix of every condition key IAM derives from GitHub's token (only aud and sub: AWS supports no custom claims). */
const CLAIM = "token.actions.githubusercontent.com";

/** The AWS managed policies the pipeline's roles carry. */
export const DEPLOY_ROLE_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
export const PLAN_ROLE_POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
/**
 * The plan role's customer managed policy (state read, member deploy roles), at the landing zone's policy path.
 * Before this release it was an inline policy of the same name, which AWS Config's IAM_NO_INLINE_POLICY_CHECK
 * reports; make bootstrap says how to remove the old one.
 */
export const PLAN_ROLE_STATE_POLICY = "lz-plan-state-and-members";

/** Who may use the state: the pipeline's two roles and break-glass, by role ARN. */
export interface StateAccess {
  /** The management account's ID. */
  readonly accountId: string;
  /** The deploy role's name (`roles.managementDeploy`): reads and writes state. */
  readonly deployRole: string;
  /** The plan role's name (`roles.managementPlan`): reads state only. */
  readonly planRole: string;
  /** The break-glass role's name (`roles.breakGlass`): repairs state in an emergency (164.312(a)(2)(ii)). */
  readonly breakGlassRole: string;
  /** The state bucket's region: the key is used only through S3 there. */
  readonly region: string;
}

/** The role ARNs that read and write state; the BreakGlass permission set's role is matched by its name pattern. */
function stateWriters(access: StateAccess): string[] {
  const role = (roleName: string): RoleRef => ({ accountId: access.accountId, roleName });
  return [
    roleArn(role(access.deployRole)),
    roleArn(role(access.breakGlassRole)),
    `arn:aws:iam::${access.accountId}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*`,
  ];
}

/** Object actions on state: reading, writing and deleting state files and their lock files. */
const STATE_OBJECT_ACTIONS = ["s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*", "s3:RestoreObject"];
/** The object actions that change state. */
const STATE_WRITE_ACTIONS = ["s3:PutObject*", "s3:DeleteObject*", "s3:RestoreObject"];

/**
 * Bucket-policy statements after the transport guards. Bucket settings stay with IAM (the account's
 * administrators run make bootstrap and must read them back; S3's HeadBucket needs s3:ListBucket), but the objects,
 * which are the state itself, only the pipeline's roles and break-glass can touch, and the plan role only reads.
 */
export function stateBucketStatements(bucketArn: string, access: StateAccess): PolicyStatement[] {
  const planRole = roleArn({ accountId: access.accountId, roleName: access.planRole });
  return [
    // Least privilege on state (164.312(a)(1)): a Deny, so an administrator's broad IAM policy does not reach it.
    {
      Sid: "StateObjectsOnlyForPipelineRoles",
      Effect: "Deny",
      Principal: "*",
      Action: STATE_OBJECT_ACTIONS,
      Resource: `${bucketArn}/*`,
      Condition: { ArnNotLike: { "aws:PrincipalArn": [...stateWriters(access), planRole] } },
    },
    // Pull requests plan with -lock=false: the plan role never needs to write, so it cannot.
    {
      Sid: "PlanRoleReadsStateOnly",
      Effect: "Deny",
      Principal: "*",
      Action: STATE_WRITE_ACTIONS,
      Resource: `${bucketArn}/*`,
      Condition: { ArnEquals: { "aws:PrincipalArn": planRole } },
    },
  ];
}

/**
 * The state key's policy. Administration (no use) goes to the account, so IAM decides which administrators manage
 * it and KMS's lockout check passes for whoever runs make bootstrap; encrypting and decrypting state goes to the
 * pipeline's roles only, and only through S3 in the bucket's region
 * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service).
 */
export function stateKeyPolicy(access: StateAccess): PolicyDocument {
  const root = { AWS: `arn:aws:iam::${access.accountId}:root` };
  const viaS3 = { "kms:ViaService": `s3.${access.region}.amazonaws.com` };
  return {
    Version: "2012-10-17",
    Statement: [
      // Without an account statement a key whose roles are deleted is unmanageable; this one grants no use.
      {
        Sid: "KeyAdministrationByAccountAdministrators",
        Effect: "Allow",
        Principal: root,
        Action: KEY_ADMIN_ACTIONS,
        Resource: "*",
      },
      // The S3 backend encrypts each state object (SSE-KMS with a bucket key) under the deploy role's session.
      {
        Sid: "StateEncryptionByPipelineDeployAndBreakGlass",
        Effect: "Allow",
        Principal: root,
        Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
        Resource: "*",
        Condition: { ArnLike: { "aws:PrincipalArn": stateWriters(access) }, StringEquals: viaS3 },
      },
      // Plans read state: decryption only.
      {
        Sid: "StateDecryptionByPlanRole",
        Effect: "Allow",
        Principal: root,
        Action: ["kms:Decrypt", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          ArnEquals: {
            "aws:PrincipalArn": roleArn({ accountId: access.accountId, roleName: access.planRole }),
          },
          StringEquals: viaS3,
        },
      },
    ],
  };
}

/**
 * The release workflow's GitHub environments, one per deploy group (src/tools/stack-groups.ts names its groups
 * with these): the only subjects the deploy role trusts, each behind the repository's approval rules.
 */
export const RELEASE_ENVIRONMENTS = [
  "organization",
  "security",
  "accounts",
  "controls",
  "workloads",
] as const;
export type ReleaseEnvironment = (typeof RELEASE_ENVIRONMENTS)[number];

/** The OIDC subjects of the repository's jobs, as GitHub writes them into the token's `sub` claim. */
export interface GitHubSubjects {
  /** Jobs that run in one of these GitHub environments (the release workflow's deploy groups). */
  readonly deploy: readonly string[];
  /** Pull requests, and pushes and scheduled runs on the release branch (plan and drift jobs use no environment). */
  readonly plan: readonly string[];
}

/**
 * The `sub` values GitHub issues (https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims):
 * a job with an environment gets `repo:<repo>:environment:<name>` whatever its branch, so the deploy role trusts
 * only the release environments, which are restricted to the release branch in the repository's settings.
 */
export function githubSubjects(
  repository: string,
  branch: string,
  environments: readonly string[],
): GitHubSubjects {
  return {
    deploy: environments.map((name) => `repo:${repository}:environment:${name}`),
    plan: [`repo:${repository}:pull_request`, `repo:${repository}:ref:refs/heads/${branch}`],
  };
}

/**
 * A role trust policy for GitHub's OIDC provider, as AWS documents it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub):
 * the audience and the exact subjects, never a wildcard repository.
 */
export function githubTrustPolicy(
  sid: string,
  providerArn: string,
  subjects: readonly string[],
): PolicyDocument {
  return trustPolicy(sid, { Federated: providerArn }, "sts:AssumeRoleWithWebIdentity", {
    StringEquals: { [`${CLAIM}:aud`]: GITHUB_OIDC_AUDIENCE, [`${CLAIM}:sub`]: [...subjects] },
  });
}

/**
 * The plan role's own policy beside ReadOnlyAccess: read the state (decryption is not in ReadOnlyAccess) and
 * assume the member accounts' read-only plan role (`roles.plan`), which the stacks' providers assume in plan mode.
 * Nothing else: a pull request's code runs with this role, so a member role it could assume beyond the reader (the
 * deploy role, AdministratorAccess and exempt from the SCPs) would make any branch an administrator everywhere.
 */
export function planRolePolicy(bucketArn: string, keyArn: string, memberPlanRole: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadLandingZoneState",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:ListBucket"],
        Resource: [bucketArn, `${bucketArn}/*`],
      },
      { Sid: "DecryptLandingZoneState", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn },
      {
        Sid: "AssumeMemberPlanReaders",
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Resource: `arn:aws:iam::*:role/${memberPlanRole}`,
      },
    ],
  };
}

/** What make bootstrap gives one pipeline role: its trust, its AWS managed policy and its own policy, if any. */
export interface PipelineRoleDocuments {
  readonly trust: PolicyDocument;
  readonly managedPolicyArn: string;
  readonly own?: PolicyDocument;
}

/**
 * The deploy and plan roles as make bootstrap creates them (stacks/bootstrap-stack.ts) and make verify proves
 * them (src/verify/paths/identity-chains.ts): one function, so the proof is about the roles that exist.
 */
export function pipelineRoleDocuments(
  oidcProviderArn: string,
  subjects: GitHubSubjects,
  state: { readonly bucketArn: string; readonly keyArn: string },
  memberPlanRole: string,
): { readonly deploy: PipelineRoleDocuments; readonly plan: PipelineRoleDocuments } {
  return {
    deploy: {
      trust: githubTrustPolicy("GitHubDeployFromProtectedEnvironments", oidcProviderArn, subjects.deploy),
      managedPolicyArn: DEPLOY_ROLE_POLICY_ARN,
    },
    plan: {
      trust: githubTrustPolicy("GitHubPlanFromPullRequestsAndReleaseBranch", oidcProviderArn, subjects.plan),
      managedPolicyArn: PLAN_ROLE_POLICY_ARN,
      own: planRolePolicy(state.bucketArn, state.keyArn, memberPlanRole),
    },
  };
}

/**
 * The trust AWS Organizations gives the role it creates in every account it creates (`roles.deploy`,
 * OrganizationAccountAccessRole): the management account, with AdministratorAccess
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_create-cross-account-role.html).
 * The StackSet gives invited accounts the same.
 */
export function memberDeployRoleTrustPolicy(managementAccountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ManagementAccountAssumesDeployRole",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` },
        Action: "sts:AssumeRole",
      },
    ],
  };
}

/**
 * The member plan reader's trust: the management account, only through the management plan role. The principal is
 * the account with an aws:PrincipalArn condition rather than the role's ARN, because IAM refuses a trust policy
 * naming a role that does not exist yet (make bootstrap creates it only when pipeline.github is set) and replaces
 * a deleted role's ARN in a trust policy with its unique ID, which a re-created role would not match
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles).
 */
export function planReaderTrustPolicy(
  managementAccountId: string,
  managementPlanRole: string,
): PolicyDocument {
  return trustPolicy(
    "ManagementPlanRoleOnly",
    { AWS: `arn:aws:iam::${managementAccountId}:root` },
    "sts:AssumeRole",
    {
      ArnEquals: {
        "aws:PrincipalArn": roleArn({ accountId: managementAccountId, roleName: managementPlanRole }),
      },
    },
  );
}

/**
 * Data-plane reads ReadOnlyAccess grants (s3:Get*, dynamodb:Get*, Query and Scan, sqs:Receive*, kinesis:Get*,
 * athena:Get*, ssm:Get*, ec2:Get*) that no terraform plan of the landing zone makes: it reads configuration, never
 * items, objects, messages or parameters, nor a VPN connection's router configuration, which carries the tunnels'
 * pre-shared keys (GetVpnConnectionDeviceSampleConfiguration, HYBRID_DOCS.tunnelOptions). Each action is IAM's
 * (checked by make verify's known-actions rule).
 */
export const PLAN_READER_DENIED_DATA_READS = [
  "athena:GetQueryResults",
  "dynamodb:BatchGetItem",
  "dynamodb:GetItem",
  "dynamodb:GetRecords",
  "dynamodb:PartiQLSelect",
  "dynamodb:Query",
  "dynamodb:Scan",
  "ec2:GetVpnConnectionDeviceSampleConfiguration",
  "kinesis:GetRecords",
  "s3:GetObject",
  "s3:GetObjectVersion",
  "sqs:ReceiveMessage",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
] as const;

/**
 * The member plan reader's own policy beside ReadOnlyAccess: what a pull request's code holds in a member account.
 * The PHI denies PHIReadOnly carries (PHI keys but workload functions' environments, log events), and every data
 * read: a DynamoDB table or an SSE-S3
 * object is decrypted by its service without the caller's KMS permissions, so the key deny alone would not keep a
 * pull request from reading PHI stored there.
 */
export function planReaderPolicy(codeObjectArns: readonly string[] = []): PolicyDocument {
  const functionEnvironments = denyPhiKeyUseButFunctionEnvironments(
    `arn:aws:lambda:*:*:function:${WORKLOAD_PREFIX}*`,
  );
  const objectReads: readonly string[] = ["s3:GetObject"];
  return {
    Version: "2012-10-17",
    Statement: [
      // The PHI denies, but the key deny leaves Lambda the workload functions' environments, so that plans compare them.
      ...phiDataReadDenyStatements().flatMap((statement) =>
        statement.Sid === PHI_KEY_DENY_SID ? functionEnvironments : [statement],
      ),
      // Plans never read data; a pull request's code must not either (164.312(a)(1)).
      {
        Sid: "DenyDataReads",
        Effect: "Deny",
        Action:
          codeObjectArns.length > 0
            ? PLAN_READER_DENIED_DATA_READS.filter((action) => !objectReads.includes(action))
            : [...PLAN_READER_DENIED_DATA_READS],
        Resource: "*",
      },
      // ...but a plan refreshes the workload code it uploads for signing (the provider's HeadObject needs
      // s3:GetObject): that code is no PHI, and only its account's code buckets' unsigned objects are left out.
      ...(codeObjectArns.length > 0
        ? [
            {
              Sid: "DenyObjectReadsButWorkloadCode",
              Effect: "Deny" as const,
              Action: [...objectReads],
              NotResource: [...codeObjectArns],
            },
          ]
        : []),
    ],
  };
}
