// Which stacks a change can affect, from two synth outputs (the base branch's and the change's): the pull-request
// plan job plans only those, so a change to one account plans its baseline and the central stacks that list it,
// not every baseline. Static analysis of the synthesized JSON; every stack it leaves out is named with the reason.
import * as fs from "fs";
import * as path from "path";
import { stacksInOrder } from "./terraform";

/** Why a stack is planned, or why it is not. */
export interface StackSelection {
  /** The stack's name. */
  readonly stack: string;
  /** Whether the plan job plans it. */
  readonly plan: boolean;
  /** One line for the job summary. */
  readonly reason: string;
}

type Json = Record<string, unknown>;
type Blocks = Record<string, Record<string, unknown>>;

/** The prefix cdktf gives a stack's remote-state data source for the stack it reads from. */
const REMOTE_STATE_PREFIX = "cross-stack-reference-input-";

/** A value without cdktf's "//" metadata (construct paths), which never reaches Terraform's plan. */
export function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Json)
      .filter(([key]) => key !== "//")
      .map(([key, v]) => [key, withoutMetadata(v)]),
  );
}

/** Every stack of a synth output by name, read once, without cdktf's metadata. */
function readStacks(outdir: string): Map<string, Json> {
  return new Map(
    stacksInOrder(outdir).map((stack) => [
      stack.name,
      withoutMetadata(JSON.parse(fs.readFileSync(path.join(stack.dir, "cdk.tf.json"), "utf8"))) as Json,
    ]),
  );
}

/** resource blocks as "type.name" -> body. */
function resourcesOf(stack: Json): Map<string, string> {
  const found = new Map<string, string>();
  for (const [type, byName] of Object.entries((stack.resource ?? {}) as Blocks)) {
    for (const [name, body] of Object.entries(byName as Json))
      found.set(`${type}.${name}`, JSON.stringify(body));
  }
  return found;
}

/** Whether an expression string refers to the address (as `${addr.attr}`, `addr[...]` or a depends_on entry). */
function refersTo(body: string, address: string): boolean {
  return body.includes(`${address}.`) || body.includes(`${address}[`) || body.includes(`"${address}"`);
}

/** The outputs of another stack that `body` reads, as "stack/output". */
function remoteReads(body: string): string[] {
  const pattern = new RegExp(
    `data\\.terraform_remote_state\\.${REMOTE_STATE_PREFIX}([\\w-]+)\\.outputs\\.([\\w-]+)`,
    "g",
  );
  return [...body.matchAll(pattern)].map((m) => `${m[1]}/${m[2]}`);
}

/** What changed inside one stack between base and head, given the outputs of other stacks that changed. */
interface StackChange {
  /** A short description of the change, or undefined when nothing in it changed. */
  readonly reason?: string;
  /** Its outputs whose value may differ after the change. */
  readonly changedOutputs: ReadonlySet<string>;
}

function compareStack(base: Json, head: Json, changedUpstream: ReadonlySet<string>): StackChange {
  const headOutputs = (head.output ?? {}) as Json;
  const baseOutputs = (base.output ?? {}) as Json;
  const everyOutput = new Set(Object.keys(headOutputs));
  // A change outside resources and outputs (providers, backend, data sources, locals) can change anything.
  const otherBlocks = [...new Set([...Object.keys(base), ...Object.keys(head)])].filter(
    (key) =>
      key !== "resource" && key !== "output" && JSON.stringify(base[key]) !== JSON.stringify(head[key]),
  );
  if (otherBlocks.length > 0) {
    return { reason: `its ${otherBlocks.join(", ")} configuration changed`, changedOutputs: everyOutput };
  }
  const before = resourcesOf(base);
  const after = resourcesOf(head);
  const changed = new Set(
    [...new Set([...before.keys(), ...after.keys()])].filter(
      (address) => before.get(address) !== after.get(address),
    ),
  );
  const direct = changed.size;
  const readsChanged = new Set<string>();
  for (const [address, body] of after) {
    const reads = remoteReads(body).filter((read) => changedUpstream.has(read));
    if (reads.length > 0) {
      changed.add(address);
      reads.forEach((read) => readsChanged.add(read));
    }
  }
  // Anything that refers to a changed resource may change with it.
  for (let grew = true; grew;) {
    grew = false;
    for (const [address, body] of after) {
      if (!changed.has(address) && [...changed].some((c) => refersTo(body, c))) {
        changed.add(address);
        grew = true;
      }
    }
  }
  const changedOutputs = new Set<string>();
  for (const name of new Set([...Object.keys(baseOutputs), ...Object.keys(headOutputs)])) {
    const body = JSON.stringify(headOutputs[name] ?? null);
    if (body !== JSON.stringify(baseOutputs[name] ?? null) || [...changed].some((c) => refersTo(body, c))) {
      changedOutputs.add(name);
    }
  }
  const parts: string[] = [];
  if (direct > 0) parts.push(direct === 1 ? "1 resource differs" : `${direct} resources differ`);
  if (readsChanged.size > 0) parts.push(`it reads changed outputs (${[...readsChanged].sort().join(", ")})`);
  if (parts.length === 0 && changedOutputs.size > 0) parts.push("its outputs changed");
  return { reason: parts.length > 0 ? parts.join("; ") : undefined, changedOutputs };
}

/**
 * Every stack of `headOutdir` with whether the plan job plans it and why, in dependency order, followed by the
 * stacks only the base synthesized (not planned: there is nothing to plan them from).
 */
export function selectChangedStacks(baseOutdir: string, headOutdir: string): StackSelection[] {
  const selections: StackSelection[] = [];
  const changedOutputs = new Set<string>();
  const headStacks = readStacks(headOutdir);
  const baseStacks = readStacks(baseOutdir);
  for (const [name, head] of headStacks) {
    const base = baseStacks.get(name);
    if (base === undefined) {
      selections.push({ stack: name, plan: true, reason: "new stack" });
      Object.keys((head.output ?? {}) as Json).forEach((output) => changedOutputs.add(`${name}/${output}`));
      continue;
    }
    const change = compareStack(base, head, changedOutputs);
    change.changedOutputs.forEach((output) => changedOutputs.add(`${name}/${output}`));
    selections.push(
      change.reason === undefined
        ? { stack: name, plan: false, reason: "synthesized identically, and reads no output that changed" }
        : { stack: name, plan: true, reason: change.reason },
    );
  }
  for (const name of baseStacks.keys()) {
    if (!headStacks.has(name)) {
      selections.push({
        stack: name,
        plan: false,
        reason: "no longer synthesized: nothing to plan; its resources stay in AWS and in its state",
      });
    }
  }
  return selections;
}

/** The selection as the Markdown the plan job adds to its summary. */
export function selectionMarkdown(selections: readonly StackSelection[], base: string): string {
  const planned = selections.filter((s) => s.plan);
  const lines = [
    `## Stacks planned for this change (compared with ${base})`,
    "",
    planned.length === 0
      ? "No synthesized stack differs from the base branch: nothing to plan."
      : `${planned.length} of ${selections.length} stacks planned.`,
    "",
    "| Stack | Planned | Why |",
    "| --- | --- | --- |",
    ...selections.map((s) => `| ${s.stack} | ${s.plan ? "yes" : "skipped"} | ${s.reason} |`),
  ];
  return `${lines.join("\n")}\n`;
}
