// The evaluation profile (src/config/profile.ts) is for a trial organization without PHI: its short, GOVERNANCE-mode
// locks and closable accounts do not meet HIPAA's six-year retention (164.316(b)(2)(i)), so it refuses any
// environment that says it holds PHI.
import { ConfigIssue } from "../errors";
import { cite } from "../../policies/hipaa-sections";
import { EnvironmentSource, OrganizationSource } from "./sources";

/** Every environment with `phi: true` under `profile: evaluation`, one issue each. */
export function evaluationProfileIssues(
  org: OrganizationSource,
  environments: readonly EnvironmentSource[],
): ConfigIssue[] {
  if (org.organization.profile !== "evaluation") return [];
  return environments
    .filter((env) => env.config.phi)
    .map((env) => ({
      file: env.file,
      path: ["phi"],
      received: true,
      message: `expected false: ${org.file} sets profile: evaluation, whose short GOVERNANCE-mode locks and closable accounts do not meet HIPAA's retention (45 CFR ${cite("164.316(b)(2)(i)")}); set profile: hipaa to deploy environment "${env.config.name}"`,
    }));
}
