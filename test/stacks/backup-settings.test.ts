// AWS Backup's account settings as synthesized: the organization's global settings carry every flag AWS returns
// (so an unchanged landing zone plans no change), and every member account opts in, in every governed region, each
// resource type the backup plans protect, with DynamoDB under full AWS Backup management (164.308(a)(7)(ii)(A)).
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  BackupRegionSettings,
  REGION_SETTINGS_MANAGEMENT_TYPES,
  REGION_SETTINGS_OPT_IN_TYPES,
  regionSettingsMaps,
} from "../../modules/backup-region-settings";
import { BACKUP_GLOBAL_SETTINGS } from "../../modules/organization-backup";
import { allAccountNames, MANAGEMENT_ACCOUNT_NAME } from "../../src/config/model";
import { BACKUP_RESOURCE_TYPES } from "../../src/policies/backup-resource-types";
import { exampleWithRegions, synthApp } from "../helpers/synth";

const regions = ["us-east-1", "us-west-2", "eu-west-2"];
const config = exampleWithRegions(regions);
const app = synthApp(config);
const members = allAccountNames(config.organization).filter((a) => a !== MANAGEMENT_ACCOUNT_NAME);

describe("AWS Backup's global settings", () => {
  it("set every flag DescribeGlobalSettings returns, each to the landing zone's value", () => {
    // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeGlobalSettings.html lists these three.
    expect(Object.keys(BACKUP_GLOBAL_SETTINGS).sort()).toEqual([
      "isCrossAccountBackupEnabled",
      "isDelegatedAdministratorEnabled",
      "isMpaEnabled",
    ]);
    expect(app.all("organization", "aws_backup_global_settings")).toEqual([
      expect.objectContaining({
        global_settings: {
          isCrossAccountBackupEnabled: "true",
          isMpaEnabled: "false",
          isDelegatedAdministratorEnabled: "true",
        },
      }),
    ]);
  });

  it("need no lifecycle ignore_changes: UpdateGlobalSettings accepts every flag", () => {
    const [settings] = app.all("organization", "aws_backup_global_settings");
    expect((settings.lifecycle as { ignore_changes?: unknown } | undefined)?.ignore_changes).toBeUndefined();
  });
});

describe("AWS Backup's region settings", () => {
  const protectedTypes = BACKUP_RESOURCE_TYPES.map((t) => t.type);

  it("opt every member account in to every protected type in every governed region, under stable IDs", () => {
    for (const account of members) {
      const settings = app.all(`baseline-${account}`, "aws_backup_region_settings");
      const paths = settings.map((s) => (s["//"] as { metadata: { path: string } }).metadata.path).sort();
      expect([account, paths]).toEqual([
        account,
        regions.map((r) => `baseline-${account}/backup-region-settings/settings-${r}`).sort(),
      ]);
      for (const s of settings) {
        expect(s.resource_type_opt_in_preference).toEqual(
          Object.fromEntries(protectedTypes.map((t) => [t, true])),
        );
        expect(s.resource_type_management_preference).toEqual({ DynamoDB: true });
      }
    }
  });

  it("give the management account none: no backup policy reaches it", () => {
    expect(app.all(`baseline-${MANAGEMENT_ACCOUNT_NAME}`, "aws_backup_region_settings")).toEqual([]);
  });

  it("ignore exactly the keys AWS returns that the landing zone does not set, so plans stay clean", () => {
    const [s] = app.all(`baseline-${members[0]}`, "aws_backup_region_settings");
    const ignored = (s.lifecycle as { ignore_changes: string[] }).ignore_changes;
    const unmanaged = REGION_SETTINGS_OPT_IN_TYPES.filter((t) => !protectedTypes.includes(t));
    expect(ignored).toEqual([
      ...unmanaged.map((t) => `resource_type_opt_in_preference["${t}"]`),
      ...REGION_SETTINGS_MANAGEMENT_TYPES.filter((t) => t !== "DynamoDB").map(
        (t) => `resource_type_management_preference["${t}"]`,
      ),
    ]);
    // A protected type's opt-in is never ignored: a change to it in AWS is drift.
    for (const t of protectedTypes) expect(ignored).not.toContain(`resource_type_opt_in_preference["${t}"]`);
  });

  it("put under full management only the types that need the opt-in, and ignore DynamoDB's key otherwise", () => {
    const withoutDynamo = BACKUP_RESOURCE_TYPES.filter((t) => t.type !== "DynamoDB");
    const maps = regionSettingsMaps(withoutDynamo);
    expect(maps.management).toEqual({});
    expect(maps.optIn).not.toHaveProperty("DynamoDB");
    expect(maps.ignored).toContain('resource_type_opt_in_preference["DynamoDB"]');
    expect(maps.ignored).toContain('resource_type_management_preference["DynamoDB"]');
  });

  it("refuse an empty type list, naming the construct", () => {
    const scope = new TerraformStack(Testing.app(), "s");
    const provider = new AwsProvider(scope, "aws", { region: "us-east-1" });
    expect(
      () =>
        new BackupRegionSettings(scope, "backup-region-settings", {
          accountId: "111122223333",
          homeRegion: "us-east-1",
          regions: ["us-east-1"],
          providerFor: () => provider,
          types: [],
        }),
    ).toThrow(/backup-region-settings.*types.*at least one resource type/s);
  });
});
