// docs/controls.md's tables are the control catalogue's and the section registry's own output: a control, a file
// or a section changed without `npm run docs` fails here, and so does a catalogue entry naming a file that is gone.
import * as fs from "fs";
import * as path from "path";
import { controlCatalogue } from "../../src/config/control-catalogue";
import { CONTROLS_MARKERS, CONTROLS_PAGE, controlTables } from "../../src/config/control-docs";
import { normalizedMarkdown, sectionOf } from "../../src/config/generated-section";
import { HIPAA_SECTION_IDS } from "../../src/policies/hipaa-sections";
import { GUARDRAIL_NAMES } from "../../src/policies/scp-library";

const ROOT = path.join(__dirname, "..", "..");

it("docs/controls.md shows the catalogue and the registry as the code has them", () => {
  const page = fs.readFileSync(path.join(ROOT, CONTROLS_PAGE), "utf8");
  expect(normalizedMarkdown(sectionOf(page, CONTROLS_MARKERS, CONTROLS_PAGE))).toEqual(
    normalizedMarkdown(controlTables()),
  );
});

it("names, for every control, files that exist", () => {
  const missing = controlCatalogue().flatMap((c) =>
    c.files.filter((f) => !fs.existsSync(path.join(ROOT, f))),
  );
  expect(missing).toEqual([]);
});

it("lists every SCP guardrail and every detective control, and each section at most once per control", () => {
  const catalogue = controlCatalogue();
  expect(catalogue.filter((c) => c.where.startsWith("SCP ")).map((c) => c.where.split("`")[1])).toEqual([
    ...GUARDRAIL_NAMES,
  ]);
  for (const control of catalogue) expect(new Set(control.sections).size).toBe(control.sections.length);
  // Every section of the registry is served by some control, or is one the landing zone only documents.
  const served = new Set(catalogue.flatMap((c) => c.sections));
  expect(HIPAA_SECTION_IDS.filter((id) => !served.has(id))).toEqual([
    "164.308(a)(3)(ii)(A)",
    "164.308(a)(4)(ii)(B)",
  ]);
});

it("a stale page fails: the comparison sees a changed row", () => {
  const page = fs.readFileSync(path.join(ROOT, CONTROLS_PAGE), "utf8");
  const stale = sectionOf(page, CONTROLS_MARKERS, CONTROLS_PAGE).replace("lz-deny-all", "lz-deny-everything");
  expect(normalizedMarkdown(stale)).not.toEqual(normalizedMarkdown(controlTables()));
});

it("every repository path the README and docs/ name in backticks exists", () => {
  const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).map((f) => `docs/${f}`)];
  const named = pages.flatMap((page) =>
    [
      ...fs
        .readFileSync(path.join(ROOT, page), "utf8")
        .matchAll(/`((?:src|modules|stacks|test|local|schema)\/[\w./-]+)`/g),
    ].map((m) => ({ page, file: m[1] })),
  );
  expect(named.length).toBeGreaterThan(20);
  expect(named.filter(({ file }) => !fs.existsSync(path.join(ROOT, file)))).toEqual([]);
});
