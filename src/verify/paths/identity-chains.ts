// Who can become whom (164.312(a)(1) access control, 164.308(a)(4) information access management): every link of
// the pipeline's chain, decided against every layer: a GitHub OIDC token with each subject the workflows produce ->
// the management roles make bootstrap creates -> the member roles those may assume -> what that session may then
// do. A pull request must end read-only everywhere; only the release environments reach a deploy role.
import { logStreamArn } from "../../policies/arns";
import { AccessPath, ADMINISTRATOR_ACCESS, fromRole, PathContext, workloadAdminArn } from "./context";
import { tagContext } from "./account-keys";
import { NamedPolicy, PolicyDoc, SimulatedRequest } from "../simulator";
import {
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_URL,
  githubSubjects,
  memberDeployRoleTrustPolicy,
  pipelineRoleDocuments,
  PipelineRoleDocuments,
  RELEASE_ENVIRONMENTS,
} from "../../policies/pipeline-policies";
import { awsManaged } from "../managed-policies";

const GROUP = "Who can become whom";
const OIDC_DOC =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub";
const GITHUB_SUBJECT_DOC =
  "https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims";
const ASSUME_DOC =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";
const READ_ONLY_DOC = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html";
/** The prefix IAM gives the condition keys of GitHub's token. */
const CLAIM = GITHUB_OIDC_URL.replace(/^https:\/\//, "");

/** A pipeline role's identity policies: its AWS managed policy and its own. */
function pipelineIdentity(role: string, documents: PipelineRoleDocuments): NamedPolicy[] {
  return [
    awsManaged(documents.managedPolicyArn),
    ...(documents.own ? [{ name: `${role}/own`, policy: documents.own as PolicyDoc }] : []),
  ];
}

/** Every subject a job of the repository can carry, with the management role it must reach (if any). */
function subjectsToTry(repository: string, branch: string) {
  const other = `${repository.split("/")[0]}/another-repository`;
  return [
    { label: "pull-request", sub: `repo:${repository}:pull_request`, reaches: "plan" },
    { label: "release-branch", sub: `repo:${repository}:ref:refs/heads/${branch}`, reaches: "plan" },
    { label: "other-branch", sub: `repo:${repository}:ref:refs/heads/feature-x`, reaches: undefined },
    { label: "tag", sub: `repo:${repository}:ref:refs/tags/v1.0.0`, reaches: undefined },
    ...RELEASE_ENVIRONMENTS.map((env) => ({
      label: `environment-${env}`,
      sub: `repo:${repository}:environment:${env}`,
      reaches: "deploy",
    })),
    { label: "unlisted-environment", sub: `repo:${repository}:environment:preview`, reaches: undefined },
    { label: "other-repository", sub: `repo:${other}:pull_request`, reaches: undefined },
  ] as const;
}

/** What a member session must never do, by account: the harms the issue names, plus assuming the deploy role. */
function harms(ctx: PathContext, accountId: string, region: string) {
  const { model, index } = ctx;
  const org = ctx.config.organization;
  const ebs = model.resources("aws_ebs_default_kms_key").find((r) => model.accountOf(r) === accountId);
  const keyArn = ebs ? String(model.argument(ebs, "key_arn")) : undefined;
  const keyRef = keyArn
    ? model.resources("aws_kms_key").find((r) => model.attribute(r, "arn") === keyArn)
    : undefined;
  const out: Array<{
    label: string;
    action: string;
    resource: string;
    resourcePolicy?: () => PolicyDoc;
    context?: () => Record<string, string>;
  }> = [
    {
      label: "stop-trail",
      action: "cloudtrail:StopLogging",
      resource: `arn:aws:cloudtrail:${region}:${accountId}:trail/any`,
    },
    {
      label: "delete-recovery-point",
      action: "backup:DeleteRecoveryPoint",
      resource: `arn:aws:backup:${region}:${accountId}:recovery-point:any`,
    },
    {
      label: "read-log-events",
      action: "logs:GetLogEvents",
      resource: logStreamArn(region, accountId, "/aws/lambda/phi-app", "any"),
      context: () => ({ "aws:ResourceTag/DataClassification": "phi" }),
    },
    {
      label: "scan-a-table",
      action: "dynamodb:Scan",
      resource: `arn:aws:dynamodb:${region}:${accountId}:table/patients`,
    },
    {
      label: "read-an-object",
      action: "s3:GetObject",
      resource: `arn:aws:s3:::records-${accountId}/patient.json`,
    },
    {
      label: "become-deploy-role",
      action: "sts:AssumeRole",
      resource: `arn:aws:iam::${accountId}:role/${org.roles.deploy}`,
      resourcePolicy: () => memberDeployRoleTrustPolicy(model.managementAccountId()) as PolicyDoc,
    },
    {
      label: "attach-policy-to-itself",
      action: "iam:AttachRolePolicy",
      resource: `arn:aws:iam::${accountId}:role/${org.roles.plan}`,
    },
  ];
  if (keyArn && keyRef) {
    out.push(
      {
        label: "decrypt-account-key",
        action: "kms:Decrypt",
        resource: keyArn,
        resourcePolicy: () => index.keyPolicy(keyArn),
        context: () => ({ ...tagContext(ctx, keyRef), "kms:ViaService": `ec2.${region}.amazonaws.com` }),
      },
      {
        label: "change-key-policy",
        action: "kms:PutKeyPolicy",
        resource: keyArn,
        resourcePolicy: () => index.keyPolicy(keyArn),
        context: () => tagContext(ctx, keyRef),
      },
    );
  }
  return out;
}

/** The management pipeline roles' documents, as make bootstrap writes them. */
export type PipelineRoles = ReturnType<typeof pipelineRoleDocuments>;

/**
 * The pipeline roles make bootstrap creates for this configuration. They live in no synthesized stack (make
 * bootstrap synthesizes its own, once, with the caller's account), so they come from the function the bootstrap
 * stack builds them with, given the configuration's repository, branch, state bucket and role names.
 */
export function pipelineRolesOf(ctx: PathContext): PipelineRoles {
  const org = ctx.config.organization;
  const management = ctx.model.managementAccountId();
  const github = org.pipeline.github;
  return pipelineRoleDocuments(
    oidcProviderArn(management),
    githubSubjects(github?.repository ?? "unset/unset", github?.branch ?? "main", RELEASE_ENVIRONMENTS),
    {
      bucketArn: `arn:aws:s3:::${org.state.bucket}`,
      keyArn: `arn:aws:kms:${org.state.region}:${management}:key/00000000-0000-4000-8000-000000000000`,
    },
    org.roles.plan,
  );
}

/** The ARN IAM gives GitHub's OIDC provider in the management account. */
function oidcProviderArn(management: string): string {
  return `arn:aws:iam::${management}:oidc-provider/${CLAIM}`;
}

/**
 * The chain's paths; without pipeline.github only the member links (no OIDC roles exist to prove). `documents` is for
 * the tests, which put a defect back into the bootstrap's documents.
 */
export function identityChainPaths(
  ctx: PathContext,
  documents: PipelineRoles = pipelineRolesOf(ctx),
): AccessPath[] {
  const { model, index } = ctx;
  const org = ctx.config.organization;
  const region = org.homeRegion;
  const management = model.managementAccountId();
  const planArn = `arn:aws:iam::${management}:role/${org.roles.managementPlan}`;
  const deployArn = `arn:aws:iam::${management}:role/${org.roles.managementDeploy}`;
  const providerArn = oidcProviderArn(management);
  const github = org.pipeline.github;
  const out: AccessPath[] = [];

  // 1. GitHub's token -> the management roles: only the subjects make bootstrap names, each to its own role.
  if (github) {
    for (const subject of subjectsToTry(github.repository, github.branch)) {
      for (const [role, arn, docs] of [
        ["plan", planArn, documents.plan],
        ["deploy", deployArn, documents.deploy],
      ] as const) {
        out.push({
          id: `chain-oidc-${subject.label}-to-${role}-role`,
          group: GROUP,
          title: `A GitHub job with subject ${subject.sub} ${subject.reaches === role ? "assumes" : "cannot assume"} the management ${role} role`,
          expect: subject.reaches === role ? "allow" : "deny",
          doc: `${OIDC_DOC} ${GITHUB_SUBJECT_DOC}`,
          build: () => ({
            caller: { webIdentity: providerArn },
            context: {
              "aws:SecureTransport": "true",
              "aws:RequestedRegion": region,
              [`${CLAIM}:aud`]: GITHUB_OIDC_AUDIENCE,
              [`${CLAIM}:sub`]: subject.sub,
            },
            action: "sts:AssumeRoleWithWebIdentity",
            resource: arn,
            resourceAccount: management,
            resourcePolicy: docs.trust as PolicyDoc,
          }),
        });
      }
    }
  }

  // 2. The management roles -> each member account's roles; 3. the plan reader's session -> the harms.
  for (const account of ctx.accounts.slice(1)) {
    const readerArn = `arn:aws:iam::${account.id}:role/${org.roles.plan}`;
    const memberDeployArn = `arn:aws:iam::${account.id}:role/${org.roles.deploy}`;
    const assume = (
      from: string,
      identity: NamedPolicy[],
      target: string,
      trust: () => PolicyDoc,
    ): SimulatedRequest => ({
      ...fromRole(from, ctx.orgId, region),
      action: "sts:AssumeRole",
      resource: target,
      resourceAccount: account.id,
      identityPolicies: identity,
      resourcePolicy: trust(),
    });
    const links = [
      {
        id: `chain-plan-role-to-${account.name}-plan-reader`,
        title: `The management plan role assumes ${account.name}'s read-only plan role`,
        expect: "allow" as const,
        build: () =>
          assume(planArn, pipelineIdentity("plan", documents.plan), readerArn, () =>
            index.trustPolicy(readerArn),
          ),
      },
      {
        id: `chain-plan-role-to-${account.name}-deploy-role`,
        title: `The management plan role (pull requests) cannot assume ${account.name}'s deploy role`,
        expect: "deny" as const,
        build: () =>
          assume(
            planArn,
            pipelineIdentity("plan", documents.plan),
            memberDeployArn,
            () => memberDeployRoleTrustPolicy(management) as PolicyDoc,
          ),
      },
      {
        id: `chain-deploy-role-to-${account.name}-deploy-role`,
        title: `The management deploy role (release environments) assumes ${account.name}'s deploy role`,
        expect: "allow" as const,
        build: () =>
          assume(
            deployArn,
            pipelineIdentity("deploy", documents.deploy),
            memberDeployArn,
            () => memberDeployRoleTrustPolicy(management) as PolicyDoc,
          ),
      },
      {
        id: `chain-${account.name}-administrator-to-${account.name}-plan-reader`,
        title: `An administrator of ${account.name} cannot assume its plan role (only the management plan role may)`,
        expect: "deny" as const,
        build: () => ({
          ...assume(workloadAdminArn(account.id), [ADMINISTRATOR_ACCESS], readerArn, () =>
            index.trustPolicy(readerArn),
          ),
          scps: index.scpLevels(account.id),
        }),
      },
    ];
    for (const link of links) out.push({ ...link, group: GROUP, doc: ASSUME_DOC });

    const readerIdentity = (): NamedPolicy[] => [
      awsManaged(documents.plan.managedPolicyArn),
      ...index.rolePolicies(readerArn),
    ];
    for (const harm of harms(ctx, account.id, region)) {
      out.push({
        id: `chain-${account.name}-plan-reader-${harm.label}`,
        group: GROUP,
        title: `${account.name}'s plan role (what a pull request reaches) cannot ${harm.label.replace(/-/g, " ")}`,
        expect: "deny",
        doc: READ_ONLY_DOC,
        build: () => ({
          ...fromRole(readerArn, ctx.orgId, region, harm.context?.() ?? {}),
          action: harm.action,
          resource: harm.resource,
          resourceAccount: account.id,
          identityPolicies: readerIdentity(),
          resourcePolicy: harm.resourcePolicy?.(),
          scps: index.scpLevels(account.id),
        }),
      });
    }
    // What the role is for: terraform plan reads configuration (a key's policy, a VPC).
    out.push({
      id: `chain-${account.name}-plan-reader-reads-configuration`,
      group: GROUP,
      title: `${account.name}'s plan role reads configuration for a plan (ec2:DescribeVpcs)`,
      expect: "allow",
      doc: READ_ONLY_DOC,
      build: () => ({
        ...fromRole(readerArn, ctx.orgId, region),
        action: "ec2:DescribeVpcs",
        resource: "*",
        resourceAccount: account.id,
        identityPolicies: readerIdentity(),
        scps: index.scpLevels(account.id),
      }),
    });
  }
  return out;
}
