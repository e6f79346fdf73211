// `make teardown [LOCAL=1]`: destroys a trial landing zone (profile: evaluation, docs/trial.md) stack by stack in
// reverse dependency order, then prints what it cannot remove. Refuses any other profile in one line: a HIPAA
// landing zone's logs and backups must outlive it (164.316(b)(2)(i)). LOCAL=1 tears down what make local deployed
// to the emulator; otherwise it destroys on AWS with the caller's management-account credentials, once the
// organization's name is typed at the terminal or AUTO_APPROVE=1 is set.
import * as path from "path";
import * as readline from "readline/promises";
import { synthesizeLandingZone } from "../app";
import { runCli } from "../cli";
import { displayPath, LandingZoneError } from "../config/errors";
import { loadConfig } from "../config/load";
import { profileBanner } from "../config/profile";
import { DeploymentTarget, localPort } from "../config/target";
import { emulatorPaths, portOpen, runningEmulatorPid } from "../deploy/emulator";
import {
  keptResources,
  requireEvaluationProfile,
  teardownConfirmation,
  teardownOrder,
  whatRemains,
} from "../deploy/teardown";
import { REPO_ROOT } from "../deploy/terraform-env";
import { initIfChanged, stacksInOrder, terraformOrThrow } from "../deploy/terraform";
import { knownOptions } from "./aws-target";

function parseArgs(argv: readonly string[]): { local: boolean; autoApprove: boolean } {
  knownOptions("make teardown", argv, ["--local", "--auto-approve"]);
  return { local: argv.includes("--local"), autoApprove: argv.includes("--auto-approve") };
}

/** The organization's name as typed at the terminal; undefined when nobody is there to type it. */
async function typedName(organization: string): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const prompt = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await prompt.question(`Type the organization's name (${organization}) to destroy it on AWS: `);
  } finally {
    prompt.close();
  }
}

/** The emulator make local started, with its state; refuses when none runs (there would be nothing to remove). */
async function localTarget(): Promise<{ target: DeploymentTarget; outdir: string }> {
  const port = localPort();
  const paths = emulatorPaths();
  if (runningEmulatorPid(paths) === undefined || !(await portOpen(port))) {
    throw new LandingZoneError(
      `make teardown LOCAL=1 removes what make local deployed, but no emulator started by make local runs on port ${port} (${displayPath(paths.dir)}).`,
    );
  }
  return {
    target: { mode: "local", endpoint: `http://127.0.0.1:${port}`, stateDir: path.join(paths.dir, "state") },
    outdir: path.join(paths.dir, "cdktf.out"),
  };
}

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  requireEvaluationProfile(config);
  console.log(profileBanner(config.organization.profile));
  const { target, outdir } = args.local
    ? await localTarget()
    : { target: { mode: "aws" } as DeploymentTarget, outdir: path.join(REPO_ROOT, "cdktf.out") };
  const name = config.organization.name;
  const typed = target.mode === "aws" && !args.autoApprove ? await typedName(name) : undefined;
  const refusal = teardownConfirmation(name, target.mode, args.autoApprove, typed);
  if (refusal !== undefined) throw new LandingZoneError(refusal);
  synthesizeLandingZone(config, target, outdir);
  const stacks = teardownOrder(stacksInOrder(outdir));
  const where = target.mode === "local" ? `the emulator at ${target.endpoint}` : "AWS";
  console.log(
    `teardown: destroying ${stacks.length} stack(s) on ${where}: ${stacks.map((s) => s.name).join(", ")}`,
  );
  // One at a time: each stack's destroy must finish before the stacks it depends on go.
  for (const stack of stacks) {
    const started = Date.now();
    await initIfChanged(stack.dir, stack.name);
    const listed = await terraformOrThrow(stack.dir, ["state", "list"], `state list of ${stack.name}`);
    const kept = keptResources(listed.stdout, target.mode);
    if (kept.length > 0) {
      const addresses = kept.map((k) => k.address);
      await terraformOrThrow(stack.dir, ["state", "rm", ...addresses], `state rm in ${stack.name}`);
      for (const { address, reason } of kept) {
        console.log(`teardown: ${stack.name}: left in place and dropped from state: ${address} (${reason})`);
      }
    }
    await terraformOrThrow(
      stack.dir,
      ["destroy", "-auto-approve", "-input=false", "-no-color"],
      `destroy of stack ${stack.name}`,
    );
    console.log(`teardown: ${stack.name}: destroyed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }
  console.log(
    [
      "",
      `Teardown of "${config.organization.name}" is done. What it cannot remove:`,
      ...whatRemains(config, target.mode).map((line) => `  - ${line}`),
    ].join("\n"),
  );
});
