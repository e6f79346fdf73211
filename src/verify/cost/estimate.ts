// The monthly list-price estimate of a landing zone: the inventory counted from the synthesized stacks, times the
// assumptions, times the dated price table; pure arithmetic, one function per topic, largest items first. What
// the safeguards cost is part of planning them (164.308(a)(1)(ii)(B)): the estimate says which lever moves it.
import { ASSUMPTION_SPECS, AssumptionName, assumptionEnvName, Assumptions } from "./assumptions";
import { CostInventory, Transition } from "./inventory";
import { PriceId, PriceTable } from "./prices";

/** Hours in an average month, as AWS's examples and calculator use. */
export const HOURS_PER_MONTH = 730;
/** Days in an average month. */
const DAYS_PER_MONTH = 365 / 12;
/** Free allowances per account per month that the estimate applies (CloudWatch pricing page, free tier). */
export const FREE_PER_ACCOUNT = {
  alarms: 10,
  customMetrics: 10,
  dashboards: 3,
  logsGb: 5,
  kmsRequests: 20000,
};

/** One line of the estimate. */
export interface CostItem {
  readonly item: string;
  /** How many units, in the price's unit. */
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: number;
  readonly monthly: number;
  readonly price: PriceId;
  /** How the quantity was reached. */
  readonly basis: string;
}

/** One assumption as the report prints it. */
export interface AssumptionLine {
  readonly name: AssumptionName;
  readonly value: number;
  readonly unit: string;
  readonly why: string;
  readonly flag: string;
  readonly env: string;
}

/** The estimate. */
export interface CostReport {
  readonly total: number;
  readonly currency: string;
  readonly items: readonly CostItem[];
  readonly assumptions: readonly AssumptionLine[];
  /** What is free, or not estimated, and why. */
  readonly notes: readonly string[];
  readonly priceTable: { readonly path: string; readonly date: string; readonly region: string };
  /** Prices used whose number no source confirmed. */
  readonly unverifiedPrices: readonly PriceId[];
}

/** Builds one line: quantity times the table's price. */
function line(prices: PriceTable, price: PriceId, item: string, quantity: number, basis: string): CostItem {
  const p = prices.prices[price];
  return { item, quantity, unit: p.unit, unitPrice: p.usd, monthly: quantity * p.usd, price, basis };
}

