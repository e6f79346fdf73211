// Checks of the environment files: each named like its file and unique, accounts that exist and belong to one
// environment, a governed region, and a PHI VPC range that is private, aligned, sized for its subnets and overlaps no other
// (164.312(e)(1) transmission security).
import {
  cidrsOverlap,
  cidrSize,
  isNetworkAligned,
  isPrivateCidr,
  parseCidr,
  PRIVATE_RANGES,
  Cidr,
} from "../cidr";
import { ConfigIssue } from "../errors";
import { LARGEST_VPC_PREFIX, SMALLEST_VPC_PREFIX } from "../network-plan";
import { cite } from "../../policies/hipaa-sections";
import { OrganizationConfig } from "../schema";
import { EnvironmentSource, IssueList, list, notUnique, repeats } from "./sources";

/** An environment is named like its file, and no two files name the same environment. */
function checkNames(environments: readonly EnvironmentSource[], outs: readonly IssueList[]): void {
  environments.forEach(({ config: env, file }, index) => {
    const baseName = file.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/, "");
    if (env.name !== baseName) outs[index].add(["name"], env.name, `expected "${baseName}", the file's name`);
  });
  for (const { item, index, first } of repeats(environments, (e) => e.config.name)) {
    outs[index].add(["name"], item.config.name, notUnique("environment name", environments[first].file));
  }
}

/** Each account an environment lists exists in organization.yaml and belongs to no other environment. */
function checkAccounts(
  org: OrganizationConfig,
  environments: readonly EnvironmentSource[],
  outs: readonly IssueList[],
): void {
  const accountNames = new Set(org.accounts.map((a) => a.name));
  const owners = new Map<string, string>();
  environments.forEach(({ config: env }, envIndex) => {
    env.accounts.forEach((account, index) => {
      if (!accountNames.has(account)) {
        outs[envIndex].add(
          ["accounts", index],
          account,
          `expected the name of an account in organization.yaml: ${list(accountNames)}`,
        );
        return;
      }
      const owner = owners.get(account);
      if (owner && owner !== env.name) {
        outs[envIndex].add(
          ["accounts", index],
          account,
          `expected an account that belongs to one environment only (it is already in ${owner})`,
        );
      }
      owners.set(account, env.name);
    });
  });
}

/**
 * An environment's region is governed: lz-deny-unapproved-regions denies every other one, and the detective
 * controls run only in the governed regions.
 */
function checkRegion(
  org: OrganizationConfig,
  environments: readonly EnvironmentSource[],
  outs: readonly IssueList[],
): void {
  environments.forEach(({ config: env }, index) => {
    if (env.region === undefined || org.regions.includes(env.region)) return;
    outs[index].add(
      ["region"],
      env.region,
      `expected one of the governed regions in organization.yaml (${list(org.regions)}): lz-deny-unapproved-regions denies every other region, and the detective controls run only in these`,
    );
  });
}

/** The VPC range: aligned, /16 to /22, private, and clear of every earlier environment's range. */
function checkCidrs(environments: readonly EnvironmentSource[], outs: readonly IssueList[]): void {
  const earlier: Array<{ cidr: Cidr; text: string; file: string }> = [];
  environments.forEach(({ config: env, file }, index) => {
    const out = outs[index];
    const cidr = parseCidr(env.cidr) as Cidr; // the schema has already refused anything unparseable
    if (!isNetworkAligned(cidr)) {
      out.add(["cidr"], env.cidr, `expected a network address with no host bits set for /${cidr.prefix}`);
    }
    if (cidr.prefix < LARGEST_VPC_PREFIX || cidr.prefix > SMALLEST_VPC_PREFIX) {
      out.add(
        ["cidr"],
        env.cidr,
        `expected a prefix from /${LARGEST_VPC_PREFIX} to /${SMALLEST_VPC_PREFIX} (AWS allows /16 at most; below /${SMALLEST_VPC_PREFIX} (${cidrSize({ base: 0, prefix: SMALLEST_VPC_PREFIX })} addresses) leaves too little for subnets in two AZs and endpoints)`,
      );
    }
    if (!isPrivateCidr(cidr)) {
      out.add(
        ["cidr"],
        env.cidr,
        `expected a private range (${PRIVATE_RANGES.join(", ")}): PHI networks are never publicly addressed`,
      );
    }
    for (const seen of earlier) {
      if (cidrsOverlap(seen.cidr, cidr)) {
        out.add(["cidr"], env.cidr, `expected a range that does not overlap ${seen.text} (${seen.file})`);
      }
    }
    earlier.push({ cidr, text: env.cidr, file });
  });
}

/** The VPC's account belongs to its environment, a PHI VPC has no egress tier, and each endpoint is listed once. */
function checkNetwork(environments: readonly EnvironmentSource[], outs: readonly IssueList[]): void {
  environments.forEach(({ config: env }, index) => {
    const account = env.network.account;
    if (account !== undefined && !env.accounts.includes(account)) {
      outs[index].add(
        ["network", "account"],
        account,
        `expected one of this environment's accounts: ${list(env.accounts)}`,
      );
    }
    if (env.phi && env.network.egress) {
      outs[index].add(
        ["network", "egress"],
        true,
        `expected false in an environment that holds PHI: its VPC keeps no route of its own to the internet (${cite("164.312(e)(1)")}); it reaches AWS through its endpoints and other networks through the hub`,
      );
    }
    const endpoints = env.network.interfaceEndpoints ?? [];
    for (const { item, index: at, first } of repeats(endpoints, (e) => e)) {
      outs[index].add(
        ["network", "interfaceEndpoints", at],
        item,
        notUnique("endpoint", `network.interfaceEndpoints[${first}]`),
      );
    }
  });
}

/**
 * Every problem of the environment files, file by file. Account references are checked only when organization.yaml
 * is valid (`org` defined); the rest runs regardless, so one broken file does not hide another's problems.
 */
export function environmentIssues(
  org: OrganizationConfig | undefined,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  const outs = environments.map((e) => new IssueList(e.file));
  checkNames(environments, outs);
  if (org) {
    checkAccounts(org, environments, outs);
    checkRegion(org, environments, outs);
  }
  checkCidrs(environments, outs);
  checkNetwork(environments, outs);
  return outs.flatMap((out) => out.issues);
}
