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

// Keys of PHI stacks carry the PHI tag by default tags, so one condition covers every PHI key, present and future.
const denyPhiKeyUse: PolicyStatement = {
  Sid: "DenyPhiKeyUse",
  Effect: "Deny",
  Action: [...PHI_KEY_USE_ACTIONS],
  Resource: "*",
  Condition: { StringEquals: { [`aws:ResourceTag/${PHI_TAG.key}`]: PHI_TAG.value } },
};

/** The catalogue every landing zone gets; configuration adds sets, never removes these. */
export function permissionSetCatalogue(ctx: PermissionSetContext): PermissionSetDefinition[] {
  const phiRoles = ctx.phiAccountIds.map((id) => `arn:aws:iam::${id}:role/*`);
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
      description: "Incident response in the security-tooling account: triage findings, query the logs",
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
        "Builders in non-PHI environments: broad service access, no IAM, no PHI keys, no PHI accounts",
      sessionHours: DEFAULT_SESSION_HOURS,
      managedPolicyArns: [AWS_MANAGED.powerUserAccess],
      customerManagedPolicies: [],
      inlinePolicy: {
        Version: "2012-10-17",
        Statement: [
          denyPhiKeyUse,
          ...(phiRoles.length > 0
            ? [
                {
                  // A developer session must not become a session in a PHI account through a role there.
                  Sid: "DenyAssumeRoleIntoPhiAccounts",
                  Effect: "Deny" as const,
                  Action: ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"],
                  Resource: phiRoles,
                },
              ]
            : []),
        ],
      },
      scope: "non-phi",
      hipaa: ["164.312(a)(1)", "164.308(a)(3)(ii)(A)"],
    },
    {
      name: "PHIReadOnly",
      description: "Read access to PHI environments' resources; no writes and no PHI key use unless granted",
      sessionHours: DEFAULT_SESSION_HOURS,
      managedPolicyArns: [AWS_MANAGED.readOnlyAccess],
      customerManagedPolicies: [],
      inlinePolicy: { Version: "2012-10-17", Statement: [denyPhiKeyUse] },
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
