// The backup account's stack: the central vaults that receive a copy of every PHI recovery point (one per region
// copies land in), each locked, under its own key, out of reach of the accounts it protects (164.308(a)(7)(ii)(A) data backup, (B) disaster recovery);
// and the write-once bucket Backup Audit Manager delivers the organization's job reports into, the auditor's
// record of the contingency plan at work (164.308(a)(7)(ii)(D), 164.312(c)(1), 164.316(b)(2)(i)).
import { Construct } from "constructs";
import { centralBackupRegion } from "../src/config/model";
import { LandingZoneConfig } from "../src/config/schema";
import {
  BACKUP_REPORTS_PREFIX,
  backupReportsRoleArn,
  CENTRAL_VAULT_NAME,
  centralVaultPolicy,
} from "../src/policies/backup-policies";
import {
  administratorArns,
  backupReportsKeyUse,
  centralVaultKeyUse,
  keyPolicy,
} from "../src/policies/kms-policies";
import { BackupReports } from "../modules/backup-reports";
import { LockedBackupVault } from "../modules/backup-vault";
import { LandingZoneKey } from "../modules/landing-zone-key";
import { accessLogBucket, writeOnceProtections } from "../modules/log-archive";
import { abortIncompleteUploads, SecureBucket } from "../modules/secure-bucket";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { OrganizationStack } from "./organization-stack";

export const BACKUP_STACK_ID = "backup";

export interface BackupStackProps extends StackContext {
  /** The organization stack: account and organization IDs. */
  readonly organization: OrganizationStack;
}

/**
 * The central vault in every region the organization's backup policies copy into: the central region, where
 * recovery points copied across account and region in one step land, and every governed region, where RDS,
 * Aurora, DocumentDB and Neptune recovery points land (AWS Backup copies those across accounts or regions, not
 * both at once: BACKUP_COPY_DOC in src/policies/backup-resource-types.ts).
 */
export function centralVaultRegions(org: LandingZoneConfig["organization"]): string[] {
  const central = centralBackupRegion(org);
  return [central, ...org.regions.filter((r) => r !== central)];
}

/** The central vault in the backup account, in each region copies land in. */
export class BackupStack extends LandingZoneStack {
  /** The vault in the central region (the one that receives the one-step copies). */
  readonly centralVault: LockedBackupVault;
  /** Every central vault, by region (the central region's is `centralVault`). */
  readonly centralVaults = new Map<string, LockedBackupVault>();
  /** Where Backup Audit Manager delivers the job reports (home region), and its key. */
  readonly reportsBucket: SecureBucket;
  readonly reportsKey: LandingZoneKey;

  constructor(scope: Construct, id: string, props: BackupStackProps) {
    const org = props.config.organization;
    const accountId = props.organization.accountId(org.coreAccounts.backup);
    super(scope, id, { config: props.config, target: props.target, accountId, holdsPhi: true });
    const centralRegion = centralBackupRegion(org);
    // A standard vault rather than a logically air-gapped one: provider 5.100's
    // aws_backup_logically_air_gapped_vault takes no key (AWS-owned keys only), so the copies of PHI would not be
    // under a key this organization controls and audits, and restoring from it needs a RAM share per recovery.
    for (const region of centralVaultRegions(org)) {
      // The central region's vault keeps the construct ID it was first deployed with: a new ID would replace it.
      const vault = new LockedBackupVault(
        this,
        region === centralRegion ? "central-vault" : `central-vault-${region}`,
        {
          provider: this.providerFor(region),
          name: CENTRAL_VAULT_NAME,
          keyAlias: `${org.name}/central-backup`,
          keyPolicy: keyPolicy(
            this.keyAdministrators(),
            centralVaultKeyUse({ organizationId: props.organization.organizationId, region }),
          ),
          accessPolicy: centralVaultPolicy(props.organization.organizationId),
          minRetentionDays: org.backup.vaultLock.minRetentionDays,
        },
      );
      this.centralVaults.set(region, vault);
    }
    this.centralVault = this.centralVaults.get(centralRegion)!;

    // The job reports stay in this account: AWSServiceRolePolicyForBackupReports, the only policy of Audit
    // Manager's service-linked role, grants no s3:PutObject and no KMS action, and a request into another account
    // needs an Allow from the caller's own policies as well as the resource's
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html); in
    // the role's own account the bucket and key policies naming it suffice.
    const home = org.homeRegion;
    const name = (purpose: string) => `${org.name}-${purpose}-${accountId}-${home}`;
    const reportsName = name("backup-reports");
    const retentionDays = org.logArchive.retentionDays;
    const reportsAccessLogs = accessLogBucket(this, "reports-access-logs", {
      provider: this.homeProvider,
      bucketName: name("backup-reports-access"),
      accountId,
      sources: [reportsName],
      lifecycleRules: [
        abortIncompleteUploads(),
        {
          id: "expire-after-retention",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: retentionDays }],
          // The bucket is versioned: without this, expiry only adds delete markers and keeps every object.
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
        },
      ],
    });
    this.reportsKey = new LandingZoneKey(this, "reports-key", {
      provider: this.homeProvider,
      alias: `${org.name}/backup-reports`,
      description: "Backup Audit Manager job reports",
      policy: keyPolicy(this.keyAdministrators(), backupReportsKeyUse({ accountId, region: home })),
    });
    // Write-once like the log archive, for as long: a report is the record that a backup, copy or restore ran.
    this.reportsBucket = new SecureBucket(this, "reports-bucket", {
      provider: this.homeProvider,
      bucketName: reportsName,
      kmsKeyArn: this.reportsKey.arn,
      objectLockRetentionDays: retentionDays,
      accessLogs: {
        bucket: reportsAccessLogs,
        bucketName: reportsAccessLogs.bucketName,
        prefix: "backup-reports/",
      },
      policyStatements: (arn) => [
        // Audit Manager's service-linked role writes the reports under their prefix only
        // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-report-plan-api.html). Matched by
        // aws:PrincipalArn on "*", since the role exists only once Audit Manager is first used and a policy naming a
        // missing role is refused; its own policy already allows s3:GetBucketLocation on every bucket. No
        // s3:x-amz-acl condition: ACLs are disabled (BucketOwnerEnforced), so the account owns every report anyway.
        {
          Sid: "BackupAuditReportsWrite",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "s3:PutObject",
          Resource: `${arn}/${BACKUP_REPORTS_PREFIX}/*`,
          Condition: {
            ArnEquals: { "aws:PrincipalArn": backupReportsRoleArn(accountId) },
            StringEquals: { "aws:PrincipalAccount": accountId },
          },
        },
        ...writeOnceProtections(arn, administratorArns(this.keyAdministrators())),
      ],
    });
    new BackupReports(this, "reports", {
      provider: this.homeProvider,
      bucketName: this.reportsBucket.bucketName,
      accountIds: props.config.organization.accounts.map((a) => props.organization.accountId(a.name)),
      regions: org.regions,
    });
  }
}
