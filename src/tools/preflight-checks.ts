// The checks make preflight runs before a first deploy, read-only, with management-account credentials: each
// answers whether AWS is ready for what the configuration asks, and when not, what is wrong and what fixes it.
// One named function per check; each returns one result per thing it checked.
import {
  ListRootsCommand,
  Account,
  Organization,
  OrganizationsClient,
  paginateListAccounts,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListPoliciesForTarget,
  Root,
} from "@aws-sdk/client-organizations";
import { AccountClient, paginateListRegions } from "@aws-sdk/client-account";
import { paginateListServiceQuotas, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { ListInstancesCommand, SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { GetGroupIdCommand, IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { LandingZoneConfig } from "../config/schema";
import { policyAttachments } from "../config/model";
import { AuthorizationPolicyKind, RCP_KIND, SCP_KIND } from "../policies/policy-kinds";
import { policiesPerTarget } from "../policies/scp-library";
import {
  assumedSettings,
  ClientSettings,
  collect,
  describeOrganization,
  errorNamed,
  inRegion,
  ORGANIZATIONS_REGION,
  unlessAbsent,
} from "../deploy/aws-clients";
import { probeStateBackend, stateBackendDifferences } from "../deploy/bootstrap-probe";
import {
  ACTIVATE_STACKSETS_ACCESS_COMMAND,
  CloudFormationSender,
  invitedMembers,
  stackSetsAccessStatus,
  STACKSETS_TRUSTED_ACCESS_DOC,
} from "../deploy/stacksets-access";
import { ACCOUNT_MANAGEMENT_PRINCIPAL, ENABLED_POLICY_TYPES } from "../../modules/organization";
import { ORGANIZATIONS_DELEGATED_SERVICES } from "../../modules/delegated-administrators";
import { DescribeDocumentCommand, ListTagsForResourceCommand, SSMClient } from "@aws-sdk/client-ssm";
import { LANDING_ZONE_TAG } from "../config/profile";
import { SESSION_PREFERENCES_DOCUMENT } from "../policies/session-manager";

/** The check's ID in make preflight's report. */
export const SESSION_PREFERENCES_CHECK = "session-preferences";

/**
 * pass: ready; fail: a deploy would fail or do the wrong thing; pending: the organization stack will do it;
 * unchecked: nothing is known, because the emulator lacks the API or AWS has none (never a pass).
 */
export type CheckStatus = "pass" | "fail" | "pending" | "unchecked";

/** One line of the report. */
export interface CheckResult {
  /** The check's ID (its function's topic), the same for every line it writes. */
  readonly check: string;
  readonly status: CheckStatus;
  /** What was found. */
  readonly message: string;
  /** For a failure: the command or console step that fixes it. */
  readonly fix?: string;
}

/** What every check reads: the configuration, the management account's clients and what Organizations says. */
export interface PreflightContext {
  readonly config: LandingZoneConfig;
  /** Management-account settings in the home region. */
  readonly settings: ClientSettings;
  /** The caller's account. */
  readonly callerAccount: string;
  /** The organization, or undefined when the account is in none. */
  readonly organization?: Organization;
  /** Its root. */
  readonly root?: Root;
  /** Every account in the organization. */
  readonly accounts: readonly Account[];
  /** Live OU IDs by path ("Workloads/Prod"), the root as "Root". */
  readonly ouIds: ReadonlyMap<string, string>;
  /** The service principals with trusted access (none without an organization). */
  readonly trustedPrincipals: readonly string[];
}

/** Reads what every check shares. */
export async function preflightContext(
  config: LandingZoneConfig,
  settings: ClientSettings,
  callerAccount: string,
): Promise<PreflightContext> {
  const orgs = new OrganizationsClient(inRegion(settings, ORGANIZATIONS_REGION));
  const organization = await describeOrganization(orgs);
  if (!organization) {
    return { config, settings, callerAccount, accounts: [], ouIds: new Map(), trustedPrincipals: [] };
  }
  const root = (await orgs.send(new ListRootsCommand({}))).Roots?.[0];
  const accounts = await collect(paginateListAccounts({ client: orgs }, {}), (p) => p.Accounts);
  const trusted = await collect(
    paginateListAWSServiceAccessForOrganization({ client: orgs }, {}),
    (p) => p.EnabledServicePrincipals,
  );
  return {
    config,
    settings,
    callerAccount,
    organization,
    root,
    accounts,
    ouIds: root ? await liveOuPaths(orgs, root.Id!) : new Map(),
    trustedPrincipals: trusted.map((p) => p.ServicePrincipal!),
  };
}

/** Every OU below the root by path, and the root as "Root". */
export async function liveOuPaths(orgs: OrganizationsClient, rootId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>([["Root", rootId]]);
  const visit = async (parentId: string, prefix: string) => {
    const children = await collect(
      paginateListOrganizationalUnitsForParent({ client: orgs }, { ParentId: parentId }),
      (p) => p.OrganizationalUnits,
    );
    for (const ou of children) {
      const ouPath = prefix ? `${prefix}/${ou.Name}` : ou.Name!;
      out.set(ouPath, ou.Id!);
      await visit(ou.Id!, ouPath);
    }
  };
  await visit(rootId, "");
  return out;
}

const pass = (check: string, message: string): CheckResult => ({ check, status: "pass", message });
const pending = (check: string, message: string): CheckResult => ({ check, status: "pending", message });
const fail = (check: string, message: string, fix: string): CheckResult => ({
  check,
  status: "fail",
  message,
  fix,
});

/** An organization with all features, managed from the caller's account. */
export async function checkOrganization(ctx: PreflightContext): Promise<CheckResult[]> {
  const org = ctx.organization;
  if (!org) {
    return [
      pending("organization", "no organization yet: the organization stack creates one with all features"),
    ];
  }
  if (org.MasterAccountId !== ctx.callerAccount) {
    return [
      fail(
        "organization",
        `these credentials are account ${ctx.callerAccount}'s, but organization ${org.Id} is managed from ${org.MasterAccountId}`,
        "run make preflight with credentials for the management account",
      ),
    ];
  }
  if (org.FeatureSet !== "ALL") {
    return [
      fail(
        "organization",
        `organization ${org.Id} has feature set ${org.FeatureSet}; SCPs and delegated administrators need ALL`,
        "Organizations console > Settings > Enable all features (every member account must approve), or aws organizations enable-all-features",
      ),
    ];
  }
  return [
    pass("organization", `organization ${org.Id} with all features, managed from ${ctx.callerAccount}`),
  ];
}

/** The policy types the configuration uses are enabled on the root, or the organization stack enables them. */
export async function checkPolicyTypes(ctx: PreflightContext): Promise<CheckResult[]> {
  const enabled = new Set(
    (ctx.root?.PolicyTypes ?? []).filter((t) => t.Status === "ENABLED").map((t) => t.Type as string),
  );
  return ENABLED_POLICY_TYPES.map((type) =>
    enabled.has(type)
      ? pass("policy-types", `${type} is enabled on the root`)
      : pending(
          "policy-types",
          `${type} is not enabled yet: the organization stack enables it (enabled_policy_types)`,
        ),
  );
}

/** IAM Identity Center's instance exists and holds the configured groups. */
export async function checkIdentityCenter(ctx: PreflightContext): Promise<CheckResult[]> {
  const ic = ctx.config.organization.identityCenter;
  if (!ic) return [pass("identity-center", "not configured (no identityCenter in organization.yaml)")];
  const home = ctx.config.organization.homeRegion;
  const step = `IAM Identity Center console in ${home} > Enable (an organization instance)`;
  if (!ctx.organization) {
    return [
      pending(
        "identity-center",
        `an organization instance needs the organization: after make deploy GROUP=organization, ${step}, and let your identity provider provision the groups before the controls group`,
      ),
    ];
  }
  const instance = (
    await new SSOAdminClient(ctx.settings).send(new ListInstancesCommand({}))
  ).Instances?.find((i) => i.OwnerAccountId === undefined || i.OwnerAccountId === ctx.callerAccount);
  if (!instance) return [fail("identity-center", `no IAM Identity Center instance in ${home}`, step)];
  const store = new IdentitystoreClient(ctx.settings);
  const results: CheckResult[] = [
    pass("identity-center", `instance ${instance.InstanceArn} (identity store ${instance.IdentityStoreId})`),
  ];
  for (const group of ic.groups) {
    const found = await unlessAbsent(
      () =>
        store.send(
          new GetGroupIdCommand({
            IdentityStoreId: instance.IdentityStoreId!,
            AlternateIdentifier: { UniqueAttribute: { AttributePath: "displayName", AttributeValue: group } },
          }),
        ),
      "ResourceNotFoundException",
    );
    results.push(
      found
        ? pass("identity-center", `group ${group} found (${found.GroupId})`)
        : fail(
            "identity-center",
            `group ${group} is not in identity store ${instance.IdentityStoreId}; the identity-center stack looks groups up by display name`,
            "create the group in your identity provider and let SCIM provision it, or in the IAM Identity Center console > Groups",
          ),
    );
  }
  return results;
}

/**
 * IAM Identity Center's MFA settings: AWS has no public API that reads them (DescribeInstance returns the instance's
 * name, status and identity store, no MFA setting; GetMfaDeviceManagementForDirectory is a console-only operation,
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/sso-info-in-cloudtrail.html), so the report says so
 * and names what watches them instead (164.312(d)).
 */
export async function checkIdentityCenterMfa(ctx: PreflightContext): Promise<CheckResult[]> {
  if (!ctx.config.organization.identityCenter) return [];
  return [
    {
      check: "identity-center-mfa",
      status: "unchecked",
      message:
        "Identity Center's MFA settings cannot be read: AWS has no public API for them (DescribeInstance carries none; the console's GetMfaDeviceManagementForDirectory is not in the SDK). Deployed, the organization-trail stack alarms on a password-only sign-in (IdentityCenterSignInWithoutMfa) and on any change to the settings (IdentityCenterMfaSettingsChanged)",
      fix: `check by hand: IAM Identity Center console in ${ctx.config.organization.homeRegion} > Settings > Authentication > Multi-factor authentication: prompt users "Every time they sign in", and require them to register a device at sign-in (docs/identity-center.md)`,
    },
  ];
}

/** AWS's default account quota, used when Service Quotas cannot be read (AWS Organizations quotas page). */
export const DEFAULT_ACCOUNT_QUOTA = 10;
/** The quota's name in Service Quotas (its code may change, AWS says; its name does not). */
const ACCOUNT_QUOTA_NAME = "Default maximum number of accounts";

/** Accounts in the organization plus the configuration's new ones fit the Organizations account quota. */
export async function checkAccountQuota(ctx: PreflightContext): Promise<CheckResult[]> {
  const quotas = new ServiceQuotasClient(inRegion(ctx.settings, ORGANIZATIONS_REGION));
  let quota: number | undefined;
  let unread = "no such quota listed";
  try {
    const listed = await collect(
      paginateListServiceQuotas({ client: quotas }, { ServiceCode: "organizations" }),
      (p) => p.Quotas,
    );
    quota = listed.find((q) => q.QuotaName === ACCOUNT_QUOTA_NAME)?.Value;
  } catch (error) {
    // Any refusal (no servicequotas permission, the emulator's missing API) falls back to the documented default,
    // and the line says so: the quota is only ever higher than the default, so the check cannot pass wrongly.
    unread = (error as Error).name;
  }
  const source =
    quota === undefined
      ? `AWS's default of ${DEFAULT_ACCOUNT_QUOTA}; Service Quotas did not answer: ${unread}`
      : "Service Quotas";
  const limit = quota ?? DEFAULT_ACCOUNT_QUOTA;
  const existing = new Set(ctx.accounts.map((a) => a.Email!.toLowerCase()));
  // Closed accounts count until they are closed for good; the management account counts too.
  const current = Math.max(ctx.accounts.length, 1);
  const added = ctx.config.organization.accounts.filter((a) => !existing.has(a.email.toLowerCase())).length;
  const needed = current + added;
  return [
    needed <= limit
      ? pass(
          "account-quota",
          `${needed} accounts needed (${current} in the organization, ${added} to create); quota ${limit} (${source})`,
        )
      : fail(
          "account-quota",
          `${needed} accounts needed (${current} in the organization, ${added} to create), but the quota is ${limit} (${source})`,
          "Service Quotas console (us-east-1) > AWS Organizations > Default maximum number of accounts > Request increase",
        ),
  ];
}

/**
 * The policies of one kind (SCPs or RCPs) the configuration attaches, with those already attached that it does not
 * manage, fit each target and the organization. A new OU has nothing attached yet; a type not yet enabled has
 * nothing attached anywhere.
 */
async function checkPolicyQuotas(
  ctx: PreflightContext,
  kind: AuthorizationPolicyKind,
): Promise<CheckResult[]> {
  const id = `${kind.short.toLowerCase()}-quotas`;
  if (!ctx.organization)
    return [pending(id, "no organization yet: nothing attached beyond the configuration")];
  const org = ctx.config.organization;
  const limit = org.limits[kind.maxPerTargetLimit];
  const orgs = new OrganizationsClient(inRegion(ctx.settings, ORGANIZATIONS_REGION));
  const attachments = policyAttachments(org, kind);
  const managed = new Set<string>(attachments.map((a) => a.policy));
  const results: CheckResult[] = [];
  const all = await collect(paginateListPolicies({ client: orgs }, { Filter: kind.type }), (p) => p.Policies);
  const total = all.filter((p) => !p.AwsManaged && !managed.has(p.Name!)).length + managed.size;
  results.push(
    total <= kind.maxPerOrganization
      ? pass(id, `${total} ${kind.short}s in the organization with the landing zone's`)
      : fail(
          id,
          `${total} ${kind.short}s would exceed AWS's ${kind.maxPerOrganization}`,
          `delete unused ${kind.short}s in the Organizations console (Policies > ${kind.consolePage})`,
        ),
  );
  for (const [target, policies] of policiesPerTarget(attachments)) {
    const targetId = ctx.ouIds.get(target);
    if (targetId === undefined) continue; // a new OU: nothing is attached to it yet
    const attached = await collect(
      paginateListPoliciesForTarget({ client: orgs }, { TargetId: targetId, Filter: kind.type }),
      (p) => p.Policies,
    );
    // The AWS managed policy is counted by the configuration's own limit check; other unmanaged ones stay attached.
    const others = attached
      .filter((p) => p.Name !== kind.awsManaged && !managed.has(p.Name!))
      .map((p) => p.Name!);
    const count = policies.length + 1 + others.length;
    results.push(
      count <= limit
        ? pass(id, `${target}: ${count} ${kind.short}s after deploy (limit ${limit})`)
        : fail(
            id,
            `${target}: ${policies.length} landing-zone ${kind.short}s + ${kind.awsManaged} + ${others.length} already attached (${others.join(", ")}) = ${count}, over the limit of ${limit}`,
            `detach or merge ${others.join(", ")} (Organizations console > Policies > ${kind.consolePage}), or raise the quota and limits.${kind.maxPerTargetLimit}`,
          ),
    );
  }
  return results;
}

/** The SCPs fit each target and the organization (scp-quotas). */
export async function checkScpQuotas(ctx: PreflightContext): Promise<CheckResult[]> {
  return checkPolicyQuotas(ctx, SCP_KIND);
}

/** The RCPs fit each target and the organization (rcp-quotas). */
export async function checkRcpQuotas(ctx: PreflightContext): Promise<CheckResult[]> {
  return checkPolicyQuotas(ctx, RCP_KIND);
}

/** Every governed region is enabled in every account (opt-in regions are off in a new account). */
export async function checkRegions(ctx: PreflightContext): Promise<CheckResult[]> {
  const regions = ctx.config.organization.regions;
  const client = new AccountClient(inRegion(ctx.settings, ORGANIZATIONS_REGION));
  const accounts =
    ctx.accounts.length > 0 ? ctx.accounts.filter((a) => a.Status === "ACTIVE") : [{ Id: ctx.callerAccount }];
  const results: CheckResult[] = [];
  // Reading a member's regions needs trusted access for AWS Account Management (ListRegions with AccountId); the
  // organization stack enables it, so before its first deploy only the management account can be read.
  const membersReadable = ctx.trustedPrincipals.includes(ACCOUNT_MANAGEMENT_PRINCIPAL);
  for (const account of accounts) {
    if (account.Id !== ctx.callerAccount && !membersReadable) {
      results.push(
        fail(
          "regions",
          `${account.Id}: cannot read its regions: trusted access for AWS Account Management (${ACCOUNT_MANAGEMENT_PRINCIPAL}) is off`,
          "Organizations console > Services > AWS Account Management > Enable trusted access (make deploy GROUP=organization also enables it), then run make preflight again",
        ),
      );
      continue;
    }
    // The management account asks about itself without AccountId, about members with it.
    const own = account.Id === ctx.callerAccount;
    const listed = await collect(
      paginateListRegions(
        { client },
        {
          AccountId: own ? undefined : account.Id,
          RegionOptStatusContains: ["ENABLED", "ENABLED_BY_DEFAULT"],
        },
      ),
      (p) => p.Regions,
    );
    const enabled = new Set(listed.map((r) => r.RegionName));
    const off = regions.filter((r) => !enabled.has(r));
    results.push(
      off.length === 0
        ? pass("regions", `${account.Id}: ${regions.join(", ")} enabled`)
        : fail(
            "regions",
            `${account.Id}: ${off.join(", ")} not enabled; every governed region must be`,
            `aws account enable-region --region-name ${off[0]}${own ? "" : ` --account-id ${account.Id}`} (or Account console > AWS Regions)`,
          ),
    );
  }
  return results;
}

/** Every existing member account lets the deploy role be assumed from here. */
export async function checkDeployRoles(ctx: PreflightContext): Promise<CheckResult[]> {
  const role = ctx.config.organization.roles.deploy;
  const members = ctx.accounts.filter((a) => a.Id !== ctx.callerAccount && a.Status === "ACTIVE");
  if (members.length === 0)
    return [
      pass("deploy-roles", "no member accounts yet: the organization stack creates them with the role"),
    ];
  const results: CheckResult[] = [];
  for (const account of members) {
    const arn = `arn:aws:iam::${account.Id}:role/${role}`;
    try {
      const session = await assumedSettings(ctx.settings, arn, "lz-preflight");
      // Reading the role back with its own session proves the session works and the role is the one named.
      await new IAMClient(session).send(new GetRoleCommand({ RoleName: role }));
      results.push(pass("deploy-roles", `${account.Id} (${account.Name}): ${role} assumed`));
    } catch (error) {
      if (
        !errorNamed(error, "AccessDenied", "AccessDeniedException", "NoSuchEntity", "NoSuchEntityException")
      )
        throw error;
      results.push(
        account.JoinedMethod === "INVITED"
          ? pending(
              "deploy-roles",
              `${account.Id} (${account.Name}) joined by invitation and has no ${role}: the organization stack's StackSet creates it (run make adopt first, so the configuration knows the account)`,
            )
          : fail(
              "deploy-roles",
              `${account.Id} (${account.Name}): cannot assume ${role} (${(error as Error).name})`,
              `recreate ${role} in ${account.Id} trusting ${ctx.callerAccount} (the IAM role AWS Organizations creates), or set roles.deploy to the role the account has`,
            ),
      );
    }
  }
  return results;
}

/**
 * No account has Session Manager preferences the landing zone did not write. The console writes
 * SSM-SessionManagerRunShell the first time someone opens its preferences page
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-default-session-document.html),
 * and the baseline's create of that document then fails with DocumentAlreadyExists. The landing zone's own copy
 * carries its LandingZone tag. Accounts whose deploy role cannot be assumed are left to the deploy-roles check.
 */
export async function checkSessionPreferences(ctx: PreflightContext): Promise<CheckResult[]> {
  const org = ctx.config.organization;
  const results: CheckResult[] = [];
  for (const account of ctx.accounts.filter((a) => a.Status === "ACTIVE")) {
    const where = `${account.Id} (${account.Name})`;
    let session = ctx.settings;
    if (account.Id !== ctx.callerAccount) {
      try {
        session = await assumedSettings(
          ctx.settings,
          `arn:aws:iam::${account.Id}:role/${org.roles.deploy}`,
          "lz-preflight",
        );
      } catch (error) {
        if (!errorNamed(error, "AccessDenied", "AccessDeniedException")) throw error;
        continue;
      }
    }
    for (const region of org.regions) {
      const ssm = new SSMClient(inRegion(session, region));
      const found = await unlessAbsent(
        () => ssm.send(new DescribeDocumentCommand({ Name: SESSION_PREFERENCES_DOCUMENT })),
        "InvalidDocument",
      );
      if (!found) {
        results.push(
          pass(SESSION_PREFERENCES_CHECK, `${where} ${region}: no preferences yet; the baseline writes them`),
        );
        continue;
      }
      const { TagList } = await ssm.send(
        new ListTagsForResourceCommand({
          ResourceType: "Document",
          ResourceId: SESSION_PREFERENCES_DOCUMENT,
        }),
      );
      if (TagList?.some((t) => t.Key === LANDING_ZONE_TAG && t.Value === org.name)) {
        results.push(pass(SESSION_PREFERENCES_CHECK, `${where} ${region}: the landing zone's preferences`));
      } else {
        results.push(
          fail(
            SESSION_PREFERENCES_CHECK,
            `${where} ${region}: ${SESSION_PREFERENCES_DOCUMENT} exists and is not the landing zone's (preferences set in the console?): the baseline's create would fail with DocumentAlreadyExists`,
            `import it into baseline-<account> (terraform import <address of the ${region} aws_ssm_document> ${SESSION_PREFERENCES_DOCUMENT}), or delete it as that account: aws ssm delete-document --name ${SESSION_PREFERENCES_DOCUMENT} --region ${region} (docs/network-and-baseline.md, Session Manager)`,
          ),
        );
      }
    }
  }
  return results;
}

/** The state bucket and key exist with the settings make bootstrap gives them. */
export async function checkStateBackend(ctx: PreflightContext): Promise<CheckResult[]> {
  const org = ctx.config.organization;
  const live = await probeStateBackend(ctx.settings, org);
  const differences = stateBackendDifferences(live, org);
  const missing = [
    ...(live.bucket.state === "absent" ? [`bucket ${org.state.bucket} does not exist`] : []),
    ...(live.key.state === "absent" ? [`key ${org.state.kmsKeyId} does not exist`] : []),
  ];
  if (differences.length + missing.length === 0) {
    return [
      pass(
        "state-backend",
        `s3://${org.state.bucket} and ${org.state.kmsKeyId} as make bootstrap sets them (only ${org.roles.managementDeploy}, ${org.roles.managementPlan} and break-glass read state: plan and deploy run in the pipeline)`,
      ),
    ];
  }
  return [...missing, ...differences].map((problem) =>
    fail(
      "state-backend",
      problem,
      "make bootstrap (it creates what is missing and names what it will not change)",
    ),
  );
}

/** The service principals the landing zone registers a delegated administrator for (the detective-controls stack
 * registers GuardDuty, Security Hub and Macie through their own APIs, which record it in Organizations). */
const DELEGATED_SERVICES = [
  ...ORGANIZATIONS_DELEGATED_SERVICES,
  "guardduty.amazonaws.com",
  "securityhub.amazonaws.com",
  "macie.amazonaws.com",
];

/** No account other than the security-tooling account holds a delegated administration the configuration wants. */
export async function checkDelegatedAdministrators(ctx: PreflightContext): Promise<CheckResult[]> {
  if (!ctx.organization) return [pending("delegated-admins", "no organization yet: nothing is delegated")];
  const org = ctx.config.organization;
  const tooling = org.accounts.find((a) => a.name === org.coreAccounts.securityTooling)!;
  const toolingId = ctx.accounts.find((a) => a.Email?.toLowerCase() === tooling.email.toLowerCase())?.Id;
  const orgs = new OrganizationsClient(inRegion(ctx.settings, ORGANIZATIONS_REGION));
  const results: CheckResult[] = [];
  for (const service of DELEGATED_SERVICES) {
    const admins = await collect(
      paginateListDelegatedAdministrators({ client: orgs }, { ServicePrincipal: service }),
      (p) => p.DelegatedAdministrators,
    );
    const others = admins.filter((a) => a.Id !== toolingId);
    results.push(
      others.length === 0
        ? pass("delegated-admins", `${service}: ${admins.length > 0 ? `held by ${tooling.name}` : "free"}`)
        : fail(
            "delegated-admins",
            `${service} is delegated to ${others.map((a) => `${a.Id} (${a.Name})`).join(", ")}, not ${tooling.name}${toolingId ? ` (${toolingId})` : ""}`,
            `aws organizations deregister-delegated-administrator --account-id ${others[0].Id} --service-principal ${service} (after moving what that account administers)`,
          ),
    );
  }
  return results;
}

/**
 * CloudFormation StackSets has trusted access with Organizations, activated through CloudFormation
 * (DescribeOrganizationsAccess in the management account), when the organization stack's deploy-role StackSet is
 * needed: some member joined by invitation (STACKSETS_TRUSTED_ACCESS_DOC).
 */
export async function checkStackSetsTrustedAccess(
  ctx: PreflightContext,
  cloudFormation: CloudFormationSender = new CloudFormationClient(ctx.settings),
): Promise<CheckResult[]> {
  const id = "stacksets-trusted-access";
  if (!ctx.organization) return [pending(id, "no organization yet: no account joined by invitation")];
  const invited = invitedMembers(ctx.accounts, ctx.organization.MasterAccountId ?? ctx.callerAccount);
  if (invited.length === 0) {
    return [pass(id, "no member joined by invitation: the deploy-role StackSet is not needed")];
  }
  const names = invited.map((a) => `${a.Id} (${a.Name})`).join(", ");
  const status = await stackSetsAccessStatus(cloudFormation, ctx.settings.endpoint !== undefined);
  if (typeof status !== "string") {
    return [
      {
        check: id,
        status: "unchecked",
        message: `not checkable locally: the emulator does not answer CloudFormation DescribeOrganizationsAccess (${status.unsupported}); on AWS the deploy-role StackSet for ${names} needs it ENABLED`,
      },
    ];
  }
  return [
    status === "ENABLED"
      ? pass(
          id,
          `ENABLED (CloudFormation DescribeOrganizationsAccess): the deploy-role StackSet can reach ${names}`,
        )
      : fail(
          id,
          `CloudFormation StackSets trusted access is ${status}, so the organization stack cannot create the deploy-role StackSet for ${names} (${STACKSETS_TRUSTED_ACCESS_DOC})`,
          ACTIVATE_STACKSETS_ACCESS_COMMAND,
        ),
  ];
}

/** Whether AWS Control Tower governs the organization, and what that means for this landing zone. */
export async function checkControlTower(ctx: PreflightContext): Promise<CheckResult[]> {
  if (!ctx.organization) return [pass("control-tower", "no organization, so no Control Tower")];
  if (!ctx.trustedPrincipals.includes("controltower.amazonaws.com")) {
    return [pass("control-tower", "not enabled (no trusted access for controltower.amazonaws.com)")];
  }
  return [
    fail(
      "control-tower",
      "AWS Control Tower has trusted access. In the accounts it enrolls it runs its own AWS Config recorder, and AWS " +
        "Config allows one customer managed recorder per account and region (PutConfigurationRecorder), so this " +
        "landing zone's baseline recorders fail there; its mandatory SCPs count toward each OU's SCP quota, and its " +
        "organization trail would record every event a second time beside this landing zone's trail",
      "deploy this landing zone to an organization without Control Tower, or decommission Control Tower first (Control Tower console > Landing zone settings > Decommission); running both is not supported",
    ),
  ];
}

/** Every check, in the order the report lists them. */
export const PREFLIGHT_CHECKS = [
  checkOrganization,
  checkPolicyTypes,
  checkIdentityCenter,
  checkIdentityCenterMfa,
  checkAccountQuota,
  checkScpQuotas,
  checkRcpQuotas,
  checkRegions,
  checkDeployRoles,
  checkSessionPreferences,
  checkStateBackend,
  checkDelegatedAdministrators,
  checkStackSetsTrustedAccess,
  checkControlTower,
] as const;

/** Whether the result blocks a deploy. */
export function failed(results: readonly CheckResult[]): boolean {
  return results.some((r) => r.status === "fail");
}
