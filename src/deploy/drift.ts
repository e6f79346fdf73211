// Reads Terraform plans for drift: what changed in the real world since the last apply (the plan's refresh, the
// same objects `terraform plan -refresh-only` shows) versus what code or configuration would change. Rates drift
// on a HIPAA control critical, so an out-of-band change to a safeguard is reviewed (164.308(a)(1)(ii)(D)).
import * as fs from "fs";
import * as path from "path";
import { controlFor } from "../config/resource-controls";
import { sectionLabel } from "../policies/hipaa-sections";

/** One resource's change in a plan's JSON (`terraform show -json`). */
export interface PlanResourceChange {
  /** The resource address. */
  readonly address: string;
  /** "managed" or "data". */
  readonly mode?: string;
  /** The resource type. */
  readonly type: string;
  /** The change. */
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
  };
}

/** The parts of a plan's JSON that drift detection reads. */
export interface PlanJson {
  /** Objects that changed outside Terraform: prior state against the refreshed real world. */
  readonly resource_drift?: readonly PlanResourceChange[];
  /** What applying the configuration would do. */
  readonly resource_changes?: readonly PlanResourceChange[];
}

/** One attribute that differs, with values masked where Terraform marks them sensitive. */
export interface AttributeChange {
  /** Its path, e.g. `enable_key_rotation` or `policy.Statement[2].Condition`. */
  readonly path: string;
  /** The value before: for drift, what the last apply left; for a pending change, the current value. */
  readonly before: unknown;
  /** The value after: for drift, what AWS holds now; for a pending change, what the apply would set. */
  readonly after: unknown;
}

/** "critical" drift on a HIPAA control, "warning" drift elsewhere, "info" for changes not yet applied. */
export type Severity = "critical" | "warning" | "info";

/** One resource that drifted or has a change waiting. */
export interface DriftFinding {
  /** The stack. */
  readonly stack: string;
  /** The resource address within the stack. */
  readonly address: string;
  /** The resource type. */
  readonly resourceType: string;
  /** "drift": the real world changed; "pending-change": code or configuration changed. */
  readonly kind: "drift" | "pending-change";
  /** For drift "changed" or "deleted"; for a pending change "create", "update", "delete" or "replace". */
  readonly action: string;
  /** What the next apply would do to this resource ("none" when the configuration does not manage the change). */
  readonly nextApply: string;
  /** The attributes that differ. */
  readonly changedAttributes: readonly AttributeChange[];
  /** How urgent it is. */
  readonly severity: Severity;
  /** The HIPAA control the resource implements, when it implements one. */
  readonly control?: string;
  /** The 45 CFR sections that control serves, as labels ("164.312(b) audit controls"). */
  readonly sections?: readonly string[];
}

/** One stack's outcome. */
export interface StackResult {
  /** The stack. */
  readonly stack: string;
  /** "error" when it could not be planned; a failed stack is never counted as clean. */
  readonly status: "clean" | "drifted" | "pending" | "error";
  /** Resources that drifted. */
  readonly drifted: number;
  /** Resources with pending changes (not drifted). */
  readonly pending: number;
  /** Resources the plan could not check (local emulator only: planned-only resources). */
  readonly notChecked: number;
  /** Why the stack failed, when it did. */
  readonly error?: string;
  /** How long its plan took, in seconds. */
  readonly seconds: number;
}

/** A whole drift run: `drift/report.json`. */
export interface DriftReport {
  /** The report format's version. */
  readonly version: 1;
  /** When the run finished (ISO 8601). */
  readonly generatedAt: string;
  /** "aws" or "local" (the emulator). */
  readonly target: "aws" | "local";
  /** Every stack planned, in the order they were listed. */
  readonly stacks: readonly StackResult[];
  /** Every finding, drift first, critical first. */
  readonly findings: readonly DriftFinding[];
}

