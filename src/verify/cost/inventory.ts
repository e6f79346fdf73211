// Counts what costs money in the synthesized landing zone (never the TypeScript that produced it): interface
// endpoints per Availability Zone, NAT gateways, customer managed keys, Config recorders and conformance-pack
// rules, the accounts and regions GuardDuty, Security Hub and Macie cover, the organization trail's data events
// and Insights, alarms and metric filters, the log archive's lifecycle, the backup policy's retention and copies.
// The estimator (estimate.ts) multiplies these by the price table; nothing here knows a price.
import { assigned, Assigned } from "../backup-plans";
import { ResourceRef, SynthesizedLandingZone } from "../synthesized";

/** One interface VPC endpoint: billed per Availability Zone (one subnet per zone) per hour. */
export interface EndpointCount {
  readonly stack: string;
  readonly region: string;
  readonly service: string;
  readonly azs: number;
}

/** One organization (or account) trail. */
export interface TrailCount {
  readonly name: string;
  readonly organization: boolean;
  readonly multiRegion: boolean;
  /** Advanced event selectors that record data events. */
  readonly dataEventSelectors: number;
  /** CloudTrail Insights types enabled. */
  readonly insightTypes: readonly string[];
  /** Whether the trail also delivers to CloudWatch Logs (a second, paid ingestion). */
  readonly cloudWatchLogs: boolean;
}

/** A storage-class transition of the log archive's lifecycle. */
export interface Transition {
  readonly days: number;
  readonly storageClass: string;
}

/** What the synthesized stacks hold that has a price. */
export interface CostInventory {
  /** Accounts in the organization, the management account included. */
  readonly accounts: number;
  /** Regions with a Config recorder (the governed regions). */
  readonly regions: readonly string[];
  readonly interfaceEndpoints: readonly EndpointCount[];
  /** VPCs with interface endpoints (the endpoint traffic assumption is per VPC). */
  readonly endpointVpcs: number;
  readonly natGateways: number;
  /**
   * Transit Gateway attachments (VPCs, VPN connections on the hub, the Direct Connect gateway): billed per
   * attachment-hour and per GB they send.
   */
  readonly transitGatewayAttachments: number;
  /** Site-to-Site VPN connections: billed per connection-hour besides their attachment. */
  readonly vpnConnections: number;
  /** Route 53 Resolver endpoints' IP addresses: each is an ENI billed by the hour. */
  readonly resolverEndpointAddresses: number;
  /** Network Firewall endpoints (one per subnet mapping): billed by the hour and per GB they inspect. */
  readonly firewallEndpoints: number;
  /** VPCs an IPAM monitors (every VPC of the landing zone while an address plan is configured): billed per active IP. */
  readonly ipamMonitoredVpcs: number;
  /** VPCs with DNS Firewall: billed per query it inspects. */
  readonly dnsFirewallVpcs: number;
  readonly kmsKeys: number;
  /** Accounts holding customer managed keys (each gets 20,000 free requests a month). */
  readonly kmsAccounts: number;
  /** Account-region pairs with a Config recorder. */
  readonly configRecorders: number;
  /** Conformance-pack rules summed over every pack, times the recorders in the pack's region. */
  readonly conformancePackRuleRecorders: number;
  /** Rules per conformance pack, by region. */
  readonly conformancePackRules: Readonly<Record<string, number>>;
  /** Account-region pairs GuardDuty covers (organization auto-enable). */
  readonly guardDutyAccountRegions: number;
  /** Account-region pairs with GuardDuty S3 Protection. */
  readonly guardDutyS3AccountRegions: number;
  /** GuardDuty features that cost only with workloads (runtime, EKS, RDS, Lambda, malware scans). */
  readonly guardDutyWorkloadFeatures: readonly string[];
  /** Account-region pairs Security Hub (CSPM) covers, and the standards enabled. */
  readonly securityHubAccountRegions: number;
  readonly securityHubStandards: number;
  /** Account-region pairs with Macie (administrator and members). */
  readonly macieAccountRegions: number;
  /** The landing zone's own buckets in the regions Macie covers. */
  readonly macieLandingZoneBuckets: number;
  /** Scheduled Macie sensitive data discovery jobs. */
  readonly macieJobs: number;
  readonly inspector: number;
  readonly trails: readonly TrailCount[];
  /** Alarms, metric filters (one custom metric each) and dashboards, by account. */
  readonly alarmsByAccount: Readonly<Record<string, number>>;
  readonly metricFiltersByAccount: Readonly<Record<string, number>>;
  readonly dashboardsByAccount: Readonly<Record<string, number>>;
  /** CloudWatch log group retention of the trail copy, in days (0 when the trail has none). */
  readonly trailLogRetentionDays: number;
  readonly archiveTransitions: readonly Transition[];
  readonly archiveReplica: boolean;
  readonly flowLogsToS3: number;
  /** PHI accounts the backup policy protects (each runs a restore test). */
  readonly backupProtectedAccounts: number;
  /** The longest retention of any backup rule, in days. */
  readonly backupRetentionDays: number;
  /** Copy actions on that rule (each is one more stored copy in another vault). */
  readonly backupCopies: number;
  /** Whether a copy crosses regions (billed per GB transferred). */
  readonly backupCrossRegion: boolean;
  readonly unusedAccessAnalyzers: number;
  readonly iamRoles: number;
  /** Roles Identity Center creates: one per permission set assigned in an account. */
  readonly identityCenterRoles: number;
  readonly secrets: number;
}

