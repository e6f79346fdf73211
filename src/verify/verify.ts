// Proves, before anything deploys, that the synthesized landing zone works on AWS: every access path in the
// catalogue is decided by the policy simulator as expected, and no AWS service rule is broken (164.312(a)(1),
// (b), (c)(1)). What the emulator cannot show about policies and service rules is decided here.
import { ORGANIZATION_FILE } from "../config/load";
import { LandingZoneConfig } from "../config/schema";
import { baaListKey } from "../config/model";
import { HIPAA_ELIGIBLE_SERVICES_REFERENCE } from "../policies/baa-services";
import { HipaaSectionId } from "../policies/hipaa-sections";
import { BAA_DENY_SID } from "../policies/scp-library";
import { Profile } from "../config/profile";
import { accountKeyPaths } from "./paths/account-keys";
import { sessionPaths } from "./paths/sessions";
import { workloadPaths } from "./paths/workloads";
import { alertPaths } from "./paths/alerts";
import { inventedIdentityPolicies } from "./paths/aws-owned";
import { AccessPath, pathContext } from "./paths/context";
import { endpointPaths } from "./paths/endpoints";
import { backupPaths } from "./paths/backups";
import { guardrailPaths } from "./paths/guardrails";
import { creationGuardrailPaths } from "./paths/creation-guardrails";
import { identityChainPaths } from "./paths/identity-chains";
import { logDeliveryPaths } from "./paths/log-delivery";
import { permissionSetPaths } from "./paths/permission-sets";
import { phiLogDataPaths } from "./paths/phi-log-data";
import { perimeterAndRootPaths } from "./paths/perimeter";
import { trailKeyPaths } from "./paths/trail-key";
import { hybridNetworkPaths, vpnTunnelLogPaths } from "./paths/hybrid-network";
import { placeholderNamer } from "./placeholder-names";
import { PolicyIndex } from "./policy-index";
import { hipaaFailureLine, HipaaRuleResult, runHipaaRules } from "./hipaa-rules";
import { SERVICE_RULES } from "./rules";
import { RuleFinding } from "./rules/rule";
import { decide, Decision, Outcome, requestText, SimulatedRequest } from "./simulator";
import { SynthesizedLandingZone } from "./synthesized";

/** One path's result. */
export interface PathResult {
  readonly id: string;
  readonly group: string;
  readonly title: string;
  readonly expect: "allow" | "deny";
  readonly doc: string;
  /** The simulator's decision, or "error" when the path could not be evaluated (which fails it). */
  readonly decided: Decision | "error";
  readonly ok: boolean;
  /**
   * When the decision differs: the statements (or missing Allow) that decided it; on error, why. Accounts, OUs and
   * keys are named as configured, never by the model's placeholder IDs.
   */
  readonly because: readonly string[];
  /**
   * What to change when the failure has a known cause in the configuration.
   * @default - none
   */
  readonly fix?: string;
}

/** One rule's result. */
export interface RuleResult {
  readonly id: string;
  readonly title: string;
  readonly doc: string;
  readonly findings: readonly RuleFinding[];
}

/** Everything `make verify` decides. */
export interface VerifyReport {
  /** The configuration's profile: under `evaluation` the report is not evidence of a HIPAA deployment. */
  readonly profile: Profile;
  readonly ok: boolean;
  readonly paths: readonly PathResult[];
  readonly rules: readonly RuleResult[];
  /** The HIPAA rules, with the findings suppressions accept. */
  readonly hipaa: readonly HipaaRuleResult[];
  /** Suppressions that name no rule or match no finding. */
  readonly suppressionProblems: readonly string[];
  /** Distinct simulations run (paths with identical policies and request are evaluated once). */
  readonly simulations: number;
}

