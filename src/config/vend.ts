// Account vending as a configuration change: adds an account to organization.yaml and its environment file where
// a person would have written it, keeping every other byte, after checking the request and the whole resulting
// configuration; or, for an environment not yet configured, writes its file with the next free range of its
// segment's address pool. A new account inherits its OU's SCPs, the baseline and detective controls (164.308(a)(1)).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, YAMLMap, YAMLSeq } from "yaml";
import { ConfigError, ConfigIssue, displayPath as shown, LandingZoneError } from "./errors";
import { LEDGER_FILE, ledgerPath, readLedger, recordAccounts, renderLedger } from "./ledger";
import { configDir, loadConfig, ORGANIZATION_FILE } from "./load";
import { Cidr, formatCidr, nextFreeBlock, parseCidr } from "./cidr";
import {
  flattenOus,
  homePool,
  IpamPool,
  ipamPools,
  ipamPoolsInUse,
  networkAccountVpcs,
  SUSPENDED_OU,
} from "./model";
import { list } from "./checks/sources";
import {
  ACCOUNT_NAME_PATTERN,
  ACCOUNT_NAME_RULE,
  AccountConfig,
  AccountSchema,
  ENVIRONMENT_NAME_PATTERN,
  ENVIRONMENT_NAME_RULE,
  LandingZoneConfig,
} from "./schema";
import { DATA_CLASSIFICATIONS, DataClassification } from "../policies/data-classification";
import { Segment, SEGMENTS } from "../policies/transit-gateway";

/** What the operator asked for: `make vend NAME= EMAIL= OU= ENV=` and the optional fields. */
export interface VendRequest {
  /** The account's name (kebab-case). */
  readonly name: string;
  /** The account's root email, unique across AWS. */
  readonly email: string;
  /** The path of the OU the account joins, e.g. Workloads/NonProd. */
  readonly ou: string;
  /** The environment the account belongs to. */
  readonly environment: string;
  /**
   * The accountable team.
   * @default - none
   */
  readonly owner?: string;
  /**
   * The cost center billed.
   * @default - none
   */
  readonly costCenter?: string;
  /**
   * Whether the account holds PHI; must agree with the environment.
   * @default - the environment's `phi`
   */
  readonly dataClassification?: string;
  /**
   * Extra tags, as a map or as the TAGS text `key=value,key=value`.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>> | string;
  /**
   * The hub segment of a new environment (ENV naming none yet): its file is written with the account as its VPC's
   * account and the next free range of that segment's pool (network.ipam.pools). Refused for an existing one.
   * @default - none: ENV must name an existing environment
   */
  readonly segment?: string;
}

/** An environment a vend creates, and where its VPC's range came from. */
export interface NewEnvironment {
  readonly name: string;
  readonly segment: Segment;
  /** The next free block of the segment's pool in the home region. */
  readonly cidr: string;
  /** The pool it came from. */
  readonly pool: IpamPool;
}

/** One file the vend changes. */
export interface FileEdit {
  /** Absolute path. */
  readonly file: string;
  /** The path shown to the operator. */
  readonly displayPath: string;
  /** The file's text before. */
  readonly before: string;
  /** The file's text after. */
  readonly after: string;
}

/** A checked vend: the edits to write and the configuration before and after. */
export interface VendPlan {
  /** The files to write, in order. */
  readonly edits: readonly FileEdit[];
  /** The configuration as it is. */
  readonly before: LandingZoneConfig;
  /** The configuration with the account. */
  readonly after: LandingZoneConfig;
  /** The new account's entry as written. */
  readonly account: AccountConfig;
  /** The environment the vend creates, when ENV named none. */
  readonly newEnvironment?: NewEnvironment;
}

const FLAG = {
  name: "NAME",
  email: "EMAIL",
  ou: "OU",
  environment: "ENV",
  owner: "OWNER",
  costCenter: "COST_CENTER",
  dataClassification: "DATA_CLASSIFICATION",
  tags: "TAGS",
  segment: "SEGMENT",
} as const;

