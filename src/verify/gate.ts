// The gate every command that synthesizes for AWS or deploys passes through: the synthesized landing zone must
// decide every access path as expected and break no AWS service rule, or nothing is written or deployed.
import { LandingZoneError } from "../config/errors";
import { LandingZoneConfig } from "../config/schema";
import { allAccountNames } from "../config/model";
import { SynthesizedLandingZone } from "./synthesized";
import { failureLines, verifyLandingZone, VerifyReport } from "./verify";

/** Reads a cdktf output directory synthesized for AWS into the verification model. */
export function synthesizedModel(config: LandingZoneConfig, outdir: string): SynthesizedLandingZone {
  return SynthesizedLandingZone.fromOutdir(outdir, allAccountNames(config.organization));
}

/** Verifies, and refuses to go on (a user error naming each path and rule) when anything fails. */
export async function requireVerified(
  config: LandingZoneConfig,
  model: SynthesizedLandingZone,
  command: string,
): Promise<VerifyReport> {
  const report = await verifyLandingZone(config, model);
  if (!report.ok) {
    const lines = failureLines(report);
    throw new LandingZoneError(
      `${command}: refused, the synthesized landing zone would not work on AWS (${lines.length} problem${lines.length === 1 ? "" : "s"}; make verify VERBOSE=1 prints the table):\n  ${lines.join("\n  ")}`,
    );
  }
  return report;
}
