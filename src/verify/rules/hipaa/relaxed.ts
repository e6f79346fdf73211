// The HIPAA rules the evaluation profile (src/config/profile.ts) relaxes on purpose, each with what it does
// instead. Under that profile they are reported as relaxed, never as passed: a trial organization is not a HIPAA
// deployment, and its binder and verify report say which controls it lacks.
import { Profile } from "../../../config/profile";
import { backupPlansDaily } from "./backup-plans-daily";
import { backupVaultLocked } from "./backup-vault-locked";
import { kmsKeyDeletionProtection } from "./kms-key-deletion-protection";
import { logBucketObjectLock } from "./log-bucket-object-lock";
import { logGroupRetention } from "./log-group-retention";

/** How a relaxed rule's status reads, in the terminal, the verify report and the binder. */
export const RELAXED_STATUS = "relaxed by the evaluation profile";

/** The rules the evaluation profile relaxes, by ID, with what it does instead. */
export const EVALUATION_RELAXED_RULES: ReadonlyMap<string, string> = new Map([
  [
    logBucketObjectLock.id,
    "log buckets lock objects in GOVERNANCE mode for logArchive.retentionDays (1 day by default)",
  ],
  [kmsKeyDeletionProtection.id, "keys have no prevent_destroy, so make teardown schedules their deletion"],
  [logGroupRetention.id, "log groups keep events logArchive.retentionDays (1 day by default), not six years"],
  [
    backupVaultLocked.id,
    "Vault Lock is in governance mode (no changeable_for_days), so make teardown can remove it",
  ],
  [
    backupPlansDaily.id,
    "the default plan keeps daily recovery points backup.vaultLock.minRetentionDays (1 day by default)",
  ],
]);

/** Why `ruleId` is relaxed under `profile`, or undefined when it is enforced. */
export function relaxation(profile: Profile, ruleId: string): string | undefined {
  if (profile !== "evaluation") return undefined;
  const instead = EVALUATION_RELAXED_RULES.get(ruleId);
  return instead === undefined ? undefined : `${RELAXED_STATUS}: ${instead}`;
}
