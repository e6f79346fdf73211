// A backup vault under AWS Backup Vault Lock in COMPLIANCE mode (governance under the evaluation profile), encrypted with its own key, whose access policy
// denies deleting recovery points to everyone (164.308(a)(7)(ii)(A) data backup, 164.312(c)(1) integrity).
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { BackupVaultPolicy } from "@cdktf/provider-aws/lib/backup-vault-policy";
import { settingsOf } from "../src/config/profile";
import { PolicyDocument, renderPolicy } from "../src/policies/policy-document";
import { LandingZoneKey } from "./landing-zone-key";

export interface LockedBackupVaultProps {
  /** The account and region the vault lives in. */
  readonly provider: AwsProvider;
  /** The vault's name (the backup policies name it). */
  readonly name: string;
  /** The key's alias without `alias/`. */
  readonly keyAlias: string;
  /** The key's policy: who may encrypt and read recovery points. */
  readonly keyPolicy: PolicyDocument;
  /** The vault access policy. */
  readonly accessPolicy: PolicyDocument;
  /** Vault Lock's minimum retention: shorter backups and copies are refused. */
  readonly minRetentionDays: number;
}

/** A key, a vault, its lock and its access policy. */
export class LockedBackupVault extends Construct {
  readonly key: LandingZoneKey;
  readonly vault: BackupVault;
  readonly lock: BackupVaultLockConfiguration;

  constructor(scope: Construct, id: string, props: LockedBackupVaultProps) {
    super(scope, id);
    const provider = props.provider;
    const profile = settingsOf(this);
    this.key = new LandingZoneKey(this, "key", {
      provider,
      alias: props.keyAlias,
      description: `Recovery points in the ${props.name} backup vault`,
      policy: props.keyPolicy,
    });
    this.vault = new BackupVault(this, "vault", {
      provider,
      name: props.name,
      kmsKeyArn: this.key.arn,
      // A vault with recovery points cannot be deleted anyway; Terraform must never try.
      forceDestroy: false,
      lifecycle: { preventDestroy: profile.preventDestroy },
    });
    // Setting changeable_for_days is what makes the lock COMPLIANCE mode: after that many days nobody, root
    // included, can change or remove it (https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html).
    // The evaluation profile leaves it unset: governance mode, which `make teardown` can remove.
    this.lock = new BackupVaultLockConfiguration(this, "lock", {
      provider,
      backupVaultName: this.vault.name,
      changeableForDays: profile.vaultLockChangeableForDays,
      minRetentionDays: props.minRetentionDays,
      lifecycle: { preventDestroy: profile.preventDestroy },
    });
    new BackupVaultPolicy(this, "policy", {
      provider,
      backupVaultName: this.vault.name,
      policy: renderPolicy(props.accessPolicy),
    });
  }
}