/** The sections each group of access paths gives evidence for, as the evidence binder files them. */
export const PATH_GROUP_SECTIONS: Readonly<Record<string, readonly HipaaSectionId[]>> = {
  "Log delivery": ["164.312(b)"],
  "Organization trail": ["164.312(b)", "164.312(c)(2)"],
  "Log archive protection": ["164.312(c)(1)", "164.316(b)(2)(i)"],
  Replication: ["164.312(c)(1)", "164.316(b)(2)(i)"],
  Alerts: ["164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"],
  "Account keys": ["164.312(a)(2)(iv)"],
  "Session Manager": ["164.312(b)", "164.312(a)(2)(iv)", "164.312(a)(1)"],
  "Central application logs": ["164.308(a)(1)(ii)(D)", "164.312(b)", "164.312(a)(1)"],
  "PHI data keys": ["164.312(a)(2)(iv)", "164.312(a)(1)"],
  Guardrails: ["164.312(a)(1)", "164.308(a)(4)"],
  "Creation guardrails": ["164.312(a)(2)(iv)", "164.312(e)(1)", "164.312(c)(1)"],
  "Permission sets": ["164.312(a)(1)", "164.308(a)(4)"],
  "PHI log data": ["164.312(a)(1)", "164.308(a)(4)"],
  Transport: ["164.312(e)(1)", "164.312(e)(2)(ii)"],
  "VPC endpoints": ["164.312(e)(1)", "164.312(a)(1)"],
  Backups: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.312(c)(1)"],
  "Data perimeter and root access": ["164.312(a)(1)", "164.312(e)(1)", "164.312(a)(2)(i)"],
  "Who can become whom": ["164.312(a)(1)", "164.308(a)(4)"],
  Workloads: ["164.312(a)(1)", "164.312(a)(2)(iv)", "164.312(e)(1)", "164.308(a)(4)"],
  "Hub on-premises side": ["164.312(a)(1)", "164.312(e)(1)"],
};

/** Every path of the catalogue for a synthesized landing zone. */
export function accessPaths(config: LandingZoneConfig, model: SynthesizedLandingZone): AccessPath[] {
  const ctx = pathContext(config, new PolicyIndex(model));
  const groups: Array<[string, (c: typeof ctx) => AccessPath[]]> = [
    ["log delivery", logDeliveryPaths],
    ["trail key", trailKeyPaths],
    ["alerts", alertPaths],
    ["account keys", accountKeyPaths],
    ["sessions and central logs", sessionPaths],
    ["guardrails", guardrailPaths],
    ["creation guardrails", creationGuardrailPaths],
    ["permission sets", permissionSetPaths],
    ["PHI log data", phiLogDataPaths],
    ["VPC endpoints", endpointPaths],
    ["backups", backupPaths],
    ["data perimeter and root access", perimeterAndRootPaths],
    ["who can become whom", identityChainPaths],
    ["workloads", workloadPaths],
    ["hub on-premises side", hybridNetworkPaths],
    ["VPN tunnel logs", vpnTunnelLogPaths],
  ];
  const paths = groups.flatMap(([name, build]) => {
    try {
      return build(ctx);
    } catch (error) {
      // A group that cannot even be listed is one failing path, never a skipped group.
      return [unbuildable(name, error as Error)];
    }
  });
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path.id)) throw new Error(`two access paths share the ID ${path.id}`);
    seen.add(path.id);
  }
  return paths.map((path) => withResourceControlPolicies(path, ctx.index));
}

/**
 * Every request is also decided under the RCPs on its resource's account, as AWS decides it: a delivery, copy or
 * grant the landing zone depends on must still be allowed inside the data perimeter. A path that names its own RCP
 * levels keeps them. A path that gives an AWS-owned caller an identity policy AWS does not publish for it, nor the
 * synthesized stacks attach to it, fails unevaluated (paths/aws-owned.ts): it could never show a missing permission.
 */
function withResourceControlPolicies(path: AccessPath, index: PolicyIndex): AccessPath {
  return {
    ...path,
    build: () => {
      const request = path.build();
      const invented = inventedIdentityPolicies(request, index);
      if (invented.length > 0) throw new Error(invented.join("; "));
      return request.rcps ? request : { ...request, rcps: index.rcpLevels(request.resourceAccount) };
    },
  };
}

function unbuildable(group: string, error: Error): AccessPath {
  return {
    id: `${group.replace(/\s+/g, "-")}-catalogue`,
    group,
    title: `The ${group} paths of the catalogue`,
    expect: "allow",
    doc: "docs/verification.md",
    build: () => {
      throw error;
    },
  };
}

/**
 * The request with account IDs and key IDs renamed in order of first appearance. Policy evaluation treats both as
 * opaque strings (the landing zone's policies match them exactly or with whole-segment wildcards), so two requests
 * equal up to such a consistent renaming get the same decision.
 */
export function canonicalKey(request: SimulatedRequest): string {
  return canonicalOf(requestText(request));
}

function canonicalOf(text: string): string {
  const names = new Map<string, string>();
  return text.replace(
    /\b\d{12}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g,
    (id) => {
      let name = names.get(id);
      if (!name) {
        name = `<${id.length === 12 ? "account" : "key"}-${names.size}>`;
        names.set(id, name);
      }
      return name;
    },
  );
}

/**
 * When the BAA service list denies a request the landing zone itself needs: the entry to add, or the setting that
 * makes the landing zone need it.
 */
