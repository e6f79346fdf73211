// Roles, users and groups the landing zone creates get customer managed policies, never inline ones, so every
// grant is a versioned policy the conformance pack and IAM Access Analyzer review (164.312(a)(1), 164.308(a)(4)).
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

const INLINE_TYPES = ["aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"];

export const iamNoInlinePolicies: HipaaRule = {
  id: "hipaa-iam-no-inline-policies",
  title: "No IAM role, user or group the landing zone creates has an inline policy",
  sections: ["164.312(a)(1)", "164.308(a)(4)"],
  resourceTypes: ["aws_iam_role"],
  configRules: ["IAM_NO_INLINE_POLICY_CHECK"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/iam-no-inline-policy-check.html",
  fix: "use an aws_iam_policy with an aws_iam_role_policy_attachment (the RolePermissions construct)",
  check(model) {
    const out: RuleFinding[] = [];
    for (const type of INLINE_TYPES) {
      for (const ref of model.resources(type))
        out.push({
          address: addressOf(ref),
          message: `is an inline policy on ${String(model.argument(ref, "role") ?? model.argument(ref, "user") ?? model.argument(ref, "group"))}`,
        });
    }
    return out;
  },
};
