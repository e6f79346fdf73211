// Compares two synthesized landing zones resource by resource: the offline plan `make vend` prints, so a reviewer
// sees what a configuration change adds to the organization before Terraform ever talks to AWS, with each key
// policy's changed statements and why each other stack changes, read from the resolved values (164.308(a)(4)).
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

/** One stack's resources by Terraform address, from its synthesized JSON (cdk.tf.json). */
export function stackResources(json: {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}): Map<string, SynthesizedResource> {
  const resources = new Map<string, SynthesizedResource>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, raw] of Object.entries(byName)) {
      const { "//": meta, ...body } = raw as { "//"?: { metadata?: { path?: string } } };
      resources.set(`${type}.${name}`, { path: meta?.metadata?.path ?? name, body });
    }
  }
  return resources;
}

/** Reads every stack's resources back from a synthesized output directory (cdktf's layout). */
export function readSynthesizedResources(outdir: string): SynthesizedResources {
  const out: SynthesizedResources = new Map();
  for (const stack of stacksInOrder(outdir)) {
    out.set(
      stack.name,
      stackResources(JSON.parse(fs.readFileSync(path.join(stack.dir, "cdk.tf.json"), "utf8"))),
    );
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

/** One leaf path of a resource's attribute whose values differ, e.g. a policy statement's condition key. */
export interface LeafChange {
  /** The attribute and the keys below it, a policy statement named by its Sid: `policy.Sid.Condition...`. */
  readonly path: string;
  /** Values present after and not before. */
  readonly added: readonly string[];
  /** Values present before and not after. */
  readonly removed: readonly string[];
}

/** A JSON document held in a string (a policy argument), or undefined when the string is not one. */
function embeddedJson(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Every leaf of a value by path. Lists are compared as sets (an account added to a list is one added value, not a
 * shift of every later index); a list of statements is keyed by Sid; JSON held in a string is read as JSON.
 */
function leavesOf(value: unknown, at: string, out: Map<string, string[]>): void {
  const push = (leaf: string) => out.set(at, [...(out.get(at) ?? []), leaf]);
  if (typeof value === "string") {
    const json = embeddedJson(value);
    if (json !== undefined && json !== null && typeof json === "object") leavesOf(json, at, out);
    else push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) {
      const sid = (item as { Sid?: unknown } | null)?.Sid;
      leavesOf(item, typeof sid === "string" ? `${at}.${sid}` : at, out);
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      // A policy's statements are named by Sid; the word Statement adds nothing to the path.
      if (key === "Sid") continue;
      leavesOf(v, key === "Statement" ? at : `${at}.${key}`, out);
    }
  } else push(JSON.stringify(value));
}

/** The leaves added and removed between two values of an attribute named `attribute`. */
export function leafChanges(attribute: string, before: unknown, after: unknown): LeafChange[] {
  const a = new Map<string, string[]>();
  const b = new Map<string, string[]>();
  leavesOf(before, attribute, a);
  leavesOf(after, attribute, b);
  const minus = (from: readonly string[], take: readonly string[]) => {
    const rest = [...take];
    return from.filter((v) => {
      const at = rest.indexOf(v);
      if (at < 0) return true;
      rest.splice(at, 1);
      return false;
    });
  };
  const out: LeafChange[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const added = minus(b.get(path) ?? [], a.get(path) ?? []);
    const removed = minus(a.get(path) ?? [], b.get(path) ?? []);
    if (added.length > 0 || removed.length > 0) out.push({ path, added, removed });
  }
  return out;
}

/** One side of a comparison: its resources and how to resolve an argument of a stack to what AWS will hold. */
export interface ResolvedSide {
  readonly resources: SynthesizedResources;
  /** The value with references resolved and IDs named as configured; may return it unresolved. */
  readonly resolve: (stack: string, value: unknown) => unknown;
}

/** What a side's model offers `resolvedSide`: the resolver over its synthesized stacks (src/verify/synthesized.ts). */
export interface ResolvingModel {
  /** The value as AWS will hold it, references resolved (placeholder IDs for what AWS assigns); may throw. */
  resolveValue(stack: string, value: unknown): unknown;
}

/**
 * One side of a comparison: arguments resolved to what AWS will hold, each placeholder ID named as configured by
 * `named` (the two sides' models number accounts by position, so only names compare); an argument that only AWS
 * can resolve is compared as written.
 */
export function resolvedSide(
  resources: SynthesizedResources,
  model: ResolvingModel,
  named: (text: string) => string,
): ResolvedSide {
  const rename = (value: unknown): unknown =>
    typeof value === "string"
      ? named(value)
      : Array.isArray(value)
        ? value.map(rename)
        : value && typeof value === "object"
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]))
          : value;
  return {
    resources,
    resolve: (stack, value) => {
      try {
        return rename(model.resolveValue(stack, value));
      } catch {
        return value;
      }
    },
  };
}

