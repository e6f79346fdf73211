// The finding counts the security dashboard shows: Security Hub findings (its own controls, and those GuardDuty and
// AWS Config send it, the conformance pack's evaluations included) counted per product and severity by metric
// filters on the forwarded events (164.308(a)(1)(ii)(D) information system activity review). Security Hub
// receives findings from GuardDuty and Config: https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-internal-providers.html
import { eventBusArn } from "./backup-policies";

/** The severities that notify the security team at once; lower ones wait for the regular review. */
export const NOTIFY_SEVERITIES = ["HIGH", "CRITICAL"] as const;

/** The rule in security-tooling's home region that sends Security Hub's HIGH and CRITICAL findings to the topic. */
export function securityHubFindingsRuleName(organizationName: string): string {
  return `${organizationName}-security-hub-findings`;
}

/** The products whose findings the dashboard counts, by Security Hub's ProductName. */
export const FINDING_PRODUCTS = ["GuardDuty", "Security Hub", "Config"] as const;
/** Security Hub's severity labels that are counted (INFORMATIONAL is left out: no action follows). */
export const FINDING_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;

/** One counted metric. */
export interface FindingMetric {
  /** The metric name, e.g. GuardDuty-HIGH. */
  readonly name: string;
  readonly product: (typeof FINDING_PRODUCTS)[number];
  readonly severity: (typeof FINDING_SEVERITIES)[number];
  /** The CloudWatch Logs filter pattern over a forwarded "Security Hub Findings - Imported" event. */
  readonly pattern: string;
}

/** Every product and severity pair, in dashboard order. */
export function findingMetrics(): FindingMetric[] {
  return FINDING_PRODUCTS.flatMap((product) =>
    FINDING_SEVERITIES.map((severity) => ({
      name: `${product.replace(/\s+/g, "")}-${severity}`,
      product,
      severity,
      // Each imported event carries one finding (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html).
      pattern: `{ ($.detail.findings[0].ProductName = "${product}") && ($.detail.findings[0].Severity.Label = "${severity}") && ($.detail.findings[0].RecordState = "ACTIVE") }`,
    })),
  );
}

/** An account's default event bus in a region, where the security-tooling account forwards findings. */
export function defaultEventBusArn(region: string, accountId: string): string {
  return eventBusArn(region, accountId, "default");
}

/** The EventBridge pattern of the findings forwarded to the management account: every imported finding. */
export function forwardedFindingsPattern(): Record<string, unknown> {
  return { source: ["aws.securityhub"], "detail-type": ["Security Hub Findings - Imported"] };
}
