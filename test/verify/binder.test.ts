// The evidence binder on the example configuration: every section the issue lists, each with a deployed control
// or a plain statement that the landing zone does not cover it; suppressions and drift filed under their sections;
// docs/compliance.md and docs/compliance-example.md as the code renders them; statements that read the configuration
// and change with it; the commit, the configuration's digest and the accounts in scope.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { controlCatalogue } from "../../src/config/control-catalogue";
import { normalizedMarkdown, sectionOf } from "../../src/config/generated-section";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { EXCLUDED_MANAGED_RULES } from "../../src/policies/hipaa-conformance-pack";
import { HIPAA_SECTIONS } from "../../src/policies/hipaa-sections";
import {
  BINDER_SECTIONS,
  binderMarkdown,
  evidenceBinder,
  EXAMPLE_BINDER_PAGE,
  exampleBinderMarkdown,
} from "../../src/verify/binder";
import { HIPAA_RULES_PAGE } from "../../src/verify/rules/hipaa";
import { HIPAA_RULES_MARKERS, hipaaRuleTable } from "../../src/verify/rules/hipaa/rule-docs";
import { accountsInScope, configDigest, gitCommit, NO_ACCOUNT_ID } from "../../src/verify/binder-provenance";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { PATH_GROUP_SECTIONS, verifyLandingZone, VerifyReport } from "../../src/verify/verify";
import { synthApp } from "../helpers/synth";

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, "..", "..");
const example = loadConfig(path.join(ROOT, "environments"));
const model = new SynthesizedLandingZone(synthApp(example).stacks, allAccountNames(example.organization));
let report: VerifyReport;
beforeAll(async () => {
  report = await verifyLandingZone(example, model);
});

it("covers every technical safeguard and the listed administrative sections, each with a control or a stated gap", () => {
  const binder = evidenceBinder({ config: example, model, report, catalogue: controlCatalogue() });
  const technical = Object.keys(HIPAA_SECTIONS).filter((id) => id.startsWith("164.312("));
  expect(binder.sections.map((s) => s.id)).toEqual([...BINDER_SECTIONS]);
  for (const id of [...technical, "164.308(a)(1)(ii)(D)", "164.308(a)(7)", "164.308(a)(8)", "164.316(b)(2)"])
    expect(BINDER_SECTIONS).toContain(id);
  for (const section of binder.sections) {
    expect([section.id, section.controls.length > 0 || section.gap !== undefined]).toEqual([
      section.id,
      true,
    ]);
    expect(section.specification).toBe(HIPAA_SECTIONS[section.id].specification);
  }
  expect(binder.verified).toBe(true);
  // Every group of access paths is filed under some section.
  expect([...new Set(report.paths.map((p) => p.group))].filter((g) => !(g in PATH_GROUP_SECTIONS))).toEqual(
    [],
  );
  const contingency = binder.sections.find((s) => s.id === "164.308(a)(7)")!;
  expect(contingency.controls.map((c) => c.files[0])).toEqual([
    "src/policies/scp-library.ts",
    "modules/organization-backup.ts",
    "modules/account-backup.ts",
    "modules/account-backup.ts",
    "modules/workload/serverless-api.ts",
  ]);
  expect(contingency.gap).toBeUndefined();
  expect(contingency.rules.map((r) => r.id)).toEqual([
    "hipaa-backup-vault-encrypted",
    "hipaa-backup-vault-locked",
    "hipaa-backup-plans-daily",
    "hipaa-dynamodb-pitr",
    "hipaa-dynamodb-backup-selected",
  ]);
  expect(contingency.accessPaths.passed).toBe(contingency.accessPaths.total);
  expect(contingency.accessPaths.total).toBeGreaterThan(0);
  expect(contingency.packRules).toContain("RDS_IN_BACKUP_PLAN");
  const audit = binder.sections.find((s) => s.id === "164.312(b)")!;
  expect(audit.rules.map((r) => r.id)).toContain("hipaa-vpc-flow-logs");
  expect(audit.rules.every((r) => r.holds)).toBe(true);
  expect(audit.accessPaths.passed).toBe(audit.accessPaths.total);
  expect(audit.accessPaths.total).toBeGreaterThan(0);
  expect(audit.resources).toContainEqual({
    account: "phi-prod",
    region: "us-east-1",
    type: "aws_flow_log",
    count: 1,
  });
  expect(binder.knownPackFindings.map((f) => f.configRule)).toEqual([
    "DYNAMODB_IN_BACKUP_PLAN",
    "S3_BUCKET_LOGGING_ENABLED",
    "S3_DEFAULT_ENCRYPTION_KMS",
    "IAM_NO_INLINE_POLICY_CHECK",
  ]);
  // Every rule of AWS's pack left out is in the binder with its reason, and printed.
  expect(binder.excludedPackRules).toContainEqual({
    rule: "RDS_MULTI_AZ_SUPPORT",
    why: EXCLUDED_MANAGED_RULES.RDS_MULTI_AZ_SUPPORT,
  });
  expect(binder.excludedPackRules).toHaveLength(Object.keys(EXCLUDED_MANAGED_RULES).length);
  const markdown = binderMarkdown(binder);
  expect(markdown).toContain("## Rules of AWS's HIPAA conformance pack left out");
  expect(markdown).toContain(
    `- \`S3_EVENT_NOTIFICATIONS_ENABLED\`: ${EXCLUDED_MANAGED_RULES.S3_EVENT_NOTIFICATIONS_ENABLED}.`,
  );
});

