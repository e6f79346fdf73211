// The evaluation profile on the synthesized stacks: the example in examples/evaluation is synthesized once and
// changes exactly the settings the profile names (lock modes, retention, destroy protection, account closing, the
// lz:profile tag); its HIPAA rules hold except the ones it relaxes, which are reported as relaxed, never as passed;
// the binder says so on top. The hipaa profile's constructs keep COMPLIANCE locks and destroy protection.
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { controlCatalogue } from "../../src/config/control-catalogue";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { EVALUATION_RETENTION_DAYS, PROFILE_CONTEXT } from "../../src/config/profile";
import { VAULT_LOCK_CHANGEABLE_DAYS } from "../../src/policies/backup-policies";
import { binderMarkdown, evidenceBinder } from "../../src/verify/binder";
import { runHipaaRules } from "../../src/verify/hipaa-rules";
import { EVALUATION_RELAXED_RULES, RELAXED_STATUS } from "../../src/verify/rules/hipaa/relaxed";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { verifyLandingZone } from "../../src/verify/verify";
import { LockedBackupVault } from "../../modules/backup-vault";
import { MemberAccount } from "../../modules/member-account";
import { SecureBucket } from "../../modules/secure-bucket";
import { synthApp } from "../helpers/synth";

jest.setTimeout(120_000);

const config = loadConfig(path.join(__dirname, "..", "..", "examples", "evaluation"));
const app = synthApp(config);
const everywhere = (type: string) => [...app.stacks.keys()].flatMap((stack) => app.all(stack, type));
const lifecycleOf = (r: Record<string, unknown>) => r.lifecycle as { prevent_destroy?: boolean } | undefined;

it("locks every Object Lock bucket in GOVERNANCE mode for the profile's single day", () => {
  const locks = everywhere("aws_s3_bucket_object_lock_configuration");
  expect(locks.length).toBeGreaterThan(0);
  for (const lock of locks) {
    expect(lock.rule).toEqual({ default_retention: { mode: "GOVERNANCE", days: EVALUATION_RETENTION_DAYS } });
  }
});

it("locks every vault in governance mode (no changeable_for_days) with the profile's minimum retention", () => {
  const locks = everywhere("aws_backup_vault_lock_configuration");
  expect(locks.length).toBeGreaterThan(0);
  for (const lock of locks) {
    expect(lock.changeable_for_days).toBeUndefined();
    expect(lock.min_retention_days).toBe(EVALUATION_RETENTION_DAYS);
  }
});

it("makes accounts closable and nothing protected from destroy except the organization itself", () => {
  const accounts = everywhere("aws_organizations_account");
  expect(accounts.length).toBe(config.organization.accounts.length);
  for (const account of accounts) expect(account.close_on_deletion).toBe(true);
  const protectedTypes = [...app.stacks.values()].flatMap((stack) =>
    Object.entries(stack.resource).flatMap(([type, byName]) =>
      Object.values(byName)
        .filter((r) => lifecycleOf(r)?.prevent_destroy === true)
        .map(() => type),
    ),
  );
  expect([...new Set(protectedTypes)]).toEqual(["aws_organizations_organization"]);
  for (const bucket of everywhere("aws_s3_bucket")) expect(bucket.force_destroy).toBe(true);
});

it("keeps nothing six years: every log group, lifecycle expiry and backup rule within the profile's day", () => {
  for (const group of everywhere("aws_cloudwatch_log_group")) {
    expect(Number(group.retention_in_days ?? 0)).toBeGreaterThan(0);
    expect(Number(group.retention_in_days)).toBeLessThanOrEqual(EVALUATION_RETENTION_DAYS);
  }
  // The conformance pack still names HIPAA's 2192 days: it is the check that reports the trial's log groups.
  const text = JSON.stringify(
    [...app.stacks.values()].map((stack) =>
      Object.entries(stack.resource).filter(([type]) => !type.endsWith("conformance_pack")),
    ),
  );
  expect(text).not.toMatch(/2192|2102|COMPLIANCE/);
});

it("tags every stack's resources lz:profile=evaluation through the providers' default tags", () => {
  for (const [name, stack] of app.stacks) {
    for (const provider of stack.provider.aws) {
      const tags = (provider.default_tags as Array<{ tags: Record<string, string> }> | undefined)?.[0]?.tags;
      if (tags) expect([name, tags["lz:profile"]]).toEqual([name, "evaluation"]);
    }
  }
});

