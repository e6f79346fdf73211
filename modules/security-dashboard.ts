// The security team's CloudWatch dashboard in the management account's home region: every security alarm's state
// and its metric, generated from the alarm catalogue so a new alarm appears without editing the dashboard, and
// where the findings of the detective services are read (164.308(a)(1)(ii)(D) information system activity review).
import { Construct } from "constructs";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { HIPAA_SECTIONS } from "../src/policies/hipaa-sections";
import { FINDING_PRODUCTS, FindingMetric } from "../src/policies/finding-metrics";

/** One alarm as the dashboard shows it. */
export interface DashboardAlarm {
  /** The metric name, as the alarm catalogue names it. */
  readonly name: string;
  /** The alarm's ARN (a reference to the alarm resource). */
  readonly arn: string;
}

export interface SecurityDashboardProps {
  readonly dashboardName: string;
  /** The dashboard's region, where the alarms and metrics are. */
  readonly region: string;
  /** The namespace the alarm metrics are published in. */
  readonly namespace: string;
  readonly alarms: readonly DashboardAlarm[];
  /** Where GuardDuty, Security Hub and Config findings are reviewed (the delegated administrator). */
  readonly findingsAccountName: string;
  /** The finding counts and their namespace. @default no finding widgets (Security Hub off) */
  readonly findings?: { readonly namespace: string; readonly metrics: readonly FindingMetric[] };
  /** The backup-alerts bus and its failures rule, whose matched events the dashboard counts. */
  readonly backupFailures: { readonly busName: string; readonly ruleName: string };
}

/** The full width of a CloudWatch dashboard grid. */
const WIDTH = 24;

/**
 * The dashboard's body: a header, the alarm states, the alarm metrics and where findings are reviewed. Widget types
 * and properties as AWS documents them: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 * (an alarm status widget takes up to 100 alarm ARNs; the catalogue has 16).
 */
export function dashboardBody(props: SecurityDashboardProps): Record<string, unknown> {
  const section = "164.308(a)(1)(ii)(D)";
  const console = (service: string, path: string) =>
    `[${service}](https://${props.region}.console.aws.amazon.com/${path})`;
  return {
    widgets: [
      {
        type: "text",
        x: 0,
        y: 0,
        width: WIDTH,
        height: 2,
        properties: {
          markdown: `# Security events\nAlarms on the organization trail, each notifying the security alarm topic (HIPAA ${section} ${HIPAA_SECTIONS[section].title}). Investigate with docs/detective-controls.md.`,
        },
      },
      {
        type: "alarm",
        x: 0,
        y: 2,
        width: WIDTH,
        height: 6,
        properties: { title: "Security alarm states", alarms: props.alarms.map((a) => a.arn) },
      },
      {
        type: "metric",
        x: 0,
        y: 8,
        width: WIDTH,
        height: 8,
        properties: {
          title: "Security events per 5 minutes",
          view: "timeSeries",
          stacked: false,
          region: props.region,
          stat: "Sum",
          period: 300,
          metrics: props.alarms.map((a) => [props.namespace, a.name]),
        },
      },
      // One graph per product: imported findings per day by severity (each update of a finding counts once).
      ...FINDING_PRODUCTS.flatMap((product, i) => {
        const metrics = (props.findings?.metrics ?? []).filter((m) => m.product === product);
        if (metrics.length === 0) return [];
        return [
          {
            type: "metric",
            x: i * 8,
            y: 16,
            width: 8,
            height: 6,
            properties: {
              title: `${product} findings per day by severity`,
              view: "bar",
              stacked: true,
              region: props.region,
              stat: "Sum",
              period: 86400,
              metrics: metrics.map((m) => [props.findings!.namespace, m.name, { label: m.severity }]),
            },
          },
        ];
      }),
      // EventBridge publishes MatchedEvents per rule, with the rule and its bus as dimensions
      // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html).
      {
        type: "metric",
        x: 0,
        y: 25,
        width: WIDTH,
        height: 6,
        properties: {
          title: "AWS Backup failures per day (backup, copy and restore-test jobs, every account)",
          view: "bar",
          region: props.region,
          stat: "Sum",
          period: 86400,
          metrics: [
            [
              "AWS/Events",
              "MatchedEvents",
              "EventBusName",
              props.backupFailures.busName,
              "RuleName",
              props.backupFailures.ruleName,
            ],
          ],
        },
      },
      {
        type: "text",
        x: 0,
        y: 22,
        width: WIDTH,
        height: 3,
        properties: {
          markdown: `## Findings\nThe graphs count findings Security Hub imports (its controls, GuardDuty's, and AWS Config's evaluations, the HIPAA conformance pack's included) as the delegated administrator forwards them. Review them in account **${props.findingsAccountName}**: ${console("GuardDuty", "guardduty/home#/findings")}, ${console("Security Hub", "securityhub/home#/findings")}, ${console("Config conformance packs", "config/home#/conformance-packs")}.`,
        },
      },
    ],
  };
}

/** The dashboard. */
export class SecurityDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: SecurityDashboardProps) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: props.dashboardName,
      dashboardBody: JSON.stringify(dashboardBody(props)),
    });
  }
}
