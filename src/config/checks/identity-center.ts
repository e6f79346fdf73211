// Checks of identityCenter in organization.yaml: groups, sets and targets that exist, no assignment twice, no
// inline administrator access (164.308(a)(4) information access management), short sessions wherever PHI is
// reachable (164.312(a)(2)(iii) automatic logoff), and each set only where its scope allows (164.312(a)(1)).
import { ConfigIssue } from "../errors";
import {
  AccountAssignment,
  expandAssignments,
  flattenOus,
  permissionSets,
  phiAccountNames,
  ROOT_TARGET,
} from "../model";
import { IdentityCenterConfig, OrganizationConfig } from "../schema";
import { cite } from "../../policies/hipaa-sections";
import {
  allowAllStatements,
  CATALOGUE_NAMES,
  MAX_PHI_SESSION_HOURS,
  PermissionSetDefinition,
} from "../../policies/permission-sets";
import { EnvironmentSource, IssueList, list, notUnique, OrganizationSource, repeats } from "./sources";

/** Groups are listed once. */
function checkGroups(center: IdentityCenterConfig, out: IssueList): void {
  for (const { item, index, first } of repeats(center.groups, (g) => g)) {
    out.add(["groups", index], item, notUnique("group", `identityCenter.groups[${first}]`));
  }
}

/** Configured sets: not named like the catalogue's, unique, and no inline "*" on "*". */
function checkPermissionSets(center: IdentityCenterConfig, out: IssueList): void {
  const configured = center.permissionSets.filter((set) => !CATALOGUE_NAMES.includes(set.name));
  center.permissionSets.forEach((set, index) => {
    if (CATALOGUE_NAMES.includes(set.name)) {
      out.add(
        ["permissionSets", index, "name"],
        set.name,
        `expected a name other than the catalogue's (${CATALOGUE_NAMES.join(", ")}); the catalogue's sets always exist`,
      );
    }
    for (const statement of set.inlinePolicy ? allowAllStatements(set.inlinePolicy) : []) {
      out.add(
        ["permissionSets", index, "inlinePolicy", "Statement", statement],
        set.inlinePolicy!.Statement[statement],
        `expected specific actions or resources: permission set "${set.name}" would allow "*" on "*" inline (least privilege, ${cite("164.308(a)(4)")}); name the actions it needs, or use a reviewed catalogue set`,
      );
    }
  });
  for (const { item, first } of repeats(configured, (s) => s.name)) {
    const index = center.permissionSets.indexOf(item);
    const firstIndex = center.permissionSets.indexOf(configured[first]);
    out.add(
      ["permissionSets", index, "name"],
      item.name,
      notUnique("permission set name", `identityCenter.permissionSets[${firstIndex}]`),
    );
  }
}

/** Each assignment names a group, a set, accounts and OUs that exist. */
function checkAssignmentReferences(
  org: OrganizationConfig,
  center: IdentityCenterConfig,
  sets: ReadonlyMap<string, PermissionSetDefinition>,
  out: IssueList,
): void {
  const groups = new Set(center.groups);
  const accounts = new Set(org.accounts.map((a) => a.name));
  const ouTargets = new Set([ROOT_TARGET, ...flattenOus(org.organizationalUnits).map((ou) => ou.path)]);
  center.assignments.forEach((assignment, index) => {
    if (!groups.has(assignment.group)) {
      out.add(
        ["assignments", index, "group"],
        assignment.group,
        `expected one of the groups: ${list(groups)}`,
      );
    }
    if (!sets.has(assignment.permissionSet)) {
      out.add(
        ["assignments", index, "permissionSet"],
        assignment.permissionSet,
        `expected one of the permission sets: ${list(sets.keys())}`,
      );
    }
    (assignment.accounts ?? []).forEach((account, i) => {
      if (!accounts.has(account)) {
        out.add(
          ["assignments", index, "accounts", i],
          account,
          `expected one of the accounts: ${list(accounts)}`,
        );
      }
    });
    (assignment.ous ?? []).forEach((ou, i) => {
      if (!ouTargets.has(ou)) {
        out.add(
          ["assignments", index, "ous", i],
          ou,
          `expected Root or one of the OU paths: ${list(ouTargets)}`,
        );
      }
    });
  });
}

