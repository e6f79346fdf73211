// The service control policy guardrail library: preventive controls for 164.312(a)(1) access control,
// 164.312(b) audit controls and 164.312(c)(1) integrity. Each policy renders to literal, minified JSON at synth.
import { logGroupArn } from "./arns";
import { DNS_FIREWALL_PROTECTED_ACTIONS } from "./dns-firewall";
import { LANDING_ZONE_VPC_PROTECTED_ACTIONS, TRANSIT_GATEWAY_PROTECTED_ACTIONS } from "./transit-gateway";
import { HYBRID_PROTECTED_ACTIONS, vpnTunnelLogGroupName } from "./hybrid-network";
import { INSPECTION_PROTECTED_ACTIONS } from "./inspection";
import { IPAM_PROTECTED_ACTIONS } from "./ipam";
import {
  LANDING_ZONE_POLICY_PATH,
  LANDING_ZONE_TAG,
  PolicyDocument,
  PolicyStatement,
} from "./policy-document";
import { HipaaSectionId } from "./hipaa-sections";
import { BAA_EXEMPT_ACTIONS, BAA_EXEMPT_SERVICES } from "./baa-services";
import { creationGuardrailStatements } from "./creation-guardrails";
import { DEFAULT_HOST_SETTING, SESSION_PREFERENCES_DOCUMENT, sessionLogGroupName } from "./session-manager";
import {
  API_CHANGE_ACTIONS,
  WORKLOAD_FUNCTION_CHANGE_ACTIONS,
  WORKLOAD_LOG_GROUP_PATTERNS,
  WORKLOAD_PREFIX,
  WORKLOAD_ROLE_PATH,
  WORKLOAD_TAG,
} from "./workload";
import { SIGNING_PROFILE_CHANGE_ACTIONS, SIGNING_PROFILE_PREFIX } from "./workload-code-signing";

/** The guardrail policies, by name. The names are also the policies' names in AWS Organizations. */
export const GUARDRAIL_NAMES = [
  "lz-core-guardrails",
  "lz-protect-security-services",
  "lz-protect-kms-keys",
  "lz-protect-network",
  "lz-deny-unapproved-regions",
  "lz-deny-iam-users",
  "lz-deny-all",
  "lz-phi-workloads",
  "lz-phi-creation",
] as const;

export type GuardrailName = (typeof GUARDRAIL_NAMES)[number];

/** What the library needs from the configuration to render its policies. */
export interface GuardrailContext {
  /** The governed regions; requests to any other region are denied. */
  readonly regions: readonly string[];
  /** The role the landing-zone pipeline assumes in member accounts. */
  readonly deployRoleName: string;
  /**
   * The emergency-access role's name: exempt, but created by no stack, and in member accounts only the pipeline may
   * create, change or assume a role of that name (ProtectLandingZoneRoles).
   */
  readonly breakGlassRoleName: string;
  /**
   * The services the BAA list allows (src/config/model.ts baaServicePrefixes: AWS's list unless configured): in OUs
   * that allow PHI everything else is denied. @default none: no service is denied for being off the list
   */
  readonly baaServices?: readonly string[];
  /**
   * The landing zone's roles in member accounts through which AWS services act (AWS Backup's, EventBridge's, S3
   * replication's): exempt from the BAA deny beside the pipeline and break-glass roles, so backups, alerts and the
   * archive replica keep working for a service taken off the list later. Protected whether or not the list is set
   * (ProtectLandingZoneRoles), since key policies name some of them too. @default none
   */
  readonly serviceRoleNames?: readonly string[];
  /**
   * The read-only plan role in member accounts (`roles.plan`): protected like the exempt names, never exempt, so no
   * account administrator can widen what a pull request holds there. @default none
   */
  readonly planRoleName?: string;
  /**
   * The accounts whose environment requires Lambda code signing (`codeSigning: required`, the default where
   * phi: true): lz-phi-creation refuses them a function without a code-signing configuration. @default none
   */
  readonly codeSigningAccountIds?: readonly string[];
}

/**
 * A rendered guardrail (an SCP, or an RCP from src/policies/rcp-library.ts): its document plus where it is attached
 * unless the configuration says otherwise.
 */
export interface Guardrail<N extends string = GuardrailName> {
  /** The policy's name in AWS Organizations. */
  readonly name: N;
  /** The policy's description in AWS Organizations. */
  readonly description: string;
  /** The HIPAA Security Rule sections the policy serves. */
  readonly hipaa: readonly HipaaSectionId[];
  /** Targets (Root or OU paths) the policy is attached to by default. */
  readonly defaultTargets: readonly string[];
  /** The policy document. */
  readonly document: PolicyDocument;
}

/**
 * Stands, in a default attachment, for every topmost OU that allows PHI (`allowPhi`, the Suspended OU excepted);
 * the configuration expands it (src/config/model.ts, guardrailAttachments).
 */
export const PHI_OUS = "every OU that allows PHI";

/**
 * Default attachments. Root carries five guardrails and FullAWSAccess, six of AWS's ten per target
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html); OUs below inherit them
 * without using their own quota.
 */
export const DEFAULT_GUARDRAIL_TARGETS: Readonly<Record<GuardrailName, readonly string[]>> = {
  "lz-core-guardrails": ["Root"],
  "lz-protect-security-services": ["Root"],
  "lz-protect-kms-keys": ["Root"],
  "lz-protect-network": ["Root"],
  "lz-deny-unapproved-regions": ["Root"],
  "lz-deny-iam-users": ["Workloads"],
  "lz-deny-all": ["Suspended"],
  "lz-phi-workloads": [PHI_OUS],
  "lz-phi-creation": [PHI_OUS],
};

