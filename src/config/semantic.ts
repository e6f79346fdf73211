// Cross-field checks that a schema cannot express: references between files, uniqueness, CIDR overlap and AWS
// quotas. Every check returns messages rather than throwing, so the operator sees all problems at once.
import * as path from "path";
import {
  cidrsOverlap,
  cidrSize,
  isNetworkAligned,
  isPrivateCidr,
  parseCidr,
  PRIVATE_RANGES,
  Cidr,
} from "./cidr";
import { DETECTIVE_CONTROL_NAMES, ENVIRONMENT_CONTROL_NAMES, describeControl } from "./controls";
import { ConfigIssue } from "./errors";
import {
  expandAssignments,
  flattenOus,
  guardrailAttachments,
  permissionSets,
  phiAccountNames,
  ROOT_TARGET,
  SUSPENDED_OU,
} from "./model";
import {
  EnvironmentConfig,
  HIPAA_RETENTION_DAYS,
  LandingZoneConfig,
  OrganizationConfig,
  SuspendedAccount,
} from "./schema";
import { NON_PHI_TAG_VALUE, PHI_TAG } from "../policies/data-classification";
import { policiesPerTarget } from "../policies/scp-library";
import { allowAllStatements, CATALOGUE_NAMES, MAX_PHI_SESSION_HOURS } from "../policies/permission-sets";

/** Reserved: the management account's baseline stack is baseline-management. */
export const MANAGEMENT_ACCOUNT_NAME = "management";

/** Every account the landing zone baselines: the management account (by its reserved name) first, then the configured ones. */
export function allAccountNames(org: OrganizationConfig): string[] {
  return [MANAGEMENT_ACCOUNT_NAME, ...org.accounts.map((a) => a.name)];
}
/** AWS Organizations allows OUs to nest five levels below the root. */
export const MAX_OU_DEPTH = 5;
/** The largest PHI VPC prefix: a /22 leaves room for private subnets in several AZs plus endpoints. */
export const SMALLEST_VPC_PREFIX = 22;
/** AWS's largest VPC CIDR is a /16. */
export const LARGEST_VPC_PREFIX = 16;

/** The organization file with the path it was read from. */
export interface OrganizationSource {
  /** The validated organization configuration. */
  readonly organization: OrganizationConfig;
  /** The file it came from. */
  readonly file: string;
}

/** An environment file with the path it was read from. */
export interface EnvironmentSource {
  /** The validated environment configuration. */
  readonly config: EnvironmentConfig;
  /** The file it came from. */
  readonly file: string;
}

function list(values: Iterable<string>): string {
  const all = [...values];
  return all.length === 0 ? "(none defined)" : all.join(", ");
}

