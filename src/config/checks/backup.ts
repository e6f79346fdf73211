// Checks of the backup section a schema cannot express (164.308(a)(7)(ii)(A) data backup plan): every PHI
// environment has a plan, retention the vaults' lock accepts and cold storage AWS accepts, governed regions only,
// and a backup account kept apart from the accounts whose recovery points it holds.
import { ConfigIssue } from "../errors";
import { cite } from "../../policies/hipaa-sections";
import { BACKUP_POLICY_DOC, MIN_COLD_STORAGE_DAYS, retentionDays } from "../../policies/backup-policies";
import { EnvironmentSource, IssueList, list, notUnique, OrganizationSource, repeats } from "./sources";

/** The backup account is a dedicated account: no other core role and no environment. */
function checkBackupAccount(
  { organization: org }: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): void {
  const name = org.coreAccounts.backup;
  for (const role of ["logArchive", "securityTooling", "network"] as const) {
    if (org.coreAccounts[role] === name) {
      out.add(
        ["coreAccounts", "backup"],
        name,
        `expected an account other than coreAccounts.${role}: the central backup copy is kept out of reach of every other account's administrators`,
      );
    }
  }
  const holder = environments.find((env) => env.config.accounts.includes(name));
  if (holder) {
    out.add(
      ["coreAccounts", "backup"],
      name,
      `expected an account outside every environment: ${holder.file} lists it, and a workload account must not hold the copies of its own backups`,
    );
  }
}

/** One rule on its own: cold storage AWS accepts, retention the lock accepts, a copy region outside the plan's. */
function checkRule(
  org: OrganizationSource["organization"],
  planIndex: number,
  index: number,
  out: IssueList,
): void {
  const plan = org.backup.plans[planIndex];
  const rule = plan.rules[index];
  const at = (key: string) => ["backup", "plans", planIndex, "rules", index, key];
  if (rule.coldRetentionDays !== undefined && rule.coldRetentionDays < MIN_COLD_STORAGE_DAYS) {
    out.add(
      at("coldRetentionDays"),
      rule.coldRetentionDays,
      `expected at least ${MIN_COLD_STORAGE_DAYS} days: AWS Backup keeps a recovery point in cold storage for ${MIN_COLD_STORAGE_DAYS} days at least (${BACKUP_POLICY_DOC})`,
    );
  }
  const minimum = org.backup.vaultLock.minRetentionDays;
  if (retentionDays(rule) < minimum) {
    out.add(
      at("warmRetentionDays"),
      rule.warmRetentionDays,
      `expected a retention (warm plus cold days) of at least backup.vaultLock.minRetentionDays (${minimum}): the locked vaults refuse a recovery point kept ${retentionDays(rule)} days`,
    );
  }
  if (rule.copyToRegion === undefined) return;
  const governed = new Set(org.regions);
  const protectedRegions = plan.regions ?? org.regions;
  if (!governed.has(rule.copyToRegion)) {
    out.add(at("copyToRegion"), rule.copyToRegion, `expected one of the governed regions: ${list(governed)}`);
  } else if (protectedRegions.includes(rule.copyToRegion)) {
    out.add(
      at("copyToRegion"),
      rule.copyToRegion,
      `expected a governed region outside the plan's regions (${list(protectedRegions)}): a backup policy applies the same copy rule in each of them, and a region cannot copy into its own vault`,
    );
  }
}

/** One plan on its own: unique rule names, governed regions, known environments, then each rule. */
function checkPlan(
  org: OrganizationSource["organization"],
  index: number,
  environmentNames: ReadonlySet<string>,
  out: IssueList,
): void {
  const plan = org.backup.plans[index];
  const at = (...path: Array<string | number>) => ["backup", "plans", index, ...path];
  for (const { item, index: i, first } of repeats(plan.rules, (r) => r.name)) {
    out.add(
      at("rules", i, "name"),
      item.name,
      notUnique("rule name", `backup.plans[${index}].rules[${first}]`),
    );
  }
  const governed = new Set(org.regions);
  (plan.regions ?? []).forEach((region, i) => {
    if (!governed.has(region)) {
      out.add(at("regions", i), region, `expected one of the governed regions: ${list(governed)}`);
    }
  });
  (plan.environments ?? []).forEach((name, i) => {
    if (!environmentNames.has(name)) {
      out.add(at("environments", i), name, `expected an environment name: ${list(environmentNames)}`);
    }
  });
  plan.rules.forEach((_, rule) => checkRule(org, index, rule, out));
}

/** Every PHI environment is covered by at least one plan (a plan without `environments` covers all of them). */
function checkPhiCoverage(
  { organization: org }: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): void {
  const covered = new Set<string>();
  for (const plan of org.backup.plans) {
    for (const env of environments) {
      if (env.config.phi && (plan.environments ?? [env.config.name]).includes(env.config.name)) {
        covered.add(env.config.name);
      }
    }
  }
  for (const env of environments) {
    if (env.config.phi && !covered.has(env.config.name)) {
      out.add(
        ["backup", "plans"],
        org.backup.plans.map((p) => p.name).join(", "),
        `expected a plan covering every PHI environment: "${env.config.name}" (${env.file}) holds PHI and no plan lists it in environments (${cite("164.308(a)(7)(ii)(A)")} data backup plan is required)`,
      );
    }
  }
}

/** Every problem of the backup section and the backup account. */
export function backupIssues(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  const out = new IssueList(source.file);
  const org = source.organization;
  checkBackupAccount(source, environments, out);
  for (const { item, index, first } of repeats(org.backup.plans, (p) => p.name)) {
    out.add(["backup", "plans", index, "name"], item.name, notUnique("plan name", `backup.plans[${first}]`));
  }
  const environmentNames = new Set(environments.map((e) => e.config.name));
  org.backup.plans.forEach((_, index) => checkPlan(org, index, environmentNames, out));
  if (org.backup.centralRegion !== undefined && !org.regions.includes(org.backup.centralRegion)) {
    out.add(
      ["backup", "centralRegion"],
      org.backup.centralRegion,
      `expected one of the governed regions: ${list(new Set(org.regions))}`,
    );
  }
  checkPhiCoverage(source, environments, out);
  return out.issues;
}
