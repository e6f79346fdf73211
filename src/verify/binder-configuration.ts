// What the configuration decides, section by section, as the evidence binder states it: session lengths, permission
// sets, retention, governed regions, break-glass, and which organization policies serve which HIPAA Security Rule
// section. Read from the validated configuration and the synthesized stacks, so the binder speaks of this landing
// zone rather than of the catalogue (164.308(a)(8) evaluation, 164.316(b)(2) documentation). Builds nothing.
import { CatalogueControl } from "../config/control-catalogue";
import {
  BREAK_GLASS_SET,
  centralBackupRegion,
  expandAssignments,
  guardrailAttachments,
  rcpAttachments,
  replicationRegion,
  resolvedBackupPlans,
} from "../config/model";
import { controlFor } from "../config/resource-controls";
import { LandingZoneConfig } from "../config/schema";
import { retentionDays } from "../policies/backup-policies";
import { HipaaSectionId } from "../policies/hipaa-sections";
import { GuardrailName } from "../policies/scp-library";
import { ResourceRef, SynthesizedLandingZone } from "./synthesized";

/** Where AWS says S3 checks every upload's checksum and stores a CRC64NVME one by default. */
const S3_CHECKSUM_DOCS = [
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html",
  "https://docs.aws.amazon.com/sdkref/latest/guide/feature-dataintegrity.html",
];

/** The guardrail that denies every region outside the governed ones. */
const REGION_GUARDRAIL: GuardrailName = "lz-deny-unapproved-regions";

/** The landing-zone policy names a catalogue control's `where` names, as patterns (`lz-backup-<plan>` matches any plan). */
function namedPolicies(control: CatalogueControl): RegExp[] {
  return [...control.where.matchAll(/`(lz-[^`]+)`/g)].map(
    ([, name]) =>
      new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/<[^>]+>/g, "[a-z0-9-]+")}$`),
  );
}

/** The organization policies the stacks create, by name, with their type and the sections each serves. */
export interface OrganizationPolicy {
  readonly name: string;
  readonly type: string;
  readonly sections: readonly HipaaSectionId[];
}

/**
 * Every organization policy in the synthesized stacks with the sections it serves: those of the catalogue's controls
 * that name it (SCPs and RCPs by their library entries, the backup, tag, declarative and AI opt-out policies by
 * theirs); a policy no control names falls back to its resource type's control.
 */
export function organizationPolicies(
  model: SynthesizedLandingZone,
  catalogue: readonly CatalogueControl[],
): Map<string, OrganizationPolicy> {
  const out = new Map<string, OrganizationPolicy>();
  for (const ref of model.resources("aws_organizations_policy")) {
    const name = String(model.argument(ref, "name"));
    const named = catalogue.filter((c) => namedPolicies(c).some((p) => p.test(name)));
    const sections = named.length
      ? [...new Set(named.flatMap((c) => c.sections))]
      : (controlFor(ref.type)?.sections ?? []);
    out.set(`${ref.stack}.${ref.name}`, { name, type: String(model.argument(ref, "type")), sections });
  }
  return out;
}

/** The policy an organization resource is or attaches (aws_organizations_policy or _attachment), if any. */
export function policyOf(
  ref: ResourceRef,
  policies: ReadonlyMap<string, OrganizationPolicy>,
): OrganizationPolicy | undefined {
  if (ref.type === "aws_organizations_policy") return policies.get(`${ref.stack}.${ref.name}`);
  if (ref.type !== "aws_organizations_policy_attachment") return undefined;
  const id = String(ref.body.policy_id ?? "");
  const match = /aws_organizations_policy\.([^.}]+)\./.exec(id);
  return match ? policies.get(`${ref.stack}.${match[1]}`) : undefined;
}

/**
 * A catalogue control as this configuration deploys it: an SCP or RCP on its configured targets rather than the
 * library's defaults; undefined when the control names organization policies none of which the stacks create
 * (a guardrail the configuration does not attach serves no section here).
 */
export function configuredControl(
  control: CatalogueControl,
  config: LandingZoneConfig,
  policies: ReadonlyMap<string, OrganizationPolicy>,
): CatalogueControl | undefined {
  const patterns = namedPolicies(control);
  const names = [...policies.values()].map((p) => p.name);
  if (patterns.length > 0 && !names.some((n) => patterns.some((p) => p.test(n)))) return undefined;
  const kind = /^(SCP|RCP) `([^`]+)` on /.exec(control.where);
  if (!kind) return control;
  const attachments =
    kind[1] === "SCP" ? guardrailAttachments(config.organization) : rcpAttachments(config.organization);
  const targets = attachments.find((a) => a.policy === kind[2])?.targets;
  return targets ? { ...control, where: `${kind[1]} \`${kind[2]}\` on ${targets.join(", ")}` } : undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const list = (items: readonly string[]) => items.map((i) => `\`${i}\``).join(", ");

/** An ISO 8601 session duration (PT1H, PT30M) in words. */
function sessionWords(duration: string): string {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(duration);
  if (!match) return duration;
  const parts = [
    match[1] && plural(Number(match[1]), "hour"),
    match[2] && plural(Number(match[2]), "minute"),
  ];
  return parts.filter(Boolean).join(" ");
}

