// The base stack: a member-account stack's providers assume the configured deploy role in that account, carry
// the environment's tags, and a new region gets an aliased provider of its own.
import * as path from "path";
import { Testing } from "cdktf";
import { loadConfig } from "../../src/config/load";
import { LandingZoneStack, LOCAL_ENDPOINT_SERVICES } from "../../stacks/landing-zone-stack";

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));

it("assumes the deploy role in the target account, in every region, with PHI tags", () => {
  const config = {
    ...example,
    organization: {
      ...example.organization,
      roles: { ...example.organization.roles, deploy: "lz-pipeline" },
    },
  };
  const stack = new LandingZoneStack(Testing.app(), "phi-prod-network", {
    config,
    target: { mode: "aws" },
    accountId: "111122223333",
    environment: "prod",
    holdsPhi: true,
  });
  stack.providerFor("us-west-2");
  const json = JSON.parse(Testing.synth(stack));
  expect(json.provider.aws).toHaveLength(2);
  for (const provider of json.provider.aws) {
    expect(provider.assume_role).toEqual([
      { role_arn: "arn:aws:iam::111122223333:role/lz-pipeline", session_name: "lz-phi-prod-network" },
    ]);
    expect(provider.default_tags[0].tags).toMatchObject({
      Environment: "prod",
      DataClassification: "phi",
      LandingZone: "example-health",
    });
  }
  expect(json.provider.aws.map((p: { region: string; alias?: string }) => [p.region, p.alias])).toEqual([
    ["us-east-1", undefined],
    ["us-west-2", "us-west-2"],
  ]);
  expect(json.terraform.backend.s3.key).toBe("landing-zone/phi-prod-network.tfstate");
});

it("assumes the read-only plan role instead for plans, and nothing differs but the role", () => {
  const synth = (access: "plan" | "deploy") =>
    JSON.parse(
      Testing.synth(
        new LandingZoneStack(Testing.app(), "baseline-phi-prod", {
          config: example,
          target: { mode: "aws", access },
          accountId: "111122223333",
        }),
      ),
    );
  const plan = synth("plan");
  expect(plan.provider.aws[0].assume_role).toEqual([
    { role_arn: "arn:aws:iam::111122223333:role/lz-plan-reader", session_name: "lz-baseline-phi-prod" },
  ]);
  const deploy = synth("deploy");
  expect(deploy.provider.aws[0].assume_role[0].role_arn).toBe(
    "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole",
  );
  delete plan.provider;
  delete deploy.provider;
  expect(plan).toEqual(deploy);
});

it("returns the same provider for a region asked for twice", () => {
  const stack = new LandingZoneStack(Testing.app(), "s", { config: example, target: { mode: "aws" } });
  expect(stack.providerFor("us-west-2")).toBe(stack.providerFor("us-west-2"));
  expect(stack.providerFor("us-east-1")).toBe(stack.homeProvider);
});

it("points every service the landing zone uses at the emulator in local mode, with the emulator's credentials", () => {
  const stack = new LandingZoneStack(Testing.app(), "local-check", {
    config: example,
    target: { mode: "local", endpoint: "http://127.0.0.1:4566", stateDir: "/tmp/state" },
  });
  const [provider] = JSON.parse(Testing.synth(stack)).provider.aws;
  // cdktf drops endpoint keys it does not know, so every listed service must come through.
  expect(Object.keys(provider.endpoints[0])).toHaveLength(LOCAL_ENDPOINT_SERVICES.length);
  expect(provider.endpoints[0]).toMatchObject({
    route53resolver: "http://127.0.0.1:4566",
    s3control: "http://127.0.0.1:4566",
    sts: "http://127.0.0.1:4566",
  });
  expect(provider).toMatchObject({ access_key: "test", secret_key: "test", max_retries: 3 });
});
