// Who may hold a role name the guardrails exempt (164.312(a)(1) access control, 164.308(a)(4) information access
// management): an account administrator in one account of every OU is denied creating, re-trusting, tagging,
// attaching a policy to and assuming each protected role, forging Identity Center's or StackSets' roles, and
// rewriting the landing zone's role policies or Identity Center's SAML provider; the pipeline still creates and
// changes them, and the StackSet that gives invited accounts their deploy role still can. Each exemption is then
// worth no more than the pipeline's own trust.
import {
  AccessPath,
  ADMINISTRATOR_ACCESS,
  fromRole,
  PathContext,
  ssoRoleArn,
  workloadAdminArn,
} from "./context";
import { flattenOus, SUSPENDED_OU } from "../../config/model";
import { BACKUP_ALERTS_ROLE_NAME, BACKUP_ROLE_NAME } from "../../policies/backup-policies";
import { landingZonePolicyArn } from "../../policies/policy-document";
import { STACKSETS_EXECUTION_ROLE_PREFIX } from "../../policies/scp-library";
import { SimulatedRequest } from "../simulator";

const GROUP = "Guardrails";
/** AWS's example of an SCP that protects a role from everyone but an administrative role. */
const PROTECT_ROLE_DOC =
  "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html";
/** Identity Center's roles and SAML provider, which its service-linked role manages. */
const SSO_ROLE_DOC =
  "https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html";
/** Service-managed StackSets, whose execution role deploys the deploy role into invited accounts. */
const STACKSETS_DOC =
  "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html";

/** What an administrator tries on each protected role, and what it needs beside the role's ARN. */
const ATTEMPTS: ReadonlyArray<{ action: string; what: string; context?: Record<string, string> }> = [
  { action: "iam:CreateRole", what: "create" },
  { action: "iam:UpdateAssumeRolePolicy", what: "re-trust" },
  { action: "iam:TagRole", what: "tag", context: { "aws:TagKeys": "owner" } },
  {
    action: "iam:AttachRolePolicy",
    what: "attach AdministratorAccess to",
    context: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" },
  },
];

/** A protected role name and who creates it, for the titles. */
interface ProtectedName {
  readonly name: string;
  readonly creator: string;
}

/**
 * The names the guardrails exempt or key policies name, from the configuration and the synthesized stacks (not from
 * the SCP under test, so a name the SCP forgets still has its paths): the pipeline's deploy role, break-glass, the
 * service roles the BAA deny exempts, and the read-only plan role.
 */
export function protectedNames(ctx: PathContext): ProtectedName[] {
  const roles = ctx.config.organization.roles;
  const roleName = (stack: string, path: string) => {
    const ref = ctx.model.maybeResource(stack, path);
    return ref ? String(ctx.model.argument(ref, "name")) : undefined;
  };
  const names: Array<[string | undefined, string]> = [
    [roles.deploy, "AWS Organizations, or the lz-deploy-role StackSet in invited accounts"],
    [roles.breakGlass, "nobody: the runbook uses Identity Center's BreakGlass set"],
    [BACKUP_ROLE_NAME, "the pipeline, in every member account"],
    [BACKUP_ALERTS_ROLE_NAME, "the pipeline, in every member account"],
    [roleName("log-archive", "log-archive/replication-role"), "the pipeline, in the log-archive account"],
    [roleName("detective-controls", "findings-forwarder/role"), "the pipeline, in security-tooling"],
    // Not exempt, but what pull requests reach: widening it would widen every pull request (issue 31).
    [roles.plan, "the pipeline, in every member account (its baseline)"],
  ];
  const seen = new Set<string>();
  return names.flatMap(([name, creator]) => {
    if (name === undefined || seen.has(name)) return [];
    seen.add(name);
    return [{ name, creator }];
  });
}

/** One account directly in each OU that holds one (Suspended denies everything anyway), with its OU's path. */
export function oneAccountPerOu(ctx: PathContext): Array<{ name: string; id: string; ou: string }> {
  const org = ctx.config.organization;
  return flattenOus(org.organizationalUnits)
    .filter((ou) => ou.path !== SUSPENDED_OU)
    .flatMap((ou) => {
      const account = org.accounts.find((a) => a.ou === ou.path);
      return account ? [{ name: account.name, id: ctx.model.accountId(account.name), ou: ou.path }] : [];
    });
}

/** A trust policy that admits every principal of the account: the worst a hand-made role of a protected name has. */
function trustsItsAccount(accountId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" },
    ],
  };
}

