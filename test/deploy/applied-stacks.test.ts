// When `make local` may skip a stack: only when nothing a plan of it reads has changed since its last apply. These
// tests prove the decision from files alone (no Terraform); the end-to-end tier proves the skip in a real run.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  FingerprintContext,
  forgetApplied,
  recordApplied,
  recordFile,
  skipDecision,
} from "../../src/deploy/applied-stacks";
import { SynthesizedStack } from "../../src/deploy/terraform";

let root: string;
let stack: SynthesizedStack;
let context: FingerprintContext;

const write = (file: string, value: unknown) =>
  fs.writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));

const synthesized = (bucket: string, metadataPath = "security/archive") => ({
  "//": { metadata: { stackName: "security" } },
  resource: { aws_s3_bucket: { archive: { "//": { metadata: { path: metadataPath } }, bucket } } },
});

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "lz-applied-"));
  const stateDir = path.join(root, "state");
  const dir = path.join(root, "stacks", "security");
  fs.mkdirSync(stateDir);
  fs.mkdirSync(dir, { recursive: true });
  write(path.join(dir, "cdk.tf.json"), synthesized("archive-1"));
  write(
    path.join(dir, ".terraform.lock.hcl"),
    'provider "registry.terraform.io/hashicorp/aws" { version = "5.100.0" }',
  );
  write(path.join(stateDir, "security.tfstate"), { serial: 3, resources: [] });
  write(path.join(stateDir, "organization.tfstate"), {
    serial: 7,
    outputs: { root_id: { value: "r-abcd", type: "string" } },
    resources: [{ mode: "managed", type: "aws_organizations_organization" }],
  });
  stack = { name: "security", dir, dependencies: ["organization"] };
  context = {
    stateDir,
    targets: ["aws_s3_bucket.archive"],
    emulator: "http://127.0.0.1:4566 pid 100",
    terraformVersion: "1.11.4",
  };
  recordApplied(stack, context, new Date("2026-12-05T10:00:00Z"));
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const CHANGED =
  "its configuration, an upstream output, its providers or the emulator changed since its last apply";

it("skips a stack whose inputs and state are as they were after its last apply, naming when that was", () => {
  expect(skipDecision(stack, context)).toEqual({ skip: true, appliedAt: "2026-12-05T10:00:00.000Z" });
});

it("still skips when only cdktf's construct-path metadata differs (it never reaches Terraform)", () => {
  write(path.join(stack.dir, "cdk.tf.json"), synthesized("archive-1", "security/renamed-path"));
  expect(skipDecision(stack, context).skip).toBe(true);
});

it("plans a stack with no recorded apply, or whose record was forgotten when an apply started", () => {
  forgetApplied(context.stateDir, "security");
  expect(fs.existsSync(recordFile(context.stateDir, "security"))).toBe(false);
  expect(skipDecision(stack, context)).toEqual({
    skip: false,
    reason: "no successful apply recorded against this emulator",
  });
});

it("plans a stack whose synthesized configuration changed", () => {
  write(path.join(stack.dir, "cdk.tf.json"), synthesized("archive-2"));
  expect(skipDecision(stack, context)).toEqual({ skip: false, reason: CHANGED });
});

it("plans a stack when an output of a stack it depends on changed, not when only that stack's resources did", () => {
  const upstream = path.join(context.stateDir, "organization.tfstate");
  write(upstream, {
    serial: 8,
    outputs: { root_id: { value: "r-abcd", type: "string" } },
    resources: [
      { mode: "managed", type: "aws_organizations_organization" },
      { mode: "managed", type: "x" },
    ],
  });
  expect(skipDecision(stack, context).skip).toBe(true);
  write(upstream, { serial: 9, outputs: { root_id: { value: "r-efgh", type: "string" } }, resources: [] });
  expect(skipDecision(stack, context)).toEqual({ skip: false, reason: CHANGED });
});

it("plans a stack, without a stack trace, when the state of a stack it depends on is not JSON", () => {
  write(path.join(context.stateDir, "organization.tfstate"), '{"serial": 7, "outputs": {');
  expect(skipDecision(stack, context)).toEqual({ skip: false, reason: CHANGED });
});

it("plans a stack whose provider lock, Terraform version, applied targets or emulator changed", () => {
  write(
    path.join(stack.dir, ".terraform.lock.hcl"),
    'provider "registry.terraform.io/hashicorp/aws" { version = "5.101.0" }',
  );
  expect(skipDecision(stack, context)).toEqual({ skip: false, reason: CHANGED });
  recordApplied(stack, context);
  expect(skipDecision(stack, { ...context, terraformVersion: "1.11.5" }).skip).toBe(false);
  expect(skipDecision(stack, { ...context, targets: [] }).skip).toBe(false);
  expect(skipDecision(stack, { ...context, emulator: "http://127.0.0.1:4566 pid 101" }).skip).toBe(false);
  expect(skipDecision(stack, context).skip).toBe(true);
});

it("plans a stack whose state file changed or went missing since its apply (an import, a state rm, a broken file)", () => {
  const state = path.join(context.stateDir, "security.tfstate");
  write(state, { serial: 4, resources: [] });
  expect(skipDecision(stack, context)).toEqual({
    skip: false,
    reason: "its state changed since its last apply",
  });
  fs.rmSync(state);
  expect(skipDecision(stack, context)).toEqual({
    skip: false,
    reason: "its state changed since its last apply",
  });
});
