// The security dashboard is generated from the alarm catalogue: every alarm's state and metric is on it, so a
// new alarm appears without editing the dashboard. Proves the synthesized body; the emulator test reads it back.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { securityAlarms } from "../../src/policies/alarm-patterns";
import { dashboardBody } from "../../modules/security-dashboard";
import { synthApp } from "../helpers/synth";

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
  }) as { widgets: Widget[] };
  expect(body.widgets.map((w) => w.type)).toEqual(["text", "alarm", "metric", "text"]);
  expect(body.widgets[1].properties.alarms).toEqual([
    "arn:aws:cloudwatch:us-east-1:111111111111:alarm:a",
    "arn:aws:cloudwatch:us-east-1:111111111111:alarm:b",
  ]);
  expect(body.widgets[2].properties.metrics).toEqual([
    ["lz/SecurityAlarms", "RootAccountUsage"],
    ["lz/SecurityAlarms", "NewAlarm"],
  ]);
  expect(body.widgets[3].properties.markdown).toContain("account **security-tooling**");
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
