// The docs name only what exists: a `make` target the Makefile defines, a stack the example configuration
// synthesizes, a configuration key path the schema has. A page that names a renamed target, a stack that is gone
// or a key that never existed sends a reader (an auditor, an engineer on call) to something that is not there.
// Only clear references count: `make <target>` in code, a `baseline-…`/`network-…` name or a name written as a
// stack in backticks, and a dotted key path whose first key is a top-level key of organization.yaml or an
// environment file. The README's table lines stay readable in a plain-text diff (at most 200 characters).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { z } from "zod";
import { buildLandingZone } from "../../src/app";
import { SCHEMA_FILES } from "../../src/config/json-schema";
import { loadConfig } from "../../src/config/load";
import { REPO_ROOT } from "../../src/deploy/terraform-env";
import { BOOTSTRAP_STACK_ID } from "../../stacks/bootstrap-stack";

/** The pages a reader follows: the README, the contributor pages and every page in docs/. */
const PAGES = [
  "README.md",
  "CONTRIBUTING.md",
  "SECURITY.md",
  ...fs
    .readdirSync(path.join(REPO_ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
].filter((page) => fs.existsSync(path.join(REPO_ROOT, page)));

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");

/** One reference found on a page. */
interface Reference {
  readonly page: string;
  readonly line: number;
  readonly name: string;
}

/** Inline code spans (`...`) and the lines of fenced code blocks, each with its line number. */
function codeOf(text: string): Array<{ line: number; code: string; fenced: boolean }> {
  const out: Array<{ line: number; code: string; fenced: boolean }> = [];
  let fenced = false;
  text.split("\n").forEach((raw, i) => {
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      return;
    }
    if (fenced) out.push({ line: i + 1, code: raw, fenced: true });
    else for (const m of raw.matchAll(/`([^`]+)`/g)) out.push({ line: i + 1, code: m[1], fenced: false });
  });
  return out;
}

/**
 * `make <target>` written as a command: in an inline code span anywhere in it, or at the start of a code block's
 * line (after a `$ ` prompt and variable assignments), so output that mentions make is not a reference.
 */
function makeTargetsNamed(page: string, text: string): Reference[] {
  return codeOf(text).flatMap(({ line, code, fenced }) => {
    const pattern = fenced
      ? /^\s*(?:\$\s+)?(?:[A-Z_]+=\S*\s+)*make\s+(?:[A-Z_]+=\S*\s+)*([a-z][a-z0-9-]*)/g
      : /(?:^|[\s;&|(])make\s+(?:[A-Z_]+=\S*\s+)*([a-z][a-z0-9-]*)/g;
    return [...code.matchAll(pattern)].map((m) => ({ page, line, name: m[1] }));
  });
}

/** The targets a Makefile defines (`name:` at the start of a line; `:=` is an assignment). */
function makefileTargets(makefile: string): Set<string> {
  return new Set([...makefile.matchAll(/^([a-z][a-z0-9-]*)\s*:(?!=)/gm)].map((m) => m[1]));
}

/** Stack IDs named per account or per environment: `baseline-<account>`, `network-<environment>`. */
const PER_NAME_STACK = /^(?:baseline|network)-[a-z0-9][a-z0-9-]*$/;

/**
 * Stack names on a page: an inline code span that is a per-account or per-environment stack name, or any
 * kebab-case name in backticks written as a stack ("the `x` stack", "stack `x`", "stacks `x` and `y`").
 */
function stacksNamed(page: string, text: string): Reference[] {
  const out: Reference[] = [];
  text.split("\n").forEach((raw, i) => {
    for (const m of raw.matchAll(/`([^`]+)`/g)) {
      const name = m[1];
      if (!/^[a-z][a-z0-9-]*$/.test(name)) continue;
      const before = raw.slice(0, m.index).toLowerCase();
      const after = raw.slice((m.index ?? 0) + m[0].length).toLowerCase();
      const writtenAsStack = /^ stacks?\b/.test(after) || /\bstacks?:? $/.test(before);
      if (PER_NAME_STACK.test(name) || writtenAsStack) out.push({ page, line: i + 1, name });
    }
  });
  return out;
}

interface JsonSchemaNode {
  readonly type?: string;
  readonly properties?: Record<string, JsonSchemaNode>;
  readonly additionalProperties?: JsonSchemaNode | boolean;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly oneOf?: readonly JsonSchemaNode[];
  readonly $ref?: string;
  readonly $defs?: Record<string, JsonSchemaNode>;
}

/** Both configuration files' JSON Schemas, as generated from the zod schema in src/config/schema.ts. */
const SCHEMAS: readonly JsonSchemaNode[] = Object.values(SCHEMA_FILES).map(
  ({ schema }) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode,
);

/** The nodes a value at `node` may be: through $ref and unions. */
function alternatives(node: JsonSchemaNode, root: JsonSchemaNode): JsonSchemaNode[] {
  if (node.$ref) {
    const target = root.$defs?.[node.$ref.replace("#/$defs/", "")];
    return target ? alternatives(target, root) : [];
  }
  const union = node.anyOf ?? node.oneOf;
  return union ? union.flatMap((n) => alternatives(n, root)) : [node];
}

/** Whether `segments` is a key path in `root` (`[]` steps into a list; `<name>` is any key of a map). */
function hasPath(root: JsonSchemaNode, segments: readonly string[]): boolean {
  let nodes = [root];
  for (const segment of segments) {
    const key = segment.replace(/\[\]$/, "");
    const next: JsonSchemaNode[] = [];
    for (const node of nodes.flatMap((n) => alternatives(n, root))) {
      const inner = node.type === "array" && node.items ? alternatives(node.items, root) : [node];
      for (const n of inner) {
        if (key.startsWith("<")) {
          if (typeof n.additionalProperties === "object") next.push(n.additionalProperties);
        } else if (n.properties?.[key]) next.push(n.properties[key]);
        else if (typeof n.additionalProperties === "object" && !n.properties)
          next.push(n.additionalProperties);
      }
    }
    if (next.length === 0) return false;
    nodes = next;
  }
  return true;
}

const TOP_LEVEL_KEYS = new Set(SCHEMAS.flatMap((s) => Object.keys(s.properties ?? {})));
const KEY_SEGMENT = String.raw`(?:[a-z][A-Za-z0-9]*|<[a-z][a-z-]*>)(?:\[\])?`;
const KEY_PATH = new RegExp(String.raw`^(${KEY_SEGMENT}(?:\.${KEY_SEGMENT})+)(?:\s*[:=].*)?$`);

/** A file name (`accounts.ledger.json`, `organization.yaml`), not a key path. */
const FILE_NAME = /\.(?:json|ya?ml|md|ts|js|txt)$/;

/** Dotted key paths in backticks whose first key is a top-level key of a configuration file. */
function keyPathsNamed(page: string, text: string): Reference[] {
  return codeOf(text)
    .filter(({ fenced }) => !fenced)
    .flatMap(({ line, code }) => {
      const m = KEY_PATH.exec(code.trim());
      if (!m || FILE_NAME.test(m[1])) return [];
      const first = m[1].split(".")[0].replace(/\[\]$/, "");
      return TOP_LEVEL_KEYS.has(first) ? [{ page, line, name: m[1] }] : [];
    });
}

/** Whether a key path exists in either configuration file's schema. */
function configHasKeyPath(keyPath: string): boolean {
  return SCHEMAS.some((schema) => hasPath(schema, keyPath.split(".")));
}

/** The stacks the example configuration builds (constructed, not synthesized: the names are all we need). */
function exampleStacks(): Set<string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-docs-references-"));
  try {
    const app = new App({ outdir });
    buildLandingZone(app, loadConfig(path.join(REPO_ROOT, "environments")), { mode: "aws" });
    return new Set(app.node.children.filter((c) => c instanceof TerraformStack).map((c) => c.node.id));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const show = (r: Reference) => `${r.page}:${r.line}: ${r.name}`;

describe("the docs name only what exists", () => {
  const pages = PAGES.map((page) => ({ page, text: read(page) }));

  it("reads the README, CONTRIBUTING.md and every docs page", () => {
    expect(PAGES).toEqual(expect.arrayContaining(["README.md", "CONTRIBUTING.md", "docs/development.md"]));
  });

  it("every `make <target>` is a target of the Makefile", () => {
    const targets = makefileTargets(read("Makefile"));
    const named = pages.flatMap(({ page, text }) => makeTargetsNamed(page, text));
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((r) => !targets.has(r.name)).map(show)).toEqual([]);
  });

  it("every stack named is one the example synthesizes (or make bootstrap's own)", () => {
    const stacks = exampleStacks();
    expect(stacks.has("organization")).toBe(true);
    const named = pages.flatMap(({ page, text }) => stacksNamed(page, text));
    expect(named.length).toBeGreaterThan(20);
    const unknown = named.filter((r) => !stacks.has(r.name) && r.name !== BOOTSTRAP_STACK_ID);
    expect(unknown.map(show)).toEqual([]);
  });

  it("every configuration key path is in the schema", () => {
    const named = pages.flatMap(({ page, text }) => keyPathsNamed(page, text));
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((r) => !configHasKeyPath(r.name)).map(show)).toEqual([]);
  });

  it("no table line of the README is longer than 200 characters", () => {
    const long = read("README.md")
      .split("\n")
      .map((text, i) => ({ line: i + 1, length: text.length, table: text.startsWith("|") }))
      .filter((l) => l.table && l.length > 200);
    expect(long).toEqual([]);
  });
});

