// The security dashboard is generated from the alarm catalogue and the finding metrics: every alarm's state and
// metric and every product's finding counts are on it, so a new alarm appears without editing the dashboard.
// Proves the synthesized body; the emulator test reads it back; only AWS shows events actually arriving.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { securityAlarms } from "../../src/policies/alarm-patterns";
import { dashboardBody } from "../../modules/security-dashboard";
import { findingMetrics } from "../../src/policies/finding-metrics";
import { synthApp } from "../helpers/synth";
import { backupFailurePattern } from "../../src/policies/backup-policies";

jest.setTimeout(60_000);

type Widget = { type: string; properties: Record<string, unknown> };

it("shows one state and one metric per alarm it is given, and where findings are reviewed", () => {
  const body = dashboardBody({
    dashboardName: "d",
    region: "us-east-1",
    namespace: "lz/SecurityAlarms",
    alarms: [
      { name: "RootAccountUsage", arn: "arn:aws:cloudwatch:us-east-1:111111111111:alarm:a" },
      { name: "NewAlarm", arn: "arn:aws:cloudwatch:us-east-1:111111111111:alarm:b" },
    ],
    findingsAccountName: "security-tooling",
    backupFailures: { busName: "lz-backup-alerts", ruleName: "lz-backup-failures" },
  }) as { widgets: Widget[] };
  expect(body.widgets.map((w) => w.type)).toEqual(["text", "alarm", "metric", "metric", "text"]);
  expect(body.widgets[1].properties.alarms).toEqual([
    "arn:aws:cloudwatch:us-east-1:111111111111:alarm:a",
    "arn:aws:cloudwatch:us-east-1:111111111111:alarm:b",
  ]);
  expect(body.widgets[2].properties.metrics).toEqual([
    ["lz/SecurityAlarms", "RootAccountUsage"],
    ["lz/SecurityAlarms", "NewAlarm"],
  ]);
  expect(body.widgets[3].properties.metrics).toEqual([
    ["AWS/Events", "MatchedEvents", "EventBusName", "lz-backup-alerts", "RuleName", "lz-backup-failures"],
  ]);
  expect(body.widgets[4].properties.markdown).toContain("account **security-tooling**");
});

it("puts every catalogue alarm on the example's dashboard in the management account's home region", () => {
  const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
  const app = synthApp(example);
  const [dashboard] = app.all("organization-trail", "aws_cloudwatch_dashboard");
  expect(dashboard.dashboard_name).toBe("example-health-security");
  const body = JSON.parse(dashboard.dashboard_body as string) as { widgets: Widget[] };
  const alarms = app.all("organization-trail", "aws_cloudwatch_metric_alarm");
  const names = securityAlarms(example.organization.roles.breakGlass).map((a) => a.name);
  expect(alarms).toHaveLength(names.length);
  const states = body.widgets.find((w) => w.type === "alarm")!.properties.alarms as string[];
  expect(states).toHaveLength(names.length);
  expect(
    states.map(
      (state) => /^\$\{aws_cloudwatch_metric_alarm\.alarms_alarm-(\w+)_[0-9A-F]{8}\.arn\}$/.exec(state)?.[1],
    ),
  ).toEqual(names);
  const metrics = body.widgets.find((w) => w.type === "metric")!.properties.metrics as string[][];
  expect(metrics).toEqual(names.map((name) => ["example-health/SecurityAlarms", name]));
});

