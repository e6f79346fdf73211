// docs/controls.md's generated tables: every control with where it applies, the files that implement it and its
// sections, and every HIPAA section with the controls that serve it (164.308(a)(8) evaluation: the map an
// auditor reads is the code's own).
import { HIPAA_SECTION_IDS, HIPAA_SECTIONS, sectionLabel } from "../policies/hipaa-sections";
import { CatalogueControl, controlCatalogue } from "./control-catalogue";
import { sectionMarkers, wrapSection } from "./generated-section";

/** The page the tables live in, relative to the repository root. */
export const CONTROLS_PAGE = "docs/controls.md";

/** The markers around the tables in the page. */
export const CONTROLS_MARKERS = sectionMarkers("controls", "npm run docs");

const cell = (text: string) => text.replace(/\|/g, "\\|");
const fileLinks = (control: CatalogueControl) => control.files.map((f) => `[\`${f}\`](../${f})`).join(", ");

/** The two tables, markers included, as they belong in the page. */
export function controlTables(): string {
  const catalogue = controlCatalogue();
  const lines = [
    "| Control | Where | Implemented in | 45 CFR |",
    "| --- | --- | --- | --- |",
    ...catalogue.map(
      (c) =>
        `| ${cell(c.control)} | ${cell(c.where)} | ${fileLinks(c)} | ${c.sections.map(sectionLabel).join("; ")} |`,
    ),
    "",
    "| Section | Title | Specification | Controls that serve it |",
    "| --- | --- | --- | --- |",
    ...HIPAA_SECTION_IDS.map((id) => {
      const serving = catalogue.filter((c) => c.sections.includes(id)).length;
      const { title, specification } = HIPAA_SECTIONS[id];
      return `| ${id} | ${title} | ${specification} | ${serving === 0 ? "none here (procedural or outside a landing zone)" : `${serving}`} |`;
    }),
  ];
  return wrapSection(CONTROLS_MARKERS, lines.join("\n"));
}
