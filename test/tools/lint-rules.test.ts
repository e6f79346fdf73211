// The lint rules: importing the @cdktf/provider-aws package root is an error (it keeps synth fast), and so is
// importing the AGPL policy simulator outside src/verify/simulator.ts. ESLint runs
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
