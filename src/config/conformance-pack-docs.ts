// The conformance pack's tables in docs/detective-controls.md (every rule deployed, with its sections, where it runs
// and whether it is AWS's or ours, and every rule of AWS's pack left out with its reason), rendered from the rule
// list so the page cannot claim a rule the pack lacks (164.308(a)(8) evaluation).
import { EXCLUDED_MANAGED_RULES, HIPAA_MANAGED_RULES, ManagedRule } from "../policies/hipaa-conformance-pack";
import { sectionMarkers, wrapSection } from "./generated-section";
import { CONFIG_RULE_UNAVAILABLE_IN } from "../policies/config-rule-regions";

/** Where the pack's tables are generated (`npm run docs`). */
export const CONFORMANCE_PACK_PAGE = "docs/detective-controls.md";
export const CONFORMANCE_PACK_MARKERS = sectionMarkers("conformance-pack", "npm run docs");

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** A rule and its parameters, each in code so Markdown leaves `kms:*` alone. */
function ruleCell(rule: ManagedRule): string {
  const parameters = Object.entries(rule.parameters ?? {}).map(([k, v]) => `\`${k}=${v}\``);
  return `\`${rule.identifier}\`${parameters.length ? ` (${parameters.join(", ")})` : ""}`;
}

/** The deployed rules (with the count per region), then the rules of AWS's pack left out. */
export function conformancePackTables(): string {
  const all = HIPAA_MANAGED_RULES.length;
  const global = HIPAA_MANAGED_RULES.filter((r) => r.global).length;
  const limited = HIPAA_MANAGED_RULES.filter((r) => r.onlyIn);
  const unavailable = HIPAA_MANAGED_RULES.filter((r) => CONFIG_RULE_UNAVAILABLE_IN[r.identifier]).length;
  const lines = [
    `The pack deploys ${all} managed rules: all ${all} in the home region, the ${all - global} regional ones in every other governed region (the ${global} on global or account-wide resources run in the home region only)${limited.map((r) => `; \`${r.identifier}\` only in the regions AWS offers it (${r.onlyIn!.join(", ")})`).join("")}. AWS Config does not offer ${unavailable} of them in every region (a pack naming a rule its region lacks fails as a whole): a governed region's pack leaves those out, as \`src/policies/config-rule-regions.ts\` lists them from AWS's rule pages (none of the example's regions lacks one).`,
    "",
    "| Rule | 45 CFR | Where | Source |",
    "| --- | --- | --- | --- |",
    ...HIPAA_MANAGED_RULES.map(
      (r) =>
        `| ${ruleCell(r)} | ${r.sections.join(", ")} | ${r.global ? "home region" : r.onlyIn ? "where offered" : "every region"} | ${r.addition ? `added: ${cell(r.addition)}` : "AWS's pack"} |`,
    ),
    "",
    "Left out of AWS's pack, and why:",
    "",
    "| Rule | Why it is left out |",
    "| --- | --- |",
    ...Object.entries(EXCLUDED_MANAGED_RULES).map(([id, why]) => `| \`${id}\` | ${cell(why)} |`),
  ];
  return wrapSection(CONFORMANCE_PACK_MARKERS, lines.join("\n"));
}