const SENSITIVE = "(sensitive)";
const UNKNOWN = "(known after apply)";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A zero value: null, "", 0, false, [] or {}. The AWS provider is mostly built on Terraform's legacy SDK, which
 * cannot tell null from a zero value, so state and a refresh disagree between them (tags null against {}) without
 * anything having changed in AWS.
 */
function isZero(v: unknown): boolean {
  if (v === null || v === undefined || v === "" || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

function same(a: unknown, b: unknown): boolean {
  return (isZero(a) && isZero(b)) || JSON.stringify(a) === JSON.stringify(b);
}

/** A JSON document inside a string attribute (policies), parsed so its inner differences can be named. */
function parsedJson(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

const child = (marks: unknown, key: string | number): unknown =>
  marks === true ? true : isObject(marks) || Array.isArray(marks) ? (marks as never)[key] : undefined;

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

/**
 * The attributes that differ between `before` and `after`, as leaf paths where both sides are objects or
 * equally long lists, and whole values elsewhere. Values Terraform marks sensitive are masked on both sides.
 */
export function changedAttributes(change: PlanResourceChange["change"]): AttributeChange[] {
  const out: AttributeChange[] = [];
  const walk = (
    before: unknown,
    after: unknown,
    path: string,
    beforeSensitive: unknown,
    afterSensitive: unknown,
    unknown: unknown,
  ) => {
    if (beforeSensitive === true || afterSensitive === true) {
      if (!same(before, after)) out.push({ path, before: SENSITIVE, after: SENSITIVE });
      return;
    }
    if (unknown === true) {
      out.push({ path, before, after: UNKNOWN });
      return;
    }
    if (same(before, after)) return;
    // A map against null (tags never set, then set by hand) compares as a map against {}, so the path names the
    // key that changed whichever way the state recorded "nothing".
    const beforeMap = isObject(before) ? before : isZero(before) && isObject(after) ? {} : undefined;
    const afterMap = isObject(after) ? after : isZero(after) && isObject(before) ? {} : undefined;
    if (beforeMap && afterMap) {
      for (const key of [...new Set([...Object.keys(beforeMap), ...Object.keys(afterMap)])].sort()) {
        walk(
          beforeMap[key],
          afterMap[key],
          join(path, key),
          child(beforeSensitive, key),
          child(afterSensitive, key),
          child(unknown, key),
        );
      }
      return;
    }
    if (Array.isArray(before) && Array.isArray(after) && path !== "") {
      // Terraform reads sets as lists in any order: compare them as multisets first.
      const beforeKeys = before.map((v) => JSON.stringify(v));
      const afterKeys = after.map((v) => JSON.stringify(v));
      if (JSON.stringify([...beforeKeys].sort()) === JSON.stringify([...afterKeys].sort())) return;
      if (before.length !== after.length) {
        const removed = before.filter((_, i) => !afterKeys.includes(beforeKeys[i]));
        const added = after.filter((_, i) => !beforeKeys.includes(afterKeys[i]));
        const shared = removed.length + added.length < before.length + after.length;
        // With items in common, only the items that differ: the rule someone added, not the whole list.
        out.push(
          shared
            ? { path: `${path} (items that differ)`, before: removed, after: added }
            : { path, before, after },
        );
        return;
      }
      before.forEach((item, i) =>
        walk(
          item,
          after[i],
          join(path, i),
          child(beforeSensitive, i),
          child(afterSensitive, i),
          child(unknown, i),
        ),
      );
      return;
    }
    const parsedBefore = parsedJson(before);
    const parsedAfter = parsedJson(after);
    if (parsedBefore !== undefined && parsedAfter !== undefined) {
      if (!same(parsedBefore, parsedAfter))
        walk(parsedBefore, parsedAfter, path, undefined, undefined, undefined);
      return;
    }
    out.push({ path, before: before ?? null, after: after ?? null });
  };
  walk(
    change.before ?? null,
    change.after ?? null,
    "",
    change.before_sensitive,
    change.after_sensitive,
    change.after_unknown,
  );
  return out;
}

const NO_OP = new Set(["no-op", "read"]);

/** "create", "update", "delete" or "replace" for a plan's action list; "none" for no-op. */
export function actionName(actions: readonly string[]): string {
  if (actions.includes("create") && actions.includes("delete")) return "replace";
  const action = actions.find((a) => !NO_OP.has(a));
  return action ?? "none";
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Findings in report order: drift before pending, critical first, then by stack and address. */
export function sortFindings(findings: readonly DriftFinding[]): DriftFinding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.stack.localeCompare(b.stack) ||
      a.address.localeCompare(b.address),
  );
}

/** Whether two attribute paths overlap: equal, or one inside the other. */
function overlaps(a: string, b: string): boolean {
  const inside = (x: string, y: string) => x.startsWith(`${y}.`) || x.startsWith(`${y}[`);
  return a === b || inside(a, b) || inside(b, a);
}

/**
 * Classifies one stack's plan. Drift is a resource deleted outside Terraform, or one whose attributes changed
 * outside Terraform where the configuration would change them back: the drifted attributes overlap what the plan
 * changes. Other refresh differences are computed values that follow other resources (an OU's account list after
 * accounts were added) or settings the configuration does not manage; AWS Config rules watch those. A planned
 * change that no drift explains is a pending change. Addresses in `notChecked` (resources the local emulator
 * cannot create) are left out: their plan always says "create", which is neither.
 */
export function classifyPlan(
  stack: string,
  plan: PlanJson,
  notChecked: ReadonlySet<string> = new Set(),
): DriftFinding[] {
  const managed = (r: PlanResourceChange) =>
    (r.mode ?? "managed") === "managed" && !notChecked.has(r.address);
  const planned = new Map<string, { action: string; attributes: AttributeChange[] }>();
  for (const r of (plan.resource_changes ?? []).filter(managed)) {
    const action = actionName(r.change.actions);
    if (action === "none") continue;
    const attributes = action === "update" || action === "replace" ? changedAttributes(r.change) : [];
    planned.set(r.address, { action, attributes });
  }
  const findings: DriftFinding[] = [];
  const drifted = new Set<string>();
  const controlOf = (type: string): Pick<DriftFinding, "control" | "sections"> => {
    const control = controlFor(type);
    return control ? { control: control.control, sections: control.sections.map(sectionLabel) } : {};
  };
  for (const r of (plan.resource_drift ?? []).filter(managed)) {
    const action = actionName(r.change.actions);
    const next = planned.get(r.address);
    let attributes: AttributeChange[] = [];
    if (action === "update") {
      if (!next) continue;
      attributes = changedAttributes(r.change).filter((a) =>
        next.attributes.some((p) => overlaps(a.path, p.path)),
      );
      if (attributes.length === 0) continue;
    } else if (action !== "delete") continue;
    drifted.add(r.address);
    const control = controlOf(r.type);
    findings.push({
      stack,
      address: r.address,
      resourceType: r.type,
      kind: "drift",
      action: action === "delete" ? "deleted" : "changed",
      nextApply: next?.action ?? "none",
      changedAttributes: attributes,
      severity: control.control ? "critical" : "warning",
      ...control,
    });
  }
  for (const r of (plan.resource_changes ?? []).filter(managed)) {
    const next = planned.get(r.address);
    if (!next || drifted.has(r.address)) continue;
    findings.push({
      stack,
      address: r.address,
      resourceType: r.type,
      kind: "pending-change",
      action: next.action,
      nextApply: next.action,
      changedAttributes: next.attributes,
      severity: "info",
      ...controlOf(r.type),
    });
  }
  return findings;
}

/** The stack's status from its findings. */
export function stackStatus(findings: readonly DriftFinding[]): StackResult["status"] {
  if (findings.some((f) => f.kind === "drift")) return "drifted";
  return findings.length > 0 ? "pending" : "clean";
}

/** 1 when a stack failed, 2 when something drifted, 0 otherwise (pending changes alone are not drift). */
export function driftExitCode(report: DriftReport): 0 | 1 | 2 {
  if (report.stacks.some((s) => s.status === "error")) return 1;
  return report.findings.some((f) => f.kind === "drift") ? 2 : 0;
}

/**
 * Merges per-stack reports (one CI job each) into one. A stack in `expected` without a report is an error:
 * a job that died before writing its report must never read as clean.
 */
export function mergeReports(reports: readonly DriftReport[], expected: readonly string[]): DriftReport {
  const stacks = new Map<string, StackResult>();
  for (const report of reports)
    for (const s of report.stacks) if (!stacks.has(s.stack)) stacks.set(s.stack, s);
  for (const name of expected) {
    if (!stacks.has(name)) {
      stacks.set(name, {
        stack: name,
        status: "error",
        drifted: 0,
        pending: 0,
        notChecked: 0,
        error: "no report: the stack's drift job did not produce one (see its job log)",
        seconds: 0,
      });
    }
  }
  const targets = new Set(reports.map((r) => r.target));
  return {
    version: 1,
    generatedAt: new Date().toISOString(),
    target: targets.has("aws") || targets.size === 0 ? "aws" : "local",
    stacks: [...stacks.values()].sort((a, b) => a.stack.localeCompare(b.stack)),
    findings: sortFindings(reports.flatMap((r) => r.findings)),
  };
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** One line for the end of a run and the top of the Markdown report. */
export function summaryLine(report: DriftReport): string {
  const drift = report.findings.filter((f) => f.kind === "drift");
  const critical = drift.filter((f) => f.severity === "critical").length;
  const pending = report.findings.length - drift.length;
  const failed = report.stacks.filter((s) => s.status === "error").length;
  const driftedStacks = new Set(drift.map((f) => f.stack)).size;
  const parts = [
    drift.length === 0
      ? failed > 0
        ? "no drift in the stacks that could be planned"
        : "no drift"
      : `${count(drift.length, "resource")} in ${count(driftedStacks, "stack")} changed outside Terraform (${critical} critical, ${drift.length - critical} warning)`,
    `${count(pending, "pending change")}`,
    `${count(failed, "stack")} failed to plan`,
  ];
  return `Drift: ${parts.join("; ")} (${count(report.stacks.length, "stack")} checked).`;
}

const MAX_VALUE_CHARS = 160;

/** A value for a Markdown table cell: JSON, shortened, with pipes and newlines escaped. */
function cell(value: unknown): string {
  let text = typeof value === "string" ? value : JSON.stringify(value);
  if (text.length > MAX_VALUE_CHARS) text = `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\n/g, " ")}\``;
}

const NEXT_APPLY: Record<string, string> = {
  none: "the next apply leaves it as it is (the configuration does not set what changed); fix it by hand or add it to the code",
  update: "the next apply puts it back (update in place)",
  create: "the next apply creates it again",
  replace: "the next apply replaces it",
  delete: "the next apply deletes it",
};

function driftSection(findings: readonly DriftFinding[]): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`### \`${f.address}\` in \`${f.stack}\``, "");
    if (f.control) lines.push(`- Control: ${f.control} (45 CFR ${f.sections!.join("; ")})`);
    lines.push(
      `- ${f.action === "deleted" ? "Deleted" : "Changed"} outside Terraform; ${NEXT_APPLY[f.nextApply]}.`,
    );
    if (f.changedAttributes.length > 0) {
      lines.push("", "| Attribute | Last applied | Now in AWS |", "| --- | --- | --- |");
      for (const a of f.changedAttributes)
        lines.push(`| \`${a.path}\` | ${cell(a.before)} | ${cell(a.after)} |`);
    }
    lines.push("");
  }
  return lines;
}