function organizationIssues({ organization: org, file }: OrganizationSource): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const issue = (path: ReadonlyArray<string | number>, received: unknown, message: string) =>
    issues.push({ file, path, received, message });

  // OUs: unique among siblings, not named like the root, within AWS's nesting limit.
  const ous = flattenOus(org.organizationalUnits);
  const seenPaths = new Set<string>();
  for (const ou of ous) {
    if (seenPaths.has(ou.path)) {
      issue(
        [...ou.configPath, "name"],
        ou.name,
        `expected a name unique among its sibling OUs ("${ou.path}" is defined twice)`,
      );
    }
    seenPaths.add(ou.path);
    if (ou.depth === 1 && ou.name === ROOT_TARGET) {
      issue(
        [...ou.configPath, "name"],
        ou.name,
        `expected an OU name other than "${ROOT_TARGET}", which names the organization root`,
      );
    }
    if (ou.depth > MAX_OU_DEPTH) {
      issue(
        [...ou.configPath, "name"],
        ou.name,
        `expected OUs at most ${MAX_OU_DEPTH} levels below the root (AWS limit); "${ou.path}" is ${ou.depth} deep`,
      );
    }
  }
  const ouPaths = [...seenPaths];

  // Accounts: unique names and emails, placed in an OU that exists.
  const namesSeen = new Map<string, number>();
  const emailsSeen = new Map<string, number>();
  org.accounts.forEach((account, index) => {
    const firstName = namesSeen.get(account.name);
    if (firstName !== undefined) {
      issue(
        ["accounts", index, "name"],
        account.name,
        `expected a unique account name (accounts[${firstName}] already uses it)`,
      );
    } else namesSeen.set(account.name, index);
    if (account.name === MANAGEMENT_ACCOUNT_NAME) {
      issue(
        ["accounts", index, "name"],
        account.name,
        `expected a name other than "${MANAGEMENT_ACCOUNT_NAME}", which names the management account's baseline stack`,
      );
    }
    const email = account.email.toLowerCase();
    const firstEmail = emailsSeen.get(email);
    if (firstEmail !== undefined) {
      issue(
        ["accounts", index, "email"],
        account.email,
        `expected an email no other account uses (accounts[${firstEmail}] already uses it)`,
      );
    } else emailsSeen.set(email, index);
    if (!seenPaths.has(account.ou)) {
      issue(["accounts", index, "ou"], account.ou, `expected one of the OU paths: ${list(ouPaths)}`);
    }
  });

  // Core accounts exist; the log archive is kept apart from the security tooling (separation of duties).
  for (const role of ["logArchive", "securityTooling", "network"] as const) {
    const name = org.coreAccounts[role];
    if (!namesSeen.has(name)) {
      issue(
        ["coreAccounts", role],
        name,
        `expected the name of an account in accounts: ${list(namesSeen.keys())}`,
      );
    }
  }
  if (org.coreAccounts.logArchive === org.coreAccounts.securityTooling) {
    issue(
      ["coreAccounts", "securityTooling"],
      org.coreAccounts.securityTooling,
      "expected an account other than coreAccounts.logArchive: the log archive is kept apart from the tools that read it",
    );
  }

  // Regions: no repeats, and the home region is governed.
  const regionsSeen = new Set<string>();
  org.regions.forEach((region, index) => {
    if (regionsSeen.has(region)) issue(["regions", index], region, "expected each region once");
    regionsSeen.add(region);
  });
  if (!regionsSeen.has(org.homeRegion)) {
    issue(["homeRegion"], org.homeRegion, `expected one of the governed regions: ${list(regionsSeen)}`);
  }

  // SCP attachments: real targets, no repeats, and within the per-target quota (FullAWSAccess counts).
  const attachments = guardrailAttachments(org);
  const configured = org.serviceControlPolicies !== undefined;
  const validTargets = new Set([ROOT_TARGET, ...ouPaths]);
  const policiesSeen = new Set<string>();
  attachments.forEach((attachment, index) => {
    if (configured && policiesSeen.has(attachment.policy)) {
      issue(
        ["serviceControlPolicies", index, "policy"],
        attachment.policy,
        "expected each policy once; list all its targets in one entry",
      );
    }
    policiesSeen.add(attachment.policy);
    attachment.targets.forEach((target, targetIndex) => {
      if (validTargets.has(target)) return;
      if (configured) {
        issue(
          ["serviceControlPolicies", index, "targets", targetIndex],
          target,
          `expected Root or one of the OU paths: ${list(ouPaths)}`,
        );
      } else {
        issue(
          ["organizationalUnits"],
          undefined,
          `the default attachment of ${attachment.policy} targets "${target}", which is not an OU; add that OU or set serviceControlPolicies`,
        );
      }
    });
  });
  for (const [target, policies] of policiesPerTarget(attachments)) {
    const count = policies.length + 1;
    if (count > org.limits.scpMaxPerTarget) {
      issue(
        configured ? ["serviceControlPolicies"] : ["limits", "scpMaxPerTarget"],
        policies,
        `expected at most ${org.limits.scpMaxPerTarget} SCPs on "${target}" including FullAWSAccess (limits.scpMaxPerTarget); it would have ${count}`,
      );
    }
  }
  // The log archive: replicated to another governed region, transitions in order.
  const archive = org.logArchive;
  if (archive.replicationRegion !== undefined) {
    if (!regionsSeen.has(archive.replicationRegion)) {
      issue(
        ["logArchive", "replicationRegion"],
        archive.replicationRegion,
        `expected one of the governed regions: ${list(regionsSeen)}`,
      );
    } else if (archive.replicationRegion === org.homeRegion) {
      issue(
        ["logArchive", "replicationRegion"],
        archive.replicationRegion,
        "expected a governed region other than homeRegion: a replica in the same region does not survive a regional outage",
      );
    }
  } else if (org.regions.every((r) => r === org.homeRegion)) {
    issue(
      ["regions"],
      org.regions,
      "expected a second governed region for the log archive's replica (or set logArchive.replicationRegion)",
    );
  }
  if (archive.deepArchiveAfterDays <= archive.glacierInstantRetrievalAfterDays) {
    issue(
      ["logArchive", "deepArchiveAfterDays"],
      archive.deepArchiveAfterDays,
      `expected more days than glacierInstantRetrievalAfterDays (${archive.glacierInstantRetrievalAfterDays})`,
    );
  }
  return issues;
}

