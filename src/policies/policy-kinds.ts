// The two authorization policy types of AWS Organizations the landing zone deploys: service control policies
// (what our principals may do) and resource control policies (what anyone may do to our resources), 164.312(a)(1).
// One descriptor per type so quotas, attachments and messages are written once for both.

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
}

export const SCP_KIND: AuthorizationPolicyKind = {
  type: "SERVICE_CONTROL_POLICY",
  short: "SCP",
  awsManaged: "FullAWSAccess",
  configKey: "serviceControlPolicies",
  maxCharactersLimit: "scpMaxCharacters",
  maxPerTargetLimit: "scpMaxPerTarget",
};

export const RCP_KIND: AuthorizationPolicyKind = {
  type: "RESOURCE_CONTROL_POLICY",
  short: "RCP",
  awsManaged: "RCPFullAWSAccess",
  configKey: "resourceControlPolicies",
  maxCharactersLimit: "rcpMaxCharacters",
  maxPerTargetLimit: "rcpMaxPerTarget",
};

/**
 * AWS's default quotas for the organization policies the landing zone deploys
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html). The sizes were read on
 * that page on 2026-12-03: SCPs and RCPs 5,120 characters, AI services opt-out policies 2,500, tag, backup and
 * declarative policies 10,000.
 * The per-target counts, five SCPs and five RCPs each including the AWS managed policy, are the page's long-standing
 * SCP figure and the same for RCPs; that row could not be read whole here, so check it before raising them.
 */
export const ORGANIZATION_POLICY_QUOTAS = {
  scpMaxCharacters: 5120,
  scpMaxPerTarget: 5,
  rcpMaxCharacters: 5120,
  rcpMaxPerTarget: 5,
  aiOptOutMaxCharacters: 2500,
  tagPolicyMaxCharacters: 10000,
  backupPolicyMaxCharacters: 10000,
  declarativePolicyMaxCharacters: 10000,
} as const;