/**
 * Services whose actions are global, or are served from us-east-1 or us-west-2 whatever the caller's region, so
 * a region deny must not cover them. This is AWS Control Tower's published region-deny exemption list (control
 * GRREGIONDENY), minus prefixes IAM no longer knows; the unit tests check every entry against IAM's action data.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  "access-analyzer:*",
  "account:*",
  "acm:*",
  "activate:*",
  "artifact:*",
  "aws-marketplace-management:*",
  "aws-marketplace:*",
  "aws-portal:*",
  "billing:*",
  "billingconductor:*",
  "budgets:*",
  "ce:*",
  "chatbot:*",
  "chime:*",
  "cloudfront:*",
  "cloudtrail:LookupEvents",
  "compute-optimizer:*",
  "config:*",
  "consolidatedbilling:*",
  "cur:*",
  "datapipeline:GetAccountLimits",
  "devicefarm:*",
  "directconnect:*",
  "ec2:DescribeRegions",
  "ec2:DescribeTransitGateways",
  "ec2:DescribeVpnGateways",
  "ecr-public:*",
  "fms:*",
  "freetier:*",
  "globalaccelerator:*",
  "health:*",
  "iam:*",
  "importexport:*",
  "invoicing:*",
  "kms:*",
  "license-manager:ListReceivedLicenses",
  "lightsail:Get*",
  "networkmanager:*",
  "notifications:*",
  "notifications-contacts:*",
  "organizations:*",
  "payments:*",
  "pricing:*",
  "quicksight:DescribeAccountSubscription",
  "resource-explorer-2:*",
  "route53:*",
  "route53domains:*",
  "route53-recovery-cluster:*",
  "route53-recovery-control-config:*",
  "route53-recovery-readiness:*",
  "s3:CreateMultiRegionAccessPoint",
  "s3:DeleteMultiRegionAccessPoint",
  "s3:DescribeMultiRegionAccessPointOperation",
  "s3:GetAccountPublicAccessBlock",
  "s3:GetBucketLocation",
  "s3:GetBucketPolicyStatus",
  "s3:GetBucketPublicAccessBlock",
  "s3:GetMultiRegionAccessPoint",
  "s3:GetMultiRegionAccessPointPolicy",
  "s3:GetMultiRegionAccessPointPolicyStatus",
  "s3:GetStorageLensConfiguration",
  "s3:GetStorageLensDashboard",
  "s3:ListAllMyBuckets",
  "s3:ListMultiRegionAccessPoints",
  "s3:ListStorageLensConfigurations",
  "s3:PutAccountPublicAccessBlock",
  "s3:PutMultiRegionAccessPointPolicy",
  "savingsplans:*",
  "shield:*",
  "sso:*",
  "sts:*",
  "support:*",
  "supportapp:*",
  "supportplans:*",
  "sustainability:*",
  "tag:GetResources",
  "tax:*",
  "trustedadvisor:*",
  "vendor-insights:ListEntitledSecurityProfiles",
  "waf-regional:*",
  "waf:*",
  "wafv2:*",
];

/**
 * ARN patterns of the principals the protective guardrails exempt: the pipeline and emergency access. Each is
 * protected in lz-core-guardrails, so no account administrator can make a role that matches one.
 */
export function exemptPrincipalArns(ctx: GuardrailContext): string[] {
  return [
    `arn:aws:iam::*:role/${ctx.deployRoleName}`,
    `arn:aws:iam::*:role/${ctx.breakGlassRoleName}`,
    // The BreakGlass permission set's role, which Identity Center names AWSReservedSSO_BreakGlass_<suffix>.
    "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*",
  ];
}

/**
 * The role names the guardrails protect: every name an SCP exempts (the pipeline's, break-glass, and the service
 * roles the BAA deny exempts) and that key policies name, and the plan role pull requests reach. Each is created only by the pipeline, or by AWS
 * Organizations and the lz-deploy-role StackSet for the deploy role (docs/controls.md, "Protected role names").
 */
export function protectedRoleNames(ctx: GuardrailContext): string[] {
  return [
    ...new Set([
      ctx.deployRoleName,
      ctx.breakGlassRoleName,
      ...(ctx.serviceRoleNames ?? []),
      ...(ctx.planRoleName ? [ctx.planRoleName] : []),
    ]),
  ];
}

/**
 * The name prefix of the role through which a service-managed CloudFormation StackSet deploys in a member account;
 * AWS's StackSets service-linked role creates it (the AWS managed policy
 * CloudFormationStackSetsOrgMemberServiceRolePolicy allows iam:CreateRole on role/stacksets-exec-*).
 */
export const STACKSETS_EXECUTION_ROLE_PREFIX = "stacksets-exec-";

/**
 * The sessions that may create and change the protected roles: the pipeline's deploy role, and the StackSets
 * execution role, through which the lz-deploy-role StackSet creates the deploy role in invited accounts
 * (modules/deploy-role-stack-set.ts). Nobody else may create a role of either name (ProtectLandingZoneRoles,
 * ProtectServiceManagedRoles), so neither can be forged.
 */
export function pipelineArns(ctx: GuardrailContext): string[] {
  return [
    `arn:aws:iam::*:role/${ctx.deployRoleName}`,
    `arn:aws:iam::*:role/${STACKSETS_EXECUTION_ROLE_PREFIX}*`,
  ];
}