function requestIssue(field: keyof typeof FLAG, received: unknown, message: string): ConfigIssue {
  return { file: "make vend", path: [FLAG[field]], received, message };
}

/**
 * Checks the request against the current configuration: every problem at once, and the environment it creates
 * when ENV names none yet and nothing is wrong with that.
 */
function checkRequest(
  request: VendRequest,
  config: LandingZoneConfig,
  ledgerAccounts: ReadonlyArray<{ name: string; email: string }>,
  orgFile: string,
): { issues: ConfigIssue[]; created?: NewEnvironment } {
  const issues: ConfigIssue[] = [];
  let created: NewEnvironment | undefined;
  const org = config.organization;
  const existing = org.accounts.findIndex((a) => a.name === request.name);
  if (!ACCOUNT_NAME_PATTERN.test(request.name)) {
    issues.push(requestIssue("name", request.name, `expected an account name: ${ACCOUNT_NAME_RULE}`));
  } else if (existing >= 0) {
    issues.push(
      requestIssue(
        "name",
        request.name,
        `expected a new account name: "${request.name}" already exists (${orgFile} accounts[${existing}]); vending it again would change nothing`,
      ),
    );
  } else if (ledgerAccounts.some((a) => a.name === request.name)) {
    issues.push(
      requestIssue(
        "name",
        request.name,
        `expected a new account name: "${request.name}" was removed and is kept in the ${SUSPENDED_OU} OU; to bring it back, restore its entry in ${orgFile} (docs/vending.md)`,
      ),
    );
  }

  const email = AccountSchema.shape.email.safeParse(request.email);
  if (!email.success) {
    issues.push(requestIssue("email", request.email, email.error.issues[0].message));
  } else {
    const lower = request.email.toLowerCase();
    const holder =
      org.accounts.find((a) => a.email.toLowerCase() === lower) ??
      ledgerAccounts.find((a) => a.email.toLowerCase() === lower);
    if (holder && holder.name !== request.name) {
      issues.push(
        requestIssue(
          "email",
          request.email,
          `expected an email no other account uses (account "${holder.name}" uses it; AWS requires a unique root email per account)`,
        ),
      );
    }
  }

  const ous = flattenOus(org.organizationalUnits).filter((ou) => ou.path !== SUSPENDED_OU);
  if (!ous.some((ou) => ou.path === request.ou)) {
    issues.push(
      requestIssue(
        "ou",
        request.ou,
        `expected one of the OU paths: ${ous.map((ou) => ou.path).join(", ")}` +
          (request.ou === SUSPENDED_OU ? ` (${SUSPENDED_OU} holds removed accounts, not new ones)` : ""),
      ),
    );
  }

  const existingEnvironment = config.environments.find((e) => e.name === request.environment);
  if (existingEnvironment && request.segment !== undefined) {
    issues.push(
      requestIssue(
        "segment",
        request.segment,
        `expected no SEGMENT: environment "${existingEnvironment.name}" exists${existingEnvironment.network.segment ? ` and its VPC is in the ${existingEnvironment.network.segment} segment` : ""}; SEGMENT is for a new environment`,
      ),
    );
  }
  if (!existingEnvironment) {
    const environment = newEnvironment(request, config, orgFile);
    if (Array.isArray(environment)) issues.push(...environment);
    else created = environment;
  }

  if (
    request.dataClassification !== undefined &&
    !(DATA_CLASSIFICATIONS as readonly string[]).includes(request.dataClassification)
  ) {
    issues.push(
      requestIssue(
        "dataClassification",
        request.dataClassification,
        `expected one of: ${DATA_CLASSIFICATIONS.join(", ")}`,
      ),
    );
  }
  for (const [field, value] of [
    ["owner", request.owner],
    ["costCenter", request.costCenter],
  ] as const) {
    if (value !== undefined && value.trim() === "") {
      issues.push(requestIssue(field, value, "expected a non-empty value, or leave it out"));
    }
  }
  const parsedTags = tagsOf(request.tags);
  if (typeof parsedTags === "string") issues.push(requestIssue("tags", request.tags, parsedTags));
  else {
    const tags = AccountSchema.shape.tags.safeParse(parsedTags);
    if (!tags.success) issues.push(requestIssue("tags", request.tags, tags.error.issues[0].message));
  }
  return { issues, created };
}