/** Interface endpoints (per endpoint per AZ-hour, one line per network stack) and their data processed; NAT. */
export function networkItems(inv: CostInventory, a: Assumptions, prices: PriceTable): CostItem[] {
  const byStack = new Map<string, { endpoints: number; azs: number }>();
  for (const e of inv.interfaceEndpoints) {
    const key = `${e.stack} (${e.region})`;
    const s = byStack.get(key) ?? { endpoints: 0, azs: 0 };
    byStack.set(key, { endpoints: s.endpoints + 1, azs: s.azs + e.azs });
  }
  const items = [...byStack].map(([stack, s]) =>
    line(
      prices,
      "privatelink.interface-endpoint-az-hour",
      `Interface VPC endpoints, ${stack}`,
      s.azs * HOURS_PER_MONTH,
      `${s.endpoints} endpoints in ${s.azs} endpoint-AZs × ${HOURS_PER_MONTH} h`,
    ),
  );
  if (inv.endpointVpcs > 0) {
    items.push(
      line(
        prices,
        "privatelink.data-processed-gb",
        "Interface endpoint data processed",
        inv.endpointVpcs * a["endpoint-gb-per-vpc"],
        `${inv.endpointVpcs} VPCs × ${a["endpoint-gb-per-vpc"]} GB`,
      ),
    );
  }
  if (inv.natGateways > 0) {
    items.push(
      line(
        prices,
        "vpc.nat-gateway-hour",
        "NAT gateways",
        inv.natGateways * HOURS_PER_MONTH,
        `${inv.natGateways} × ${HOURS_PER_MONTH} h`,
      ),
      line(
        prices,
        "vpc.nat-gateway-data-gb",
        "NAT gateway data processed",
        inv.natGateways * a["nat-gb-per-gateway"],
        `${inv.natGateways} × ${a["nat-gb-per-gateway"]} GB`,
      ),
    );
  }
  if (inv.transitGatewayAttachments > 0) {
    items.push(
      line(
        prices,
        "tgw.attachment-hour",
        "Transit Gateway attachments",
        inv.transitGatewayAttachments * HOURS_PER_MONTH,
        `${inv.transitGatewayAttachments} × ${HOURS_PER_MONTH} h`,
      ),
      line(
        prices,
        "tgw.data-processed-gb",
        "Transit Gateway data processed",
        inv.transitGatewayAttachments * a["tgw-gb-per-attachment"],
        `${inv.transitGatewayAttachments} × ${a["tgw-gb-per-attachment"]} GB`,
      ),
    );
  }
  if (inv.vpnConnections > 0) {
    items.push(
      line(
        prices,
        "vpn.connection-hour",
        "Site-to-Site VPN connections",
        inv.vpnConnections * HOURS_PER_MONTH,
        `${inv.vpnConnections} × ${HOURS_PER_MONTH} h`,
      ),
    );
  }
  if (inv.resolverEndpointAddresses > 0) {
    items.push(
      line(
        prices,
        "route53.resolver-endpoint-eni-hour",
        "Route 53 Resolver endpoint addresses",
        inv.resolverEndpointAddresses * HOURS_PER_MONTH,
        `${inv.resolverEndpointAddresses} × ${HOURS_PER_MONTH} h`,
      ),
    );
  }
  if (inv.firewallEndpoints > 0) {
    // AWS waives a NAT gateway's hours and data one-to-one with the Network Firewall charges on the same path
    // (docs/network-and-baseline.md#inspected-egress): the NAT gateways line above overstates by that much.
    items.push(
      line(
        prices,
        "network-firewall.endpoint-hour",
        "Network Firewall endpoints",
        inv.firewallEndpoints * HOURS_PER_MONTH,
        `${inv.firewallEndpoints} × ${HOURS_PER_MONTH} h`,
      ),
      line(
        prices,
        "network-firewall.data-processed-gb",
        "Network Firewall data processed",
        inv.firewallEndpoints * a["inspected-gb-per-endpoint"],
        `${inv.firewallEndpoints} × ${a["inspected-gb-per-endpoint"]} GB`,
      ),
    );
  }
  if (inv.ipamMonitoredVpcs > 0) {
    // The Advanced tier bills every active address in the VPCs it monitors, the organization's own VPCs too; only
    // the landing zone's are counted here.
    items.push(
      line(
        prices,
        "vpc.ipam-active-ip-hour",
        "IPAM active IP addresses",
        inv.ipamMonitoredVpcs * a["ipam-active-ips-per-vpc"] * HOURS_PER_MONTH,
        `${inv.ipamMonitoredVpcs} VPCs × ${a["ipam-active-ips-per-vpc"]} addresses × ${HOURS_PER_MONTH} h`,
      ),
    );
  }
  if (inv.dnsFirewallVpcs > 0) {
    items.push(
      line(
        prices,
        "route53.dns-firewall-million-queries",
        "DNS Firewall queries inspected",
        inv.dnsFirewallVpcs * a["dns-million-queries-per-vpc"],
        `${inv.dnsFirewallVpcs} VPCs × ${a["dns-million-queries-per-vpc"]} million`,
      ),
    );
  }
  if (inv.flowLogsToS3 > 0) {
    items.push(
      line(
        prices,
        "cloudwatch.vended-logs-s3-gb",
        "VPC flow logs delivered to S3",
        inv.flowLogsToS3 * a["flow-log-gb-per-vpc"],
        `${inv.flowLogsToS3} flow logs × ${a["flow-log-gb-per-vpc"]} GB`,
      ),
    );
  }
  return items;
}

