// Checks of organization.yaml a schema cannot express: OUs within AWS's nesting limit, unique accounts in OUs
// that exist, core accounts kept apart, governed regions, SCP and RCP attachments within quota, and the log archive's
// replica and transitions, and image providers that name real accounts (164.312(a)(1) access control,
// 164.316(b)(2)(i) retention).
import { ConfigIssue, formatPath } from "../errors";
import {
  flattenOus,
  isImageProviderId,
  MANAGEMENT_ACCOUNT_NAME,
  OuNode,
  policyAttachments,
  ROOT_TARGET,
} from "../model";
import { AuthorizationPolicyKind, RCP_KIND, SCP_KIND } from "../../policies/policy-kinds";
import { policiesPerTarget } from "../../policies/scp-library";
import { IMAGE_PROVIDER_ALIASES } from "../../policies/ec2-declarative-policy";
import { IssueList, list, notUnique, OrganizationSource, repeats } from "./sources";

/** AWS Organizations allows OUs to nest five levels below the root. */
export const MAX_OU_DEPTH = 5;

/** OUs: unique among siblings, not named like the root, within AWS's nesting limit. */
function checkOus(ous: readonly OuNode[], out: IssueList): void {
  for (const { item: ou, first } of repeats(ous, (o) => o.path)) {
    out.add(
      [...ou.configPath, "name"],
      ou.name,
      notUnique("name among sibling OUs", formatPath(ous[first].configPath)),
    );
  }
  for (const ou of ous) {
    if (ou.depth === 1 && ou.name === ROOT_TARGET) {
      out.add(
        [...ou.configPath, "name"],
        ou.name,
        `expected an OU name other than "${ROOT_TARGET}", which names the organization root`,
      );
    }
    if (ou.depth > MAX_OU_DEPTH) {
      out.add(
        [...ou.configPath, "name"],
        ou.name,
        `expected OUs at most ${MAX_OU_DEPTH} levels below the root (AWS limit); "${ou.path}" is ${ou.depth} deep`,
      );
    }
  }
}

/** Accounts: unique names and emails (AWS compares emails case-insensitively), none named like the management account's baseline, each in an OU that exists. */
function checkAccounts(
  { organization: org }: OrganizationSource,
  ouPaths: readonly string[],
  out: IssueList,
): void {
  for (const { item, index, first } of repeats(org.accounts, (a) => a.name)) {
    out.add(["accounts", index, "name"], item.name, notUnique("account name", `accounts[${first}]`));
  }
  for (const { item, index, first } of repeats(org.accounts, (a) => a.email.toLowerCase())) {
    out.add(["accounts", index, "email"], item.email, notUnique("account email", `accounts[${first}]`));
  }
  org.accounts.forEach((account, index) => {
    if (account.name === MANAGEMENT_ACCOUNT_NAME) {
      out.add(
        ["accounts", index, "name"],
        account.name,
        `expected a name other than "${MANAGEMENT_ACCOUNT_NAME}", which names the management account's baseline stack`,
      );
    }
    if (!ouPaths.includes(account.ou)) {
      out.add(["accounts", index, "ou"], account.ou, `expected one of the OU paths: ${list(ouPaths)}`);
    }
  });
}

/** Core accounts exist; the log archive is kept apart from the security tooling (separation of duties). */
function checkCoreAccounts({ organization: org }: OrganizationSource, out: IssueList): void {
  const names = new Set(org.accounts.map((a) => a.name));
  for (const role of ["logArchive", "securityTooling", "network", "backup"] as const) {
    const name = org.coreAccounts[role];
    if (!names.has(name)) {
      out.add(["coreAccounts", role], name, `expected the name of an account in accounts: ${list(names)}`);
    }
  }
  if (org.coreAccounts.logArchive === org.coreAccounts.securityTooling) {
    out.add(
      ["coreAccounts", "securityTooling"],
      org.coreAccounts.securityTooling,
      "expected an account other than coreAccounts.logArchive: the log archive is kept apart from the tools that read it",
    );
  }
}

/**
 * Roles: every name distinct. The SCPs, key policies and providers tell the roles apart by name, so a plan role
 * named like the deploy role would give pull requests the deploy role's power (and a break-glass role named like
 * either would merge emergency access into everyday use).
 */
function checkRoleNames({ organization: org }: OrganizationSource, out: IssueList): void {
  const roles = Object.entries(org.roles) as Array<[keyof typeof org.roles, string]>;
  roles.forEach(([key, name], index) => {
    const first = roles.findIndex(([, other]) => other === name);
    if (first < index) out.add(["roles", key], name, notUnique("role name", `roles.${roles[first][0]}`));
  });
}

