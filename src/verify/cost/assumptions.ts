// The volumes `make cost` cannot read from the synthesized stacks (events, gigabytes, checks per account and
// region), in one place: each with its default, its unit, why that default, and the flag and environment
// variable that override it. They are printed beside the total so nobody reads the estimate without them.
import { LandingZoneError } from "../../config/errors";

/** One assumption's definition. */
interface AssumptionSpec {
  readonly default: number;
  readonly unit: string;
  /** Why this default (and where it comes from). */
  readonly why: string;
}

/** Every assumption the estimator uses, by name (the flag is --<name>, the variable LZ_COST_<NAME>). */
export const ASSUMPTION_SPECS = {
  "month-of-operation": {
    default: 12,
    unit: "month",
    why: "storage that accrues (log archive, CloudWatch Logs, backups) is priced as it stands in this month of operation",
  },
  "endpoint-gb-per-vpc": {
    default: 50,
    unit: "GB/month per VPC",
    why: "traffic through all interface endpoints of one PHI VPC (KMS, logs, ECR pulls, STS)",
  },
  "tgw-gb-per-attachment": {
    default: 50,
    unit: "GB/month per Transit Gateway attachment",
    why: "traffic one environment's VPC sends through the hub (shared services, other environments of its segment)",
  },
  "dns-million-queries-per-vpc": {
    default: 10,
    unit: "million DNS queries/month per VPC",
    why: "lookups DNS Firewall inspects in one environment's VPC",
  },
  "nat-gb-per-gateway": {
    default: 100,
    unit: "GB/month per NAT gateway",
    why: "internet egress of one environment's egress tier",
  },
  "inspected-gb-per-endpoint": {
    default: 100,
    unit: "GB/month per Network Firewall endpoint",
    why: "the environments' internet egress through one zone of the inspection VPC",
  },
  "ipam-active-ips-per-vpc": {
    default: 50,
    unit: "active IP addresses per VPC",
    why: "interface endpoints' and workloads' addresses in one VPC that the IPAM (Advanced tier) monitors",
  },
  "kms-requests-per-key": {
    default: 10000,
    unit: "requests/month per key",
    why: "service calls (CloudTrail, Config, S3, Backup) under each landing-zone key",
  },
  "config-items-per-account-region": {
    default: 1000,
    unit: "configuration items/month per account and region",
    why: "a quiet landing-zone account; every workload change adds items",
  },
  "config-evaluations-per-rule": {
    default: 30,
    unit: "evaluations/month per conformance-pack rule per account and region",
    why: "periodic rules evaluate daily; change-triggered rules on each change",
  },
  "management-events-per-account-region": {
    default: 100000,
    unit: "CloudTrail management events/month per account and region",
    why: "GuardDuty and CloudTrail Insights analyze these; the trail's first copy is free",
  },
  "insights-write-share": {
    default: 0.1,
    unit: "share of management events that are writes",
    why: "CloudTrail analyzes write events twice when both Insights types are on (AWS's example: 30,000 of 300,000)",
  },
  "data-events-per-account-region": {
    default: 200000,
    unit: "CloudTrail data events/month per account and region",
    why: "S3 object, Lambda and DynamoDB activity outside the log archive; PHI workloads can be far higher",
  },
  "event-kb": {
    default: 1.5,
    unit: "KB per CloudTrail event",
    why: "size of one event as the CloudWatch Logs copy ingests it",
  },
  "flow-dns-gb-per-account-region": {
    default: 1,
    unit: "GB/month of VPC flow and DNS logs per account and region",
    why: "what GuardDuty analyzes without workloads running",
  },
  "s3-data-events-per-account-region": {
    default: 200000,
    unit: "S3 data events/month per account and region",
    why: "GuardDuty S3 Protection analyzes these; kept equal to the trail's data events",
  },
  "securityhub-checks-per-account-region": {
    default: 3000,
    unit: "security checks/month per account and region",
    why: "enabled standards' controls over a landing-zone account's resources, evaluated on change and periodically",
  },
  "macie-workload-buckets-per-account-region": {
    default: 2,
    unit: "buckets per member account and region",
    why: "workload buckets Macie inventories beside the landing zone's own",
  },
  "macie-gb-per-job-month": {
    default: 5,
    unit: "GB/month new PHI-tagged data per classification job",
    why: "scheduled jobs inspect only objects new since their last run",
  },
  "archive-gb-per-account-region": {
    default: 1,
    unit: "GB/month of logs per account and region into the log archive",
    why: "CloudTrail, Config snapshots, flow and DNS logs, GuardDuty findings",
  },
  "flow-log-gb-per-vpc": {
    default: 5,
    unit: "GB/month of flow logs per PHI VPC",
    why: "vended-log delivery to S3 is charged per GB",
  },
  "backup-gb-per-account": {
    default: 100,
    unit: "GB protected per PHI account",
    why: "data tagged DataClassification=phi that the backup policy selects",
  },
  "backup-monthly-change": {
    default: 0.1,
    unit: "share of protected data changed per month",
    why: "each monthly recovery point kept adds this share (incremental backups)",
  },
  "roles-per-account": {
    default: 10,
    unit: "IAM roles per account beyond the synthesized and Identity Center ones",
    why: "workload roles the unused access analyzer also analyzes",
  },
} as const satisfies Record<string, AssumptionSpec>;

/** An assumption's name. */
export type AssumptionName = keyof typeof ASSUMPTION_SPECS;

/** Every assumption's value. */
export type Assumptions = Readonly<Record<AssumptionName, number>>;

/** The environment variable that overrides an assumption, e.g. LZ_COST_BACKUP_GB_PER_ACCOUNT. */
export function assumptionEnvName(name: AssumptionName): string {
  return `LZ_COST_${name.toUpperCase().replace(/-/g, "_")}`;
}

/** The defaults. */
export function defaultAssumptions(): Assumptions {
  return Object.fromEntries(
    Object.entries(ASSUMPTION_SPECS).map(([name, spec]) => [name, spec.default]),
  ) as Assumptions;
}

/**
 * The assumptions with overrides applied: environment variables first, then `--name=value` flags (a flag wins).
 * An unknown flag or a value that is not a non-negative number is a user error naming it.
 */
export function resolveAssumptions(argv: readonly string[], env: NodeJS.ProcessEnv): Assumptions {
  const out: Record<string, number> = { ...defaultAssumptions() };
  const names = Object.keys(ASSUMPTION_SPECS) as AssumptionName[];
  const parse = (where: string, raw: string): number => {
    const value = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(value) || value < 0) {
      throw new LandingZoneError(`cost: ${where}: received ${JSON.stringify(raw)}; expected a number >= 0`);
    }
    return value;
  };
  for (const name of names) {
    const raw = env[assumptionEnvName(name)];
    if (raw !== undefined) out[name] = parse(assumptionEnvName(name), raw);
  }
  for (const arg of argv) {
    const match = /^--([a-z0-9-]+)=(.*)$/.exec(arg);
    if (!match || !(names as string[]).includes(match[1])) {
      throw new LandingZoneError(
        `cost: ${arg}: received an unknown option; expected --<assumption>=<number>, one of: ${names.join(", ")}`,
      );
    }
    out[match[1]] = parse(`--${match[1]}`, match[2]);
  }
  return out as Assumptions;
}
