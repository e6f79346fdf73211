// docs/verification.md's "What is proven before deploy" tables, generated from the access-path catalogue and the
// service rules as they run on the example configuration, so the documentation cannot claim a proof the code lacks.
import { sectionMarkers, wrapSection } from "../config/generated-section";
import { VerifyReport } from "./verify";

/** The page the tables live in, relative to the repository root. */
export const PROVEN_PAGE = "docs/verification.md";

/** Where the generated part of the page begins and ends. */
export const PROVEN_MARKERS = sectionMarkers("verify", "npm run verify -- --docs");

/** One row per group, expectation and AWS page: how many paths, and one of them as the example. */
export function provenBeforeDeploy(report: VerifyReport): string {
  const rows = new Map<
    string,
    { group: string; expect: string; doc: string; count: number; example: string }
  >();
  for (const path of report.paths) {
    const key = `${path.group}\u0000${path.expect}\u0000${path.doc}`;
    const row = rows.get(key);
    if (row) row.count += 1;
    else
      rows.set(key, { group: path.group, expect: path.expect, doc: path.doc, count: 1, example: path.title });
  }
  const denials = report.paths.filter((p) => p.expect === "deny").length;
  const lines = [
    `With the example configuration: ${report.paths.length} access paths (${denials} that must be denied), ` +
      `${report.simulations} distinct simulations, ${report.rules.length} AWS service rules.`,
    "",
    "| Group | Expected | Paths | For example | AWS page the request follows |",
    "| --- | --- | --- | --- | --- |",
    ...[...rows.values()].map(
      (r) => `| ${r.group} | ${r.expect} | ${r.count} | ${r.example.replace(/\|/g, "\\|")} | ${r.doc} |`,
    ),
    "",
    "| Service rule | What AWS requires | AWS page |",
    "| --- | --- | --- |",
    ...report.rules.map((r) => `| \`${r.id}\` | ${r.title} | ${r.doc} |`),
  ];
  return wrapSection(PROVEN_MARKERS, lines.join("\n"));
}