it("files suppressed findings and the last drift run under the sections they concern", () => {
  const suppressedReport: VerifyReport = {
    ...report,
    hipaa: report.hipaa.map((r) =>
      r.id === "hipaa-s3-access-logging"
        ? {
            ...r,
            suppressed: [
              {
                address: "log-archive: aws_s3_bucket.b",
                message: "has no server access logging",
                suppression: {
                  index: 0,
                  rule: r.id,
                  resource: "log-archive: *",
                  reason: "moving to a central access-log bucket",
                  owner: "platform",
                  expires: "2027-01-31",
                },
              },
            ],
          }
        : r,
    ),
  };
  const binder = evidenceBinder({
    config: example,
    model,
    report: suppressedReport,
    catalogue: controlCatalogue(),
    drift: {
      generatedAt: "2026-12-01T06:00:00Z",
      findings: [
        { severity: "critical", sections: ["164.312(b) audit controls"] },
        { severity: "warning", sections: ["164.312(e)(1) transmission security"] },
      ],
    },
    generatedAt: "2026-12-01T07:00:00Z",
  });
  const audit = binder.sections.find((s) => s.id === "164.312(b)")!;
  expect(audit.suppressions).toEqual([
    {
      rule: "hipaa-s3-access-logging",
      address: "log-archive: aws_s3_bucket.b",
      reason: "moving to a central access-log bucket",
      owner: "platform",
      expires: "2027-01-31",
    },
  ]);
  expect(audit.drift).toEqual({ generatedAt: "2026-12-01T06:00:00Z", findings: 1, critical: 1 });
  const markdown = binderMarkdown(binder);
  expect(markdown).toContain(
    "- `hipaa-s3-access-logging` on `log-archive: aws_s3_bucket.b`, owner platform, until 2027-01-31: moving to a central access-log bucket",
  );
  expect(markdown).toContain("Last drift check (2026-12-01T06:00:00Z): 1 finding, 1 critical.");
  expect(markdown).toContain("Generated 2026-12-01T07:00:00Z by `make compliance`");
});

