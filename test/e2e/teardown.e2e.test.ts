// make teardown against the emulator: the evaluation example (examples/evaluation) is deployed with make local
// and torn down with make teardown LOCAL=1; afterwards every stack's state is empty, the member accounts are
// closed (SUSPENDED), and only what teardown says it cannot remove is left: the organization and its OUs. The
// hipaa profile is refused before anything is touched. The emulator enforces no Object Lock or Vault Lock
// retention, so this proves the order and the Terraform, not that AWS lets a GOVERNANCE lock go (docs/trial.md).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { loadConfig } from "../../src/config/load";
import { EVALUATION_BANNER } from "../../src/config/profile";
import { teardownRefusal } from "../../src/deploy/teardown";
import { countStateResources } from "../../src/deploy/terraform";
import { clientConfig, freePort, localDir, runTool, ToolResult } from "../helpers/emulator";

const TIMEOUT_MS = 1_800_000;
jest.setTimeout(TIMEOUT_MS);

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "evaluation");
const config = loadConfig(EXAMPLE);
let env: Record<string, string>;
let orgs: OrganizationsClient;
let deployed: ToolResult;
let torn: ToolResult;

beforeAll(async () => {
  // A copy, so the ledger make local writes stays out of the repository.
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-teardown-config-"));
  for (const file of fs.readdirSync(EXAMPLE))
    fs.copyFileSync(path.join(EXAMPLE, file), path.join(configDir, file));
  // LZ_LOCAL_PORT and LZ_LOCAL_DIR from the environment win, so a run can be pinned away from make local's.
  const port = process.env.LZ_LOCAL_PORT ?? String(await freePort());
  env = {
    LZ_CONFIG_DIR: configDir,
    LZ_LOCAL_PORT: port,
    LZ_LOCAL_DIR: process.env.LZ_LOCAL_DIR ?? localDir(),
  };
  orgs = new OrganizationsClient(clientConfig(`http://127.0.0.1:${port}`));
  deployed = runTool("local", env, TIMEOUT_MS);
  torn = deployed.status === 0 ? runTool("teardown", env, TIMEOUT_MS, ["--local"]) : deployed;
});

afterAll(() => {
  runTool("local-down", env);
});

it("deploys the evaluation example, then tears it down naming the profile first", () => {
  expect({ status: deployed.status, stderr: deployed.stderr }).toEqual({ status: 0, stderr: "" });
  expect({ status: torn.status, stderr: torn.stderr }).toEqual({ status: 0, stderr: "" });
  expect(torn.stdout.split("\n")[0]).toMatch(new RegExp(`^${EVALUATION_BANNER}: `));
  expect(torn.stdout).toMatch(
    /teardown: destroying \d+ stack\(s\) on the emulator at http:\/\/127\.0\.0\.1:\d+: /,
  );
  expect(torn.stdout).toContain(`Teardown of "${config.organization.name}" is done. What it cannot remove:`);
  expect(torn.stdout).toMatch(
    /teardown: organization: left in place and dropped from state: aws_organizations_organization\.\S+ \(AWS refuses to delete an organization that still holds \(closed\) accounts\)/,
  );
});

it("destroys the stacks in reverse dependency order, the organization last", () => {
  const order =
    /teardown: destroying \d+ stack\(s\) on .*?:\d+: (.*)/.exec(torn.stdout)?.[1].split(", ") ?? [];
  expect(order.at(-1)).toBe("organization");
  expect(order.indexOf("organization-trail")).toBeLessThan(order.indexOf("log-archive"));
  expect(order.indexOf("baseline-sandbox")).toBeLessThan(order.indexOf("organization"));
});

it("leaves no managed resource in any stack's state", () => {
  const stateDir = path.join(env.LZ_LOCAL_DIR, "state");
  const left = fs
    .readdirSync(stateDir)
    .filter((file) => file.endsWith(".tfstate"))
    .flatMap((file) =>
      [...countStateResources(path.join(stateDir, file))].map(([type, n]) => `${file}: ${n} ${type}`),
    );
  expect(left).toEqual([]);
});

it("leaves the organization and its OUs, with every member account closed", async () => {
  const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
  expect(Organization?.FeatureSet).toBe("ALL");
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  const { OrganizationalUnits } = await orgs.send(
    new ListOrganizationalUnitsForParentCommand({ ParentId: Roots![0].Id! }),
  );
  expect((OrganizationalUnits ?? []).map((ou) => ou.Name).sort()).toEqual(
    config.organization.organizationalUnits.map((ou) => ou.name).sort(),
  );
  const { Accounts } = await orgs.send(new ListAccountsCommand({}));
  const members = (Accounts ?? []).filter((a) => config.organization.accounts.some((c) => c.name === a.Name));
  const byName = (a: readonly string[], b: readonly string[]) => a[0].localeCompare(b[0]);
  expect(members.map((a) => [a.Name!, a.Status!]).sort(byName)).toEqual(
    config.organization.accounts.map((a) => [a.name, "SUSPENDED"]).sort(byName),
  );
});

it("refuses the hipaa example in one line before touching anything", () => {
  const refused = runTool(
    "teardown",
    { ...env, LZ_CONFIG_DIR: path.join(__dirname, "..", "..", "environments") },
    120_000,
    ["--local"],
  );
  expect(refused.status).toBe(1);
  expect(refused.stderr.trim()).toBe(teardownRefusal("hipaa"));
});
