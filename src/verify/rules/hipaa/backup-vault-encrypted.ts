// Recovery points hold copies of PHI: every backup vault encrypts them with a customer managed key of the
// landing zone, not AWS Backup's default key (164.312(a)(2)(iv) encryption, 164.308(a)(7)(ii)(A) data backup).
import { HipaaRule, perResource } from "./rule";

export const backupVaultEncrypted: HipaaRule = perResource({
  id: "hipaa-backup-vault-encrypted",
  title: "Every backup vault encrypts its recovery points with a landing-zone KMS key",
  sections: ["164.312(a)(2)(iv)", "164.308(a)(7)(ii)(A)"],
  resourceTypes: ["aws_backup_vault"],
  configRules: ["BACKUP_RECOVERY_POINT_ENCRYPTED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-encrypted.html",
  fix: "give the vault kms_key_arn from a LandingZoneKey in its account and region (LockedBackupVault does)",
  type: "aws_backup_vault",
  problem: (ref) =>
    String(ref.body.kms_key_arn ?? "").includes("aws_kms_key.")
      ? undefined
      : "has no landing-zone KMS key (kms_key_arn), so AWS Backup's default key would encrypt PHI copies",
});
