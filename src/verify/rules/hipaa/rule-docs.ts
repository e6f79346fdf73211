// The HIPAA rule table of docs/compliance.md, rendered from the rules themselves so the page cannot list a rule,
// section or mirrored Config rule the code lacks (164.308(a)(8) evaluation).
import { sectionLabels } from "../../../policies/hipaa-sections";
import { sectionMarkers, wrapSection } from "../../../config/generated-section";
import { HIPAA_RULES } from "./index";

export const HIPAA_RULES_MARKERS = sectionMarkers("hipaa-rules", "npm run docs");

/** One row per rule: ID, what it requires, the sections, the Config rules it mirrors, the fix. */
export function hipaaRuleTable(): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    "| Rule | Requires | HIPAA | Mirrors (Config) | Fix |",
    "| --- | --- | --- | --- | --- |",
    ...HIPAA_RULES.map(
      (r) =>
        `| [\`${r.id}\`](${r.doc}) | ${cell(r.title)} | ${sectionLabels(r.sections)} | ${r.configRules.map((c) => `\`${c}\``).join(", ") || "none in the pack"} | ${cell(r.fix)} |`,
    ),
  ];
  return wrapSection(HIPAA_RULES_MARKERS, lines.join("\n"));
}
