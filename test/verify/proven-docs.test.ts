// docs/verification.md's "What is proven before deploy" tables are the catalogue's own output on the example
// configuration: a path or rule added, removed or renamed without regenerating them (npm run verify -- --docs) fails here.
import * as fs from "fs";
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { normalizedMarkdown, sectionOf } from "../../src/config/generated-section";
import { PROVEN_MARKERS, PROVEN_PAGE, provenBeforeDeploy } from "../../src/verify/proven-docs";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { verifyLandingZone } from "../../src/verify/verify";
import { synthApp } from "../helpers/synth";

it("matches the access-path catalogue and the service rules", async () => {
  const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
  const model = new SynthesizedLandingZone(synthApp(example).stacks, allAccountNames(example.organization));
  const report = await verifyLandingZone(example, model);
  const page = fs.readFileSync(path.join(__dirname, "..", "..", PROVEN_PAGE), "utf8");
  const section = sectionOf(page, PROVEN_MARKERS, PROVEN_PAGE);
  expect(normalizedMarkdown(section)).toEqual(normalizedMarkdown(provenBeforeDeploy(report)));
});
