// The gate inside the CDKTF app: main.ts run as cdktf runs it (`cdktf synth`, and the synth step of `cdktf diff` and
// `cdktf deploy`: the app command of cdktf.json with CDKTF_OUTDIR set) refuses what `make verify` refuses, as a
// plain message with no stack trace, and leaves nothing a following `cdktf deploy --skip-synth` could deploy.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fixture, ORGANIZATION_YAML } from "../helpers/config-fixture";
import { runScript } from "../helpers/emulator";

const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
/** The app runs one full synth and verification: tens of seconds on a busy two-core machine. */
const APP_TIMEOUT = 300_000;

/**
 * A configuration that validates but that `make verify` refuses: a permission set granting
 * cloudtrail:StopLogging, which the SCP lz-protect-security-services denies in every account.
 */
const refusedConfig = () =>
  fixture({
    "organization.yaml": `${ORGANIZATION_YAML}identityCenter:
  groups: [analysts]
  permissionSets:
    - name: Analyst
      inlinePolicy:
        Version: "2012-10-17"
        Statement:
          - { Sid: StopTrail, Effect: Allow, Action: cloudtrail:StopLogging, Resource: "*" }
  assignments:
    - { group: analysts, permissionSet: Analyst, accounts: [network] }
`,
  });

/** An output directory as an earlier synth left it: a manifest, and Terraform's working files in a stack. */
function earlierOutdir(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-out-"));
  fs.writeFileSync(path.join(outdir, "manifest.json"), '{"version":"0.21.0","stacks":{}}');
  fs.mkdirSync(path.join(outdir, "stacks", "organization", ".terraform"), { recursive: true });
  fs.writeFileSync(path.join(outdir, "stacks", "organization", ".terraform", "kept"), "");
  return outdir;
}

/** Every file under `dir`, relative to it, sorted. */
function files(dir: string, under = ""): string[] {
  return fs
    .readdirSync(path.join(dir, under), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = path.join(under, entry.name);
      return entry.isDirectory() ? files(dir, relative) : [relative];
    })
    .sort();
}

describe("the CDKTF app's verification gate", () => {
  it.each([
    ["for AWS", {}],
    [
      "for the emulator (it verifies the AWS synth, as make local does)",
      { LZ_LOCAL_ENDPOINT: "http://127.0.0.1:4566" },
    ],
  ])(
    "refuses what make verify refuses %s: exit 1, the failure lines, no stack trace, nothing deployable",
    (_, targetEnv: Record<string, string>) => {
      const outdir = earlierOutdir();
      // Its own temporary directory, to see that the scratch synth is removed too.
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lz-tmp-"));
      const result = runScript(
        "main.ts",
        { ...targetEnv, LZ_CONFIG_DIR: refusedConfig(), CDKTF_OUTDIR: outdir, TMPDIR: tmp },
        APP_TIMEOUT,
      );
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      const lines = result.stderr.split("\n");
      expect(lines[0]).toBe(
        "cdktf synth: refused, the synthesized landing zone would not work on AWS (1 problem; make verify VERBOSE=1 prints the table):",
      );
      expect(lines[1]).toMatch(
        /^ {2}path set-Analyst-network-grants-cloudtrail-StopLogging: expected allow, decided ExplicitlyDenied: .*lz-protect-security-services/,
      );
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stderr).not.toContain("Internal error");
      // No manifest (the earlier one is withdrawn too) and no stack written: cdktf deploy --skip-synth finds nothing.
      expect(files(outdir)).toEqual(["stacks/organization/.terraform/kept"]);
      expect(fs.readdirSync(tmp).filter((name) => name.startsWith("lz-synth-"))).toEqual([]);
    },
    APP_TIMEOUT,
  );

  it(
    "writes every stack of the example configuration, which passes, keeping Terraform's working files",
    () => {
      const outdir = earlierOutdir();
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lz-tmp-"));
      const result = runScript("main.ts", { CDKTF_OUTDIR: outdir, TMPDIR: tmp }, APP_TIMEOUT);
      expect(result).toMatchObject({ status: 0, stderr: "" });
      expect(result.stdout).toMatch(
        /^verify: \d+ access paths as expected, \d+ service rules and \d+ HIPAA rules hold \(\d+ findings? suppressed\); synthesized to .+ \(\d+\.\d s\)\n$/,
      );
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
        stacks: Record<string, { synthesizedStackPath: string }>;
      };
      const stacks = Object.values(manifest.stacks).map((s) => s.synthesizedStackPath);
      expect(stacks).toContain(path.join("stacks", "organization", "cdk.tf.json"));
      // Besides the stacks: each workload function's bundled code (the application's and the rotation's), an asset
      // of its stack.
      const assets = files(outdir).filter((file) => file.includes("/assets/"));
      const asset = /\/assets\/(\w+)_code_asset_[0-9A-F]+\/[0-9a-f]+\/archive\.zip$/;
      expect(assets.map((file) => file.replace(asset, "/$1"))).toEqual([
        "stacks/workload-dev-patient-intake/blueprint_function",
        "stacks/workload-dev-patient-intake/blueprint_secret_rotation",
        "stacks/workload-staging-patient-intake/blueprint_function",
        "stacks/workload-staging-patient-intake/blueprint_secret_rotation",
      ]);
      expect(files(outdir).filter((file) => !assets.includes(file))).toEqual(
        [...stacks, "manifest.json", "stacks/organization/.terraform/kept"].sort(),
      );
      expect(fs.readdirSync(tmp).filter((name) => name.startsWith("lz-synth-"))).toEqual([]);
    },
    APP_TIMEOUT,
  );
});
