// `make verify` as a user runs it, and the gate in front of `make local`: a configuration whose synthesized
// policies would not work on AWS is refused before anything starts, naming the path and the deciding statement.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../src/deploy/terraform-env";
import { SERVICE_RULES } from "../../src/verify/rules";
import { HIPAA_RULES } from "../../src/verify/rules/hipaa";
import { exampleCopy } from "../helpers/config-fixture";
import { runTool } from "../helpers/emulator";

const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** The example plus a configured set granting GuardDuty filters, which lz-protect-security-services denies. */
function configGrantingWhatTheScpsDeny(): string {
  const dir = exampleCopy();
  const org = path.join(dir, "organization.yaml");
  const text = fs
    .readFileSync(org, "utf8")
    .replace(
      "identityCenter:\n  groups:\n",
      [
        "identityCenter:",
        "  permissionSets:",
        "    - name: FindingsTuner",
        "      description: Tunes GuardDuty suppression",
        "      scope: security-tooling",
        "      inlinePolicy:",
        '        Version: "2012-10-17"',
        "        Statement:",
        "          - Sid: TuneFilters",
        "            Effect: Allow",
        "            Action: [guardduty:CreateFilter]",
        '            Resource: "*"',
        "  groups:",
        "",
      ].join("\n"),
    );
  fs.writeFileSync(
    org,
    `${text}    - group: lz-security-responders\n      permissionSet: FindingsTuner\n      accounts: [security-tooling]\n`,
  );
  return dir;
}

it("with --verbose prints the summary first, then the table; writes verify/report.json and exits 0 for the example", () => {
  const result = runTool("verify", {}, undefined, ["--verbose"]);
  expect(result.status).toBe(0);
  const rules = SERVICE_RULES.length;
  const hipaa = HIPAA_RULES.length;
  expect(result.stdout.split("\n")[0]).toMatch(
    new RegExp(
      `^verify: (\\d+)/\\1 access paths as expected \\(\\d+ denials, \\d+ distinct simulations\\), ${rules}/${rules} service rules hold, ${hipaa}/${hipaa} HIPAA rules hold \\(0 findings suppressed\\); verify/report\\.json \\(`,
    ),
  );
  expect(result.stdout).toMatch(/^ok +allow +Allowed +trail-bucket-acl-check$/m);
  expect(result.stdout).toMatch(/^ok +rule +config-delivery-no-object-lock$/m);
  expect(result.stdout).not.toMatch(/--verbose/);
  const report = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "verify", "report.json"), "utf8"));
  expect(report.ok).toBe(true);
});

it("exits 1 with the summary, then the failing path and the SCP statement in detail, and no passing path", () => {
  const result = runTool("verify", { LZ_CONFIG_DIR: configGrantingWhatTheScpsDeny() });
  expect(result.status).toBe(1);
  const stdout = result.stdout.split("\n");
  expect(stdout[0]).toMatch(/^verify: (\d+)\/(\d+) access paths as expected /);
  const [, held, all] = /^verify: (\d+)\/(\d+)/.exec(stdout[0])!;
  expect(Number(all) - Number(held)).toBe(1);
  expect(stdout.slice(1)).toEqual([
    "verify: --verbose (make verify VERBOSE=1) lists every path and rule that holds",
    "",
  ]);
  expect(result.stderr).toBe(
    "verify: failed:\n  path set-FindingsTuner-security-tooling-grants-guardduty-CreateFilter: expected allow, decided " +
      "ExplicitlyDenied: FindingsTuner in security-tooling can use what its inline policy grants: guardduty:CreateFilter; " +
      "SCP at Root lz-protect-security-services: DenyGuardDutyChanges " +
      "(https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html)\n",
  );
});

it("make local refuses the same configuration before starting the emulator", () => {
  const localDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-local-"));
  const result = runTool("local", {
    LZ_CONFIG_DIR: configGrantingWhatTheScpsDeny(),
    LZ_LOCAL_DIR: localDir,
    LZ_LOCAL_PORT: "45998",
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(
    /^make local: refused, the synthesized landing zone would not work on AWS \(1 problem; make verify VERBOSE=1 prints the table\):\n {2}path set-FindingsTuner-security-tooling-grants-guardduty-CreateFilter: expected allow, decided ExplicitlyDenied/,
  );
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(fs.readdirSync(localDir)).toEqual([]);
});