/**
 * The environment ENV names when it names none yet: it needs an address plan (network.ipam.pools, which needs the
 * hub), a SEGMENT with a pool in the home region, and a free block of network.ipam.vpcNetmaskLength there. Taken
 * are every range the configuration holds: the environments', the network account's VPCs' and on-premises'.
 * Returns what is wrong instead when it cannot.
 */
function newEnvironment(
  request: VendRequest,
  config: LandingZoneConfig,
  orgFile: string,
): NewEnvironment | ConfigIssue[] {
  const org = config.organization;
  const environments = config.environments.map((e) => e.name);
  const unknown = `expected one of the environments: ${list(environments)}`;
  if (request.environment === ORGANIZATION_FILE.replace(/\.ya?ml$/, ""))
    return [
      requestIssue(
        "environment",
        request.environment,
        `${unknown}, or a new environment name other than "${request.environment}" (its file would be ${orgFile})`,
      ),
    ];
  if (!ENVIRONMENT_NAME_PATTERN.test(request.environment))
    return [
      requestIssue(
        "environment",
        request.environment,
        `${unknown}, or a new environment name: ${ENVIRONMENT_NAME_RULE}`,
      ),
    ];
  if (ipamPoolsInUse(config).length === 0)
    return [
      requestIssue(
        "environment",
        request.environment,
        `${unknown}; a new environment takes its VPC's range from network.ipam.pools, and ${orgFile} has none (docs/network-and-baseline.md#address-plan)`,
      ),
    ];
  if (request.segment === undefined || !(SEGMENTS as readonly string[]).includes(request.segment))
    return [
      requestIssue(
        "segment",
        request.segment,
        `expected the new environment "${request.environment}"'s hub segment: one of ${SEGMENTS.join(", ")}`,
      ),
    ];
  const segment = request.segment as Segment;
  const pool = homePool(org, segment);
  if (!pool)
    return [
      requestIssue(
        "segment",
        segment,
        `expected a segment with a pool in ${org.homeRegion}, where every environment's VPC is: network.ipam.pools in ${orgFile} has ${list(
          ipamPools(org)
            .filter((p) => p.region === org.homeRegion)
            .map((p) => p.segment),
        )}`,
      ),
    ];
  const taken = [
    ...config.environments.map((e) => e.cidr),
    ...networkAccountVpcs(config).map((vpc) => vpc.cidr),
    ...org.network.hybrid.onPremisesCidrs,
  ].map((text) => parseCidr(text) as Cidr);
  const prefix = org.network.ipam.vpcNetmaskLength;
  const block = nextFreeBlock(parseCidr(pool.cidr) as Cidr, prefix, taken);
  if (!block)
    return [
      requestIssue(
        "segment",
        segment,
        `expected a pool with a free /${prefix}: the ${segment} pool of ${org.homeRegion} (${pool.cidr}) has none left beside ${list(config.environments.filter((e) => e.network.segment === segment).map((e) => `${e.name} ${e.cidr}`))}; widen network.ipam.pools.${segment}.${org.homeRegion} in ${orgFile}`,
      ),
    ];
  return { name: request.environment, segment, cidr: formatCidr(block), pool };
}

/** A new environment's file, laid out as the example's are. */
function environmentFile(created: NewEnvironment, request: VendRequest): string {
  const phi = request.dataClassification !== "non-phi";
  return [
    "# yaml-language-server: $schema=../schema/environment.schema.json",
    `# The ${created.name} environment, created by make vend: its accounts and its PHI VPC range. Reference: docs/configuration.md.`,
    `name: ${scalar(created.name)}`,
    `phi: ${phi}${phi ? " # holds PHI: every detective and network control is mandatory" : " # no PHI may be stored here"}`,
    "accounts:",
    `  - ${scalar(request.name)}`,
    `cidr: ${created.cidr} # the next free /${created.cidr.split("/")[1]} of the ${created.segment} pool of ${created.pool.region} (${created.pool.cidr})`,
    "network:",
    `  segment: ${created.segment} # the hub segment this VPC joins (docs/network-and-baseline.md)`,
    "",
  ].join("\n");
}

