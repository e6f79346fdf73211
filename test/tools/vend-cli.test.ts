// `make vend ... DRY_RUN=1` as an operator runs it: the unified diff of the files it would write, which key policy
// statements gain which principals, and why each existing stack changes, accounts by name; nothing is written.
import * as fs from "fs";
import * as path from "path";
import { plannedSeconds } from "../../src/config/vend";
import { exampleCopy } from "../helpers/config-fixture";
import { runTool } from "../helpers/emulator";

const dir = exampleCopy();
const files = () =>
  Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
const before = files();
const result = runTool("vend", { LZ_CONFIG_DIR: dir }, 600_000, [
  "--name",
  "radiology-ai",
  "--email",
  "aws+radiology-ai@example-health.org",
  "--ou",
  "Workloads/NonProd",
  "--env",
  "dev",
  "--dry-run",
]);
const lines = result.stdout.split("\n");

/** The lines of the section that starts with `heading`, up to the next blank line. */
function section(heading: string): string[] {
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThan(0);
  const end = lines.indexOf("", start);
  return lines.slice(start + 1, end);
}

it("succeeds and writes nothing", () => {
  expect(result).toMatchObject({ status: 0, stderr: "" });
  expect(files()).toEqual(before);
});

it("says when its plan is printed, before the access proofs and the dry run's last line", () => {
  const planned = lines.findIndex((l) => l.startsWith("Planned in "));
  expect(lines[planned]).toMatch(
    /^Planned in \d+\.\ds; now proving every access path of the new configuration \(make verify\) before anything is written\.$/,
  );
  expect(planned).toBeGreaterThan(lines.indexOf("What the account gets, with no other file edited:"));
  expect(planned).toBeLessThan(lines.findIndex((l) => l.startsWith("Dry run: nothing written")));
  expect(plannedSeconds(result.stdout)).toBe(Number(/Planned in ([\d.]+)s/.exec(lines[planned])![1]));
});

it("shows the YAML it would write as a unified diff", () => {
  const diff = section("The configuration change make vend would write:");
  const org = `${dir}/organization.yaml`;
  expect(diff.slice(0, 2)).toEqual([`  --- ${org}`, `  +++ ${org}`]);
  expect(diff.filter((l) => l.startsWith("  +") && !l.startsWith("  +++"))).toEqual(
    expect.arrayContaining([
      "  +  - name: radiology-ai",
      "  +    email: aws+radiology-ai@example-health.org",
      "  +    ou: Workloads/NonProd",
      "  +  - radiology-ai",
    ]),
  );
  expect(diff).toContain(`  +++ ${dir}/dev.yaml`);
});

it("shows which key policy statements gain the new account, by name", () => {
  expect(section("Key policies, by statement: what each gains (+) and loses (-):")).toEqual([
    "  security: aws_kms_key keys/phi-data-dev/key",
    "      CloudWatchLogsEncryptsEnvironmentLogGroups.Condition.ArnLike.kms:EncryptionContext:aws:logs:arn: + arn:aws:logs:us-east-1:<radiology-ai>:log-group:*",
    "      EnvironmentAccountsUseViaServices.Condition.StringEquals.aws:PrincipalAccount: + account radiology-ai",
  ]);
});

it("says why each existing stack changes, derived from the synthesized resources", () => {
  const why = section("Why each existing stack changes (from the synthesized resources, accounts by name):");
  expect(why).toEqual(
    expect.arrayContaining([
      "  backup: aws_backup_report_plan reports/lz_backup_jobs: report_setting.accounts + account radiology-ai",
      "  security: aws_kms_key keys/phi-data-dev/key: its key policy changes (Key policies above)",
      "  baseline-backup: aws_iam_policy backup/role-vault-keys/policy: policy.EncryptCopiesWithDestinationVaultKeys.Resource + arn:aws:kms:*:<radiology-ai>:key/*",
      "  detective-controls: adds aws_macie2_member macie/member-radiology-ai-us-east-1, macie/member-radiology-ai-us-west-2",
    ]),
  );
  // Every stack the plan changes has a reason; no line names a placeholder account ID.
  const changed = lines
    .filter((l) => /^ {2}[a-z0-9-]+: \d+ to add, \d+ to change/.test(l))
    .map((l) => l.trim().split(":")[0]);
  expect(new Set(why.map((l) => l.trim().split(":")[0]))).toEqual(new Set(changed));
  expect(result.stdout).not.toMatch(/\b10000000\d{4}\b/);
});
