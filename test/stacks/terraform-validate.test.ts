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

/** init (no backend) then validate; the stacks run side by side, each test awaits its own. */
async function validate(dir: string) {
  const init = await terraform(dir, ["init", "-backend=false", "-input=false", "-no-color"]);
  const result = await terraform(dir, ["validate", "-json"]);
  return { init, validate: JSON.parse(result.stdout) as { valid: boolean; error_count: number } };
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
      const { init, validate: outcome } = await results.get(name)!;
      expect(init.stderr).toBe("");
      expect(init.code).toBe(0);
      expect(outcome).toMatchObject({ valid: true, error_count: 0 });
    },
    120_000,
  );
});
