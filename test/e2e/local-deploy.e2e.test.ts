// `make local` end to end: the organization stack applied to the emulator, then read back through the AWS API:
// the organization, OUs, accounts in their OUs, SCPs with their attachments, delegated administrators. A second
// run changes nothing, a destroy plan is refused, and local-down stops the emulator.
import * as fs from "fs";
import * as path from "path";
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { GuardDutyClient, ListOrganizationAdminAccountsCommand } from "@aws-sdk/client-guardduty";
import {
  SecurityHubClient,
  ListOrganizationAdminAccountsCommand as ListHubAdmins,
} from "@aws-sdk/client-securityhub";
import { loadConfig } from "../../src/config/load";
import { guardrailAttachments } from "../../src/config/model";
import { emulatorPaths, portOpen } from "../../src/deploy/emulator";
import { terraform } from "../../src/deploy/terraform";
import { buildGuardrails } from "../../src/policies/scp-library";
import { renderPolicy } from "../../src/policies/policy-document";
import { clientConfig, freePort, localDir, runTool, ToolResult } from "../helpers/emulator";

jest.setTimeout(300_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
let env: Record<string, string>;
let endpoint: string;
let first: ToolResult;
let orgs: OrganizationsClient;

beforeAll(async () => {
  const port = await freePort();
  env = { LZ_LOCAL_PORT: String(port), LZ_LOCAL_DIR: localDir() };
  endpoint = `http://127.0.0.1:${port}`;
  first = runTool("local", env);
  orgs = new OrganizationsClient(clientConfig(endpoint));
});

afterAll(() => {
  runTool("local-down", env);
});

async function accountsByName(): Promise<Map<string, string>> {
  const { Accounts } = await orgs.send(new ListAccountsCommand({}));
  return new Map((Accounts ?? []).map((a) => [a.Name!, a.Id!]));
}

it("applies and prints a summary of what it created", () => {
  expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: "" });
  expect(first.stdout).toContain(`emulator: started at ${endpoint}`);
  expect(first.stdout).toMatch(/apply: organization: \d+ added, 0 changed, 0 destroyed/);
  expect(first.stdout).toContain("      7 aws_organizations_account");
  expect(first.stdout).toContain("      6 aws_organizations_policy\n");
  expect(first.stdout).toContain("Stop it and remove local state: make local-down");
});

it("creates an organization with all features", async () => {
  const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
  expect(Organization?.FeatureSet).toBe("ALL");
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  expect(Roots?.[0].PolicyTypes).toEqual([{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }]);
});

it("creates the OU tree, nested OUs under their parents", async () => {
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  const top = await orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: Roots![0].Id }));
  expect(top.OrganizationalUnits!.map((o) => o.Name).sort()).toEqual([
    "Infrastructure",
    "Sandbox",
    "Security",
    "Suspended",
    "Workloads",
  ]);
  const workloads = top.OrganizationalUnits!.find((o) => o.Name === "Workloads")!;
  const children = await orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: workloads.Id }));
  expect(children.OrganizationalUnits!.map((o) => o.Name).sort()).toEqual(["NonProd", "Prod"]);
});

it("places every configured account in its OU", async () => {
  const accounts = await accountsByName();
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  const ouNames = new Map<string, string>();
  const walk = async (parentId: string, prefix: string) => {
    const { OrganizationalUnits } = await orgs.send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: parentId }),
    );
    for (const ou of OrganizationalUnits ?? []) {
      const ouPath = prefix ? `${prefix}/${ou.Name}` : ou.Name!;
      ouNames.set(ou.Id!, ouPath);
      await walk(ou.Id!, ouPath);
    }
  };
  await walk(Roots![0].Id!, "");
  for (const account of example.organization.accounts) {
    const id = accounts.get(account.name);
    expect(id).toBeDefined();
    const { Parents } = await orgs.send(new ListParentsCommand({ ChildId: id }));
    expect([account.name, ouNames.get(Parents![0].Id!)]).toEqual([account.name, account.ou]);
  }
});

