// The evidence binder (`make compliance`): per HIPAA Security Rule section, the controls that implement it, the
// resources that carry them in each account and region, the HIPAA rules and access proofs that passed, the
// conformance-pack rules that watch it after deploy, the accepted exceptions and the last drift result; then what
// the landing zone cannot cover by itself. Every statement that depends on the configuration reads it
// (binder-configuration.ts), and the binder names the commit, the configuration's digest, the date and the accounts
// in scope (binder-provenance.ts). Evidence for a 164.308(a)(8) evaluation, not an audit.
import { CatalogueControl } from "../config/control-catalogue";
import { MANAGEMENT_ACCOUNT_NAME } from "../config/model";
import { LandingZoneConfig } from "../config/schema";
import { EVALUATION_BANNER, Profile } from "../config/profile";
import { EXCLUDED_MANAGED_RULES, HIPAA_MANAGED_RULES } from "../policies/hipaa-conformance-pack";
import { HIPAA_SECTIONS, HipaaSectionId, HipaaSpecification } from "../policies/hipaa-sections";
import { knownPackFindings, KnownPackFinding } from "./rules/hipaa/pack-coverage";
import {
  configuredControl,
  configuredStatements,
  organizationPolicies,
  policyOf,
} from "./binder-configuration";
import {
  accountsInScope,
  BinderProvenance,
  CONFIG_DIGEST_METHOD,
  NO_ACCOUNT_ID,
  NO_MANAGEMENT_ID,
  ScopedAccount,
} from "./binder-provenance";
import { SynthesizedLandingZone } from "./synthesized";
import { PATH_GROUP_SECTIONS, VerifyReport } from "./verify";

/** The sections the binder covers: every technical safeguard and the administrative ones the landing zone serves. */
export const BINDER_SECTIONS: readonly HipaaSectionId[] = [
  "164.308(a)(1)(ii)(D)",
  "164.308(a)(7)",
  "164.308(a)(8)",
  "164.312(a)(1)",
  "164.312(a)(2)(i)",
  "164.312(a)(2)(ii)",
  "164.312(a)(2)(iii)",
  "164.312(a)(2)(iv)",
  "164.312(b)",
  "164.312(c)(1)",
  "164.312(c)(2)",
  "164.312(d)",
  "164.312(e)(1)",
  "164.312(e)(2)(i)",
  "164.312(e)(2)(ii)",
  "164.316(b)(2)",
];

/** What the landing zone says plainly about a section it does not implement by itself. */
const SECTION_GAPS: Partial<Record<HipaaSectionId, string>> = {
  "164.312(a)(2)(i)":
    "Unique user identification comes from your identity provider: Identity Center maps each person to one user, and the landing zone denies IAM users in workloads; who gets a user is your workforce process.",
  "164.312(d)":
    "MFA for people is enforced by your identity provider and Identity Center's MFA settings, which the landing zone does not configure.",
};

/**
 * Evidence a section takes beyond the rules and controls filed under its own sections: what authenticates ePHI
 * (164.312(c)(2)) is the versioning, Object Lock and TLS that the integrity and transmission rules check, not only
 * the trail's log file validation, so the binder files those rules and the bucket controls here too.
 */
const SECTION_EVIDENCE: Partial<
  Record<HipaaSectionId, { readonly rules: readonly string[]; readonly files: readonly string[] }>
> = {
  "164.312(c)(2)": {
    rules: ["hipaa-s3-versioning", "hipaa-log-bucket-object-lock", "hipaa-s3-tls-only"],
    files: ["modules/secure-bucket.ts", "modules/log-archive.ts"],
  },
};

