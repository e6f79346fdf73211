// Validation of the HIPAA rule suppressions in organization.yaml: exact messages for a missing reason, a bad
// date, an expired or too distant expiry and a repeat; nothing loads until they are fixed.
import { isoDay } from "../../src/config/checks/compliance";
import { configIssues, fixture, ORGANIZATION_YAML, validConfig } from "../helpers/config-fixture";

const inDays = (days: number) => isoDay(new Date(Date.now() + days * 86_400_000));

function suppressions(...entries: string[]): Record<string, string> {
  return { "organization.yaml": `${ORGANIZATION_YAML}compliance:\n  suppressions:\n${entries.join("")}` };
}

function entry(fields: {
  rule?: string;
  resource?: string;
  reason?: string;
  owner?: string;
  expires?: string;
}) {
  const f = {
    rule: "hipaa-s3-access-logging",
    resource: "log-archive: aws_s3_bucket.*",
    reason: "Access logs move to a central bucket next quarter",
    owner: "security-engineering",
    expires: inDays(30),
    ...fields,
  };
  return `    - rule: ${f.rule}\n      resource: "${f.resource}"\n      reason: ${f.reason}\n      owner: ${f.owner}\n      expires: "${f.expires}"\n`;
}

it("loads a suppression with a reason, an owner and an expiry within a year, and defaults to none", () => {
  expect(validConfig().organization.compliance.suppressions).toEqual([]);
  const config = validConfig(suppressions(entry({})));
  expect(config.organization.compliance.suppressions).toEqual([
    {
      rule: "hipaa-s3-access-logging",
      resource: "log-archive: aws_s3_bucket.*",
      reason: "Access logs move to a central bucket next quarter",
      owner: "security-engineering",
      expires: inDays(30),
    },
  ]);
});

it("refuses a short reason, a malformed rule ID and a date that is not YYYY-MM-DD", () => {
  expect(
    configIssues(
      fixture(suppressions(entry({ reason: "because", rule: "s3-logging", expires: "next year" }))),
    ),
  ).toEqual([
    'cfg/organization.yaml:44 compliance.suppressions[0].rule: received "s3-logging"; expected a HIPAA rule ID such as hipaa-s3-access-logging (docs/compliance.md lists them)',
    'cfg/organization.yaml:46 compliance.suppressions[0].reason: received "because"; expected a written reason of at least 20 characters: why the control does not apply, or what compensates',
    'cfg/organization.yaml:48 compliance.suppressions[0].expires: received "next year"; expected an expiry date as YYYY-MM-DD',
  ]);
});

it("refuses an expired suppression, one more than a year ahead, and a repeat", () => {
  const today = isoDay(new Date());
  const latest = inDays(366);
  expect(
    configIssues(
      fixture(
        suppressions(
          entry({ expires: inDays(-1) }),
          entry({ rule: "hipaa-s3-versioning", expires: inDays(400) }),
          entry({}),
        ),
      ),
    ),
  ).toEqual([
    `cfg/organization.yaml:48 compliance.suppressions[0].expires: received "${inDays(-1)}"; expected a date from today (${today}): the suppression of hipaa-s3-access-logging for log-archive: aws_s3_bucket.* has expired; fix the finding, or renew it with a reason reviewed again`,
    `cfg/organization.yaml:53 compliance.suppressions[1].expires: received "${inDays(400)}"; expected a date at most 366 days ahead (by ${latest}), so the exception is reviewed at least yearly`,
    'cfg/organization.yaml:55 compliance.suppressions[2].resource: received "log-archive: aws_s3_bucket.*"; expected a unique rule and resource (compliance.suppressions[0] already uses it)',
  ]);
});