it("reports the relaxed HIPAA rules as relaxed, never as passed, and every other rule as holding", async () => {
  const model = new SynthesizedLandingZone(app.stacks, allAccountNames(config.organization));
  const { results } = runHipaaRules(model, config);
  const relaxed = results.filter((r) => r.relaxed !== undefined);
  expect(relaxed.map((r) => r.id).sort()).toEqual([...EVALUATION_RELAXED_RULES.keys()].sort());
  for (const rule of relaxed)
    expect(rule.relaxed).toBe(`${RELAXED_STATUS}: ${EVALUATION_RELAXED_RULES.get(rule.id)}`);
  expect(results.filter((r) => r.findings.length > 0).map((r) => r.id)).toEqual([]);

  const report = await verifyLandingZone(config, model);
  expect(report.profile).toBe("evaluation");
  const binder = evidenceBinder({ config, model, report, catalogue: controlCatalogue() });
  const ruleEntries = binder.sections
    .flatMap((s) => s.rules)
    .filter((r) => EVALUATION_RELAXED_RULES.has(r.id));
  expect(ruleEntries.length).toBeGreaterThan(0);
  for (const entry of ruleEntries) expect(entry.holds).toBe(false);
  const markdown = binderMarkdown(binder).split("\n");
  expect(markdown[2]).toMatch(/^> \*\*EVALUATION PROFILE — NOT A HIPAA DEPLOYMENT\.\*\* /);
  expect(markdown.join("\n")).toContain(`> - \`hipaa-log-bucket-object-lock\`: ${RELAXED_STATUS}: `);
});

describe("the hipaa profile (no profile context, as every hipaa stack)", () => {
  function synth(profile?: string) {
    const stack = new TerraformStack(Testing.app(), "s");
    if (profile) stack.node.setContext(PROFILE_CONTEXT, profile);
    const provider = new AwsProvider(stack, "aws", { region: "us-east-1" });
    new SecureBucket(stack, "b", { bucketName: "example-bucket", objectLockRetentionDays: 2192 });
    new LockedBackupVault(stack, "v", {
      provider,
      name: "lz-backup",
      keyAlias: "x/backup",
      keyPolicy: { Version: "2012-10-17", Statement: [] },
      accessPolicy: { Version: "2012-10-17", Statement: [] },
      minRetentionDays: 35,
    });
    new MemberAccount(stack, "a", {
      accountName: "a",
      email: "a@example.org",
      parentId: "r-1",
      deployRoleName: "x",
    });
    return JSON.parse(Testing.synth(stack)) as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
  }
  const one = (json: ReturnType<typeof synth>, type: string) => Object.values(json.resource[type])[0];

  it("keeps COMPLIANCE mode, the vault's compliance lock, destroy protection and accounts that never close", () => {
    for (const json of [synth(), synth("hipaa")]) {
      expect(one(json, "aws_s3_bucket_object_lock_configuration").rule).toEqual({
        default_retention: { mode: "COMPLIANCE", days: 2192 },
      });
      expect(one(json, "aws_backup_vault_lock_configuration").changeable_for_days).toBe(
        VAULT_LOCK_CHANGEABLE_DAYS,
      );
      expect(one(json, "aws_organizations_account").close_on_deletion).toBe(false);
      for (const type of ["aws_s3_bucket", "aws_kms_key", "aws_backup_vault", "aws_organizations_account"])
        expect([type, lifecycleOf(one(json, type))?.prevent_destroy]).toEqual([type, true]);
      expect(one(json, "aws_s3_bucket").force_destroy).toBe(false);
    }
  });

  it("the same constructs under the evaluation context switch each of those settings", () => {
    const json = synth("evaluation");
    expect(one(json, "aws_s3_bucket_object_lock_configuration").rule).toEqual({
      default_retention: { mode: "GOVERNANCE", days: 2192 },
    });
    expect(one(json, "aws_backup_vault_lock_configuration").changeable_for_days).toBeUndefined();
    expect(one(json, "aws_organizations_account").close_on_deletion).toBe(true);
    expect(lifecycleOf(one(json, "aws_kms_key"))?.prevent_destroy).toBe(false);
  });
});
