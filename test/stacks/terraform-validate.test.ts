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
buildLandingZone(app, loadConfig(path.join(__dirname, "..", "..", "environments")), { mode: "aws" });
app.synth();
const stacks = stacksInOrder(outdir);

describe("terraform validate", () => {
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it("synthesizes at least the organization stack", () => {
    expect(stacks.map((s) => s.name)).toContain("organization");
  });

  it.each(stacks.map((s) => [s.name, s.dir] as const))(
    "%s is valid",
    async (_name, dir) => {
      const init = await terraform(dir, ["init", "-backend=false", "-input=false", "-no-color"]);
      expect(init.stderr).toBe("");
      expect(init.code).toBe(0);
      const validate = await terraform(dir, ["validate", "-json"]);
      expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, error_count: 0 });
    },
    60_000,
  );
});
