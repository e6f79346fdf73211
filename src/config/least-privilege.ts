// The least-privilege rule for a workload's execution role (164.312(a)(1) access control, 164.308(a)(4)): every
// action named in full, every resource an ARN of the workload's own, Resource "*" only for the actions IAM gives no
// resource type (AWS then accepts nothing else). The blueprint's constructs refuse a role that breaks it, and make
// verify's hipaa-workload-role-least-privilege checks every execution role the stacks synthesize.
import { PolicyStatement } from "../policies/policy-document";
import { takesNoResource } from "./iam-services";

/**
 * Resource types whose IDs the service chooses at run time, so a statement can only name all of an account's:
 * the function's network interfaces (Lambda creates them; AWS's page asks for every ID,
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions).
 */
const RUNTIME_NAMED_TYPES = ["network-interface"];

/** Whether an ARN's resource part is `*`, or a type followed by nothing but a wildcard (`table/*`). */
function namesEveryOfItsType(arn: string): boolean {
  const resource = arn.split(":").slice(5).join(":");
  if (resource === "*" || resource === "") return true;
  // An S3 ARN has no type: its first part is a bucket's name, so `<bucket>/*` is that one bucket's objects
  // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-resources-for-iam-policies).
  if (arn.split(":")[2] === "s3") return /^[*?]/.test(resource);
  const match = /^([A-Za-z0-9-]+)[/:][*?]+$/.exec(resource);
  return match !== null && !RUNTIME_NAMED_TYPES.includes(match[1]);
}

/** What is wrong with one statement of an execution role's policy, each a sentence; empty when nothing is. */
export function leastPrivilegeProblems(statement: PolicyStatement): string[] {
  const problems: string[] = [];
  if (statement.Effect !== "Allow") return problems;
  const sid = statement.Sid ? `statement ${statement.Sid}` : "a statement without a Sid";
  const actions = [statement.Action ?? []].flat();
  const resources = [statement.Resource ?? []].flat();
  if (statement.NotAction !== undefined || statement.NotResource !== undefined)
    problems.push(`${sid} uses NotAction or NotResource, which allow everything not listed`);
  const wildActions = actions.filter((action) => /[*?]/.test(action));
  if (wildActions.length > 0) problems.push(`${sid} names actions by wildcard (${wildActions.join(", ")})`);
  if (resources.includes("*")) {
    // A wildcard action is reported above; here, the named actions IAM does scope to ARNs.
    const scoped = actions.filter((action) => !/[*?]/.test(action) && !takesNoResource(action));
    if (scoped.length > 0)
      problems.push(
        `${sid} grants ${scoped.join(", ")} on every resource ("*"), though IAM scopes them to ARNs`,
      );
  }
  const wildScope = resources.filter(
    (arn) => arn !== "*" && /[*?]/.test(arn.split(":").slice(0, 5).join(":")),
  );
  if (wildScope.length > 0)
    problems.push(`${sid} names resources of any service, region or account (${wildScope.join(", ")})`);
  const everyOfType = resources.filter(
    (arn) => arn !== "*" && !wildScope.includes(arn) && namesEveryOfItsType(arn),
  );
  if (everyOfType.length > 0)
    problems.push(
      `${sid} names every resource of a type (${everyOfType.join(", ")}), not the workload's own`,
    );
  return problems;
}
