// User-facing errors. A configuration or input mistake must say where (file, line, path), what was received and
// what is allowed, all at once, and never as a stack trace: operators at a hospital fix config, not code.

import * as fs from "fs";
import * as path from "path";

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

/** One line per issue: `file:line path: received X; expected ...`. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
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
