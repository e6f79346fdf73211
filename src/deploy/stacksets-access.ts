// Trusted access between CloudFormation StackSets and AWS Organizations, which the organization stack's deploy-role
// StackSet for invited accounts needs (164.312(a)(1): the landing zone reaches every account it governs). AWS says to
// activate it through CloudFormation (ActivateOrganizationsAccess), not by giving the StackSets principal trusted
// access in Organizations, and provider 5.100 has no resource for it, so make bootstrap activates it and make
// preflight checks it (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html).
import {
  ActivateOrganizationsAccessCommand,
  CloudFormationClient,
  DescribeOrganizationsAccessCommand,
} from "@aws-sdk/client-cloudformation";
import { Account, ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { describeOrganization } from "./aws-clients";

/** The page that says how to activate it. */
export const STACKSETS_TRUSTED_ACCESS_DOC =
  "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html";

/** What to run to activate it, for a failure's fix. */
export const ACTIVATE_STACKSETS_ACCESS_COMMAND =
  "make bootstrap (or aws cloudformation activate-organizations-access)";

/** The client calls used here, so a test can stand in for CloudFormation. */
export type CloudFormationSender = Pick<CloudFormationClient, "send">;

/**
 * DescribeOrganizationsAccess's status (ENABLED, DISABLED, DISABLED_PERMANENTLY;
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeOrganizationsAccess.html), or
 * `unsupported` when `local` and the emulator does not answer the call (moto 5.2.1 has neither API): the status is
 * then unknown, never taken as enabled.
 */
export type StackSetsAccessStatus = string | { readonly unsupported: string };

/** The management account's StackSets trusted access status (called as itself, CallAs SELF). */
export async function stackSetsAccessStatus(
  client: CloudFormationSender,
  local: boolean,
): Promise<StackSetsAccessStatus> {
  try {
    const described = await client.send(new DescribeOrganizationsAccessCommand({ CallAs: "SELF" }));
    return described.Status ?? "DISABLED";
  } catch (error) {
    if (!local) throw error;
    return { unsupported: (error as Error).name ?? "error" };
  }
}

/** The members (not the management account) that joined by invitation: only they get the deploy-role StackSet. */
export function invitedMembers(accounts: readonly Account[], managementAccountId: string): Account[] {
  return accounts.filter(
    (a) => a.Id !== managementAccountId && a.JoinedMethod === "INVITED" && a.Status === "ACTIVE",
  );
}

/** What ensureStackSetsAccess did. */
export type StackSetsAccessOutcome =
  | { readonly action: "already-enabled" }
  | { readonly action: "activated"; readonly was: string }
  | { readonly action: "unsupported"; readonly error: string };

/**
 * Activates StackSets trusted access when it is not ENABLED; idempotent (an enabled organization is left alone).
 * Locally, an emulator without the API is reported, not treated as done.
 */
export async function ensureStackSetsAccess(
  client: CloudFormationSender,
  local: boolean,
): Promise<StackSetsAccessOutcome> {
  const status = await stackSetsAccessStatus(client, local);
  if (typeof status !== "string") return { action: "unsupported", error: status.unsupported };
  if (status === "ENABLED") return { action: "already-enabled" };
  await client.send(new ActivateOrganizationsAccessCommand({}));
  return { action: "activated", was: status };
}

/**
 * StackSets trusted access with Organizations, activated through CloudFormation when some member joined by
 * invitation (the organization stack's deploy-role StackSet needs it, and provider 5.100 cannot set it;
 * STACKSETS_TRUSTED_ACCESS_DOC). Idempotent; returns the line to print.
 */
export async function stackSetsAccessStep(
  orgs: Pick<OrganizationsClient, "send">,
  cloudFormation: CloudFormationSender,
  account: string,
  local: boolean,
): Promise<string> {
  const organization = await describeOrganization(orgs as OrganizationsClient);
  if (!organization || organization.MasterAccountId !== account || organization.FeatureSet !== "ALL") {
    return "bootstrap: StackSets trusted access: not needed yet (no organization with all features managed from here)";
  }
  const accounts: Account[] = [];
  let next: string | undefined;
  do {
    const page = await orgs.send(new ListAccountsCommand({ NextToken: next }));
    accounts.push(...(page.Accounts ?? []));
    next = page.NextToken;
  } while (next);
  const invited = invitedMembers(accounts, account);
  if (invited.length === 0) {
    return "bootstrap: StackSets trusted access: not needed (no member joined by invitation, so no deploy-role StackSet)";
  }
  const outcome = await ensureStackSetsAccess(cloudFormation, local);
  switch (outcome.action) {
    case "already-enabled":
      return "bootstrap: StackSets trusted access: already ENABLED";
    case "activated":
      return `bootstrap: StackSets trusted access: was ${outcome.was}, activated (CloudFormation ActivateOrganizationsAccess; ${STACKSETS_TRUSTED_ACCESS_DOC})`;
    case "unsupported":
      return `bootstrap: StackSets trusted access: not activated: the emulator does not answer CloudFormation DescribeOrganizationsAccess (${outcome.error}); on AWS make bootstrap activates it`;
  }
}
