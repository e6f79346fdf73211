// The security account's customer-managed keys, one per purpose (164.312(a)(2)(iv) encryption): the log archive,
// its replica and its regional archives, CloudTrail, backups, and one PHI data key per environment (in its region). Administration is separated from
// use, and each key's use is limited to the services and accounts of its purpose.
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  backupKeyUse,
  cloudTrailKeyUse,
  KeyAdministrators,
  keyPolicy,
  logArchiveKeyUse,
  phiDataKeyUse,
  regionalArchiveKeyUse,
  replicaKeyUse,
  RoleRef,
} from "../src/policies/kms-policies";
import { LandingZoneKey } from "./landing-zone-key";

export interface CentralKeysProps {
  /** Alias prefix, e.g. the landing zone's name. */
  readonly aliasPrefix: string;
  /** Who administers the keys (the security account's pipeline and break-glass roles). */
  readonly admins: KeyAdministrators;
  /** The organization's ID. */
  readonly organizationId: string;
  /** Where every key but the replica key lives (S3 and CloudTrail need the key in the bucket's region). */
  readonly homeRegion: string;
  /** The log archive replica's region and its provider. */
  readonly replication: { readonly region: string; readonly provider: AwsProvider; readonly role: RoleRef };
  /** The management account and its organization trail. */
  readonly trail: { readonly managementAccountId: string; readonly trailArn: string };
  /** The backup account: its AWS Backup roles copy snapshots under the PHI data keys into the central vault. */
  readonly backupAccountId: string;
  /**
   * Environments, their account IDs and region, for the PHI data keys (a key serves resources of its own region
   * only, so each environment's key is in the environment's region; provider undefined: the home region's).
   */
  readonly environments: ReadonlyArray<{
    readonly name: string;
    readonly accountIds: readonly string[];
    readonly region: string;
    readonly provider?: AwsProvider;
  }>;
  /**
   * The regions with a regional log archive (every governed one but the home region), each with its provider: S3
   * needs the key in the bucket's region.
   * @default - none
   */
  readonly archiveRegions?: ReadonlyArray<{ readonly region: string; readonly provider: AwsProvider }>;
}

/** Every central key. */
export class CentralKeys extends Construct {
  /** Encrypts the log archive (home region). */
  readonly logArchive: LandingZoneKey;
  /** Encrypts the log archive's replica (replica region: S3 replication needs a key in the destination region). */
  readonly logArchiveReplica: LandingZoneKey;
  /** Encrypts the organization trail's log files. */
  readonly cloudTrail: LandingZoneKey;
  /** Encrypts AWS Backup vaults. */
  readonly backup: LandingZoneKey;
  /** PHI data keys by environment name. */
  readonly phiData = new Map<string, LandingZoneKey>();
  /** The regional log archives' keys, by region. */
  readonly regionalArchives = new Map<string, LandingZoneKey>();

  constructor(scope: Construct, id: string, props: CentralKeysProps) {
    super(scope, id);
    const home = { organizationId: props.organizationId, region: props.homeRegion };
    const key = (
      keyId: string,
      alias: string,
      description: string,
      use: Parameters<typeof keyPolicy>[1],
      provider?: AwsProvider,
    ) =>
      new LandingZoneKey(this, keyId, {
        alias: `${props.aliasPrefix}/${alias}`,
        description,
        policy: keyPolicy(props.admins, use),
        provider,
      });

    this.logArchive = key(
      "log-archive",
      "log-archive",
      "Log archive objects (CloudTrail excepted)",
      logArchiveKeyUse({ ...home, replicationRole: props.replication.role }),
    );
    this.logArchiveReplica = key(
      "log-archive-replica",
      "log-archive-replica",
      "Log archive replica objects",
      replicaKeyUse({
        organizationId: props.organizationId,
        region: props.replication.region,
        replicationRole: props.replication.role,
      }),
      props.replication.provider,
    );
    this.cloudTrail = key(
      "cloudtrail",
      "cloudtrail",
      "Organization trail log files",
      cloudTrailKeyUse({ ...home, ...props.trail }),
    );
    this.backup = key("backup", "backup", "AWS Backup vaults across the organization", backupKeyUse(home));
    for (const environment of props.environments) {
      this.phiData.set(
        environment.name,
        key(
          `phi-data-${environment.name}`,
          `phi-data-${environment.name}`,
          `PHI data in the ${environment.name} environment`,
          phiDataKeyUse({
            organizationId: props.organizationId,
            region: environment.region,
            accountIds: environment.accountIds,
            backupAccountId: props.backupAccountId,
          }),
          environment.provider,
        ),
      );
    }
    // Each regional archive's key: delivery.logs writes, the replication role reads to copy into the archive and
    // the replica.
    for (const { region, provider } of props.archiveRegions ?? []) {
      this.regionalArchives.set(
        region,
        key(
          `log-archive-${region}`,
          `log-archive-${region}`,
          `Log archive objects delivered in ${region}`,
          regionalArchiveKeyUse({
            organizationId: props.organizationId,
            region,
            replicationRole: props.replication.role,
          }),
          provider,
        ),
      );
    }
  }
}