/** After OU expansion, no group gets the same set in the same account twice (reported once per assignment). */
function checkRepeatedAssignments(expanded: readonly AccountAssignment[], out: IssueList): void {
  const key = (x: AccountAssignment) => `${x.group}\u0000${x.permissionSet}\u0000${x.account}`;
  const reported = new Set<string>();
  for (const { item: a, first } of repeats(expanded, key)) {
    const firstIndex = expanded[first].index;
    const once = `${key(a)}\u0000${a.index}`;
    if (firstIndex === a.index || reported.has(once)) continue;
    reported.add(once);
    out.add(
      ["assignments", a.index],
      { group: a.group, permissionSet: a.permissionSet },
      `expected each group, permission set and account once: assignments[${firstIndex}] already gives "${a.group}" ${a.permissionSet} in account "${a.account}"`,
    );
  }
}

/** Each set reaches only accounts its scope allows, and sets that reach PHI end their sessions in time. */
function checkScopesAndSessions(
  org: OrganizationConfig,
  center: IdentityCenterConfig,
  sets: ReadonlyMap<string, PermissionSetDefinition>,
  expanded: readonly AccountAssignment[],
  phiAccounts: ReadonlyMap<string, string>,
  out: IssueList,
): void {
  const scopeReported = new Set<number>();
  const sessionReported = new Set<string>();
  for (const a of expanded) {
    const set = sets.get(a.permissionSet);
    if (!set || scopeReported.has(a.index)) continue;
    const phi = phiAccounts.has(a.account);
    const scopeBroken =
      (set.scope === "non-phi" && phi) ||
      (set.scope === "security-tooling" && a.account !== org.coreAccounts.securityTooling);
    if (scopeBroken) {
      scopeReported.add(a.index);
      out.add(
        ["assignments", a.index, "permissionSet"],
        a.permissionSet,
        set.scope === "non-phi"
          ? `expected a permission set allowed in PHI accounts: ${a.permissionSet} is for non-PHI environments only, and account "${a.account}" ${phiAccounts.get(a.account) ?? ""} (${cite("164.312(a)(1)")})`
          : `expected only the security-tooling account ("${org.coreAccounts.securityTooling}"): ${a.permissionSet} is scoped to it, and this assignment reaches "${a.account}"`,
      );
    }
    if (phi && set.sessionHours > MAX_PHI_SESSION_HOURS && !sessionReported.has(a.permissionSet)) {
      sessionReported.add(a.permissionSet);
      const configuredIndex = center.permissionSets.findIndex((p) => p.name === a.permissionSet);
      out.add(
        ["permissionSets", configuredIndex, "sessionHours"],
        set.sessionHours,
        `expected at most ${MAX_PHI_SESSION_HOURS} hours: permission set "${a.permissionSet}" is assigned to PHI account "${a.account}" (assignments[${a.index}]), and sessions that reach PHI end within ${MAX_PHI_SESSION_HOURS} hours (automatic logoff, ${cite("164.312(a)(2)(iii)")})`,
      );
    }
  }
}

/**
 * The accounts whose sessions reach PHI: the PHI environments' accounts and, while the central application logs
 * link their log groups to it, security-tooling, from which every linked account's log events are read (whether
 * IAM conditions on the source log group bind such a read is not documented, so a set's PHI log-data denials are
 * not relied on there; docs/detective-controls.md, "Central application logs").
 */
function phiReachingAccounts(
  org: OrganizationConfig,
  environments: readonly EnvironmentSource[],
): Map<string, string> {
  const phi = new Map(
    [...phiAccountNames(environments.map((e) => e.config))].map((name) => [name, "is in a PHI environment"]),
  );
  if (
    phi.size > 0 &&
    org.detectiveControls.centralLogs.enabled &&
    !phi.has(org.coreAccounts.securityTooling)
  ) {
    phi.set(
      org.coreAccounts.securityTooling,
      "reads the PHI accounts' log groups through the central application logs (detectiveControls.centralLogs)",
    );
  }
  return phi;
}

/** Every problem of identityCenter; none when it is not configured. */
export function identityCenterIssues(
  { organization: org, file }: OrganizationSource,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  const center = org.identityCenter;
  if (!center) return [];
  const out = new IssueList(file, ["identityCenter"]);
  const sets = new Map(permissionSets(org, { phiAccountIds: [] }).map((set) => [set.name, set]));
  const expanded = expandAssignments(org);
  checkGroups(center, out);
  checkPermissionSets(center, out);
  checkAssignmentReferences(org, center, sets, out);
  checkRepeatedAssignments(expanded, out);
  checkScopesAndSessions(org, center, sets, expanded, phiReachingAccounts(org, environments), out);
  return out.issues;
}
