// Reads and validates the configuration directory (environments/ by default, LZ_CONFIG_DIR to override).
// Nothing is synthesized or deployed from a configuration that fails here (164.312(a)(1): guardrails and
// account placement are only as right as the config that declares them).
import * as fs from "fs";
import * as path from "path";
import { Document, isAlias, isMap, isSeq, LineCounter, parseDocument, visit } from "yaml";
import { z } from "zod";
import { adoptionPath, readAdoption } from "./adoption";
import { ConfigError, ConfigIssue, displayPath as display } from "./errors";
import { EnvironmentSchema, LandingZoneConfig, OrganizationSchema } from "./schema";
import { semanticIssues } from "./semantic";
import { withProfileDefaults } from "./profile";
import { suspendedAccountIssues } from "./checks/suspended";
import { ledgerPath, readLedger, suspendedAccounts } from "./ledger";

/** The organization file's name inside the configuration directory. Every other *.yaml is an environment. */
export const ORGANIZATION_FILE = "organization.yaml";

/** The configuration directory: LZ_CONFIG_DIR, or environments/ in the working directory. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.LZ_CONFIG_DIR ?? "environments");
}

/** A parsed YAML file with what is needed to point at lines. */
export interface SourceFile {
  /** The path shown to the user (relative to the working directory). */
  readonly displayPath: string;
  readonly document: Document;
  /** Maps character offsets to lines. */
  readonly lines: LineCounter;
  /** The parsed plain data. */
  readonly data: unknown;
}

function readYaml(file: string, issues: ConfigIssue[]): SourceFile | undefined {
  const displayPath = display(file);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    issues.push({ file: displayPath, path: [], message: "file not found or not readable" });
    return undefined;
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const tab = tabIndentIssue(displayPath, text, document, lines);
    if (tab) {
      issues.push(tab);
      return undefined;
    }
    for (const error of document.errors) {
      const line = lines.linePos(error.pos[0]).line;
      issues.push({
        file: displayPath,
        path: [],
        line,
        message: `invalid YAML: ${error.message.split("\n")[0]}`,
      });
    }
    return undefined;
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library refuses to expand aliases past maxAliasCount (a "billion laughs" file would exhaust memory).
    if (!(error instanceof ReferenceError)) throw error;
    issues.push({
      file: displayPath,
      path: [],
      line: firstAliasLine(document, lines),
      message: `invalid YAML: ${error.message}; expected at most ${MAX_ALIAS_COUNT} alias expansions`,
    });
    return undefined;
  }
  return { displayPath, document, lines, data };
}

/**
 * A tab in a line's indentation, as one issue at the first tab's line and column: the yaml library reports a tab
 * once and then every line after it as a misplaced mapping, twenty errors for one keystroke. Undefined when no
 * error is a tab's.
 */
export function tabIndentIssue(
  file: string,
  text: string,
  document: Document,
  lines: LineCounter,
): ConfigIssue | undefined {
  const tab = document.errors.find((error) => error.code === "TAB_AS_INDENT");
  if (!tab) return undefined;
  const { line, col } = lines.linePos(tab.pos[0]);
  // Every line whose indentation (spaces, tabs and the "- " of list items) holds a tab, so one edit fixes them all.
  const tabbed = text
    .split(/\r?\n/)
    .flatMap((content, index) => (/^[ \t-]*\t/.test(content) ? [index + 1] : []));
  const all =
    tabbed.length > 1 ? `lines ${tabbed.join(", ")} indent with tabs` : "this line indents with a tab";
  return {
    file,
    path: [],
    line,
    column: col,
    message: `invalid YAML: ${all}; YAML indents with spaces only: replace each tab with spaces`,
  };
}

/** How many alias expansions a configuration file may make (the yaml library's own default). */
const MAX_ALIAS_COUNT = 100;

