// What `make teardown` decides before it touches anything: that the configuration is an evaluation (a trial that
// holds no PHI), the order stacks are destroyed in (the reverse of the order they apply in), which resources it
// leaves on purpose, and what AWS itself keeps afterwards. Destroying a HIPAA landing zone would destroy its audit
// trail and backups (164.316(b)(2)(i) retention, 164.308(a)(7)), so it is refused outright.
import { LandingZoneError } from "../config/errors";
import { LandingZoneConfig } from "../config/schema";
import { SynthesizedStack } from "./terraform";

/** The one line `make teardown` prints, as an error, for any profile but evaluation. */
export function teardownRefusal(profile: string): string {
  return `make teardown: organization.yaml profile: received ${profile}; expected evaluation. Only a trial organization (profile: evaluation, docs/trial.md) can be torn down; a HIPAA landing zone keeps its logs and backups six years.`;
}

/** Throws the refusal unless the configuration is under the evaluation profile. */
export function requireEvaluationProfile(config: LandingZoneConfig): void {
  if (config.organization.profile !== "evaluation") {
    throw new LandingZoneError(teardownRefusal(config.organization.profile));
  }
}

/**
 * Whether a teardown on AWS may go ahead: with AUTO_APPROVE=1, or when the person at the terminal typed the
 * organization's name (as `terraform destroy` asks before it destroys). Returns the refusal, or undefined to go on;
 * the emulator (LOCAL=1) needs no confirmation.
 */
export function teardownConfirmation(
  organization: string,
  mode: "aws" | "local",
  autoApprove: boolean,
  typed: string | undefined,
): string | undefined {
  if (mode === "local" || autoApprove) return undefined;
  if (typed === undefined) {
    return `make teardown: destroying "${organization}" on AWS needs a confirmation: run it in a terminal and type the organization's name, or set AUTO_APPROVE=1. Nothing was destroyed.`;
  }
  if (typed.trim() !== organization) {
    return `make teardown: received "${typed.trim()}"; expected the organization's name "${organization}". Nothing was destroyed.`;
  }
  return undefined;
}

/**
 * The stacks in destroy order: every stack before the stacks it depends on, so a member account's baseline goes
 * while its account can still be reached, and the organization goes last.
 */
export function teardownOrder(stacks: readonly SynthesizedStack[]): SynthesizedStack[] {
  const names = new Set(stacks.map((s) => s.name));
  const ordered: SynthesizedStack[] = [];
  const done = new Set<string>();
  const dependents = (name: string) =>
    stacks.filter((s) => s.dependencies.includes(name) && names.has(s.name));
  const visit = (stack: SynthesizedStack, seen: Set<string>) => {
    if (done.has(stack.name)) return;
    if (seen.has(stack.name)) throw new Error(`stack dependency cycle through ${stack.name}`);
    seen.add(stack.name);
    for (const dependent of dependents(stack.name)) visit(dependent, seen);
    done.add(stack.name);
    ordered.push(stack);
  };
  // Visiting in reverse apply order keeps independent stacks in the reverse of the order they were applied.
  for (const stack of [...stacks].reverse()) visit(stack, new Set());
  return ordered;
}

/**
 * Resource types teardown removes from Terraform state instead of destroying, with why: the organization cannot be
 * deleted while closed accounts are still in it, nor an OU that holds one
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DeleteOrganizationalUnit.html).
 */
export const KEPT_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  aws_organizations_organization: "AWS refuses to delete an organization that still holds (closed) accounts",
  aws_organizations_organizational_unit: "AWS refuses to delete an OU that still holds (closed) accounts",
};

/**
 * Resource types the local emulator (moto 5.2.1) can create but not delete, with the API it lacks: in local mode
 * teardown drops them from state and leaves them in the emulator, which make local-down discards. Measured by the
 * end-to-end test's teardown (the query log association) and by the APIs moto 5.2.1's responses define.
 */
export const EMULATOR_DESTROY_GAPS: Readonly<Record<string, string>> = {
  aws_route53_resolver_query_log_config_association:
    "Route 53 Resolver DisassociateResolverQueryLogConfig (moto 5.2.1 answers 500)",
  aws_route53_resolver_query_log_config:
    "Route 53 Resolver DeleteResolverQueryLogConfig (moto 5.2.1 has no such API)",
  aws_guardduty_organization_admin_account:
    "GuardDuty DisableOrganizationAdminAccount (moto 5.2.1 has no such API)",
  aws_macie2_organization_admin_account: "Macie DisableOrganizationAdminAccount (moto 5.2.1 has no such API)",
};

/** A resource teardown leaves where it is and drops from state, with why. */
export interface KeptResource {
  /** Its state address (from `terraform state list`). */
  readonly address: string;
  readonly reason: string;
}

/** The state addresses teardown leaves in place and drops from state: on AWS, and also the emulator's gaps. */
export function keptResources(stateList: string, target: "aws" | "local"): KeptResource[] {
  const reasons: Record<string, string> = {
    ...KEPT_RESOURCE_TYPES,
    ...(target === "local"
      ? Object.fromEntries(
          Object.entries(EMULATOR_DESTROY_GAPS).map(([type, api]) => [type, `the emulator lacks ${api}`]),
        )
      : {}),
  };
  return stateList
    .split("\n")
    .map((line) => line.trim())
    .flatMap((address) => {
      const reason = reasons[address.split(".")[0]];
      return reason === undefined ? [] : [{ address, reason }];
    });
}

/**
 * What is left after teardown, one line each, for the operator to finish or wait out. Closed accounts stay in
 * the organization as SUSPENDED for 90 days, after which AWS closes them for good and removes them
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_close.html,
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_CloseAccount.html).
 */
export function whatRemains(config: LandingZoneConfig, target: "aws" | "local"): string[] {
  const org = config.organization;
  const accounts = org.accounts.map((a) => a.name).join(", ");
  return [
    `the member accounts ${accounts}: closed, they stay in the organization as SUSPENDED for 90 days, then AWS removes them (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_close.html)`,
    `the organization and its OUs (${org.organizationalUnits.map((ou) => ou.name).join(", ")}): AWS refuses to delete them while closed accounts are in them; after the 90 days: aws organizations delete-organizational-unit for each, then aws organizations delete-organization`,
    "the management account: the organization's payer; Terraform never created it and cannot close it",
    "the KMS keys: scheduled for deletion after their 30-day waiting period, during which aws kms cancel-key-deletion can restore them (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html)",
    target === "aws"
      ? `the state bucket ${org.state.bucket} and key ${org.state.kmsKeyId}, if make bootstrap created them: they hold the (now empty) state; delete them by hand once you are done`
      : "the local state files, the emulator, and the resources it cannot delete (listed above): make local-down removes them all",
  ];
}
