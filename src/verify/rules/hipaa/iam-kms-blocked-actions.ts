// No policy the landing zone writes allows decrypting with every KMS key: key use is granted per key, by the key
// policy (164.312(a)(2)(iv) encryption and decryption, 164.312(a)(1)).
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, identityPolicies, listOf, packRule } from "./rule";

/** The pack's blocked action patterns, e.g. ["kms:*", "kms:Decrypt", "kms:ReEncrypt*"]. */
function blockedPatterns(): string[] {
  const raw = packRule("IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS").parameters?.blockedActionsPatterns ?? "";
  return raw
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
}

/** IAM's case-insensitive wildcard match of an action against a pattern. */
function glob(pattern: string, action: string): boolean {
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${source}$`, "i").test(action);
}

/** Whether an allowed action overlaps a blocked pattern: either one's wildcard covers the other. */
function covers(action: string, blocked: string): boolean {
  return glob(action, blocked) || glob(blocked, action);
}

export const iamKmsBlockedActions: HipaaRule = {
  id: "hipaa-iam-kms-blocked-actions",
  title: "No IAM or permission-set policy allows the pack's blocked KMS actions on every key",
  sections: ["164.312(a)(2)(iv)", "164.312(a)(1)"],
  resourceTypes: ["aws_iam_policy", "aws_ssoadmin_permission_set_inline_policy"],
  configRules: ["IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS", "IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/iam-customer-policy-blocked-kms-actions.html",
  fix: "name the key ARNs in Resource, or leave key use to the key policy",
  check(model) {
    const blocked = blockedPatterns();
    const out: RuleFinding[] = [];
    for (const { ref, policy } of identityPolicies(model)) {
      for (const s of policy.Statement) {
        if (s.Effect !== "Allow" || !listOf(s.Resource as string[]).includes("*")) continue;
        const hits = listOf(s.Action as string[]).filter((a) => blocked.some((b) => covers(a, b)));
        if (hits.length > 0)
          out.push({
            address: addressOf(ref),
            message: `statement ${String(s.Sid)} allows ${hits.join(", ")} on every key ("*"), which the pack blocks (${blocked.join(", ")})`,
          });
      }
    }
    return out;
  },
};
