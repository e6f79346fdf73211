// Drift classification from Terraform's plan JSON: drift (resource_drift) versus pending change
// (resource_changes), changed attributes with sensitive values masked, severity from the HIPAA control table, the
// exit code, merged CI reports and the Markdown a reviewer reads.
import {
  classifyPlan,
  driftExitCode,
  DriftReport,
  mergeReports,
  sortFindings,
} from "../../src/deploy/drift/classify";
import { changedAttributes, PlanJson } from "../../src/deploy/drift/plan-diff";
import { findingLines, renderMarkdown, summaryLine } from "../../src/deploy/drift/report";
import { RESOURCE_CONTROLS } from "../../src/config/resource-controls";
import { loadConfig } from "../../src/config/load";
import { synthesizeResources } from "../../src/app";
import * as path from "path";

const KEY = "aws_kms_key.central-keys_log-archive_key_1A2B3C4D";
const FLOW_LOG = "aws_flow_log.phi-vpc_flow-log_5E6F7A8B";
const ROLE = "aws_iam_role.config-delivery_role_9C0D1E2F";
const POLICY = "aws_s3_bucket_policy.archive_policy_3A4B5C6D";
const NEW_ALARM = "aws_cloudwatch_metric_alarm.alarms_root-use_7E8F9A0B";
const TRAIL = "aws_cloudtrail.trail_3987B402";
const OU = "aws_organizations_organizational_unit.ou-Workloads_2462EBEA";

