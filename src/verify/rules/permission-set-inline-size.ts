// Identity Center writes a permission set's inline policy into each account as a role's inline policy, which IAM
// limits to 10,240 characters (whitespace excluded); a larger one fails to provision and the set grants nothing.
import { addressOf, RuleFinding, ServiceRule } from "./rule";

/** IAM's limit on a role's inline policies, in characters without whitespace. */
export const ROLE_INLINE_POLICY_MAX_CHARACTERS = 10_240;

export const permissionSetInlineSize: ServiceRule = {
  id: "permission-set-inline-size",
  title: `A permission set's inline policy is at most ${ROLE_INLINE_POLICY_MAX_CHARACTERS} characters`,
  doc: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_ssoadmin_permission_set_inline_policy")) {
      const size = String(model.argument(ref, "inline_policy")).replace(/\s/g, "").length;
      if (size > ROLE_INLINE_POLICY_MAX_CHARACTERS) {
        out.push({
          address: addressOf(ref),
          message: `inline policy is ${size} characters; IAM accepts at most ${ROLE_INLINE_POLICY_MAX_CHARACTERS}`,
        });
      }
    }
    return out;
  },
};
