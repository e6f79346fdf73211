// README.md's "What is proven before deploy" tables are the catalogue's own output on the example configuration:
// a path or rule added, removed or renamed without regenerating them (npm run verify -- --readme) fails here.
import * as fs from "fs";
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { provenBeforeDeploy, README_MARKERS } from "../../src/verify/readme";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { verifyLandingZone } from "../../src/verify/verify";
import { synthApp } from "../helpers/synth";

/** Markdown tables compared without the padding prettier adds. */
function normalized(markdown: string): string[] {
  return markdown
    .split("\n")
    .map((line) =>
      line
        .trim()
        .replace(/\s*\|\s*/g, "|")
        .replace(/-{3,}/g, "---"),
    )
    .filter((line) => line !== "");
}

it("matches the access-path catalogue and the service rules", async () => {
  const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
  const model = new SynthesizedLandingZone(synthApp(example).stacks, allAccountNames(example.organization));
  const report = await verifyLandingZone(example, model);
  const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf(README_MARKERS.begin),
    readme.indexOf(README_MARKERS.end) + README_MARKERS.end.length,
  );
  expect(normalized(section)).toEqual(normalized(provenBeforeDeploy(report)));
});