describe("the reference finders see what a reader would follow", () => {
  it("finds make targets in code, not in prose or in a command's output", () => {
    const page = [
      "Run `make local STACK=a,b` or `LZ_ACCESS=deploy make plan`; make sure `make` is installed.",
      "```sh",
      "$ make vend NAME=x",
      "make drift STACK=organization",
      "Next: make preflight",
      "```",
    ].join("\n");
    expect(makeTargetsNamed("p.md", page).map(show)).toEqual([
      "p.md:1: local",
      "p.md:1: plan",
      "p.md:3: vend",
      "p.md:4: drift",
    ]);
    expect(makefileTargets("a: b\nX := 1\n.PHONY: a\nlocal-down: $(DEPS) ## x\n")).toEqual(
      new Set(["a", "local-down"]),
    );
  });

  it("finds per-account and per-environment stacks, and names written as stacks", () => {
    const page = [
      "The `baseline-phi-prod` and `network-nowhere` stacks; the `organization` stack; stacks `security`;",
      "the `accounts` group; `baseline-*`; `baseline-<account>`; the `lz-deploy` role; `network-and-baseline.md`",
    ].join("\n");
    expect(stacksNamed("p.md", page).map(show)).toEqual([
      "p.md:1: baseline-phi-prod",
      "p.md:1: network-nowhere",
      "p.md:1: organization",
      "p.md:1: security",
    ]);
  });

  it("finds key paths whose first key is a configuration key, and judges them by the schema", () => {
    const page = [
      "`backup.plans`, `roles.plan`, `identityCenter.permissionSets[].sessionHours`,",
      "`ec2DeclarativePolicy.vpcBlockPublicAccess: unmanaged`, `limits.noSuchLimit`, `tags.<key>`",
      "`config.amazonaws.com`, `accounts.ledger.json`, `s3:GetObject`, `src/config/schema.ts`",
    ].join("\n");
    const named = keyPathsNamed("p.md", page);
    expect(named.map(show)).toEqual([
      "p.md:1: backup.plans",
      "p.md:1: roles.plan",
      "p.md:1: identityCenter.permissionSets[].sessionHours",
      "p.md:2: ec2DeclarativePolicy.vpcBlockPublicAccess",
      "p.md:2: limits.noSuchLimit",
      "p.md:2: tags.<key>",
    ]);
    expect(named.filter((r) => !configHasKeyPath(r.name)).map((r) => r.name)).toEqual(["limits.noSuchLimit"]);
  });
});