/** What no landing zone covers, so nobody mistakes the binder for an audit. */
export const NOT_COVERED: readonly string[] = [
  "Administrative safeguards (164.308) beyond those above: risk analysis and risk management, sanction policy, workforce security and clearance, security awareness training, security incident procedures as practised, and the evaluation itself.",
  "Physical safeguards (164.310): AWS is responsible for its facilities under the shared responsibility model; your offices, workstations and devices are yours.",
  "The business associate agreement (164.308(b), 164.314(a)): accept AWS's BAA in AWS Artifact for every account that holds PHI, and use only HIPAA-eligible services for PHI.",
  "Workload controls: application authentication and authorization, encryption inside the application, application audit logs, integrity of PHI records, and tagging every PHI store `DataClassification=phi` so the backup policies select it; restoring an application from its recovery points (docs/backup.md) is the workload team's runbook.",
  "Policies and procedures (164.316(a)) and their documentation, other than what this repository's history and these reports retain.",
];

/** One section of the binder. */
export interface BinderSection {
  readonly id: HipaaSectionId;
  readonly title: string;
  readonly specification: HipaaSpecification;
  readonly controls: readonly CatalogueControl[];
  /**
   * Resource counts by account, region and Terraform type, for the resources the section's rules examine; an
   * organization policy counts only where it serves the section, and `names` names those policies.
   */
  readonly resources: ReadonlyArray<{
    account: string;
    region: string;
    type: string;
    count: number;
    names?: readonly string[];
  }>;
  /** What this configuration decides for the section, read from the configuration and the synthesized stacks. */
  readonly configuration: readonly string[];
  readonly rules: ReadonlyArray<{
    id: string;
    title: string;
    holds: boolean;
    /** Set when the evaluation profile relaxes the rule: what it does instead (never reported as holding). */
    relaxed?: string;
    findings: number;
    suppressed: number;
  }>;
  readonly accessPaths: {
    readonly passed: number;
    readonly total: number;
    readonly groups: readonly string[];
  };
  /** Conformance-pack rules (Config managed rules) that watch the section after deploy. */
  readonly packRules: readonly string[];
  readonly suppressions: ReadonlyArray<{
    rule: string;
    address: string;
    reason: string;
    owner: string;
    expires: string;
  }>;
  /** Drift findings on resources of the section's controls from the last drift report, when there is one. */
  readonly drift?: { readonly generatedAt: string; readonly findings: number; readonly critical: number };
  /** Said plainly when the landing zone does not implement the section by itself. */
  readonly gap?: string;
}

/** The binder as `compliance/report.json` holds it. */
export interface EvidenceBinder {
  readonly landingZone: string;
  /** The configuration's profile; under `evaluation` the binder says on top that it is no HIPAA deployment. */
  readonly profile?: Profile;
  readonly generatedAt?: string;
  /** The commit of the code and the digest of the configuration the binder was made from. */
  readonly provenance?: BinderProvenance;
  /** Every account in scope, by name, with its ID where adopted.json records one. */
  readonly accounts: readonly ScopedAccount[];
  /** Whether every access proof and rule held (a failing binder still lists what held). */
  readonly verified: boolean;
  readonly sections: readonly BinderSection[];
  readonly knownPackFindings: readonly KnownPackFinding[];
  /** The rules of AWS's HIPAA conformance pack the landing zone does not deploy, each with its reason. */
  readonly excludedPackRules: ReadonlyArray<{ readonly rule: string; readonly why: string }>;
  readonly notCovered: readonly string[];
}

/** The last drift report, as make drift writes it (the parts the binder reads). */
export interface DriftSummary {
  readonly generatedAt: string;
  readonly findings: ReadonlyArray<{ severity: string; sections?: readonly string[] }>;
}

/** Whether `section` is `id` or one of its implementation specifications ("164.308(a)(7)" holds "(a)(7)(ii)(A)"). */
function within(id: string, section: HipaaSectionId): boolean {
  return id === section || id.startsWith(`${section}(`);
}

