// The two authorization policy types of AWS Organizations the landing zone deploys: service control policies
// (what our principals may do) and resource control policies (what anyone may do to our resources), 164.312(a)(1).
// One descriptor per type so quotas, attachments and messages are written once for both; also the quotas of every
// policy type the landing zone deploys, and which of them make adopt matches.
import { AI_OPT_OUT_POLICY_NAME } from "./ai-opt-out-policy";
import { EC2_DECLARATIVE_POLICY_NAME } from "./ec2-declarative-policy";
import { TAG_POLICY_NAME } from "./tag-policy";

/** What differs between SCPs and RCPs wherever the landing zone creates, attaches, counts or reports them. */
export interface AuthorizationPolicyKind {
  /** The policy type in AWS Organizations. */
  readonly type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";
  /** The short name in messages, pluralised with an s. */
  readonly short: "SCP" | "RCP";
  /** The AWS managed policy AWS keeps attached to every target; it counts toward the per-target quota. */
  readonly awsManaged: "FullAWSAccess" | "RCPFullAWSAccess";
  /** The key of organization.yaml that lists the attachments. */
  readonly configKey: "serviceControlPolicies" | "resourceControlPolicies";
  /** The limits.* key of the largest policy, in characters. */
  readonly maxCharactersLimit: "scpMaxCharacters" | "rcpMaxCharacters";
  /** The limits.* key of the most policies on one target. */
  readonly maxPerTargetLimit: "scpMaxPerTarget" | "rcpMaxPerTarget";
  /** The most policies of the type one organization may hold (AWS's fixed quota, read beside ORGANIZATION_POLICY_QUOTAS). */
  readonly maxPerOrganization: number;
  /** Where the Organizations console lists them: Policies > this. */
  readonly consolePage: "Service control policies" | "Resource control policies";
}

export const SCP_KIND: AuthorizationPolicyKind = {
  type: "SERVICE_CONTROL_POLICY",
  short: "SCP",
  awsManaged: "FullAWSAccess",
  configKey: "serviceControlPolicies",
  maxCharactersLimit: "scpMaxCharacters",
  maxPerTargetLimit: "scpMaxPerTarget",
  maxPerOrganization: 10000,
  consolePage: "Service control policies",
};

export const RCP_KIND: AuthorizationPolicyKind = {
  type: "RESOURCE_CONTROL_POLICY",
  short: "RCP",
  awsManaged: "RCPFullAWSAccess",
  configKey: "resourceControlPolicies",
  maxCharactersLimit: "rcpMaxCharacters",
  maxPerTargetLimit: "rcpMaxPerTarget",
  maxPerOrganization: 1000,
  consolePage: "Resource control policies",
};

/**
 * AWS's default quotas for the organization policies the landing zone deploys
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html, "Maximum size of a policy
 * document" and "Maximum number of policies attached to a root, OU or account"). SCPs: 10,240 characters and ten per
 * target, FullAWSAccess included, since AWS doubled both in May 2026; RCPs still 5,120 characters and five per target,
 * RCPFullAWSAccess included; AI services opt-out policies 2,500; tag, backup and declarative policies 10,000. "All
 * policy limits are hard limits." An organization whose quotas a future change lowers sets them under `limits`.
 * The most policies of a type in one organization (each kind's maxPerOrganization): 10,000 SCPs, 1,000 RCPs.
 */
export const ORGANIZATION_POLICY_QUOTAS = {
  scpMaxCharacters: 10240,
  scpMaxPerTarget: 10,
  rcpMaxCharacters: 5120,
  rcpMaxPerTarget: 5,
  aiOptOutMaxCharacters: 2500,
  tagPolicyMaxCharacters: 10000,
  backupPolicyMaxCharacters: 10000,
  declarativePolicyMaxCharacters: 10000,
} as const;

/**
 * The organization policy types make adopt matches by name, with the label its report uses. Backup policies are
 * not among them: their names follow the configured plans, and an existing plan is left for the operator to merge.
 */
export const ADOPTABLE_POLICY_TYPES = {
  SERVICE_CONTROL_POLICY: "SCP",
  RESOURCE_CONTROL_POLICY: "RCP",
  AISERVICES_OPT_OUT_POLICY: "AI services opt-out policy",
  TAG_POLICY: "tag policy",
  DECLARATIVE_POLICY_EC2: "declarative policy",
} as const;

export type AdoptablePolicyType = keyof typeof ADOPTABLE_POLICY_TYPES;

/** The management policy types the organization stack attaches to Root. */
export type ManagementPolicyType = "AISERVICES_OPT_OUT_POLICY" | "TAG_POLICY" | "DECLARATIVE_POLICY_EC2";

/** The management policies the organization stack attaches to Root, by name and type. */
export const ROOT_MANAGEMENT_POLICIES: ReadonlyArray<{
  readonly policy: string;
  readonly type: ManagementPolicyType;
}> = [
  { policy: AI_OPT_OUT_POLICY_NAME, type: "AISERVICES_OPT_OUT_POLICY" },
  { policy: TAG_POLICY_NAME, type: "TAG_POLICY" },
  { policy: EC2_DECLARATIVE_POLICY_NAME, type: "DECLARATIVE_POLICY_EC2" },
];
