// Lint rules for the landing zone. The deep-import rule is a performance guard: importing the
// @cdktf/provider-aws package root loads every resource class and makes synth and each test file 4-7x slower.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "cdktf.out/**", ".lz/**", "coverage/**", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@cdktf/provider-aws",
              message:
                "Import from the deep path, e.g. @cdktf/provider-aws/lib/kms-key: the package root is 4-7x slower.",
            },
          ],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/explicit-module-boundary-types": "off",
      eqeqeq: ["error", "always"],
    },
  },
);
