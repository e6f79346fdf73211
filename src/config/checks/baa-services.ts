// The services the BAA deny allows (hipaaEligibleServices, AWS's list as shipped when unset, and
// additionalHipaaEligibleServices): each a prefix IAM knows, listed once, not one the landing zone always allows, and
// checked no later than today, so the deny in lz-phi-workloads allows exactly what the review cleared (164.308(b)(1)
// business associate contracts); and none missing that the landing zone's own endpoints or permission sets need
// where the deny applies, or it would build what nobody may use.
import { endpointServicePrefix, iamServiceNames } from "../iam-services";
import {
  accountsUnderGuardrail,
  baaAllowedPrefixes,
  baaListKey,
  expandAssignments,
  interfaceEndpointsOf,
  permissionSets,
  vpcAccountOf,
} from "../model";
import { DEFAULT_INTERFACE_ENDPOINTS } from "../schema";
import { AWS_HIPAA_ELIGIBLE_SERVICES, BAA_EXEMPT_SERVICES } from "../../policies/baa-services";
import { PolicyStatement } from "../../policies/policy-document";
import { EnvironmentSource, IssueList, OrganizationSource } from "./sources";

type Entries = NonNullable<OrganizationSource["organization"]["hipaaEligibleServices"]>;
/** The two settings that list services: the list itself, and the services added to it (or to the default). */
type ListKey = "hipaaEligibleServices" | "additionalHipaaEligibleServices";
const LIST_KEYS: readonly ListKey[] = ["hipaaEligibleServices", "additionalHipaaEligibleServices"];

/** A prefix IAM does not know allows nothing, silently: the service would stay denied. */
function checkPrefixesKnown(key: ListKey, entries: Entries, out: IssueList) {
  const known = iamServiceNames();
  entries.forEach((entry, i) => {
    if (!Object.hasOwn(known, entry.prefix))
      out.add(
        [key, i, "prefix"],
        entry.prefix,
        "expected an IAM service prefix (the part before ':' in the service's actions, e.g. s3, dynamodb); IAM knows no such service",
      );
  });
}

/**
 * A prefix listed twice has two dates; which review cleared it would be unclear. An added service must not already
 * be on the list it adds to (the configured one, or AWS's as shipped).
 */
function checkPrefixesOnce(org: OrganizationSource["organization"], out: IssueList) {
  const first = new Map<string, string>();
  if (!org.hipaaEligibleServices)
    for (const prefix of AWS_HIPAA_ELIGIBLE_SERVICES.prefixes)
      first.set(prefix, `on AWS's list as shipped (${AWS_HIPAA_ELIGIBLE_SERVICES.revision})`);
  for (const key of LIST_KEYS) {
    (org[key] ?? []).forEach((entry, i) => {
      const at = first.get(entry.prefix);
      if (at === undefined) first.set(entry.prefix, `${key}[${i}]`);
      else out.add([key, i, "prefix"], entry.prefix, `expected each service once; it is already ${at}`);
    });
  }
}

/** A service the landing zone always allows needs no entry: an entry would claim a review that decides nothing. */
function checkNotExempt(key: ListKey, entries: Entries, out: IssueList) {
  const exempt = new Map(BAA_EXEMPT_SERVICES.map((s) => [s.prefix, s.reason]));
  entries.forEach((entry, i) => {
    const reason = exempt.get(entry.prefix);
    if (reason)
      out.add(
        [key, i, "prefix"],
        entry.prefix,
        `expected a service the landing zone does not already allow; ${entry.prefix} is always allowed (${reason})`,
      );
  });
}

/** A check cannot have happened after today (the schema has made sure it is a date). */
function checkDatesPast(key: ListKey, entries: Entries, today: string, out: IssueList) {
  entries.forEach((entry, i) => {
    if (entry.checked > today)
      out.add(
        [key, i, "checked"],
        entry.checked,
        `expected the date the service was checked against AWS's list, ${today} or earlier`,
      );
  });
}

/** A review cannot have happened after today either. */
function checkReviewPast(org: OrganizationSource["organization"], today: string, out: IssueList) {
  if (org.baaListReviewed && org.baaListReviewed > today)
    out.add(
      ["baaListReviewed"],
      org.baaListReviewed,
      `expected the date your review compared the list with AWS's, ${today} or earlier`,
    );
}

