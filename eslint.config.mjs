// Lint rules for the landing zone. The deep-import rule is a performance guard: importing the
// @cdktf/provider-aws package root loads every resource class and makes synth and each test file 4-7x slower.
// The simulator rule keeps the AGPL-licensed policy simulator behind one module, so it can be replaced there.
// The layer rules keep imports pointing down: stacks wire modules; modules build on policies and config; config
// builds on policies; policies stand alone; deploy plumbing never reaches back into the app or its stacks.
import tseslint from "typescript-eslint";

const PROVIDER_ROOT_RESTRICTION = {
  name: "@cdktf/provider-aws",
  message:
    "Import from the deep path, e.g. @cdktf/provider-aws/lib/kms-key: the package root is 4-7x slower.",
};

const SIMULATOR_RESTRICTION = {
  name: "@cloud-copilot/iam-simulate",
  message: "Use decide() from src/verify/simulator.ts: the AGPL simulator stays behind that one module.",
};

/**
 * A relative import whose path names one of `folders` as a segment (`../../stacks/x`, `../app`): the folders of
 * this repo are named uniquely, so the segment says which layer the import reaches.
 */
function layerPattern(folders, message) {
  return { regex: `^\\.{1,2}/(.*/)?(${folders.join("|")})(/|$)`, message };
}

/** Who may not import whom: the files, the layers they must not reach, and why (one rule per folder). */
const LAYERS = [
  {
    files: ["src/policies/**/*.ts"],
    forbidden: ["config", "stacks", "modules", "deploy", "tools", "verify", "app", "cli"],
    message: "src/policies holds pure policy functions: it imports nothing outside src/policies.",
  },
  {
    files: ["src/config/**/*.ts"],
    forbidden: ["stacks", "modules", "deploy", "tools", "verify", "app", "cli"],
    message: "src/config (schema, loading, validation) imports only src/config and src/policies.",
  },
  {
    files: ["modules/**/*.ts"],
    forbidden: ["stacks", "deploy", "tools", "verify", "app", "cli"],
    message:
      "A module is one construct: it imports src/policies and src/config, never a stack, tool or deploy code.",
  },
  {
    files: ["src/deploy/**/*.ts"],
    forbidden: ["stacks", "modules", "tools", "verify", "app", "cli"],
    message: "src/deploy is Terraform and emulator plumbing: it never imports src/app, a stack or a tool.",
  },
  {
    files: ["workloads/**/*.ts"],
    forbidden: ["src", "config", "policies", "stacks", "modules", "deploy", "tools", "verify", "app", "cli"],
    message:
      "A workload handler is bundled alone (modules/workload/function-code.ts): it imports only Node's built-ins and @aws-sdk/*.",
  },
  {
    files: ["stacks/**/*.ts"],
    forbidden: ["deploy", "tools", "verify", "app", "cli"],
    message:
      "A stack wires modules from its configuration: it never imports deploy plumbing, tools or src/app.",
  },
];

export default tseslint.config(
  { ignores: ["node_modules/**", "cdktf.out/**", ".lz/**", "coverage/**", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [PROVIDER_ROOT_RESTRICTION, SIMULATOR_RESTRICTION],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/explicit-module-boundary-types": "off",
      eqeqeq: ["error", "always"],
    },
  },
  ...LAYERS.map(({ files, forbidden, message }) => ({
    files,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [PROVIDER_ROOT_RESTRICTION, SIMULATOR_RESTRICTION],
          patterns: [layerPattern(forbidden, message)],
        },
      ],
    },
  })),
  {
    files: ["src/verify/simulator.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [PROVIDER_ROOT_RESTRICTION] }],
    },
  },
);
