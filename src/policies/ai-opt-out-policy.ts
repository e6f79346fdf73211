// The AI services opt-out policy: no AWS AI service may store or use the organization's content to improve its
// services, which AWS otherwise may do, and outside the region (164.312(a)(1): PHI reaches only what the BAA
// and the governed regions cover). Syntax: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out_syntax.html

/** The policy's name in AWS Organizations. */
export const AI_OPT_OUT_POLICY_NAME = "lz-ai-services-opt-out";

/**
 * Opt out of every AI service, present and future ("default"), and forbid child policies from changing it
 * (`"@@operators_allowed_for_child_policies": ["@@none"]`): both elements as AWS's root-policy example on the syntax
 * page uses them (read 2026-12-03).
 */
export function aiOptOutPolicyContent(): Record<string, unknown> {
  return {
    services: {
      default: {
        opt_out_policy: { "@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "optOut" },
      },
    },
  };
}