/** The line of the document's first alias (`*name`): where an alias bomb starts to show. */
function firstAliasLine(document: Document, lines: LineCounter): number | undefined {
  let line: number | undefined;
  visit(document, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) line = lines.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

/** The 1-based line where `path` sits in the file, or the nearest parent that exists. */
export function lineOf(source: SourceFile, issuePath: ReadonlyArray<string | number>): number | undefined {
  for (let depth = issuePath.length; depth >= 0; depth--) {
    const node = source.document.getIn(issuePath.slice(0, depth), true) as
      { range?: [number, number] } | undefined;
    const isCollection = isMap(node) || isSeq(node);
    if (node && node.range && (depth === issuePath.length || isCollection)) {
      return source.lines.linePos(node.range[0]).line;
    }
  }
  return undefined;
}

function valueAt(data: unknown, issuePath: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = data;
  for (const key of issuePath) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function schemaIssues(source: SourceFile, error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => {
    const issuePath = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    // The messages are ours (schemaMessage in errors.ts) wherever a rule has none of its own.
    if (issue.code === "unrecognized_keys") {
      return { file: source.displayPath, path: [...issuePath, issue.keys[0]], message: issue.message };
    }
    // A key a record refuses is shown as received, not its value: the key is what to fix.
    const received = issue.code === "invalid_key" ? issuePath.at(-1) : valueAt(source.data, issuePath);
    return { file: source.displayPath, path: issuePath, message: issue.message, received };
  });
}

function withLines(issues: ConfigIssue[], sources: Map<string, SourceFile>): ConfigIssue[] {
  return issues.map((issue) => {
    const source = sources.get(issue.file);
    if (issue.line !== undefined || !source) return issue;
    return { ...issue, line: lineOf(source, issue.path) };
  });
}

/**
 * Loads, validates and cross-checks the configuration in `dir`. Throws ConfigError with every problem found
 * (syntax, schema and cross-field) so the operator fixes them in one pass.
 */
export function loadConfig(dir: string = configDir()): LandingZoneConfig {
  const issues: ConfigIssue[] = [];
  const sources = new Map<string, SourceFile>();
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ConfigError([
      {
        file: display(dir),
        path: [],
        message: "configuration directory not found (set LZ_CONFIG_DIR or create it)",
      },
    ]);
  }

  const orgSource = readYaml(path.join(dir, ORGANIZATION_FILE), issues);
  let organization: z.output<typeof OrganizationSchema> | undefined;
  if (orgSource) {
    sources.set(orgSource.displayPath, orgSource);
    // The profile chooses the retention defaults before the schema fills in HIPAA's (src/config/profile.ts).
    const parsed = OrganizationSchema.safeParse(withProfileDefaults(orgSource.data ?? {}));
    if (parsed.success) organization = parsed.data;
    else issues.push(...schemaIssues(orgSource, parsed.error));
  }

  const envFiles = fs
    .readdirSync(dir)
    .filter((f) => (f.endsWith(".yaml") || f.endsWith(".yml")) && f !== ORGANIZATION_FILE)
    .sort();
  const environments: Array<{ config: z.output<typeof EnvironmentSchema>; file: string }> = [];
  for (const name of envFiles) {
    const source = readYaml(path.join(dir, name), issues);
    if (!source) continue;
    sources.set(source.displayPath, source);
    const parsed = EnvironmentSchema.safeParse(source.data ?? {});
    if (parsed.success) environments.push({ config: parsed.data, file: source.displayPath });
    else issues.push(...schemaIssues(source, parsed.error));
  }

  // Files that failed the schema are already reported and are left out of the cross-checks rather than
  // producing follow-on noise; checks that do not need them still run.
  const orgForChecks = organization && orgSource ? { organization, file: orgSource.displayPath } : undefined;
  issues.push(...semanticIssues(orgForChecks, environments));
  const ledgerFile = display(ledgerPath(dir));
  const ledger = readLedger(dir, ledgerFile, issues);
  const suspended = organization ? suspendedAccounts(ledger, organization.accounts) : [];
  if (orgForChecks) issues.push(...suspendedAccountIssues(orgForChecks, suspended, ledgerFile));
  const adoption = readAdoption(dir, display(adoptionPath(dir)), issues);
  if (issues.length > 0) throw new ConfigError(withLines(issues, sources));
  return {
    organization: organization!,
    environments: environments.map((e) => e.config),
    suspendedAccounts: suspended,
    ...(adoption ? { adoption } : {}),
  };
}