/** Where a resource lives, as the binder names places: account (region). */
function placeOf(
  model: SynthesizedLandingZone,
  ref: ResourceRef,
  names: ReadonlyMap<string, string>,
): string {
  const account = model.accountOf(ref);
  return `${names.get(account) ?? account} (${model.regionOf(ref)})`;
}

/** Statements of a bucket policy that deny plain HTTP, and the lowest TLS version it accepts, if it sets one. */
function transportDenies(model: SynthesizedLandingZone, ref: ResourceRef): { http: boolean; tls?: string } {
  const statements = model.policyArgument(ref, "policy").Statement.filter((s) => s.Effect === "Deny");
  const conditions = statements.map((s) => (s.Condition ?? {}) as Record<string, Record<string, unknown>>);
  const http = conditions.some(
    (c) => String(c.Bool?.["aws:SecureTransport"] ?? c.BoolIfExists?.["aws:SecureTransport"]) === "false",
  );
  const tls = conditions.map((c) => c.NumericLessThan?.["s3:TlsVersion"]).find((v) => v !== undefined);
  return { http, ...(tls === undefined ? {} : { tls: String(tls) }) };
}

/**
 * What the configuration and the synthesized stacks decide for each section, in sentences an auditor can check
 * against the configuration files. `accountNames` maps the synthesized account IDs to configured names.
 */