/** One plan entry of a synthesized backup policy, with the rule fields the estimate reads. */
interface BackupPolicyPlan {
  readonly regions?: Assigned<string[]>;
  readonly rules?: Record<
    string,
    {
      lifecycle?: { delete_after_days?: Assigned<string> };
      copy_actions?: Record<string, { target_backup_vault_arn?: Assigned<string> }>;
    }
  >;
}

const count = <K extends string>(keys: readonly K[]): Record<K, number> => {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
};

/** The rules of a conformance pack's YAML template (AWS::Config::ConfigRule resources). */
export function conformancePackRuleCount(templateBody: string): number {
  return (templateBody.match(/^\s+Type: AWS::Config::ConfigRule\s*$/gm) ?? []).length;
}

/** Counts every priced resource of the synthesized landing zone. */
export function costInventory(model: SynthesizedLandingZone): CostInventory {
  const accountOf = (ref: ResourceRef) => model.accountOf(ref);
  const recorders = model.resources("aws_config_configuration_recorder");
  const regions = [...new Set(recorders.map((r) => model.regionOf(r)))].sort();
  const recordersIn = (region: string) => recorders.filter((r) => model.regionOf(r) === region).length;
  const accounts = model.resources("aws_organizations_account").length + 1;

  const endpoints = model
    .resources("aws_vpc_endpoint")
    .filter((r) => r.body.vpc_endpoint_type === "Interface")
    .map((r) => ({
      stack: r.stack,
      region: model.regionOf(r),
      service: String(r.body.service_name).split(".").slice(3).join("."),
      azs: ((r.body.subnet_ids as unknown[] | undefined) ?? []).length,
    }));

  const keys = model.resources("aws_kms_key");

  const packRules: Record<string, number> = {};
  let packRuleRecorders = 0;
  for (const pack of model.resources("aws_config_organization_conformance_pack")) {
    const region = model.regionOf(pack);
    const rules = conformancePackRuleCount(String(pack.body.template_body ?? ""));
    packRules[region] = (packRules[region] ?? 0) + rules;
    const excluded = ((pack.body.excluded_accounts as unknown[] | undefined) ?? []).length;
    packRuleRecorders += rules * Math.max(0, recordersIn(region) - excluded);
  }

  const gdRegions = model
    .resources("aws_guardduty_organization_configuration")
    .filter((r) => r.body.auto_enable_organization_members === "ALL")
    .map((r) => model.regionOf(r));
  const gdFeatures = model.resources("aws_guardduty_organization_configuration_feature");
  const gdS3Regions = gdFeatures
    .filter((r) => r.body.name === "S3_DATA_EVENTS" && r.body.auto_enable !== "NONE")
    .map((r) => model.regionOf(r));
  const workloadFeatures = [
    ...new Set(
      gdFeatures
        .filter((r) => r.body.name !== "S3_DATA_EVENTS" && r.body.auto_enable !== "NONE")
        .map((r) => String(r.body.name)),
    ),
  ].sort();

  const hubPolicies = model.resources("aws_securityhub_configuration_policy");
  const hubStandards = Math.max(
    0,
    ...hubPolicies.map((p) => {
      const policy = p.body.configuration_policy as
        { service_enabled?: boolean; enabled_standard_arns?: unknown[] } | undefined;
      return policy?.service_enabled ? (policy.enabled_standard_arns ?? []).length : 0;
    }),
  );
  const hubEnabled = hubPolicies.length > 0 && model.resources("aws_securityhub_account").length > 0;

  const macieRegions = model.resources("aws_macie2_account").map((r) => model.regionOf(r));
  const macieAccountRegions = macieRegions.length + model.resources("aws_macie2_member").length;
  const macieBuckets = model
    .resources("aws_s3_bucket")
    .filter((r) => macieRegions.includes(model.regionOf(r))).length;

  const trails = model.resources("aws_cloudtrail").map((t) => {
    const selectors =
      (t.body.advanced_event_selector as Array<{
        field_selector?: Array<{ field: string; equals?: string[] }>;
      }>) ?? [];
    return {
      name: String(t.body.name),
      organization: t.body.is_organization_trail === true,
      multiRegion: t.body.is_multi_region_trail === true,
      dataEventSelectors: selectors.filter((s) =>
        (s.field_selector ?? []).some(
          (f) => f.field === "eventCategory" && (f.equals ?? []).includes("Data"),
        ),
      ).length,
      insightTypes: ((t.body.insight_selector as Array<{ insight_type: string }>) ?? []).map(
        (i) => i.insight_type,
      ),
      cloudWatchLogs: typeof t.body.cloud_watch_logs_group_arn === "string",
    };
  });
  const trailLogGroup = model
    .resources("aws_cloudwatch_log_group")
    .find((g) =>
      model
        .resources("aws_cloudtrail")
        .some((t) =>
          String(t.body.cloud_watch_logs_group_arn ?? "").includes(`aws_cloudwatch_log_group.${g.name}.`),
        ),
    );

  const lifecycleOf = (bucket: ResourceRef | undefined): Transition[] => {
    if (!bucket) return [];
    const lifecycle = model
      .resources("aws_s3_bucket_lifecycle_configuration", bucket.stack)
      .find((l) => String(l.body.bucket).includes(`aws_s3_bucket.${bucket.name}.`));
    const rules =
      (lifecycle?.body.rule as Array<{ transition?: Array<{ days?: number; storage_class: string }> }>) ?? [];
    return rules
      .flatMap((rule) => rule.transition ?? [])
      .map((t) => ({ days: Number(t.days ?? 0), storageClass: t.storage_class }))
      .sort((a, b) => a.days - b.days);
  };
  const archive = model.resources("aws_s3_bucket").find((b) => b.path.endsWith("/archive/bucket"));
  const replica = model.resources("aws_s3_bucket").find((b) => b.path.endsWith("/replica/bucket"));

  let retention = 0;
  let copies = 0;
  let crossRegion = false;
  for (const policy of model.resources("aws_organizations_policy")) {
    if (policy.body.type !== "BACKUP_POLICY") continue;
    const content = JSON.parse(String(policy.body.content)) as { plans?: Record<string, BackupPolicyPlan> };
    for (const plan of Object.values(content.plans ?? {})) {
      const planRegions = assigned(plan.regions) ?? [];
      for (const rule of Object.values(plan.rules ?? {})) {
        const days = Number(assigned(rule.lifecycle?.delete_after_days) ?? 0);
        const targets = Object.values(rule.copy_actions ?? {}).map(
          (c) => assigned(c.target_backup_vault_arn) ?? "",
        );
        if (days > retention || (days === retention && targets.length > copies)) {
          retention = days;
          copies = targets.length;
        }
        if (targets.some((arn) => planRegions.some((region) => arn.split(":")[3] !== region)))
          crossRegion = true;
      }
    }
  }

  const assignments = new Set(
    model
      .resources("aws_ssoadmin_account_assignment")
      .map((a) => `${String(a.body.permission_set_arn)}|${String(a.body.target_id)}`),
  );

  return {
    accounts,
    regions,
    interfaceEndpoints: endpoints,
    endpointVpcs: new Set(endpoints.map((e) => `${e.stack}|${e.region}`)).size,
    natGateways: model.resources("aws_nat_gateway").length,
    transitGatewayAttachments:
      model.resources("aws_ec2_transit_gateway_vpc_attachment").length +
      model.resources("aws_vpn_connection").filter((v) => v.body.transit_gateway_id !== undefined).length +
      model.resources("aws_dx_gateway_association").length,
    vpnConnections: model.resources("aws_vpn_connection").length,
    firewallEndpoints: model
      .resources("aws_networkfirewall_firewall")
      .reduce(
        (sum, firewall) => sum + ((firewall.body.subnet_mapping as unknown[] | undefined) ?? []).length,
        0,
      ),
    resolverEndpointAddresses: model
      .resources("aws_route53_resolver_endpoint")
      .reduce((sum, endpoint) => sum + ((endpoint.body.ip_address as unknown[] | undefined) ?? []).length, 0),
    ipamMonitoredVpcs: model.resources("aws_vpc_ipam").length > 0 ? model.resources("aws_vpc").length : 0,
    dnsFirewallVpcs: model.resources("aws_route53_resolver_firewall_rule_group_association").length,
    kmsKeys: keys.length,
    kmsAccounts: new Set(keys.map(accountOf)).size,
    configRecorders: recorders.length,
    conformancePackRuleRecorders: packRuleRecorders,
    conformancePackRules: packRules,
    guardDutyAccountRegions: gdRegions.length * accounts,
    guardDutyS3AccountRegions: new Set(gdS3Regions.filter((r) => gdRegions.includes(r))).size * accounts,
    guardDutyWorkloadFeatures: workloadFeatures,
    securityHubAccountRegions: hubEnabled ? accounts * regions.length : 0,
    securityHubStandards: hubEnabled ? hubStandards : 0,
    macieAccountRegions,
    macieLandingZoneBuckets: macieBuckets,
    macieJobs: model.resources("aws_macie2_classification_job").filter((j) => j.body.job_type === "SCHEDULED")
      .length,
    inspector: model.resources("aws_inspector2_enabler").length,
    trails,
    alarmsByAccount: count(model.resources("aws_cloudwatch_metric_alarm").map(accountOf)),
    metricFiltersByAccount: count(model.resources("aws_cloudwatch_log_metric_filter").map(accountOf)),
    dashboardsByAccount: count(model.resources("aws_cloudwatch_dashboard").map(accountOf)),
    trailLogRetentionDays: Number(trailLogGroup?.body.retention_in_days ?? 0),
    archiveTransitions: lifecycleOf(archive),
    archiveReplica: replica !== undefined,
    flowLogsToS3: model.resources("aws_flow_log").filter((f) => f.body.log_destination_type === "s3").length,
    backupProtectedAccounts: new Set(model.resources("aws_backup_restore_testing_plan").map(accountOf)).size,
    backupRetentionDays: retention,
    backupCopies: copies,
    backupCrossRegion: crossRegion,
    unusedAccessAnalyzers: model
      .resources("aws_accessanalyzer_analyzer")
      .filter((a) => String(a.body.type).endsWith("UNUSED_ACCESS")).length,
    iamRoles: model.resources("aws_iam_role").length,
    identityCenterRoles: assignments.size,
    secrets: model.resources("aws_secretsmanager_secret").length,
  };
}
