// The commands as a user runs them: bad configuration exits 1 with every problem listed, no stack trace, and
// nothing synthesized, started or deployed.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exampleCopy, fixture, ORGANIZATION_YAML } from "../helpers/config-fixture";
import { runScript, runTool } from "../helpers/emulator";
import { REPO_ROOT } from "../../src/deploy/terraform-env";
import { loadConfig } from "../../src/config/load";
import { baaWarnings } from "../../src/config/semantic";

const badConfig = () =>
  fixture({ "organization.yaml": ORGANIZATION_YAML.replace("network@example.org", "not-an-email") });
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

describe("validate", () => {
  it("exits 0 and summarises a valid configuration", () => {
    const result = runTool("validate", {});
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toBe(
      "environments: valid. 8 accounts, 3 environments (dev, prod, staging), governed regions us-east-1, us-west-2.\n" +
        // AWS's list as shipped is more than 180 days old, so validate warns; the words are tested with a fixed
        // date in test/config/load.test.ts.
        `warning: ${baaWarnings(loadConfig(path.join(REPO_ROOT, "environments")), "environments")[0]}\n` +
        `notice: environments/organization.yaml accounts[7]: account "sandbox" is in no environment, so it gets no VPC, no restore tests and the non-phi classification; if it belongs to one, add it to that file's accounts (dev.yaml, prod.yaml, staging.yaml), else nothing to do.\n`,
    );
  });

  it("exits 1 with the problems and no stack trace for a bad configuration in LZ_CONFIG_DIR", () => {
    const dir = badConfig();
    const result = runTool("validate", { LZ_CONFIG_DIR: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `Configuration has 1 problem:\n  - ${dir}/organization.yaml:34 accounts[2].email: received "not-an-email"; expected an email address (name@domain) that no other AWS account uses\n`,
    );
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("synth (the CDKTF app)", () => {
  it("writes nothing when the configuration is invalid", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-out-"));
    const result = runScript("main.ts", { LZ_CONFIG_DIR: badConfig(), CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Configuration has 1 problem:");
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  // A valid configuration, and one that validates but fails verification: test/tools/app-gate.test.ts.
});

describe("local", () => {
  it("starts no emulator and deploys nothing when the configuration is invalid", () => {
    const localDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-local-"));
    const result = runTool("local", {
      LZ_CONFIG_DIR: badConfig(),
      LZ_LOCAL_DIR: localDir,
      LZ_LOCAL_PORT: "45999",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('accounts[2].email: received "not-an-email"');
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(fs.readdirSync(localDir)).toEqual([]);
  });

  it("refuses a port that is not a port", () => {
    const result = runTool("local", { LZ_LOCAL_PORT: "http" });
    expect(result).toMatchObject({ status: 1, stdout: "" });
    expect(result.stderr).toBe(
      'LZ_LOCAL_PORT: received "http"; expected a whole number from 1024 to 65535\n',
    );
  });
});

describe("vend", () => {
  const copy = exampleCopy;
  const args = [
    "--name",
    "radiology-ai",
    "--email",
    "aws+radiology-ai@example-health.org",
    "--ou",
    "Workloads/NonProd",
    "--env",
    "dev",
  ];

  it("prints the plan of what changes and writes the entry", () => {
    const dir = copy();
    const result = runTool("vend", { LZ_CONFIG_DIR: dir }, 120_000, args);
    expect(result).toMatchObject({ status: 0, stderr: "" });
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(
      "vend: radiology-ai <aws+radiology-ai@example-health.org> into Workloads/NonProd, environment dev (non-phi): checked",
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        "  organization: 1 to add, 0 to change, 0 to destroy",
        "      + aws_organizations_account organization/account-radiology-ai/account",
        "  baseline-radiology-ai (new stack): 65 to add, 0 to change, 0 to destroy",
        "      +  2 aws_account_alternate_contact",
        "      +  2 aws_backup_region_settings",
        "      +  2 aws_backup_vault",
        "      +  2 aws_backup_vault_lock_configuration",
        "      +  1 aws_iam_account_password_policy",
        "  identity-center: 5 to add, 0 to change, 0 to destroy",
        "  lz-ec2-baseline on Root: IMDSv2 by default, no public AMIs or snapshots, no serial console",
        "        + radiology-ai",
      ]),
    );
    expect(fs.readFileSync(path.join(dir, "organization.yaml"), "utf8")).toContain(
      "  - name: radiology-ai\n",
    );
  });

  it("exits 1 with every problem, no stack trace, and writes nothing", () => {
    const dir = copy();
    const before = fs.readFileSync(path.join(dir, "organization.yaml"), "utf8");
    const result = runTool("vend", { LZ_CONFIG_DIR: dir }, 120_000, [
      "--name",
      "radiology-ai",
      "--email",
      "aws+sandbox@example-health.org",
      "--ou",
      "Nope",
      "--env",
      "dev",
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        "Configuration has 2 problems:",
        '  - make vend EMAIL: received "aws+sandbox@example-health.org"; expected an email no other account uses (account "sandbox" uses it; AWS requires a unique root email per account)',
        '  - make vend OU: received "Nope"; expected one of the OU paths: Security, Infrastructure, Workloads, Workloads/Prod, Workloads/NonProd, Sandbox',
        "Nothing was written. Fix the above and run make vend again.",
        "",
      ].join("\n"),
    );
    expect(fs.readFileSync(path.join(dir, "organization.yaml"), "utf8")).toBe(before);
  });

  it("names the missing variables", () => {
    const result = runTool("vend", { LZ_CONFIG_DIR: copy() }, 120_000, ["--name", "x", "--email="]);
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe("make vend: missing EMAIL, OU, ENV");
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("drift", () => {
  it("refuses to check the local landing zone when make local has not started the emulator", () => {
    const localDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-local-"));
    const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-drift-"));
    const result = runTool("drift", { LZ_LOCAL_DIR: localDir, LZ_LOCAL_PORT: "45998" }, 60_000, [
      "--local",
      `--report-dir=${reportDir}`,
    ]);
    expect(result).toMatchObject({ status: 1, stdout: "" });
    expect(result.stderr).toBe(
      `make drift LOCAL=1 checks the landing zone that make local deployed, but no emulator started by make local runs on port 45998 (${localDir}). Run make local first.\n`,
    );
    expect(fs.readdirSync(reportDir)).toEqual([]);
  });

  it("names the stacks it knows when given one it does not, and plans nothing", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-out-"));
    const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-drift-"));
    const result = runTool("drift", { CDKTF_OUTDIR: outdir }, 120_000, [
      `--report-dir=${reportDir}`,
      "securty",
    ]);
    expect(result).toMatchObject({ status: 1, stdout: "" });
    expect(result.stderr).toMatch(
      /^STACK: received "securty"; expected stack names from: organization, backup, security, log-archive, /,
    );
    expect(fs.readdirSync(reportDir)).toEqual([]);
  });

  it("refuses an option it does not know", () => {
    const result = runTool("drift", {}, 60_000, ["--locale"]);
    expect(result).toMatchObject({ status: 1, stdout: "" });
    expect(result.stderr).toBe(
      'make drift: received the option "--locale"; expected --local, --report-dir=<dir> or stack names\n',
    );
  });

  it("exits 1 on an invalid configuration without a stack trace", () => {
    const result = runTool("drift", { LZ_CONFIG_DIR: badConfig() });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('accounts[2].email: received "not-an-email"');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("drift:merge", () => {
  const stackReport = (stack: string, findings: unknown[] = []) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-report-"));
    const file = path.join(dir, "report.json");
    const status = findings.length > 0 ? "drifted" : "clean";
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        generatedAt: "2026-11-23T00:00:00.000Z",
        target: "aws",
        stacks: [{ stack, status, drifted: findings.length, pending: 0, notChecked: 0, seconds: 3 }],
        findings,
      }),
    );
    return file;
  };
  const critical = {
    stack: "security",
    address: "aws_kms_key.k",
    resourceType: "aws_kms_key",
    kind: "drift",
    action: "changed",
    nextApply: "update",
    changedAttributes: [{ path: "enable_key_rotation", before: true, after: false }],
    severity: "critical",
    control: "Per-purpose KMS keys",
    sections: ["164.312(a)(2)(iv) encryption and decryption"],
  };

  it("exits 2 on critical drift and writes the merged report", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "lz-merged-"));
    const result = runTool("drift-merge", {}, 60_000, [
      '--expect=["organization","security"]',
      `--report-dir=${out}`,
      stackReport("organization"),
      stackReport("security", [critical]),
    ]);
    expect(result).toMatchObject({ status: 2, stderr: "" });
    expect(result.stdout).toBe(
      [
        "Drift: 1 resource in 1 stack changed outside Terraform (1 critical, 0 warning); 0 pending changes; 0 stacks failed to plan (2 stacks checked).",
        "  critical security  aws_kms_key.k  enable_key_rotation: true -> false [Per-purpose KMS keys; 45 CFR 164.312(a)(2)(iv)]",
        "",
      ].join("\n"),
    );
    expect(fs.readdirSync(out).sort()).toEqual(["report.json", "report.md"]);
  });

  it("exits 1 when a stack's job left no report, naming the stack", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "lz-merged-"));
    const result = runTool("drift-merge", {}, 60_000, [
      '--expect=["organization","network-prod"]',
      `--report-dir=${out}`,
      stackReport("organization"),
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "  error    network-prod: no report: the stack's drift job did not produce one (see its job log)",
    );
  });

  it("refuses an --expect that is not a JSON list of names", () => {
    const result = runTool("drift-merge", {}, 60_000, ["--expect=organization"]);
    expect(result).toMatchObject({ status: 1, stdout: "" });
    expect(result.stderr).toBe(
      '--expect: received "organization"; expected a JSON array of stack names (the output of npm run stacks)\n',
    );
  });
});

describe("deploy and stacks", () => {
  it("refuses an unknown deploy group before synthesizing anything", () => {
    const result = runTool("deploy", {}, 60_000, ["--group=everything"]);
    expect(result).toMatchObject({ status: 1, stdout: "" });
    expect(result.stderr).toBe(
      'GROUP: received "everything"; expected one of: organization, security, accounts, controls, workloads\n',
    );
  });

  it("lists the synthesized stacks for the drift matrix in dependency order, and refuses a --jobs GitHub cannot run", () => {
    const names = JSON.parse(runTool("stacks", {}).stdout) as string[];
    // Dependency order: the backup stack needs only the organization's outputs (its reports stay in its account).
    expect(names.slice(0, 4)).toEqual(["organization", "backup", "security", "log-archive"]);
    expect(names).toHaveLength(23);
    expect(runTool("stacks", {}, 60_000, ["--jobs=0"]).stderr).toBe(
      '--jobs: received "0"; expected a whole number from 1 to 256 (GitHub\'s matrix limit)\n',
    );
  });

  it("lists a deploy group's stacks for the release matrix in at most --jobs batches, and the configured max-parallel", () => {
    // Five batches rather than the workflows' 200 (one stack each): the same option, seen to join stacks.
    const batches = JSON.parse(
      runTool("stacks", {}, 120_000, ["--group=accounts", "--jobs=5"]).stdout,
    ) as string[];
    // At most five: twelve stacks in batches of three.
    expect(batches).toEqual([
      "baseline-backup,baseline-log-archive,baseline-management",
      "baseline-phi-dev,baseline-phi-prod,baseline-phi-staging",
      "baseline-sandbox,baseline-security-tooling,baseline-shared-services",
      "network-dev,network-prod,network-staging",
    ]);
    expect(runTool("stacks", {}, 60_000, ["--max-parallel"]).stdout).toBe("20\n");
  });

  it("refuses a STACK outside the GROUP it is deployed with, before deploying anything", () => {
    const result = runTool("deploy", {}, 120_000, ["--group=accounts", "baseline-sandbox,organization"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'STACK: received "organization"; expected stacks of GROUP=accounts: baseline-backup, baseline-log-archive, baseline-management, baseline-phi-dev, baseline-phi-prod, baseline-phi-staging, baseline-sandbox, baseline-security-tooling, baseline-shared-services, network-dev, network-prod, network-staging\n',
    );
  });
});

it("make help prints each target's text as written, with no Make escapes left in", () => {
  const result = spawnSync("make", ["--no-print-directory", "help"], { cwd: REPO_ROOT, encoding: "utf8" });
  expect(result.status).toBe(0);
  expect(result.stdout).not.toContain("$$");
  expect(result.stdout).toMatch(
    /^local\s+Deploy the landing zone to the local emulator \(127\.0\.0\.1:4566, or LZ_LOCAL_PORT;/m,
  );
});