/** The binder for one configuration and its verification. */
export function evidenceBinder(input: {
  readonly config: LandingZoneConfig;
  readonly model: SynthesizedLandingZone;
  readonly report: VerifyReport;
  readonly catalogue: readonly CatalogueControl[];
  readonly drift?: DriftSummary;
  readonly generatedAt?: string;
  readonly provenance?: BinderProvenance;
}): EvidenceBinder {
  const { config, model, report, catalogue, drift } = input;
  const accountNames = new Map<string, string>();
  for (const ref of model.resources("aws_organizations_account"))
    accountNames.set(
      model.accountId(String(model.argument(ref, "name"))),
      String(model.argument(ref, "name")),
    );
  accountNames.set(model.managementAccountId(), MANAGEMENT_ACCOUNT_NAME);
  const policies = organizationPolicies(model, catalogue);
  const statements = configuredStatements(config, model, policies, accountNames);
  const sections = BINDER_SECTIONS.map((id): BinderSection => {
    const serves = (ids: readonly string[]) => ids.some((s) => within(s, id));
    const extra = SECTION_EVIDENCE[id];
    const controls = catalogue
      .filter((c) => serves(c.sections) || c.files.some((f) => extra?.files.includes(f)))
      .flatMap((c) => configuredControl(c, config, policies) ?? []);
    const rules = report.hipaa.filter((r) => serves(r.sections) || extra?.rules.includes(r.id));
    const counts = new Map<string, { count: number; names: Set<string> }>();
    for (const type of new Set(rules.flatMap((r) => r.resourceTypes))) {
      for (const ref of model.resources(type)) {
        // An organization policy is evidence only for the sections it serves, not for every section of its kind.
        const policy = policyOf(ref, policies);
        if (policy && !serves(policy.sections)) continue;
        const key = `${accountNames.get(model.accountOf(ref)) ?? model.accountOf(ref)}\u0000${model.regionOf(ref)}\u0000${type}`;
        const entry = counts.get(key) ?? { count: 0, names: new Set<string>() };
        entry.count += 1;
        if (policy && ref.type === "aws_organizations_policy") entry.names.add(policy.name);
        counts.set(key, entry);
      }
    }
    const groups = Object.entries(PATH_GROUP_SECTIONS)
      .filter(([, ids]) => serves(ids))
      .map(([group]) => group);
    const paths = report.paths.filter((p) => groups.includes(p.group));
    const driftFindings = drift?.findings.filter((f) =>
      serves((f.sections ?? []).map((s) => s.split(" ")[0])),
    );
    return {
      id,
      title: HIPAA_SECTIONS[id].title,
      specification: HIPAA_SECTIONS[id].specification,
      controls,
      resources: [...counts.entries()]
        .map(([key, { count, names }]) => {
          const [account, region, type] = key.split("\u0000");
          return { account, region, type, count, ...(names.size > 0 ? { names: [...names].sort() } : {}) };
        })
        .sort(
          (a, b) =>
            a.account.localeCompare(b.account) ||
            a.region.localeCompare(b.region) ||
            a.type.localeCompare(b.type),
        ),
      configuration: statements[id] ?? [],
      rules: rules.map((r) => ({
        id: r.id,
        title: r.title,
        holds: r.findings.length === 0 && r.relaxed === undefined,
        ...(r.relaxed !== undefined ? { relaxed: r.relaxed } : {}),
        findings: r.findings.length,
        suppressed: r.suppressed.length,
      })),
      accessPaths: { passed: paths.filter((p) => p.ok).length, total: paths.length, groups },
      packRules: HIPAA_MANAGED_RULES.filter((r) => serves(r.sections)).map((r) => r.identifier),
      suppressions: rules.flatMap((r) =>
        r.suppressed.map((f) => ({
          rule: r.id,
          address: f.address,
          reason: f.suppression.reason,
          owner: f.suppression.owner,
          expires: f.suppression.expires,
        })),
      ),
      ...(drift && driftFindings
        ? {
            drift: {
              generatedAt: drift.generatedAt,
              findings: driftFindings.length,
              critical: driftFindings.filter((f) => f.severity === "critical").length,
            },
          }
        : {}),
      ...(SECTION_GAPS[id] || controls.length === 0
        ? { gap: SECTION_GAPS[id] ?? "The landing zone deploys no control for this section." }
        : {}),
    };
  });
  return {
    landingZone: config.organization.name,
    profile: config.organization.profile,
    ...(input.generatedAt ? { generatedAt: input.generatedAt } : {}),
    ...(input.provenance ? { provenance: input.provenance } : {}),
    accounts: accountsInScope(config),
    verified: report.ok,
    sections,
    knownPackFindings: knownPackFindings(config),
    excludedPackRules: Object.entries(EXCLUDED_MANAGED_RULES).map(([rule, why]) => ({ rule, why })),
    notCovered: NOT_COVERED,
  };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The commit, the configuration's digest and how it is computed, when the binder carries them. */
function provenanceLines(binder: EvidenceBinder): string[] {
  if (!binder.provenance) return [];
  const { commit, configDigest } = binder.provenance;
  return [
    `- Commit: \`${commit}\``,
    `- Configuration digest: \`${configDigest.value}\` over ${configDigest.files.join(", ")} (${configDigest.method})`,
    `- Generated: \`${binder.generatedAt ?? "unknown"}\``,
    "",
  ];
}

/** Under the evaluation profile: the banner and every rule it relaxes, before anything else. */
function evaluationBanner(binder: EvidenceBinder): string[] {
  if (binder.profile !== "evaluation") return [];
  const relaxed = new Map(
    binder.sections.flatMap((s) => s.rules.flatMap((r) => (r.relaxed ? [[r.id, r.relaxed] as const] : []))),
  );
  return [
    `> **${EVALUATION_BANNER}.** This configuration sets \`profile: evaluation\` (docs/trial.md): it holds no PHI and is not evidence of HIPAA compliance. The HIPAA rules it relaxes:`,
    ">",
    ...[...relaxed].map(([id, why]) => `> - \`${id}\`: ${why}`),
    "",
  ];
}

/** The binder as Markdown, for a compliance officer: one part per section, then the limits. */
export function binderMarkdown(binder: EvidenceBinder): string {
  const out: string[] = [
    `# HIPAA evidence binder: ${binder.landingZone}`,
    "",
    ...evaluationBanner(binder),
    `${binder.generatedAt ? `Generated ${binder.generatedAt} by \`make compliance\`` : "Generated by `make compliance`"} from the configuration and the synthesized landing zone, before deploy. ` +
      `${binder.verified ? "Every access proof and rule held." : "**Verification failed**: `make verify` lists the failures."} ` +
      "It is evidence for an evaluation (164.308(a)(8)), not an audit: the last part says what the landing zone cannot cover.",
    "",
    ...provenanceLines(binder),
    "How to read it: each section names whether the Security Rule makes it a standard, a required or an addressable specification; what this configuration decides for it; the controls that implement it and the files that define them; how many resources carry them in each account and region; the rules checked before deploy and the access proofs decided by the policy simulator; the AWS Config rules that keep watching after deploy; accepted exceptions; and the last drift check.",
    "",
    "## Accounts in scope",
    "",
    `IDs come from adopted.json (\`make adopt\`); a member account without one there is listed as ${NO_ACCOUNT_ID}, the management account as ${NO_MANAGEMENT_ID}.`,
    "",
    "| Account | ID | OU | Environment |",
    "| --- | --- | --- | --- |",
    ...binder.accounts.map(
      (a) =>
        `| ${cell(a.name)} | ${a.id} | ${cell(a.ou)} | ${a.environment ? `${cell(a.environment)}${a.phi ? " (PHI)" : ""}` : "none"} |`,
    ),
    "",
  ];
  for (const s of binder.sections) {
    out.push(`## ${s.id} ${s.title} (${s.specification})`, "");
    if (s.gap) out.push(`**Not covered by the landing zone alone.** ${s.gap}`, "");
    if (s.configuration.length > 0) {
      out.push("From the configuration:", "");
      for (const line of s.configuration) out.push(`- ${line}`);
      out.push("");
    }
    if (s.controls.length > 0) {
      out.push("| Control | Where | Implemented in |", "| --- | --- | --- |");
      for (const c of s.controls)
        out.push(`| ${cell(c.control)} | ${cell(c.where)} | ${c.files.map((f) => `\`${f}\``).join(", ")} |`);
      out.push("");
    }
    if (s.resources.length > 0) {
      const byPlace = new Map<string, string[]>();
      for (const r of s.resources) {
        const place = `${r.account} (${r.region})`;
        const names = r.names ? ` (${r.names.map((n) => `\`${n}\``).join(", ")})` : "";
        byPlace.set(place, [...(byPlace.get(place) ?? []), `${r.count} ${r.type}${names}`]);
      }
      out.push("Resources:", "");
      for (const [place, items] of byPlace) out.push(`- ${place}: ${items.join(", ")}`);
      out.push("");
    }
    if (s.rules.length > 0) {
      out.push(
        `Rules before deploy: ${s.rules
          .map(
            (r) =>
              `\`${r.id}\` ${r.relaxed ?? (r.holds ? "holds" : `FAILS (${r.findings})`)}${r.suppressed ? ` (${r.suppressed} suppressed)` : ""}`,
          )
          .join("; ")}.`,
        "",
      );
    }
    if (s.accessPaths.total > 0)
      out.push(
        `Access proofs: ${s.accessPaths.passed}/${s.accessPaths.total} decided as expected (${s.accessPaths.groups.join(", ")}).`,
        "",
      );
    if (s.packRules.length > 0)
      out.push(
        `Watched after deploy by the conformance pack: ${s.packRules.map((r) => `\`${r}\``).join(", ")}.`,
        "",
      );
    if (s.suppressions.length > 0) {
      out.push("Accepted exceptions:", "");
      for (const x of s.suppressions)
        out.push(`- \`${x.rule}\` on \`${x.address}\`, owner ${x.owner}, until ${x.expires}: ${x.reason}`);
      out.push("");
    }
    if (s.drift)
      out.push(
        `Last drift check (${s.drift.generatedAt}): ${s.drift.findings} finding${s.drift.findings === 1 ? "" : "s"}, ${s.drift.critical} critical.`,
        "",
      );
  }
  out.push(
    "## What the conformance pack will report on the landing zone's own resources",
    "",
    "AWS requires these; each is expected, with AWS's reason:",
    "",
    ...binder.knownPackFindings.map((f) => `- \`${f.configRule}\`: ${f.resources}. ${f.why}.`),
    "",
    "## Rules of AWS's HIPAA conformance pack left out",
    "",
    `AWS's "Operational Best Practices for HIPAA Security" pack has ${binder.excludedPackRules.length} rules this landing zone does not deploy; every other rule of it is deployed (docs/detective-controls.md). Each, with the reason:`,
    "",
    ...binder.excludedPackRules.map((x) => `- \`${x.rule}\`: ${x.why}.`),
    "",
    "## What the landing zone cannot cover by itself",
    "",
    ...binder.notCovered.map((n) => `- ${n}`),
    "",
  );
  return out.join("\n");
}

/** Where the rendered example binder lives (README links it); `npm run docs` writes it. */
export const EXAMPLE_BINDER_PAGE = "docs/compliance-example.md";

/**
 * What the docs example shows for the commit, the digest and the date: placeholders, so the page changes only with
 * the code and the example's configuration, not with every commit or run.
 */
export const EXAMPLE_PROVENANCE = {
  generatedAt: "YYYY-MM-DDThh:mm:ss.sssZ",
  provenance: {
    commit: "<git rev-parse HEAD, -dirty when the tree has changes>",
    configDigest: {
      value: "sha256:<digest of the configuration>",
      files: ["organization.yaml", "the environment files", "accounts.ledger.json"],
      method: CONFIG_DIGEST_METHOD,
    },
  },
} as const;

/** The shipped example's binder as docs/ shows it: placeholder provenance and no drift report. */
export function exampleBinderMarkdown(
  config: LandingZoneConfig,
  model: SynthesizedLandingZone,
  report: VerifyReport,
  catalogue: readonly CatalogueControl[],
): string {
  return binderMarkdown(evidenceBinder({ config, model, report, catalogue, ...EXAMPLE_PROVENANCE }));
}
