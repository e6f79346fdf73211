// `make cost`: estimates the monthly list price of the configured landing zone. Synthesizes for AWS into a scratch
// directory the way `make verify` does, counts the priced resources of the synthesized stacks, multiplies by the
// assumptions (flags `--<name>=<n>` or LZ_COST_<NAME>) and the dated price table, prints the total and the items
// largest first, and writes cost/report.json. No AWS access.
import * as fs from "fs";
import * as path from "path";
import { inScratchSynth } from "../app";
import { runCli } from "../cli";
import { displayPath } from "../config/errors";
import { loadConfig } from "../config/load";
import { REPO_ROOT } from "../deploy/terraform-env";
import { resolveAssumptions } from "../verify/cost/assumptions";
import { estimateCost } from "../verify/cost/estimate";
import { costText } from "../verify/cost/format";
import { costInventory } from "../verify/cost/inventory";
import { PRICE_TABLE, PRICE_TABLE_PATH } from "../verify/cost/prices";
import { synthesizedModel } from "../verify/gate";

runCli(() => {
  const assumptions = resolveAssumptions(process.argv.slice(2), process.env);
  const config = loadConfig();
  const inventory = inScratchSynth(config, (outdir) => costInventory(synthesizedModel(config, outdir)));
  const report = estimateCost(inventory, assumptions, PRICE_TABLE, PRICE_TABLE_PATH);
  const dir = path.join(REPO_ROOT, "cost");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "report.json");
  fs.writeFileSync(file, `${JSON.stringify({ inventory, ...report }, null, 2)}\n`);
  process.stdout.write(costText(report));
  console.log(`cost: ${displayPath(file)}`);
});
