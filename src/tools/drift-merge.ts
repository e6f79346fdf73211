// `npm run drift:merge -- --expect=<json array> <report.json>...`: merges the per-stack drift reports of the
// scheduled workflow into drift/report.json and drift/report.md. Exits 1 when a stack failed or left no report,
// 2 when a HIPAA control drifted (critical), else 0: drift on other resources is reported, not failed.
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../cli";
import { displayPath, LandingZoneError } from "../config/errors";
import { DriftReport, mergeReports } from "../deploy/drift/classify";
import { terminalLines, writeReport } from "../deploy/drift/report";
import { REPO_ROOT } from "../deploy/terraform-env";

function readReport(file: string): DriftReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new LandingZoneError(
      `${displayPath(file)}: not a readable drift report (${(error as Error).message})`,
    );
  }
  const report = parsed as Partial<DriftReport>;
  if (report.version !== 1 || !Array.isArray(report.stacks) || !Array.isArray(report.findings)) {
    throw new LandingZoneError(
      `${displayPath(file)}: received a file without version 1, stacks and findings; expected drift/report.json from make drift`,
    );
  }
  return report as DriftReport;
}

function parseExpected(arg: string | undefined): string[] {
  if (arg === undefined) return [];
  const raw = arg.slice("--expect=".length);
  try {
    const list = JSON.parse(raw) as unknown;
    if (Array.isArray(list) && list.every((s) => typeof s === "string")) return list as string[];
  } catch {
    // reported below
  }
  throw new LandingZoneError(
    `--expect: received ${JSON.stringify(raw)}; expected a JSON array of stack names (the output of npm run stacks)`,
  );
}

runCli(() => {
  const args = process.argv.slice(2);
  const expected = parseExpected(args.find((a) => a.startsWith("--expect=")));
  const outDir = path.resolve(
    args.find((a) => a.startsWith("--report-dir="))?.slice("--report-dir=".length) ??
      path.join(REPO_ROOT, "drift"),
  );
  const files = args.filter((a) => !a.startsWith("--"));
  const merged = mergeReports(files.map(readReport), expected);
  writeReport(merged, outDir);
  console.log(terminalLines(merged).join("\n"));
  const failed = merged.stacks.filter((s) => s.status === "error");
  const critical = merged.findings.filter((f) => f.kind === "drift" && f.severity === "critical");
  process.exitCode = failed.length > 0 ? 1 : critical.length > 0 ? 2 : 0;
});
