// Where a synth is headed: real AWS (S3 state, the caller's credentials) or the local emulator (local state,
// emulator endpoints). The real path never carries emulator settings, and local mode never reaches AWS.
import * as path from "path";
import { LandingZoneError } from "./errors";

/** Synthesize for real AWS: S3 backend, credentials from the environment (OIDC in CI). */
export interface AwsTarget {
  readonly mode: "aws";
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

/** Reads the target from the environment: LZ_LOCAL_ENDPOINT set means local mode. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DeploymentTarget {
  const endpoint = env.LZ_LOCAL_ENDPOINT;
  if (!endpoint) return { mode: "aws" };
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