/** The account entry to write, keys in the order the example configuration uses. */
function accountEntry(request: VendRequest): AccountConfig {
  const tags = tagsOf(request.tags) as Record<string, string> | undefined;
  return {
    name: request.name,
    email: request.email,
    ou: request.ou,
    ...(request.owner !== undefined ? { owner: request.owner } : {}),
    ...(request.costCenter !== undefined ? { costCenter: request.costCenter } : {}),
    ...(request.dataClassification !== undefined
      ? { dataClassification: request.dataClassification as DataClassification }
      : {}),
    ...(tags && Object.keys(tags).length > 0 ? { tags } : {}),
  };
}

/** A scalar as YAML writes it: plain when safe, quoted when not. */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** The offset just past the end of the line that holds `offset - 1`. */
function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf("\n", Math.max(0, offset - 1));
  return newline === -1 ? text.length : newline + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

function cannotPlace(file: string, why: string): never {
  throw new LandingZoneError(
    `${file}: cannot add the account automatically: ${why}. Add it by hand (docs/vending.md).`,
  );
}

/**
 * The organization file with the entry inserted after the last account in the same OU (or, failing that, in
 * the same top-level OU, or at the end), indented like its neighbours.
 */
function insertAccount(text: string, file: string, entry: AccountConfig): string {
  const document = parseDocument(text, { lineCounter: new LineCounter() });
  const accounts = document.get("accounts", true);
  if (!isSeq(accounts) || accounts.flow || accounts.items.length === 0) {
    cannotPlace(file, "accounts is not a block list with at least one entry");
  }
  const items = (accounts as YAMLSeq).items;
  const ouOf = (item: unknown) => (isMap(item) ? String((item as YAMLMap).get("ou")) : "");
  const top = entry.ou.split("/")[0];
  const lastIndex = (match: (ou: string) => boolean) =>
    items.reduce<number>((found, item, index) => (match(ouOf(item)) ? index : found), -1);
  let anchor = lastIndex((ou) => ou === entry.ou);
  if (anchor < 0) anchor = lastIndex((ou) => ou.split("/")[0] === top);
  if (anchor < 0) anchor = items.length - 1;
  const item = items[anchor] as YAMLMap;
  if (!isMap(item) || !item.range) cannotPlace(file, `accounts[${anchor}] is not a mapping`);
  const keyColumn = columnOf(text, item.range[0]);
  const dashColumn = keyColumn - 2;
  if (dashColumn < 0 || text.slice(item.range[0] - 2, item.range[0]) !== "- ") {
    cannotPlace(file, `accounts[${anchor}] is not written as "- key: value"`);
  }
  const pad = " ".repeat(keyColumn);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    const prefix = lines.length === 0 ? `${" ".repeat(dashColumn)}- ` : pad;
    if (typeof value === "object") {
      lines.push(`${prefix}${key}:`);
      for (const [k, v] of Object.entries(value as Record<string, string>)) {
        lines.push(`${pad}  ${scalar(k)}: ${scalar(v)}`);
      }
    } else lines.push(`${prefix}${key}: ${scalar(String(value))}`);
  }
  const at = endOfLine(text, item.range[1]);
  const before = text.slice(0, at);
  return `${before}${before.endsWith("\n") ? "" : "\n"}${lines.join("\n")}\n${text.slice(at)}`;
}

