// Every workload execution role (IAM path /workload/) names each action in full and only ARNs, "*" only for the
// actions IAM gives no resource type: the function reaches its own resources and nothing else, whatever its code
// does (164.312(a)(1) access control, 164.308(a)(4)).
import { leastPrivilegeProblems } from "../../../config/least-privilege";
import { PolicyStatement } from "../../../policies/policy-document";
import { WORKLOAD_ROLE_PATH, WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

/** Where AWS managed policies live: attached to a workload role, they grant what AWS chose, on every resource. */
const AWS_MANAGED_POLICY_PREFIX = "arn:aws:iam::aws:policy/";

export const workloadRoleLeastPrivilege: HipaaRule = {
  id: WORKLOAD_RULE_IDS.leastPrivilege,
  title: "Workload execution roles name every action in full and only their own resources",
  sections: ["164.312(a)(1)", "164.308(a)(4)"],
  resourceTypes: ["aws_iam_role", "aws_iam_policy"],
  configRules: [],
  doc: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
  fix: "list each action the function calls and the ARNs of the workload's own resources; no wildcard actions",
  check(model) {
    const out: RuleFinding[] = [];
    for (const role of model.resources("aws_iam_role")) {
      if (role.body.path !== WORKLOAD_ROLE_PATH) continue;
      if (role.body.managed_policy_arns !== undefined || role.body.inline_policy !== undefined)
        out.push({
          address: addressOf(role),
          message:
            "declares managed_policy_arns or inline_policy: a workload role's permissions are one reviewed policy",
        });
      const roleName = model.attribute(role, "name");
      for (const attachment of model.resources("aws_iam_role_policy_attachment")) {
        const arn = String(model.argument(attachment, "policy_arn"));
        if (model.argument(attachment, "role") !== roleName || !arn.startsWith(AWS_MANAGED_POLICY_PREFIX))
          continue;
        out.push({
          address: addressOf(role),
          message: `${roleName} has AWS managed policy ${arn} attached: its actions and resources are AWS's, not the workload's own`,
        });
      }
      for (const { name, policy } of model.rolePolicies(role)) {
        for (const statement of policy.Statement) {
          for (const problem of leastPrivilegeProblems(statement as unknown as PolicyStatement))
            out.push({ address: addressOf(role), message: `${name}: ${problem}` });
        }
      }
    }
    return out;
  },
};
