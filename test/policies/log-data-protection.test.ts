// The CloudWatch Logs data protection policy and its HIPAA coverage table: the 18 identifiers of 164.514(b)(2)(i)
// in order, every managed identifier one AWS lists (with its page), the policy naming exactly the table's
// identifiers plus the health codes and credentials, within AWS's size limit, and docs/network-and-baseline.md
// showing the table as the code has it.
import * as fs from "fs";
import * as path from "path";
import { normalizedMarkdown, sectionOf } from "../../src/config/generated-section";
import {
  LOG_DATA_IDENTIFIERS_MARKERS,
  LOG_DATA_IDENTIFIERS_PAGE,
  logDataIdentifierTable,
} from "../../src/config/log-data-identifier-docs";
import {
  AWS_MANAGED_DATA_IDENTIFIERS,
  dataIdentifierArn,
  HIPAA_IDENTIFIERS,
  LOG_DATA_IDENTIFIERS,
  LOG_DATA_PROTECTION_POLICY_MAX_CHARS,
  logDataProtectionPolicy,
  OTHER_PROTECTED_IDENTIFIERS,
} from "../../src/policies/log-data-protection";

const ROOT = path.join(__dirname, "..", "..");

it("lists the 18 identifiers of 164.514(b)(2)(i), (A) to (R), once each", () => {
  expect(HIPAA_IDENTIFIERS.map((h) => h.paragraph).join("")).toBe("ABCDEFGHIJKLMNOPQR");
  // The six the issue names are covered by AWS's identifiers.
  const covered = new Map(HIPAA_IDENTIFIERS.map((h) => [h.paragraph, h.managed]));
  expect(covered.get("A")).toContain("Name");
  expect(covered.get("B")).toContain("Address");
  expect(covered.get("C")).toContain("DateOfBirth");
  expect(covered.get("D")).toContain("PhoneNumber-US");
  expect(covered.get("F")).toContain("EmailAddress");
  expect(covered.get("G")).toContain("Ssn-US");
  // Those AWS has nothing for say so.
  for (const h of HIPAA_IDENTIFIERS.filter((x) => x.managed.length === 0)) {
    expect([h.paragraph, "EHMNPQ".includes(h.paragraph)]).toEqual([h.paragraph, true]);
  }
});

it("names only identifiers read on AWS's pages, US or language-independent, each with its page and date", () => {
  for (const id of LOG_DATA_IDENTIFIERS) {
    const known = AWS_MANAGED_DATA_IDENTIFIERS[id];
    expect([id, known.page]).toEqual([
      id,
      expect.stringMatching(/^https:\/\/docs\.aws\.amazon\.com\/AmazonCloudWatch\/latest\/logs\//),
    ]);
    expect(known.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(id).toMatch(/^[A-Za-z]+(-US)?$/);
  }
  // Every identifier the catalogue knows is used, so the catalogue lists nothing the policy does not name.
  expect([...LOG_DATA_IDENTIFIERS].sort()).toEqual(Object.keys(AWS_MANAGED_DATA_IDENTIFIERS).sort());
});

it("masks exactly the table's identifiers and the others, in both statements, within AWS's limit", () => {
  const document = logDataProtectionPolicy() as {
    Statement: Array<{ Sid: string; DataIdentifier: string[]; Operation: unknown }>;
  };
  const expected = [
    ...new Set([...HIPAA_IDENTIFIERS.flatMap((h) => h.managed), ...OTHER_PROTECTED_IDENTIFIERS]),
  ].map(dataIdentifierArn);
  expect(document.Statement.map((s) => s.Sid)).toEqual(["audit", "redact"]);
  for (const statement of document.Statement) expect(statement.DataIdentifier).toEqual(expected);
  expect(new Set(expected).size).toBe(expected.length);
  expect(JSON.stringify(document).length).toBeLessThanOrEqual(LOG_DATA_PROTECTION_POLICY_MAX_CHARS);
});

it("docs/network-and-baseline.md shows the coverage table as the code has it", () => {
  const page = fs.readFileSync(path.join(ROOT, LOG_DATA_IDENTIFIERS_PAGE), "utf8");
  expect(
    normalizedMarkdown(sectionOf(page, LOG_DATA_IDENTIFIERS_MARKERS, LOG_DATA_IDENTIFIERS_PAGE)),
  ).toEqual(normalizedMarkdown(logDataIdentifierTable()));
  // A stale page fails: an identifier dropped from the code no longer matches the page.
  expect(normalizedMarkdown(logDataIdentifierTable())).toContainEqual(expect.stringContaining("`Ssn-US`"));
});
