// `npm run docs`: rewrites the generated parts of docs/ from the code (the control and HIPAA section tables of
// docs/controls.md, the key tables of docs/configuration.md) and from bench/results.json (the speed and scale
// tables), the HIPAA rule table of docs/compliance.md, the conformance pack's tables of docs/detective-controls.md and the example's evidence binder, formatted as
// `make format` would. The access-path tables come from `npm run verify -- --docs`.
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../cli";
import { CONFIGURATION_MARKERS, CONFIGURATION_PAGE, configurationTable } from "../config/config-docs";
import { CONTROLS_MARKERS, CONTROLS_PAGE, controlTables } from "../config/control-docs";
import {
  CONFORMANCE_PACK_MARKERS,
  CONFORMANCE_PACK_PAGE,
  conformancePackTables,
} from "../config/conformance-pack-docs";
import { withSection } from "../config/generated-section";
import { REPO_ROOT } from "../deploy/terraform-env";
import { BenchResults, benchSections, readResults } from "./bench-docs";
import { inScratchSynth } from "../app";
import { loadConfig } from "../config/load";
import { controlCatalogue } from "../config/control-catalogue";
import { EXAMPLE_BINDER_PAGE, exampleBinderMarkdown } from "../verify/binder";
import { synthesizedModel } from "../verify/gate";
import { HIPAA_RULES_PAGE } from "../verify/rules/hipaa";
import { HIPAA_RULES_MARKERS, hipaaRuleTable } from "../verify/rules/hipaa/rule-docs";
import {
  LOG_DATA_IDENTIFIERS_MARKERS,
  LOG_DATA_IDENTIFIERS_PAGE,
  logDataIdentifierTable,
} from "../config/log-data-identifier-docs";
import { verifyLandingZone } from "../verify/verify";

/** Writes the example configuration's evidence binder to docs/, formatted. */
async function writeExampleBinder(): Promise<void> {
  const config = loadConfig(path.join(REPO_ROOT, "environments"));
  const model = inScratchSynth(config, (outdir) => synthesizedModel(config, outdir));
  const report = await verifyLandingZone(config, model);
  const page = path.join(REPO_ROOT, EXAMPLE_BINDER_PAGE);
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(page)) ?? {};
  const markdown = exampleBinderMarkdown(config, model, report, controlCatalogue());
  fs.writeFileSync(page, await prettier.format(markdown, { ...options, filepath: page }));
  console.log(`docs: ${EXAMPLE_BINDER_PAGE} updated`);
}

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
    await writeGeneratedSection(HIPAA_RULES_PAGE, HIPAA_RULES_MARKERS, hipaaRuleTable());
    await writeGeneratedSection(CONFORMANCE_PACK_PAGE, CONFORMANCE_PACK_MARKERS, conformancePackTables());
    await writeGeneratedSection(
      LOG_DATA_IDENTIFIERS_PAGE,
      LOG_DATA_IDENTIFIERS_MARKERS,
      logDataIdentifierTable(),
    );
    await writeExampleBinder();
    // The measured tables, from the last `make bench`.
    const results = readResults();
    if (results !== undefined) await writeBenchDocs(results);
  });
}
