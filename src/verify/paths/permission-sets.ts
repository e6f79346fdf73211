// Access paths for what docs/identity-center.md promises each permission set (164.312(a)(1), 164.308(a)(4)), evaluated with
// the set's synthesized policies under the SCPs of every account it is assigned to.
import { expandAssignments } from "../../config/model";
import { AccessPath, admitsAccount, fromRole, PathContext, ssoRoleArn } from "./context";
import { tagContext } from "./account-keys";

const SSO_DOC = "https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html";

/** One capability: the action, the resource in the target account, and whether the set has it. */
interface Capability {
  readonly action: string;
  readonly resource: (account: string, region: string) => string;
  readonly expect: "allow" | "deny";
  readonly what: string;
  /**
   * The request's context beyond the caller's, as a compliant request sends it.
   * @default - none
   */
  readonly context?: (account: string, region: string) => Record<string, string>;
}

/**
 * A function as lz-phi-creation admits it where PHI may be: in a VPC, with a code-signing configuration
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#vpc-conditions).
 */
export function compliantFunctionContext(account: string, region: string): Record<string, string> {
  return {
    "lambda:VpcIds": "vpc-0a1b2c3d4e5f60718",
    "lambda:SubnetIds": "subnet-0a1b2c3d4e5f60718",
    "lambda:SecurityGroupIds": "sg-0a1b2c3d4e5f60718",
    "lambda:CodeSigningConfigArn": `arn:aws:lambda:${region}:${account}:code-signing-config:csc-0a1b2c3d4e5f60718`,
  };
}

/** What each catalogue set may and may not do (docs/identity-center.md: The permission-set catalogue). */
const CAPABILITIES: Readonly<Record<string, readonly Capability[]>> = {
  PlatformAdmin: [
    {
      action: "ec2:RunInstances",
      resource: (a, r) => `arn:aws:ec2:${r}:${a}:instance/*`,
      expect: "allow",
      what: "operate workloads",
    },
    {
      action: "ssm:StartSession",
      resource: (a, r) => `arn:aws:ec2:${r}:${a}:instance/i-0123456789abcdef0`,
      expect: "allow",
      what: "start a logged Session Manager session on an instance",
    },
    {
      action: "cloudtrail:StopLogging",
      resource: (a, r) => `arn:aws:cloudtrail:${r}:${a}:trail/t`,
      expect: "deny",
      what: "stop a trail (SCP)",
    },
  ],
  SecurityAudit: [
    {
      action: "config:DescribeConfigurationRecorders",
      resource: () => "*",
      expect: "allow",
      what: "review configuration",
    },
    {
      action: "s3:GetObject",
      resource: () => "arn:aws:s3:::any-bucket/any-object",
      expect: "deny",
      what: "read data",
    },
    {
      action: "ssm:StartSession",
      resource: (a, r) => `arn:aws:ec2:${r}:${a}:instance/i-0123456789abcdef0`,
      expect: "deny",
      what: "start a session on an instance, becoming the instance's role",
    },
  ],
  SecurityResponder: [
    {
      action: "guardduty:ArchiveFindings",
      resource: (a, r) => `arn:aws:guardduty:${r}:${a}:detector/d`,
      expect: "allow",
      what: "archive GuardDuty findings",
    },
    {
      action: "securityhub:BatchUpdateFindings",
      resource: (a, r) => `arn:aws:securityhub:${r}:${a}:hub/default`,
      expect: "allow",
      what: "update Security Hub findings",
    },
    {
      action: "macie2:UpdateFindingsFilter",
      resource: (a, r) => `arn:aws:macie2:${r}:${a}:findings-filter/f`,
      expect: "allow",
      what: "update Macie filters",
    },
    { action: "cloudtrail:LookupEvents", resource: () => "*", expect: "allow", what: "query the trail" },
    {
      action: "guardduty:CreateFilter",
      resource: (a, r) => `arn:aws:guardduty:${r}:${a}:detector/d/filter/f`,
      expect: "deny",
      what: "create GuardDuty suppression filters (SCP)",
    },
  ],
  Developer: [
    {
      action: "lambda:CreateFunction",
      resource: (a, r) => `arn:aws:lambda:${r}:${a}:function:f`,
      expect: "allow",
      what: "build",
      context: compliantFunctionContext,
    },
    {
      action: "iam:CreateUser",
      resource: (a) => `arn:aws:iam::${a}:user/u`,
      expect: "deny",
      what: "create IAM users",
    },
    {
      action: "ssm:StartSession",
      resource: (a, r) => `arn:aws:ec2:${r}:${a}:instance/i-0123456789abcdef0`,
      expect: "allow",
      what: "start a logged Session Manager session on an instance in its non-PHI account",
    },
  ],
  PHIReadOnly: [
    {
      action: "s3:GetObject",
      resource: () => "arn:aws:s3:::workload-bucket/object",
      expect: "allow",
      what: "read resources",
    },
    {
      action: "s3:PutObject",
      resource: () => "arn:aws:s3:::workload-bucket/object",
      expect: "deny",
      what: "write",
    },
    {
      action: "ssm:StartSession",
      resource: (a, r) => `arn:aws:ec2:${r}:${a}:instance/i-0123456789abcdef0`,
      expect: "deny",
      what: "start a session on an instance, becoming the instance's role",
    },
  ],
  Billing: [{ action: "ce:GetCostAndUsage", resource: () => "*", expect: "allow", what: "read costs" }],
  BreakGlass: [
    {
      action: "cloudtrail:StopLogging",
      resource: (a, r) => `arn:aws:cloudtrail:${r}:${a}:trail/t`,
      expect: "allow",
      what: "repair a security service in an emergency",
    },
  ],
};

