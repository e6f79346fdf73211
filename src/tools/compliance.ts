// `make compliance`: the evidence binder for the configuration in environments/ (or LZ_CONFIG_DIR). Synthesizes for
// AWS into a scratch directory, runs every HIPAA rule and access proof, reads drift/report.json when a drift run
// left one, and writes compliance/report.md and compliance/report.json, each with the commit, the configuration's
// digest, the date and the accounts in scope. No emulator or AWS access. Exits 1 when
// verification fails (the binder is still written, showing what failed). `npm run docs` renders the example's.
import * as fs from "fs";
import * as path from "path";
import { inScratchSynth } from "../app";
import { runCli } from "../cli";
import { controlCatalogue } from "../config/control-catalogue";
import { displayPath, LandingZoneError } from "../config/errors";
import { configDir, loadConfig } from "../config/load";
import { REPO_ROOT } from "../deploy/terraform-env";
import { binderMarkdown, DriftSummary, evidenceBinder } from "../verify/binder";
import { binderProvenance } from "../verify/binder-provenance";
import { synthesizedModel } from "../verify/gate";
import { failureLines, verifyLandingZone } from "../verify/verify";

/** The last drift report, or undefined when no drift run left one here. */
function lastDrift(): DriftSummary | undefined {
  const file = path.join(REPO_ROOT, "drift", "report.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as DriftSummary) : undefined;
}

runCli(async () => {
  const dir = configDir();
  const config = loadConfig(dir);
  const model = inScratchSynth(config, (outdir) => synthesizedModel(config, outdir));
  const report = await verifyLandingZone(config, model);
  const binder = evidenceBinder({
    config,
    model,
    report,
    catalogue: controlCatalogue(),
    drift: lastDrift(),
    generatedAt: new Date().toISOString(),
    provenance: binderProvenance(REPO_ROOT, dir),
  });
  const prettier = await import("prettier");
  const out = path.join(REPO_ROOT, "compliance");
  fs.mkdirSync(out, { recursive: true });
  const md = path.join(out, "report.md");
  const json = path.join(out, "report.json");
  fs.writeFileSync(md, await prettier.format(binderMarkdown(binder), { parser: "markdown" }));
  fs.writeFileSync(json, `${JSON.stringify(binder, null, 2)}\n`);
  const gaps = binder.sections.filter((s) => s.gap).length;
  console.log(
    `compliance: ${binder.sections.length} sections, ${binder.sections.length - gaps} implemented by the landing zone, ${gaps} with a stated gap; commit ${binder.provenance?.commit}, configuration ${binder.provenance?.configDigest.value}; ${displayPath(md)}, ${displayPath(json)}`,
  );
  if (!report.ok) {
    throw new LandingZoneError(`compliance: verification failed:\n  ${failureLines(report).join("\n  ")}`);
  }
});
