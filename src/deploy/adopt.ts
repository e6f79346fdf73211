// Matches a live organization to the configuration for make adopt: OUs by path, accounts by email, the landing
// zone's organization policies (SCPs, RCPs, the AI opt-out, tag and declarative policies) by type and name.
// A match becomes an import; what the configuration does not mention is listed and left alone; a match the first
// plan would replace (an account's name or email spelling, which the AWS provider can only change by replacing
// the account) is refused, because replacing an account removes it from the organization (164.308(a)(7)).
import { Adoption, attachmentKey } from "../config/adoption";
import { LandingZoneConfig } from "../config/schema";
import { flattenOus, managedOrganizationPolicies } from "../config/model";
import { ADOPTABLE_POLICY_TYPES, AdoptablePolicyType } from "../policies/policy-kinds";

/** One account as Organizations reports it. */
export interface LiveAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly status: string;
  readonly joinedMethod: string;
  /** The path of its parent ("Root" or "Workloads/Prod"). */
  readonly parentPath: string;
}

/** One policy as Organizations lists it. */
export interface LivePolicy {
  readonly name: string;
  readonly id: string;
  readonly type: AdoptablePolicyType;
  /** The paths of the targets it is attached to ("Root", "Workloads/Prod"); read for the landing zone's names only. */
  readonly targets: readonly string[];
}

/** What make adopt reads from Organizations. */
export interface LiveOrganization {
  readonly id: string;
  readonly managementAccountId: string;
  /** The root's ID. */
  readonly rootId: string;
  /** OU IDs by path, the root as "Root". */
  readonly ouIds: ReadonlyMap<string, string>;
  readonly accounts: readonly LiveAccount[];
  /** The organization's own policies of the adoptable types (AWS managed ones left out). */
  readonly policies: readonly LivePolicy[];
  /** Service principals delegated to each account ID. */
  readonly delegated: ReadonlyMap<string, readonly string[]>;
}

/** What make adopt reports and writes. */
export interface AdoptionPlan {
  /** The record for environments/adopted.json (undefined when something was refused). */
  readonly adoption?: Omit<Adoption, "$comment" | "readFrom">;
  /** Matches the first plan will change in place, one sentence each. */
  readonly changes: readonly string[];
  /** What the configuration names that does not exist yet: the first apply creates it. */
  readonly creates: readonly string[];
  /** What exists but the configuration does not mention: listed, never touched. */
  readonly unmanaged: readonly string[];
  /** Why adoption is refused; nothing is written when there is any. */
  readonly refusals: readonly string[];
}

/** Matches `live` to `config`. Pure: make adopt reads the organization, this decides. */
export function planAdoption(
  config: LandingZoneConfig,
  live: LiveOrganization,
  services: readonly string[],
): AdoptionPlan {
  const org = config.organization;
  const changes: string[] = [];
  const creates: string[] = [];
  const refusals: string[] = [];

  const ouIds: Record<string, string> = {};
  const configuredPaths = new Set(flattenOus(org.organizationalUnits).map((o) => o.path));
  for (const ouPath of configuredPaths) {
    const id = live.ouIds.get(ouPath);
    if (id) ouIds[ouPath] = id;
    else creates.push(`OU ${ouPath}`);
  }

  const accounts: Record<string, { id: string; joinedMethod: "CREATED" | "INVITED" }> = {};
  const matched = new Set<string>();
  for (const account of [...org.accounts, ...(config.suspendedAccounts ?? [])]) {
    const same = live.accounts.filter((a) => a.email.toLowerCase() === account.email.toLowerCase());
    if (same.length === 0) {
      creates.push(`account ${account.name} (${account.email})`);
      continue;
    }
    if (same.length > 1) {
      refusals.push(
        `accounts.${account.name}: email ${account.email} matches ${same.length} accounts (${same.map((a) => `${a.id} ${a.email}`).join(", ")}); AWS emails are unique, so which one is meant cannot be decided: give the configuration the exact email of one`,
      );
      continue;
    }
    const found = same[0];
    matched.add(found.id);
    if (found.id === live.managementAccountId) {
      refusals.push(
        `accounts.${account.name}: ${account.email} is the management account's email; the management account cannot be a member account`,
      );
      continue;
    }
    if (found.email !== account.email) {
      refusals.push(
        `accounts.${account.name}: email "${account.email}" differs from the account's "${found.email}" in case only; the AWS provider would replace the account to change it: use "${found.email}"`,
      );
    }
    if (found.name !== account.name) {
      refusals.push(
        `accounts.${account.name}: account ${found.id} (${found.email}) is named "${found.name}" in AWS; the AWS provider would replace the account to rename it: set name: ${found.name} (or rename it in the AWS console first)`,
      );
    }
    if (found.status !== "ACTIVE") {
      refusals.push(
        `accounts.${account.name}: account ${found.id} is ${found.status}; only an ACTIVE account can be adopted`,
      );
    }
    accounts[account.name] = {
      id: found.id,
      joinedMethod: found.joinedMethod === "INVITED" ? "INVITED" : "CREATED",
    };
    const wanted = "ou" in account ? account.ou : "Suspended";
    if (found.parentPath !== wanted)
      changes.push(`account ${account.name} (${found.id}) moves from ${found.parentPath} to ${wanted}`);
    if (found.joinedMethod === "INVITED") {
      changes.push(
        `account ${account.name} (${found.id}) joined by invitation: the organization stack's StackSet creates ${org.roles.deploy} in it`,
      );
    }
  }

  const policies: Record<string, string> = {};
  const matchedPolicies: LivePolicy[] = [];
  const managed = managedOrganizationPolicies(org);
  for (const { policy, type } of managed) {
    // Names are matched within a type: a policy of another type is never imported in its place.
    const found = live.policies.find((p) => p.name === policy && p.type === type);
    if (found) {
      policies[policy] = found.id;
      matchedPolicies.push(found);
    } else creates.push(`${ADOPTABLE_POLICY_TYPES[type]} ${policy}`);
  }
  const wantedAttachments = new Set(managed.flatMap((a) => a.targets.map((t) => attachmentKey(a.policy, t))));
  const policyAttachments = matchedPolicies
    .flatMap((p) => p.targets.map((t) => attachmentKey(p.name, t)))
    .filter((key) => wantedAttachments.has(key));

  const tooling = org.accounts.find((a) => a.name === org.coreAccounts.securityTooling);
  const toolingId = tooling ? accounts[tooling.name]?.id : undefined;
  const delegatedAdministrators = toolingId
    ? services.filter((s) => (live.delegated.get(toolingId) ?? []).includes(s))
    : [];

  const unmanaged = [
    ...[...live.ouIds.keys()]
      .filter((p) => p !== "Root" && !configuredPaths.has(p))
      .map((p) => `OU ${p} (${live.ouIds.get(p)})`),
    ...live.accounts
      .filter((a) => !matched.has(a.id) && a.id !== live.managementAccountId)
      .map((a) => `account ${a.name} (${a.id}, ${a.email}) in ${a.parentPath}`),
    ...live.policies
      .filter((p) => policies[p.name] !== p.id)
      .map((p) => `${ADOPTABLE_POLICY_TYPES[p.type]} ${p.name} (${p.id})`),
  ];

  return {
    adoption:
      refusals.length > 0
        ? undefined
        : {
            organization: { id: live.id, managementAccountId: live.managementAccountId, rootId: live.rootId },
            organizationalUnits: ouIds,
            accounts,
            policies,
            policyAttachments,
            delegatedAdministrators,
          },
    changes,
    creates,
    unmanaged,
    refusals,
  };
}