it("counts findings per product and severity, and graphs each product on the dashboard", () => {
  const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
  const app = synthApp(example);
  const filters = app
    .all("organization-trail", "aws_cloudwatch_log_metric_filter")
    .filter((f) => String(f.log_group_name).includes("findings"));
  expect(filters.map((f) => f.name).sort()).toEqual(
    findingMetrics()
      .map((m) => m.name)
      .sort(),
  );
  expect(filters.find((f) => f.name === "GuardDuty-HIGH")!.pattern).toBe(
    '{ ($.detail.findings[0].ProductName = "GuardDuty") && ($.detail.findings[0].Severity.Label = "HIGH") && ($.detail.findings[0].RecordState = "ACTIVE") }',
  );
  const [group] = app
    .all("organization-trail", "aws_cloudwatch_log_group")
    .filter((g) => g.name === "/landing-zone/example-health-security-findings");
  expect(group).toMatchObject({
    retention_in_days: 2192,
    kms_key_id: expect.stringContaining("aws_kms_key."),
  });
  // The management bus admits security-tooling only; the forwarder sends with its role, to that bus.
  const [busPolicy] = app
    .all("organization-trail", "aws_cloudwatch_event_bus_policy")
    .filter((p) => p.event_bus_name === "default");
  expect(JSON.parse(busPolicy.policy as string).Statement).toEqual([
    expect.objectContaining({ Sid: "SecurityToolingForwardsFindings", Action: "events:PutEvents" }),
  ]);
  const [target] = app
    .all("detective-controls", "aws_cloudwatch_event_target")
    .filter((t) => String(t.arn).includes(":event-bus/default"));
  expect(target).toMatchObject({
    arn: expect.stringMatching(/^arn:aws:events:us-east-1:\$\{.+\}:event-bus\/default$/),
    role_arn: expect.stringContaining("aws_iam_role.findings-forwarder_role_"),
  });
  const [dashboard] = app.all("organization-trail", "aws_cloudwatch_dashboard");
  const widgets = (JSON.parse(dashboard.dashboard_body as string) as { widgets: Widget[] }).widgets;
  const graphs = widgets.filter((w) => String(w.properties.title).endsWith("findings per day by severity"));
  expect(graphs.map((w) => w.properties.title)).toEqual([
    "GuardDuty findings per day by severity",
    "Security Hub findings per day by severity",
    "Config findings per day by severity",
  ]);
  expect(graphs[0].properties.metrics).toEqual(
    ["CRITICAL", "HIGH", "MEDIUM", "LOW"].map((s) => [
      "example-health/SecurityFindings",
      `GuardDuty-${s}`,
      { label: s },
    ]),
  );
});

it("sends every account's AWS Backup failures to the management account's bus, and from there to the alarm topic", () => {
  const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
  const app = synthApp(example);
  const rules = app.all("baseline-phi-prod", "aws_cloudwatch_event_rule");
  expect(rules.map((r) => [r.name, r.provider ?? "aws"]).sort()).toEqual([
    ["lz-backup-alerts", "aws"],
    ["lz-backup-alerts", "aws.us-west-2"],
  ]);
  expect(JSON.parse(rules[0].event_pattern as string)).toEqual(backupFailurePattern());
  for (const target of app.all("baseline-phi-prod", "aws_cloudwatch_event_target")) {
    expect(target).toMatchObject({
      arn: expect.stringMatching(
        /^arn:aws:events:us-east-1:\$\{.+\}:event-bus\/example-health-backup-alerts$/,
      ),
      role_arn: expect.stringContaining("aws_iam_role.backup-alerts_role_"),
    });
  }
  const [bus] = app.all("organization-trail", "aws_cloudwatch_event_bus");
  expect(bus.name).toBe("example-health-backup-alerts");
  const [busPolicy] = app
    .all("organization-trail", "aws_cloudwatch_event_bus_policy")
    .filter((p) => p.event_bus_name !== "default");
  expect(JSON.parse(busPolicy.policy as string).Statement).toEqual([
    expect.objectContaining({
      Sid: "OrganizationAccountsSendBackupFailures",
      Condition: { StringEquals: { "aws:PrincipalOrgID": expect.stringContaining("aws_organizations") } },
    }),
  ]);
  const [topicPolicy] = app
    .all("organization-trail", "aws_sns_topic_policy")
    .filter((p) => String(p.arn).includes("alarms_topic"));
  const publish = JSON.parse(topicPolicy.policy as string).Statement.find(
    (st: { Sid: string }) => st.Sid === "EventBridgeRulesInThisAccountPublish",
  );
  expect(publish.Condition.ArnEquals["aws:SourceArn"]).toEqual([
    expect.stringMatching(/:rule\/example-health-backup-alerts\/example-health-backup-failures$/),
  ]);
  expect(backupFailurePattern()).toEqual({
    source: ["aws.backup"],
    $or: [
      {
        "detail-type": ["Backup Job State Change", "Copy Job State Change"],
        detail: { state: ["FAILED", "ABORTED", "EXPIRED"] },
      },
      { "detail-type": ["Restore Job State Change"], detail: { status: ["FAILED", "ABORTED"] } },
    ],
  });
});