/** Regions: no repeats, and the home region is governed. */
function checkRegions({ organization: org }: OrganizationSource, out: IssueList): void {
  for (const { item, index, first } of repeats(org.regions, (r) => r)) {
    out.add(["regions", index], item, notUnique("region", `regions[${first}]`));
  }
  if (!org.regions.includes(org.homeRegion)) {
    out.add(
      ["homeRegion"],
      org.homeRegion,
      `expected one of the governed regions: ${list(new Set(org.regions))}`,
    );
  }
}

/**
 * SCP or RCP attachments: real targets, each policy in one entry, and within the per-target quota (the AWS managed
 * FullAWSAccess or RCPFullAWSAccess counts).
 */
function checkPolicyAttachments(
  { organization: org }: OrganizationSource,
  ouPaths: readonly string[],
  kind: AuthorizationPolicyKind,
  out: IssueList,
): void {
  const attachments = policyAttachments(org, kind);
  const key = kind.configKey;
  const configured = org[key] !== undefined;
  if (configured) {
    for (const { item, index, first } of repeats(attachments, (a) => a.policy)) {
      out.add(
        [key, index, "policy"],
        item.policy,
        `${notUnique("policy", `${key}[${first}]`)}; list all its targets in one entry`,
      );
    }
  }
  const validTargets = new Set([ROOT_TARGET, ...ouPaths]);
  attachments.forEach((attachment, index) => {
    attachment.targets.forEach((target, targetIndex) => {
      if (validTargets.has(target)) return;
      if (configured) {
        out.add(
          [key, index, "targets", targetIndex],
          target,
          `expected Root or one of the OU paths: ${list(ouPaths)}`,
        );
      } else {
        out.add(
          ["organizationalUnits"],
          undefined,
          `the default attachment of ${attachment.policy} targets "${target}", which is not an OU; add that OU or set ${key}`,
        );
      }
    });
  });
  const max = org.limits[kind.maxPerTargetLimit];
  for (const [target, policies] of policiesPerTarget(attachments)) {
    const count = policies.length + 1;
    if (count > max) {
      out.add(
        configured ? [key] : ["limits", kind.maxPerTargetLimit],
        policies,
        `expected at most ${max} ${kind.short}s on "${target}" including ${kind.awsManaged} (limits.${kind.maxPerTargetLimit}); it would have ${count}`,
      );
    }
  }
}

/** The log archive: replicated to another governed region, transitions in order. */
function checkLogArchive({ organization: org }: OrganizationSource, out: IssueList): void {
  const archive = org.logArchive;
  const governed = new Set(org.regions);
  if (archive.replicationRegion !== undefined) {
    if (!governed.has(archive.replicationRegion)) {
      out.add(
        ["logArchive", "replicationRegion"],
        archive.replicationRegion,
        `expected one of the governed regions: ${list(governed)}`,
      );
    } else if (archive.replicationRegion === org.homeRegion) {
      out.add(
        ["logArchive", "replicationRegion"],
        archive.replicationRegion,
        "expected a governed region other than homeRegion: a replica in the same region does not survive a regional outage",
      );
    }
  } else if (org.regions.every((r) => r === org.homeRegion)) {
    out.add(
      ["regions"],
      org.regions,
      "expected a second governed region for the log archive's replica (or set logArchive.replicationRegion)",
    );
  }
  if (archive.deepArchiveAfterDays <= archive.glacierInstantRetrievalAfterDays) {
    out.add(
      ["logArchive", "deepArchiveAfterDays"],
      archive.deepArchiveAfterDays,
      `expected more days than glacierInstantRetrievalAfterDays (${archive.glacierInstantRetrievalAfterDays})`,
    );
  }
}

/** An image provider that is neither AWS's alias nor an account ID names an account of organization.yaml. */
function checkImageProviders({ organization: org }: OrganizationSource, out: IssueList): void {
  const names = new Set(org.accounts.map((a) => a.name));
  (org.ec2DeclarativePolicy.allowedImages.providers ?? []).forEach((provider, i) => {
    if (isImageProviderId(provider) || names.has(provider)) return;
    out.add(
      ["ec2DeclarativePolicy", "allowedImages", "providers", i],
      provider,
      `expected ${IMAGE_PROVIDER_ALIASES.join(", ")}, a 12-digit account ID or an account name in accounts: ${list(names)}`,
    );
  });
}

/** Every problem of organization.yaml on its own, in the file's order. */
export function organizationIssues(source: OrganizationSource): ConfigIssue[] {
  const out = new IssueList(source.file);
  const ous = flattenOus(source.organization.organizationalUnits);
  const ouPaths = [...new Set(ous.map((ou) => ou.path))];
  checkOus(ous, out);
  checkAccounts(source, ouPaths, out);
  checkCoreAccounts(source, out);
  checkRoleNames(source, out);
  checkRegions(source, out);
  checkPolicyAttachments(source, ouPaths, SCP_KIND, out);
  checkPolicyAttachments(source, ouPaths, RCP_KIND, out);
  checkLogArchive(source, out);
  checkImageProviders(source, out);
  return out.issues;
}
