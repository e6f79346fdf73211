// The evidence binder on the example configuration: every section the issue lists, each with a deployed control
// or a plain statement that the landing zone does not cover it; suppressions and drift filed under their sections;
// docs/compliance.md and docs/compliance-example.md as the code renders them.
import * as fs from "fs";
import * as path from "path";
import { controlCatalogue } from "../../src/config/control-catalogue";
import { normalizedMarkdown, sectionOf } from "../../src/config/generated-section";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
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
  ]);
  expect(contingency.gap).toBeUndefined();
  expect(contingency.rules.map((r) => r.id)).toEqual([
    "hipaa-backup-vault-encrypted",
    "hipaa-backup-vault-locked",
    "hipaa-backup-plans-daily",
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
    "S3_BUCKET_LOGGING_ENABLED",
    "S3_DEFAULT_ENCRYPTION_KMS",
    "IAM_NO_INLINE_POLICY_CHECK",
  ]);
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
