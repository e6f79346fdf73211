// Checks of the HIPAA rule suppressions: each expires, at most a year ahead, and none repeats another, so an
// accepted exception is reviewed at least yearly (164.308(a)(8) evaluation) and fails the build once it lapses.
import { ConfigIssue } from "../errors";
import { MAX_SUPPRESSION_DAYS } from "../schema";
import { IssueList, notUnique, OrganizationSource, repeats } from "./sources";

/** The calendar day of a date in UTC, as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Expired, too distant and repeated suppressions, judged on `today`. */
export function suppressionIssues({ organization, file }: OrganizationSource, today: Date): ConfigIssue[] {
  const out = new IssueList(file, ["compliance", "suppressions"]);
  const day = isoDay(today);
  const latest = isoDay(new Date(today.getTime() + MAX_SUPPRESSION_DAYS * 86_400_000));
  const suppressions = organization.compliance.suppressions;
  suppressions.forEach((suppression, index) => {
    if (suppression.expires < day) {
      out.add(
        [index, "expires"],
        suppression.expires,
        `expected a date from today (${day}): the suppression of ${suppression.rule} for ${suppression.resource} has expired; fix the finding, or renew it with a reason reviewed again`,
      );
    } else if (suppression.expires > latest) {
      out.add(
        [index, "expires"],
        suppression.expires,
        `expected a date at most ${MAX_SUPPRESSION_DAYS} days ahead (by ${latest}), so the exception is reviewed at least yearly`,
      );
    }
  });
  for (const { index, first } of repeats(suppressions, (s) => `${s.rule}\u0000${s.resource}`)) {
    out.add(
      [index, "resource"],
      suppressions[index].resource,
      notUnique("rule and resource", `compliance.suppressions[${first}]`),
    );
  }
  return out.issues;
}
