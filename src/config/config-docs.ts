// docs/configuration.md's key tables, generated from the zod schema through its JSON Schema: every key, whether it
// is required, what it means and its default, each stated once in src/config/schema.ts.
import { z } from "zod";
import { SCHEMA_FILES } from "./json-schema";
import { sectionMarkers, wrapSection } from "./generated-section";

/** The page the tables live in, relative to the repository root. */
export const CONFIGURATION_PAGE = "docs/configuration.md";

/** The markers around each file's table. */
export const CONFIGURATION_MARKERS = {
  "organization.schema.json": sectionMarkers("config-organization", "npm run docs"),
  "environment.schema.json": sectionMarkers("config-environment", "npm run docs"),
} as const;

interface JsonSchemaNode {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly properties?: Record<string, JsonSchemaNode>;
  readonly required?: readonly string[];
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly $ref?: string;
  readonly $defs?: Record<string, JsonSchemaNode>;
}

/** A description's "@default ..." tail: the default the schema cannot state as a value (computed ones). */
const DEFAULT_NOTE = /\s*@default\s+(.*)$/;

function defaultOf(node: JsonSchemaNode): string {
  const note = node.description?.match(DEFAULT_NOTE)?.[1];
  if (note) return note.replace(/^- /, "");
  if (node.default === undefined) return "";
  const value = node.default;
  if (typeof value === "object" && value !== null && Object.keys(value).length === 0) return "";
  return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
}

const cell = (text: string) =>
  text
    .replace(/\|/g, "\\|")
    .replace(/\*/g, "\\*")
    .replace(/\n/g, " ")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");

/** One row per key, depth first; a recursive shape ($ref seen before) is listed once. */
function rows(
  node: JsonSchemaNode,
  prefix: string,
  defs: Record<string, JsonSchemaNode>,
  seen: Set<string>,
): string[] {
  const resolve = (n: JsonSchemaNode): JsonSchemaNode | undefined => {
    if (!n.$ref) return n;
    if (seen.has(n.$ref)) return undefined;
    seen.add(n.$ref);
    return defs[n.$ref.replace("#/$defs/", "")];
  };
  const out: string[] = [];
  for (const [key, raw] of Object.entries(node.properties ?? {})) {
    const child = resolve(raw);
    if (!child) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const isList = child.type === "array";
    const element = isList && child.items ? resolve(child.items) : undefined;
    const label = isList && element?.properties ? `${path}[]` : path;
    const meaning = (child.description ?? "").replace(DEFAULT_NOTE, "");
    const required = node.required?.includes(key) ? "yes" : "no";
    // Keys without a description (an inline policy's IAM grammar, groups of one switch) add no row of their own.
    if (meaning) out.push(`| \`${label}\` | ${required} | ${cell(meaning)} | ${cell(defaultOf(child))} |`);
    if (child.properties) out.push(...rows(child, path, defs, seen));
    if (element?.properties) out.push(...rows(element, `${path}[]`, defs, seen));
  }
  return out;
}

/** The key table of one schema file, markers included. */
export function configurationTable(file: keyof typeof SCHEMA_FILES): string {
  const json = z.toJSONSchema(SCHEMA_FILES[file].schema, {
    io: "input",
    unrepresentable: "any",
  }) as JsonSchemaNode;
  const lines = [
    "| Key | Required | Meaning | Default |",
    "| --- | --- | --- | --- |",
    ...rows(json, "", json.$defs ?? {}, new Set()),
  ];
  return wrapSection(CONFIGURATION_MARKERS[file], lines.join("\n"));
}
