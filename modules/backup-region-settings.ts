// One member account's AWS Backup region settings in every governed region (164.308(a)(7)(ii)(A) data backup,
// (B) disaster recovery): the organization's backup policies select resources by tag only, and AWS Backup then
// protects a resource only when its type is opted in for that account and region, so every type the plans protect
// is opted in here; DynamoDB is put under full AWS Backup management, which its cross-account copy needs.
import { Construct } from "constructs";
import { BackupRegionSettings as BackupRegionSettingsResource } from "@cdktf/provider-aws/lib/backup-region-settings";
import { constructError } from "../src/config/errors";
import { BackupResourceType } from "../src/policies/backup-resource-types";
import { AccountRegionsProps } from "./account-regions";

/** AWS Backup's UpdateRegionSettings page: what the opt-in and management maps take. */
export const UPDATE_REGION_SETTINGS_DOC =
  "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_UpdateRegionSettings.html";

/**
 * Every resource type DescribeRegionSettings may return in its opt-in map, as provider 5.100's documentation for
 * aws_backup_region_settings lists them (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/backup_region_settings),
 * and Timestream (https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html).
 */
export const REGION_SETTINGS_OPT_IN_TYPES = [
  "Aurora",
  "CloudFormation",
  "DocumentDB",
  "DSQL",
  "DynamoDB",
  "EBS",
  "EC2",
  "EFS",
  "FSx",
  "Neptune",
  "RDS",
  "Redshift",
  "Redshift Serverless",
  "S3",
  "SAP HANA on Amazon EC2",
  "Storage Gateway",
  "Timestream",
  "VirtualMachine",
] as const;

/** Every resource type DescribeRegionSettings may return in its full-management map (same provider page). */
export const REGION_SETTINGS_MANAGEMENT_TYPES = ["CloudFormation", "DSQL", "DynamoDB", "EFS"] as const;

/** The opt-in and full-management maps the landing zone sets, and the keys it leaves to AWS. */
export interface RegionSettingsMaps {
  /** Every protected type, opted in. */
  readonly optIn: Readonly<Record<string, boolean>>;
  /** Full AWS Backup management for each protected type that needs the opt-in (DynamoDB). */
  readonly management: Readonly<Record<string, boolean>>;
  /** Terraform paths of the keys the landing zone does not set, for lifecycle ignore_changes. */
  readonly ignored: readonly string[];
}

/**
 * The maps for the protected types. Why not every type AWS knows: UpdateRegionSettings refuses a type the region
 * does not offer ("Element present in resource type opt in preference has invalid values. Please use
 * describeRegionSettings API to know the supported resource types",
 * https://github.com/hashicorp/terraform-provider-aws/issues/21801) and the types offered differ by region, so the
 * request names only the protected types, which every governed region must offer. A type the table does not list
 * is left as the account has it: opting it out would silently stop backups a workload's tagged resources may rely
 * on, and opting it in would copy recovery points along paths `make verify` has not proven. The provider
 * reads the whole map back, so each key the landing zone does not set is ignored by name, or every plan would show
 * its removal (the same behaviour as https://github.com/hashicorp/terraform-provider-aws/issues/43514).
 */
export function regionSettingsMaps(types: readonly BackupResourceType[]): RegionSettingsMaps {
  const optIn = Object.fromEntries(types.map((t) => [t.type, true]));
  // AWS: "If your backup job is created by a backup policy, you need to manually opt-in to Advanced DynamoDB
  // backups" (https://docs.aws.amazon.com/aws-backup/latest/devguide/advanced-ddb-backup.html); only then does AWS
  // Backup encrypt the backup with the vault's key and copy it across accounts and regions
  // (https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html).
  const management = Object.fromEntries(
    types.filter((t) => t.fullManagementNeedsOptIn).map((t) => [t.type, true]),
  );
  const ignored = [
    ...REGION_SETTINGS_OPT_IN_TYPES.filter((t) => !(t in optIn)).map(
      (t) => `resource_type_opt_in_preference["${t}"]`,
    ),
    ...REGION_SETTINGS_MANAGEMENT_TYPES.filter((t) => !(t in management)).map(
      (t) => `resource_type_management_preference["${t}"]`,
    ),
  ];
  return { optIn, management, ignored };
}

export interface BackupRegionSettingsProps extends AccountRegionsProps {
  /** The types the organization's backup plans protect (BACKUP_RESOURCE_TYPES). */
  readonly types: readonly BackupResourceType[];
}

/** The region settings of one account, one resource per governed region. */
export class BackupRegionSettings extends Construct {
  /** The settings by region. */
  readonly settings = new Map<string, BackupRegionSettingsResource>();

  constructor(scope: Construct, id: string, props: BackupRegionSettingsProps) {
    super(scope, id);
    if (props.types.length === 0) {
      throw constructError(
        this,
        "types",
        [],
        "at least one resource type (BACKUP_RESOURCE_TYPES in src/policies/backup-resource-types.ts): with none opted in, AWS Backup protects nothing the plans select by tag",
      );
    }
    const maps = regionSettingsMaps(props.types);
    for (const region of props.regions) {
      this.settings.set(
        region,
        new BackupRegionSettingsResource(this, `settings-${region}`, {
          provider: props.providerFor(region),
          resourceTypeOptInPreference: { ...maps.optIn },
          resourceTypeManagementPreference:
            Object.keys(maps.management).length > 0 ? { ...maps.management } : undefined,
          lifecycle: { ignoreChanges: [...maps.ignored] },
        }),
      );
    }
  }
}
