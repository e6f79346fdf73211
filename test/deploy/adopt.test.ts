// make adopt's matching of a live organization to the configuration: imports for matches, the first plan's
// moves, what it creates, what it leaves alone, and the refusals that keep an account from being replaced.
import { planAdoption, LiveAccount, LiveOrganization } from "../../src/deploy/adopt";
import { validConfig } from "../helpers/config-fixture";

const config = validConfig();
const MANAGEMENT = "999999999999";
const account = (
  id: string,
  name: string,
  email: string,
  parentPath: string,
  more: Partial<LiveAccount> = {},
): LiveAccount => ({
  id,
  name,
  email,
  parentPath,
  status: "ACTIVE",
  joinedMethod: "CREATED",
  ...more,
});
const base: LiveOrganization = {
  id: "o-abcdefghij",
  managementAccountId: MANAGEMENT,
  rootId: "r-ab12",
  ouIds: new Map([
    ["Root", "r-ab12"],
    ["Security", "ou-ab12-11111111"],
    ["Legacy", "ou-ab12-22222222"],
  ]),
  accounts: [
    account(MANAGEMENT, "management", "root@example.org", "Root"),
    account("111111111111", "log-archive", "log-archive@example.org", "Security"),
    account("222222222222", "phi-prod", "phi-prod@example.org", "Security", { joinedMethod: "INVITED" }),
    account("333333333333", "old-data", "old-data@example.org", "Legacy"),
  ],
  policies: [
    {
      name: "lz-core-guardrails",
      id: "p-aaaaaaaa",
      type: "SERVICE_CONTROL_POLICY",
      targets: ["Root", "Legacy"],
    },
    { name: "team-custom", id: "p-bbbbbbbb", type: "SERVICE_CONTROL_POLICY", targets: [] },
    { name: "lz-tag-policy", id: "p-cccccccc", type: "TAG_POLICY", targets: ["Root"] },
    // The RCP's name on a policy of another type: not the landing zone's RCP, and its attachment is not recorded.
    { name: "lz-data-perimeter", id: "p-dddddddd", type: "SERVICE_CONTROL_POLICY", targets: ["Root"] },
  ],
  delegated: new Map([["222222222222", ["guardduty.amazonaws.com"]]]),
};

it("imports matches, plans moves and creations, and lists what the configuration does not mention", () => {
  const plan = planAdoption(config, base, ["config.amazonaws.com"]);
  expect(plan.refusals).toEqual([]);
  expect(plan.adoption).toEqual({
    organization: { id: "o-abcdefghij", managementAccountId: MANAGEMENT, rootId: "r-ab12" },
    organizationalUnits: { Security: "ou-ab12-11111111" },
    accounts: {
      "log-archive": { id: "111111111111", joinedMethod: "CREATED" },
      "phi-prod": { id: "222222222222", joinedMethod: "INVITED" },
    },
    policies: { "lz-core-guardrails": "p-aaaaaaaa", "lz-tag-policy": "p-cccccccc" },
    policyAttachments: ["lz-core-guardrails@Root", "lz-tag-policy@Root"],
    delegatedAdministrators: [],
  });
  expect(plan.changes).toEqual([
    "account phi-prod (222222222222) moves from Security to Workloads/Prod",
    "account phi-prod (222222222222) joined by invitation: the organization stack's StackSet creates OrganizationAccountAccessRole in it",
  ]);
  expect(plan.creates).toEqual(
    expect.arrayContaining([
      "OU Workloads",
      "OU Workloads/Prod",
      "account security-tooling (security-tooling@example.org)",
      "SCP lz-deny-all",
      "RCP lz-data-perimeter",
      "AI services opt-out policy lz-ai-services-opt-out",
      "declarative policy lz-ec2-baseline",
    ]),
  );
  expect(plan.creates).not.toContain("tag policy lz-tag-policy");
  expect(plan.unmanaged).toEqual([
    "OU Legacy (ou-ab12-22222222)",
    "account old-data (333333333333, old-data@example.org) in Legacy",
    "SCP team-custom (p-bbbbbbbb)",
    "SCP lz-data-perimeter (p-dddddddd)",
  ]);
});

it("records a delegated administration the security-tooling account already holds", () => {
  const live = {
    ...base,
    accounts: [
      ...base.accounts,
      account("444444444444", "security-tooling", "security-tooling@example.org", "Security"),
    ],
    delegated: new Map([["444444444444", ["config.amazonaws.com", "ssm.amazonaws.com"]]]),
  };
  expect(
    planAdoption(config, live, ["config.amazonaws.com", "access-analyzer.amazonaws.com"]).adoption
      ?.delegatedAdministrators,
  ).toEqual(["config.amazonaws.com"]);
});

it.each([
  [
    "an email that matches two accounts (case-insensitively)",
    [account("555555555555", "log-archive", "LOG-ARCHIVE@example.org", "Security")],
    "accounts.log-archive: email log-archive@example.org matches 2 accounts (111111111111 log-archive@example.org, 555555555555 LOG-ARCHIVE@example.org); AWS emails are unique, so which one is meant cannot be decided: give the configuration the exact email of one",
  ],
])("refuses %s and writes nothing", (_what, extra, message) => {
  const plan = planAdoption(config, { ...base, accounts: [...base.accounts, ...extra] }, []);
  expect(plan.refusals).toEqual([message]);
  expect(plan.adoption).toBeUndefined();
});

it.each([
  [
    "a name the account does not have",
    account("111111111111", "Log Archive", "log-archive@example.org", "Security"),
    'accounts.log-archive: account 111111111111 (log-archive@example.org) is named "Log Archive" in AWS; the AWS provider would replace the account to rename it: set name: Log Archive (or rename it in the AWS console first)',
  ],
  [
    "an email spelled in another case",
    account("111111111111", "log-archive", "Log-Archive@example.org", "Security"),
    'accounts.log-archive: email "log-archive@example.org" differs from the account\'s "Log-Archive@example.org" in case only; the AWS provider would replace the account to change it: use "Log-Archive@example.org"',
  ],
  [
    "a suspended account",
    account("111111111111", "log-archive", "log-archive@example.org", "Security", { status: "SUSPENDED" }),
    "accounts.log-archive: account 111111111111 is SUSPENDED; only an ACTIVE account can be adopted",
  ],
])("refuses %s", (_what, replacement, message) => {
  const accounts = base.accounts.map((a) => (a.id === replacement.id ? replacement : a));
  const plan = planAdoption(config, { ...base, accounts }, []);
  expect(plan.refusals).toEqual([message]);
  expect(plan.adoption).toBeUndefined();
});

it("refuses the management account's email as a member account", () => {
  const accounts = base.accounts.map((a) =>
    a.id === MANAGEMENT ? { ...a, email: "network@example.org", name: "network" } : a,
  );
  expect(planAdoption(config, { ...base, accounts }, []).refusals).toEqual([
    "accounts.network: network@example.org is the management account's email; the management account cannot be a member account",
  ]);
});