/** Customer managed keys and their requests beyond the free 20,000 per account. */
export function kmsItems(inv: CostInventory, a: Assumptions, prices: PriceTable): CostItem[] {
  const requests = inv.kmsKeys * a["kms-requests-per-key"];
  const billable = Math.max(0, requests - inv.kmsAccounts * FREE_PER_ACCOUNT.kmsRequests);
  return [
    line(prices, "kms.key-month", "KMS customer managed keys", inv.kmsKeys, `${inv.kmsKeys} keys`),
    line(
      prices,
      "kms.requests-10k",
      "KMS requests",
      billable / 10000,
      `${inv.kmsKeys} keys × ${a["kms-requests-per-key"]} requests − ${inv.kmsAccounts} accounts × ${FREE_PER_ACCOUNT.kmsRequests} free`,
    ),
  ];
}

/** Config: configuration items recorded and conformance-pack rule evaluations, per account and region. */
export function configItems(inv: CostInventory, a: Assumptions, prices: PriceTable): CostItem[] {
  const rules = Object.entries(inv.conformancePackRules)
    .map(([region, n]) => `${n} rules in ${region}`)
    .join(", ");
  return [
    line(
      prices,
      "config.configuration-item",
      "AWS Config configuration items",
      inv.configRecorders * a["config-items-per-account-region"],
      `${inv.configRecorders} account-regions × ${a["config-items-per-account-region"]} items`,
    ),
    line(
      prices,
      "config.conformance-pack-evaluation",
      "AWS Config conformance pack evaluations",
      inv.conformancePackRuleRecorders * a["config-evaluations-per-rule"],
      `${rules || "no packs"}: ${inv.conformancePackRuleRecorders} rule-account-regions × ${a["config-evaluations-per-rule"]} evaluations`,
    ),
  ];
}

/** GuardDuty, Security Hub (CSPM) and Macie, by account and region. */
export function detectionItems(inv: CostInventory, a: Assumptions, prices: PriceTable): CostItem[] {
  const gd = inv.guardDutyAccountRegions;
  const items = [
    line(
      prices,
      "guardduty.management-events-million",
      "GuardDuty CloudTrail management event analysis",
      (gd * a["management-events-per-account-region"]) / 1e6,
      `${gd} account-regions × ${a["management-events-per-account-region"]} events`,
    ),
    line(
      prices,
      "guardduty.flow-dns-logs-gb",
      "GuardDuty VPC flow and DNS log analysis",
      gd * a["flow-dns-gb-per-account-region"],
      `${gd} account-regions × ${a["flow-dns-gb-per-account-region"]} GB`,
    ),
    line(
      prices,
      "guardduty.s3-data-events-million",
      "GuardDuty S3 Protection",
      (inv.guardDutyS3AccountRegions * a["s3-data-events-per-account-region"]) / 1e6,
      `${inv.guardDutyS3AccountRegions} account-regions × ${a["s3-data-events-per-account-region"]} events`,
    ),
    line(
      prices,
      "securityhub.security-check",
      "Security Hub CSPM security checks",
      inv.securityHubAccountRegions * Math.min(100000, a["securityhub-checks-per-account-region"]),
      `${inv.securityHubAccountRegions} account-regions × ${a["securityhub-checks-per-account-region"]} checks (${inv.securityHubStandards} standards)`,
    ),
    line(
      prices,
      "macie.bucket-month",
      "Macie bucket monitoring",
      inv.macieLandingZoneBuckets + inv.macieAccountRegions * a["macie-workload-buckets-per-account-region"],
      `${inv.macieLandingZoneBuckets} landing-zone buckets + ${inv.macieAccountRegions} account-regions × ${a["macie-workload-buckets-per-account-region"]}`,
    ),
    line(
      prices,
      "macie.sensitive-data-gb",
      "Macie sensitive data discovery jobs",
      inv.macieJobs * a["macie-gb-per-job-month"],
      `${inv.macieJobs} scheduled jobs × ${a["macie-gb-per-job-month"]} GB`,
    ),
  ];
  if (inv.unusedAccessAnalyzers > 0) {
    const roles = inv.iamRoles + inv.identityCenterRoles + inv.accounts * a["roles-per-account"];
    items.push(
      line(
        prices,
        "accessanalyzer.unused-role-month",
        "IAM Access Analyzer unused access",
        inv.unusedAccessAnalyzers * roles,
        `${inv.unusedAccessAnalyzers} analyzer × (${inv.iamRoles} synthesized roles + ${inv.identityCenterRoles} Identity Center roles + ${inv.accounts} accounts × ${a["roles-per-account"]})`,
      ),
    );
  }
  return items;
}

