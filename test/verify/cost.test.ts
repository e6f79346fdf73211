// `make cost`'s estimator: the counts it reads from one synthesized fixture, the arithmetic of every item on a
// hand-built inventory, the assumption overrides, the price table's provenance, and that docs/cost.md shows what
// the estimator computes for the example.
import * as fs from "fs";
import * as path from "path";
import { inScratchSynth } from "../../src/app";
import { loadConfig } from "../../src/config/load";
import { rulesForRegion } from "../../src/policies/hipaa-conformance-pack";
import { ASSUMPTION_SPECS, defaultAssumptions, resolveAssumptions } from "../../src/verify/cost/assumptions";
import {
  archiveItems,
  backupItems,
  configItems,
  detectionItems,
  estimateCost,
  kmsItems,
  monitoringItems,
  networkItems,
  storageClassAt,
  trailItems,
} from "../../src/verify/cost/estimate";
import { costText, usd } from "../../src/verify/cost/format";
import { conformancePackRuleCount, CostInventory, costInventory } from "../../src/verify/cost/inventory";
import { PRICE_TABLE, PRICE_TABLE_PATH, PriceId } from "../../src/verify/cost/prices";
import { synthesizedModel } from "../../src/verify/gate";
import { validConfig } from "../helpers/config-fixture";
import { modelOf } from "../helpers/defects";
import { exampleWithHybrid, synthApp } from "../helpers/synth";

const REPO = path.join(__dirname, "..", "..");
const A = defaultAssumptions();
const price = (id: PriceId) => PRICE_TABLE.prices[id].usd;

/** An inventory with nothing in it, for the arithmetic tests to fill in. */
const EMPTY: CostInventory = {
  accounts: 0,
  regions: [],
  interfaceEndpoints: [],
  endpointVpcs: 0,
  natGateways: 0,
  transitGatewayAttachments: 0,
  vpnConnections: 0,
  resolverEndpointAddresses: 0,
  firewallEndpoints: 0,
  ipamMonitoredVpcs: 0,
  dnsFirewallVpcs: 0,
  kmsKeys: 0,
  kmsAccounts: 0,
  configRecorders: 0,
  conformancePackRuleRecorders: 0,
  conformancePackRules: {},
  guardDutyAccountRegions: 0,
  guardDutyS3AccountRegions: 0,
  guardDutyWorkloadFeatures: [],
  securityHubAccountRegions: 0,
  securityHubStandards: 0,
  macieAccountRegions: 0,
  macieLandingZoneBuckets: 0,
  macieJobs: 0,
  inspector: 0,
  trails: [],
  alarmsByAccount: {},
  metricFiltersByAccount: {},
  dashboardsByAccount: {},
  trailLogRetentionDays: 0,
  archiveTransitions: [],
  archiveReplica: false,
  flowLogsToS3: 0,
  backupProtectedAccounts: 0,
  backupRetentionDays: 0,
  backupCopies: 0,
  backupCrossRegion: false,
  unusedAccessAnalyzers: 0,
  iamRoles: 0,
  identityCenterRoles: 0,
  secrets: 0,
};

const monthly = (items: ReadonlyArray<{ item: string; monthly: number }>, item: string) => {
  const found = items.find((i) => i.item === item);
  if (!found) throw new Error(`no item ${item} in ${items.map((i) => i.item).join(", ")}`);
  return found.monthly;
};

