// Every stack the example configuration synthesizes for real AWS, and those the hub and regional test
// configurations change, pass `terraform validate`, offline, with the AWS provider linked from the machine's
// filesystem mirror (the S3 backend is not initialised: no credentials).
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildLandingZone } from "../../src/app";
import { loadConfig } from "../../src/config/load";
import { LandingZoneConfig } from "../../src/config/schema";
import { stacksInOrder, terraform } from "../../src/deploy/terraform";
import { terraformEnv } from "../../src/deploy/terraform-env";
import { exampleWithHybrid, exampleWithRegionalEnvironments } from "../helpers/synth";

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-validate-"));
const app = new App({ outdir });
const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
buildLandingZone(app, example, { mode: "aws" });
app.synth();
const stacks = stacksInOrder(outdir);

/**
 * A test configuration synthesized for real AWS under `outdir/<label>`: only `names`' stacks, in stacksInOrder's
 * order, each renamed `<label>-<stack>` so it stands apart from the example's stack of the same name.
 */
function synthesizedStacks(label: string, config: LandingZoneConfig, names: readonly string[]) {
  const dir = path.join(outdir, label);
  const configApp = new App({ outdir: dir });
  buildLandingZone(configApp, config, { mode: "aws" });
  configApp.synth();
  return stacksInOrder(dir)
    .filter((s) => names.includes(s.name))
    .map((s) => ({ ...s, name: `${label}-${s.name}` }));
}

/**
 * The second test configuration's hub (HYBRID_NETWORK_YAML: VPN, Direct Connect), validated beside the example's:
 * the on-premises side changes its two hub stacks and, with the forwarding rules, the network of prod.
 */
const HYBRID_STACKS = ["network-hub", "network-prod", "network-segments"];
const hybridStacks = synthesizedStacks("hybrid", exampleWithHybrid(), HYBRID_STACKS);

/**
 * Where the time goes: each `terraform validate` starts the AWS provider once per provider configuration (two per
 * stack), and each start builds the schema of every AWS resource type (about 2 s of CPU); each Terraform process
 * then reads that schema once (about 3 s of CPU between the two of them). So:
 * - one `terraform init` (no backend), in the first stack, installs the provider from the mirror;
 * - that provider binary is started once, in its debug mode, and every `terraform validate` attaches to it
 *   (TF_REATTACH_PROVIDERS: Terraform's own mechanism for a provider it did not start; the same binary runs the
 *   same validators, it just stays up between commands);
 * - the stacks validate in two Terraform processes' worth of schema reads rather than nineteen: every stack that
 *   can be a child module is one, side by side, of a single root configuration, and Terraform validates a child
 *   module's resources, data sources, references and provider configurations exactly as a root's. A stack keeps
 *   its own validate when it has a block Terraform checks only in a root module: `output` (sensitive and
 *   ephemeral values), `import` (allowed only there) and `variable` (values only a root receives).
 * Nineteen separate validates took about 120 s of CPU; this takes about 25 s.
 */
const ROOT_ONLY_BLOCKS = ["output", "import", "variable"];
const asRoot = (dir: string) => {
  const json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as Record<string, unknown>;
  return ROOT_ONLY_BLOCKS.some((block) => block in json);
};
/**
 * Environments outside the home region (exampleWithRegionalEnvironments): the stacks whose providers and regional
 * resources change, the regional archives and keys, dev's VPC in eu-west-2 and its workload there.
 */
const REGIONAL_STACKS = ["log-archive", "security", "network-dev", "workload-dev-patient-intake"];
const regionalStacks = synthesizedStacks("regional", exampleWithRegionalEnvironments(), REGIONAL_STACKS);

const validated = [...stacks, ...hybridStacks, ...regionalStacks];
const roots = validated.filter((s) => asRoot(s.dir));
const modules = validated.filter((s) => !asRoot(s.dir));

/**
 * A child module with one resource that the provider's own validator refuses: its error in the combined run shows
 * that the run walked every module and asked the provider (an error from Terraform's reading of the files stops
 * the run before any module is validated, and would leave this one unreported).
 */
const canaryDir = path.join(outdir, "validate-canary");
const CANARY_ERROR = "expected deletion_window_in_days to be in the range (7 - 30), got 99";
fs.mkdirSync(canaryDir);
fs.writeFileSync(
  path.join(canaryDir, "main.tf.json"),
  JSON.stringify({
    terraform: { required_providers: { aws: { source: "aws" } } },
    provider: { aws: [{ region: "us-east-1" }] },
    resource: { aws_kms_key: { canary: { deletion_window_in_days: 99 } } },
  }),
);
const combinedDir = path.join(outdir, "validate-modules");
fs.mkdirSync(combinedDir);
fs.writeFileSync(
  path.join(combinedDir, "main.tf.json"),
  JSON.stringify({
    module: Object.fromEntries(
      [...modules.map((s) => [s.name, s.dir]), ["validate-canary", canaryDir]].map(([name, dir]) => [
        name,
        { source: path.relative(combinedDir, dir) },
      ]),
    ),
  }),
);

/** A Terraform diagnostic, as `validate -json` reports it. */
interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly range?: { readonly filename: string };
}
/** What `terraform validate -json` reports. */
interface Validation {
  readonly valid: boolean;
  readonly error_count: number;
  readonly diagnostics: Diagnostic[];
}

let provider: ChildProcess | undefined;

