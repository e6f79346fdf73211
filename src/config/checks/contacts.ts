// The alternate contacts: while any environment holds PHI, AWS must be able to reach a security contact in every
// account, so an abuse report or a compromised-credentials notice reaches the incident responders
// (164.308(a)(6)(ii) response and reporting).
import { phiAccountNames } from "../model";
import { cite } from "../../policies/hipaa-sections";
import { EnvironmentSource, IssueList, list, OrganizationSource } from "./sources";

/** A security contact is configured whenever an environment holds PHI. */
function checkSecurityContact(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
) {
  const phiAccounts = phiAccountNames(environments.map((e) => e.config));
  if (phiAccounts.size === 0 || source.organization.contacts.security) return;
  out.note(
    ["contacts", "security"],
    `expected a security contact (name, title, email, phone) while accounts hold PHI (${list(phiAccounts)}): AWS sends security notices there (${cite("164.308(a)(6)(ii)")})`,
  );
}

/** Every problem of the alternate contacts. */
export function contactIssues(source: OrganizationSource, environments: readonly EnvironmentSource[]) {
  const out = new IssueList(source.file);
  checkSecurityContact(source, environments, out);
  return out.issues;
}