describe("counts from the synthesized fixture (5 accounts and the management account, 2 regions, one PHI VPC)", () => {
  let inv: CostInventory;
  beforeAll(() => {
    const config = validConfig();
    inv = inScratchSynth(config, (outdir) => costInventory(synthesizedModel(config, outdir)));
  }, 180_000);

  it("counts accounts, governed regions and Config recorders per account and region", () => {
    expect(inv.accounts).toBe(6);
    expect(inv.regions).toEqual(["us-east-1", "us-west-2"]);
    expect(inv.configRecorders).toBe(12);
  });

  it("counts each interface endpoint once per subnet (Availability Zone), gateway endpoints not at all", () => {
    expect(inv.interfaceEndpoints).toHaveLength(14);
    expect(new Set(inv.interfaceEndpoints.map((e) => `${e.stack} ${e.region} ${e.azs}`))).toEqual(
      new Set(["network-prod us-east-1 2"]),
    );
    expect(inv.interfaceEndpoints.map((e) => e.service)).not.toContain("s3");
    expect(inv.endpointVpcs).toBe(1);
    expect(inv.natGateways).toBe(0);
  });

  it("counts the conformance pack's rules per region, times the recorders in that region", () => {
    expect(inv.conformancePackRules).toEqual({
      "us-east-1": rulesForRegion("us-east-1", "us-east-1").length,
      "us-west-2": rulesForRegion("us-west-2", "us-east-1").length,
    });
    expect(inv.conformancePackRuleRecorders).toBe(
      6 * rulesForRegion("us-east-1", "us-east-1").length +
        6 * rulesForRegion("us-west-2", "us-east-1").length,
    );
  });

  it("counts GuardDuty, Security Hub and Macie by account and region", () => {
    expect(inv.guardDutyAccountRegions).toBe(12);
    expect(inv.guardDutyS3AccountRegions).toBe(12);
    expect(inv.guardDutyWorkloadFeatures).toContain("RUNTIME_MONITORING");
    expect(inv.securityHubAccountRegions).toBe(12);
    expect(inv.securityHubStandards).toBe(3);
    // Macie's administrator and its four members, in each region; the management account is not a member.
    expect(inv.macieAccountRegions).toBe(10);
    expect(inv.macieJobs).toBe(2);
    // The administrator's and the members' enablers, in each of the two regions.
    expect(inv.inspector).toBe(4);
  });

  it("reads the organization trail's data events, Insights and CloudWatch Logs copy", () => {
    expect(inv.trails).toEqual([
      {
        name: "test-health-organization-trail",
        organization: true,
        multiRegion: true,
        dataEventSelectors: 4,
        insightTypes: ["ApiCallRateInsight", "ApiErrorRateInsight"],
        cloudWatchLogs: true,
      },
    ]);
    expect(inv.trailLogRetentionDays).toBe(2192);
  });

  it("reads the log archive's lifecycle and the backup policy's retention and copies", () => {
    expect(inv.archiveTransitions).toEqual([
      { days: 90, storageClass: "GLACIER_IR" },
      { days: 365, storageClass: "DEEP_ARCHIVE" },
    ]);
    expect(inv.archiveReplica).toBe(true);
    expect(inv.backupProtectedAccounts).toBe(1);
    expect(inv.backupRetentionDays).toBe(2192);
    expect(inv.backupCopies).toBe(1);
    expect(inv.backupCrossRegion).toBe(true);
  });

  it("counts the alarms, metric filters and dashboard in the management account, and the KMS keys", () => {
    expect(inv.alarmsByAccount).toEqual({ "100000000001": 18 });
    expect(Object.keys(inv.metricFiltersByAccount)).toEqual(["100000000001"]);
    expect(inv.dashboardsByAccount).toEqual({ "100000000001": 1 });
    expect(inv.kmsKeys).toBeGreaterThan(0);
    expect(inv.kmsAccounts).toBe(6);
    expect(inv.unusedAccessAnalyzers).toBe(1);
  });
});