/** Starts the installed provider in debug mode and returns the TF_REATTACH_PROVIDERS value it prints. */
function startProvider(): Promise<string> {
  const installed = path.join(
    stacks[0].dir,
    ".terraform",
    "providers",
    "registry.terraform.io",
    "hashicorp",
    "aws",
  );
  const [version] = fs.readdirSync(installed);
  const [platform] = fs.readdirSync(path.join(installed, version));
  const dir = path.join(installed, version, platform);
  const binary = fs.readdirSync(dir).find((f) => f.startsWith("terraform-provider-aws"));
  if (!binary) throw new Error(`no provider binary in ${dir}`);
  // In debug mode the provider serves until it is told to stop: `timeout` stops it even if jest never gets to.
  provider = spawn("timeout", ["600", path.join(dir, binary), "-debug"], {
    env: terraformEnv(process.env),
    // Its log goes nowhere: a pipe nobody reads would fill and stop it mid-request.
    stdio: ["ignore", "pipe", "ignore"],
  });
  const started = provider;
  return new Promise((resolve, reject) => {
    let out = "";
    started.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const reattach = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(out);
      if (reattach) resolve(reattach[1]);
    });
    started.on("close", (code) => reject(new Error(`the provider exited (${code}) before serving:\n${out}`)));
  });
}

/** `terraform init` (no backend) once, in the first stack: it installs the provider every validate attaches to. */
const init = terraform(stacks[0].dir, ["init", "-backend=false", "-input=false", "-no-color"]);
const reattach = init.then((result) => (result.code === 0 ? startProvider() : undefined));

/** `terraform validate -json` in `dir` against the attached provider, after `terraform get` when it has modules. */
async function validate(dir: string, hasModules = false): Promise<Validation> {
  const env = { ...process.env, TF_REATTACH_PROVIDERS: (await reattach)! };
  // `terraform get` records the child modules' local paths; it installs no provider (the attached one serves).
  const got = hasModules ? await terraform(dir, ["get", "-no-color"], env) : undefined;
  if (got && got.code !== 0) throw new Error(`terraform get in ${dir} failed:\n${got.stderr}`);
  const result = await terraform(dir, ["validate", "-json", "-no-color"], env);
  try {
    return JSON.parse(result.stdout) as Validation;
  } catch {
    throw new Error(`terraform validate in ${dir} printed no JSON (exit ${result.code}):\n${result.stderr}`);
  }
}

describe("terraform validate", () => {
  const results = new Map(roots.map((s) => [s.name, validate(s.dir)]));
  const combined = validate(combinedDir, true);
  // Each test awaits its own result; a failing one must not leave the others unhandled.
  for (const result of [...results.values(), combined]) result.catch(() => undefined);
  afterAll(() => {
    provider?.kill();
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  /** The errors the combined run reports in `dir`'s files. */
  const errorsIn = (validation: Validation, dir: string) =>
    validation.diagnostics
      .filter(
        (d) =>
          d.severity === "error" &&
          d.range &&
          path.resolve(combinedDir, d.range.filename).startsWith(`${dir}/`),
      )
      .map((d) => d.summary);

  it("synthesizes every landing-zone stack", () => {
    const names = stacks.map((s) => s.name);
    expect([...names].sort()).toEqual(
      [
        "organization",
        "security",
        "log-archive",
        "organization-trail",
        "backup",
        "detective-controls",
        "identity-center",
        ...example.environments.map((e) => `network-${e.name}`),
        // The hub: the example turns network.transitGateway on.
        "network-hub",
        "network-segments",
        "baseline-management",
        ...example.organization.accounts.map((a) => `baseline-${a.name}`),
        ...example.environments.flatMap((e) => e.workloads.map((w) => `workload-${e.name}-${w.name}`)),
      ].sort(),
    );
    // Dependency order: the organization first; the conformance pack's stack after every recorder.
    expect(names[0]).toBe("organization");
    const detective = names.indexOf("detective-controls");
    expect(names.filter((n, i) => n.startsWith("baseline-") && i > detective)).toEqual([]);
    // The hub's gateway before every network that attaches to it, its segments after every one.
    const networks = example.environments.map((e) => names.indexOf(`network-${e.name}`));
    expect(Math.min(...networks)).toBeGreaterThan(names.indexOf("network-hub"));
    expect(Math.max(...networks)).toBeLessThan(names.indexOf("network-segments"));
  });

  it("validates every child module, asking the provider: the deliberately invalid one fails, and only it", async () => {
    const validation = await combined;
    expect(errorsIn(validation, canaryDir)).toEqual([CANARY_ERROR]);
    expect(validation.error_count).toBe(1);
  });

  it("synthesizes the second configuration's hub stacks", () => {
    expect(hybridStacks.map((s) => s.name)).toEqual(HYBRID_STACKS.map((name) => `hybrid-${name}`));
  });

  it("synthesizes the stacks of environments outside the home region", () => {
    // In stacksInOrder's order: the keys before the archive, the archive before the VPC, the VPC before its workload.
    expect(regionalStacks.map((s) => s.name)).toEqual([
      "regional-security",
      "regional-log-archive",
      "regional-network-dev",
      "regional-workload-dev-patient-intake",
    ]);
  });

  it.each(validated.map((s) => s.name))(
    "%s is valid",
    async (name) => {
      const initialized = await init;
      expect({ code: initialized.code, stderr: initialized.stderr }).toEqual({ code: 0, stderr: "" });
      const own = results.get(name);
      if (own) {
        expect(await own).toMatchObject({ valid: true, error_count: 0 });
      } else {
        const validation = await combined;
        const dir = validated.find((s) => s.name === name)!.dir;
        // The canary's error too: the run reached the validation of every module.
        expect({ errors: errorsIn(validation, dir), canary: errorsIn(validation, canaryDir) }).toEqual({
          errors: [],
          canary: [CANARY_ERROR],
        });
      }
    },
    120_000,
  );
});
