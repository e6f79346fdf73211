// Account vending: the change is exactly the new entry where a person would write it, every bad input is refused
// with its message and nothing written, and vending the same account twice is refused.
import * as fs from "fs";
import * as path from "path";
import { ConfigError, formatIssue, LandingZoneError } from "../../src/config/errors";
import { syncLedger } from "../../src/config/ledger";
import { loadConfig } from "../../src/config/load";
import { applyVend, editDiff, planVend, VendRequest } from "../../src/config/vend";
import { exampleCopy, exampleCopyWithPools } from "../helpers/config-fixture";

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

/** Lines added to `before` to give `after`, with the line number (1-based, in `after`) of the first one. */
function insertedLines(before: string, after: string): { at: number; lines: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (a[start] === b[start]) start++;
  const count = b.length - a.length;
  expect([...b.slice(0, start), ...b.slice(start + count)]).toEqual(a); // nothing else changed
  return { at: start + 1, lines: b.slice(start, start + count) };
}

function issuesOf(action: () => unknown, dir: string): string[] {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((issue) => formatIssue(issue).split(dir).join("cfg"));
  }
  throw new Error("expected the vend to be refused");
}

const REQUEST: VendRequest = {
  name: "radiology-ai",
  email: "aws+radiology-ai@example-health.org",
  ou: "Workloads/NonProd",
  environment: "dev",
  owner: "imaging",
  tags: "Project=radiology,Tier=research",
};

describe("a successful vend", () => {
  const dir = exampleCopy();
  const before = snapshot(dir);
  const plan = planVend(REQUEST, dir);
  applyVend(plan);
  const after = snapshot(dir);

  it("adds exactly the new entry, after the last account of the same OU, and nothing else", () => {
    const organization = before["organization.yaml"].split("\n");
    const lastNonProd = organization.lastIndexOf("    costCenter: cc-1001"); // phi-dev, the last NonProd account
    expect(insertedLines(before["organization.yaml"], after["organization.yaml"])).toEqual({
      at: lastNonProd + 2,
      lines: [
        "  - name: radiology-ai",
        "    email: aws+radiology-ai@example-health.org",
        "    ou: Workloads/NonProd",
        "    owner: imaging",
        "    tags:",
        "      Project: radiology",
        "      Tier: research",
      ],
    });
  });

  it("adds the account to its environment's list and to the ledger", () => {
    expect(insertedLines(before["dev.yaml"], after["dev.yaml"]).lines).toEqual(["  - radiology-ai"]);
    expect(JSON.parse(after["accounts.ledger.json"]).accounts.at(-1)).toEqual({
      name: "radiology-ai",
      email: "aws+radiology-ai@example-health.org",
    });
    for (const f of ["prod.yaml", "staging.yaml"]) expect(after[f]).toBe(before[f]);
  });

  it("leaves a configuration that loads, with the account in its OU and environment", () => {
    const config = loadConfig(dir);
    expect(config.organization.accounts.find((a) => a.name === "radiology-ai")).toEqual({
      name: "radiology-ai",
      email: "aws+radiology-ai@example-health.org",
      ou: "Workloads/NonProd",
      owner: "imaging",
      tags: { Project: "radiology", Tier: "research" },
    });
    expect(config.environments.find((e) => e.name === "dev")!.accounts).toEqual(["phi-dev", "radiology-ai"]);
  });

  it("refuses to vend the same account twice, and writes nothing", () => {
    expect(issuesOf(() => planVend(REQUEST, dir), dir)).toEqual([
      'make vend NAME: received "radiology-ai"; expected a new account name: "radiology-ai" already exists (cfg/organization.yaml accounts[7]); vending it again would change nothing',
    ]);
    expect(snapshot(dir)).toEqual(after);
  });
});

