// The table of docs/network-and-baseline.md that lists, for each of the 18 identifiers of 45 CFR 164.514(b)(2)(i),
// the AWS managed data identifiers the PHI accounts' log data protection policy masks, rendered from the policy's
// own coverage table so the page cannot claim what the policy does not do (164.312(a)(1), 164.312(b)).
import { HIPAA_IDENTIFIERS, OTHER_PROTECTED_IDENTIFIERS } from "../policies/log-data-protection";
import { sectionMarkers, wrapSection } from "./generated-section";

/** Where the identifier table is generated (`npm run docs`). */
export const LOG_DATA_IDENTIFIERS_PAGE = "docs/network-and-baseline.md";
export const LOG_DATA_IDENTIFIERS_MARKERS = sectionMarkers("log-data-identifiers", "npm run docs");

/** The 18 identifiers of 164.514(b)(2)(i), the AWS managed identifiers the policy masks for each, and the gaps. */
export function logDataIdentifierTable(): string {
  const lines = [
    "| 164.514(b)(2)(i) | Identifier | AWS managed data identifiers in the policy | Not covered |",
    "| --- | --- | --- | --- |",
    ...HIPAA_IDENTIFIERS.map(
      (h) =>
        `| (${h.paragraph}) | ${h.identifier} | ${h.managed.map((m) => `\`${m}\``).join(", ") || "none"} | ${h.gap ?? (h.managed.length ? "" : "no managed identifier")} |`,
    ),
    "",
    `Also masked: ${OTHER_PROTECTED_IDENTIFIERS.map((m) => `\`${m}\``).join(", ")}.`,
  ];
  return wrapSection(LOG_DATA_IDENTIFIERS_MARKERS, lines.join("\n"));
}
