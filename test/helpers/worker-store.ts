// The store the test files of one jest worker share (test/helpers/worker-environment.ts sets it up): what a test
// file sees of it. Values are strings, so a file parses its own copy and cannot change what another file reads.

/** The global a test file finds the store under. */
export const WORKER_STORE_GLOBAL = "__lzWorkerStore";

/** Strings by key; a key must name everything its value was computed from but the sources. */
export interface WorkerStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

let own: WorkerStore | undefined;

/** The worker's store, or, under an environment that provides none (the end-to-end tier), this file's own. */
export function workerStore(): WorkerStore {
  const shared = (globalThis as Record<string, unknown>)[WORKER_STORE_GLOBAL] as WorkerStore | undefined;
  if (shared) return shared;
  if (!own) {
    const entries = new Map<string, string>();
    own = { get: (key) => entries.get(key), set: (key, value) => void entries.set(key, value) };
  }
  return own;
}