describe("rejected requests", () => {
  const dir = exampleCopy();
  const before = snapshot(dir);

  it.each<[string, Partial<VendRequest>, string[]]>([
    [
      "a name AWS or the stacks cannot use",
      { name: "Radiology_AI" },
      [
        'make vend NAME: received "Radiology_AI"; expected an account name: 2-50 characters: lowercase letters, digits and hyphens, starting with a letter',
      ],
    ],
    [
      "a malformed email",
      { email: "radiology-at-example" },
      [
        'make vend EMAIL: received "radiology-at-example"; expected an email address (name@domain) that no other AWS account uses',
      ],
    ],
    [
      "an email another account uses, in any case",
      { email: "AWS+Sandbox@example-health.org" },
      [
        'make vend EMAIL: received "AWS+Sandbox@example-health.org"; expected an email no other account uses (account "sandbox" uses it; AWS requires a unique root email per account)',
      ],
    ],
    [
      "an OU that does not exist",
      { ou: "Workloads/Research" },
      [
        'make vend OU: received "Workloads/Research"; expected one of the OU paths: Security, Infrastructure, Workloads, Workloads/Prod, Workloads/NonProd, Sandbox',
      ],
    ],
    [
      "the Suspended OU",
      { ou: "Suspended" },
      [
        'make vend OU: received "Suspended"; expected one of the OU paths: Security, Infrastructure, Workloads, Workloads/Prod, Workloads/NonProd, Sandbox (Suspended holds removed accounts, not new ones)',
      ],
    ],
    [
      "an environment that does not exist",
      { environment: "qa" },
      [
        'make vend ENV: received "qa"; expected one of the environments: dev, prod, staging; a new environment takes its VPC\'s range from network.ipam.pools, and cfg/organization.yaml has none (docs/network-and-baseline.md#address-plan)',
      ],
    ],
    [
      "an unknown data classification",
      { dataClassification: "secret" },
      ['make vend DATA_CLASSIFICATION: received "secret"; expected one of: phi, non-phi'],
    ],
    [
      "tags that are not key=value",
      { tags: "Project" },
      [
        'make vend TAGS: received "Project"; expected key=value pairs separated by commas; "Project" is not key=value',
      ],
    ],
    [
      "a PHI account in an OU that does not allow PHI",
      { ou: "Sandbox", environment: "prod" },
      [
        'cfg/organization.yaml:89 accounts[8].ou: received "Sandbox"; expected an OU that allows PHI: account "radiology-ai" holds PHI (environment "prod" has phi: true) and OU "Sandbox" sets allowPhi: false; OUs that allow PHI: Security, Infrastructure, Workloads, Workloads/Prod, Workloads/NonProd, Suspended',
      ],
    ],
    [
      "a PHI classification in a non-PHI environment",
      { dataClassification: "phi" },
      [
        'cfg/organization.yaml:87 accounts[7].dataClassification: received "phi"; expected "non-phi" or no value: environment "dev" has phi: false; a PHI account belongs in a PHI environment (prod, staging)',
      ],
    ],
  ])("refuses %s and writes nothing", (_, change, expected) => {
    expect(issuesOf(() => planVend({ ...REQUEST, ...change }, dir), dir)).toEqual(expected);
    expect(snapshot(dir)).toEqual(before);
  });

  it("accepts a PHI account in a PHI OU and environment (the rows above fail for their own reason)", () => {
    const plan = planVend(
      { ...REQUEST, ou: "Workloads/Prod", environment: "prod", dataClassification: "phi" },
      dir,
    );
    expect(plan.account).toMatchObject({ ou: "Workloads/Prod", dataClassification: "phi" });
    expect(snapshot(dir)).toEqual(before);
  });

  it("reports every problem of one request at once", () => {
    expect(
      issuesOf(
        () => planVend({ ...REQUEST, name: "X", email: "nope", ou: "Nope", environment: "qa" }, dir),
        dir,
      ),
    ).toHaveLength(4);
  });

  it("refuses to vend into a configuration that is already invalid, naming its problem", () => {
    const broken = exampleCopy();
    const org = path.join(broken, "organization.yaml");
    fs.writeFileSync(
      org,
      fs.readFileSync(org, "utf8").replace("homeRegion: us-east-1", "homeRegion: mars-1"),
    );
    expect(() => planVend(REQUEST, broken)).toThrow(LandingZoneError);
    expect(() => planVend(REQUEST, broken)).toThrow(
      /^The configuration is already invalid; fix it before vending \(make validate\)\.\nConfiguration has 1 problem:/,
    );
  });
});

