// Renders a drift report: the one summary line, the lines a run prints at its end, and report.json and report.md
// for the scheduled workflow's artifact (164.308(a)(1)(ii)(D): the review reads this).
import * as fs from "fs";
import * as path from "path";
import { DriftFinding, DriftReport } from "./classify";

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