/** The offline plan of a change, as make vend prints it. */
export interface OfflinePlan {
  /** The stacks and resources that differ. */
  readonly changes: readonly StackChange[];
  /** formatDiff's lines. */
  readonly plan: readonly string[];
  /** explainChanges' key policy lines. */
  readonly keyPolicies: readonly string[];
  /** explainChanges' reasons. */
  readonly reasons: readonly string[];
}

/** The plan from `before` to `after`: what differs, its lines, and each key policy's and stack's explanation. */
export function offlinePlan(before: ResolvedSide, after: ResolvedSide): OfflinePlan {
  const changes = diffResources(before.resources, after.resources);
  return { changes, plan: formatDiff(changes), ...explainChanges(changes, before, after) };
}

/** What `explainChanges` says: each key policy's changed statements, and why each changed stack changes. */
export interface ChangeExplanation {
  /** Per changed key policy, its heading then one line per changed statement leaf. */
  readonly keyPolicies: readonly string[];
  /** One line per reason a changed stack changes. */
  readonly reasons: readonly string[];
}

/** Resource types whose `policy` argument is a KMS key policy. */
const KEY_POLICY_TYPES = new Set(["aws_kms_key", "aws_kms_key_policy"]);

function leafLine(change: LeafChange): string {
  return [...change.added.map((v) => `+ ${v}`), ...change.removed.map((v) => `- ${v}`)].join(", ");
}

/**
 * Why each existing stack changes, read from the resolved difference of each updated resource (the values its
 * attributes gain and lose) and the resources it creates or deletes; and, for key policies, which statements gain
 * or lose which principals and conditions. Derived from the synthesized stacks, never written per stack.
 */
export function explainChanges(
  changes: readonly StackChange[],
  before: ResolvedSide,
  after: ResolvedSide,
): ChangeExplanation {
  const keyPolicies: string[] = [];
  const reasons: string[] = [];
  for (const stack of changes.filter((s) => s.kind === "changed")) {
    const counted = new Map<string, string[]>();
    for (const change of stack.changes) {
      const type = change.address.split(".")[0];
      if (change.action !== "update") {
        const key = `${change.action === "create" ? "adds" : "destroys"} ${type}`;
        counted.set(key, [...(counted.get(key) ?? []), change.path.split("/").slice(1).join("/")]);
        continue;
      }
      const a = before.resources.get(stack.stack)!.get(change.address)!.body;
      const b = after.resources.get(stack.stack)!.get(change.address)!.body;
      const where = `${type} ${change.path.split("/").slice(1).join("/")}`;
      for (const attribute of change.attributes) {
        const leaves = leafChanges(
          attribute,
          before.resolve(stack.stack, a[attribute]),
          after.resolve(stack.stack, b[attribute]),
        );
        if (leaves.length === 0) {
          // Equal once resolved: only a reference's spelling moved (Terraform may still show it as a change).
          reasons.push(
            `  ${stack.stack}: ${where}: ${attribute} is written differently, with the same value`,
          );
        } else if (attribute === "policy" && KEY_POLICY_TYPES.has(type)) {
          keyPolicies.push(`  ${stack.stack}: ${where}`);
          for (const leaf of leaves)
            keyPolicies.push(`      ${leaf.path.slice(attribute.length + 1)}: ${leafLine(leaf)}`);
          reasons.push(`  ${stack.stack}: ${where}: its key policy changes (Key policies above)`);
        } else {
          for (const leaf of leaves)
            reasons.push(`  ${stack.stack}: ${where}: ${leaf.path} ${leafLine(leaf)}`);
        }
      }
    }
    for (const [what, paths] of counted) {
      reasons.push(`  ${stack.stack}: ${what} ${paths.join(", ")}`);
    }
  }
  return { keyPolicies, reasons };
}
