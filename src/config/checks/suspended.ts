// Checks of the accounts the ledger keeps but organization.yaml no longer lists: they move to the Suspended OU,
// never closed, so that OU must exist and their emails stay taken (164.312(c)(1) integrity, 164.316(b)(2)(i)).
import { ConfigIssue } from "../errors";
import { SUSPENDED_OU } from "../model";
import { SuspendedAccount } from "../schema";
import { IssueList, OrganizationSource } from "./sources";

/** The Suspended OU exists, and no configured account reuses a suspended account's email (AWS keeps it taken). */
export function suspendedAccountIssues(
  { organization: org, file }: OrganizationSource,
  suspended: readonly SuspendedAccount[],
  ledgerFile: string,
): ConfigIssue[] {
  if (suspended.length === 0) return [];
  const ledger = new IssueList(ledgerFile);
  const names = suspended.map((a) => a.name);
  if (!org.organizationalUnits.some((ou) => ou.name === SUSPENDED_OU)) {
    ledger.note(
      ["accounts"],
      `expected a top-level OU named "${SUSPENDED_OU}" in organization.yaml: account(s) ${names.join(", ")} are no longer in accounts, so they move there (deny-all SCP) rather than being closed`,
    );
  }
  const out = new IssueList(file);
  org.accounts.forEach((account, index) => {
    const holder = suspended.find((a) => a.email.toLowerCase() === account.email.toLowerCase());
    if (holder) {
      out.add(
        ["accounts", index, "email"],
        account.email,
        `expected an email no other account uses (suspended account "${holder.name}" still owns it; see the account ledger)`,
      );
    }
  });
  return [...ledger.issues, ...out.issues];
}
