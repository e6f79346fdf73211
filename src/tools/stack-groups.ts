// How stacks are grouped for CI: the release workflow's deploy groups (`make deploy GROUP=`), in dependency order
// with guardrail, security and access changes behind a reviewer (164.308(a)(4)), and the drift workflow's matrix.
import { BACKUP_STACK_ID } from "../../stacks/backup-stack";
import { DETECTIVE_CONTROLS_STACK_ID } from "../../stacks/detective-controls-stack";
import { IDENTITY_CENTER_STACK_ID } from "../../stacks/identity-center-stack";
import { LOG_ARCHIVE_STACK_ID } from "../../stacks/log-archive-stack";
import { NETWORK_HUB_STACK_ID } from "../../stacks/network-hub-stack";
import { NETWORK_SEGMENTS_STACK_ID } from "../../stacks/network-segments-stack";
import { ORGANIZATION_STACK_ID } from "../../stacks/organization-stack";
import { ORGANIZATION_TRAIL_STACK_ID } from "../../stacks/organization-trail-stack";
import { SECURITY_STACK_ID } from "../../stacks/security-stack";
import { WORKLOAD_STACK_PREFIX } from "../../stacks/workload-stack";
import { ReleaseEnvironment } from "../policies/pipeline-policies";

/** A group of stacks the release workflow deploys in one job. */
export interface DeployGroup {
  /**
   * The group's name (`make deploy GROUP=<name>`, the GitHub environment of its job): one of the release
   * environments the deploy role trusts, so a group without one could never deploy.
   */
  readonly name: ReleaseEnvironment;
  /** Whether its job waits for a reviewer (a GitHub environment with required reviewers). */
  readonly approval: boolean;
  /**
   * Its stacks: by ID, every stack whose ID starts with a prefix, or "rest" for every stack no other group names
   * (account baselines, PHI networks).
   */
  readonly stacks: readonly string[] | { readonly prefix: string } | "rest";
}

/**
 * The release order. Each group depends only on the groups before it: the organization; the security account's
 * keys, archive and trail, the backup account's central vault and the network account's hub (its Transit
 * Gateways); every account's baseline and network; then the organization-wide detective controls (their conformance
 * pack needs the recorders), Identity Center (people reach an account only after its baseline) and the hub's
 * segments (they accept the networks' attachments); then the workloads, each after its account's baseline and its environment's network (the accounts
 * group). Changes to guardrails, security services and access wait for a reviewer; a workload's do not.
 */
export const DEPLOY_GROUPS: readonly DeployGroup[] = [
  { name: "organization", approval: true, stacks: [ORGANIZATION_STACK_ID] },
  {
    name: "security",
    approval: true,
    stacks: [
      SECURITY_STACK_ID,
      LOG_ARCHIVE_STACK_ID,
      ORGANIZATION_TRAIL_STACK_ID,
      BACKUP_STACK_ID,
      NETWORK_HUB_STACK_ID,
    ],
  },
  { name: "accounts", approval: false, stacks: "rest" },
  {
    name: "controls",
    approval: true,
    stacks: [DETECTIVE_CONTROLS_STACK_ID, IDENTITY_CENTER_STACK_ID, NETWORK_SEGMENTS_STACK_ID],
  },
  { name: "workloads", approval: false, stacks: { prefix: WORKLOAD_STACK_PREFIX } },
];

/** Whether a group's stack list holds a stack. */
function groupHolds(stacks: DeployGroup["stacks"], name: string): boolean {
  if (stacks === "rest") return false;
  return "prefix" in stacks ? name.startsWith(stacks.prefix) : stacks.includes(name);
}

/** The stacks of a deploy group, in the order of `ordered` (dependency order). */
export function stacksOfGroup(group: string, ordered: readonly string[]): string[] {
  const chosen = DEPLOY_GROUPS.find((g) => g.name === group);
  if (!chosen) return [];
  const stacks = chosen.stacks;
  return ordered.filter((name) =>
    stacks === "rest" ? !DEPLOY_GROUPS.some((g) => groupHolds(g.stacks, name)) : groupHolds(stacks, name),
  );
}

/** For the drift workflow's matrix: splits `names` into at most `jobs` contiguous, evenly sized groups, each joined with commas. */
export function jobGroups(names: readonly string[], jobs: number): string[] {
  const size = Math.ceil(names.length / jobs);
  const groups: string[] = [];
  for (let i = 0; i < names.length; i += size) groups.push(names.slice(i, i + size).join(","));
  return groups;
}
