// Compares two synthesized landing zones resource by resource: the offline plan `make vend` prints, so a reviewer
// sees what a configuration change adds to the organization before Terraform ever talks to AWS.
import * as fs from "fs";
import * as path from "path";
import { stacksInOrder } from "./terraform";

/** One synthesized resource: its construct path and its configuration (metadata removed). */
export interface SynthesizedResource {
  /** The construct path, e.g. organization/account-x/account. */
  readonly path: string;
  /** The resource's JSON body without cdktf's metadata. */
  readonly body: Record<string, unknown>;
}

/** Every stack's resources by Terraform address. */
export type SynthesizedResources = Map<string, Map<string, SynthesizedResource>>;

/** Reads every stack's resources back from a synthesized output directory (cdktf's layout). */
export function readSynthesizedResources(outdir: string): SynthesizedResources {
  const out: SynthesizedResources = new Map();
  for (const stack of stacksInOrder(outdir)) {
    const json = JSON.parse(fs.readFileSync(path.join(stack.dir, "cdk.tf.json"), "utf8")) as {
      resource?: Record<string, Record<string, Record<string, unknown>>>;
    };
    const resources = new Map<string, SynthesizedResource>();
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, raw] of Object.entries(byName)) {
        const { "//": meta, ...body } = raw as { "//"?: { metadata?: { path?: string } } };
        resources.set(`${type}.${name}`, { path: meta?.metadata?.path ?? name, body });
      }
    }
    out.set(stack.name, resources);
  }
  return out;
}

/** One resource's change. */
export interface ResourceChange {
  /** "create", "update" or "delete". */
  readonly action: "create" | "update" | "delete";
  /** The Terraform address. */
  readonly address: string;
  /** The construct path. */
  readonly path: string;
  /** The top-level attributes that differ (updates only). */
  readonly attributes: readonly string[];
}

/** One stack's changes. */
export interface StackChange {
  /** The stack's name. */
  readonly stack: string;
  /** Whether the stack is new, removed, or changed. */
  readonly kind: "new" | "removed" | "changed";
  /** Its resource changes, in address order. */
  readonly changes: readonly ResourceChange[];
}

/** The stacks and resources that differ between `before` and `after`, in `after`'s stack order. */
export function diffResources(before: SynthesizedResources, after: SynthesizedResources): StackChange[] {
  const out: StackChange[] = [];
  const names = [...after.keys(), ...[...before.keys()].filter((n) => !after.has(n))];
  for (const stack of names) {
    const old = before.get(stack) ?? new Map<string, SynthesizedResource>();
    const now = after.get(stack) ?? new Map<string, SynthesizedResource>();
    const changes: ResourceChange[] = [];
    for (const address of [...new Set([...old.keys(), ...now.keys()])].sort()) {
      const a = old.get(address);
      const b = now.get(address);
      if (!a && b) changes.push({ action: "create", address, path: b.path, attributes: [] });
      else if (a && !b) changes.push({ action: "delete", address, path: a.path, attributes: [] });
      else if (a && b) {
        // depends_on only orders operations; Terraform plans no change for it.
        const keys = [...new Set([...Object.keys(a.body), ...Object.keys(b.body)])].filter(
          (k) => k !== "depends_on",
        );
        const differing = keys.filter((k) => JSON.stringify(a.body[k]) !== JSON.stringify(b.body[k])).sort();
        if (differing.length > 0)
          changes.push({ action: "update", address, path: b.path, attributes: differing });
      }
    }
    if (changes.length === 0) continue;
    out.push({
      stack,
      kind: !before.has(stack) ? "new" : !after.has(stack) ? "removed" : "changed",
      changes,
    });
  }
  return out;
}

const SYMBOL = { create: "+", update: "~", delete: "-" } as const;

/** The plan as text: changed stacks one resource per line; new stacks summarized by resource type. */
export function formatDiff(changes: readonly StackChange[]): string[] {
  const lines: string[] = [];
  for (const stack of changes) {
    const count = (action: ResourceChange["action"]) =>
      stack.changes.filter((c) => c.action === action).length;
    const totals = [
      `${count("create")} to add`,
      `${count("update")} to change`,
      `${count("delete")} to destroy`,
    ].join(", ");
    if (stack.kind === "removed") {
      // A stack that is no longer synthesized is not deployed at all: Terraform never plans its destroy.
      lines.push(
        `  ${stack.stack}: no longer synthesized; its ${stack.changes.length} resources stay in AWS and in its state (nothing is destroyed)`,
      );
      continue;
    }
    const label = stack.kind === "new" ? " (new stack)" : "";
    lines.push(`  ${stack.stack}${label}: ${totals}`);
    if (stack.kind === "new") {
      const byType = new Map<string, number>();
      for (const c of stack.changes) {
        const type = c.address.split(".")[0];
        byType.set(type, (byType.get(type) ?? 0) + 1);
      }
      for (const [type, n] of [...byType].sort()) lines.push(`      + ${String(n).padStart(2)} ${type}`);
      continue;
    }
    for (const c of stack.changes) {
      const attributes = c.attributes.length > 0 ? ` (${c.attributes.join(", ")})` : "";
      lines.push(`      ${SYMBOL[c.action]} ${c.address.split(".")[0]} ${c.path}${attributes}`);
    }
  }
  return lines;
}
