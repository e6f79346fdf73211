// User-facing errors. A configuration or input mistake must say where (file, line, path), what was received and
// what is allowed, all at once, and never as a stack trace: operators at a hospital fix config, not code.

import * as fs from "fs";
import * as path from "path";
import { z } from "zod";

/** A path as the operator sees it: relative to the working directory when inside it, else absolute. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel || ".";
}

/** One problem found in the configuration. */
export interface ConfigIssue {
  /** The file the problem is in, relative to the working directory. */
  readonly file: string;
  /** The path inside the file, as keys and indexes: ["accounts", 3, "email"]. */
  readonly path: ReadonlyArray<string | number>;
  /** What is allowed (or what is wrong), phrased for the operator. */
  readonly message: string;
  /** The value found at the path, when there is one. */
  readonly received?: unknown;
  /** The 1-based line of the path in the file, when known. */
  readonly line?: number;
  /** The 1-based column on that line, when the problem is one character (a tab in YAML). */
  readonly column?: number;
}

/** An error caused by user input. The CLI prints its message without a stack trace and exits 1. */
export class LandingZoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LandingZoneError";
  }
}

/**
 * A construct that refused its props, always in one shape: `<construct path>: <prop>: received <value>; expected
 * <what is allowed>`, so a bug report or a bad configuration points at the exact construct and prop.
 */
export function constructError(
  construct: { readonly node: { readonly path: string } },
  prop: string,
  received: unknown,
  expected: string,
): LandingZoneError {
  // The whole value, not formatReceived's 80 characters: a construct error is read once, to fix one prop.
  const value = received === undefined ? "nothing" : JSON.stringify(received);
  return new LandingZoneError(`${construct.node.path}: ${prop}: received ${value}; expected ${expected}`);
}

/** A configuration that failed validation; carries every issue found. */
export class ConfigError extends LandingZoneError {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(formatIssues(issues));
    this.name = "ConfigError";
  }
}

