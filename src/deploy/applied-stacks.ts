// What `make local` last applied, per stack, so that an unchanged stack is not planned again (as `cdk deploy` skips
// an unchanged stack). A stack is skipped only when everything a plan of it could depend on is as it was after its
// last successful apply against this emulator: its synthesized configuration (without cdktf's construct-path
// metadata, which never reaches Terraform), the resources applied and those left planned-only, the outputs of every
// stack it depends on (what its remote-state reads return), its provider lock file (provider versions and hashes),
// the Terraform version, the emulator's endpoint and process, and its own state file byte for byte (an import, a
// `state rm`, a `STACK=` apply or a broken file all change it). Out-of-band changes in the emulator are not seen
// here, by design: `make drift` plans every stack with a refresh and finds them, and `make local REFRESH=1` plans
// every stack again (164.312(b): idempotence and drift stay proven by a refreshing plan, never by this record).
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { withoutMetadata } from "./changed-stacks";
import { SynthesizedStack } from "./terraform";

/** The inputs of one stack's fingerprint that are not files in its directory or the state directory. */
export interface FingerprintContext {
  /** Where every stack's local state file (`<stack>.tfstate`) lives. */
  readonly stateDir: string;
  /** The resource addresses `make local` applies (`-target`s); the rest are planned only. */
  readonly targets: readonly string[];
  /** The emulator's endpoint and process id: a restarted emulator holds nothing an earlier apply made. */
  readonly emulator: string;
  /** The Terraform version that applies. */
  readonly terraformVersion: string;
}

/** What the record says about the last successful apply of one stack. */
export interface AppliedRecord {
  /** sha256 of every input but the state file, as {@link stackFingerprint} computes it. */
  readonly fingerprint: string;
  /** sha256 of the stack's state file right after that apply. */
  readonly stateSha256: string;
  /** When the apply finished (ISO 8601). */
  readonly appliedAt: string;
}

/** Why a stack is planned again, or that it is skipped. */
export type SkipDecision =
  { readonly skip: true; readonly appliedAt: string } | { readonly skip: false; readonly reason: string };

const sha256 = (text: string | Buffer): string => createHash("sha256").update(text).digest("hex");

const readOr = (file: string, fallback: string): string =>
  fs.existsSync(file) ? fs.readFileSync(file, "utf8") : fallback;

/** The record's file: beside the state files, so a new emulator's empty state directory holds no record either. */
export function recordFile(stateDir: string, stackName: string): string {
  return path.join(stateDir, `${stackName}.applied.json`);
}

function stateFile(stateDir: string, stackName: string): string {
  return path.join(stateDir, `${stackName}.tfstate`);
}

/** The outputs a stack's state holds (name and value only: what a remote-state read of it returns). */
function stateOutputs(stateDir: string, stackName: string): unknown {
  const file = stateFile(stateDir, stackName);
  if (!fs.existsSync(file)) return "no state";
  const text = fs.readFileSync(file, "utf8");
  let state: { outputs?: Record<string, { value?: unknown }> };
  try {
    state = JSON.parse(text) as typeof state;
  } catch {
    // An upstream state Terraform cannot read either: never what a recorded apply saw, so this stack is planned
    // (and the upstream stack's own plan reports the damage), rather than a stack trace here.
    return `unreadable state ${sha256(text)}`;
  }
  return Object.entries(state.outputs ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, output]) => [name, output.value ?? null]);
}

/** sha256 over every input of a plan of `stack` except its own state file (see the file's opening comment). */
export function stackFingerprint(stack: SynthesizedStack, context: FingerprintContext): string {
  const synthesized = withoutMetadata(
    JSON.parse(fs.readFileSync(path.join(stack.dir, "cdk.tf.json"), "utf8")),
  );
  return sha256(
    JSON.stringify({
      synthesized,
      targets: [...context.targets].sort(),
      upstream: [...stack.dependencies].sort().map((dep) => [dep, stateOutputs(context.stateDir, dep)]),
      lockFile: readOr(path.join(stack.dir, ".terraform.lock.hcl"), "no lock file"),
      terraform: context.terraformVersion,
      emulator: context.emulator,
    }),
  );
}

/** Whether `stack` can be skipped: a record exists, and neither its fingerprint nor its state file has changed. */
export function skipDecision(stack: SynthesizedStack, context: FingerprintContext): SkipDecision {
  const file = recordFile(context.stateDir, stack.name);
  if (!fs.existsSync(file))
    return { skip: false, reason: "no successful apply recorded against this emulator" };
  const record = JSON.parse(fs.readFileSync(file, "utf8")) as AppliedRecord;
  const state = stateFile(context.stateDir, stack.name);
  if (!fs.existsSync(state) || sha256(fs.readFileSync(state)) !== record.stateSha256) {
    return { skip: false, reason: "its state changed since its last apply" };
  }
  if (stackFingerprint(stack, context) !== record.fingerprint) {
    return {
      skip: false,
      reason:
        "its configuration, an upstream output, its providers or the emulator changed since its last apply",
    };
  }
  return { skip: true, appliedAt: record.appliedAt };
}

/** Forgets a stack's last apply: called before an apply starts, so a failed or interrupted one leaves no record. */
export function forgetApplied(stateDir: string, stackName: string): void {
  fs.rmSync(recordFile(stateDir, stackName), { force: true });
}

/** Records a successful apply of `stack`: its fingerprint and its state file as they are now. */
export function recordApplied(
  stack: SynthesizedStack,
  context: FingerprintContext,
  at: Date = new Date(),
): void {
  const state = stateFile(context.stateDir, stack.name);
  const record: AppliedRecord = {
    fingerprint: stackFingerprint(stack, context),
    stateSha256: sha256(fs.existsSync(state) ? fs.readFileSync(state) : ""),
    appliedAt: at.toISOString(),
  };
  fs.writeFileSync(recordFile(context.stateDir, stack.name), `${JSON.stringify(record, null, 2)}\n`);
}