/** The service prefixes a statement allows by name ("s3:GetObject" -> s3); "*" names none. */
function allowedPrefixes(statement: PolicyStatement): string[] {
  if (statement.Effect !== "Allow" || statement.Action === undefined) return [];
  const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  return actions.flatMap((action: string) =>
    action.includes(":") ? [action.split(":")[0].toLowerCase()] : [],
  );
}

/**
 * A service the landing zone itself puts in an account the list's deny covers, and the list lacks: an interface
 * endpoint of an environment's VPC, or a service a permission set assigned there allows by name in its inline
 * policy, would be provisioned and then denied to everyone who uses it. One issue per service and setting, naming
 * the entry to add and the setting to change instead. AWS managed and customer-managed policies are not read (their
 * documents are not in the configuration); the broad ones the catalogue uses allow every service anyway.
 */
function checkLandingZoneServicesListed(
  source: OrganizationSource,
  environments: readonly EnvironmentSource[],
  out: IssueList,
) {
  const org = source.organization;
  const listed = baaAllowedPrefixes(org);
  // The accounts lz-phi-workloads (and so the list's deny) covers.
  const covered = accountsUnderGuardrail(org, "lz-phi-workloads");
  const needs = new Map<string, string[]>(); // "prefix\u0000setting" -> what needs it
  const need = (prefix: string | undefined, setting: string, what: string) => {
    if (prefix === undefined || listed.has(prefix)) return;
    const key = `${prefix}\u0000${setting}`;
    needs.set(key, [...(needs.get(key) ?? []), what]);
  };
  for (const { config: env, file } of environments) {
    if (!covered.has(vpcAccountOf(env))) continue;
    const configured = env.network.interfaceEndpoints;
    const listedHere: readonly string[] = configured ?? DEFAULT_INTERFACE_ENDPOINTS;
    const setting = `${file} network.interfaceEndpoints${configured ? "" : " (its default list)"}`;
    for (const endpoint of interfaceEndpointsOf(env)) {
      // An endpoint the list lacks was added for the environment's workloads (interfaceEndpointsOf).
      const from = listedHere.includes(endpoint) ? setting : `${file} workloads (their API's endpoint)`;
      need(endpointServicePrefix(endpoint), from, `the ${endpoint} endpoint`);
    }
  }
  const configuredSets = org.identityCenter?.permissionSets ?? [];
  const sets = new Map(permissionSets(org, { phiAccountIds: [] }).map((set) => [set.name, set]));
  for (const assignment of expandAssignments(org)) {
    const set = sets.get(assignment.permissionSet);
    if (!set?.inlinePolicy || !covered.has(assignment.account)) continue;
    const index = configuredSets.findIndex((c) => c.name === set.name);
    const setting =
      index >= 0
        ? `${source.file} identityCenter.permissionSets[${index}].inlinePolicy`
        : `the catalogue permission set ${set.name}`;
    for (const statement of set.inlinePolicy.Statement) {
      for (const prefix of allowedPrefixes(statement)) {
        need(
          prefix,
          setting,
          `${set.name} in ${assignment.account} (identityCenter.assignments[${assignment.index}])`,
        );
      }
    }
  }
  for (const [key, whats] of needs) {
    const [prefix, setting] = key.split("\u0000");
    const remedy = setting.includes("interfaceEndpoints")
      ? "or remove the endpoint"
      : setting.includes(" workloads ")
        ? "or move the workloads to an environment outside the OUs lz-phi-workloads covers"
        : "or assign the set only outside the OUs lz-phi-workloads covers";
    const shipped = org.hipaaEligibleServices
      ? ""
      : `AWS's list as shipped (${AWS_HIPAA_ELIGIBLE_SERVICES.revision}) `;
    out.note(
      [baaListKey(org)],
      `${shipped}lacks "${prefix}", which ${setting} needs (${[...new Set(whats)].join(", ")}); add { prefix: ${prefix}, checked: <date> } once your BAA review clears it, ${remedy}`,
    );
  }
}

/** Every problem of hipaaEligibleServices; `today` is YYYY-MM-DD in UTC. */
export function baaServiceIssues(
  source: OrganizationSource,
  today: string,
  environments: readonly EnvironmentSource[],
) {
  const out = new IssueList(source.file);
  for (const key of LIST_KEYS) {
    const entries = source.organization[key];
    if (!entries) continue;
    checkPrefixesKnown(key, entries, out);
    checkNotExempt(key, entries, out);
    checkDatesPast(key, entries, today, out);
  }
  checkPrefixesOnce(source.organization, out);
  checkReviewPast(source.organization, today, out);
  checkLandingZoneServicesListed(source, environments, out);
  return out.issues;
}