export function configuredStatements(
  config: LandingZoneConfig,
  model: SynthesizedLandingZone,
  policies: ReadonlyMap<string, OrganizationPolicy>,
  accountNames: ReadonlyMap<string, string>,
): Partial<Record<HipaaSectionId, string[]>> {
  const org = config.organization;
  const out: Partial<Record<HipaaSectionId, string[]>> = {};
  const add = (ids: readonly HipaaSectionId[], text: string) => {
    for (const id of ids) out[id] = [...(out[id] ?? []), text];
  };
  const regionGuardrail = guardrailAttachments(org).some((a) => a.policy === REGION_GUARDRAIL);

  // Regions and detective controls.
  const detective = Object.entries(org.detectiveControls)
    .filter(([, c]) => c.enabled)
    .map(([name]) => name);
  add(
    ["164.308(a)(1)(ii)(D)", "164.312(a)(1)", "164.312(b)"],
    `Governed regions (organization.yaml \`regions\`): ${list(org.regions)}, home region \`${org.homeRegion}\`; ` +
      `${regionGuardrail ? `every other region is denied by SCP \`${REGION_GUARDRAIL}\`, and ` : ""}the detective controls (${detective.join(", ") || "none enabled"}) run in each governed region.`,
  );
  add(
    ["164.308(a)(1)(ii)(D)"],
    `Security alarms and findings notify \`${org.alarms.email}\` (\`alarms.email\`).`,
  );

  // Permission sets, their sessions and who holds them.
  const sets = model.resources("aws_ssoadmin_permission_set").map((ref) => ({
    name: String(model.argument(ref, "name")),
    session: String(model.argument(ref, "session_duration") ?? "PT1H"),
  }));
  const assignments = expandAssignments(org);
  const holders = (set: string) => [
    ...new Set(assignments.filter((a) => a.permissionSet === set).map((a) => a.group)),
  ];
  if (sets.length > 0) {
    add(
      ["164.312(a)(2)(iii)"],
      `Identity Center sessions end after: ${sets.map((s) => `${s.name} ${sessionWords(s.session)}`).join(", ")} (permission sets' \`session_duration\`; configured sets' \`sessionHours\`).`,
    );
    add(
      ["164.312(a)(1)"],
      `Permission sets and who holds them (\`identityCenter.assignments\`): ${sets
        .map((s) => {
          const groups = holders(s.name);
          const accounts = new Set(
            assignments.filter((a) => a.permissionSet === s.name).map((a) => a.account),
          );
          return `${s.name} → ${groups.length ? `${groups.join(", ")} in ${plural(accounts.size, "account")}` : "not assigned"}`;
        })
        .join("; ")}.`,
    );
  }

  // Emergency access.
  const breakGlassSet = sets.find((s) => s.name === BREAK_GLASS_SET);
  add(
    ["164.312(a)(2)(ii)"],
    `Break-glass role \`${org.roles.breakGlass}\` (\`roles.breakGlass\`): exempt from the protective guardrails and protected by lz-core-guardrails so nobody else can create or change it; every use raises the BreakGlassUse alarm to \`${org.alarms.email}\`.`,
  );
  if (breakGlassSet) {
    const groups = holders(BREAK_GLASS_SET);
    const accounts = new Set(
      assignments.filter((a) => a.permissionSet === BREAK_GLASS_SET).map((a) => a.account),
    );
    add(
      ["164.312(a)(2)(ii)"],
      `Permission set ${BREAK_GLASS_SET}: ${groups.length ? `held by ${groups.join(", ")} in ${plural(accounts.size, "account")}` : "assigned to no group"}, sessions of ${sessionWords(breakGlassSet.session)}.`,
    );
  }

  // The log archive and the log groups.
  add(
    ["164.312(b)", "164.312(c)(1)", "164.316(b)(2)"],
    `Log archive (\`logArchive\`): Object Lock COMPLIANCE for ${org.logArchive.retentionDays} days, Glacier Instant Retrieval after ${org.logArchive.glacierInstantRetrievalAfterDays} days, Deep Archive after ${org.logArchive.deepArchiveAfterDays} days, replicated to \`${replicationRegion(org)}\`.`,
  );
  const logGroups = model.resources("aws_cloudwatch_log_group").map((ref) => ({
    name: String(model.argument(ref, "name")),
    days: model.argument(ref, "retention_in_days"),
    place: placeOf(model, ref, accountNames),
  }));
  if (logGroups.length > 0)
    add(
      ["164.312(b)", "164.316(b)(2)"],
      `CloudWatch log groups kept: ${logGroups.map((g) => `\`${g.name}\` ${g.days === undefined ? "forever" : `${String(g.days)} days`} in ${g.place}`).join("; ")}.`,
    );

  // Backups.
  const central = centralBackupRegion(org);
  for (const { plan, regions, ous } of resolvedBackupPlans(config)) {
    const rules = plan.rules.map(
      (r) =>
        `${r.name} ${r.schedule} kept ${retentionDays(r)} days${r.copyToCentral ? `, copied to the central vault in \`${central}\`` : ""}${r.copyToRegion ? ` and to \`${r.copyToRegion}\`` : ""}`,
    );
    add(
      ["164.308(a)(7)", "164.316(b)(2)"],
      `Backup plan ${plan.name} (\`backup.plans\`) on ${ous.join(", ") || "no OU"}, regions ${list(regions)}, selects ${plan.selection.tagKey}=${plan.selection.tagValue}: ${rules.join("; ")}.`,
    );
  }
  add(
    ["164.308(a)(7)", "164.312(c)(1)"],
    `Vault Lock COMPLIANCE minimum retention ${org.backup.vaultLock.minRetentionDays} days (\`backup.vaultLock.minRetentionDays\`); restore tests ${org.backup.restoreTesting.schedule} of ${org.backup.restoreTesting.resourceTypes.join(", ")} (\`backup.restoreTesting\`).`,
  );

  // What authenticates ePHI and protects it in transit: versioning, Object Lock, checksums, TLS.
  const buckets = model.resources("aws_s3_bucket").length;
  const versioned = model
    .resources("aws_s3_bucket_versioning")
    .filter(
      (ref) => (ref.body.versioning_configuration as { status?: string } | undefined)?.status === "Enabled",
    );
  const locks = model.resources("aws_s3_bucket_object_lock_configuration").map((ref) => {
    const rule = (ref.body.rule as { default_retention?: { mode?: string; days?: number } } | undefined)
      ?.default_retention;
    return `\`${model.attribute(ref, "bucket")}\` (${rule?.mode ?? "no default"} ${rule?.days ?? "?"} days)`;
  });
  add(
    ["164.312(c)(1)", "164.312(c)(2)"],
    `S3 versioning on ${versioned.length} of ${plural(buckets, "bucket")} the landing zone creates, so an overwritten or deleted object keeps its earlier versions; Object Lock on ${locks.length ? locks.join(", ") : "no bucket"}.`,
  );
  add(
    ["164.312(c)(2)", "164.312(e)(2)(i)"],
    `Checksums: no S3 additional-checksum setting is configured, so AWS's default applies: S3 validates each upload's CRC checksum and stores a CRC64NVME checksum with every new object, which a reader can check on download (${S3_CHECKSUM_DOCS.join(", ")}).`,
  );
  const transport = model.resources("aws_s3_bucket_policy").map((ref) => transportDenies(model, ref));
  const tlsMinimums = [...new Set(transport.flatMap((t) => (t.tls ? [t.tls] : [])))];
  const perimeter = [...policies.values()]
    .filter((p) => p.type === "RESOURCE_CONTROL_POLICY")
    .map((p) => p.name);
  add(
    ["164.312(c)(2)", "164.312(e)(1)", "164.312(e)(2)(ii)"],
    `TLS in transit: ${transport.filter((t) => t.http).length} of the ${transport.length} bucket policies deny requests where \`aws:SecureTransport\` is false` +
      `${tlsMinimums.length ? ` and TLS below ${tlsMinimums.join(", ")} (\`s3:TlsVersion\`)` : ""}` +
      `${perimeter.length ? `; the RCP ${list(perimeter)} denies requests without TLS to the organization's resources` : ""}.`,
  );
  add(
    ["164.312(c)(2)"],
    "Workload PHI stores are the workload's: put them in buckets with versioning and Object Lock as above, or state the mechanism the application uses.",
  );

  // The PHI networks.
  for (const env of config.environments.filter((e) => e.phi)) {
    add(
      ["164.312(e)(1)"],
      `Environment ${env.name} (${env.cidr}): ${plural(env.network.availabilityZones, "availability zone")}, internet egress ${env.network.egress ? "through NAT (`network.egress: true`)" : "none"}.`,
    );
  }
  return out;
}