/** The report as Markdown, fit for a pull-request comment or a CI job summary. */
export function renderMarkdown(report: DriftReport): string {
  const critical = report.findings.filter((f) => f.kind === "drift" && f.severity === "critical");
  const warnings = report.findings.filter((f) => f.kind === "drift" && f.severity !== "critical");
  const pending = report.findings.filter((f) => f.kind === "pending-change");
  const errors = report.stacks.filter((s) => s.status === "error");
  const where = report.target === "local" ? "the local emulator" : "AWS";
  const lines = [
    "# Drift report",
    "",
    `${summaryLine(report)} Planned against ${where}; generated ${report.generatedAt}.`,
    "",
  ];
  if (errors.length > 0) {
    lines.push("## Errors: stacks that could not be planned (not checked, not clean)", "");
    for (const s of errors)
      lines.push(`- \`${s.stack}\`:`, "", "  ```", ...s.error!.split("\n").map((l) => `  ${l}`), "  ```", "");
  }
  if (critical.length > 0) {
    lines.push("## Critical: HIPAA controls changed outside Terraform", "");
    lines.push(...driftSection(critical));
  }
  if (warnings.length > 0) {
    lines.push("## Warnings: other resources changed outside Terraform", "");
    lines.push(...driftSection(warnings));
  }
  if (pending.length > 0) {
    lines.push("## Pending changes: code or configuration not yet applied", "");
    lines.push("| Stack | Resource | Action | Attributes |", "| --- | --- | --- | --- |");
    for (const f of pending) {
      const attributes = f.changedAttributes.map((a) => `\`${a.path}\``).join(", ") || "-";
      lines.push(`| \`${f.stack}\` | \`${f.address}\` | ${f.action} | ${attributes} |`);
    }
    lines.push("");
  }
  lines.push("## Stacks", "", "| Stack | Result | Drifted | Pending | Not checked | Seconds |");
  lines.push("| --- | --- | --- | --- | --- | --- |");
  for (const s of report.stacks) {
    lines.push(
      `| \`${s.stack}\` | ${s.status} | ${s.drifted} | ${s.pending} | ${s.notChecked} | ${s.seconds.toFixed(1)} |`,
    );
  }
  if (report.stacks.some((s) => s.notChecked > 0)) {
    lines.push(
      "",
      "Not checked: resources the local emulator cannot create (docs/local-emulator.md); on AWS every resource is checked.",
    );
  }
  return `${lines.join("\n")}\n`;
}

