// make bootstrap's stack as synthesized: the state bucket and key with their mandatory settings, the pipeline
// roles trusted by the configured repository only, and import blocks for what already exists.
import * as path from "path";
import { App, Testing } from "cdktf";
import { loadConfig } from "../../src/config/load";
import { LandingZoneConfig } from "../../src/config/schema";
import { githubSubjects } from "../../src/policies/pipeline-policies";
import { BOOTSTRAP_STACK_ID, BootstrapStack, ExistingBootstrapResources } from "../../stacks/bootstrap-stack";

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const subjects = githubSubjects("example-health/landing-zone", "main", ["organization", "controls"]);

interface Json {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  import?: Array<{ to: string; id: string }>;
  terraform: { backend: Record<string, unknown> };
}

function synth(
  existing?: ExistingBootstrapResources,
  withSubjects = true,
  config: LandingZoneConfig = example,
): Json {
  const app: App = Testing.app();
  const stack = new BootstrapStack(app, BOOTSTRAP_STACK_ID, {
    config,
    target: { mode: "aws" },
    accountId: "111122223333",
    stateFile: "/tmp/scratch/bootstrap.tfstate",
    subjects: withSubjects ? subjects : undefined,
    existing,
  });
  return JSON.parse(Testing.synth(stack, true)) as Json;
}

const json = synth();
const one = (type: string) => Object.values(json.resource[type] ?? {})[0];

it("keeps its throw-away state in the scratch directory, never in the bucket it creates", () => {
  expect(json.terraform.backend).toEqual({ local: { path: "/tmp/scratch/bootstrap.tfstate" } });
});

it("creates the state key with rotation, a 30-day deletion window, the configured alias, protected", () => {
  expect(one("aws_kms_key")).toMatchObject({
    enable_key_rotation: true,
    deletion_window_in_days: 30,
    lifecycle: { prevent_destroy: true },
  });
  const policy = JSON.parse(one("aws_kms_key").policy as string);
  expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
    "KeyAdministrationByAccountAdministrators",
    "StateEncryptionByPipelineDeployAndBreakGlass",
    "StateDecryptionByPlanRole",
  ]);
  expect(one("aws_kms_alias")).toMatchObject({ name: "alias/example-health-lz-tfstate" });
});

it("creates the state bucket versioned, blocked from the public, SSE-KMS with a bucket key, protected", () => {
  expect(one("aws_s3_bucket")).toMatchObject({
    bucket: "example-health-lz-tfstate",
    lifecycle: { prevent_destroy: true },
  });
  expect(one("aws_s3_bucket_versioning")).toMatchObject({ versioning_configuration: { status: "Enabled" } });
  expect(one("aws_s3_bucket_public_access_block")).toMatchObject({
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  });
  expect(one("aws_s3_bucket_server_side_encryption_configuration")).toMatchObject({
    rule: [
      { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" }, bucket_key_enabled: true },
    ],
  });
  const policy = JSON.parse(one("aws_s3_bucket_policy").policy as string);
  expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
    "DenyInsecureTransport",
    "DenyTlsBelow12",
    "StateObjectsOnlyForPipelineRoles",
    "PlanRoleReadsStateOnly",
  ]);
});

it("creates the GitHub OIDC provider and two roles, the plan role read-only", () => {
  expect(one("aws_iam_openid_connect_provider")).toMatchObject({
    url: "https://token.actions.githubusercontent.com",
    client_id_list: ["sts.amazonaws.com"],
  });
  const roles = json.resource.aws_iam_role;
  expect(roles["deploy-role"].name).toBe("lz-deploy");
  expect(roles["plan-role"].name).toBe("lz-plan");
  const planTrust = JSON.parse(roles["plan-role"].assume_role_policy as string);
  expect(planTrust.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toEqual(
    subjects.plan,
  );
  const attachments = Object.values(json.resource.aws_iam_role_policy_attachment).map((a) => a.policy_arn);
  expect(attachments).toEqual([
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    expect.stringMatching(/^\$\{aws_iam_policy\.plan-role-state_policy_[0-9A-F]{8}\.arn\}$/),
  ]);
  // The plan role's own grants are a customer managed policy (IAM_NO_INLINE_POLICY_CHECK), attached to it.
  expect(json.resource.aws_iam_role_policy).toBeUndefined();
  expect(one("aws_iam_policy")).toMatchObject({ name: "lz-plan-state-and-members", path: "/landing-zone/" });
  const state = JSON.parse(one("aws_iam_policy").policy as string);
  expect(state.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat())).toEqual([
    "s3:GetObject",
    "s3:ListBucket",
    "kms:Decrypt",
    "sts:AssumeRole",
  ]);
  // Pull requests run with this role: the only member role it may assume is the read-only plan role.
  expect(state.Statement[2]).toEqual({
    Sid: "AssumeMemberPlanReaders",
    Effect: "Allow",
    Action: "sts:AssumeRole",
    Resource: "arn:aws:iam::*:role/lz-plan-reader",
  });
});

it("creates no OIDC provider or roles without pipeline.github", () => {
  const bare = synth(undefined, false);
  expect(bare.resource.aws_iam_role).toBeUndefined();
  expect(bare.resource.aws_iam_openid_connect_provider).toBeUndefined();
});

it("imports what exists instead of creating it, and nothing when nothing exists", () => {
  expect(json.import).toBeUndefined();
  const imported = synth({
    bucket: true,
    bucketOwnership: false,
    bucketLifecycle: true,
    keyId: "1234abcd-0000-4000-8000-000000000000",
    oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
    deployRole: true,
    deployRolePolicy: false,
    planRole: true,
    planRoleManagedPolicy: true,
    planRoleStatePolicy: true,
    planRoleStateAttachment: false,
  });
  // Ownership controls, the deploy role's attachment and the state policy's attachment were reported absent:
  // created, not imported.
  expect(imported.import!.map((i) => `${i.to.split(".")[0]} ${i.id}`).sort()).toEqual([
    "aws_iam_openid_connect_provider arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
    "aws_iam_policy arn:aws:iam::111122223333:policy/landing-zone/lz-plan-state-and-members",
    "aws_iam_role lz-deploy",
    "aws_iam_role lz-plan",
    "aws_iam_role_policy_attachment lz-plan/arn:aws:iam::aws:policy/ReadOnlyAccess",
    "aws_kms_alias alias/example-health-lz-tfstate",
    "aws_kms_key 1234abcd-0000-4000-8000-000000000000",
    "aws_s3_bucket example-health-lz-tfstate",
    "aws_s3_bucket_lifecycle_configuration example-health-lz-tfstate",
    "aws_s3_bucket_policy example-health-lz-tfstate",
    "aws_s3_bucket_public_access_block example-health-lz-tfstate",
    "aws_s3_bucket_server_side_encryption_configuration example-health-lz-tfstate",
    "aws_s3_bucket_versioning example-health-lz-tfstate",
  ]);
});
