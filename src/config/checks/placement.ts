// Accounts that no environment file names: valid (a sandbox, a shared tool), but an account added to
// organization.yaml and forgotten in its environment would silently get no VPC, no restore tests and the non-phi
// classification, so `make validate` says so for each (164.308(a)(1)(ii)(A): know where each account stands).
import { LandingZoneConfig } from "../schema";

/** One member account outside every environment, with its place in organization.yaml. */
export interface UnplacedAccount {
  /** The account's name. */
  readonly name: string;
  /** Its index in `accounts`. */
  readonly index: number;
}

/**
 * The accounts no environment lists, core accounts excepted (they serve every environment and stay outside them),
 * in file order. A notice rather than an error: an account outside environments is a supported setup (the example's
 * sandbox), as the suspended-account and egress notices are.
 */
export function accountsInNoEnvironment(config: LandingZoneConfig): UnplacedAccount[] {
  const org = config.organization;
  const placed = new Set(config.environments.flatMap((env) => env.accounts));
  const core = new Set(Object.values(org.coreAccounts));
  return org.accounts.flatMap((account, index) =>
    placed.has(account.name) || core.has(account.name) ? [] : [{ name: account.name, index }],
  );
}