/** The organization trail: data events, Insights, and its CloudWatch Logs copy (ingestion and storage). */
export function trailItems(inv: CostInventory, a: Assumptions, prices: PriceTable): CostItem[] {
  const items: CostItem[] = [];
  for (const trail of inv.trails) {
    const accountRegions =
      (trail.organization ? inv.accounts : 1) * (trail.multiRegion ? inv.regions.length : 1);
    const dataEvents =
      trail.dataEventSelectors > 0 ? accountRegions * a["data-events-per-account-region"] : 0;
    if (dataEvents > 0) {
      items.push(
        line(
          prices,
          "cloudtrail.data-events-100k",
          `CloudTrail data events, ${trail.name}`,
          dataEvents / 1e5,
          `${accountRegions} account-regions × ${a["data-events-per-account-region"]} events`,
        ),
      );
    }
    const management = accountRegions * a["management-events-per-account-region"];
    const callRate = trail.insightTypes.includes("ApiCallRateInsight");
    const errorRate = trail.insightTypes.includes("ApiErrorRateInsight");
    // Write events are analyzed once per type, read events only for the error rate
    // (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/insights-events-costs.html).
    const share = a["insights-write-share"];
    const analyzed = management * ((callRate ? share : 0) + (errorRate ? 1 : 0));
    if (analyzed > 0) {
      items.push(
        line(
          prices,
          "cloudtrail.insights-100k",
          `CloudTrail Insights, ${trail.name}`,
          analyzed / 1e5,
          `${management} management events × (${callRate ? `${share} writes for call rate` : "0"} + ${errorRate ? "1 for error rate" : "0"})`,
        ),
      );
    }
    if (trail.cloudWatchLogs) {
      const gb = ((management + dataEvents) * a["event-kb"]) / (1024 * 1024);
      items.push(
        line(
          prices,
          "cloudwatch.logs-ingestion-gb",
          `CloudWatch Logs ingestion, ${trail.name} copy`,
          Math.max(0, gb - FREE_PER_ACCOUNT.logsGb),
          `${(management + dataEvents).toLocaleString("en-US")} events × ${a["event-kb"]} KB − ${FREE_PER_ACCOUNT.logsGb} GB free`,
        ),
      );
      const months = Math.min(
        a["month-of-operation"],
        inv.trailLogRetentionDays / DAYS_PER_MONTH || Infinity,
      );
      items.push(
        line(
          prices,
          "cloudwatch.logs-storage-gb-month",
          `CloudWatch Logs storage, ${trail.name} copy`,
          gb * months,
          `${gb.toFixed(1)} GB/month × ${months} months kept (uncompressed; AWS bills the compressed size)`,
        ),
      );
    }
  }
  return items;
}

