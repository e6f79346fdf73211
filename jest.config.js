// Two tiers: unit tests (synth and policy logic, no emulator) and end-to-end tests (apply to the local emulator
// and read back through the AWS API). `make test` runs both; `npm run test:unit` runs the fast tier alone.
const transform = {
  "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }],
};
const common = {
  transform,
  testEnvironment: "node",
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  moduleFileExtensions: ["ts", "js", "json"],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "\\.e2e\\.test\\.ts$"],
      // Node's environment plus a store the files of one worker share: each configuration synthesized once.
      testEnvironment: "<rootDir>/test/helpers/worker-environment.ts",
    },
    { ...common, displayName: "e2e", testMatch: ["<rootDir>/test/**/*.e2e.test.ts"] },
  ],
};
