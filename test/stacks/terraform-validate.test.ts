// Every stack the example configuration synthesizes for real AWS passes `terraform validate`, offline, with the
// AWS provider linked from the machine's filesystem mirror (the S3 backend is not initialised: no credentials).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildLandingZone } from "../../src/app";
import { loadConfig } from "../../src/config/load";
import { stacksInOrder, terraform } from "../../src/deploy/terraform";

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-validate-"));
const app = new App({ outdir });
const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
buildLandingZone(app, example, { mode: "aws" });
app.synth();
const stacks = stacksInOrder(outdir);

/**
 * `terraform init` (no backend) once, in the first stack: every stack requires the same provider, so the others
 * get its lock file and a link to its provider directory instead of an init of their own (each init costs about
 * a second of CPU). A stack requiring anything else would fail validate with an unsatisfied provider.
 */
const init = terraform(stacks[0].dir, ["init", "-backend=false", "-input=false", "-no-color"]).then(
  (result) => {
    for (const stack of stacks.slice(1)) {
      fs.copyFileSync(
        path.join(stacks[0].dir, ".terraform.lock.hcl"),
        path.join(stack.dir, ".terraform.lock.hcl"),
      );
      fs.symlinkSync(path.join(stacks[0].dir, ".terraform"), path.join(stack.dir, ".terraform"));
    }
    return result;
  },
);

/** Validate after the shared init; the stacks run side by side, each test awaits its own. */
async function validate(dir: string) {
  await init;
  const result = await terraform(dir, ["validate", "-json"]);
  return JSON.parse(result.stdout) as { valid: boolean; error_count: number };
}

describe("terraform validate", () => {
  const results = new Map(stacks.map((s) => [s.name, validate(s.dir)]));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

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
        "baseline-management",
        ...example.organization.accounts.map((a) => `baseline-${a.name}`),
      ].sort(),
    );
    // Dependency order: the organization first; the conformance pack's stack after every recorder.
    expect(names[0]).toBe("organization");
    const detective = names.indexOf("detective-controls");
    expect(names.filter((n, i) => n.startsWith("baseline-") && i > detective)).toEqual([]);
  });

  it.each(stacks.map((s) => s.name))(
    "%s is valid",
    async (name) => {
      const initialized = await init;
      expect({ code: initialized.code, stderr: initialized.stderr }).toEqual({ code: 0, stderr: "" });
      expect(await results.get(name)!).toMatchObject({ valid: true, error_count: 0 });
    },
    120_000,
  );
});