describe("the diff the dry run prints", () => {
  const dir = exampleCopy();
  const plan = planVend(REQUEST, dir);
  const [organization, environment] = plan.edits;

  it("shows organization.yaml's added entry as a unified diff with two lines of context", () => {
    const at = organization.before.split("\n").lastIndexOf("    costCenter: cc-1001") + 1;
    expect(editDiff(organization)).toEqual([
      `--- ${organization.displayPath}`,
      `+++ ${organization.displayPath}`,
      `@@ -${at - 1},4 +${at - 1},11 @@`,
      ...organization.before
        .split("\n")
        .slice(at - 2, at)
        .map((l) => ` ${l}`),
      "+  - name: radiology-ai",
      "+    email: aws+radiology-ai@example-health.org",
      "+    ou: Workloads/NonProd",
      "+    owner: imaging",
      "+    tags:",
      "+      Project: radiology",
      "+      Tier: research",
      ...organization.before
        .split("\n")
        .slice(at, at + 2)
        .map((l) => ` ${l}`),
    ]);
  });

  it("shows the environment's added account", () => {
    expect(editDiff(environment).filter((l) => /^[-+]/.test(l))).toEqual([
      `--- ${environment.displayPath}`,
      `+++ ${environment.displayPath}`,
      "+  - radiology-ai",
    ]);
  });

  it("numbers hunks as diff does: a change with context on both sides, a removal, a new file, no change", () => {
    const edit = (before: string, after: string) => ({ file: "f", displayPath: "f", before, after });
    expect(editDiff(edit("a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\n"), 1)).toEqual([
      "--- f",
      "+++ f",
      "@@ -2,3 +2,3 @@",
      " b",
      "-c",
      "+X",
      " d",
    ]);
    expect(editDiff(edit("a\nb\n", "a\n"), 0)).toEqual(["--- f", "+++ f", "@@ -2,1 +1,0 @@", "-b"]);
    expect(editDiff(edit("", "x\n"))).toEqual(["--- /dev/null", "+++ f", "@@ -0,0 +1,1 @@", "+x"]);
    expect(editDiff(edit("same\n", "same\n"))).toEqual([]);
  });
});

describe("environment files written in flow style", () => {
  it("appends to a flow list in place", () => {
    const dir = exampleCopy();
    const dev = path.join(dir, "dev.yaml");
    fs.writeFileSync(
      dev,
      fs.readFileSync(dev, "utf8").replace("accounts:\n  - phi-dev\n", "accounts: [phi-dev]\n"),
    );
    const plan = planVend(REQUEST, dir);
    expect(plan.edits[1].after).toContain("accounts: [phi-dev, radiology-ai]\n");
  });
});

describe("the account ledger", () => {
  it("records accounts added by hand, and in CI refuses a ledger that lacks them", () => {
    const dir = exampleCopy();
    const accounts = [...loadConfig(dir).organization.accounts, { name: "by-hand", email: "h@example.org" }];
    expect(() => syncLedger(dir, accounts, { CI: "true" })).toThrow(
      `${dir}/accounts.ledger.json: does not record account(s) by-hand; run \`make validate\` (or \`make vend\`) locally and commit the ledger with the configuration change`,
    );
    expect(syncLedger(dir, accounts, {})).toEqual([
      `${dir}/accounts.ledger.json: recorded account(s) by-hand; commit the ledger with the configuration`,
    ]);
    expect(syncLedger(dir, accounts, { CI: "true" })).toEqual([]);
  });
});

