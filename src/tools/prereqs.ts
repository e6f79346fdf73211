// `make prereqs` (and the first step of every make target that runs Terraform or the emulator): checks Node 20 and
// Terraform 1.11, finds or fills the AWS provider mirror and, for the emulator, a python with moto 5.2.1, and
// records the choices in .lz/toolchain.json for every later command (src/deploy/toolchain.ts decides; this file
// only runs it). Prints one line when nothing was downloaded; a missing prerequisite is one line saying what to
// install, and exit 1.
// Usage: prereqs.ts [terraform] [python3]   (both when neither is named)
import * as fs from "fs";
import { runCli } from "../cli";
import { displayPath, LandingZoneError } from "../config/errors";
import { CLI_CONFIG } from "../deploy/terraform-env";
import {
  awsProviderRequirement,
  checkNode,
  checkTerraform,
  configuredMirror,
  resolvePython,
  resolveProviderMirror,
  systemProbes,
  Toolchain,
  TOOLCHAIN_FILE,
  writeToolchain,
} from "../deploy/toolchain";

const NEEDS = ["terraform", "python3"] as const;

runCli(async () => {
  const named = process.argv.slice(2);
  const unknown = named.filter((n) => !(NEEDS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new LandingZoneError(
      `prereqs: received ${unknown.map((n) => JSON.stringify(n)).join(", ")}; expected ${NEEDS.join(" or ")}`,
    );
  }
  const needs = named.length > 0 ? named : [...NEEDS];
  const probes = systemProbes();
  checkNode(process.version);
  const choices: { -readonly [K in keyof Toolchain]: Toolchain[K] } = {};
  const said: string[] = [];
  if (needs.includes("terraform")) {
    const terraform = checkTerraform(probes);
    const provider = awsProviderRequirement();
    const mirror = await resolveProviderMirror(probes, {
      env: process.env,
      configured: configuredMirror(fs.readFileSync(CLI_CONFIG, "utf8")),
      provider,
      platform: terraform.platform,
    });
    choices.terraform = { ...terraform, providerMirror: mirror.dir, mirrorSource: mirror.source };
    said.push(
      `Terraform ${terraform.version}, AWS provider ${provider.version} from ${displayPath(mirror.dir)}`,
    );
  }
  if (needs.includes("python3")) {
    const python = await resolvePython(probes, { env: process.env });
    choices.python = python;
    said.push(`moto ${python.moto} in ${displayPath(python.python)}`);
  }
  writeToolchain(choices, TOOLCHAIN_FILE);
  process.stdout.write(`prereqs: ${said.join("; ")}\n`);
});
