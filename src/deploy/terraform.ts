// Runs Terraform over synthesized stacks, in dependency order, and reads back what state holds. Used by
// `make local` and the end-to-end tests.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LandingZoneError } from "../config/errors";
import { terraformEnv } from "./terraform-env";

/** The result of one Terraform command. */
export interface TerraformResult {
  /** The process's exit code. */
  readonly code: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

/** Runs `terraform <args>` in `cwd`, without colour or prompts. */
export function terraform(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", [...args], {
      cwd,
      env: terraformEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs a Terraform command and throws a LandingZoneError carrying its error output when it fails. */
export async function terraformOrThrow(
  cwd: string,
  args: readonly string[],
  what: string,
): Promise<TerraformResult> {
  const result = await terraform(cwd, args);
  if (result.code !== 0) throw terraformFailure(cwd, args, what, result);
  return result;
}

/** The error for a failed Terraform command: what was being done, where, and Terraform's own error output. */
export function terraformFailure(
  cwd: string,
  args: readonly string[],
  what: string,
  result: TerraformResult,
): LandingZoneError {
  const detail = (result.stderr || result.stdout).replace(/\x1b\[[0-9;]*m/g, "").trim();
  return new LandingZoneError(
    `${what} failed (terraform ${args[0]} in ${path.relative(process.cwd(), cwd)}):\n${detail}`,
  );
}

/** One planned change: address, action (create, update, delete, ..., "import" alone) and whether it imports. */
export interface PlannedChange {
  readonly address: string;
  readonly action: string;
  readonly importing: boolean;
}

/** Each change a streamed `terraform plan -json` plans. */
export function plannedChanges(planJsonLines: string): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const line of planJsonLines.split("\n")) {
    if (!line.startsWith("{")) continue;
    const message = JSON.parse(line) as {
      type?: string;
      change?: { action?: string; resource?: { addr?: string }; importing?: unknown };
    };
    if (message.type !== "planned_change") continue;
    const action = message.change?.action;
    const address = message.change?.resource?.addr;
    const importing = action === "import" || message.change?.importing !== undefined;
    if (address !== undefined && action !== undefined) changes.push({ address, action, importing });
  }
  return changes;
}

/** The changes a streamed `terraform plan -json` would make: reads and no-ops left out. */
export function pendingChanges(planJsonLines: string): PlannedChange[] {
  return plannedChanges(planJsonLines).filter((c) => c.action !== "read" && c.action !== "noop");
}

/** The addresses a streamed `terraform plan -json` would change (reads and no-ops left out). */
export function changingAddresses(planJsonLines: string): string[] {
  return pendingChanges(planJsonLines).map((c) => c.address);
}

/** A synthesized stack: its name, directory and the stacks it depends on. */
export interface SynthesizedStack {
  /** The stack's name. */
  readonly name: string;
  /** Its working directory (holding cdk.tf.json). */
  readonly dir: string;
  /** The stacks it depends on. */
  readonly dependencies: readonly string[];
}

/** Reads cdktf's manifest.json and returns the stacks in dependency order (dependencies first). */
export function stacksInOrder(outdir: string): SynthesizedStack[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { workingDirectory: string; dependencies?: string[] }>;
  };
  const stacks = new Map(
    Object.entries(manifest.stacks).map(([name, s]) => [
      name,
      { name, dir: path.join(outdir, s.workingDirectory), dependencies: s.dependencies ?? [] },
    ]),
  );
  const ordered: SynthesizedStack[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.some((s) => s.name === name)) return;
    if (visiting.has(name)) throw new Error(`stack dependency cycle through ${name}`);
    visiting.add(name);
    const stack = stacks.get(name);
    if (!stack) throw new Error(`manifest names unknown stack ${name}`);
    stack.dependencies.forEach(visit);
    ordered.push(stack);
  };
  [...stacks.keys()].forEach(visit);
  return ordered;
}

/**
 * The synthesized stacks `names` picks (comma-separated entries allowed), in dependency order; all of them when
 * `names` is empty. An unknown name is a user error that lists the stacks there are.
 */
export function selectStacks(
  synthesized: readonly SynthesizedStack[],
  names: readonly string[],
): SynthesizedStack[] {
  const wanted = names.flatMap((n) => n.split(",")).filter(Boolean);
  const unknown = wanted.filter((name) => !synthesized.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new LandingZoneError(
      `STACK: received ${unknown.map((n) => `"${n}"`).join(", ")}; expected stack names from: ${synthesized.map((s) => s.name).join(", ")}`,
    );
  }
  return wanted.length > 0 ? synthesized.filter((s) => wanted.includes(s.name)) : [...synthesized];
}

/**
 * Runs `task` for every stack, each after the stacks it depends on, at most `concurrency` at a time. After a
 * failure no new stack starts; the ones running finish, then the first error is thrown.
 */
export async function forEachInDependencyOrder(
  stacks: readonly SynthesizedStack[],
  concurrency: number,
  task: (stack: SynthesizedStack) => Promise<void>,
): Promise<void> {
  const names = new Set(stacks.map((s) => s.name));
  const done = new Set<string>();
  const started = new Set<string>();
  let failure: unknown;
  let running = 0;
  await new Promise<void>((resolve) => {
    const launch = () => {
      if (failure === undefined) {
        for (const stack of stacks) {
          if (running >= concurrency) break;
          if (started.has(stack.name)) continue;
          if (!stack.dependencies.every((d) => done.has(d) || !names.has(d))) continue;
          started.add(stack.name);
          running++;
          task(stack).then(
            () => {
              done.add(stack.name);
              running--;
              launch();
            },
            (error: unknown) => {
              failure ??= error;
              running--;
              launch();
            },
          );
        }
      }
      if (running === 0) resolve();
    };
    launch();
  });
  if (failure !== undefined) throw failure;
  const stuck = stacks.filter((s) => !done.has(s.name)).map((s) => s.name);
  if (stuck.length > 0) throw new Error(`stacks never became ready (dependency cycle?): ${stuck.join(", ")}`);
}

/**
 * Counts the managed resources in a local state file by type, without starting Terraform (which would load the
 * provider's schema, seconds of CPU per stack).
 */
export function countStateResources(stateFile: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!fs.existsSync(stateFile)) return counts;
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as {
    resources?: Array<{ mode: string; type: string; instances?: unknown[] }>;
  };
  for (const resource of state.resources ?? []) {
    if (resource.mode !== "managed") continue;
    counts.set(resource.type, (counts.get(resource.type) ?? 0) + (resource.instances?.length ?? 0));
  }
  return counts;
}

/**
 * `terraform init` costs seconds of CPU per stack; it is needed only when the stack's `terraform` block
 * (backend, required providers) differs from the one it was last initialized with.
 */
export async function initIfChanged(stackDir: string, stackName: string): Promise<void> {
  const synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as {
    terraform?: unknown;
  };
  const fingerprint = JSON.stringify(synthesized.terraform ?? {});
  const marker = path.join(stackDir, ".terraform", "lz-initialized-with.json");
  if (fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === fingerprint) return;
  await terraformOrThrow(stackDir, ["init", "-input=false", "-no-color"], `init of stack ${stackName}`);
  fs.writeFileSync(marker, fingerprint);
}