describe("vending a new environment from the address plan", () => {
  const IMAGING: VendRequest = {
    name: "imaging-prod",
    email: "aws+imaging-prod@example-health.org",
    ou: "Workloads/Prod",
    environment: "imaging",
    segment: "prod",
  };

  it("writes the environment's file with the next free range of its segment's pool, and the account as usual", () => {
    const dir = exampleCopyWithPools();
    const before = snapshot(dir);
    const plan = planVend(IMAGING, dir);
    expect(plan.newEnvironment).toEqual({
      name: "imaging",
      segment: "prod",
      cidr: "10.11.0.0/16",
      pool: { segment: "prod", region: "us-east-1", cidr: "10.10.0.0/15" },
    });
    applyVend(plan);
    const after = snapshot(dir);
    expect(after["imaging.yaml"]).toBe(
      [
        "# yaml-language-server: $schema=../schema/environment.schema.json",
        "# The imaging environment, created by make vend: its accounts and its PHI VPC range. Reference: docs/configuration.md.",
        "name: imaging",
        "phi: true # holds PHI: every detective and network control is mandatory",
        "accounts:",
        "  - imaging-prod",
        "cidr: 10.11.0.0/16 # the next free /16 of the prod pool of us-east-1 (10.10.0.0/15)",
        "network:",
        "  segment: prod # the hub segment this VPC joins (docs/network-and-baseline.md)",
        "",
      ].join("\n"),
    );
    expect(insertedLines(before["organization.yaml"], after["organization.yaml"]).lines).toEqual([
      "  - name: imaging-prod",
      "    email: aws+imaging-prod@example-health.org",
      "    ou: Workloads/Prod",
    ]);
    const config = loadConfig(dir);
    expect(config.environments.find((e) => e.name === "imaging")).toMatchObject({
      phi: true,
      accounts: ["imaging-prod"],
      cidr: "10.11.0.0/16",
      network: { segment: "prod" },
    });
    expect(editDiff(plan.edits[1]).slice(0, 2)).toEqual([
      "--- /dev/null",
      `+++ ${plan.edits[1].displayPath}`,
    ]);

    // The pool is now full: the next environment of prod is refused, naming what holds it, and nothing is written.
    const full = snapshot(dir);
    expect(
      issuesOf(
        () =>
          planVend(
            {
              ...IMAGING,
              name: "imaging-two",
              email: "aws+imaging-two@example-health.org",
              environment: "imaging2",
            },
            dir,
          ),
        dir,
      ),
    ).toEqual([
      'make vend SEGMENT: received "prod"; expected a pool with a free /16: the prod pool of us-east-1 (10.10.0.0/15) has none left beside imaging 10.11.0.0/16, prod 10.10.0.0/16; widen network.ipam.pools.prod.us-east-1 in cfg/organization.yaml',
    ]);
    expect(snapshot(dir)).toEqual(full);
  });

  it("takes a non-PHI environment's range past those already taken", () => {
    const dir = exampleCopyWithPools();
    const plan = planVend(
      {
        name: "research-sandbox",
        email: "aws+research@example-health.org",
        ou: "Workloads/NonProd",
        environment: "research",
        segment: "non-prod",
        dataClassification: "non-phi",
      },
      dir,
    );
    // staging holds 10.20.0.0/16 and dev 10.30.0.0/16: the first /16 of 10.16.0.0/12 is free.
    expect(plan.newEnvironment?.cidr).toBe("10.16.0.0/16");
    expect(plan.edits[1].after).toContain("phi: false # no PHI may be stored here\n");
  });

  it.each<[string, Partial<VendRequest>, string[]]>([
    [
      "a new environment without a segment",
      { segment: undefined },
      [
        'make vend SEGMENT: received nothing; expected the new environment "imaging"\'s hub segment: one of prod, non-prod, shared',
      ],
    ],
    [
      "a segment that is not one",
      { segment: "research" },
      [
        'make vend SEGMENT: received "research"; expected the new environment "imaging"\'s hub segment: one of prod, non-prod, shared',
      ],
    ],
    [
      "a segment without a pool in the home region",
      { segment: "shared" },
      [
        'make vend SEGMENT: received "shared"; expected a segment with a pool in us-east-1, where every environment\'s VPC is: network.ipam.pools in cfg/organization.yaml has prod, non-prod',
      ],
    ],
    [
      "a segment for an environment that exists",
      { environment: "prod", segment: "prod" },
      [
        'make vend SEGMENT: received "prod"; expected no SEGMENT: environment "prod" exists and its VPC is in the prod segment; SEGMENT is for a new environment',
      ],
    ],
    [
      "a new environment named like the organization's file",
      { environment: "organization" },
      [
        'make vend ENV: received "organization"; expected one of the environments: dev, prod, staging, or a new environment name other than "organization" (its file would be cfg/organization.yaml)',
      ],
    ],
    [
      "a new environment's name the schema refuses",
      { environment: "Imaging" },
      [
        'make vend ENV: received "Imaging"; expected one of the environments: dev, prod, staging, or a new environment name: 1-20 characters: lowercase letters, digits and hyphens, starting with a letter',
      ],
    ],
  ])("refuses %s and writes nothing", (_, change, expected) => {
    const dir = exampleCopyWithPools();
    const before = snapshot(dir);
    expect(issuesOf(() => planVend({ ...IMAGING, ...change }, dir), dir)).toEqual(expected);
    expect(snapshot(dir)).toEqual(before);
  });
});
