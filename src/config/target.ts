// Where a synth is headed: real AWS (S3 state, the caller's credentials) or the local emulator (local state,
// emulator endpoints). The real path never carries emulator settings, and local mode never reaches AWS.
import * as path from "path";
import { LandingZoneError } from "./errors";

/**
 * Which role the member accounts' providers assume: `deploy` (roles.deploy, AdministratorAccess) to apply, `plan`
 * (roles.plan, read-only without PHI data, trusted only by roles.managementPlan) for plans in the pipeline, so a
 * pull request's code never holds more than read access in any member account (164.312(a)(1)).
 */
export type AwsAccess = "deploy" | "plan";

/** Synthesize for real AWS: S3 backend, credentials from the environment (OIDC in CI). */
export interface AwsTarget {
  readonly mode: "aws";
  /**
   * The member role the providers assume. Only the providers differ: every resource is the same in both, so a plan
   * shows exactly what a deploy would do.
   * @default "deploy"
   */
  readonly access?: AwsAccess;
}

/** Synthesize for the local emulator: local state files, every AWS endpoint pointed at the emulator. */
export interface LocalTarget {
  readonly mode: "local";
  /** The emulator's base URL, e.g. http://127.0.0.1:4566. */
  readonly endpoint: string;
  /** Absolute directory for local state files, one per stack. */
  readonly stateDir: string;
}

export type DeploymentTarget = AwsTarget | LocalTarget;

/** The default emulator port; LZ_LOCAL_PORT overrides it. */
export const DEFAULT_LOCAL_PORT = 4566;

/** The local state directory, kept outside cdktf.out so a synth never wipes it. */
export function localStateDir(root: string = process.cwd()): string {
  return path.resolve(root, ".lz", "local", "state");
}

/** The environment variable that chooses the member role for real AWS. */
export const ACCESS_ENV = "LZ_ACCESS";

/** LZ_ACCESS, validated: `fallback` when it is unset or empty. */
export function awsAccessFromEnv(env: NodeJS.ProcessEnv, fallback: AwsAccess): AwsAccess {
  const raw = env[ACCESS_ENV];
  if (raw === undefined || raw === "") return fallback;
  if (raw !== "deploy" && raw !== "plan") {
    throw new LandingZoneError(`${ACCESS_ENV}: received "${raw}"; expected deploy or plan`);
  }
  return raw;
}

/**
 * Reads the target from the environment: LZ_LOCAL_ENDPOINT set means local mode; otherwise real AWS with the
 * member role LZ_ACCESS names (default deploy, as `cdktf deploy` needs).
 */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DeploymentTarget {
  const endpoint = env.LZ_LOCAL_ENDPOINT;
  if (!endpoint) return { mode: "aws", access: awsAccessFromEnv(env, "deploy") };
  return { mode: "local", endpoint, stateDir: env.LZ_LOCAL_STATE_DIR ?? localStateDir() };
}

/** LZ_LOCAL_PORT, validated. */
export function localPort(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFromEnv(env, "LZ_LOCAL_PORT", 1024, 65535, DEFAULT_LOCAL_PORT);
}

/** A whole number from the environment variable `name`, `fallback` when it is unset or empty. */
function wholeNumberFromEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LandingZoneError(`${name}: received "${raw}"; expected a whole number from ${min} to ${max}`);
  }
  return value;
}

/**
 * Stacks `make local` applies at once unless LZ_LOCAL_CONCURRENCY says otherwise. Most of a fresh apply is the AWS
 * provider waiting for what it created to read back stable (a KMS key: five equal reads each of its description,
 * policy, rotation and tags; a lifecycle configuration: ten, five seconds apart), which costs no CPU, so more
 * stacks than cores overlap well; each stack holds a Terraform process and one provider per region (about
 * 400 MB each), which is what bounds it.
 */
export const DEFAULT_LOCAL_CONCURRENCY = 8;

/** The number of stacks `make local` applies at once (LZ_LOCAL_CONCURRENCY, 1 to 32). */
export function localConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFromEnv(env, "LZ_LOCAL_CONCURRENCY", 1, 32, DEFAULT_LOCAL_CONCURRENCY);
}
