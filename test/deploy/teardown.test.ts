// make teardown's decisions: it refuses the HIPAA profile in one line, destroys stacks in reverse dependency
// order, leaves only the organization and its OUs in AWS, and says what remains.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import {
  keptResources,
  requireEvaluationProfile,
  teardownConfirmation,
  teardownOrder,
  teardownRefusal,
  whatRemains,
} from "../../src/deploy/teardown";
import { SynthesizedStack } from "../../src/deploy/terraform";

const ROOT = path.join(__dirname, "..", "..");

const stack = (name: string, dependencies: string[] = []): SynthesizedStack => ({
  name,
  dir: `/tmp/${name}`,
  dependencies,
});

it("refuses the hipaa profile with one line, and accepts the evaluation example", () => {
  const hipaa = loadConfig(path.join(ROOT, "environments"));
  expect(() => requireEvaluationProfile(hipaa)).toThrow(teardownRefusal("hipaa"));
  expect(teardownRefusal("hipaa")).toBe(
    "make teardown: organization.yaml profile: received hipaa; expected evaluation. Only a trial organization (profile: evaluation, docs/trial.md) can be torn down; a HIPAA landing zone keeps its logs and backups six years.",
  );
  expect(teardownRefusal("hipaa")).not.toContain("\n");
  expect(() => requireEvaluationProfile(loadConfig(path.join(ROOT, "examples", "evaluation")))).not.toThrow();
});

it("destroys every stack before the stacks it depends on, the organization last", () => {
  const applied = [
    stack("organization"),
    stack("security", ["organization"]),
    stack("log-archive", ["organization", "security"]),
    stack("organization-trail", ["log-archive"]),
    stack("baseline-sandbox", ["organization", "log-archive"]),
    stack("detective-controls", ["baseline-sandbox", "security"]),
  ];
  const order = teardownOrder(applied).map((s) => s.name);
  expect(order).toEqual([
    "detective-controls",
    "baseline-sandbox",
    "organization-trail",
    "log-archive",
    "security",
    "organization",
  ]);
  for (const s of applied) {
    for (const dependency of s.dependencies) {
      expect(order.indexOf(s.name)).toBeLessThan(order.indexOf(dependency));
    }
  }
});

it("is the exact reverse of the apply order for a chain, and refuses a cycle", () => {
  const chain = [stack("a"), stack("b", ["a"]), stack("c", ["b"])];
  expect(teardownOrder(chain).map((s) => s.name)).toEqual(["c", "b", "a"]);
  expect(() => teardownOrder([stack("a", ["b"]), stack("b", ["a"])])).toThrow("stack dependency cycle");
});

it("keeps only the organization and its OUs out of the destroy on AWS, and the emulator's gaps locally", () => {
  const listed = [
    "aws_organizations_organization.organization_ABC",
    "aws_organizations_organizational_unit.organization_ou-Security_123",
    "aws_organizations_account.account-sandbox_account_456",
    "aws_organizations_policy.scp_789",
    "aws_route53_resolver_query_log_config_association.vpc_dns-logs_association_1",
    "",
  ].join("\n");
  expect(keptResources(listed, "aws")).toEqual([
    {
      address: "aws_organizations_organization.organization_ABC",
      reason: "AWS refuses to delete an organization that still holds (closed) accounts",
    },
    {
      address: "aws_organizations_organizational_unit.organization_ou-Security_123",
      reason: "AWS refuses to delete an OU that still holds (closed) accounts",
    },
  ]);
  expect(keptResources(listed, "local").map((k) => k.address)).toEqual([
    "aws_organizations_organization.organization_ABC",
    "aws_organizations_organizational_unit.organization_ou-Security_123",
    "aws_route53_resolver_query_log_config_association.vpc_dns-logs_association_1",
  ]);
  expect(keptResources(listed, "local")[2].reason).toBe(
    "the emulator lacks Route 53 Resolver DisassociateResolverQueryLogConfig (moto 5.2.1 answers 500)",
  );
});

it("says what it cannot remove: suspended accounts for 90 days, the organization, the management account, the state", () => {
  const config = loadConfig(path.join(ROOT, "examples", "evaluation"));
  const aws = whatRemains(config, "aws");
  expect(aws[0]).toMatch(
    /^the member accounts log-archive, security-tooling, backup, shared-services, sandbox: closed, they stay in the organization as SUSPENDED for 90 days/,
  );
  expect(aws.some((line) => line.startsWith("the management account:"))).toBe(true);
  expect(
    aws.some((line) =>
      line.startsWith("the organization and its OUs (Security, Infrastructure, Sandbox, Suspended)"),
    ),
  ).toBe(true);
  expect(aws.at(-1)).toMatch(
    /^the state bucket lz-trial-tfstate and key alias\/lz-trial-tfstate, if make bootstrap created them/,
  );
  expect(whatRemains(config, "local").at(-1)).toBe(
    "the local state files, the emulator, and the resources it cannot delete (listed above): make local-down removes them all",
  );
});

it("destroys on AWS only after the organization's name is typed or AUTO_APPROVE=1, and on the emulator at once", () => {
  expect(teardownConfirmation("lz-trial", "aws", false, undefined)).toBe(
    'make teardown: destroying "lz-trial" on AWS needs a confirmation: run it in a terminal and type the organization\'s name, or set AUTO_APPROVE=1. Nothing was destroyed.',
  );
  expect(teardownConfirmation("lz-trial", "aws", false, "lz-prod")).toBe(
    'make teardown: received "lz-prod"; expected the organization\'s name "lz-trial". Nothing was destroyed.',
  );
  expect(teardownConfirmation("lz-trial", "aws", false, "lz-trial\n")).toBeUndefined();
  expect(teardownConfirmation("lz-trial", "aws", true, undefined)).toBeUndefined();
  expect(teardownConfirmation("lz-trial", "local", false, undefined)).toBeUndefined();
});
