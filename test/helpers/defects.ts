// Puts a defect back into the example's synthesized stacks and verifies the result: the helpers the verify*.test.ts
// files share. The stacks are synthesized once per worker and frozen (synth.ts); each edit applies to a deep copy.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { LandingZoneConfig } from "../../src/config/schema";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { verifyLandingZone, VerifyReport } from "../../src/verify/verify";
import { synthApp } from "./synth";

/** A resource block of a synthesized stack. */
export type Block = Record<string, unknown>;
/** Synthesized stacks by name, as an edit sees them. */
export type Stacks = Map<string, { resource: Record<string, Record<string, Block>> }>;

/** The shipped example configuration. */
export const example = loadConfig(path.join(__dirname, "..", "..", "environments"));

export function modelOf(
  config: LandingZoneConfig,
  stacks: ReadonlyMap<string, unknown>,
): SynthesizedLandingZone {
  return new SynthesizedLandingZone(stacks, allAccountNames(config.organization));
}

/** A deep, editable copy of synthesized stacks. */
export function copyOf(stacks: ReadonlyMap<string, unknown>): Stacks {
  return new Map(Object.entries(JSON.parse(JSON.stringify(Object.fromEntries(stacks))))) as Stacks;
}

/** The example's synthesized stacks with one edit applied to a deep copy: a defect put back. */
export async function verifyWith(edit: (stacks: Stacks) => void): Promise<VerifyReport> {
  const map = copyOf(synthApp(example).stacks);
  edit(map);
  return verifyLandingZone(example, modelOf(example, map));
}

/** The resources of a type in a stack whose construct path ends with `suffix`. */
export function blocks(stacks: Stacks, stack: string, type: string, suffix = ""): Block[] {
  return Object.values(stacks.get(stack)!.resource[type] ?? {}).filter((b) =>
    ((b["//"] as { metadata: { path: string } }).metadata.path as string).endsWith(suffix),
  );
}

/** Edits a JSON policy argument in place. */
export function editPolicy(block: Block, key: string, edit: (policy: { Statement: Block[] }) => void): void {
  const policy = JSON.parse(block[key] as string) as { Statement: Block[] };
  edit(policy);
  block[key] = JSON.stringify(policy);
}

/** The IDs of the paths decided otherwise than expected. */
export function failedPaths(report: VerifyReport): string[] {
  return report.paths.filter((p) => !p.ok).map((p) => p.id);
}

/** The addresses each broken service rule names, by rule. */
export function brokenRules(report: VerifyReport): Record<string, string[]> {
  return Object.fromEntries(
    report.rules.filter((r) => r.findings.length > 0).map((r) => [r.id, r.findings.map((f) => f.address)]),
  );
}
