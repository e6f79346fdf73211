// Lint rules for the landing zone. The deep-import rule is a performance guard: importing the
// @cdktf/provider-aws package root loads every resource class and makes synth and each test file 4-7x slower.
// The simulator rule keeps the AGPL-licensed policy simulator behind one module, so it can be replaced there.
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
  {
    files: ["src/verify/simulator.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [PROVIDER_ROOT_RESTRICTION] }],
    },
  },
);