/** The environment file with the account's name appended to `accounts`, block or flow style. */
function insertEnvironmentAccount(text: string, file: string, name: string): string {
  const document = parseDocument(text);
  const accounts = document.get("accounts", true);
  if (!isSeq(accounts) || !accounts.range) cannotPlace(file, "accounts is not a list");
  const seq = accounts as YAMLSeq;
  if (seq.flow) {
    const [start, end] = [seq.range![0], seq.range![1]];
    const body = text.slice(start, end);
    const close = body.lastIndexOf("]");
    const inner = body.slice(1, close).trim();
    const replaced = `[${inner === "" ? name : `${inner.replace(/,\s*$/, "")}, ${name}`}]`;
    return text.slice(0, start) + replaced + body.slice(close + 1) + text.slice(end);
  }
  const last = seq.items[seq.items.length - 1];
  if (!isScalar(last) || !last.range) cannotPlace(file, "accounts is not a list of account names");
  const column = columnOf(text, last.range![0]);
  const at = endOfLine(text, last.range![1]);
  const before = text.slice(0, at);
  return `${before}${before.endsWith("\n") ? "" : "\n"}${" ".repeat(column - 2)}- ${scalar(name)}\n${text.slice(at)}`;
}

/** Maps issues found in the scratch copy back to the real files' paths. */
function realPaths(issues: readonly ConfigIssue[], scratch: string, dir: string): ConfigIssue[] {
  return issues.map((issue) => {
    const absolute = path.resolve(issue.file);
    if (!absolute.startsWith(scratch)) return issue;
    return { ...issue, file: shown(path.join(dir, path.relative(scratch, absolute))) };
  });
}

