// The evaluation profile's configuration side: phi: true is refused with the exact message, the profile fills the
// retention defaults (and an explicit value still wins), and the HIPAA profile is untouched.
import * as fs from "fs";
import * as path from "path";
import { HIPAA_RETENTION_DAYS } from "../../src/config/schema";
import { loadConfig } from "../../src/config/load";
import { EVALUATION_RETENTION_DAYS, profileBanner, withProfileDefaults } from "../../src/config/profile";
import { configIssues, writeConfig } from "../helpers/config-fixture";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "evaluation");
const ORGANIZATION = fs.readFileSync(path.join(EXAMPLE, "organization.yaml"), "utf8");
const SANDBOX = fs.readFileSync(path.join(EXAMPLE, "sandbox.yaml"), "utf8");

it("loads the evaluation example with every retention at the profile's day", () => {
  const config = loadConfig(EXAMPLE);
  expect(config.organization.profile).toBe("evaluation");
  expect(config.organization.logArchive.retentionDays).toBe(EVALUATION_RETENTION_DAYS);
  expect(config.organization.backup.vaultLock.minRetentionDays).toBe(EVALUATION_RETENTION_DAYS);
  expect(
    config.organization.backup.plans.map((p) => p.rules.map((r) => [r.name, r.warmRetentionDays])),
  ).toEqual([[["daily", EVALUATION_RETENTION_DAYS]]]);
});

it("refuses an environment with phi: true under the evaluation profile, naming file, path, value and what is allowed", () => {
  const dir = writeConfig({
    "organization.yaml": ORGANIZATION,
    "sandbox.yaml": SANDBOX.replace("phi: false", "phi: true"),
  });
  expect(configIssues(dir).filter((line) => line.includes("profile: evaluation"))).toEqual([
    'cfg/sandbox.yaml:4 phi: received true; expected false: cfg/organization.yaml sets profile: evaluation, whose short GOVERNANCE-mode locks and closable accounts do not meet HIPAA\'s retention (45 CFR 164.316(b)(2)(i)); set profile: hipaa to deploy environment "sandbox"',
  ]);
});

it("accepts phi: true under the hipaa profile, and phi: false under evaluation", () => {
  const hipaa = writeConfig({
    "organization.yaml": ORGANIZATION.replace("profile: evaluation", "profile: hipaa"),
    "sandbox.yaml": SANDBOX.replace("phi: false", "phi: true"),
  });
  let issues: string[] = [];
  try {
    loadConfig(hipaa);
  } catch {
    issues = configIssues(hipaa);
  }
  expect(issues.filter((line) => line.includes("profile: evaluation"))).toEqual([]);
  expect(() => loadConfig(EXAMPLE)).not.toThrow();
});

it("lets an explicit retention win over the profile's default, and leaves a malformed key for the schema", () => {
  expect(withProfileDefaults({ profile: "evaluation", logArchive: { retentionDays: 7 } })).toMatchObject({
    logArchive: { retentionDays: 7 },
    backup: { vaultLock: { minRetentionDays: EVALUATION_RETENTION_DAYS } },
  });
  expect(withProfileDefaults({ profile: "evaluation", logArchive: "x" })).toMatchObject({ logArchive: "x" });
});

it("changes nothing under the hipaa profile, named or by default", () => {
  const raw = { name: "x", logArchive: { glacierInstantRetrievalAfterDays: 90 } };
  expect(withProfileDefaults(raw)).toBe(raw);
  expect(withProfileDefaults({ ...raw, profile: "hipaa" })).toEqual({ ...raw, profile: "hipaa" });
  const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
  expect(example.organization.profile).toBe("hipaa");
  expect(example.organization.logArchive.retentionDays).toBe(HIPAA_RETENTION_DAYS);
});

it("refuses an unknown profile with the allowed values", () => {
  const dir = writeConfig({
    "organization.yaml": ORGANIZATION.replace("profile: evaluation", "profile: trial"),
    "sandbox.yaml": SANDBOX,
  });
  expect(configIssues(dir)).toEqual([
    'cfg/organization.yaml:7 profile: received "trial"; expected one of hipaa, evaluation',
  ]);
});

it("names the evaluation profile on the first line of every command, and prints nothing for hipaa", () => {
  expect(profileBanner("evaluation")).toMatch(/^EVALUATION PROFILE — NOT A HIPAA DEPLOYMENT: /);
  expect(profileBanner("hipaa")).toBeUndefined();
});