function baaFix(
  path: AccessPath,
  request: SimulatedRequest,
  outcome: Outcome,
  listKey: string,
): string | undefined {
  if (path.expect !== "allow" || !outcome.denies.some((d) => d.endsWith(`: ${BAA_DENY_SID}`)))
    return undefined;
  const prefix = request.action.split(":")[0];
  return (
    `${prefix} is not on the BAA service list, so lz-phi-workloads denies it where PHI may be: once your BAA ` +
    `review clears it against ${HIPAA_ELIGIBLE_SERVICES_REFERENCE}, add "- prefix: ${prefix}" with "checked: ` +
    `<the date>" to ${listKey} in ${ORGANIZATION_FILE}` +
    (path.setting ? `; or ${path.setting}` : "")
  );
}

/** Decides a path: Allowed satisfies "allow"; either denial satisfies "deny". */
function judged(
  path: AccessPath,
  request: SimulatedRequest,
  outcome: Outcome,
  named: (text: string) => string,
  listKey: string,
): PathResult {
  const ok = path.expect === "allow" ? outcome.decision === "Allowed" : outcome.decision !== "Allowed";
  const because = ok
    ? []
    : outcome.decision === "Allowed"
      ? outcome.allows
      : outcome.denies.length > 0
        ? outcome.denies
        : outcome.implicitDenies;
  const fix = ok ? undefined : baaFix(path, request, outcome, listKey);
  return {
    ...describe(path),
    decided: outcome.decision,
    ok,
    because: because.map(named),
    ...(fix ? { fix } : {}),
  };
}

function describe(path: AccessPath) {
  return { id: path.id, group: path.group, title: path.title, expect: path.expect, doc: path.doc };
}

/** Runs every service rule, every HIPAA rule and every access path. */
export async function verifyLandingZone(
  config: LandingZoneConfig,
  model: SynthesizedLandingZone,
): Promise<VerifyReport> {
  const named = placeholderNamer(model);
  const listKey = baaListKey(config.organization);
  const rules = SERVICE_RULES.map((rule) => ({
    id: rule.id,
    title: rule.title,
    doc: rule.doc,
    findings: rule.check(model, config).map((finding) => ({ ...finding, message: named(finding.message) })),
  }));
  const hipaa = runHipaaRules(model, config);
  const cache = new Map<string, Promise<Outcome>>();
  const results: PathResult[] = [];
  for (const path of accessPaths(config, model)) {
    let request: SimulatedRequest;
    try {
      request = path.build();
    } catch (error) {
      results.push({
        ...describe(path),
        decided: "error",
        ok: false,
        because: [named((error as Error).message)],
      });
      continue;
    }
    // Requests that differ only in which accounts and keys they name are one simulation (300 accounts share
    // their policies up to those IDs).
    const text = requestText(request);
    const key = canonicalOf(text);
    let outcome = cache.get(key);
    if (!outcome) {
      outcome = decide(request, text);
      cache.set(key, outcome);
    }
    try {
      results.push(judged(path, request, await outcome, named, listKey));
    } catch (error) {
      results.push({
        ...describe(path),
        decided: "error",
        ok: false,
        because: [named((error as Error).message)],
      });
    }
  }
  const ok =
    results.every((r) => r.ok) &&
    rules.every((r) => r.findings.length === 0) &&
    hipaa.results.every((r) => r.findings.length === 0) &&
    hipaa.suppressionProblems.length === 0;
  return {
    profile: config.organization.profile,
    ok,
    paths: results,
    rules,
    hipaa: hipaa.results.map((rule) => ({
      ...rule,
      findings: rule.findings.map((finding) => ({ ...finding, message: named(finding.message) })),
      suppressed: rule.suppressed.map((finding) => ({ ...finding, message: named(finding.message) })),
    })),
    suppressionProblems: hipaa.suppressionProblems,
    simulations: cache.size,
  };
}

/** The lines that explain a failed verification, one problem per line, for errors and the terminal. */
export function failureLines(report: VerifyReport): string[] {
  const lines: string[] = [];
  for (const rule of report.rules) {
    for (const finding of rule.findings) {
      lines.push(`rule ${rule.id}: ${finding.address} ${finding.message} (${rule.doc})`);
    }
  }
  for (const rule of report.hipaa) {
    for (const finding of rule.findings) lines.push(hipaaFailureLine(rule, finding));
  }
  lines.push(...report.suppressionProblems.map((problem) => `suppression ${problem}`));
  for (const path of report.paths.filter((p) => !p.ok)) {
    lines.push(
      `path ${path.id}: expected ${path.expect}, decided ${path.decided}: ${path.title}; ${path.because.join("; ")}` +
        `${path.fix ? `; fix: ${path.fix}` : ""} (${path.doc})`,
    );
  }
  return lines;
}