/** What changes a role's identity or permissions: denied on the protected roles to all but the pipeline. */
export const PROTECTED_ROLE_ACTIONS = [
  "iam:AttachRolePolicy",
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:DeleteRolePermissionsBoundary",
  "iam:DeleteRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:PutRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
] as const;

/** What would delete a log group, take its key away or shorten what it keeps. */
const LOG_GROUP_PROTECTED_ACTIONS = [
  "logs:AssociateKmsKey",
  "logs:DeleteLogGroup",
  "logs:DeleteRetentionPolicy",
  "logs:DisassociateKmsKey",
  "logs:PutRetentionPolicy",
];

/** A log group name pattern as the ARNs IAM matches: the group, and the group with its streams (`:*`). */
function logGroupArns(pattern: string): string[] {
  const group = logGroupArn("*", "*", pattern);
  return [group, `${group}:*`];
}

function unlessExempt(ctx: GuardrailContext) {
  return { ArnNotLike: { "aws:PrincipalARN": exemptPrincipalArns(ctx) } };
}

/**
 * The exemption of the statements AWS services act through the landing zone's service roles for (AWS Backup's
 * restores and copies, EventBridge's alerts, S3 replication): the pipeline, break-glass and those roles, each
 * protected by ProtectLandingZoneRoles so no administrator can mint one.
 */
function unlessExemptOrServiceRole(ctx: GuardrailContext) {
  return {
    ArnNotLike: {
      "aws:PrincipalARN": [
        ...exemptPrincipalArns(ctx),
        ...(ctx.serviceRoleNames ?? []).map((name) => `arn:aws:iam::*:role/${name}`),
      ],
    },
  };
}

