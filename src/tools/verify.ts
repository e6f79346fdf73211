// `make verify`: synthesizes for AWS, evaluates every access path of the catalogue with the policy simulator
// against the synthesized policies and checks every AWS service rule; writes
// verify/report.json, exits 0 when everything is decided as expected and 1 otherwise. It prints the summary first,
// then each failure in detail with its fix; `--verbose` (make verify VERBOSE=1) also lists every path and rule that
// holds. `--docs` also regenerates docs/verification.md's "What is proven before deploy" tables.
import * as fs from "fs";
import * as path from "path";
import { inScratchSynth } from "../app";
import { runCli } from "../cli";
import { profileBanner } from "../config/profile";
import { RELAXED_STATUS } from "../verify/rules/hipaa/relaxed";
import { displayPath, LandingZoneError } from "../config/errors";
import { loadConfig } from "../config/load";
import { REPO_ROOT } from "../deploy/terraform-env";
import { synthesizedModel } from "../verify/gate";
import { PROVEN_MARKERS, PROVEN_PAGE, provenBeforeDeploy } from "../verify/proven-docs";
import { writeGeneratedSection } from "./docs";
import { failureLines, verifyLandingZone } from "../verify/verify";

runCli(async () => {
  const verbose = process.argv.includes("--verbose");
  const started = Date.now();
  const config = loadConfig();
  // A trial organization is never mistaken for a HIPAA deployment: its banner comes before anything else.
  const banner = profileBanner(config.organization.profile);
  if (banner) console.log(banner);
  const model = inScratchSynth(config, (outdir) => synthesizedModel(config, outdir));
  const report = await verifyLandingZone(config, model);
  const dir = path.join(REPO_ROOT, "verify");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "report.json");
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const failed = report.paths.filter((p) => !p.ok).length;
  const denials = report.paths.filter((p) => p.expect === "deny").length;
  const broken = report.rules.filter((r) => r.findings.length > 0).length;
  const hipaaBroken = report.hipaa.filter((r) => r.findings.length > 0).length;
  const suppressed = report.hipaa.reduce((n, r) => n + r.suppressed.length, 0);
  // A relaxed rule has no findings but is never counted as holding.
  const relaxed = report.hipaa.filter((r) => r.relaxed !== undefined).length;
  console.log(
    `verify: ${report.paths.length - failed}/${report.paths.length} access paths as expected (${denials} denials, ` +
      `${report.simulations} distinct simulations), ${report.rules.length - broken}/${report.rules.length} service rules hold, ` +
      `${report.hipaa.length - hipaaBroken - relaxed}/${report.hipaa.length} HIPAA rules hold (` +
      `${relaxed > 0 ? `${relaxed} ${RELAXED_STATUS}, ` : ""}${suppressed} finding${suppressed === 1 ? "" : "s"} suppressed); ` +
      `${displayPath(file)} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  // Relaxed rules, and accepted findings (exceptions someone owns until a date), are listed whether or not
  // --verbose asks for the rest.
  for (const rule of report.hipaa) {
    if (rule.relaxed !== undefined) console.log(`  hipaa ${rule.id}: ${rule.relaxed}`);
    for (const finding of rule.suppressed)
      console.log(
        `  suppressed until ${finding.suppression.expires} (${finding.suppression.owner}): hipaa ${rule.id} ${finding.address}`,
      );
  }
  if (verbose) {
    const rows = report.paths.map((p) => [
      p.ok ? "ok" : "FAIL",
      p.expect,
      p.decided,
      p.id,
      p.ok ? "" : p.because.join("; "),
    ]);
    const widths = [4, 6, 16, Math.max(...rows.map((r) => r[3].length))];
    console.log(
      ["", "expect", "decided", "path", "decisive statement"]
        .map((h, i) => h.padEnd(widths[i] ?? 0))
        .join("  "),
    );
    for (const row of rows)
      console.log(
        row
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd(),
      );
    for (const rule of report.rules) {
      console.log(`${rule.findings.length === 0 ? "ok  " : "FAIL"}  rule  ${rule.id}`);
      for (const finding of rule.findings) console.log(`        ${finding.address}: ${finding.message}`);
    }
    for (const rule of report.hipaa) {
      const status = rule.findings.length > 0 ? "FAIL" : rule.relaxed !== undefined ? "rlxd" : "ok  ";
      console.log(`${status}  hipaa ${rule.id}`);
      for (const finding of rule.findings) console.log(`        ${finding.address}: ${finding.message}`);
    }
  } else {
    console.log("verify: --verbose (make verify VERBOSE=1) lists every path and rule that holds");
  }
  if (!report.ok) {
    throw new LandingZoneError(`verify: failed:\n  ${failureLines(report).join("\n  ")}`);
  }
  if (process.argv.includes("--docs")) {
    // Run with the example configuration: the page describes what the shipped example proves.
    await writeGeneratedSection(PROVEN_PAGE, PROVEN_MARKERS, provenBeforeDeploy(report));
  }
});