it("creates every SCP with the synthesized content, attached to its targets", async () => {
  const guardrails = buildGuardrails({
    regions: example.organization.regions,
    deployRoleName: example.organization.roles.deploy,
    breakGlassRoleName: example.organization.roles.breakGlass,
  });
  const { Policies } = await orgs.send(new ListPoliciesCommand({ Filter: "SERVICE_CONTROL_POLICY" }));
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  const top = await orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: Roots![0].Id }));
  const nameOf = new Map([
    [Roots![0].Id!, "Root"],
    ...top.OrganizationalUnits!.map((o) => [o.Id!, o.Name!] as [string, string]),
  ]);
  // The example attaches only to Root and top-level OUs, so OU names are enough to name the targets.
  const expectedTargets = new Map(
    guardrailAttachments(example.organization).map((a) => [a.policy, a.targets]),
  );
  for (const guardrail of guardrails) {
    const summary = Policies!.find((p) => p.Name === guardrail.name);
    expect(summary).toBeDefined();
    const { Policy } = await orgs.send(new DescribePolicyCommand({ PolicyId: summary!.Id }));
    expect(Policy!.Content).toBe(renderPolicy(guardrail.document));
    const { Targets } = await orgs.send(new ListTargetsForPolicyCommand({ PolicyId: summary!.Id }));
    expect([guardrail.name, Targets!.map((t) => nameOf.get(t.TargetId!))]).toEqual([
      guardrail.name,
      expectedTargets.get(guardrail.name),
    ]);
  }
});

it("delegates the security services to the security-tooling account", async () => {
  const securityTooling = (await accountsByName()).get("security-tooling");
  const { DelegatedAdministrators } = await orgs.send(new ListDelegatedAdministratorsCommand({}));
  expect(DelegatedAdministrators!.map((d) => d.Id)).toEqual([securityTooling]);
  const { DelegatedServices } = await orgs.send(
    new ListDelegatedServicesForAccountCommand({ AccountId: securityTooling }),
  );
  expect(DelegatedServices!.map((s) => s.ServicePrincipal).sort()).toEqual(
    expect.arrayContaining([
      "access-analyzer.amazonaws.com",
      "cloudtrail.amazonaws.com",
      "config-multiaccountsetup.amazonaws.com",
      "config.amazonaws.com",
    ]),
  );
  for (const region of example.organization.regions) {
    const guardduty = new GuardDutyClient(clientConfig(endpoint, region));
    const { AdminAccounts } = await guardduty.send(new ListOrganizationAdminAccountsCommand({}));
    expect([region, AdminAccounts]).toEqual([
      region,
      [{ AdminAccountId: securityTooling, AdminStatus: "ENABLED" }],
    ]);
  }
  const hub = new SecurityHubClient(clientConfig(endpoint));
  expect((await hub.send(new ListHubAdmins({}))).AdminAccounts).toEqual([
    { AccountId: securityTooling, Status: "ENABLED" },
  ]);
});

it("changes nothing when run again, and refuses a plan that would destroy the organization or accounts", async () => {
  const second = runTool("local", env);
  expect(second.status).toBe(0);
  expect(second.stdout).toContain(`emulator: already running at ${endpoint}`);
  expect(second.stdout).toContain("apply: organization: 0 added, 0 changed, 0 destroyed");

  const stackDir = path.join(env.LZ_LOCAL_DIR, "cdktf.out", "stacks", "organization");
  const destroy = await terraform(stackDir, ["plan", "-destroy", "-input=false", "-no-color"]);
  expect(destroy.code).toBe(1);
  // Terraform wraps this text, so match across whitespace.
  const refused = [...destroy.stderr.matchAll(/Resource\s+(\S+)\s+has\s+lifecycle\.prevent_destroy/g)].map(
    (m) => m[1].split(".")[0],
  );
  // Every account refuses; the organization is never reached because its accounts would have to go first.
  expect(refused).toEqual(Array(7).fill("aws_organizations_account"));
});

it("stops the emulator and removes local state on local-down", async () => {
  const port = Number(env.LZ_LOCAL_PORT);
  expect(await portOpen(port)).toBe(true);
  const down = runTool("local-down", env);
  expect(down.stdout).toContain("Stopped the emulator");
  await new Promise((r) => setTimeout(r, 500));
  expect(await portOpen(port)).toBe(false);
  expect(fs.existsSync(emulatorPaths(env.LZ_LOCAL_DIR).dir)).toBe(false);
});
