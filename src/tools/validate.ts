// `make validate`: checks the configuration (schema and cross-field rules) and renders every SCP against the
// configured limits; it writes only the account ledger, when an account was added by hand (an error in CI). Exit 0 when valid, 1 with every problem listed otherwise.
import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildLandingZone } from "../app";
import { runCli } from "../cli";
import { profileBanner } from "../config/profile";
import { configDir, loadConfig } from "../config/load";
import { displayPath } from "../config/errors";
import { baaWarnings, configNotices, suspendedNotices, unplacedAccountNotices } from "../config/semantic";
import { syncLedger } from "../config/ledger";

runCli(() => {
  const dir = configDir();
  const config = loadConfig(dir);
  const banner = profileBanner(config.organization.profile);
  if (banner) console.log(banner);
  // Building the stacks runs the synth-time checks too (SCP sizes, attachment quotas); the output is thrown away.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lz-validate-"));
  try {
    buildLandingZone(new App({ outdir: scratch }), config, { mode: "aws" });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const org = config.organization;
  console.log(
    `${displayPath(dir)}: valid. ${org.accounts.length} accounts, ` +
      `${config.environments.length} environments (${config.environments.map((e) => e.name).join(", ")}), ` +
      `governed regions ${org.regions.join(", ")}.`,
  );
  const shown = displayPath(dir);
  for (const warning of baaWarnings(config, shown)) console.log(`warning: ${warning}`);
  for (const notice of [
    ...configNotices(config.environments, shown),
    ...suspendedNotices(config, shown),
    ...unplacedAccountNotices(config, shown),
    ...syncLedger(dir, org.accounts),
  ]) {
    console.log(`notice: ${notice}`);
  }
});
