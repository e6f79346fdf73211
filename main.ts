// The CDKTF app: validates the configuration, then synthesizes every landing-zone stack. Invalid
// configuration stops here with a plain message, before anything is written.
import { App } from "cdktf";
import { loadConfig } from "./src/config/load";
import { targetFromEnv } from "./src/config/target";
import { buildLandingZone } from "./src/app";
import { runCli } from "./src/cli";

runCli(() => {
  const config = loadConfig();
  const app = new App();
  buildLandingZone(app, config, targetFromEnv());
  app.synth();
});
