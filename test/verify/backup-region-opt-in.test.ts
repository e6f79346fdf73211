// The synth-time rule that every account and region a backup policy covers opts in to AWS Backup for every type
// the plans protect: the example passes it, and each way of losing the opt-in fails it, naming the account, the
// region and the missing types.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { BACKUP_RESOURCE_TYPES } from "../../src/policies/backup-resource-types";
import { backupRegionOptIn } from "../../src/verify/rules/backup-region-opt-in";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { synthApp } from "../helpers/synth";

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const synthesized = synthApp(example);

type Block = Record<string, unknown>;
type Stacks = Map<string, { resource: Record<string, Record<string, Block>> }>;

/** The rule's findings on the example's stacks with one edit applied to a deep copy. */
function findingsWith(edit: (stacks: Stacks) => void) {
  const copy = JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks))) as Record<string, unknown>;
  const stacks = new Map(Object.entries(copy)) as Stacks;
  edit(stacks);
  const model = new SynthesizedLandingZone(stacks, allAccountNames(example.organization));
  return backupRegionOptIn.check(model, example);
}

/** The region settings of a baseline stack in one region (by construct path). */
function settingsIn(stacks: Stacks, account: string, region: string): [string, Block] {
  const all = stacks.get(`baseline-${account}`)!.resource.aws_backup_region_settings;
  const entry = Object.entries(all).find(([, b]) =>
    (b["//"] as { metadata: { path: string } }).metadata.path.endsWith(`settings-${region}`),
  );
  return entry!;
}

it("holds for the example: every covered account and region opts in every protected type", () => {
  expect(findingsWith(() => {})).toEqual([]);
});

it("fails when a covered account has no region settings in a region, naming account, region and every type", () => {
  const findings = findingsWith((stacks) => {
    const [name] = settingsIn(stacks, "phi-prod", "us-west-2");
    delete stacks.get("baseline-phi-prod")!.resource.aws_backup_region_settings[name];
  });
  expect(findings).toEqual([
    {
      address: expect.stringMatching(/^organization: aws_organizations_policy\./),
      message: expect.stringContaining(
        "covers account phi-prod in us-west-2, which has no AWS Backup region settings",
      ),
    },
  ]);
  expect(findings[0].message).toContain(BACKUP_RESOURCE_TYPES.map((t) => t.type).join(", "));
});

it("fails when a type is opted out, naming only that type", () => {
  const findings = findingsWith((stacks) => {
    const [, block] = settingsIn(stacks, "phi-dev", "us-east-1");
    block.resource_type_opt_in_preference = {
      ...(block.resource_type_opt_in_preference as Record<string, boolean>),
      RDS: false,
    };
  });
  expect(findings.map((f) => f.message)).toEqual([
    "covers account phi-dev in us-east-1, whose AWS Backup region settings do not opt in RDS: the policy's tag selection never backs those types up there",
  ]);
});

it("does not ask an account no backup policy covers for region settings", () => {
  const findings = findingsWith((stacks) => {
    delete stacks.get("baseline-sandbox")!.resource.aws_backup_region_settings;
  });
  expect(findings).toEqual([]);
});