describe("the arithmetic of each item", () => {
  it("interface endpoints: endpoint-AZs × 730 h × the hourly price, per network stack; data per VPC", () => {
    const items = networkItems(
      {
        ...EMPTY,
        interfaceEndpoints: [
          { stack: "network-prod", region: "us-east-1", service: "kms", azs: 3 },
          { stack: "network-prod", region: "us-east-1", service: "sts", azs: 3 },
          { stack: "network-dev", region: "us-east-1", service: "kms", azs: 2 },
        ],
        endpointVpcs: 2,
      },
      A,
      PRICE_TABLE,
    );
    expect(monthly(items, "Interface VPC endpoints, network-prod (us-east-1)")).toBeCloseTo(
      6 * 730 * price("privatelink.interface-endpoint-az-hour"),
    );
    expect(monthly(items, "Interface VPC endpoints, network-dev (us-east-1)")).toBeCloseTo(
      2 * 730 * price("privatelink.interface-endpoint-az-hour"),
    );
    expect(monthly(items, "Interface endpoint data processed")).toBeCloseTo(
      2 * A["endpoint-gb-per-vpc"] * price("privatelink.data-processed-gb"),
    );
    expect(items.map((i) => i.item)).not.toContain("NAT gateways");
  });

  it("NAT gateways: hours and data, only when synthesized", () => {
    const items = networkItems({ ...EMPTY, natGateways: 2 }, A, PRICE_TABLE);
    expect(monthly(items, "NAT gateways")).toBeCloseTo(2 * 730 * price("vpc.nat-gateway-hour"));
    expect(monthly(items, "NAT gateway data processed")).toBeCloseTo(
      2 * A["nat-gb-per-gateway"] * price("vpc.nat-gateway-data-gb"),
    );
  });

  it("VPN: each connection by the hour, besides its hub attachment; absent without one", () => {
    const items = networkItems({ ...EMPTY, vpnConnections: 2, transitGatewayAttachments: 5 }, A, PRICE_TABLE);
    expect(monthly(items, "Site-to-Site VPN connections")).toBeCloseTo(
      2 * 730 * price("vpn.connection-hour"),
    );
    expect(monthly(items, "Transit Gateway attachments")).toBeCloseTo(5 * 730 * price("tgw.attachment-hour"));
    expect(networkItems(EMPTY, A, PRICE_TABLE).map((i) => i.item)).not.toContain(
      "Site-to-Site VPN connections",
    );
  });

  it("counts the second configuration's attachments, Resolver addresses, firewall endpoints and NAT gateways", () => {
    const config = exampleWithHybrid();
    const inventory = costInventory(modelOf(config, synthApp(config).stacks));
    // Attachments: three environments, two VPNs, Direct Connect, the resolver and inspection VPCs; two endpoints of
    // two addresses.
    expect([
      inventory.vpnConnections,
      inventory.transitGatewayAttachments,
      inventory.resolverEndpointAddresses,
    ]).toEqual([2, 3 + 2 + 1 + 1 + 1, 4]);
    const items = networkItems(inventory, A, PRICE_TABLE);
    expect([inventory.firewallEndpoints, inventory.natGateways]).toEqual([2, 2]);
    expect(monthly(items, "Network Firewall endpoints")).toBeCloseTo(
      2 * 730 * price("network-firewall.endpoint-hour"),
    );
    expect(monthly(items, "Network Firewall data processed")).toBeCloseTo(
      2 * A["inspected-gb-per-endpoint"] * price("network-firewall.data-processed-gb"),
    );
    expect(monthly(items, "Route 53 Resolver endpoint addresses")).toBeCloseTo(
      4 * 730 * price("route53.resolver-endpoint-eni-hour"),
    );
    // The IPAM monitors the five VPCs: three environments', the resolver's and the inspection VPC.
    expect(inventory.ipamMonitoredVpcs).toBe(5);
    expect(monthly(items, "IPAM active IP addresses")).toBeCloseTo(
      5 * A["ipam-active-ips-per-vpc"] * 730 * price("vpc.ipam-active-ip-hour"),
    );
    expect(networkItems(EMPTY, A, PRICE_TABLE).map((i) => i.item)).not.toContain("IPAM active IP addresses");
  });

  it("KMS: a dollar a key, requests beyond 20,000 free per account", () => {
    const items = kmsItems({ ...EMPTY, kmsKeys: 10, kmsAccounts: 2 }, A, PRICE_TABLE);
    expect(monthly(items, "KMS customer managed keys")).toBeCloseTo(10 * price("kms.key-month"));
    expect(monthly(items, "KMS requests")).toBeCloseTo(
      ((10 * A["kms-requests-per-key"] - 2 * 20000) / 10000) * price("kms.requests-10k"),
    );
    const under = kmsItems({ ...EMPTY, kmsKeys: 1, kmsAccounts: 1 }, A, PRICE_TABLE);
    expect(monthly(under, "KMS requests")).toBe(0);
  });

  it("Config: items per recorder, evaluations per rule per recorder", () => {
    const items = configItems(
      {
        ...EMPTY,
        configRecorders: 4,
        conformancePackRuleRecorders: 100,
        conformancePackRules: { "us-east-1": 50 },
      },
      A,
      PRICE_TABLE,
    );
    expect(monthly(items, "AWS Config configuration items")).toBeCloseTo(
      4 * A["config-items-per-account-region"] * price("config.configuration-item"),
    );
    expect(monthly(items, "AWS Config conformance pack evaluations")).toBeCloseTo(
      100 * A["config-evaluations-per-rule"] * price("config.conformance-pack-evaluation"),
    );
  });

  it("GuardDuty, Security Hub, Macie and the unused access analyzer, per account and region", () => {
    const items = detectionItems(
      {
        ...EMPTY,
        accounts: 3,
        guardDutyAccountRegions: 6,
        guardDutyS3AccountRegions: 6,
        securityHubAccountRegions: 6,
        securityHubStandards: 2,
        macieAccountRegions: 4,
        macieLandingZoneBuckets: 5,
        macieJobs: 2,
        unusedAccessAnalyzers: 1,
        iamRoles: 7,
        identityCenterRoles: 3,
      },
      A,
      PRICE_TABLE,
    );
    expect(monthly(items, "GuardDuty CloudTrail management event analysis")).toBeCloseTo(
      ((6 * A["management-events-per-account-region"]) / 1e6) * price("guardduty.management-events-million"),
    );
    expect(monthly(items, "GuardDuty VPC flow and DNS log analysis")).toBeCloseTo(
      6 * A["flow-dns-gb-per-account-region"] * price("guardduty.flow-dns-logs-gb"),
    );
    expect(monthly(items, "GuardDuty S3 Protection")).toBeCloseTo(
      ((6 * A["s3-data-events-per-account-region"]) / 1e6) * price("guardduty.s3-data-events-million"),
    );
    expect(monthly(items, "Security Hub CSPM security checks")).toBeCloseTo(
      6 * A["securityhub-checks-per-account-region"] * price("securityhub.security-check"),
    );
    expect(monthly(items, "Macie bucket monitoring")).toBeCloseTo(
      (5 + 4 * A["macie-workload-buckets-per-account-region"]) * price("macie.bucket-month"),
    );
    expect(monthly(items, "Macie sensitive data discovery jobs")).toBeCloseTo(
      2 * A["macie-gb-per-job-month"] * price("macie.sensitive-data-gb"),
    );
    expect(monthly(items, "IAM Access Analyzer unused access")).toBeCloseTo(
      (7 + 3 + 3 * A["roles-per-account"]) * price("accessanalyzer.unused-role-month"),
    );
  });

  it("the organization trail: data events and Insights per account and region, the CloudWatch Logs copy", () => {
    const inv = {
      ...EMPTY,
      accounts: 4,
      regions: ["us-east-1", "us-west-2"],
      trailLogRetentionDays: 2192,
      trails: [
        {
          name: "t",
          organization: true,
          multiRegion: true,
          dataEventSelectors: 2,
          insightTypes: ["ApiCallRateInsight", "ApiErrorRateInsight"],
          cloudWatchLogs: true,
        },
      ],
    };
    const items = trailItems(inv, A, PRICE_TABLE);
    const data = 8 * A["data-events-per-account-region"];
    const management = 8 * A["management-events-per-account-region"];
    expect(monthly(items, "CloudTrail data events, t")).toBeCloseTo(
      (data / 1e5) * price("cloudtrail.data-events-100k"),
    );
    expect(monthly(items, "CloudTrail Insights, t")).toBeCloseTo(
      ((management * (A["insights-write-share"] + 1)) / 1e5) * price("cloudtrail.insights-100k"),
    );
    const gb = ((management + data) * A["event-kb"]) / (1024 * 1024);
    expect(monthly(items, "CloudWatch Logs ingestion, t copy")).toBeCloseTo(
      Math.max(0, gb - 5) * price("cloudwatch.logs-ingestion-gb"),
    );
    expect(monthly(items, "CloudWatch Logs storage, t copy")).toBeCloseTo(
      gb * A["month-of-operation"] * price("cloudwatch.logs-storage-gb-month"),
    );
    const errorOnly = trailItems(
      { ...inv, trails: [{ ...inv.trails[0], insightTypes: ["ApiErrorRateInsight"] }] },
      A,
      PRICE_TABLE,
    );
    expect(monthly(errorOnly, "CloudTrail Insights, t")).toBeCloseTo(
      (management / 1e5) * price("cloudtrail.insights-100k"),
    );
  });

  it("monitoring: only alarms, metrics and dashboards beyond each account's free allowance", () => {
    const items = monitoringItems(
      {
        ...EMPTY,
        alarmsByAccount: { a: 16, b: 4 },
        metricFiltersByAccount: { a: 28 },
        dashboardsByAccount: { a: 4 },
      },
      A,
      PRICE_TABLE,
    );
    expect(monthly(items, "CloudWatch alarms")).toBeCloseTo(6 * price("cloudwatch.alarm-metric-month"));
    expect(monthly(items, "CloudWatch metric-filter metrics")).toBeCloseTo(
      18 * price("cloudwatch.custom-metric-month"),
    );
    expect(monthly(items, "CloudWatch dashboards")).toBeCloseTo(1 * price("cloudwatch.dashboard-month"));
  });

  it("the log archive: each month's logs in the class their age puts them in, twice with a replica", () => {
    expect(storageClassAt(10, [{ days: 90, storageClass: "GLACIER_IR" }])).toBe("STANDARD");
    expect(storageClassAt(90, [{ days: 90, storageClass: "GLACIER_IR" }])).toBe("GLACIER_IR");
    const inv = {
      ...EMPTY,
      accounts: 2,
      regions: ["us-east-1"],
      archiveReplica: true,
      archiveTransitions: [
        { days: 90, storageClass: "GLACIER_IR" },
        { days: 365, storageClass: "DEEP_ARCHIVE" },
      ],
    };
    const a = { ...A, "month-of-operation": 14, "archive-gb-per-account-region": 10 };
    const items = archiveItems(inv, a, PRICE_TABLE);
    // 20 GB a month, two copies; at month 14: three months in Standard, nine in Glacier IR, two in Deep Archive.
    expect(monthly(items, "Log archive and replica, STANDARD")).toBeCloseTo(
      3 * 40 * price("s3.standard-gb-month"),
    );
    expect(monthly(items, "Log archive and replica, GLACIER_IR")).toBeCloseTo(
      9 * 40 * price("s3.glacier-ir-gb-month"),
    );
    expect(monthly(items, "Log archive and replica, DEEP_ARCHIVE")).toBeCloseTo(
      2 * 40 * price("s3.deep-archive-gb-month"),
    );
    expect(monthly(items, "Log archive replication transfer")).toBeCloseTo(
      20 * price("transfer.inter-region-gb"),
    );
  });

  it("backups: full copy plus a month's change per monthly point kept, in every vault; copies' transfer", () => {
    const inv = {
      ...EMPTY,
      backupProtectedAccounts: 2,
      backupRetentionDays: 2192,
      backupCopies: 1,
      backupCrossRegion: true,
    };
    const items = backupItems(inv, A, PRICE_TABLE);
    const gb = A["backup-gb-per-account"];
    const change = A["backup-monthly-change"];
    expect(monthly(items, "AWS Backup warm storage")).toBeCloseTo(
      2 * 2 * gb * (1 + change * A["month-of-operation"]) * price("backup.warm-gb-month"),
    );
    expect(monthly(items, "AWS Backup cross-region copy transfer")).toBeCloseTo(
      2 * gb * change * price("transfer.inter-region-gb"),
    );
    // A short retention caps the monthly points kept.
    const short = backupItems({ ...inv, backupRetentionDays: 35, backupCrossRegion: false }, A, PRICE_TABLE);
    expect(monthly(short, "AWS Backup warm storage")).toBeCloseTo(
      2 * 2 * gb * (1 + change * 1) * price("backup.warm-gb-month"),
    );
    expect(short.map((i) => i.item)).not.toContain("AWS Backup cross-region copy transfer");
    expect(backupItems(EMPTY, A, PRICE_TABLE)).toEqual([]);
  });

  it("the report: total is the sum, items largest first, $0.00 items left out, assumptions and table date printed", () => {
    const report = estimateCost(
      { ...EMPTY, kmsKeys: 2, kmsAccounts: 1, configRecorders: 2, natGateways: 1 },
      A,
      PRICE_TABLE,
      PRICE_TABLE_PATH,
    );
    expect(report.total).toBeCloseTo(report.items.reduce((n, i) => n + i.monthly, 0));
    expect(report.items.map((i) => i.monthly)).toEqual(
      [...report.items.map((i) => i.monthly)].sort((x, y) => y - x),
    );
    expect(report.items.map((i) => i.item)).not.toContain("KMS requests");
    expect(report.unverifiedPrices).toEqual(["vpc.nat-gateway-data-gb", "vpc.nat-gateway-hour"]);
    const text = costText(report);
    expect(text.split("\n")[0]).toBe(
      `Estimated monthly list price: ${usd(report.total)} USD (us-east-1 prices of ${PRICE_TABLE.date})`,
    );
    expect(text).toContain(
      `  backup-gb-per-account = 100 GB protected per PHI account (LZ_COST_BACKUP_GB_PER_ACCOUNT): `,
    );
    expect(text).toContain(`Price table: src/verify/cost/price-table.json, read ${PRICE_TABLE.date}`);
  });
});

