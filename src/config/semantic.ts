// Cross-field checks that a schema cannot express, one file per topic under checks/: references between files,
// uniqueness, CIDR overlap, AWS quotas and what PHI requires. Every check returns issues rather than throwing, so
// the operator sees all problems at once. Also the notices `make validate` prints for a valid configuration.
import * as path from "path";
import { classificationIssues, retentionAndControlIssues } from "./checks/classification";
import { backupIssues } from "./checks/backup";
import { contactIssues } from "./checks/contacts";
import { networkIssues } from "./checks/network";
import { ipamIssues } from "./checks/ipam";
import { baaServiceIssues } from "./checks/baa-services";
import { suppressionIssues } from "./checks/compliance";
import { environmentIssues } from "./checks/environments";
import { workloadIssues } from "./checks/workloads";
import { identityCenterIssues } from "./checks/identity-center";
import { organizationIssues } from "./checks/organization";
import { evaluationProfileIssues } from "./checks/profile";
import { accountsInNoEnvironment } from "./checks/placement";
import { EnvironmentSource, OrganizationSource } from "./checks/sources";
import { ConfigIssue } from "./errors";
import { SUSPENDED_OU } from "./model";
import { EnvironmentConfig, LandingZoneConfig } from "./schema";
import { cite } from "../policies/hipaa-sections";
import {
  AWS_HIPAA_ELIGIBLE_SERVICES,
  BAA_LIST_REVIEW_DAYS,
  HIPAA_ELIGIBLE_SERVICES_REFERENCE,
} from "../policies/baa-services";

/**
 * The BAA service list is a review's result, and AWS's list changes: once the list is more than
 * BAA_LIST_REVIEW_DAYS old (by baaListReviewed, else AWS's list as shipped by its revision, a configured one by its
 * oldest entry), make validate warns, saying how to review it. Not an error: the deny stays on, only possibly too strict or too loose.
 */
export function baaWarnings(config: LandingZoneConfig, dir: string, today: Date = new Date()): string[] {
  if (!config.environments.some((e) => e.phi)) return [];
  const org = config.organization;
  const configured = org.hipaaEligibleServices;
  const dates = configured ? configured.map((s) => s.checked) : [AWS_HIPAA_ELIGIBLE_SERVICES.revision];
  const oldest = [...dates, ...(org.additionalHipaaEligibleServices ?? []).map((s) => s.checked)].sort()[0];
  const reviewed = org.baaListReviewed && org.baaListReviewed > oldest ? org.baaListReviewed : undefined;
  const since = reviewed ?? oldest;
  const age = Math.floor((today.getTime() - Date.parse(`${since}T00:00:00Z`)) / 86_400_000);
  if (age <= BAA_LIST_REVIEW_DAYS) return [];
  const what = reviewed
    ? `it was last reviewed on ${reviewed} (baaListReviewed)`
    : configured
      ? `its oldest entry was checked on ${oldest}`
      : `it is AWS's list of ${AWS_HIPAA_ELIGIBLE_SERVICES.revision} as this landing zone ships it`;
  return [
    `${path.join(dir, "organization.yaml")} hipaaEligibleServices: ${what}, ${age} days ago (review at least every ` +
      `${BAA_LIST_REVIEW_DAYS} days). lz-phi-workloads allows only the listed services where PHI may be ` +
      `(${cite("164.312(a)(1)")}). Compare the list with ${HIPAA_ELIGIBLE_SERVICES_REFERENCE} and your BAA: add a ` +
      `newly eligible service under additionalHipaaEligibleServices, or set hipaaEligibleServices to the services ` +
      `your review cleared, each with the date you checked it; then set baaListReviewed to the review's date ` +
      `(docs/controls.md#services-outside-the-baa).`,
  ];
}

/** One notice per account the ledger keeps in the Suspended OU, so a removal is never silent. */
export function suspendedNotices(config: LandingZoneConfig, dir: string): string[] {
  return (config.suspendedAccounts ?? []).map(
    (account) =>
      `account "${account.name}" is no longer in ${path.join(dir, "organization.yaml")}: it moves to the ${SUSPENDED_OU} OU ` +
      "(deny-all SCP) and keeps its data; it is never closed. To close it, follow docs/vending.md (closing an account).",
  );
}

/** One notice per member account that no environment lists (core accounts aside), saying what that leaves out. */
export function unplacedAccountNotices(config: LandingZoneConfig, dir: string): string[] {
  const names = config.environments.map((env) => `${env.name}.yaml`).join(", ") || "none yet";
  return accountsInNoEnvironment(config).map(
    ({ name, index }) =>
      `${path.join(dir, "organization.yaml")} accounts[${index}]: account "${name}" is in no environment, so it gets ` +
      "no VPC, no restore tests and the non-phi classification; if it belongs to one, add it to that file's accounts " +
      `(${names}), else nothing to do.`,
  );
}

/** What a valid configuration still costs in exposure, printed by `make validate` (not errors). */
export function configNotices(environments: readonly EnvironmentConfig[], dir: string): string[] {
  return environments
    .filter((config) => config.network.egress)
    .map(
      (config) =>
        `${path.join(dir, `${config.name}.yaml`)} network.egress: true: environment "${config.name}" gets an internet gateway and a NAT gateway per zone. ` +
        "Its workloads can reach any internet address, so its data could leave by a path the VPC endpoints' data perimeter does not see " +
        `(${cite("164.312(e)(1)")}); inbound connections stay impossible and its private subnets keep no public IPs. A PHI environment may not have it. Prefer VPC endpoints; if egress stays, restrict it with an egress proxy or AWS Network Firewall.`,
    );
}

/**
 * Every cross-field problem in the configuration; empty when it is consistent. `org` is undefined when the
 * organization file itself failed to load or validate. `today` judges suppression expiry.
 */
export function semanticIssues(
  org: OrganizationSource | undefined,
  environments: readonly EnvironmentSource[],
  today: Date = new Date(),
): ConfigIssue[] {
  return [
    ...(org ? suppressionIssues(org, today) : []),
    ...(org ? organizationIssues(org) : []),
    ...(org ? evaluationProfileIssues(org, environments) : []),
    ...(org ? retentionAndControlIssues(org, environments) : []),
    ...environmentIssues(org?.organization, environments),
    ...workloadIssues(environments),
    ...(org ? identityCenterIssues(org, environments) : []),
    ...(org ? classificationIssues(org, environments) : []),
    ...(org ? backupIssues(org, environments) : []),
    ...(org ? contactIssues(org, environments) : []),
    ...(org ? networkIssues(org, environments) : []),
    ...(org ? ipamIssues(org, environments) : []),
    ...(org ? baaServiceIssues(org, today.toISOString().slice(0, 10), environments) : []),
  ];
}
