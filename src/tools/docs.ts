// `npm run docs`: rewrites the generated parts of docs/ from the code (the control and HIPAA section tables of
// docs/controls.md, the key tables of docs/configuration.md) and from bench/results.json (the speed and scale
// tables), formatted as `make format` would. The access-path tables come from `npm run verify -- --docs`.
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../cli";
import { CONFIGURATION_MARKERS, CONFIGURATION_PAGE, configurationTable } from "../config/config-docs";
import { CONTROLS_MARKERS, CONTROLS_PAGE, controlTables } from "../config/control-docs";
import { withSection } from "../config/generated-section";
import { REPO_ROOT } from "../deploy/terraform-env";
import { BenchResults, benchSections, readResults } from "./bench-docs";

/** Writes `section` into the page at `file` (repository-relative) and formats it with the repo's prettier. */
export async function writeGeneratedSection(
  file: string,
  markers: { begin: string; end: string },
  section: string,
): Promise<void> {
  const page = path.join(REPO_ROOT, file);
  const text = withSection(fs.readFileSync(page, "utf8"), markers, section, file);
  // prettier is a development dependency: `make format` has the same effect.
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(page)) ?? {};
  fs.writeFileSync(page, await prettier.format(text, { ...options, filepath: page }));
  console.log(`docs: ${file} updated`);
}

/** Writes the tables rendered from bench results into the README and the docs pages. */
export async function writeBenchDocs(results: BenchResults): Promise<void> {
  for (const { page, markers, section } of benchSections(results)) {
    await writeGeneratedSection(page, markers, section);
  }
}

if (require.main === module) {
  runCli(async () => {
    await writeGeneratedSection(CONTROLS_PAGE, CONTROLS_MARKERS, controlTables());
    for (const file of ["organization.schema.json", "environment.schema.json"] as const) {
      await writeGeneratedSection(CONFIGURATION_PAGE, CONFIGURATION_MARKERS[file], configurationTable(file));
    }
    // The measured tables, from the last `make bench`.
    const results = readResults();
    if (results !== undefined) await writeBenchDocs(results);
  });
}