function shortValue(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** One line per drifted resource for the terminal: severity, stack, address and the first changed attribute. */
export function findingLines(report: DriftReport): string[] {
  return report.findings
    .filter((f) => f.kind === "drift")
    .map((f) => {
      const first = f.changedAttributes[0];
      const what =
        f.action === "deleted"
          ? "deleted"
          : first
            ? `${first.path}: ${shortValue(first.before)} -> ${shortValue(first.after)}${f.changedAttributes.length > 1 ? ` (+${f.changedAttributes.length - 1} more)` : ""}`
            : "changed";
      const control = f.control
        ? ` [${f.control}; 45 CFR ${f.sections!.map((s) => s.split(" ")[0]).join(", ")}]`
        : "";
      return `  ${f.severity.padEnd(8)} ${f.stack}  ${f.address}  ${what}${control}`;
    });
}

/** What a run prints at its end: the summary line, each drifted resource, each stack that could not be planned. */
export function terminalLines(report: DriftReport): string[] {
  return [
    summaryLine(report),
    ...findingLines(report),
    ...report.stacks
      .filter((s) => s.status === "error")
      .map((s) => `  error    ${s.stack}: ${s.error!.split("\n")[0]}`),
  ];
}

/** Writes `report.json` and `report.md` into `dir` (created if missing) and returns their paths. */
export function writeReport(report: DriftReport, dir: string): { json: string; markdown: string } {
  const json = path.join(dir, "report.json");
  const markdown = path.join(dir, "report.md");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(markdown, renderMarkdown(report));
  return { json, markdown };
}
