// Synthesizes the whole app the way `make synth` does (cross-stack references become remote-state lookups) into
// a temporary directory, and reads back each stack's JSON.
import * as fs from "fs";
import * as path from "path";
import { inScratchSynth } from "../../src/app";
import { loadConfig } from "../../src/config/load";
import { LandingZoneConfig } from "../../src/config/schema";
import { writeConfig } from "./config-fixture";

/** Resource blocks by type, then by name. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** One synthesized stack. */
export interface SynthesizedStackJson {
  readonly resource: Resources;
  readonly provider: { aws: Array<Record<string, unknown>> };
  readonly data?: Resources;
  /** Terraform `removed` blocks: resources that leave state without being destroyed. */
  readonly removed?: ReadonlyArray<{
    readonly from: string;
    readonly lifecycle: { readonly destroy: boolean };
  }>;
}

/** A synthesized app: its stacks by name. */
export interface SynthesizedApp {
  readonly stacks: ReadonlyMap<string, SynthesizedStackJson>;
  /** Every resource of a type in a stack. */
  readonly all: (stack: string, type: string) => Array<Record<string, unknown>>;
}

const ENVIRONMENTS = path.join(__dirname, "..", "..", "environments");

/** The shipped example configuration with its governed regions replaced. */
export function exampleWithRegions(regions: readonly string[]): LandingZoneConfig {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(ENVIRONMENTS)) {
    if (name.endsWith(".yaml")) files[name] = fs.readFileSync(path.join(ENVIRONMENTS, name), "utf8");
  }
  const org = files["organization.yaml"];
  if (!/^regions:\n(  - .*\n)+/m.test(org)) throw new Error("the example's regions block was not found");
  files["organization.yaml"] = org.replace(
    /^regions:\n(  - .*\n)+/m,
    `regions:\n${regions.map((r) => `  - ${r}\n`).join("")}`,
  );
  return loadConfig(writeConfig(files));
}

/** Synthesizes `config` for real AWS and returns every stack's JSON; the directory is removed afterwards. */
export function synthApp(config: LandingZoneConfig): SynthesizedApp {
  return inScratchSynth(config, (outdir) => {
    const stacks = new Map<string, SynthesizedStackJson>();
    for (const name of fs.readdirSync(path.join(outdir, "stacks"))) {
      const text = fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8");
      stacks.set(name, JSON.parse(text) as SynthesizedStackJson);
    }
    return {
      stacks,
      all: (stack: string, type: string) => Object.values(stacks.get(stack)?.resource?.[type] ?? {}),
    };
  });
}