/** Alarms, metric-filter metrics and dashboards beyond each account's free allowance. */
export function monitoringItems(inv: CostInventory, _a: Assumptions, prices: PriceTable): CostItem[] {
  const beyond = (byAccount: Readonly<Record<string, number>>, free: number) =>
    Object.values(byAccount).reduce((n, c) => n + Math.max(0, c - free), 0);
  const total = (byAccount: Readonly<Record<string, number>>) =>
    Object.values(byAccount).reduce((n, c) => n + c, 0);
  return [
    line(
      prices,
      "cloudwatch.alarm-metric-month",
      "CloudWatch alarms",
      beyond(inv.alarmsByAccount, FREE_PER_ACCOUNT.alarms),
      `${total(inv.alarmsByAccount)} alarms, ${FREE_PER_ACCOUNT.alarms} free per account`,
    ),
    line(
      prices,
      "cloudwatch.custom-metric-month",
      "CloudWatch metric-filter metrics",
      beyond(inv.metricFiltersByAccount, FREE_PER_ACCOUNT.customMetrics),
      `${total(inv.metricFiltersByAccount)} metric filters (one metric each), ${FREE_PER_ACCOUNT.customMetrics} free per account`,
    ),
    line(
      prices,
      "cloudwatch.dashboard-month",
      "CloudWatch dashboards",
      beyond(inv.dashboardsByAccount, FREE_PER_ACCOUNT.dashboards),
      `${total(inv.dashboardsByAccount)} dashboards, ${FREE_PER_ACCOUNT.dashboards} free per account`,
    ),
  ];
}

/** The storage class a log object is in at an age, by the lifecycle's transitions. */
export function storageClassAt(ageDays: number, transitions: readonly Transition[]): string {
  let current = "STANDARD";
  for (const t of transitions) if (ageDays >= t.days) current = t.storageClass;
  return current;
}

const STORAGE_PRICE: Record<string, PriceId> = {
  STANDARD: "s3.standard-gb-month",
  GLACIER_IR: "s3.glacier-ir-gb-month",
  DEEP_ARCHIVE: "s3.deep-archive-gb-month",
};

/**
 * The log archive and its replica in the month of operation: each past month's logs sit in the class their age
 * puts them in (Object Lock keeps them all for years), plus replication's inter-region transfer of the new logs.
 */
export function archiveItems(inv: CostInventory, a: Assumptions, prices: PriceTable): CostItem[] {
  const monthly = inv.accounts * inv.regions.length * a["archive-gb-per-account-region"];
  const copies = inv.archiveReplica ? 2 : 1;
  const byClass = new Map<string, number>();
  for (let k = 0; k < a["month-of-operation"]; k++) {
    const cls = storageClassAt((k + 0.5) * DAYS_PER_MONTH, inv.archiveTransitions);
    byClass.set(cls, (byClass.get(cls) ?? 0) + monthly * copies);
  }
  const items = [...byClass].map(([cls, gb]) => {
    const price = STORAGE_PRICE[cls] ?? "s3.standard-gb-month";
    return line(
      prices,
      price,
      `Log archive${inv.archiveReplica ? " and replica" : ""}, ${cls}`,
      gb,
      `${monthly} GB/month (${inv.accounts} accounts × ${inv.regions.length} regions × ${a["archive-gb-per-account-region"]} GB) × ${copies} copies, ages by lifecycle in month ${a["month-of-operation"]}`,
    );
  });
  if (inv.archiveReplica) {
    items.push(
      line(
        prices,
        "transfer.inter-region-gb",
        "Log archive replication transfer",
        monthly,
        `${monthly} GB/month`,
      ),
    );
  }
  return items;
}

/**
 * AWS Backup warm storage in the month of operation: per protected account, the full copy plus one month's change
 * for each monthly recovery point kept, in the account's vault and each copy's vault; copies across regions add
 * the transfer of each month's change.
 */
