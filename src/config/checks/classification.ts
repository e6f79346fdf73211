// Checks of what holding PHI requires: six years of log retention (164.316(b)(2)(i)), every detective control
// and creation guardrail on, and PHI accounts only in PHI environments and in OUs that allow PHI (164.312(a)(1) access control).
import { DETECTIVE_CONTROL_NAMES, ENVIRONMENT_CONTROL_NAMES, describeControl } from "../controls";
import { ConfigIssue } from "../errors";
import { flattenOus } from "../model";
import { HIPAA_RETENTION_DAYS } from "../schema";
import { NON_PHI_TAG_VALUE, PHI_TAG } from "../../policies/data-classification";
import { cite, sectionLabel } from "../../policies/hipaa-sections";
import { EnvironmentSource, IssueList, list, OrganizationSource } from "./sources";

/** PHI environments need the log archive to keep six years. */
function checkRetention(org: OrganizationSource, phi: readonly string[], out: IssueList): void {
  const days = org.organization.logArchive.retentionDays;
  if (phi.length === 0 || days >= HIPAA_RETENTION_DAYS) return;
  out.add(
    ["logArchive", "retentionDays"],
    days,
    `expected at least ${HIPAA_RETENTION_DAYS} days (six years, 45 CFR ${cite("164.316(b)(2)(i)")}) because these environments hold PHI: ${phi.join(", ")}`,
  );
}

/** PHI environments get every detective control: none may be off for them, organization-wide or per environment. */
function checkDetectiveControls(
  org: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): ConfigIssue[] {
  const phi = environments.filter((e) => e.config.phi);
  if (phi.length === 0) return [];
  const controls = org.organization.detectiveControls;
  for (const name of DETECTIVE_CONTROL_NAMES) {
    if (controls[name].enabled) continue;
    out.add(
      ["detectiveControls", name, "enabled"],
      false,
      `expected true: ${describeControl(name)} is required because these environments hold PHI: ${phi.map((e) => e.config.name).join(", ")}`,
    );
  }
  const perEnvironment = new Array<ConfigIssue>();
  for (const { config: env, file } of phi) {
    const envOut = new IssueList(file);
    for (const name of ENVIRONMENT_CONTROL_NAMES) {
      if (env.detectiveControls?.[name] !== false) continue;
      envOut.add(
        ["detectiveControls", name],
        false,
        `expected true or no setting: environment "${env.name}" holds PHI (phi: true), so ${describeControl(name)} is required`,
      );
    }
    perEnvironment.push(...envOut.issues);
  }
  return perEnvironment;
}

/** A PHI environment keeps every creation guardrail: its accounts may not create unsigned Lambda code. */
function checkCreationGuardrails(environments: readonly EnvironmentSource[]): ConfigIssue[] {
  const issues = new Array<ConfigIssue>();
  for (const { config: env, file } of environments) {
    if (!env.phi || env.codeSigning !== "optional") continue;
    const out = new IssueList(file);
    out.add(
      ["codeSigning"],
      env.codeSigning,
      `expected "required" or no setting: environment "${env.name}" holds PHI (phi: true), so lz-phi-creation refuses its accounts a Lambda function without a code-signing configuration (45 CFR ${sectionLabel("164.312(c)(1)")})`,
    );
    issues.push(...out.issues);
  }
  return issues;
}

/**
 * An account's declared classification agrees with its environment, and PHI accounts sit only in OUs that allow
 * PHI (sandboxes do not: their guardrails and access are looser).
 */
function checkAccountClassification(
  { organization: org }: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
): void {
  const ous = new Map(flattenOus(org.organizationalUnits).map((ou) => [ou.path, ou]));
  const phiEnvironments = environments.filter((e) => e.config.phi).map((e) => e.config.name);
  org.accounts.forEach((account, index) => {
    const environment = environments.find((e) => e.config.accounts.includes(account.name))?.config;
    const phi = environment?.phi ?? false;
    if (account.dataClassification === PHI_TAG.value && !phi) {
      out.add(
        ["accounts", index, "dataClassification"],
        account.dataClassification,
        environment
          ? `expected "${NON_PHI_TAG_VALUE}" or no value: environment "${environment.name}" has phi: false; a PHI account belongs in a PHI environment (${list(phiEnvironments)})`
          : `expected "${NON_PHI_TAG_VALUE}" or no value: account "${account.name}" is in no environment; a PHI account belongs in a PHI environment (${list(phiEnvironments)})`,
      );
    }
    if (account.dataClassification === NON_PHI_TAG_VALUE && phi) {
      out.add(
        ["accounts", index, "dataClassification"],
        account.dataClassification,
        `expected "${PHI_TAG.value}" or no value: account "${account.name}" is in environment "${environment!.name}", which has phi: true`,
      );
    }
    const ou = ous.get(account.ou);
    if ((phi || account.dataClassification === PHI_TAG.value) && ou && !ou.allowPhi) {
      out.add(
        ["accounts", index, "ou"],
        account.ou,
        `expected an OU that allows PHI: account "${account.name}" holds PHI${environment ? ` (environment "${environment.name}" has phi: true)` : ""} and OU "${ou.allowPhiFrom}" sets allowPhi: false; OUs that allow PHI: ${list([...ous.values()].filter((o) => o.allowPhi).map((o) => o.path))}`,
      );
    }
  });
}

/** What PHI requires of organization.yaml and of each PHI environment's file. */
export function retentionAndControlIssues(
  org: OrganizationSource,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  const out = new IssueList(org.file);
  checkRetention(
    org,
    environments.filter((e) => e.config.phi).map((e) => e.config.name),
    out,
  );
  const perEnvironment = checkDetectiveControls(org, environments, out);
  return [...out.issues, ...perEnvironment, ...checkCreationGuardrails(environments)];
}

/** Where PHI accounts may be, by their declared classification and their environment. */
export function classificationIssues(
  org: OrganizationSource,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  const out = new IssueList(org.file);
  checkAccountClassification(org, environments, out);
  return out.issues;
}