/**
 * Checks environment files. Account references are checked only when the organization file is valid (`org`
 * defined); the rest runs regardless, so one broken file does not hide another's problems.
 */
function environmentIssues(
  org: OrganizationConfig | undefined,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const accountNames = new Set(org?.accounts.map((a) => a.name));
  const envByName = new Map<string, string>();
  const envByAccount = new Map<string, string>();
  const cidrs: Array<{ cidr: Cidr; text: string; file: string }> = [];

  for (const { config: env, file } of environments) {
    const issue = (path: ReadonlyArray<string | number>, received: unknown, message: string) =>
      issues.push({ file, path, received, message });
    const baseName = file.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/, "");
    if (env.name !== baseName) issue(["name"], env.name, `expected "${baseName}", the file's name`);
    const other = envByName.get(env.name);
    if (other) issue(["name"], env.name, `expected a unique environment name (${other} already uses it)`);
    envByName.set(env.name, file);

    env.accounts.forEach((account, index) => {
      if (!org) return;
      if (!accountNames.has(account)) {
        issue(
          ["accounts", index],
          account,
          `expected the name of an account in organization.yaml: ${list(accountNames)}`,
        );
        return;
      }
      const owner = envByAccount.get(account);
      if (owner && owner !== env.name) {
        issue(
          ["accounts", index],
          account,
          `expected an account that belongs to one environment only (it is already in ${owner})`,
        );
      }
      envByAccount.set(account, env.name);
    });

    const cidr = parseCidr(env.cidr) as Cidr; // the schema has already refused anything unparseable
    if (!isNetworkAligned(cidr)) {
      issue(["cidr"], env.cidr, `expected a network address with no host bits set for /${cidr.prefix}`);
    }
    if (cidr.prefix < LARGEST_VPC_PREFIX || cidr.prefix > SMALLEST_VPC_PREFIX) {
      issue(
        ["cidr"],
        env.cidr,
        `expected a prefix from /${LARGEST_VPC_PREFIX} to /${SMALLEST_VPC_PREFIX} (AWS allows /16 at most; below /${SMALLEST_VPC_PREFIX} (${cidrSize({ base: 0, prefix: SMALLEST_VPC_PREFIX })} addresses) leaves too little for subnets in two AZs and endpoints)`,
      );
    }
    if (!isPrivateCidr(cidr)) {
      issue(
        ["cidr"],
        env.cidr,
        `expected a private range (${PRIVATE_RANGES.join(", ")}): PHI networks are never publicly addressed`,
      );
    }
    for (const seen of cidrs) {
      if (cidrsOverlap(seen.cidr, cidr)) {
        issue(["cidr"], env.cidr, `expected a range that does not overlap ${seen.text} (${seen.file})`);
      }
    }
    cidrs.push({ cidr, text: env.cidr, file });
  }
  return issues;
}

/** PHI environments need the log archive to keep six years (164.316(b)(2)(i)). */
function retentionIssues(org: OrganizationSource, environments: readonly EnvironmentSource[]): ConfigIssue[] {
  const phi = environments.filter((e) => e.config.phi).map((e) => e.config.name);
  const days = org.organization.logArchive.retentionDays;
  if (phi.length === 0 || days >= HIPAA_RETENTION_DAYS) return [];
  return [
    {
      file: org.file,
      path: ["logArchive", "retentionDays"],
      received: days,
      message: `expected at least ${HIPAA_RETENTION_DAYS} days (six years, 45 CFR 164.316(b)(2)(i)) because these environments hold PHI: ${phi.join(", ")}`,
    },
  ];
}

