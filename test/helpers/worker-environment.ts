// The unit tier's jest environment: Node's, plus one store that the test files of a worker process share. Jest
// gives each test file fresh modules and globals, so without it every file that synthesizes the example or proves
// its access paths (24 files synthesize, a dozen prove about 900 requests) did that work again; with it a worker
// does each once (test/helpers/synth.ts keeps synthesized stacks here, src/verify/simulator.ts simulation
// outcomes). The store holds strings only (each file parses its own copy, so no file can change what another
// reads), is emptied whenever the sources change (jest's watch mode can run again in the same process), and drops
// its oldest entries beyond STORE_LIMIT characters. It serves no assertion itself: a miss only costs time.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { TestEnvironment } from "jest-environment-node";
import { WORKER_STORE_GLOBAL, WorkerStore } from "./worker-store";

// The example's synthesized stacks are about 1 MB of JSON, a simulation outcome a few hundred bytes.
const STORE_LIMIT = 256 * 1024 * 1024;

const ROOT = path.join(__dirname, "..", "..");
/** Everything a synthesis or a simulation is computed by, besides its own key: the code and the locked packages. */
const SOURCES = ["src", "stacks", "modules", "package-lock.json"];

/** The SHA-256 of every source file's path and content. */
function sourceFingerprint(): string {
  const hash = crypto.createHash("sha256");
  const walk = (relative: string): void => {
    const full = path.join(ROOT, relative);
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) walk(path.join(relative, name));
    } else {
      hash.update(`${relative}\0${fs.statSync(full).size}\0`).update(fs.readFileSync(full));
    }
  };
  for (const source of SOURCES) walk(source);
  return hash.digest("hex");
}

class BoundedStore implements WorkerStore {
  private readonly entries = new Map<string, string>();
  private size = 0;

  get(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: string): void {
    this.delete(key);
    this.entries.set(key, value);
    this.size += key.length + value.length;
    for (const oldest of this.entries.keys()) {
      if (this.size <= STORE_LIMIT) break;
      this.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }

  private delete(key: string): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    this.size -= key.length + value.length;
  }
}

const store = new BoundedStore();
let storedFor: string | undefined;

export default class WorkerEnvironment extends TestEnvironment {
  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    super(...args);
    const fingerprint = sourceFingerprint();
    if (fingerprint !== storedFor) {
      store.clear();
      storedFor = fingerprint;
    }
    const shared: WorkerStore = { get: (key) => store.get(key), set: (key, value) => store.set(key, value) };
    this.global[WORKER_STORE_GLOBAL] = shared;
  }
}