it("docs/compliance.md lists the rules and docs/compliance-example.md is the example's binder, as the code renders them", () => {
  const rulesPage = fs.readFileSync(path.join(ROOT, HIPAA_RULES_PAGE), "utf8");
  expect(normalizedMarkdown(sectionOf(rulesPage, HIPAA_RULES_MARKERS, HIPAA_RULES_PAGE))).toEqual(
    normalizedMarkdown(hipaaRuleTable()),
  );
  const examplePage = fs.readFileSync(path.join(ROOT, EXAMPLE_BINDER_PAGE), "utf8");
  expect(normalizedMarkdown(examplePage)).toEqual(
    normalizedMarkdown(exampleBinderMarkdown(example, model, report, controlCatalogue())),
  );
});

/** A copy of the example configuration in a scratch directory, each file's text passed through `edit`. */
function exampleCopy(edit: (name: string, text: string) => string = (_n, t) => t): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-binder-"));
  for (const name of fs.readdirSync(path.join(ROOT, "environments")))
    fs.writeFileSync(
      path.join(dir, name),
      edit(name, fs.readFileSync(path.join(ROOT, "environments", name), "utf8")),
    );
  return dir;
}

/** Replaces `from` in `text`, failing when it is not there (so a changed example cannot make the test vacuous). */
function replaced(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

it("states the configuration's own values, and they change when the configuration does", () => {
  const dir = exampleCopy((name, text) =>
    name !== "organization.yaml"
      ? text
      : [
          ["breakGlass: lz-break-glass", "breakGlass: lz-emergency-access"],
          ["retentionDays: 2192", "retentionDays: 2500"],
          ["  - us-west-2\n\nroles:", "  - us-west-2\n  - eu-west-1\n\nroles:"],
          ["minRetentionDays: 35", "minRetentionDays: 30"],
          [
            "identityCenter:\n  groups:",
            "identityCenter:\n  permissionSets:\n    - name: DataReview\n      sessionHours: 3\n      managedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n  groups:",
          ],
        ].reduce((t, [from, to]) => replaced(t, from, to), text),
  );
  const changed = loadConfig(dir);
  const changedModel = new SynthesizedLandingZone(
    synthApp(changed).stacks,
    allAccountNames(changed.organization),
  );
  const before = evidenceBinder({ config: example, model, report, catalogue: controlCatalogue() });
  const after = evidenceBinder({
    config: changed,
    model: changedModel,
    report,
    catalogue: controlCatalogue(),
  });
  const lines = (b: typeof before, id: string) =>
    b.sections.find((s) => s.id === id)!.configuration.join("\n");

  const emergency = "164.312(a)(2)(ii)";
  expect(lines(before, emergency)).toContain("Break-glass role `lz-break-glass` (`roles.breakGlass`)");
  expect(lines(after, emergency)).toContain("Break-glass role `lz-emergency-access` (`roles.breakGlass`)");
  expect(lines(after, emergency)).not.toContain("lz-break-glass`");
  expect(lines(before, emergency)).toContain(
    "Permission set BreakGlass: held by lz-break-glass in 9 accounts, sessions of 1 hour.",
  );

  const logoff = "164.312(a)(2)(iii)";
  expect(lines(before, logoff)).not.toContain("DataReview");
  expect(lines(after, logoff)).toContain("DataReview 3 hours");
  expect(lines(after, logoff)).toContain("PHIReadOnly 1 hour");

  expect(lines(before, "164.316(b)(2)")).toContain("Object Lock COMPLIANCE for 2192 days");
  expect(lines(after, "164.316(b)(2)")).toContain("Object Lock COMPLIANCE for 2500 days");
  expect(lines(after, "164.312(c)(1)")).toContain(
    "`example-health-log-archive-100000000002-us-east-1` (COMPLIANCE 2500 days)",
  );
  expect(lines(before, "164.312(c)(1)")).toContain("Vault Lock COMPLIANCE minimum retention 35 days");
  expect(lines(after, "164.312(c)(1)")).toContain("Vault Lock COMPLIANCE minimum retention 30 days");

  expect(lines(before, "164.312(a)(1)")).toContain(
    "Governed regions (organization.yaml `regions`): `us-east-1`, `us-west-2`, home region `us-east-1`",
  );
  expect(lines(after, "164.312(a)(1)")).toContain(
    "Governed regions (organization.yaml `regions`): `us-east-1`, `us-west-2`, `eu-west-1`, home region `us-east-1`",
  );
  expect(lines(after, "164.308(a)(7)")).toContain("regions `us-east-1`, `us-west-2`, `eu-west-1`");

  const markdown = binderMarkdown(after);
  expect(markdown).toContain("- Break-glass role `lz-emergency-access` (`roles.breakGlass`)");
  expect(binderMarkdown(before)).not.toContain("lz-emergency-access");
});

it("files organization policies only under the sections they serve, by their configured names", () => {
  const binder = evidenceBinder({ config: example, model, report, catalogue: controlCatalogue() });
  const contingency = binder.sections.find((s) => s.id === "164.308(a)(7)")!;
  expect(contingency.resources.filter((r) => r.type === "aws_organizations_policy")).toEqual([
    {
      account: "management",
      region: "us-east-1",
      type: "aws_organizations_policy",
      count: 2,
      names: ["lz-backup-phi", "lz-protect-kms-keys"],
    },
  ]);
  expect(binderMarkdown(binder)).toContain(
    "- management (us-east-1): 2 aws_organizations_policy (`lz-backup-phi`, `lz-protect-kms-keys`)",
  );
  // An SCP is listed on the targets the configuration attaches it to, not the library's defaults.
  const access = binder.sections.find((s) => s.id === "164.312(a)(1)")!;
  expect(access.controls.map((c) => c.where)).toContain(
    "SCP `lz-phi-workloads` on Security, Infrastructure, Workloads",
  );
  // A guardrail the configuration does not attach serves no section.
  const withoutIamUsers = {
    ...example,
    organization: {
      ...example.organization,
      serviceControlPolicies: example.organization.serviceControlPolicies!.filter(
        (a) => a.policy !== "lz-deny-iam-users",
      ),
    },
  };
  const trimmedModel = new SynthesizedLandingZone(
    synthApp(withoutIamUsers).stacks,
    allAccountNames(example.organization),
  );
  const trimmed = evidenceBinder({
    config: withoutIamUsers,
    model: trimmedModel,
    report,
    catalogue: controlCatalogue(),
  });
  const wheres = (b: typeof binder) =>
    b.sections.find((s) => s.id === "164.312(a)(2)(i)")!.controls.map((c) => c.where);
  expect(wheres(binder)).toContain("SCP `lz-deny-iam-users` on Workloads");
  expect(wheres(trimmed).filter((w) => w.includes("lz-deny-iam-users"))).toEqual([]);
});

it("names what authenticates ePHI: versioning, Object Lock, checksums and TLS, not log validation alone", () => {
  const binder = evidenceBinder({ config: example, model, report, catalogue: controlCatalogue() });
  const authentication = binder.sections.find((s) => s.id === "164.312(c)(2)")!;
  expect(authentication.rules.map((r) => r.id).sort()).toEqual([
    "hipaa-cloudtrail-log-validation",
    "hipaa-log-bucket-object-lock",
    "hipaa-s3-tls-only",
    "hipaa-s3-versioning",
  ]);
  const text = authentication.configuration.join("\n");
  expect(text).toContain("S3 versioning on 13 of 13 buckets the landing zone creates");
  expect(text).toContain(
    "Object Lock on `example-health-backup-reports-100000000004-us-east-1` (COMPLIANCE 2192 days), `example-health-log-archive-100000000002-us-west-2` (COMPLIANCE 2192 days), `example-health-log-archive-100000000002-us-east-1` (COMPLIANCE 2192 days), `example-health-log-archive-replica-100000000002-us-west-2` (COMPLIANCE 2192 days)",
  );
  expect(text).toContain("stores a CRC64NVME checksum with every new object");
  expect(text).toContain(
    "TLS in transit: 13 of the 13 bucket policies deny requests where `aws:SecureTransport` is false and TLS below 1.2 (`s3:TlsVersion`); the RCP `lz-data-perimeter` denies requests without TLS",
  );
  expect(authentication.controls.map((c) => c.files[0])).toEqual([
    "modules/log-archive.ts",
    "modules/log-archive.ts",
    "modules/secure-bucket.ts",
    "modules/organization-trail.ts",
  ]);
  expect(authentication.resources.map((r) => r.type)).toContain("aws_s3_bucket_object_lock_configuration");
});

it("carries the commit, the configuration's digest, the date and the accounts in scope, in Markdown and JSON alike", () => {
  const dir = exampleCopy();
  const digest = configDigest(dir);
  expect(digest.files).toEqual([
    "accounts.ledger.json",
    "dev.yaml",
    "organization.yaml",
    "prod.yaml",
    "staging.yaml",
  ]);
  expect(digest.value).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(configDigest(dir)).toEqual(digest);
  // Any byte of any configuration file changes it, a comment included; a file the loader ignores does not.
  fs.writeFileSync(path.join(dir, "notes.txt"), "not configuration");
  expect(configDigest(dir).value).toBe(digest.value);
  fs.appendFileSync(path.join(dir, "prod.yaml"), "# reviewed\n");
  expect(configDigest(dir).value).not.toBe(digest.value);

  expect(gitCommit(ROOT)).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
  expect(gitCommit(os.tmpdir())).toBe("unknown");

  const adopted = {
    ...example,
    adoption: {
      readFrom: "aws" as const,
      organization: { id: "o-abcdefghij", managementAccountId: "111111111111", rootId: "r-ab12" },
      organizationalUnits: {},
      accounts: { "phi-prod": { id: "222222222222", joinedMethod: "INVITED" as const } },
      policies: {},
      policyAttachments: [],
      delegatedAdministrators: [],
    },
  };
  expect(accountsInScope(adopted).slice(0, 2)).toEqual([
    { name: "management", id: "111111111111", ou: "Root", phi: false },
    { name: "log-archive", id: NO_ACCOUNT_ID, ou: "Security", phi: false },
  ]);
  const binder = evidenceBinder({
    config: adopted,
    model,
    report,
    catalogue: controlCatalogue(),
    generatedAt: "2026-12-05T10:00:00.000Z",
    provenance: { commit: "0123abcd-dirty", configDigest: digest },
  });
  expect(binder.accounts.find((a) => a.name === "phi-prod")).toEqual({
    name: "phi-prod",
    id: "222222222222",
    ou: "Workloads/Prod",
    environment: "prod",
    phi: true,
  });
  const markdown = binderMarkdown(binder);
  expect(markdown).toContain("- Commit: `0123abcd-dirty`");
  expect(markdown).toContain(
    `- Configuration digest: \`${digest.value}\` over accounts.ledger.json, dev.yaml, organization.yaml, prod.yaml, staging.yaml (sha256 over each configuration file`,
  );
  expect(markdown).toContain("- Generated: `2026-12-05T10:00:00.000Z`");
  expect(markdown).toContain("| phi-prod | 222222222222 | Workloads/Prod | prod (PHI) |");
  expect(markdown).toContain("| phi-dev | not yet created | Workloads/NonProd | dev |");
  expect(markdown).toContain("| management | 111111111111 | Root | none |");
  // The JSON report is the binder object itself: the same fields, the same values.
  const json = JSON.parse(JSON.stringify(binder)) as typeof binder;
  expect(json.provenance).toEqual({ commit: "0123abcd-dirty", configDigest: digest });
  expect(json.generatedAt).toBe("2026-12-05T10:00:00.000Z");
  expect(json.accounts).toEqual(binder.accounts);
  expect(json.sections.find((s) => s.id === "164.312(a)(2)(ii)")!.configuration).toEqual(
    binder.sections.find((s) => s.id === "164.312(a)(2)(ii)")!.configuration,
  );
});