describe("assumptions", () => {
  it("take environment variables, and flags over them", () => {
    const a = resolveAssumptions(["--backup-gb-per-account=500"], {
      LZ_COST_BACKUP_GB_PER_ACCOUNT: "200",
      LZ_COST_EVENT_KB: "2",
    });
    expect(a["backup-gb-per-account"]).toBe(500);
    expect(a["event-kb"]).toBe(2);
    expect(a["month-of-operation"]).toBe(ASSUMPTION_SPECS["month-of-operation"].default);
  });

  it("refuse an unknown flag and a value that is not a number >= 0, naming them", () => {
    expect(() => resolveAssumptions(["--regions=3"], {})).toThrow(
      /^cost: --regions=3: received an unknown option; expected --<assumption>=<number>, one of: month-of-operation, /,
    );
    expect(() => resolveAssumptions(["--event-kb=-1"], {})).toThrow(
      'cost: --event-kb: received "-1"; expected a number >= 0',
    );
    expect(() => resolveAssumptions([], { LZ_COST_EVENT_KB: "lots" })).toThrow(
      'cost: LZ_COST_EVENT_KB: received "lots"; expected a number >= 0',
    );
  });
});

describe("the price table", () => {
  it("gives every price a unit, a value, AWS's pricing page, the date read and how it was confirmed", () => {
    expect(PRICE_TABLE.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [id, p] of Object.entries(PRICE_TABLE.prices)) {
      expect([id, p.unit.length > 0]).toEqual([id, true]);
      expect([id, p.usd > 0]).toEqual([id, true]);
      expect([id, p.source]).toEqual([
        id,
        expect.stringMatching(/^https:\/\/aws\.amazon\.com\/[a-z0-9/-]+\/pricing\/$/),
      ]);
      expect([id, p.read]).toEqual([id, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);
      expect([id, ["aws", "secondary", "unverified"].includes(p.verified)]).toEqual([id, true]);
      // A number read elsewhere names where.
      expect([id, p.verified !== "secondary" || /^https:\/\//.test(p.secondary ?? "")]).toEqual([id, true]);
    }
  });

  it("finds the rules of a conformance pack template", () => {
    expect(
      conformancePackRuleCount(
        "Resources:\n  A:\n    Type: AWS::Config::ConfigRule\n  B:\n    Type: AWS::SNS::Topic\n",
      ),
    ).toBe(1);
  });
});

describe("docs/cost.md", () => {
  it("shows the example's total and largest item as the estimator computes them with the default assumptions", () => {
    const config = loadConfig(path.join(REPO, "environments"));
    const inv = inScratchSynth(config, (outdir) => costInventory(synthesizedModel(config, outdir)));
    const report = estimateCost(inv, A, PRICE_TABLE, PRICE_TABLE_PATH);
    const doc = fs.readFileSync(path.join(REPO, "docs", "cost.md"), "utf8");
    expect(doc).toContain(
      `Estimated monthly list price: ${usd(report.total)} USD (us-east-1 prices of ${PRICE_TABLE.date})`,
    );
    expect(doc).toContain(report.items[0].item);
  }, 180_000);
});
