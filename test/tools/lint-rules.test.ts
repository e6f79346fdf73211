// The lint rules: importing the @cdktf/provider-aws package root is an error (it keeps synth fast), and so is
// importing the AGPL policy simulator outside src/verify/simulator.ts, and importing up the layers
// (policies, config, modules, deploy, stacks: eslint.config.mjs LAYERS). ESLint runs
// as a subprocess because its ESM config cannot load inside jest's module sandbox.
import { spawnSync } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../../src/deploy/terraform-env";

function messages(code: string, filename = "modules/example.ts"): Array<[string, string]> {
  const result = spawnSync(
    path.join(REPO_ROOT, "node_modules", ".bin", "eslint"),
    ["--stdin", "--stdin-filename", filename, "--format", "json"],
    { cwd: REPO_ROOT, input: code, encoding: "utf8" },
  );
  const [file] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
  return file.messages.map((m) => [m.ruleId, m.message]);
}

it("rejects a package-root import of @cdktf/provider-aws", () => {
  // Built from parts so that this file itself never contains the forbidden import.
  const packageRoot = ["@cdktf", "provider-aws"].join("/");
  expect(messages(`import { kmsKey } from "${packageRoot}";\nexport const k = kmsKey;\n`)).toEqual([
    [
      "no-restricted-imports",
      "'@cdktf/provider-aws' import is restricted from being used. Import from the deep path, e.g. @cdktf/provider-aws/lib/kms-key: the package root is 4-7x slower.",
    ],
  ]);
});

it("accepts a deep import", () => {
  expect(
    messages('import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";\nexport const k = KmsKey;\n'),
  ).toEqual([]);
});

it("keeps the AGPL policy simulator behind src/verify/simulator.ts", () => {
  const simulator = ["@cloud-copilot", "iam-simulate"].join("/");
  const code = `import { runSimulation } from "${simulator}";\nexport const r = runSimulation;\n`;
  expect(messages(code, "src/verify/verify.ts")).toEqual([
    [
      "no-restricted-imports",
      "'@cloud-copilot/iam-simulate' import is restricted from being used. Use decide() from src/verify/simulator.ts: the AGPL simulator stays behind that one module.",
    ],
  ]);
  expect(messages(code, "src/verify/simulator.ts")).toEqual([]);
});

describe("layer boundaries", () => {
  const importing = (from: string) => `import { x } from "${from}";\nexport const y = x;\n`;

  it.each([
    [
      "src/policies/example.ts",
      "../config/errors",
      "src/policies holds pure policy functions: it imports nothing outside src/policies.",
    ],
    [
      "src/config/checks/example.ts",
      "../../deploy/terraform",
      "src/config (schema, loading, validation) imports only src/config and src/policies.",
    ],
    [
      "modules/example.ts",
      "../stacks/organization-stack",
      "A module is one construct: it imports src/policies and src/config, never a stack, tool or deploy code.",
    ],
    [
      "src/deploy/example.ts",
      "../app",
      "src/deploy is Terraform and emulator plumbing: it never imports src/app, a stack or a tool.",
    ],
    [
      "stacks/example.ts",
      "../src/deploy/terraform-env",
      "A stack wires modules from its configuration: it never imports deploy plumbing, tools or src/app.",
    ],
  ])("%s may not import %s", (file, from, why) => {
    expect(messages(importing(from), file)).toEqual([
      ["no-restricted-imports", `'${from}' import is restricted from being used by a pattern. ${why}`],
    ]);
  });

  it.each([
    ["src/config/example.ts", "../policies/hipaa-sections"],
    ["modules/example.ts", "../src/config/model"],
    ["stacks/example.ts", "../modules/log-archive"],
    ["src/deploy/example.ts", "../config/errors"],
    ["src/tools/example.ts", "../app"],
  ])("%s may import %s", (file, from) => {
    expect(messages(importing(from), file)).toEqual([]);
  });
});