/** Formats a path as `accounts[3].email`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "(top level)" : out;
}

function formatReceived(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One line per issue: `file:line path: received X; expected ...` (`file:line:column` when the column is known). */
export function formatIssue(issue: ConfigIssue): string {
  const column = issue.line !== undefined && issue.column !== undefined ? `:${issue.column}` : "";
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}${column}`;
  const received = "received" in issue ? `received ${formatReceived(issue.received)}; ` : "";
  return `${where} ${formatPath(issue.path)}: ${received}${issue.message}`;
}

/** The full report: a count, then one line per issue. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  const noun = issues.length === 1 ? "problem" : "problems";
  return [`Configuration has ${issues.length} ${noun}:`, ...issues.map((i) => `  - ${formatIssue(i)}`)].join(
    "\n",
  );
}

/**
 * Reads a JSON data file of the configuration directory (the ledger, the adoption record): its contents, or
 * undefined when it is absent or not JSON, the latter added to `issues` with `remedy` (what the operator does).
 */
export function readJsonData(
  file: string,
  shownAs: string,
  issues: ConfigIssue[],
  remedy: string,
): { data: unknown } | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return { data: JSON.parse(fs.readFileSync(file, "utf8")) };
  } catch (error) {
    issues.push({
      file: shownAs,
      path: [],
      message: `invalid JSON (${(error as Error).message}); ${remedy}`,
    });
    return undefined;
  }
}

/** Where every configuration key is explained; the last word of a message that cannot name the rule itself. */
const CONFIG_REFERENCE = "docs/configuration.md";

/** A value's kind in the operator's words (YAML's, not JavaScript's or zod's). */
const KIND_WORDS: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  object: "a mapping of keys to values",
  record: "a mapping of keys to values",
  array: "a list",
  date: "a date",
  null: "null",
  undefined: "no value",
  nan: "a number",
};

/** String formats in the operator's words. */
const FORMAT_WORDS: Readonly<Record<string, string>> = {
  email: "an email address (name@domain)",
  date: "a date as YYYY-MM-DD",
  datetime: "a date and time such as 2026-01-31T12:00:00Z",
  time: "a time such as 12:00:00",
  url: "a URL",
  uuid: "a UUID",
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  cidrv4: "an IPv4 CIDR block such as 10.0.0.0/16",
};

/** The schema behind a raw issue, as far as a message needs it. */
interface SchemaDef {
  readonly type?: string;
  readonly shape?: Readonly<Record<string, unknown>>;
  readonly options?: readonly unknown[];
  readonly element?: unknown;
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly innerType?: unknown;
  readonly getter?: () => unknown;
}

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

/** What a schema accepts, in a few words: "text", "a list of text", "a mapping with the key managedPolicyArn". */
function describeSchema(schema: unknown, depth = 0): string {
  const def = defOf(schema);
  if (!def) return "a value";
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
      return describeSchema(def.innerType, depth);
    case "lazy":
      return depth > 2 ? "a value" : describeSchema(def.getter?.(), depth + 1);
    case "array":
      return depth > 2 ? "a list" : `a list of ${plural(describeSchema(def.element, depth + 1))}`;
    case "object": {
      const keys = Object.keys(def.shape ?? {});
      return keys.length === 1
        ? `a mapping with the key ${keys[0]}`
        : `a mapping with the keys ${keys.join(", ")}`;
    }
    case "literal":
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(" or ");
    case "enum":
      return `one of ${Object.values(def.entries ?? {}).join(", ")}`;
    case "union":
      return (def.options ?? []).map((o) => describeSchema(o, depth + 1)).join(", or ");
    default:
      return KIND_WORDS[def.type ?? ""] ?? "a value";
  }
}

/** "text" stays "text"; "a mapping ..." becomes "mappings ...", for "a list of ...". */
function plural(kind: string): string {
  if (kind.startsWith("a list")) return kind.replace(/^a list/, "lists");
  if (kind.startsWith("a mapping")) return kind.replace(/^a mapping/, "mappings");
  return kind.replace(/^an? /, "");
}

/** A bound in words: "at least 1 item", "more than 0". */
function bound(
  issue: { readonly origin?: string; readonly inclusive?: boolean; readonly exact?: boolean },
  limit: number | bigint,
  side: "least" | "most",
): string {
  const n = Number(limit);
  const exactly = issue.exact
    ? "exactly"
    : issue.inclusive === false
      ? side === "least"
        ? "more than"
        : "fewer than"
      : `at ${side}`;
  switch (issue.origin) {
    case "string":
      return side === "least" && n === 1 && !issue.exact
        ? "text that is not empty"
        : `text of ${exactly} ${n} character${n === 1 ? "" : "s"}`;
    case "array":
    case "set":
      return `${exactly} ${n} item${n === 1 ? "" : "s"}`;
    default:
      return issue.inclusive === false
        ? `a number ${side === "least" ? "greater" : "less"} than ${n}`
        : `a number ${exactly} ${n}`;
  }
}

/** Strips a leading "expected " so an inner rule reads inside an outer sentence. */
function inner(message: string): string {
  return message.replace(/^expected /, "");
}

/** The keys a mapping accepts: an object's own, or a record's enum of keys; none when it cannot say. */
function allowedKeys(schema: unknown): string[] {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def) return [];
  if (def.type === "object") return Object.keys(def.shape as Record<string, unknown>);
  const keyDef = (def.keyType as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (def.type === "record" && keyDef?.type === "enum")
    return Object.values(keyDef.entries as Record<string, string>);
  return [];
}

/**
 * The message of a schema rule that gives none of its own, in our words: what is allowed, never zod's phrasing
 * ("Invalid input", "Too small: expected string to have >=1 characters"). formatIssue prints the value received
 * beside it, so the message says only what is allowed. Rules that carry their own message (most of schema.ts) keep it.
 */
export function schemaMessage(issue: z.core.$ZodRawIssue): string {
  // Each code carries its own fields (minimum, values, format...); read them loosely, checked by the switch.
  const raw = issue as unknown as Record<string, unknown> & {
    readonly origin?: string;
    readonly inclusive?: boolean;
    readonly exact?: boolean;
  };
  switch (issue.code) {
    case "invalid_type": {
      const expected = String(raw.expected);
      const kind = expected === "object" ? describeSchema(issue.inst) : (KIND_WORDS[expected] ?? expected);
      return issue.input === undefined ? `expected ${kind} (this setting is required)` : `expected ${kind}`;
    }
    case "invalid_value": {
      const values = (raw.values as readonly unknown[]).map((v) => JSON.stringify(v));
      return values.length === 1 ? `expected ${values[0]}` : `expected one of ${values.join(", ")}`;
    }
    case "too_small":
      return `expected ${bound(raw, raw.minimum as number, "least")}`;
    case "too_big":
      return `expected ${bound(raw, raw.maximum as number, "most")}`;
    case "invalid_format": {
      const format = String(raw.format);
      if (format === "regex") return `expected text of the form ${String(raw.pattern)} (${CONFIG_REFERENCE})`;
      if (format === "starts_with") return `expected text that starts with ${JSON.stringify(raw.prefix)}`;
      if (format === "ends_with") return `expected text that ends with ${JSON.stringify(raw.suffix)}`;
      if (format === "includes") return `expected text that includes ${JSON.stringify(raw.includes)}`;
      return `expected ${FORMAT_WORDS[format] ?? `text in ${format} format`}`;
    }
    case "not_multiple_of":
      return `expected a multiple of ${String(raw.divisor)}`;
    case "unrecognized_keys": {
      const keys = raw.keys as readonly string[];
      const unknown = `unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`;
      const allowed = allowedKeys(issue.inst);
      return allowed.length > 0
        ? `${unknown}; expected one of ${allowed.join(", ")} (schema/ or ${CONFIG_REFERENCE})`
        : `${unknown}; check the spelling against schema/ or ${CONFIG_REFERENCE}`;
    }
    case "invalid_key":
    case "invalid_element": {
      const what = issue.code === "invalid_key" ? "key" : "entry";
      const rules = [
        ...new Set((raw.issues as ReadonlyArray<{ message: string }>).map((i) => inner(i.message))),
      ];
      return `expected every ${what} to be ${rules.join(" and ")}`;
    }
    case "invalid_union":
      return `expected ${describeSchema(issue.inst)}`;
    default:
      return `expected a value this setting accepts (${CONFIG_REFERENCE} describes it)`;
  }
}

// Every schema in this project reads operator input (configuration, ledger, adoption record, vend requests), so
// zod's own wording is replaced for all of them at once: a rule written without a message still speaks our words.
z.config({ customError: schemaMessage });
