// `make deploy [STACK=a,b] [GROUP=<group>] [AUTO_APPROVE=1]`: validates, synthesizes once, then deploys the
// chosen stacks to real AWS with cdktf in dependency order (GROUP with STACK: those stacks, all of the group). The release workflow deploys the groups of
// DEPLOY_GROUPS one after another, guardrail, security and access changes behind a reviewer's approval.
import { spawnSync } from "child_process";
import * as path from "path";
import { synthesizeLandingZone } from "../app";
import { DEPLOY_GROUPS, stacksOfGroup } from "./stack-groups";
import { requireVerified, synthesizedModel } from "../verify/gate";
import { runCli } from "../cli";
import { LandingZoneError } from "../config/errors";
import { loadConfig } from "../config/load";
import { REPO_ROOT, terraformEnv } from "../deploy/terraform-env";
import { selectStacks, stacksInOrder } from "../deploy/terraform";

/** Stacks one `make deploy` runs at once: each is a Terraform process with a provider per region. */
const DEPLOY_CONCURRENCY = 4;

runCli(async () => {
  const args = process.argv.slice(2);
  const group = args.find((a) => a.startsWith("--group="))?.slice("--group=".length);
  const autoApprove = args.includes("--auto-approve");
  const named = args.filter((a) => !a.startsWith("--")).flatMap((a) => a.split(",").filter(Boolean));
  const groupNames: readonly string[] = DEPLOY_GROUPS.map((g) => g.name);
  if (group !== undefined && !groupNames.includes(group)) {
    throw new LandingZoneError(`GROUP: received "${group}"; expected one of: ${groupNames.join(", ")}`);
  }
  const config = loadConfig();
  const outdir = path.join(REPO_ROOT, "cdktf.out");
  synthesizeLandingZone(config, { mode: "aws" }, outdir);
  await requireVerified(config, synthesizedModel(config, outdir), "make deploy");
  const selected = selectStacks(stacksInOrder(outdir), named).map((s) => s.name);
  const stacks = group !== undefined ? stacksOfGroup(group, selected) : selected;
  // GROUP with STACK: one batch of a group, as each job of the release workflow's accounts matrix deploys it.
  const outside =
    group !== undefined ? selected.filter((name) => named.length > 0 && !stacks.includes(name)) : [];
  if (outside.length > 0) {
    throw new LandingZoneError(
      `STACK: received ${outside.map((n) => `"${n}"`).join(", ")}; expected stacks of GROUP=${group}: ${stacksOfGroup(
        group!,
        stacksInOrder(outdir).map((s) => s.name),
      ).join(", ")}`,
    );
  }
  console.log(`deploy: ${stacks.join(", ")}`);
  const cdktf = path.join(REPO_ROOT, "node_modules", ".bin", "cdktf");
  const result = spawnSync(
    cdktf,
    [
      "deploy",
      ...stacks,
      "--skip-synth",
      "--skip-provider-lock",
      // The stacks a group depends on were deployed by the group before it.
      "--ignore-missing-stack-dependencies",
      // Bounded, as make local is: a GROUP=accounts run from a laptop deploys hundreds of stacks a few at a time
      // (the release workflow fans them out over matrix jobs instead).
      "--parallelism",
      String(DEPLOY_CONCURRENCY),
      ...(autoApprove ? ["--auto-approve"] : []),
    ],
    { cwd: REPO_ROOT, stdio: "inherit", env: terraformEnv(process.env) },
  );
  if (result.status !== 0)
    throw new LandingZoneError(`Deploying failed (cdktf exit ${result.status ?? "signal"})`);
});
