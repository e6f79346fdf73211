// Rates what a plan shows: drift (the real world changed since the last apply, the plan's refresh) versus pending
// changes from code or configuration, and drift on a HIPAA control critical, so an out-of-band change to a
// safeguard is reviewed (164.308(a)(1)(ii)(D) information system activity review).
import { controlFor } from "../../config/resource-controls";
import { sectionLabel } from "../../policies/hipaa-sections";
import { actionName, AttributeChange, changedAttributes, PlanJson, PlanResourceChange } from "./plan-diff";

export type Severity = "critical" | "warning" | "info";

/** One resource that drifted or has a change waiting. */
export interface DriftFinding {
  /** The stack's name as synthesized (its directory in cdktf.out). */
  readonly stack: string;
  /** The resource address within the stack. */
  readonly address: string;
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
