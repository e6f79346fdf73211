// The CDKTF app (cdktf.json runs it), so `cdktf synth`, `cdktf diff` and `cdktf deploy` pass the gate the make
// targets pass: validates the configuration, proves the synthesized landing zone works on AWS (every access path,
// AWS service rule and HIPAA rule `make verify` checks), and only then writes the stacks. Invalid configuration or
// a refusal stops here with a plain message, exit 1, and nothing deployable left in the output directory.
import * as fs from "fs";
import * as path from "path";
import { loadConfig } from "./src/config/load";
import { targetFromEnv } from "./src/config/target";
import { MANIFEST_FILE, synthesizeVerified } from "./src/app";
import { runCli } from "./src/cli";
import { displayPath } from "./src/config/errors";
import { RELAXED_STATUS } from "./src/verify/rules/hipaa/relaxed";

runCli(async () => {
  const started = Date.now();
  // Where cdktf wants the stacks: cdktf-cli passes its --output (default cdktf.out) as CDKTF_OUTDIR, relative to
  // the project directory it runs the app in, and cdktf's App reads it the same way.
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  // An earlier synth there stops being deployable (`cdktf deploy --skip-synth`) unless this one passes.
  fs.rmSync(path.join(outdir, MANIFEST_FILE), { force: true });
  const config = loadConfig();
  const report = await synthesizeVerified(config, targetFromEnv(), outdir, "cdktf synth");
  const suppressed = report.hipaa.reduce((n, r) => n + r.suppressed.length, 0);
  // Rules the evaluation profile relaxes (src/verify/rules/hipaa/relaxed.ts) are never counted as holding.
  const relaxed = report.hipaa.filter((r) => r.relaxed !== undefined).length;
  console.log(
    `verify: ${report.paths.length} access paths as expected, ${report.rules.length} service rules and ` +
      `${report.hipaa.length - relaxed} HIPAA rules hold (${relaxed > 0 ? `${relaxed} ${RELAXED_STATUS}, ` : ""}${suppressed} finding${suppressed === 1 ? "" : "s"} suppressed); ` +
      `synthesized to ${displayPath(path.resolve(outdir))} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
});