/** Every path of the protected role names. */
export function exemptRolePaths(ctx: PathContext): AccessPath[] {
  const region = ctx.config.organization.homeRegion;
  const names = protectedNames(ctx);
  const deploy = ctx.config.organization.roles.deploy;
  const out: AccessPath[] = [];
  const request =
    (
      caller: string,
      account: string,
      action: string,
      resource: string,
      extra: Partial<SimulatedRequest> = {},
      context: Record<string, string> = {},
    ) =>
    (): SimulatedRequest => ({
      ...fromRole(caller, ctx.orgId, region, context),
      action,
      resource,
      resourceAccount: account,
      identityPolicies: [ADMINISTRATOR_ACCESS],
      scps: ctx.index.scpLevels(account),
      ...extra,
    });
  const accounts = oneAccountPerOu(ctx);
  accounts.forEach((account, index) => {
    const admin = workloadAdminArn(account.id);
    const pipeline = `arn:aws:iam::${account.id}:role/${deploy}`;
    const where = `${account.name} (${account.ou})`;
    const role = (name: string, path = "") => `arn:aws:iam::${account.id}:role/${path}${name}`;
    for (const { name, creator } of names) {
      for (const attempt of ATTEMPTS) {
        const verb = attempt.action.split(":")[1];
        out.push({
          id: `protected-role-${account.name}-${name}-${verb}`,
          group: GROUP,
          title: `An administrator in ${where} cannot ${attempt.what} a role named ${name} (created by ${creator})`,
          expect: "deny",
          doc: PROTECT_ROLE_DOC,
          build: request(admin, account.id, attempt.action, role(name), {}, attempt.context),
        });
      }
      out.push({
        id: `protected-role-${account.name}-${name}-AssumeRole`,
        group: GROUP,
        title: `An administrator in ${where} cannot assume a role named ${name}, even one whose trust admits the account`,
        expect: "deny",
        doc: PROTECT_ROLE_DOC,
        build: request(admin, account.id, "sts:AssumeRole", role(name), {
          resourcePolicy: trustsItsAccount(account.id),
        }),
      });
      // The pipeline creates every one in every OU (and, in one account, changes them).
      out.push({
        id: `protected-role-${account.name}-${name}-pipeline-CreateRole`,
        group: GROUP,
        title: `The pipeline's ${deploy} in ${where} can still create ${name}`,
        expect: "allow",
        doc: PROTECT_ROLE_DOC,
        build: request(pipeline, account.id, "iam:CreateRole", role(name)),
      });
      if (index === 0) {
        for (const attempt of ATTEMPTS.slice(1)) {
          const verb = attempt.action.split(":")[1];
          out.push({
            id: `protected-role-${account.name}-${name}-pipeline-${verb}`,
            group: GROUP,
            title: `The pipeline's ${deploy} in ${where} can still call ${attempt.action} on ${name}`,
            expect: "allow",
            doc: PROTECT_ROLE_DOC,
            build: request(pipeline, account.id, attempt.action, role(name), {}, attempt.context),
          });
        }
      }
    }
    // Identity Center's path and the StackSets execution role's name, which only AWS services' service-linked
    // roles may create, and Identity Center's SAML provider, whose metadata decides who signs in as its roles.
    const breakGlassRole = ssoRoleArn(account.id, "BreakGlass");
    const stackSetsRole = role(`${STACKSETS_EXECUTION_ROLE_PREFIX}0123456789abcdef0123456789abcdef`);
    const reserved: Array<[string, string, string, string, string]> = [
      [
        "identity-center-CreateRole",
        "create a role on Identity Center's path, named like the BreakGlass set's",
        "iam:CreateRole",
        `${breakGlassRole.replace(/_0123456789abcdef$/, "_ffffffffffffffff")}`,
        SSO_ROLE_DOC,
      ],
      [
        "identity-center-UpdateAssumeRolePolicy",
        "re-trust the BreakGlass set's role",
        "iam:UpdateAssumeRolePolicy",
        breakGlassRole,
        SSO_ROLE_DOC,
      ],
      [
        "identity-center-saml-UpdateSAMLProvider",
        "rewrite the metadata of Identity Center's SAML provider",
        "iam:UpdateSAMLProvider",
        `arn:aws:iam::${account.id}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE`,
        SSO_ROLE_DOC,
      ],
      [
        "stacksets-exec-CreateRole",
        "create a role named like the StackSets execution role",
        "iam:CreateRole",
        stackSetsRole,
        STACKSETS_DOC,
      ],
      [
        "policy-CreatePolicyVersion",
        "publish a new version of a landing-zone role policy",
        "iam:CreatePolicyVersion",
        landingZonePolicyArn(account.id, BACKUP_ALERTS_ROLE_NAME),
        PROTECT_ROLE_DOC,
      ],
    ];
    for (const [id, what, action, resource, doc] of reserved) {
      out.push({
        id: `protected-role-${account.name}-${id}`,
        group: GROUP,
        title: `An administrator in ${where} cannot ${what}`,
        expect: "deny",
        doc,
        build: request(admin, account.id, action, resource),
      });
    }
    if (index !== 0) return;
    // In one account: the StackSet's execution role creates the deploy role in an invited account; a role squatting
    // the deploy role's name at another path is refused; and BreakGlass, exempt from every other guardrail, may not
    // re-trust the deploy role (a repair goes through the pipeline, or BreakGlass in the management account).
    out.push(
      {
        id: `protected-role-${account.name}-${deploy}-stacksets-CreateRole`,
        group: GROUP,
        title: `The lz-deploy-role StackSet's execution role in ${where} can still create ${deploy}`,
        expect: "allow",
        doc: STACKSETS_DOC,
        build: request(stackSetsRole, account.id, "iam:CreateRole", role(deploy)),
      },
      {
        id: `protected-role-${account.name}-${deploy}-other-path-CreateRole`,
        group: GROUP,
        title: `An administrator in ${where} cannot create ${deploy} at another path, which would block the pipeline's`,
        expect: "deny",
        doc: PROTECT_ROLE_DOC,
        build: request(admin, account.id, "iam:CreateRole", role(deploy, "team/")),
      },
      {
        id: `protected-role-${account.name}-${deploy}-break-glass-UpdateAssumeRolePolicy`,
        group: GROUP,
        title: `Identity Center's BreakGlass in ${where} cannot re-trust ${deploy}`,
        expect: "deny",
        doc: PROTECT_ROLE_DOC,
        build: request(breakGlassRole, account.id, "iam:UpdateAssumeRolePolicy", role(deploy)),
      },
    );
  });
  return out;
}
