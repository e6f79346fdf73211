// The backup account's stack: the central vault that receives a copy of every PHI recovery point, locked, under
// its own key, out of reach of the accounts it protects (164.308(a)(7)(ii)(A) data backup, (B) disaster recovery).
import { Construct } from "constructs";
import { centralBackupRegion } from "../src/config/model";
import { CENTRAL_VAULT_NAME, centralVaultPolicy } from "../src/policies/backup-policies";
import { centralVaultKeyUse, keyPolicy } from "../src/policies/kms-policies";
import { BackupReports } from "../modules/backup-reports";
import { LockedBackupVault } from "../modules/backup-vault";
import { LogArchiveStack } from "./log-archive-stack";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { OrganizationStack } from "./organization-stack";

export const BACKUP_STACK_ID = "backup";

export interface BackupStackProps extends StackContext {
  /** The organization stack: account and organization IDs. */
  readonly organization: OrganizationStack;
  /** The log archive stack: the bucket the job reports go to. */
  readonly logArchive: LogArchiveStack;
}

/** The central vault in the backup account. */
export class BackupStack extends LandingZoneStack {
  readonly centralVault: LockedBackupVault;

  constructor(scope: Construct, id: string, props: BackupStackProps) {
    const org = props.config.organization;
    const accountId = props.organization.accountId(org.coreAccounts.backup);
    super(scope, id, { config: props.config, target: props.target, accountId, holdsPhi: true });
    const region = centralBackupRegion(org);
    // A standard vault rather than a logically air-gapped one: provider 5.100's
    // aws_backup_logically_air_gapped_vault takes no key (AWS-owned keys only), so the copies of PHI would not be
    // under a key this organization controls and audits, and restoring from it needs a RAM share per recovery.
    this.centralVault = new LockedBackupVault(this, "central-vault", {
      provider: this.providerFor(region),
      name: CENTRAL_VAULT_NAME,
      keyAlias: `${org.name}/central-backup`,
      keyPolicy: keyPolicy(
        this.keyAdministrators(),
        centralVaultKeyUse({ organizationId: props.organization.organizationId, region }),
      ),
      accessPolicy: centralVaultPolicy(props.organization.organizationId),
      minRetentionDays: org.backup.vaultLock.minRetentionDays,
    });
    new BackupReports(this, "reports", {
      provider: this.homeProvider,
      bucketName: props.logArchive.archive.archive.bucketName,
      accountIds: props.config.organization.accounts.map((a) => props.organization.accountId(a.name)),
      regions: org.regions,
    });
  }
}