function document(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

function coreGuardrails(ctx: GuardrailContext): PolicyDocument {
  return document(
    // An account that leaves the organization leaves every guardrail, the trail and the log archive with it.
    {
      Sid: "DenyLeaveOrganization",
      Effect: "Deny",
      Action: "organizations:LeaveOrganization",
      Resource: "*",
    },
    // The root user is shared, unattributable and bypasses Identity Center MFA (164.312(a)(2)(i), (d)); member
    // accounts never need it for daily work. The few root-only tasks (unlocking a bucket or queue policy that
    // denies everyone, auditing or deleting root credentials) run in a 15-minute session from `sts:AssumeRoot`,
    // called from the management account and scoped by an AWS task policy; such a session carries
    // aws:AssumedRoot, so this deny leaves it alone while every root sign-in stays denied. This is AWS's published
    // example (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html; the SCP
    // "Prevent root credentials management in member accounts" in aws-samples/service-control-policy-examples).
    {
      Sid: "DenyRootUser",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: {
        ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" },
        Null: { "aws:AssumedRoot": "true" },
      },
    },
    // A role name an SCP exempts or a key policy names (the pipeline's, break-glass, the landing zone's service
    // roles) is only as safe as the question who may hold it: an account administrator who created such a role, or
    // changed its trust, policies or tags, or assumed it, would step outside every guardrail that exempts the name
    // and into every key policy that names it. So only the pipeline creates, changes, deletes or assumes one, at the
    // root path (the only one an exemption matches) or any other (role names are unique in an account, so a squatter
    // elsewhere would block the pipeline's). AWS's example "Prevent IAM users and roles from making specified
    // changes, with an exception for a specified admin role"
    // (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html),
    // with iam:CreateRole, iam:TagRole, iam:UntagRole and sts:AssumeRole as in aws-samples/service-control-policy-
    // examples Privileged-access-controls/Deny-modifications-to-specific-IAM-roles.json. An SCP limits the caller:
    // those who legitimately assume these roles are AWS services and the pipeline's management-account roles, which
    // no SCP limits, so the deny refuses only member-account principals. iam:PassRole stays allowed: a service can
    // then act only as the role's trust admits and with the permissions this statement and the next one freeze.
    {
      Sid: "ProtectLandingZoneRoles",
      Effect: "Deny",
      Action: [...PROTECTED_ROLE_ACTIONS, "sts:AssumeRole"],
      Resource: protectedRoleNames(ctx).flatMap((name) => [
        `arn:aws:iam::*:role/${name}`,
        `arn:aws:iam::*:role/*/${name}`,
      ]),
      Condition: { ArnNotLike: { "aws:PrincipalARN": pipelineArns(ctx) } },
    },
    // A workload's function acts as its execution role, which alone reaches the workload's table, queues and key
    // (docs/workloads.md): whoever could change the function's code or configuration, or pass, assume or change its
    // role, would become the role. So only the pipeline does either (break-glass too is refused: it reaches the
    // data as itself), for every function named
    // with the blueprint's prefix (reserved for it) and every role under its path; invoking the function stays open.
    // An SCP limits member-account principals only; Lambda assumes the role as a service, which no SCP limits.
    {
      Sid: "ProtectWorkloadFunctions",
      Effect: "Deny",
      Action: [...WORKLOAD_FUNCTION_CHANGE_ACTIONS],
      Resource: `arn:aws:lambda:*:*:function:${WORKLOAD_PREFIX}*`,
      Condition: { ArnNotLike: { "aws:PrincipalARN": pipelineArns(ctx) } },
    },
    // Passing the execution role to a function of one's own, rewriting its trust or policies, or assuming it would
    // make the caller the role as surely as changing the function's code.
    {
      Sid: "ProtectWorkloadRoles",
      Effect: "Deny",
      Action: [...PROTECTED_ROLE_ACTIONS, "iam:PassRole", "sts:AssumeRole"],
      Resource: `arn:aws:iam::*:role${WORKLOAD_ROLE_PATH}*`,
      Condition: { ArnNotLike: { "aws:PrincipalARN": pipelineArns(ctx) } },
    },
    // Where code signing is required, Lambda runs only code the workload's Signer profile signed: whoever could sign
    // with it, or grant others to, would have their code trusted as the pipeline's (deploying it stays refused by
    // ProtectWorkloadFunctions). Signer's profile names are the blueprint's (SIGNING_PROFILE_PREFIX, reserved).
    {
      Sid: "ProtectWorkloadSigning",
      Effect: "Deny",
      Action: [...SIGNING_PROFILE_CHANGE_ACTIONS],
      Resource: `arn:aws:signer:*:*:/signing-profiles/${SIGNING_PROFILE_PREFIX}*`,
      Condition: { ArnNotLike: { "aws:PrincipalARN": pipelineArns(ctx) } },
    },
    // A workload's API decides who reaches its function and what its logs keep: whoever could change its policy,
    // method, integration, stage or method settings could let others in, point it at another function or turn on
    // the data trace that logs bodies. API Gateway authorizes a change to any part of an API by the API's tags
    // ("inherited by the following child resources of that RestApi for attribute-based access control",
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-tagging-supported-resources.html).
    {
      Sid: "ProtectWorkloadApis",
      Effect: "Deny",
      Action: [...API_CHANGE_ACTIONS],
      Resource: "arn:aws:apigateway:*::/restapis/*",
      Condition: {
        Null: { [`aws:ResourceTag/${WORKLOAD_TAG}`]: "false" },
        ArnNotLike: { "aws:PrincipalARN": pipelineArns(ctx) },
      },
    },
    // Removing that tag would lift the deny above.
    {
      Sid: "ProtectWorkloadApiTag",
      Effect: "Deny",
      Action: "apigateway:DELETE",
      Resource: "arn:aws:apigateway:*::/tags/*",
      Condition: {
        "ForAnyValue:StringEquals": { "aws:TagKeys": [WORKLOAD_TAG] },
        ArnNotLike: { "aws:PrincipalARN": pipelineArns(ctx) },
      },
    },
    // The customer managed policies attached to those roles (the /landing-zone/ path, modules/role-permissions.ts)
    // are their permissions: a new default version widens a role as surely as attaching a policy would. AWS's
    // example aws-samples/service-control-policy-examples
    // Protect-cloud-platform-resource/Restrict-deletion-and-modification-of-privileged-policies.json.
    {
      Sid: "ProtectLandingZonePolicies",
      Effect: "Deny",
      Action: [
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
      ],
      Resource: `arn:aws:iam::*:policy${LANDING_ZONE_POLICY_PATH}*`,
      Condition: { ArnNotLike: { "aws:PrincipalARN": pipelineArns(ctx) } },
    },
    // The BreakGlass exemption matches Identity Center's reserved path, and the StackSets exemption above the
    // execution role's name: both are made by AWS services through their service-linked roles, which no SCP
    // restricts ("SCPs do not affect any service-linked role",
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html). IAM documents no
    // rule that stops a customer from creating a role under /aws-reserved/, so nobody in a member account may
    // create, change or delete a role there or under those names: an administrator cannot forge either exemption.
    {
      Sid: "ProtectServiceManagedRoles",
      Effect: "Deny",
      Action: [...PROTECTED_ROLE_ACTIONS],
      Resource: [
        "arn:aws:iam::*:role/aws-reserved/*",
        `arn:aws:iam::*:role/${STACKSETS_EXECUTION_ROLE_PREFIX}*`,
      ],
    },
    // Identity Center's roles trust its SAML provider (AWSSSO_...); whoever rewrote the provider's metadata could
    // sign in as AWSReservedSSO_BreakGlass_* without Identity Center. AWS's example aws-samples/service-control-
    // policy-examples Deny-changes-to-security-services/Deny-SAML-provider-changes-for-AWS-IAM-Identity-Center.json,
    // with CreateSAMLProvider so nobody prepares one under that name before Identity Center does.
    {
      Sid: "ProtectIdentityCenterSamlProviders",
      Effect: "Deny",
      Action: ["iam:CreateSAMLProvider", "iam:DeleteSAMLProvider", "iam:UpdateSAMLProvider"],
      Resource: "arn:aws:iam::*:saml-provider/AWSSSO_*",
    },
  );
}