/** Checks the request and the resulting configuration; writes nothing. Throws ConfigError with every problem. */
export function planVend(request: VendRequest, dir: string = configDir()): VendPlan {
  let before: LandingZoneConfig;
  try {
    before = loadConfig(dir);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new LandingZoneError(
        `The configuration is already invalid; fix it before vending (make validate).\n${error.message}`,
      );
    }
    throw error;
  }
  const orgPath = path.join(dir, ORGANIZATION_FILE);
  const ledgerIssues: ConfigIssue[] = [];
  const ledger = readLedger(dir, shown(ledgerPath(dir)), ledgerIssues);
  const { issues, created } = checkRequest(request, before, ledger.accounts, shown(orgPath));
  if (issues.length > 0) throw new ConfigError(issues);

  const entry = accountEntry(request);
  // Validation has already tied each environment's name to its file's name.
  const envFile = created
    ? path.join(dir, `${created.name}.yaml`)
    : path.join(
        dir,
        fs
          .readdirSync(dir)
          .find((f) => f.replace(/\.ya?ml$/, "") === request.environment && f !== ORGANIZATION_FILE)!,
      );
  const orgText = fs.readFileSync(orgPath, "utf8");
  const envText = created ? "" : fs.readFileSync(envFile, "utf8");
  const ledgerFile = ledgerPath(dir);
  const ledgerText = fs.existsSync(ledgerFile) ? fs.readFileSync(ledgerFile, "utf8") : "";
  const edits: FileEdit[] = [
    {
      file: orgPath,
      displayPath: shown(orgPath),
      before: orgText,
      after: insertAccount(orgText, shown(orgPath), entry),
    },
    {
      file: envFile,
      displayPath: shown(envFile),
      before: envText,
      after: created
        ? environmentFile(created, request)
        : insertEnvironmentAccount(envText, shown(envFile), request.name),
    },
    {
      file: ledgerFile,
      displayPath: shown(ledgerFile),
      before: ledgerText,
      after: renderLedger(recordAccounts(ledger, [...before.organization.accounts, entry]).ledger),
    },
  ];

  // The whole configuration is checked again as it will be, in a scratch copy, so every foundation rule (SCP
  // quotas, PHI placement, Identity Center scopes of the OU's assignments) applies to the new account.
  const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "lz-vend-")));
  try {
    for (const f of fs.readdirSync(dir)) {
      if (/\.ya?ml$/.test(f) || f === LEDGER_FILE) fs.copyFileSync(path.join(dir, f), path.join(scratch, f));
    }
    for (const edit of edits) fs.writeFileSync(path.join(scratch, path.basename(edit.file)), edit.after);
    let after: LandingZoneConfig;
    try {
      after = loadConfig(scratch);
    } catch (error) {
      if (error instanceof ConfigError) throw new ConfigError(realPaths(error.issues, scratch, dir));
      throw error;
    }
    const written = after.organization.accounts.find((a) => a.name === request.name);
    const expected = AccountSchema.parse(entry);
    if (JSON.stringify(written) !== JSON.stringify(expected)) {
      throw new Error(`vend: the edited ${shown(orgPath)} does not read back the entry it was given`);
    }
    return { edits, before, after, account: expected, newEnvironment: created };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Writes a checked vend's edits. */
export function applyVend(plan: VendPlan): void {
  for (const edit of plan.edits) fs.writeFileSync(edit.file, edit.after);
}

/** Tags from a map or from `key=value,key=value` text; a string result is what is wrong with the text. */
function tagsOf(raw: VendRequest["tags"]): Record<string, string> | undefined | string {
  if (raw === undefined) return undefined;
  if (typeof raw !== "string") return { ...raw };
  if (raw.trim() === "") return undefined;
  const tags: Record<string, string> = {};
  for (const pair of raw.split(",")) {
    const at = pair.indexOf("=");
    if (at <= 0) return `expected key=value pairs separated by commas; "${pair}" is not key=value`;
    tags[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return tags;
}

/**
 * A file edit as a unified diff (`---`/`+++` headers, `@@ -a,b +c,d @@` hunks with `context` unchanged lines
 * around each change), so the operator reviews exactly the lines make vend writes.
 */
export function editDiff(edit: FileEdit, context = 2): string[] {
  const a = edit.before === "" ? [] : edit.before.replace(/\n$/, "").split("\n");
  const b = edit.after.replace(/\n$/, "").split("\n");
  // Longest common subsequence by dynamic programming: the files vend edits are a few hundred lines.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: Array<{ op: " " | "-" | "+"; line: string; ai: number; bi: number }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ op: " ", line: a[i++], ai: i, bi: ++j });
    // A line removed is listed before the line that replaces it, as diff does.
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1]))
      ops.push({ op: "-", line: a[i++], ai: i, bi: j });
    else ops.push({ op: "+", line: b[j++], ai: i, bi: j });
  }
  const changed = ops.map((o, k) => (o.op === " " ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return [];
  const lines = [`--- ${edit.before === "" ? "/dev/null" : edit.displayPath}`, `+++ ${edit.displayPath}`];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = Math.min(ops.length, changed[k] + context + 1);
    while (k + 1 < changed.length && changed[k + 1] - context <= end) {
      k++;
      end = Math.min(ops.length, changed[k] + context + 1);
    }
    const hunk = ops.slice(start, end);
    // Line numbers before the hunk's first line on each side (ai/bi count lines consumed up to and including it).
    const firstA = hunk[0].op === "+" ? hunk[0].ai : hunk[0].ai - 1;
    const firstB = hunk[0].op === "-" ? hunk[0].bi : hunk[0].bi - 1;
    const countA = hunk.filter((o) => o.op !== "+").length;
    const countB = hunk.filter((o) => o.op !== "-").length;
    lines.push(
      `@@ -${countA === 0 ? firstA : firstA + 1},${countA} +${countB === 0 ? firstB : firstB + 1},${countB} @@`,
    );
    for (const o of hunk) lines.push(`${o.op}${o.line}`);
    k++;
  }
  return lines;
}

/**
 * The line `make vend` prints once its plan is on screen, before the access proofs that take most of a large
 * organization's time: what a person waits for to read the plan, and what `make bench` times.
 */
export function plannedLine(seconds: number): string {
  return `Planned in ${seconds.toFixed(1)}s; now proving every access path of the new configuration (make verify) before anything is written.`;
}

/** The seconds of a plannedLine in a vend's output, if it printed one. */
export function plannedSeconds(output: string): number | undefined {
  const match = /^Planned in ([0-9.]+)s;/m.exec(output);
  return match ? Number(match[1]) : undefined;
}