/** The literal actions (no wildcard) a set's synthesized inline policy allows on every resource. */
function inlineGrants(ctx: PathContext, set: string): string[] {
  const { model } = ctx;
  const ref = model
    .resources("aws_ssoadmin_permission_set_inline_policy")
    .find((r) => r.path.split("/").includes(`set-${set}`));
  if (!ref) return [];
  const actions = new Set<string>();
  for (const statement of model.policyArgument(ref, "inline_policy").Statement) {
    if (statement.Effect !== "Allow" || statement.Resource !== "*" || statement.Condition) continue;
    for (const action of ([] as string[]).concat(statement.Action as string | string[])) {
      if (!action.includes("*")) actions.add(action);
    }
  }
  return [...actions].sort();
}

/** Each catalogue set's capabilities in every account it is assigned to; PHI keys denied outside their sets. */
export function permissionSetPaths(ctx: PathContext): AccessPath[] {
  const { config, index, model } = ctx;
  if (!config.organization.identityCenter || !model.hasStack("identity-center")) return [];
  const region = config.organization.homeRegion;
  const out: AccessPath[] = [];
  const group = "Permission sets";
  const assignments = expandAssignments(config.organization);
  const seen = new Set<string>();
  for (const assignment of assignments) {
    const key = `${assignment.permissionSet}/${assignment.account}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const account = model.accountId(assignment.account);
    const set = assignment.permissionSet;
    const role = ssoRoleArn(account, set);
    for (const capability of CAPABILITIES[set] ?? []) {
      out.push({
        id: `set-${set}-${assignment.account}-${capability.action.replace(":", "-")}`,
        group,
        title: `${set} in ${assignment.account} ${capability.expect === "allow" ? "can" : "cannot"} ${capability.what} (${capability.action})`,
        expect: capability.expect,
        doc: SSO_DOC,
        setting: `stop assigning ${set} to ${assignment.account} (identityCenter.assignments in organization.yaml)`,
        build: () => ({
          ...fromRole(role, ctx.orgId, region, capability.context?.(account, region)),
          action: capability.action,
          resource: capability.resource(account, region),
          resourceAccount: account,
          identityPolicies: index.permissionSet(set).identityPolicies,
          scps: index.scpLevels(account),
        }),
      });
    }
    // Whatever a set's inline policy grants must work where the set is assigned: an Allow the OU's SCPs deny is
    // a promise the set cannot keep.
    for (const action of inlineGrants(ctx, set)) {
      out.push({
        id: `set-${set}-${assignment.account}-grants-${action.replace(":", "-")}`,
        group,
        title: `${set} in ${assignment.account} can use what its inline policy grants: ${action}`,
        expect: "allow",
        doc: SSO_DOC,
        setting: `remove the action from its inlinePolicy or stop assigning ${set} to ${assignment.account} (identityCenter.assignments in organization.yaml)`,
        build: () => ({
          ...fromRole(role, ctx.orgId, region),
          action,
          resource: "*",
          resourceAccount: account,
          identityPolicies: index.permissionSet(set).identityPolicies,
          scps: index.scpLevels(account),
        }),
      });
    }
    if (set === "Developer") out.push(...developerRolePaths(ctx, account, assignment.account, group));
    if (set === "Developer" || set === "PHIReadOnly") {
      for (const env of config.environments) {
        const ref = model.maybeResource("security", `keys/phi-data-${env.name}/key`);
        if (!ref || !env.phi) continue;
        const keyArn = model.attribute(ref, "arn");
        // Through S3 in the key's own region, which its policy admits: only the permission set may deny it.
        const keyRegion = model.regionOf(ref);
        out.push({
          id: `set-${set}-${assignment.account}-decrypt-${env.name}-phi-key`,
          group,
          title: `${set} in ${assignment.account} cannot decrypt with the ${env.name} PHI data key`,
          expect: "deny",
          doc: SSO_DOC,
          build: () => ({
            ...fromRole(role, ctx.orgId, keyRegion, {
              "kms:ViaService": `s3.${keyRegion}.amazonaws.com`,
              ...tagContext(ctx, ref),
            }),
            action: "kms:Decrypt",
            resource: keyArn,
            resourceAccount: model.accountOf(ref),
            identityPolicies: index.permissionSet(set).identityPolicies,
            resourcePolicy: index.keyPolicy(keyArn),
            scps: index.scpLevels(account),
          }),
        });
      }
    }
  }
  return out;
}

const ASSUME_ROLE_DOC =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";

/**
 * Who a Developer session can become (164.312(a)(1)): never a role in a PHI account, even one whose trust policy
 * admits the developer's account (the PHI account's administrator may write that), and still a role of its own
 * account that trusts it, so the deny is shown to be about the PHI accounts and not about roles. The request is a
 * cross-account one, decided on the identity policy and the role's trust policy together (AWS's cross-account
 * evaluation logic), under the caller's SCPs.
 */
function developerRolePaths(
  ctx: PathContext,
  account: string,
  accountName: string,
  group: string,
): AccessPath[] {
  const { config, index, model } = ctx;
  const region = config.organization.homeRegion;
  const role = ssoRoleArn(account, "Developer");
  const request = (target: string) => ({
    ...fromRole(role, ctx.orgId, region),
    action: "sts:AssumeRole",
    resource: `arn:aws:iam::${target}:role/workload-role`,
    resourceAccount: target,
    identityPolicies: index.permissionSet("Developer").identityPolicies,
    resourcePolicy: admitsAccount(account, "sts:AssumeRole"),
    scps: index.scpLevels(account),
    rcps: index.rcpLevels(target),
  });
  const phiAccounts = config.environments.filter((env) => env.phi).flatMap((env) => env.accounts);
  return [
    ...phiAccounts.map((phiName): AccessPath => ({
      id: `set-Developer-${accountName}-assume-role-in-${phiName}`,
      group,
      title: `Developer in ${accountName} cannot become a role in ${phiName}, even one that trusts ${accountName}`,
      expect: "deny",
      doc: ASSUME_ROLE_DOC,
      build: () => request(model.accountId(phiName)),
    })),
    {
      id: `set-Developer-${accountName}-assume-role-in-own-account`,
      group,
      title: `Developer in ${accountName} can still become a role of its own account that trusts it`,
      expect: "allow",
      doc: ASSUME_ROLE_DOC,
      build: () => request(account),
    },
  ];
}