export function backupItems(inv: CostInventory, a: Assumptions, prices: PriceTable): CostItem[] {
  if (inv.backupProtectedAccounts === 0) return [];
  const gb = a["backup-gb-per-account"];
  const change = a["backup-monthly-change"];
  const months = Math.min(a["month-of-operation"], Math.floor(inv.backupRetentionDays / DAYS_PER_MONTH));
  const stored = gb * (1 + change * months);
  const vaults = 1 + inv.backupCopies;
  const items = [
    line(
      prices,
      "backup.warm-gb-month",
      "AWS Backup warm storage",
      inv.backupProtectedAccounts * vaults * stored,
      `${inv.backupProtectedAccounts} PHI accounts × ${vaults} vaults × ${gb} GB × (1 + ${change} × ${months} monthly points kept)`,
    ),
  ];
  if (inv.backupCrossRegion && inv.backupCopies > 0) {
    items.push(
      line(
        prices,
        "transfer.inter-region-gb",
        "AWS Backup cross-region copy transfer",
        inv.backupProtectedAccounts * inv.backupCopies * gb * change,
        `${inv.backupProtectedAccounts} PHI accounts × ${inv.backupCopies} copies × ${gb} GB × ${change} changed`,
      ),
    );
  }
  return items;
}

/** Other priced resources, where synthesized. */
export function otherItems(inv: CostInventory, _a: Assumptions, prices: PriceTable): CostItem[] {
  return inv.secrets > 0
    ? [
        line(
          prices,
          "secretsmanager.secret-month",
          "Secrets Manager secrets",
          inv.secrets,
          `${inv.secrets} secrets`,
        ),
      ]
    : [];
}

/** What the estimate leaves out, and why, for the inventory at hand. */
export function costNotes(inv: CostInventory): string[] {
  const notes = [
    "CloudTrail: the organization trail's copy of management events is free (one copy per region).",
    "Gateway endpoints (S3, DynamoDB) are free.",
    "Security Hub: findings from integrated AWS services are free up to 10,000 per account and region; the estimate counts checks only.",
    "Not estimated: S3 requests, EventBridge, SNS, Route 53 Resolver query logging, data transfer out, KMS key rotation (after a year), AWS Backup restore tests and Audit Manager evaluations, Organizations and Identity Center (free).",
  ];
  if (inv.guardDutyWorkloadFeatures.length > 0) {
    notes.push(
      `GuardDuty ${inv.guardDutyWorkloadFeatures.join(", ")}: priced per workload (vCPU-hours, GB scanned, events), so $0 until workloads run; not estimated.`,
    );
  }
  if (inv.inspector > 0)
    notes.push(
      "Amazon Inspector is enabled: priced per instance, image and function scanned; not estimated.",
    );
  return notes;
}

/** The full estimate, largest items first (items that come to $0.00 are left out). */
export function estimateCost(
  inv: CostInventory,
  a: Assumptions,
  prices: PriceTable,
  tablePath: string,
): CostReport {
  const items = [
    ...networkItems(inv, a, prices),
    ...kmsItems(inv, a, prices),
    ...configItems(inv, a, prices),
    ...detectionItems(inv, a, prices),
    ...trailItems(inv, a, prices),
    ...monitoringItems(inv, a, prices),
    ...archiveItems(inv, a, prices),
    ...backupItems(inv, a, prices),
    ...otherItems(inv, a, prices),
  ]
    .filter((i) => Math.round(i.monthly * 100) > 0)
    .sort((x, y) => y.monthly - x.monthly || x.item.localeCompare(y.item));
  const assumptions = (Object.keys(ASSUMPTION_SPECS) as AssumptionName[]).map((name) => ({
    name,
    value: a[name],
    unit: ASSUMPTION_SPECS[name].unit,
    why: ASSUMPTION_SPECS[name].why,
    flag: `--${name}`,
    env: assumptionEnvName(name),
  }));
  return {
    total: items.reduce((n, i) => n + i.monthly, 0),
    currency: prices.currency,
    items,
    assumptions,
    notes: costNotes(inv),
    priceTable: { path: tablePath, date: prices.date, region: prices.region },
    unverifiedPrices: [...new Set(items.map((i) => i.price))]
      .filter((p) => prices.prices[p].verified === "unverified")
      .sort(),
  };
}
