// Where a per-account construct applies: one account, its home region for the account-wide (global) settings, and
// every governed region for the regional ones (each governed region is one the controls must reach).
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/** One account's home region, its governed regions and a provider for each. */
export interface AccountRegionsProps {
  /** The account's ID. */
  readonly accountId: string;
  /** The home region, for the account-wide (global) settings. */
  readonly homeRegion: string;
  /** Governed regions, for the regional settings. */
  readonly regions: readonly string[];
  /** Returns this account's provider for a region. */
  readonly providerFor: (region: string) => AwsProvider;
}
