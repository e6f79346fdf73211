// Validation of the backup section and the backup account: the defaults a minimal file gets, and the exact
// message for each plan AWS or HIPAA would refuse; nothing loads until they are fixed (proves validation only).
import { configIssues, fixture, ORGANIZATION_YAML, PROD_YAML, validConfig } from "../helpers/config-fixture";

/** The fixture with a backup section appended to organization.yaml. */
function withBackup(yaml: string, extra: Record<string, string> = {}): Record<string, string> {
  return { "organization.yaml": `${ORGANIZATION_YAML}backup:\n${yaml}`, ...extra };
}

/** One plan with one rule; `rule` adds fields to the rule, `plan` to the plan. */
const plan = (rule: string, planFields = "") =>
  `  plans:\n    - name: phi\n${planFields}      rules:\n        - name: daily\n          schedule: cron(0 5 ? * * *)\n${rule}`;

it("gives a minimal file the daily and six-year monthly plans, a 35-day vault lock and monthly restore tests", () => {
  const backup = validConfig().organization.backup;
  expect(backup.plans.map((p) => [p.name, p.selection])).toEqual([
    ["phi", { tagKey: "DataClassification", tagValue: "phi" }],
  ]);
  const rules = backup.plans[0].rules;
  expect(rules.map((r) => [r.name, r.schedule, r.warmRetentionDays, r.coldRetentionDays])).toEqual([
    ["daily", "cron(0 5 ? * * *)", 35, undefined],
    ["monthly", "cron(0 5 1 * ? *)", 90, 2102],
  ]);
  expect(rules.every((r) => r.copyToCentral)).toBe(true);
  expect(backup.vaultLock.minRetentionDays).toBe(35);
  expect(backup.restoreTesting).toEqual({
    schedule: "cron(0 12 1 * ? *)",
    validationWindowHours: 24,
    resourceTypes: ["S3", "EBS", "RDS", "DynamoDB", "EFS"],
  });
  expect(validConfig().organization.coreAccounts.backup).toBe("backup");
});

it("refuses cold storage shorter than AWS's 90 days", () => {
  expect(
    configIssues(
      fixture(withBackup(plan("          warmRetentionDays: 35\n          coldRetentionDays: 30\n"))),
    ),
  ).toEqual([
    "cfg/organization.yaml:49 backup.plans[0].rules[0].coldRetentionDays: received 30; expected at least 90 days: AWS Backup keeps a recovery point in cold storage for 90 days at least (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html)",
  ]);
});

it("refuses a retention shorter than the vault lock's minimum", () => {
  expect(configIssues(fixture(withBackup(plan("          warmRetentionDays: 7\n"))))).toEqual([
    "cfg/organization.yaml:48 backup.plans[0].rules[0].warmRetentionDays: received 7; expected a retention (warm plus cold days) of at least backup.vaultLock.minRetentionDays (35): the locked vaults refuse a recovery point kept 7 days",
  ]);
});

it("refuses a region outside the governed ones, and a copy region the plan itself protects", () => {
  const issues = configIssues(
    fixture(
      withBackup(
        plan(
          "          warmRetentionDays: 35\n          copyToRegion: us-east-1\n",
          "      regions: [eu-west-1, us-east-1]\n",
        ),
      ),
    ),
  );
  expect(issues).toEqual([
    'cfg/organization.yaml:45 backup.plans[0].regions[0]: received "eu-west-1"; expected one of the governed regions: us-east-1, us-west-2',
    'cfg/organization.yaml:50 backup.plans[0].rules[0].copyToRegion: received "us-east-1"; expected a governed region outside the plan\'s regions (eu-west-1, us-east-1): a backup policy applies the same copy rule in each of them, and a region cannot copy into its own vault',
  ]);
});

it("refuses a PHI environment no plan covers, and a plan naming an unknown environment", () => {
  const issues = configIssues(
    fixture(
      withBackup(plan("          warmRetentionDays: 35\n", "      environments: [dev, stage]\n"), {
        "dev.yaml": "name: dev\nphi: false\naccounts: [network]\ncidr: 10.20.0.0/16\n",
      }),
    ),
  );
  expect(issues).toEqual([
    'cfg/organization.yaml:45 backup.plans[0].environments[1]: received "stage"; expected an environment name: dev, prod',
    'cfg/organization.yaml:44 backup.plans: received "phi"; expected a plan covering every PHI environment: "prod" (cfg/prod.yaml) holds PHI and no plan lists it in environments (164.308(a)(7)(ii)(A) data backup plan is required)',
  ]);
});

it("refuses a backup account that belongs to an environment or plays another core role", () => {
  const org = ORGANIZATION_YAML.replace("  network: network\n", "  network: network\n  backup: phi-prod\n");
  const issues = configIssues(fixture({ "organization.yaml": org, "prod.yaml": PROD_YAML }));
  expect(issues).toEqual([
    'cfg/organization.yaml:20 coreAccounts.backup: received "phi-prod"; expected an account outside every environment: cfg/prod.yaml lists it, and a workload account must not hold the copies of its own backups',
  ]);
});