/** PHI environments get every detective control: none may be off for them, organization-wide or per environment. */
function detectiveControlIssues(
  org: OrganizationSource,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const phi = environments.filter((e) => e.config.phi);
  if (phi.length === 0) return issues;
  const controls = org.organization.detectiveControls;
  for (const name of DETECTIVE_CONTROL_NAMES) {
    if (controls[name].enabled) continue;
    issues.push({
      file: org.file,
      path: ["detectiveControls", name, "enabled"],
      received: false,
      message: `expected true: ${describeControl(name)} is required because these environments hold PHI: ${phi.map((e) => e.config.name).join(", ")}`,
    });
  }
  for (const { config: env, file } of phi) {
    for (const name of ENVIRONMENT_CONTROL_NAMES) {
      if (env.detectiveControls?.[name] !== false) continue;
      issues.push({
        file,
        path: ["detectiveControls", name],
        received: false,
        message: `expected true or no setting: environment "${env.name}" holds PHI (phi: true), so ${describeControl(name)} is required`,
      });
    }
  }
  return issues;
}

/** The VPC's account belongs to its environment, and each endpoint is listed once. */
function networkIssues(environments: readonly EnvironmentSource[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const { config: env, file } of environments) {
    const account = env.network.account;
    if (account !== undefined && !env.accounts.includes(account)) {
      issues.push({
        file,
        path: ["network", "account"],
        received: account,
        message: `expected one of this environment's accounts: ${list(env.accounts)}`,
      });
    }
    const seen = new Set<string>();
    (env.network.interfaceEndpoints ?? []).forEach((service, index) => {
      if (seen.has(service)) {
        issues.push({
          file,
          path: ["network", "interfaceEndpoints", index],
          received: service,
          message: "expected each endpoint once",
        });
      }
      seen.add(service);
    });
  }
  return issues;
}

/**
 * Identity Center: groups, sets and targets that exist, no assignment twice, no inline administrator access,
 * short sessions wherever PHI is reachable, and each set only where its scope allows.
 */
