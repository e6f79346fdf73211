// The services a team cleared for PHI (hipaaEligibleServices): each a prefix IAM knows, listed once, not one the
// landing zone always allows, and checked no later than today, so the deny in lz-phi-workloads allows exactly what the review cleared
// (164.308(b)(1) business associate contracts).
import { iamServiceNames } from "../iam-services";
import { BAA_EXEMPT_SERVICES } from "../../policies/baa-services";
import { IssueList, OrganizationSource } from "./sources";

type Entries = NonNullable<OrganizationSource["organization"]["hipaaEligibleServices"]>;

/** A prefix IAM does not know allows nothing, silently: the service would stay denied. */
function checkPrefixesKnown(entries: Entries, out: IssueList) {
  const known = iamServiceNames();
  entries.forEach((entry, i) => {
    if (!Object.hasOwn(known, entry.prefix))
      out.add(
        ["hipaaEligibleServices", i, "prefix"],
        entry.prefix,
        "expected an IAM service prefix (the part before ':' in the service's actions, e.g. s3, dynamodb); IAM knows no such service",
      );
  });
}

/** A prefix listed twice has two dates; which review cleared it would be unclear. */
function checkPrefixesOnce(entries: Entries, out: IssueList) {
  const first = new Map<string, number>();
  entries.forEach((entry, i) => {
    const at = first.get(entry.prefix);
    if (at === undefined) first.set(entry.prefix, i);
    else
      out.add(
        ["hipaaEligibleServices", i, "prefix"],
        entry.prefix,
        `expected each service once; it is already entry ${at}`,
      );
  });
}

/** A service the landing zone always allows needs no entry: an entry would claim a review that decides nothing. */
function checkNotExempt(entries: Entries, out: IssueList) {
  const exempt = new Map(BAA_EXEMPT_SERVICES.map((s) => [s.prefix, s.reason]));
  entries.forEach((entry, i) => {
    const reason = exempt.get(entry.prefix);
    if (reason)
      out.add(
        ["hipaaEligibleServices", i, "prefix"],
        entry.prefix,
        `expected a service the landing zone does not already allow; ${entry.prefix} is always allowed (${reason})`,
      );
  });
}

/** A check cannot have happened after today (the schema has made sure it is a date). */
function checkDatesPast(entries: Entries, today: string, out: IssueList) {
  entries.forEach((entry, i) => {
    if (entry.checked > today)
      out.add(
        ["hipaaEligibleServices", i, "checked"],
        entry.checked,
        `expected the date the service was checked against AWS's list, ${today} or earlier`,
      );
  });
}

/** Every problem of hipaaEligibleServices; `today` is YYYY-MM-DD in UTC. */
export function baaServiceIssues(source: OrganizationSource, today: string) {
  const out = new IssueList(source.file);
  const entries = source.organization.hipaaEligibleServices;
  if (!entries) return out.issues;
  checkPrefixesKnown(entries, out);
  checkPrefixesOnce(entries, out);
  checkNotExempt(entries, out);
  checkDatesPast(entries, today, out);
  return out.issues;
}
