// `make adopt [LOCAL=1]`: reads the existing organization (Organizations API, read-only), matches it to the
// configuration (src/deploy/adopt.ts) and writes environments/adopted.json, from which the organization stack
// imports every match, so the first plan shows imports and in-place changes, never a second organization, a
// duplicate OU or a new account for an existing email, nor a second policy of a name the landing zone uses. What
// the configuration does not mention is listed only.
import * as path from "path";
import {
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListDelegatedServicesForAccount,
  paginateListPolicies,
  paginateListTargetsForPolicy,
} from "@aws-sdk/client-organizations";
import { runCli } from "../cli";
import { ADOPTION_FILE, writeAdoption } from "../config/adoption";
import { displayPath, LandingZoneError } from "../config/errors";
import { configDir, loadConfig } from "../config/load";
import { managedOrganizationPolicies } from "../config/model";
import { ADOPTABLE_POLICY_TYPES, AdoptablePolicyType } from "../policies/policy-kinds";
import {
  clientSettings,
  collect,
  describeOrganization,
  errorNamed,
  ORGANIZATIONS_REGION,
  withAwsErrors,
} from "../deploy/aws-clients";
import { LiveAccount, LiveOrganization, LivePolicy, planAdoption } from "../deploy/adopt";
import { ORGANIZATIONS_DELEGATED_SERVICES } from "../../modules/delegated-administrators";
import { knownOptions, toolTarget } from "./aws-target";
import { liveOuPaths } from "./preflight-checks";

/** Reads everything make adopt matches. */
async function readOrganization(
  orgs: OrganizationsClient,
  lzPolicies: ReadonlySet<string>,
): Promise<LiveOrganization> {
  const organization = await describeOrganization(orgs);
  if (!organization) {
    throw new LandingZoneError(
      "make adopt: these credentials' account is in no organization, so there is nothing to adopt; make deploy GROUP=organization creates one.",
    );
  }
  const root = (await orgs.send(new ListRootsCommand({}))).Roots![0];
  const ouIds = await liveOuPaths(orgs, root.Id!);
  const pathOf = new Map([...ouIds].map(([p, id]) => [id, p]));
  const accounts: LiveAccount[] = [];
  const delegated = new Map<string, string[]>();
  for (const a of await collect(paginateListAccounts({ client: orgs }, {}), (p) => p.Accounts)) {
    const parent = (await orgs.send(new ListParentsCommand({ ChildId: a.Id! }))).Parents?.[0]?.Id;
    accounts.push({
      id: a.Id!,
      name: a.Name!,
      email: a.Email!,
      status: a.Status!,
      joinedMethod: a.JoinedMethod!,
      parentPath: (parent && pathOf.get(parent)) ?? parent ?? "Root",
    });
    if (a.Id === organization.MasterAccountId) continue;
    const services = await collect(
      paginateListDelegatedServicesForAccount({ client: orgs }, { AccountId: a.Id! }),
      (p) => p.DelegatedServices,
    ).catch((error: unknown) => {
      // AWS answers AccountNotRegisteredException for an account that administers nothing.
      if (errorNamed(error, "AccountNotRegisteredException")) return [];
      throw error;
    });
    delegated.set(
      a.Id!,
      services.map((s) => s.ServicePrincipal!),
    );
  }
  const policies: LivePolicy[] = [];
  // Every adoptable type, enabled or not: a type not enabled lists no policies.
  for (const type of Object.keys(ADOPTABLE_POLICY_TYPES) as AdoptablePolicyType[]) {
    for (const p of await collect(
      paginateListPolicies({ client: orgs }, { Filter: type }),
      (page) => page.Policies,
    )) {
      if (p.AwsManaged) continue; // FullAWSAccess and RCPFullAWSAccess: AWS's, never imported or listed
      const targets = lzPolicies.has(p.Name!)
        ? await collect(
            paginateListTargetsForPolicy({ client: orgs }, { PolicyId: p.Id! }),
            (page) => page.Targets,
          )
        : [];
      policies.push({
        name: p.Name!,
        id: p.Id!,
        type,
        targets: targets.map((t) => pathOf.get(t.TargetId!) ?? t.TargetId!),
      });
    }
  }
  return {
    id: organization.Id!,
    managementAccountId: organization.MasterAccountId!,
    rootId: root.Id!,
    ouIds,
    accounts,
    policies,
    delegated,
  };
}

const section = (title: string, lines: readonly string[]) =>
  lines.length === 0 ? [] : [`${title}:`, ...lines.map((l) => `  ${l}`)];

runCli(async () => {
  const args = process.argv.slice(2);
  knownOptions("make adopt", args, ["--local"]);
  const config = loadConfig();
  const target = await toolTarget(args.includes("--local"));
  const orgs = new OrganizationsClient(clientSettings(target, ORGANIZATIONS_REGION));
  const managed = managedOrganizationPolicies(config.organization);
  const lzPolicies = new Set<string>(managed.map((a) => a.policy));
  const label = (name: string) => ADOPTABLE_POLICY_TYPES[managed.find((a) => a.policy === name)!.type];
  const live = await withAwsErrors("make adopt: reading the organization", () =>
    readOrganization(orgs, lzPolicies),
  );
  const plan = planAdoption(config, live, ORGANIZATIONS_DELEGATED_SERVICES);
  const file = displayPath(path.join(configDir(), ADOPTION_FILE));
  const adoption = plan.adoption;
  const report = [
    `adopt: organization ${live.id} (management account ${live.managementAccountId})`,
    ...(adoption
      ? section("Imported on the first apply", [
          `organization ${live.id}`,
          ...Object.entries(adoption.organizationalUnits).map(([p, id]) => `OU ${p} (${id})`),
          ...Object.entries(adoption.accounts).map(
            ([name, a]) => `account ${name} (${a.id}, ${a.joinedMethod.toLowerCase()})`,
          ),
          ...Object.entries(adoption.policies).map(([name, id]) => `${label(name)} ${name} (${id})`),
          ...adoption.policyAttachments.map((key) => `attachment ${key}`),
          ...adoption.delegatedAdministrators.map((s) => `delegated administrator for ${s}`),
        ])
      : []),
    ...section("Changed in place by the first apply", plan.changes),
    ...section("Created by the first apply (not found)", plan.creates),
    ...section("Not in the configuration: listed, left alone", plan.unmanaged),
  ];
  console.log(report.join("\n"));
  if (!adoption) {
    throw new LandingZoneError(
      `make adopt: refused; nothing was written:\n${plan.refusals.map((r) => `  - ${r}`).join("\n")}\nFix the configuration in ${displayPath(configDir())}, then run make adopt again.`,
    );
  }
  writeAdoption(configDir(), { readFrom: target.mode, ...adoption });
  console.log(
    `\nWrote ${file}. Review and commit it; next: make preflight, then make plan (it shows the imports).`,
  );
});