function identityCenterIssues(
  { organization: org, file }: OrganizationSource,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  const center = org.identityCenter;
  if (!center) return [];
  const issues: ConfigIssue[] = [];
  const issue = (path: ReadonlyArray<string | number>, received: unknown, message: string) =>
    issues.push({ file, path: ["identityCenter", ...path], received, message });

  const groups = new Set<string>();
  center.groups.forEach((group, index) => {
    if (groups.has(group)) issue(["groups", index], group, "expected each group once");
    groups.add(group);
  });

  const configuredNames = new Set<string>();
  center.permissionSets.forEach((set, index) => {
    if (CATALOGUE_NAMES.includes(set.name)) {
      issue(
        ["permissionSets", index, "name"],
        set.name,
        `expected a name other than the catalogue's (${CATALOGUE_NAMES.join(", ")}); the catalogue's sets always exist`,
      );
    } else if (configuredNames.has(set.name)) {
      issue(["permissionSets", index, "name"], set.name, "expected a unique permission set name");
    }
    configuredNames.add(set.name);
    for (const statement of set.inlinePolicy ? allowAllStatements(set.inlinePolicy) : []) {
      issue(
        ["permissionSets", index, "inlinePolicy", "Statement", statement],
        set.inlinePolicy!.Statement[statement],
        `expected specific actions or resources: permission set "${set.name}" would allow "*" on "*" inline (least privilege, 164.308(a)(4)); name the actions it needs, or use a reviewed catalogue set`,
      );
    }
  });

  const sets = new Map(permissionSets(org, { phiAccountIds: [] }).map((set) => [set.name, set]));
  const accounts = new Set(org.accounts.map((a) => a.name));
  const ouTargets = new Set([ROOT_TARGET, ...flattenOus(org.organizationalUnits).map((ou) => ou.path)]);
  center.assignments.forEach((assignment, index) => {
    if (!groups.has(assignment.group)) {
      issue(["assignments", index, "group"], assignment.group, `expected one of the groups: ${list(groups)}`);
    }
    if (!sets.has(assignment.permissionSet)) {
      issue(
        ["assignments", index, "permissionSet"],
        assignment.permissionSet,
        `expected one of the permission sets: ${list(sets.keys())}`,
      );
    }
    (assignment.accounts ?? []).forEach((account, i) => {
      if (!accounts.has(account)) {
        issue(
          ["assignments", index, "accounts", i],
          account,
          `expected one of the accounts: ${list(accounts)}`,
        );
      }
    });
    (assignment.ous ?? []).forEach((ou, i) => {
      if (!ouTargets.has(ou)) {
        issue(
          ["assignments", index, "ous", i],
          ou,
          `expected Root or one of the OU paths: ${list(ouTargets)}`,
        );
      }
    });
  });

  // Per account, after OU expansion: duplicates, scope, and session length where PHI is reachable.
  const phiAccounts = phiAccountNames(environments.map((e) => e.config));
  const firstSeen = new Map<string, number>();
  const reported = new Set<string>();
  for (const a of expandAssignments(org)) {
    const set = sets.get(a.permissionSet);
    const key = `${a.group}\u0000${a.permissionSet}\u0000${a.account}`;
    const first = firstSeen.get(key);
    if (first !== undefined && first !== a.index && !reported.has(`${key}\u0000${a.index}`)) {
      reported.add(`${key}\u0000${a.index}`);
      issue(
        ["assignments", a.index],
        { group: a.group, permissionSet: a.permissionSet },
        `expected each group, permission set and account once: assignments[${first}] already gives "${a.group}" ${a.permissionSet} in account "${a.account}"`,
      );
    }
    if (first === undefined) firstSeen.set(key, a.index);
    if (!set || reported.has(`${a.index}\u0000scope`)) continue;
    const phi = phiAccounts.has(a.account);
    const scopeBroken =
      (set.scope === "non-phi" && phi) ||
      (set.scope === "security-tooling" && a.account !== org.coreAccounts.securityTooling);
    if (scopeBroken) {
      reported.add(`${a.index}\u0000scope`);
      issue(
        ["assignments", a.index, "permissionSet"],
        a.permissionSet,
        set.scope === "non-phi"
          ? `expected a permission set allowed in PHI accounts: ${a.permissionSet} is for non-PHI environments only, and account "${a.account}" is in a PHI environment (164.312(a)(1))`
          : `expected only the security-tooling account ("${org.coreAccounts.securityTooling}"): ${a.permissionSet} is scoped to it, and this assignment reaches "${a.account}"`,
      );
    }
    const configuredIndex = center.permissionSets.findIndex((p) => p.name === a.permissionSet);
    if (phi && set.sessionHours > MAX_PHI_SESSION_HOURS && !reported.has(`${a.permissionSet}\u0000session`)) {
      reported.add(`${a.permissionSet}\u0000session`);
      issue(
        ["permissionSets", configuredIndex, "sessionHours"],
        set.sessionHours,
        `expected at most ${MAX_PHI_SESSION_HOURS} hours: permission set "${a.permissionSet}" is assigned to PHI account "${a.account}" (assignments[${a.index}]), and sessions that reach PHI end within ${MAX_PHI_SESSION_HOURS} hours (automatic logoff, 164.312(a)(2)(iii))`,
      );
    }
  }
  return issues;
}

/**
 * Data classification: an account's declared classification agrees with its environment, and PHI accounts sit
 * only in OUs that allow PHI (sandboxes do not: their guardrails and access are looser) (164.312(a)(1)).
 */