/** A plan as `terraform show -json` prints it, cut to the fields drift detection reads. */
const plan: PlanJson = {
  resource_drift: [
    {
      address: KEY,
      mode: "managed",
      type: "aws_kms_key",
      change: {
        actions: ["update"],
        before: { enable_key_rotation: true, deletion_window_in_days: 30, tags: { purpose: "log-archive" } },
        after: { enable_key_rotation: false, deletion_window_in_days: 30, tags: { purpose: "log-archive" } },
        before_sensitive: {},
        after_sensitive: {},
      },
    },
    {
      address: FLOW_LOG,
      mode: "managed",
      type: "aws_flow_log",
      change: { actions: ["delete"], before: { traffic_type: "ALL" }, after: null },
    },
    {
      address: ROLE,
      mode: "managed",
      type: "aws_iam_role",
      change: {
        actions: ["update"],
        before: { name: "config-delivery", tags: {} },
        after: { name: "config-delivery", tags: { changed: "by-hand" } },
      },
    },
    {
      address: POLICY,
      mode: "managed",
      type: "aws_s3_bucket_policy",
      change: {
        actions: ["update"],
        before: {
          policy: JSON.stringify({ Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny" }] }),
        },
        after: {
          policy: JSON.stringify({ Statement: [{ Sid: "DenyInsecureTransport", Effect: "Allow" }] }),
        },
      },
    },
    {
      // A computed value that followed other resources: accounts created in the OU after it. Not drift.
      address: OU,
      mode: "managed",
      type: "aws_organizations_organizational_unit",
      change: {
        actions: ["update"],
        before: { accounts: [] },
        after: { accounts: [{ id: "111122223333" }] },
      },
    },
    {
      // null against {} only: the provider's SDK cannot tell them apart. Not drift, not a change.
      address: TRAIL,
      mode: "managed",
      type: "aws_cloudtrail",
      change: { actions: ["update"], before: { tags: null }, after: { tags: {} } },
    },
    {
      // Refreshed but identical (Terraform lists such objects when only their formatting changed).
      address: "aws_vpc.phi-vpc_vpc_1234",
      mode: "managed",
      type: "aws_vpc",
      change: {
        actions: ["update"],
        before: { cidr_block: "10.0.0.0/16" },
        after: { cidr_block: "10.0.0.0/16" },
      },
    },
  ],
  resource_changes: [
    {
      address: KEY,
      mode: "managed",
      type: "aws_kms_key",
      change: {
        actions: ["update"],
        before: { enable_key_rotation: false },
        after: { enable_key_rotation: true },
      },
    },
    { address: FLOW_LOG, mode: "managed", type: "aws_flow_log", change: { actions: ["create"] } },
    {
      address: ROLE,
      mode: "managed",
      type: "aws_iam_role",
      change: { actions: ["update"], before: { tags: { changed: "by-hand" } }, after: { tags: {} } },
    },
    {
      address: POLICY,
      mode: "managed",
      type: "aws_s3_bucket_policy",
      change: {
        actions: ["update"],
        before: {
          policy: JSON.stringify({ Statement: [{ Sid: "DenyInsecureTransport", Effect: "Allow" }] }),
        },
        after: { policy: JSON.stringify({ Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny" }] }) },
      },
    },
    {
      // A code change to the trail; its refresh also differed, but only in a computed value.
      address: TRAIL,
      mode: "managed",
      type: "aws_cloudtrail",
      change: {
        actions: ["update"],
        before: { include_global_service_events: false, tags: {} },
        after: { include_global_service_events: true, tags: {} },
      },
    },
    {
      address: OU,
      mode: "managed",
      type: "aws_organizations_organizational_unit",
      change: { actions: ["no-op"] },
    },
    {
      address: NEW_ALARM,
      mode: "managed",
      type: "aws_cloudwatch_metric_alarm",
      change: { actions: ["create"], before: null, after: { alarm_name: "root-use" } },
    },
    {
      address: "aws_accessanalyzer_analyzer.external",
      mode: "managed",
      type: "aws_accessanalyzer_analyzer",
      change: { actions: ["create"] },
    },
    {
      address: "data.aws_caller_identity.current",
      mode: "data",
      type: "aws_caller_identity",
      change: { actions: ["read"] },
    },
    { address: "aws_vpc.phi-vpc_vpc_1234", mode: "managed", type: "aws_vpc", change: { actions: ["no-op"] } },
  ],
};

describe("changedAttributes", () => {
  it("names nested leaves, shows only the items that differ in a longer list, and ignores reordered sets", () => {
    expect(
      changedAttributes({
        actions: ["update"],
        before: { versioning: [{ enabled: true }], ingress: [{ port: 443 }], tags: { a: "1" } },
        after: { versioning: [{ enabled: false }], ingress: [{ port: 443 }, { port: 22 }], tags: { a: "1" } },
      }),
    ).toEqual([
      { path: "ingress (items that differ)", before: [], after: [{ port: 22 }] },
      { path: "versioning[0].enabled", before: true, after: false },
    ]);
  });

  it("reads JSON documents inside string attributes, so a policy change names the statement field", () => {
    const [change] = changedAttributes(plan.resource_drift![3].change);
    expect(change).toEqual({ path: "policy.Statement[0].Effect", before: "Deny", after: "Allow" });
  });

  it("masks sensitive values, says when a value is known only after apply, and names map keys set on null", () => {
    expect(
      changedAttributes({
        actions: ["update"],
        before: { password: "old", nested: { token: "a" }, arn: "x", tags: null },
        after: { password: "new", nested: { token: "b" }, arn: null, tags: { owner: "hand" } },
        before_sensitive: { password: true },
        after_sensitive: { nested: { token: true } },
        after_unknown: { arn: true },
      }),
    ).toEqual([
      { path: "arn", before: "x", after: "(known after apply)" },
      { path: "nested.token", before: "(sensitive)", after: "(sensitive)" },
      { path: "password", before: "(sensitive)", after: "(sensitive)" },
      { path: "tags.owner", before: null, after: "hand" },
    ]);
  });
});

describe("classifyPlan", () => {
  const findings = classifyPlan("security", plan, new Set(["aws_accessanalyzer_analyzer.external"]));
  const byAddress = new Map(findings.map((f) => [f.address, f]));

  it("rates drift on a HIPAA control critical and names the control and its sections", () => {
    expect(byAddress.get(KEY)).toEqual({
      stack: "security",
      address: KEY,
      resourceType: "aws_kms_key",
      kind: "drift",
      action: "changed",
      nextApply: "update",
      changedAttributes: [{ path: "enable_key_rotation", before: true, after: false }],
      severity: "critical",
      control: "Per-purpose KMS keys (rotation, key policy separating administration from use)",
      sections: ["164.312(a)(2)(iv) encryption and decryption"],
    });
  });

  it("reports a resource deleted out of band as deleted drift that the next apply creates again", () => {
    expect(byAddress.get(FLOW_LOG)).toMatchObject({
      kind: "drift",
      action: "deleted",
      nextApply: "create",
      changedAttributes: [],
      severity: "critical",
      control: "VPC flow logs of ALL traffic",
      sections: ["164.312(b) audit controls"],
    });
  });

  it("rates drift on a supporting resource a warning, without a control", () => {
    const role = byAddress.get(ROLE)!;
    expect(role).toMatchObject({ kind: "drift", severity: "warning" });
    expect(role.control).toBeUndefined();
  });

  it("calls a change no one made outside Terraform a pending change, at info", () => {
    expect(byAddress.get(NEW_ALARM)).toMatchObject({
      kind: "pending-change",
      action: "create",
      nextApply: "create",
      severity: "info",
      changedAttributes: [],
    });
  });

  it("calls a planned update a pending change when its refresh differed only in values the plan does not touch", () => {
    expect(byAddress.get(TRAIL)).toMatchObject({
      kind: "pending-change",
      action: "update",
      severity: "info",
      changedAttributes: [{ path: "include_global_service_events", before: false, after: true }],
    });
  });

  it("leaves out computed values, null against empty, identical refreshes, data sources, no-ops and resources the emulator cannot check", () => {
    expect([...byAddress.keys()].sort()).toEqual([FLOW_LOG, KEY, NEW_ALARM, POLICY, ROLE, TRAIL].sort());
  });

  it("orders findings critical, warning, info", () => {
    expect(sortFindings(findings).map((f) => f.severity)).toEqual([
      "critical",
      "critical",
      "critical",
      "warning",
      "info",
      "info",
    ]);
  });
});

function report(overrides: Partial<DriftReport>): DriftReport {
  return {
    version: 1,
    generatedAt: "2026-11-23T00:00:00.000Z",
    target: "aws",
    stacks: [],
    findings: [],
    ...overrides,
  };
}

const clean = (stack: string) => ({
  stack,
  status: "clean" as const,
  drifted: 0,
  pending: 0,
  notChecked: 0,
  seconds: 1,
});

describe("exit codes and summaries", () => {
  const findings = sortFindings(classifyPlan("security", plan));

  it("exits 0 with no drift, even with pending changes", () => {
    const pendingOnly = findings.filter((f) => f.kind === "pending-change");
    const r = report({ stacks: [clean("security")], findings: pendingOnly });
    expect(driftExitCode(r)).toBe(0);
    expect(summaryLine(r)).toBe(
      "Drift: no drift; 3 pending changes; 0 stacks failed to plan (1 stack checked).",
    );
  });

  it("exits 2 when something drifted", () => {
    const r = report({ stacks: [{ ...clean("security"), status: "drifted", drifted: 4 }], findings });
    expect(driftExitCode(r)).toBe(2);
    expect(summaryLine(r)).toBe(
      "Drift: 4 resources in 1 stack changed outside Terraform (3 critical, 1 warning); 3 pending changes; 0 stacks failed to plan (1 stack checked).",
    );
    expect(findingLines(r)).toEqual([
      `  critical security  ${FLOW_LOG}  deleted [VPC flow logs of ALL traffic; 45 CFR 164.312(b)]`,
      `  critical security  ${KEY}  enable_key_rotation: true -> false [Per-purpose KMS keys (rotation, key policy separating administration from use); 45 CFR 164.312(a)(2)(iv)]`,
      `  critical security  ${POLICY}  policy.Statement[0].Effect: Deny -> Allow [Write-once log archive (Object Lock, versioning, SSE-KMS, public access block, TLS-only policy); 45 CFR 164.312(b), 164.312(c)(1), 164.316(b)(2)(i)]`,
      `  warning  security  ${ROLE}  tags.changed: null -> by-hand`,
    ]);
  });

  it("exits 1 when a stack failed to plan, whatever else drifted", () => {
    const failed = { ...clean("network-prod"), status: "error" as const, error: "Error: AccessDenied" };
    const r = report({ stacks: [clean("security"), failed], findings: [] });
    expect(driftExitCode(report({ stacks: [clean("security"), failed], findings }))).toBe(1);
    expect(driftExitCode(r)).toBe(1);
    expect(summaryLine(r)).toBe(
      "Drift: no drift in the stacks that could be planned; 0 pending changes; 1 stack failed to plan (2 stacks checked).",
    );
  });
});

describe("mergeReports", () => {
  it("merges per-stack reports and turns a stack that left no report into an error", () => {
    const a = report({ stacks: [clean("security")], findings: classifyPlan("security", plan) });
    const b = report({ stacks: [clean("organization")] });
    const merged = mergeReports([a, b], ["organization", "security", "log-archive"]);
    expect(merged.stacks.map((s) => [s.stack, s.status])).toEqual([
      ["log-archive", "error"],
      ["organization", "clean"],
      ["security", "clean"],
    ]);
    expect(merged.stacks[0].error).toBe(
      "no report: the stack's drift job did not produce one (see its job log)",
    );
    expect(merged.findings).toHaveLength(7);
    expect(driftExitCode(merged)).toBe(1);
  });
});

describe("renderMarkdown", () => {
  const findings = sortFindings(classifyPlan("security", plan));
  const markdown = renderMarkdown(
    report({
      stacks: [
        { ...clean("security"), status: "drifted", drifted: 4, pending: 2 },
        { ...clean("network-prod"), status: "error", error: "Error: AccessDenied\non line two" },
      ],
      findings,
    }),
  );

  it("puts errors first, then critical drift with the control and a before/after table", () => {
    const headings = markdown.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual([
      "## Errors: stacks that could not be planned (not checked, not clean)",
      "## Critical: HIPAA controls changed outside Terraform",
      "## Warnings: other resources changed outside Terraform",
      "## Pending changes: code or configuration not yet applied",
      "## Stacks",
    ]);
    expect(markdown).toContain(
      [
        `### \`${KEY}\` in \`security\``,
        "",
        "- Control: Per-purpose KMS keys (rotation, key policy separating administration from use) (45 CFR 164.312(a)(2)(iv) encryption and decryption)",
        "- Changed outside Terraform; the next apply puts it back (update in place).",
        "",
        "| Attribute | Last applied | Now in AWS |",
        "| --- | --- | --- |",
        "| `enable_key_rotation` | `true` | `false` |",
      ].join("\n"),
    );
    expect(markdown).toContain("- Deleted outside Terraform; the next apply creates it again.");
    expect(markdown).toContain("| `security` | drifted | 4 | 2 | 0 | 1.0 |");
    expect(markdown).toContain("  Error: AccessDenied\n  on line two");
  });

  it("escapes table cells so a value with a pipe cannot break the table", () => {
    const f = { ...findings[0], changedAttributes: [{ path: "description", before: "a|b", after: "c" }] };
    expect(renderMarkdown(report({ findings: [f] }))).toContain("| `description` | `a\\|b` | `c` |");
  });
});

describe("the HIPAA control table", () => {
  // Every resource type the example synthesizes is either a control or one of these supporting types, so a new
  // resource type needs a decision before drift on it is rated.
  const SUPPORTING = [
    "aws_iam_policy",
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_role_policy_attachment",
    "aws_iam_service_linked_role",
    "aws_organizations_delegated_administrator",
    "aws_organizations_organization",
    "aws_organizations_organizational_unit",
    "aws_route_table_association",
    "aws_vpc",
  ];

  it("rates every synthesized resource type on purpose", () => {
    const resources = synthesizeResources(loadConfig(path.join(__dirname, "..", "..", "environments")));
    const types = new Set([...resources.values()].flatMap((r) => [...r.keys()].map((a) => a.split(".")[0])));
    const unrated = [...types].filter((t) => !RESOURCE_CONTROLS[t] && !SUPPORTING.includes(t)).sort();
    expect(unrated).toEqual([]);
  });

  it("covers every kind of resource the issue names as a HIPAA control", () => {
    for (const type of [
      "aws_kms_key",
      "aws_s3_bucket_object_lock_configuration",
      "aws_s3_bucket_policy",
      "aws_cloudtrail",
      "aws_flow_log",
      "aws_guardduty_detector",
      "aws_config_configuration_recorder",
      "aws_securityhub_account",
      "aws_organizations_policy",
      "aws_organizations_policy_attachment",
      "aws_vpc_endpoint",
      "aws_security_group",
      "aws_ssoadmin_permission_set",
    ]) {
      expect(RESOURCE_CONTROLS[type]?.sections.length).toBeGreaterThan(0);
    }
  });
});
