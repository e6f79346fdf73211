// make vend synthesizes only the stacks a vend can change (vendSelection) for its plan, so the plan a reviewer reads
// must be the whole change (164.308(a)(4) access management). For the example's own vend (non-PHI, into dev), a PHI
// account into prod and a non-PHI one into Sandbox, both configurations are synthesized in full: every stack outside
// the selection is byte for byte the same before and after, and the plan printed from the selected stacks equals
// the plan of the full synths, line for line.
import * as fs from "fs";
import * as path from "path";
import { inScratchSynth, StackSelection, vendSelection } from "../../src/app";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { LandingZoneConfig } from "../../src/config/schema";
import { planVend, VendRequest } from "../../src/config/vend";
import {
  offlinePlan,
  readSynthesizedResources,
  resolvedSide,
  ResolvedSide,
} from "../../src/deploy/synth-diff";
import { synthesizedModel } from "../../src/verify/gate";
import { placeholderNamer } from "../../src/verify/placeholder-names";
import { exampleCopy } from "../helpers/config-fixture";

/** A synthesized configuration: each stack's cdk.tf.json as written, and the plan's side of it as vend reads it. */
interface Synthesized {
  readonly files: ReadonlyMap<string, string>;
  readonly side: ResolvedSide;
}

function synthesize(config: LandingZoneConfig, selection?: StackSelection): Synthesized {
  return inScratchSynth(
    config,
    (outdir) => {
      const files = new Map<string, string>();
      for (const name of fs.readdirSync(path.join(outdir, "stacks"))) {
        files.set(name, fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));
      }
      const model = synthesizedModel(config, outdir);
      return { files, side: resolvedSide(readSynthesizedResources(outdir), model, placeholderNamer(model)) };
    },
    selection,
  );
}

/** The stacks `selection` leaves out whose synthesized JSON differs between `before` and `after`, or exists in one. */
function changedOutside(selection: ReadonlySet<string>, before: Synthesized, after: Synthesized): string[] {
  return [...new Set([...before.files.keys(), ...after.files.keys()])]
    .filter((name) => !selection.has(name) && before.files.get(name) !== after.files.get(name))
    .sort();
}

const dir = exampleCopy();
const current = loadConfig(dir);
const fullBefore = synthesize(current);

const VENDS: ReadonlyArray<[string, VendRequest]> = [
  [
    "the example's vend: non-PHI, into dev",
    {
      name: "radiology-ai",
      email: "aws+radiology-ai@example-health.org",
      ou: "Workloads/NonProd",
      environment: "dev",
    },
  ],
  [
    "a PHI account into prod",
    {
      name: "claims-prod",
      email: "aws+claims-prod@example-health.org",
      ou: "Workloads/Prod",
      environment: "prod",
    },
  ],
  [
    "a non-PHI account into Sandbox",
    {
      name: "sandbox-two",
      email: "aws+sandbox-two@example-health.org",
      ou: "Sandbox",
      environment: "dev",
      dataClassification: "non-phi",
    },
  ],
];

/**
 * The configuration as it is, synthesized with `selection`: what it builds of it is the same for every vend here
 * (the new account has no baseline yet), so it is synthesized once per distinct set of baselines.
 */
const selectedCurrents = new Map<string, Synthesized>();
function selectedCurrent(selection: StackSelection): Synthesized {
  const key = allAccountNames(current.organization)
    .filter((name) => selection.baselines.has(name))
    .join();
  if (!selectedCurrents.has(key)) selectedCurrents.set(key, synthesize(current, selection));
  return selectedCurrents.get(key)!;
}

/** Each vend's configuration synthesized in full, by account name. */
const fullAfters = new Map<string, Synthesized>();

describe.each(VENDS)("%s", (_title, request) => {
  const { after, account } = planVend(request, dir);
  const selection = vendSelection(after, account.name);
  const fullAfter = synthesize(after);
  fullAfters.set(account.name, fullAfter);
  const selectedBefore = selectedCurrent(selection);
  const selectedAfter = synthesize(after, selection);
  const selected = new Set(selectedAfter.files.keys());

  it("builds every stack but the baselines of the accounts it leaves alone", () => {
    const left = [...fullAfter.files.keys()].filter((name) => !selected.has(name)).sort();
    const baselines = [...fullAfter.files.keys()].filter((name) => name.startsWith("baseline-"));
    expect(left).toEqual(
      baselines.filter((name) => name !== `baseline-${account.name}` && name !== "baseline-backup").sort(),
    );
    expect(left.length).toBeGreaterThan(5);
    expect([...selectedBefore.files.keys()].sort()).toEqual(
      [...selected].filter((n) => n !== `baseline-${account.name}`).sort(),
    );
  });

  it("changes no stack outside the selection, byte for byte", () => {
    expect(changedOutside(selected, fullBefore, fullAfter)).toEqual([]);
  });

  it("prints from the selected stacks exactly the plan of the full synths", () => {
    const fast = offlinePlan(selectedBefore.side, selectedAfter.side);
    const full = offlinePlan(fullBefore.side, fullAfter.side);
    expect(fast).toEqual(full);
    // Not two empty plans: the account, its new baseline and a reason for each changed stack are in it.
    expect(fast.plan).toContain(
      `  baseline-${account.name} (new stack): ${fast.changes.find((s) => s.stack === `baseline-${account.name}`)!.changes.length} to add, 0 to change, 0 to destroy`,
    );
    expect(fast.plan).toContain(
      "      + aws_organizations_account organization/account-" + account.name + "/account",
    );
    expect(fast.reasons.length).toBeGreaterThan(0);
  });
});

it("would catch a stack outside the selection that changed", () => {
  // The same comparison with no baseline selected names the backup account's baseline, which lists every account
  // as a copy source, and the new account's.
  expect(changedOutside(new Set(), fullBefore, fullAfters.get("radiology-ai")!)).toEqual([
    "backup",
    "baseline-backup",
    "baseline-radiology-ai",
    "detective-controls",
    "identity-center",
    "organization",
    "security",
  ]);
});