function classificationIssues(
  { organization: org, file }: OrganizationSource,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const ous = new Map(flattenOus(org.organizationalUnits).map((ou) => [ou.path, ou]));
  const phiEnvironments = environments.filter((e) => e.config.phi).map((e) => e.config.name);
  org.accounts.forEach((account, index) => {
    const environment = environments.find((e) => e.config.accounts.includes(account.name))?.config;
    const phi = environment?.phi ?? false;
    if (account.dataClassification === PHI_TAG.value && !phi) {
      issues.push({
        file,
        path: ["accounts", index, "dataClassification"],
        received: account.dataClassification,
        message: environment
          ? `expected "${NON_PHI_TAG_VALUE}" or no value: environment "${environment.name}" has phi: false; a PHI account belongs in a PHI environment (${list(phiEnvironments)})`
          : `expected "${NON_PHI_TAG_VALUE}" or no value: account "${account.name}" is in no environment; a PHI account belongs in a PHI environment (${list(phiEnvironments)})`,
      });
    }
    if (account.dataClassification === NON_PHI_TAG_VALUE && phi) {
      issues.push({
        file,
        path: ["accounts", index, "dataClassification"],
        received: account.dataClassification,
        message: `expected "${PHI_TAG.value}" or no value: account "${account.name}" is in environment "${environment!.name}", which has phi: true`,
      });
    }
    const ou = ous.get(account.ou);
    if ((phi || account.dataClassification === PHI_TAG.value) && ou && !ou.allowPhi) {
      issues.push({
        file,
        path: ["accounts", index, "ou"],
        received: account.ou,
        message: `expected an OU that allows PHI: account "${account.name}" holds PHI${environment ? ` (environment "${environment.name}" has phi: true)` : ""} and OU "${ou.allowPhiFrom}" sets allowPhi: false; OUs that allow PHI: ${list([...ous.values()].filter((o) => o.allowPhi).map((o) => o.path))}`,
      });
    }
  });
  return issues;
}

/**
 * Accounts the ledger remembers but organization.yaml no longer lists move to the Suspended OU, so that OU must
 * exist, and their emails stay taken (AWS keeps an account's email while the account exists).
 */
export function suspendedAccountIssues(
  { organization: org, file }: OrganizationSource,
  suspended: readonly SuspendedAccount[],
  ledgerFile: string,
): ConfigIssue[] {
  if (suspended.length === 0) return [];
  const issues: ConfigIssue[] = [];
  const names = suspended.map((a) => a.name);
  if (!org.organizationalUnits.some((ou) => ou.name === SUSPENDED_OU)) {
    issues.push({
      file: ledgerFile,
      path: ["accounts"],
      message: `expected a top-level OU named "${SUSPENDED_OU}" in organization.yaml: account(s) ${names.join(", ")} are no longer in accounts, so they move there (deny-all SCP) rather than being closed`,
    });
  }
  org.accounts.forEach((account, index) => {
    const holder = suspended.find((a) => a.email.toLowerCase() === account.email.toLowerCase());
    if (holder) {
      issues.push({
        file,
        path: ["accounts", index, "email"],
        received: account.email,
        message: `expected an email no other account uses (suspended account "${holder.name}" still owns it; see the account ledger)`,
      });
    }
  });
  return issues;
}

/** One notice per account the ledger keeps in the Suspended OU, so a removal is never silent. */
export function suspendedNotices(config: LandingZoneConfig, dir: string): string[] {
  return (config.suspendedAccounts ?? []).map(
    (account) =>
      `account "${account.name}" is no longer in ${path.join(dir, "organization.yaml")}: it moves to the ${SUSPENDED_OU} OU ` +
      "(deny-all SCP) and keeps its data; it is never closed. To close it, follow README.md (Vend an account: closing an account).",
  );
}

/** What a valid configuration still costs in exposure, printed by `make validate` (not errors). */
export function configNotices(environments: readonly EnvironmentConfig[], dir: string): string[] {
  return environments
    .filter((config) => config.network.egress)
    .map(
      (config) =>
        `${path.join(dir, `${config.name}.yaml`)} network.egress: true: environment "${config.name}" gets an internet gateway and a NAT gateway per zone. ` +
        "Its workloads can reach any internet address, so PHI could leave by a path the VPC endpoints' data perimeter does not see " +
        "(164.312(e)(1)); inbound connections stay impossible and PHI subnets keep no public IPs. Prefer VPC endpoints; if egress stays, restrict it with an egress proxy or AWS Network Firewall.",
    );
}

/**
 * Every cross-field problem in the configuration; empty when it is consistent. `org` is undefined when the
 * organization file itself failed to load or validate.
 */
export function semanticIssues(
  org: OrganizationSource | undefined,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  return [
    ...(org ? organizationIssues(org) : []),
    ...(org ? retentionIssues(org, environments) : []),
    ...(org ? detectiveControlIssues(org, environments) : []),
    ...environmentIssues(org?.organization, environments),
    ...networkIssues(environments),
    ...(org ? identityCenterIssues(org, environments) : []),
    ...(org ? classificationIssues(org, environments) : []),
  ];
}
