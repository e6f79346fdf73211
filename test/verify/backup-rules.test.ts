// The backup rules checked at synth, each both ways: the example configuration passes, and the shape issue 32
// found (a central copy of RDS and Aurora across account and region in one step; report plans covering every
// account and region asking for JSON) fails with the exact finding.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { BACKUP_RESOURCE_TYPES } from "../../src/policies/backup-resource-types";
import { backupCopyOneStep } from "../../src/verify/rules/backup-copy-one-step";
import { selectedTypes } from "../../src/verify/backup-plans";
import { backupReportFormats } from "../../src/verify/rules/backup-report-formats";
import { SERVICE_RULES } from "../../src/verify/rules";
import { ServiceRule } from "../../src/verify/rules/rule";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { synthApp } from "../helpers/synth";

jest.setTimeout(60_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const synthesized = synthApp(example);

type Block = Record<string, unknown>;
type Stacks = Map<string, { resource: Record<string, Record<string, Block>> }>;

function findingsWith(rule: ServiceRule, edit: (stacks: Stacks) => void = () => undefined): string[] {
  const stacks = new Map(
    Object.entries(JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks)))),
  ) as Stacks;
  edit(stacks);
  const model = new SynthesizedLandingZone(stacks, allAccountNames(example.organization));
  return rule.check(model, example).map((f) => `${f.address}: ${f.message}`);
}

/** The example's one backup policy, with its address. */
function backupPolicy(stacks: Stacks): [Block, string] {
  const [name, policy] = Object.entries(stacks.get("organization")!.resource.aws_organizations_policy).find(
    ([, p]) => p.type === "BACKUP_POLICY",
  )!;
  return [policy, `organization: aws_organizations_policy.${name}`];
}

it("registers both rules with make verify's service rules", () => {
  expect(SERVICE_RULES).toContain(backupCopyOneStep);
  expect(SERVICE_RULES).toContain(backupReportFormats);
});

describe("backup-copy-one-step", () => {
  it("passes on the example: RDS, Aurora, DocumentDB and Neptune copy to the central vault in their own region", () => {
    expect(findingsWith(backupCopyOneStep)).toEqual([]);
  });

  it("fails on the old shape: one tag-selected plan copying every type to the central vault in another region", () => {
    let address = "";
    const findings = findingsWith(backupCopyOneStep, (stacks) => {
      const [policy, at] = backupPolicy(stacks);
      address = at;
      const content = JSON.parse(policy.content as string) as {
        plans: Record<string, Block & { selections: Block }>;
      };
      // The old renderer: the plan's own entry only, every type selected by tag.
      const main = content.plans.phi;
      main.selections = {
        tags: { phi: { iam_role_arn: { "@@assign": "arn:aws:iam::$account:role/lz-backup" } } },
      };
      content.plans = { phi: main };
      policy.content = JSON.stringify(content);
    });
    const backupAccount = new SynthesizedLandingZone(
      synthesized.stacks,
      allAccountNames(example.organization),
    ).accountId("backup");
    const twoStep = "(cross-account or cross-Region, not both in one copy)";
    const finding = (rule: string) =>
      `${address}: policy lz-backup-phi, plan phi, rule ${rule} copies from us-east-1, us-west-2 to ` +
      `arn:aws:backup:us-west-2:${backupAccount}:backup-vault:lz-central-backup (another account in another region)` +
      ` for a selection that may include RDS ${twoStep}, Aurora ${twoStep}, DocumentDB ${twoStep},` +
      ` Neptune ${twoStep}, Redshift (no cross-account copy):` +
      " AWS Backup fails that copy job; copy those types to the central vault in their own region";
    expect(findings).toEqual([finding("daily"), finding("monthly")]);
  });

  it("reads a resource selection's types, a shared ARN pattern including each type that has it", () => {
    const names = (plan: Parameters<typeof selectedTypes>[0]) => selectedTypes(plan).map((t) => t.type);
    expect(names({ selections: { tags: { phi: {} } } })).toEqual(BACKUP_RESOURCE_TYPES.map((t) => t.type));
    expect(
      names({
        selections: { resources: { phi: { resource_types: { "@@assign": ["arn:aws:rds:*:*:cluster:*"] } } } },
      }),
    ).toEqual(["Aurora", "DocumentDB", "Neptune"]);
    expect(
      names({
        selections: {
          resources: {
            phi: {
              resource_types: { "@@assign": ["*"] },
              not_resource_types: { "@@assign": ["arn:aws:rds:*:*:db:*", "arn:aws:rds:*:*:cluster:*"] },
            },
          },
        },
      }),
    ).not.toEqual(expect.arrayContaining(["RDS"]));
  });
});

describe("backup-report-formats", () => {
  it("passes on the example: the organization's report plans ask for CSV only", () => {
    expect(findingsWith(backupReportFormats)).toEqual([]);
  });

  it("fails when a report plan covering every account and region asks for CSV and JSON", () => {
    let address = "";
    const findings = findingsWith(backupReportFormats, (stacks) => {
      const plans = stacks.get("backup")!.resource.aws_backup_report_plan;
      const [name, plan] = Object.entries(plans).find(([, p]) => p.name === "lz_copy_jobs")!;
      address = `backup: aws_backup_report_plan.${name}`;
      (plan.report_delivery_channel as Block).formats = ["CSV", "JSON"];
    });
    const accounts = example.organization.accounts.length;
    expect(findings).toEqual([
      `${address}: report plan lz_copy_jobs covers ${accounts} accounts and 2 regions and asks for JSON; a report plan covering several accounts or regions may ask only for CSV`,
    ]);
  });
});
