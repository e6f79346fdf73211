// The lint rules: importing the @cdktf/provider-aws package root is an error (it keeps synth fast), and so is
// importing the AGPL policy simulator outside src/verify/simulator.ts, and importing up the layers
// (policies, config, modules, deploy, stacks: eslint.config.mjs LAYERS). ESLint runs
// as a subprocess because its ESM config cannot load inside jest's module sandbox: one process lints every
// snippet below (starting ESLint and its TypeScript parser is nearly all of the cost of linting one).
import { spawnSync } from "child_process";
import { REPO_ROOT } from "../../src/deploy/terraform-env";

type Messages = Array<[string, string]>;
const snippets: Array<{ code: string; filename: string }> = [];
const results: Messages[] = [];

/** Queues `code`, linted as if it were `filename`; the returned function gives its [rule, message] pairs. */
function messages(code: string, filename = "modules/example.ts"): () => Messages {
  const index = snippets.push({ code, filename }) - 1;
  return () => results[index];
}

/** Lints every queued snippet with the repo's ESLint configuration, in one Node process. */
beforeAll(() => {
  const script = `
    import { ESLint } from "eslint";
    const snippets = JSON.parse(await new Response(process.stdin).text());
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const { code, filename } of snippets) {
      const [file] = await eslint.lintText(code, { filePath: filename });
      out.push(file.messages.map((m) => [m.ruleId, m.message]));
    }
    process.stdout.write(JSON.stringify(out));`;
  const result = spawnSync("node", ["--input-type=module", "-e", script], {
    cwd: REPO_ROOT,
    input: JSON.stringify(snippets),
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`ESLint failed (exit ${result.status}):\n${result.stderr}`);
  results.push(...(JSON.parse(result.stdout) as Messages[]));
});

// Built from parts so that this file itself never contains the forbidden import.
const packageRoot = ["@cdktf", "provider-aws"].join("/");
const packageRootImport = messages(`import { kmsKey } from "${packageRoot}";\nexport const k = kmsKey;\n`);
it("rejects a package-root import of @cdktf/provider-aws", () => {
  expect(packageRootImport()).toEqual([
    [
      "no-restricted-imports",
      "'@cdktf/provider-aws' import is restricted from being used. Import from the deep path, e.g. @cdktf/provider-aws/lib/kms-key: the package root is 4-7x slower.",
    ],
  ]);
});

const deepImport = messages(
  'import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";\nexport const k = KmsKey;\n',
);
it("accepts a deep import", () => {
  expect(deepImport()).toEqual([]);
});

const simulator = ["@cloud-copilot", "iam-simulate"].join("/");
const simulatorImport = `import { runSimulation } from "${simulator}";\nexport const r = runSimulation;\n`;
const simulatorOutside = messages(simulatorImport, "src/verify/verify.ts");
const simulatorInside = messages(simulatorImport, "src/verify/simulator.ts");
it("keeps the AGPL policy simulator behind src/verify/simulator.ts", () => {
  expect(simulatorOutside()).toEqual([
    [
      "no-restricted-imports",
      "'@cloud-copilot/iam-simulate' import is restricted from being used. Use decide() from src/verify/simulator.ts: the AGPL simulator stays behind that one module.",
    ],
  ]);
  expect(simulatorInside()).toEqual([]);
});

describe("layer boundaries", () => {
  const importing = (from: string) => `import { x } from "${from}";\nexport const y = x;\n`;

  it.each(
    [
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
    ].map(([file, from, why]) => [file, from, why, messages(importing(from), file)] as const),
  )("%s may not import %s", (_file, from, why, linted) => {
    expect(linted()).toEqual([
      ["no-restricted-imports", `'${from}' import is restricted from being used by a pattern. ${why}`],
    ]);
  });

  it.each(
    [
      ["src/config/example.ts", "../policies/hipaa-sections"],
      ["modules/example.ts", "../src/config/model"],
      ["stacks/example.ts", "../modules/log-archive"],
      ["src/deploy/example.ts", "../config/errors"],
      ["src/tools/example.ts", "../app"],
    ].map(([file, from]) => [file, from, messages(importing(from), file)] as const),
  )("%s may import %s", (_file, _from, linted) => {
    expect(linted()).toEqual([]);
  });
});
