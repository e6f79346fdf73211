// Runs the HIPAA rules over the synthesized landing zone and applies the configuration's suppressions: a finding
// a suppression matches is reported as accepted (with its reason, owner and expiry) instead of failing; a
// suppression naming no rule, or matching nothing, fails, so the list never outlives its findings (164.308(a)(8)).
import { LandingZoneConfig, SuppressionConfig } from "../config/schema";
import { HIPAA_RULES } from "./rules/hipaa";
import { HipaaRule } from "./rules/hipaa/rule";
import { relaxation } from "./rules/hipaa/relaxed";
import { RuleFinding } from "./rules/rule";
import { SynthesizedLandingZone } from "./synthesized";

/** A finding a suppression accepts. */
export interface SuppressedFinding extends RuleFinding {
  /** The suppression's index in compliance.suppressions, and what it says. */
  readonly suppression: SuppressionConfig & { readonly index: number };
}

/** One HIPAA rule's result: the rule as described, and what it found. */
export interface HipaaRuleResult extends Omit<HipaaRule, "check"> {
  /** Findings no suppression accepts: each fails verification. */
  readonly findings: readonly RuleFinding[];
  readonly suppressed: readonly SuppressedFinding[];
  /**
   * Set when the configuration's profile relaxes the rule (src/verify/rules/hipaa/relaxed.ts): what it does
   * instead. A relaxed rule has no findings and is never reported as passed.
   */
  readonly relaxed?: string;
}

/** What the HIPAA rules decided, with every problem in the suppression list. */
export interface HipaaRulesOutcome {
  readonly results: HipaaRuleResult[];
  /** Suppressions that name no rule or match no finding, one line each. */
  readonly suppressionProblems: string[];
}

/** Whether a suppression's resource pattern (`*` for any run of characters) matches a finding's address. */
export function addressMatches(pattern: string, address: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(address);
}

/** Runs every HIPAA rule and sorts its findings into failing and suppressed. */
export function runHipaaRules(model: SynthesizedLandingZone, config: LandingZoneConfig): HipaaRulesOutcome {
  const suppressions = config.organization.compliance.suppressions.map((s, index) => ({ ...s, index }));
  const used = new Set<number>();
  const results = HIPAA_RULES.map((rule): HipaaRuleResult => {
    const { id, title, sections, configRules, resourceTypes, doc, fix } = rule;
    const relaxed = relaxation(config.organization.profile, rule.id);
    if (relaxed !== undefined) {
      return {
        id,
        title,
        sections,
        configRules,
        resourceTypes,
        doc,
        fix,
        findings: [],
        suppressed: [],
        relaxed,
      };
    }
    const findings: RuleFinding[] = [];
    const suppressed: SuppressedFinding[] = [];
    for (const finding of rule.check(model, config)) {
      const suppression = suppressions.find(
        (s) => s.rule === rule.id && addressMatches(s.resource, finding.address),
      );
      if (suppression) {
        used.add(suppression.index);
        suppressed.push({ ...finding, suppression });
      } else {
        findings.push(finding);
      }
    }
    return { id, title, sections, configRules, resourceTypes, doc, fix, findings, suppressed };
  });
  const known = new Set(HIPAA_RULES.map((r) => r.id));
  const suppressionProblems = suppressions.flatMap((s) => {
    const at = `organization.yaml compliance.suppressions[${s.index}]`;
    if (!known.has(s.rule))
      return [`${at}.rule: expected one of the HIPAA rules (docs/compliance.md), received ${s.rule}`];
    if (!used.has(s.index))
      return [
        `${at}.resource: matches no finding of ${s.rule} (received ${s.resource}); the resource complies or is gone, so remove the suppression`,
      ];
    return [];
  });
  return { results, suppressionProblems };
}

/** A HIPAA finding as one failure line: the rule, where, what, the sections, the mirrored pack rules, the fix. */
export function hipaaFailureLine(rule: HipaaRuleResult, finding: RuleFinding): string {
  const mirrors = rule.configRules.length > 0 ? `; Config ${rule.configRules.join(", ")}` : "";
  return `rule ${rule.id} (HIPAA ${rule.sections.join(", ")}${mirrors}): ${finding.address} ${finding.message}; fix: ${rule.fix} (${rule.doc})`;
}
