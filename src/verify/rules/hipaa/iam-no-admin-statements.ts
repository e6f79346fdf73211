// No policy the landing zone writes grants every action on every resource, or every action of a service: broad
// grants come only from AWS managed policies chosen by name (164.312(a)(1) access control, 164.308(a)(4)).
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, identityPolicies, listOf } from "./rule";

export const iamNoAdminStatements: HipaaRule = {
  id: "hipaa-iam-no-admin-statements",
  title: "No IAM or permission-set policy allows `*` on `*`, or a whole service (`service:*`)",
  sections: ["164.312(a)(1)", "164.308(a)(4)"],
  resourceTypes: ["aws_iam_policy", "aws_ssoadmin_permission_set_inline_policy"],
  configRules: ["IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS", "IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/iam-policy-no-statements-with-admin-access.html",
  fix: "list the actions the role or permission set needs; for full access attach an AWS managed policy by ARN",
  check(model) {
    const out: RuleFinding[] = [];
    for (const { ref, policy } of identityPolicies(model)) {
      for (const s of policy.Statement) {
        if (s.Effect !== "Allow") continue;
        const actions = listOf(s.Action as string[]);
        const everything = actions.includes("*") && listOf(s.Resource as string[]).includes("*");
        const whole = actions.filter((a) => /^[a-z0-9-]+:\*$/.test(a));
        if (everything)
          out.push({ address: addressOf(ref), message: `statement ${String(s.Sid)} allows "*" on "*"` });
        else if (whole.length > 0)
          out.push({
            address: addressOf(ref),
            message: `statement ${String(s.Sid)} allows every action of ${whole.join(", ")}`,
          });
      }
    }
    return out;
  },
};
