// `make plan [STACK=a,b]`: validates, synthesizes once, then plans each stack against real AWS with
// `cdktf diff` (one stack at a time is all cdktf diff takes), in dependency order. Exit 1 if any plan failed.
import { spawnSync } from "child_process";
import * as path from "path";
import { synthesizeLandingZone } from "../app";
import { requireVerified, synthesizedModel } from "../verify/gate";
import { runCli } from "../cli";
import { LandingZoneError } from "../config/errors";
import { loadConfig } from "../config/load";
import { awsAccessFromEnv } from "../config/target";
import { REPO_ROOT, terraformEnv } from "../deploy/terraform-env";
import { selectStacks, stacksInOrder } from "../deploy/terraform";

runCli(async () => {
  const named = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const config = loadConfig();
  const outdir = path.join(REPO_ROOT, "cdktf.out");
  // Plans read member accounts through the read-only plan role (LZ_ACCESS=deploy for an administrator's session).
  synthesizeLandingZone(config, { mode: "aws", access: awsAccessFromEnv(process.env, "plan") }, outdir);
  await requireVerified(config, synthesizedModel(config, outdir), "make plan");
  const stacks = selectStacks(stacksInOrder(outdir), named);
  const failed: string[] = [];
  for (const stack of stacks) {
    console.log(`\n== plan: ${stack.name}`);
    const cdktf = path.join(REPO_ROOT, "node_modules", ".bin", "cdktf");
    const result = spawnSync(cdktf, ["diff", stack.name, "--skip-synth", "--skip-provider-lock"], {
      cwd: REPO_ROOT,
      stdio: "inherit",
      env: terraformEnv(process.env),
    });
    if (result.status !== 0) failed.push(stack.name);
  }
  if (failed.length > 0) throw new LandingZoneError(`Planning failed for: ${failed.join(", ")}`);
});
