// A recovery point nobody can delete early is what survives ransomware and a rogue administrator: every vault
// has Vault Lock in COMPLIANCE mode and an access policy that denies deleting recovery points to everyone
// (164.308(a)(7)(ii)(A) data backup, 164.312(c)(1) integrity).
import { VAULT_LOCK_CHANGEABLE_DAYS } from "../../../policies/backup-policies";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, listOf } from "./rule";

export const backupVaultLocked: HipaaRule = {
  id: "hipaa-backup-vault-locked",
  title: "Every backup vault is locked in COMPLIANCE mode and denies deleting recovery points to everyone",
  sections: ["164.308(a)(7)(ii)(A)", "164.312(c)(1)"],
  resourceTypes: ["aws_backup_vault", "aws_backup_vault_lock_configuration", "aws_backup_vault_policy"],
  configRules: ["BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED"],
  doc: "https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html",
  fix: `use LockedBackupVault: a lock with changeable_for_days = ${VAULT_LOCK_CHANGEABLE_DAYS} and the DenyRecoveryPointDeletion vault policy`,
  check(model) {
    const out: RuleFinding[] = [];
    const vaultRef = (stack: string, value: unknown) => `${stack}/${String(value)}`;
    const locked = new Set(
      model
        .resources("aws_backup_vault_lock_configuration")
        .filter((ref) => Number(ref.body.changeable_for_days) >= VAULT_LOCK_CHANGEABLE_DAYS)
        .map((ref) => vaultRef(ref.stack, ref.body.backup_vault_name)),
    );
    const denied = new Set(
      model
        .resources("aws_backup_vault_policy")
        .filter((ref) =>
          model
            .policyArgument(ref, "policy")
            .Statement.some(
              (s) =>
                s.Effect === "Deny" &&
                JSON.stringify(s.Principal) === JSON.stringify({ AWS: "*" }) &&
                listOf(s.Action as string | string[]).includes("backup:DeleteRecoveryPoint"),
            ),
        )
        .map((ref) => vaultRef(ref.stack, ref.body.backup_vault_name)),
    );
    for (const ref of model.resources("aws_backup_vault")) {
      const key = vaultRef(ref.stack, `\${aws_backup_vault.${ref.name}.name}`);
      if (!locked.has(key)) {
        out.push({
          address: addressOf(ref),
          message: `has no Vault Lock in COMPLIANCE mode (changeable_for_days of at least ${VAULT_LOCK_CHANGEABLE_DAYS})`,
        });
      }
      if (!denied.has(key)) {
        out.push({
          address: addressOf(ref),
          message: "has no access policy denying backup:DeleteRecoveryPoint to every principal",
        });
      }
    }
    return out;
  },
};