function protectSecurityServices(ctx: GuardrailContext): PolicyDocument {
  return document(
    // The trail is the audit record (164.312(b)); stopping or reshaping it leaves gaps an auditor will find.
    {
      Sid: "DenyCloudTrailChanges",
      Effect: "Deny",
      Action: [
        "cloudtrail:DeleteTrail",
        "cloudtrail:PutEventSelectors",
        "cloudtrail:PutInsightSelectors",
        "cloudtrail:StopLogging",
        "cloudtrail:UpdateTrail",
      ],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // GuardDuty is threat detection for activity review (164.308(a)(1)(ii)(D)); filters can silently archive findings.
    {
      Sid: "DenyGuardDutyChanges",
      Effect: "Deny",
      Action: [
        "guardduty:CreateFilter",
        "guardduty:DeleteDetector",
        "guardduty:DeleteMembers",
        "guardduty:DeletePublishingDestination",
        "guardduty:DisassociateFromAdministratorAccount",
        "guardduty:DisassociateFromMasterAccount",
        "guardduty:DisassociateMembers",
        "guardduty:StopMonitoringMembers",
        "guardduty:UpdateDetector",
        "guardduty:UpdateFilter",
        "guardduty:UpdatePublishingDestination",
      ],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // Config records configuration history and evaluates the HIPAA conformance pack (164.312(b)).
    {
      Sid: "DenyConfigChanges",
      Effect: "Deny",
      Action: [
        "config:DeleteAggregationAuthorization",
        "config:DeleteConfigRule",
        "config:DeleteConfigurationAggregator",
        "config:DeleteConfigurationRecorder",
        "config:DeleteConformancePack",
        "config:DeleteDeliveryChannel",
        "config:DeleteEvaluationResults",
        "config:DeleteRetentionConfiguration",
        "config:PutConfigurationRecorder",
        "config:PutDeliveryChannel",
        "config:StopConfigurationRecorder",
      ],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // Security Hub aggregates findings for review; leaving it or disabling standards hides them.
    {
      Sid: "DenySecurityHubChanges",
      Effect: "Deny",
      Action: [
        "securityhub:BatchDisableStandards",
        "securityhub:DeleteMembers",
        "securityhub:DisableImportFindingsForProduct",
        "securityhub:DisableSecurityHub",
        "securityhub:DisassociateFromAdministratorAccount",
        "securityhub:DisassociateFromMasterAccount",
        "securityhub:DisassociateMembers",
      ],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // Access Analyzer reports external access to PHI stores (164.312(a)(1)); archive rules can hide its findings.
    {
      Sid: "DenyAccessAnalyzerChanges",
      Effect: "Deny",
      Action: [
        "access-analyzer:ApplyArchiveRule",
        "access-analyzer:CreateArchiveRule",
        "access-analyzer:DeleteAnalyzer",
        "access-analyzer:UpdateArchiveRule",
      ],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // Inspector's scanning is the vulnerability half of the risk analysis (164.308(a)(1)(ii)(A)): turning a scan type
    // off, dropping a member, changing auto-enable or a suppression filter would hide vulnerabilities (designating
    // and removing the administrator are management-account calls, which no SCP binds). Actions from the Service
    // Authorization Reference (none takes a resource or a service key, so Resource "*"):
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoninspector2.html
    {
      Sid: "DenyInspectorChanges",
      Effect: "Deny",
      Action: [
        "inspector2:CreateFilter",
        "inspector2:DeleteFilter",
        "inspector2:Disable",
        "inspector2:DisassociateMember",
        "inspector2:UpdateConfiguration",
        "inspector2:UpdateFilter",
        "inspector2:UpdateOrganizationConfiguration",
      ],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // Session Manager's preferences are what make every session logged, encrypted and ended when idle (164.312(b),
    // 164.312(a)(2)(iii)): editing or replacing the document, resetting Default Host Management, or deleting, re-keying
    // or shortening the session log group would switch that off in an account. Resource types and ARNs from the
    // Service Authorization Reference (list_awssystemsmanager.html, list_amazoncloudwatchlogs.html).
    {
      Sid: "DenySessionLoggingChanges",
      Effect: "Deny",
      Action: [
        "ssm:CreateDocument",
        "ssm:DeleteDocument",
        "ssm:ModifyDocumentPermission",
        "ssm:UpdateDocument",
        "ssm:UpdateDocumentDefaultVersion",
        "ssm:ResetServiceSetting",
        "ssm:UpdateServiceSetting",
        ...LOG_GROUP_PROTECTED_ACTIONS,
      ],
      Resource: [
        `arn:aws:ssm:*:*:document/${SESSION_PREFERENCES_DOCUMENT}`,
        `arn:aws:ssm:*:*:servicesetting${DEFAULT_HOST_SETTING}`,
        ...logGroupArns(sessionLogGroupName("*")),
      ],
      Condition: unlessExempt(ctx),
    },
    // A workload's logs are the record of its calls (164.312(b)): deleting, re-keying or shortening its log groups,
    // or pointing the account's API Gateway logging setting at another role, would stop or lose that record
    // silently (API Gateway recreates a deleted execution log group unencrypted and kept forever). The /account
    // resource and the log-group ARNs are the Service Authorization Reference's (list_amazonapigatewaymanagement.html,
    // list_amazoncloudwatchlogs.html).
    {
      Sid: "DenyWorkloadLoggingChanges",
      Effect: "Deny",
      Action: ["apigateway:PATCH", ...LOG_GROUP_PROTECTED_ACTIONS],
      Resource: ["arn:aws:apigateway:*::/account", ...WORKLOAD_LOG_GROUP_PATTERNS.flatMap(logGroupArns)],
      Condition: unlessExempt(ctx),
    },
    // Flow logs are the network audit record for PHI VPCs (164.312(b)).
    {
      Sid: "DenyFlowLogDeletion",
      Effect: "Deny",
      Action: "ec2:DeleteFlowLogs",
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // EBS default encryption keeps every new volume encrypted at rest (164.312(a)(2)(iv)).
    {
      Sid: "DenyEbsDefaultEncryptionChanges",
      Effect: "Deny",
      Action: [
        "ec2:DisableEbsEncryptionByDefault",
        "ec2:ModifyEbsDefaultKmsKeyId",
        "ec2:ResetEbsDefaultKmsKeyId",
      ],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // The account-level public access block is the backstop against a PHI bucket made public (164.312(a)(1)).
    // PutAccountPublicAccessBlock also authorizes DeletePublicAccessBlock at account level.
    {
      Sid: "DenyS3PublicAccessBlockChanges",
      Effect: "Deny",
      Action: "s3:PutAccountPublicAccessBlock",
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
  );
}

/** What lz-protect-kms-keys denies on AWS Backup vaults and recovery points outside the pipeline. */
export const BACKUP_DELETION_ACTIONS = [
  "backup:DeleteBackupVault",
  "backup:DeleteBackupVaultAccessPolicy",
  "backup:DeleteBackupVaultLockConfiguration",
  "backup:DeleteRecoveryPoint",
  "backup:PutBackupVaultAccessPolicy",
  "backup:PutBackupVaultLockConfiguration",
  "backup:UpdateRecoveryPointLifecycle",
] as const;

/**
 * lz-protect-network: what keeps the environments' networks apart and watched (164.312(a)(1), 164.312(e)(1),
 * 164.308(a)(5)(ii)(B)): DNS Firewall, the hub's segments, the on-premises side, inspected egress and the address
 * plan change only through the pipeline. Split from lz-protect-security-services, which with the longest names outgrew AWS's
 * 10,240 characters.
 */
function protectNetwork(ctx: GuardrailContext): PolicyDocument {
  return document(
    // DNS Firewall keeps PHI VPCs from resolving known malware and command-and-control domains, and the query log
    // records each block (164.308(a)(5)(ii)(B), 164.312(b)): only the pipeline changes the association, the rules,
    // the fail-closed setting or the query log. The Resolver's ARNs carry IDs, not names, so every resource
    // (DNS_FIREWALL_DOCS.actions in dns-firewall.ts).
    {
      Sid: "DenyDnsFirewallChanges",
      Effect: "Deny",
      Action: [...DNS_FIREWALL_PROTECTED_ACTIONS],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // The hub's segments keep prod and non-prod apart (164.312(a)(1), 164.312(e)(1)): only the pipeline associates,
    // propagates, routes or accepts on a Transit Gateway, changes its options or deletes a route table. The EC2 ARNs
    // carry IDs, not names, so every resource (TRANSIT_GATEWAY_DOCS.actions in transit-gateway.ts).
    {
      Sid: "DenyTransitGatewayChanges",
      Effect: "Deny",
      Action: [...TRANSIT_GATEWAY_PROTECTED_ACTIONS],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // On-premises reaches only the segments the configuration allows, over tunnels of IKEv2 and AES-256 only
    // (164.312(e)(1), 164.312(e)(2)(ii)): only the pipeline creates a VPN connection (to the hub, or to a virtual
    // private gateway beside it), changes one's customer gateway, tunnel crypto or routes, associates a Direct
    // Connect gateway with the hub and sets what it advertises, or forwards a VPC's lookups (Resolver rules and
    // endpoints). IDs again, so every resource (HYBRID_DOCS.ec2Actions, HYBRID_DOCS.dxActions in hybrid-network.ts).
    {
      Sid: "DenyHybridNetworkChanges",
      Effect: "Deny",
      Action: [...HYBRID_PROTECTED_ACTIONS],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // The VPN tunnels' activity log is the record of who negotiated with the hub and when (164.312(b)): deleting,
    // re-keying or shortening its log group, deleting a tunnel's stream or writing events of one's own into it would
    // lose or forge it (the log delivery service writes it, and SCPs do not apply to service principals); the
    // tunnels' own logging options are ModifyVpnTunnelOptions, denied above (HYBRID_DOCS.tunnelLogs; log-group and
    // log-stream ARNs from list_amazoncloudwatchlogs.html).
    {
      Sid: "DenyVpnTunnelLogChanges",
      Effect: "Deny",
      Action: [
        ...LOG_GROUP_PROTECTED_ACTIONS,
        "logs:CreateLogStream",
        "logs:DeleteLogStream",
        "logs:PutLogEvents",
      ],
      Resource: logGroupArns(vpnTunnelLogGroupName("*")),
      Condition: unlessExempt(ctx),
    },
    // The inspection firewall is the environments' one way out (164.312(e)(1), 164.312(b)): only the pipeline
    // changes its allow-list, policy, subnets or logging, or deletes it (INSPECTION_DOCS.actions in inspection.ts).
    {
      Sid: "DenyEgressInspectionChanges",
      Effect: "Deny",
      Action: [...INSPECTION_PROTECTED_ACTIONS],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // A landing-zone VPC (every environment's, the resolver's, the inspection VPC) routes and filters only as the
    // configuration says (164.312(e)(1), 164.312(a)(1)): outside the pipeline nobody changes its routes, route
    // tables or their subnets' associations, network ACLs, attaches an internet or egress-only gateway to it, makes
    // its subnets hand out public addresses, or removes the tags this deny keys on. Every stack tags what it creates
    // LandingZone=<organization> (provider default tags); an administrator's own VPCs stay theirs.
    {
      Sid: "DenyLandingZoneVpcChanges",
      Effect: "Deny",
      Action: [...LANDING_ZONE_VPC_PROTECTED_ACTIONS],
      Resource: "*",
      Condition: { Null: { [`aws:ResourceTag/${LANDING_ZONE_TAG}`]: "false" }, ...unlessExempt(ctx) },
    },
    // The address plan keeps every VPC's range its own (164.312(a)(1), 164.312(e)(1)): only the pipeline creates or
    // changes an IPAM, its pools, their CIDRs and allocations, or its delegation; releasing an environment's
    // allocation would let its range be handed to another VPC (IPAM_DOCS.overview in ipam.ts).
    {
      Sid: "DenyAddressPlanChanges",
      Effect: "Deny",
      Action: [...IPAM_PROTECTED_ACTIONS],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
  );
}

/** What lz-protect-kms-keys denies on backup plans, selections and restore tests outside the pipeline. */
export const BACKUP_PLAN_CHANGE_ACTIONS = [
  "backup:DeleteBackupPlan",
  "backup:DeleteBackupSelection",
  "backup:DeleteRestoreTestingPlan",
  "backup:DeleteRestoreTestingSelection",
  "backup:UpdateBackupPlan",
  "backup:UpdateRestoreTestingPlan",
  "backup:UpdateRestoreTestingSelection",
] as const;

function protectKmsKeys(ctx: GuardrailContext): PolicyDocument {
  return document(
    // A deleted or disabled key makes everything it encrypted unreadable: PHI and the audit record alike
    // (164.312(a)(2)(iv), (c)(1)). Only the pipeline and break-glass may do it, and key policies say the same.
    {
      Sid: "DenyKmsKeyDeletionAndDisable",
      Effect: "Deny",
      Action: [
        "kms:DeleteImportedKeyMaterial",
        "kms:DisableKey",
        "kms:DisableKeyRotation",
        "kms:ScheduleKeyDeletion",
      ],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // A key policy is the key's access list; changing it outside the pipeline bypasses review.
    {
      Sid: "DenyKmsKeyPolicyChanges",
      Effect: "Deny",
      Action: "kms:PutKeyPolicy",
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // Backups are the data backup plan (164.308(a)(7)(ii)(A)): deleting a vault or recovery point, shortening a
    // recovery point's lifecycle, or removing a vault's lock or access policy is what ransomware does first. Vault
    // Lock and the vault policies refuse most of it already; this denies the attempt to anyone but the pipeline.
    {
      Sid: "DenyBackupDeletion",
      Effect: "Deny",
      Action: [...BACKUP_DELETION_ACTIONS],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
    // Plans, selections and restore tests come from the pipeline and the organization's backup policies; a
    // change made by hand would silently stop backups or restore tests.
    {
      Sid: "DenyBackupPlanChanges",
      Effect: "Deny",
      Action: [...BACKUP_PLAN_CHANGE_ACTIONS],
      Resource: "*",
      Condition: unlessExempt(ctx),
    },
  );
}

function denyUnapprovedRegions(ctx: GuardrailContext): PolicyDocument {
  return document(
    // PHI must live only where the landing zone governs it: detectors, recorders and trails run in the governed
    // regions alone, so any other region would be unmonitored (164.312(a)(1), (b)).
    {
      Sid: "DenyOutsideGovernedRegions",
      Effect: "Deny",
      NotAction: GLOBAL_SERVICE_ACTIONS,
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:RequestedRegion": [...ctx.regions] },
        ...unlessExempt(ctx),
      },
    },
  );
}

function denyIamUsers(): PolicyDocument {
  return document(
    // People reach workload accounts through Identity Center, with MFA and short sessions (164.312(a)(2)(i),
    // (a)(2)(iii), (d)); IAM users and long-lived access keys bypass all three.
    {
      Sid: "DenyIamUsers",
      Effect: "Deny",
      Action: ["iam:CreateLoginProfile", "iam:CreateUser", "iam:UpdateLoginProfile"],
      Resource: "*",
    },
    // Long-lived keys leak into code and laptops and are not tied to a person's session.
    { Sid: "DenyAccessKeys", Effect: "Deny", Action: "iam:CreateAccessKey", Resource: "*" },
  );
}

function denyAll(): PolicyDocument {
  return document(
    // Suspended accounts are kept, never closed, so their data and logs survive; nothing may run in them.
    { Sid: "DenyEverything", Effect: "Deny", Action: "*", Resource: "*" },
  );
}

/** The Sid of the deny of every service hipaaEligibleServices does not list (make verify names the fix by it). */
export const BAA_DENY_SID = "DenyServicesOutsideTheBaa";

/** The BAA statement of lz-phi-workloads, present whenever the context lists services (AWS's list by default). */
function denyServicesOutsideTheBaa(ctx: GuardrailContext): PolicyStatement[] {
  if (!ctx.baaServices || ctx.baaServices.length === 0) return [];
  const allowed = [...new Set([...ctx.baaServices, ...BAA_EXEMPT_SERVICES.map((s) => s.prefix)])].sort();
  return [
    // Only services the team's BAA review cleared may hold PHI (164.308(b)(1)): deny every other one to everyone
    // but the landing zone's own roles, which must keep deploying and protecting the account, leaving the few
    // services no account can work without (BAA_EXEMPT_SERVICES).
    {
      Sid: BAA_DENY_SID,
      Effect: "Deny",
      NotAction: [
        ...allowed.map((prefix) => `${prefix}:*`),
        // Metadata reads the read-only plan role needs of services outside the list (BAA_EXEMPT_ACTIONS).
        ...BAA_EXEMPT_ACTIONS.map((exempt) => exempt.action),
      ],
      Resource: "*",
      Condition: unlessExemptOrServiceRole(ctx),
    },
  ];
}

function phiWorkloads(ctx: GuardrailContext): PolicyDocument {
  return document(
    ...denyServicesOutsideTheBaa(ctx),
    // A function URL with AuthType NONE answers anyone on the internet without authentication; in an OU that may
    // hold PHI that is an unauthenticated path to it (164.312(a)(1), (d)). AWS's example and Control Tower's
    // CT.LAMBDA.PV.1 (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html). AWS_IAM URLs stay allowed.
    {
      Sid: "DenyPublicFunctionUrls",
      Effect: "Deny",
      Action: ["lambda:CreateFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig"],
      Resource: "*",
      Condition: { StringNotEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } },
    },
    // The function's resource policy must also grant the public before a NONE URL or any invocation is open to
    // everyone; refuse such grants too, so a function cannot be made public by either route.
    {
      Sid: "DenyPublicFunctionPermissions",
      Effect: "Deny",
      Action: "lambda:AddPermission",
      Resource: "*",
      Condition: { StringEquals: { "lambda:Principal": "*" } },
    },
    // AddPermission for lambda:InvokeFunctionUrl names the URL's auth type; refuse granting a NONE URL to anyone.
    {
      Sid: "DenyPublicFunctionUrlPermissions",
      Effect: "Deny",
      Action: "lambda:AddPermission",
      Resource: "*",
      Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } },
    },
  );
}

/** Renders every guardrail in the library for the given configuration. */
export function buildGuardrails(ctx: GuardrailContext): Guardrail[] {
  const entries: Array<Omit<Guardrail, "defaultTargets">> = [
    {
      name: "lz-core-guardrails",
      description:
        "Deny leaving the organization and root sign-in (AssumeRoot task sessions excepted); only the pipeline creates, changes or assumes a role the guardrails exempt, or changes a workload's function or execution role.",
      hipaa: ["164.312(a)(1)", "164.312(a)(2)(i)", "164.312(d)"],
      document: coreGuardrails(ctx),
    },
    {
      name: "lz-protect-security-services",
      description:
        "Deny disabling CloudTrail, GuardDuty, Config, Security Hub, Access Analyzer, flow logs, EBS default encryption and S3 public access blocks.",
      hipaa: ["164.312(b)", "164.312(c)(1)", "164.312(a)(2)(iv)", "164.308(a)(1)(ii)(D)"],
      document: protectSecurityServices(ctx),
    },
    {
      name: "lz-protect-kms-keys",
      description:
        "Deny KMS key deletion, disabling and key-policy changes, and deleting backups or changing backup plans, outside the pipeline and break-glass.",
      hipaa: ["164.312(a)(2)(iv)", "164.312(c)(1)", "164.308(a)(7)(ii)(A)"],
      document: protectKmsKeys(ctx),
    },
    {
      name: "lz-protect-network",
      description:
        "Deny changing DNS Firewall, the hub's segments and routes, the landing-zone VPCs' routes, network ACLs and internet access, VPN and Direct Connect, Resolver forwarding, the inspection firewall and the address plan (IPAM), and the paths beside the hub, outside the pipeline and break-glass.",
      hipaa: ["164.312(a)(1)", "164.312(e)(1)", "164.308(a)(5)(ii)(B)"],
      document: protectNetwork(ctx),
    },
    {
      name: "lz-deny-unapproved-regions",
      description: "Deny requests outside the governed regions, except global services.",
      hipaa: ["164.312(a)(1)", "164.312(b)"],
      document: denyUnapprovedRegions(ctx),
    },
    {
      name: "lz-deny-iam-users",
      description: "Deny IAM users and access keys: people come through IAM Identity Center.",
      hipaa: ["164.312(a)(2)(i)", "164.312(d)"],
      document: denyIamUsers(),
    },
    {
      name: "lz-deny-all",
      description: "Deny everything: for suspended accounts, which are kept rather than closed.",
      hipaa: ["164.312(a)(1)", "164.312(c)(1)"],
      document: denyAll(),
    },
    {
      name: "lz-phi-workloads",
      description:
        "Deny public Lambda function URLs (AuthType NONE) and public Lambda resource policies where PHI may be" +
        (ctx.baaServices?.length ? "; deny services off the BAA list (hipaaEligibleServices)." : "."),
      hipaa: ["164.312(a)(1)", "164.312(d)"],
      document: phiWorkloads(ctx),
    },
    {
      name: "lz-phi-creation",
      description:
        "Deny creating unencrypted RDS instances, DB clusters and EFS file systems, and Lambda functions outside a VPC" +
        (ctx.codeSigningAccountIds?.length
          ? ", or without code signing where the environment requires it, where PHI may be."
          : ", where PHI may be."),
      hipaa: ["164.312(a)(2)(iv)", "164.312(e)(1)", "164.312(c)(1)"],
      document: document(
        ...creationGuardrailStatements({
          exempt: unlessExemptOrServiceRole(ctx),
          codeSigningAccountIds: ctx.codeSigningAccountIds,
        }),
      ),
    },
  ];
  return entries.map((entry) => ({ ...entry, defaultTargets: DEFAULT_GUARDRAIL_TARGETS[entry.name] }));
}

/** Groups attachments by target: target -> the policies attached directly to it, in order. */
export function policiesPerTarget(
  attachments: ReadonlyArray<{ readonly policy: string; readonly targets: readonly string[] }>,
): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  for (const attachment of attachments) {
    for (const target of attachment.targets) {
      const list = byTarget.get(target) ?? [];
      list.push(attachment.policy);
      byTarget.set(target, list);
    }
  }
  return byTarget;
}
