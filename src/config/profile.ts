// The deployment profile: `hipaa` (the default, every protection on) or `evaluation`, a single sandbox
// organization that can be tried on a real account and torn down with `make teardown`. The evaluation profile
// relaxes exactly the settings that would make a trial permanent (six-year COMPLIANCE locks, accounts that are
// never closed, keys and buckets Terraform may never destroy), so it is refused for any environment that holds PHI
// and named on every output: it is not a HIPAA deployment (164.316(b)(2)(i) retention is not met).
import { Construct } from "constructs";
import { DEFAULT_BACKUP_PLAN, VAULT_LOCK_CHANGEABLE_DAYS } from "../policies/backup-policies";

/** The profiles `profile:` in organization.yaml accepts. */
export const PROFILES = ["hipaa", "evaluation"] as const;
export type Profile = (typeof PROFILES)[number];
/** The profile of a configuration that does not name one. */
export const DEFAULT_PROFILE: Profile = "hipaa";

/** The first line every command prints under the evaluation profile, and the binder's banner. */
export const EVALUATION_BANNER = "EVALUATION PROFILE — NOT A HIPAA DEPLOYMENT";

/**
 * Every retention of the evaluation profile, in days: Object Lock, Vault Lock's minimum, log groups, lifecycle
 * expiry. One day is the shortest Object Lock default retention S3 accepts
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html) and the shortest CloudWatch Logs
 * retention, so a trial's logs are gone a day after teardown.
 */
export const EVALUATION_RETENTION_DAYS = 1;

/** What a profile changes in the synthesized resources. */
export interface ProfileSettings {
  /**
   * The Object Lock mode of every locked bucket: COMPLIANCE (nobody, root included, can delete a locked version
   * early) or GOVERNANCE (a principal with s3:BypassGovernanceRetention can), per
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-overview.html#object-lock-retention-modes.
   */
  readonly objectLockMode: "COMPLIANCE" | "GOVERNANCE";
  /**
   * Vault Lock's changeable_for_days: set, the lock is in compliance mode and immutable after that many days;
   * unset, it is in governance mode and can be removed
   * (https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html).
   */
  readonly vaultLockChangeableForDays: number | undefined;
  /** Whether keys, buckets, vaults, log groups and accounts carry lifecycle.prevent_destroy. */
  readonly preventDestroy: boolean;
  /** Whether destroying a bucket empties it first (force_destroy; needed to tear a trial down). */
  readonly forceDestroyBuckets: boolean;
  /** Whether destroying an account closes it (close_on_deletion) rather than being refused. */
  readonly closeAccountsOnDeletion: boolean;
}

/** The settings of each profile. */
export function profileSettings(profile: Profile): ProfileSettings {
  return profile === "evaluation"
    ? {
        objectLockMode: "GOVERNANCE",
        vaultLockChangeableForDays: undefined,
        preventDestroy: false,
        forceDestroyBuckets: true,
        closeAccountsOnDeletion: true,
      }
    : {
        objectLockMode: "COMPLIANCE",
        vaultLockChangeableForDays: VAULT_LOCK_CHANGEABLE_DAYS,
        preventDestroy: true,
        forceDestroyBuckets: false,
        closeAccountsOnDeletion: false,
      };
}

/** The construct-tree context key under which each stack records its configuration's profile. */
export const PROFILE_CONTEXT = "lz:profile";
/** The tag every resource of an evaluation deployment carries (lz:profile=evaluation), so no console view mistakes it. */
export const PROFILE_TAG = "lz:profile";
export { LANDING_ZONE_TAG } from "../policies/policy-document";

/**
 * The profile of the stack `scope` belongs to (set by LandingZoneStack), so a module reads it without every stack
 * threading it through props; the default profile when none was set (a construct built outside a stack, in tests).
 */
export function profileOf(scope: Construct): Profile {
  const value = scope.node.tryGetContext(PROFILE_CONTEXT) as unknown;
  return (PROFILES as readonly unknown[]).includes(value) ? (value as Profile) : DEFAULT_PROFILE;
}

/** The settings of the profile of the stack `scope` belongs to. */
export function settingsOf(scope: Construct): ProfileSettings {
  return profileSettings(profileOf(scope));
}

/**
 * The retention keys the profile sets when organization.yaml leaves them out: under `evaluation`, every retention
 * the landing zone derives (Object Lock, lifecycle expiry, log groups, Vault Lock's minimum, the findings log
 * group) follows from these two, so nothing is kept six years. Applied to the raw file before the schema's
 * defaults (which are HIPAA's), so an explicit value still wins.
 */
export function withProfileDefaults(data: unknown): unknown {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return data;
  const org = data as Record<string, unknown>;
  if (org.profile !== "evaluation") return data;
  // Fills `defaults` under a key that is unset or a mapping; anything else is left for the schema to report.
  const fill = (value: unknown, defaults: Record<string, unknown>): unknown =>
    value === undefined
      ? defaults
      : value !== null && typeof value === "object" && !Array.isArray(value)
        ? { ...defaults, ...value }
        : value;
  const backup = fill(org.backup, {
    // The default plan's daily rule only, kept as long as everything else: its monthly six-year rule would
    // outlive the trial (no plan targets an OU here anyway, since no environment holds PHI).
    plans: [
      {
        ...DEFAULT_BACKUP_PLAN,
        rules: [{ ...DEFAULT_BACKUP_PLAN.rules[0], warmRetentionDays: EVALUATION_RETENTION_DAYS }],
      },
    ],
  });
  return {
    ...org,
    logArchive: fill(org.logArchive, { retentionDays: EVALUATION_RETENTION_DAYS }),
    backup:
      backup !== null && typeof backup === "object" && !Array.isArray(backup)
        ? {
            ...backup,
            vaultLock: fill((backup as Record<string, unknown>).vaultLock, {
              minRetentionDays: EVALUATION_RETENTION_DAYS,
            }),
          }
        : backup,
  };
}

/** The line a command prints first for a configuration under `profile`; undefined for the HIPAA profile. */
export function profileBanner(profile: Profile): string | undefined {
  return profile === "evaluation"
    ? `${EVALUATION_BANNER}: locks and retention are relaxed so make teardown can remove it; never put PHI in it (docs/trial.md)`
    : undefined;
}
