// The organization conformance pack: AWS Config managed rules from AWS's "Operational Best Practices for HIPAA
// Security", as a typed list (one source of truth, reviewed in diffs) rendered into the pack's template.
// It evaluates the Security Rule's technical safeguards (164.312) continuously in every account and region.
import { stringify } from "yaml";
import { HipaaSectionId, sectionLabels } from "./hipaa-sections";
import { MIN_DAILY_RETENTION_DAYS } from "./backup-policies";
import { PHI_TAG } from "./data-classification";
import { INSPECTOR_SECTIONS, LAMBDA_CODE_SCANNING_REGIONS } from "./inspector";
import { configRuleOfferedIn } from "./config-rule-regions";

/** One AWS Config managed rule in the pack. */
export interface ManagedRule {
  /** The managed rule's source identifier, e.g. S3_BUCKET_SSL_REQUESTS_ONLY. */
  readonly identifier: string;
  /** The sections it gives evidence for. */
  readonly sections: readonly HipaaSectionId[];
  /** Input parameters, as strings (Config's format). */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * Whether the rule checks account-wide or global (IAM) resources, so it runs in the home region only; running
   * it in every region would report the same finding once per region.
   */
  readonly global?: boolean;
  /**
   * Why the landing zone adds a rule AWS's HIPAA pack does not carry (the guidance or control it serves).
   * @default - one of the rules of AWS's pack (test/fixtures/aws-config-rules)
   */
  readonly addition?: string;
  /**
   * The only regions where AWS offers the rule; the pack leaves it out elsewhere (a rule AWS does not offer in a
   * region fails the whole pack there).
   * @default - every governed region
   */
  readonly onlyIn?: readonly string[];
}

/** Why a rule AWS's pack lacks joins ours: the guidance or control it watches after deploy. */
const LAMBDA_GUIDANCE =
  "AWS's Lambda HIPAA guidance (https://docs.aws.amazon.com/whitepapers/latest/architecting-hipaa-security-and-compliance-on-aws/aws-lambda.html)";
const BACKUP_POLICY =
  "the organization's backup policies: daily plans, locked vaults, PHI buckets selected by tag";
const IN_TRANSIT =
  "encryption in transit where AWS's pack does not check it (its TLS rules cover Classic Load Balancers, Redshift and OpenSearch only)";
const STRICTER = "the landing zone's own setting, stricter than AWS's pack, watched after deploy";

/**
 * The *_RESOURCES_PROTECTED_BY_BACKUP_PLAN rules judge only what carries the PHI tag (what the backup policies
 * select), and require the vault to be locked.
 */
const PHI_BACKUP_PLAN_PARAMETERS = {
  resourceTags: JSON.stringify({ [PHI_TAG.key]: PHI_TAG.value }),
  backupVaultLockCheck: "true",
};

/**
 * Listener policies the pack accepts on Application and Network Load Balancers: the TLS 1.3 policies with TLS 1.2
 * as the floor that AWS recommends on its security-policy pages (the post-quantum ones of 2025-09 and, for NLB,
 * the 2021-06 console default). ELBV2_PREDEFINED_SECURITY_POLICY_SSL_CHECK requires the list: it has no default.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
 */
export const ELB_TLS_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
] as const;

/** The rules the pack deploys. Parameters follow AWS's pack, tightened where this landing zone is stricter. */
export const HIPAA_MANAGED_RULES: readonly ManagedRule[] = [
  // Access control: no admin policies or user-attached policies, nothing public, instances without public IPs.
  { identifier: "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS", sections: ["164.312(a)(1)"], global: true },
  { identifier: "IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS", sections: ["164.312(a)(1)"], global: true },
  { identifier: "IAM_USER_NO_POLICIES_CHECK", sections: ["164.312(a)(1)"], global: true },
  { identifier: "IAM_NO_INLINE_POLICY_CHECK", sections: ["164.312(a)(1)"], global: true },
  {
    identifier: "IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS",
    sections: ["164.312(a)(1)", "164.312(a)(2)(iv)"],
    parameters: { blockedActionsPatterns: "kms:*, kms:Decrypt, kms:ReEncrypt*" },
    global: true,
  },
  {
    identifier: "IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS",
    sections: ["164.312(a)(1)", "164.312(a)(2)(iv)"],
    parameters: { blockedActionsPatterns: "kms:*, kms:Decrypt, kms:ReEncrypt*" },
    global: true,
  },
  {
    identifier: "IAM_USER_UNUSED_CREDENTIALS_CHECK",
    sections: ["164.312(a)(1)"],
    parameters: { maxCredentialUsageAge: "90" },
    global: true,
  },
  {
    identifier: "S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC",
    sections: ["164.312(a)(1)"],
    parameters: {
      BlockPublicAcls: "true",
      BlockPublicPolicy: "true",
      IgnorePublicAcls: "true",
      RestrictPublicBuckets: "true",
    },
    global: true,
  },
  { identifier: "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED", sections: ["164.312(a)(1)"], addition: STRICTER },
  { identifier: "S3_BUCKET_PUBLIC_READ_PROHIBITED", sections: ["164.312(a)(1)"] },
  { identifier: "S3_BUCKET_PUBLIC_WRITE_PROHIBITED", sections: ["164.312(a)(1)"] },
  { identifier: "SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", sections: ["164.312(a)(1)", "164.312(e)(1)"] },
  { identifier: "EC2_INSTANCE_NO_PUBLIC_IP", sections: ["164.312(a)(1)", "164.312(e)(1)"] },
  { identifier: "EC2_IMDSV2_CHECK", sections: ["164.312(a)(1)"] },
  { identifier: "INSTANCES_IN_VPC", sections: ["164.312(a)(1)", "164.312(e)(1)"] },
  { identifier: "RDS_INSTANCE_PUBLIC_ACCESS_CHECK", sections: ["164.312(a)(1)"] },
  { identifier: "RDS_SNAPSHOTS_PUBLIC_PROHIBITED", sections: ["164.312(a)(1)"] },
  { identifier: "EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK", sections: ["164.312(a)(1)"] },
  { identifier: "LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED", sections: ["164.312(a)(1)"] },
  { identifier: "OPENSEARCH_IN_VPC_ONLY", sections: ["164.312(a)(1)", "164.312(e)(1)"] },
  { identifier: "EMR_MASTER_NO_PUBLIC_IP", sections: ["164.312(a)(1)"] },
  {
    identifier: "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS",
    sections: ["164.312(a)(1)", "164.312(e)(1)"],
  },
  { identifier: "DMS_REPLICATION_NOT_PUBLIC", sections: ["164.312(a)(1)"] },
  { identifier: "S3_BUCKET_ACL_PROHIBITED", sections: ["164.312(a)(1)"] },
  { identifier: "REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK", sections: ["164.312(a)(1)"] },
  { identifier: "SSM_DOCUMENT_NOT_PUBLIC", sections: ["164.312(a)(1)"] },
  // Instances reach AWS with a role's temporary credentials, not keys stored on them.
  { identifier: "EC2_INSTANCE_PROFILE_ATTACHED", sections: ["164.312(a)(1)"] },
  {
    identifier: "LAMBDA_INSIDE_VPC",
    sections: ["164.312(a)(1)", "164.312(e)(1)"],
    addition: LAMBDA_GUIDANCE,
  },

  // Unique identities and strong authentication: root locked away, MFA, rotated keys, the pack's password policy.
  { identifier: "ROOT_ACCOUNT_MFA_ENABLED", sections: ["164.312(a)(2)(i)", "164.312(d)"], global: true },
  { identifier: "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED", sections: ["164.312(d)"], global: true },
  { identifier: "IAM_ROOT_ACCESS_KEY_CHECK", sections: ["164.312(a)(2)(i)"], global: true },
  { identifier: "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", sections: ["164.312(d)"], global: true },
  { identifier: "IAM_USER_MFA_ENABLED", sections: ["164.312(d)"], global: true },
  {
    identifier: "ACCESS_KEYS_ROTATED",
    sections: ["164.312(d)"],
    parameters: { maxAccessKeyAge: "90" },
    global: true,
  },
  {
    identifier: "IAM_PASSWORD_POLICY",
    sections: ["164.312(d)"],
    parameters: {
      MaxPasswordAge: "90",
      MinimumPasswordLength: "14",
      PasswordReusePrevention: "24",
      RequireLowercaseCharacters: "true",
      RequireNumbers: "true",
      RequireSymbols: "true",
      RequireUppercaseCharacters: "true",
    },
    global: true,
  },
  // Secrets rotate on a schedule, so a leaked database password stops working.
  { identifier: "SECRETSMANAGER_ROTATION_ENABLED_CHECK", sections: ["164.312(d)", "164.308(a)(5)(ii)(D)"] },

  // Encryption at rest with KMS, and keys that stay usable.
  { identifier: "S3_DEFAULT_ENCRYPTION_KMS", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "EC2_EBS_ENCRYPTION_BY_DEFAULT", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "ENCRYPTED_VOLUMES", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "RDS_STORAGE_ENCRYPTED", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "EFS_ENCRYPTED_CHECK", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "OPENSEARCH_ENCRYPTED_AT_REST", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "KINESIS_STREAM_ENCRYPTED", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "SNS_ENCRYPTED_KMS", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "CLOUDWATCH_LOG_GROUP_ENCRYPTED", sections: ["164.312(a)(2)(iv)"], addition: STRICTER },
  { identifier: "CLOUD_TRAIL_ENCRYPTION_ENABLED", sections: ["164.312(a)(2)(iv)", "164.312(b)"] },
  { identifier: "BACKUP_RECOVERY_POINT_ENCRYPTED", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "KMS_CMK_NOT_SCHEDULED_FOR_DELETION", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "CMK_BACKING_KEY_ROTATION_ENABLED", sections: ["164.312(a)(2)(iv)"], addition: STRICTER },
  { identifier: "RDS_SNAPSHOT_ENCRYPTED", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "SECRETSMANAGER_USING_CMK", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED", sections: ["164.312(a)(2)(iv)"] },
  {
    identifier: "REDSHIFT_CLUSTER_CONFIGURATION_CHECK",
    sections: ["164.312(a)(2)(iv)", "164.312(b)"],
    parameters: { clusterDbEncrypted: "true", loggingEnabled: "true" },
  },
  {
    identifier: "DYNAMODB_TABLE_ENCRYPTED_KMS",
    sections: ["164.312(a)(2)(iv)"],
    addition: LAMBDA_GUIDANCE,
  },

  // Audit controls: the trail everywhere with data events, logs kept, network and access logs on.
  { identifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED", sections: ["164.312(b)"], global: true },
  { identifier: "CLOUD_TRAIL_ENABLED", sections: ["164.312(b)"] },
  { identifier: "CLOUDTRAIL_S3_DATAEVENTS_ENABLED", sections: ["164.312(b)"], global: true },
  { identifier: "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", sections: ["164.312(b)", "164.308(a)(1)(ii)(D)"] },
  { identifier: "VPC_FLOW_LOGS_ENABLED", sections: ["164.312(b)"] },
  { identifier: "S3_BUCKET_LOGGING_ENABLED", sections: ["164.312(b)"] },
  { identifier: "RDS_LOGGING_ENABLED", sections: ["164.312(b)"] },
  { identifier: "API_GW_EXECUTION_LOGGING_ENABLED", sections: ["164.312(b)"] },
  { identifier: "ELB_LOGGING_ENABLED", sections: ["164.312(b)"] },
  { identifier: "OPENSEARCH_LOGS_TO_CLOUDWATCH", sections: ["164.312(b)"] },
  { identifier: "WAFV2_LOGGING_ENABLED", sections: ["164.312(b)"] },
  {
    identifier: "CW_LOGGROUP_RETENTION_PERIOD_CHECK",
    sections: ["164.312(b)"],
    addition: STRICTER,
    // Six years, as the log archive: a shorter-lived log group is reported.
    parameters: { MinRetentionTime: "2192" },
  },

  // Integrity: validated trail files, versioned buckets, TLS-only access.
  { identifier: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", sections: ["164.312(c)(1)", "164.312(c)(2)"] },
  { identifier: "S3_BUCKET_VERSIONING_ENABLED", sections: ["164.312(c)(1)"] },
  { identifier: "S3_BUCKET_SSL_REQUESTS_ONLY", sections: ["164.312(c)(2)", "164.312(e)(2)(ii)"] },

  // Transmission security: private networks, closed default groups, TLS on every listener.
  { identifier: "NO_UNRESTRICTED_ROUTE_TO_IGW", sections: ["164.312(e)(1)"] },
  { identifier: "VPC_DEFAULT_SECURITY_GROUP_CLOSED", sections: ["164.312(e)(1)"] },
  { identifier: "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", sections: ["164.312(e)(1)"] },
  { identifier: "INCOMING_SSH_DISABLED", sections: ["164.312(e)(1)"] },
  {
    identifier: "RESTRICTED_INCOMING_TRAFFIC",
    sections: ["164.312(e)(1)"],
    parameters: {
      blockedPort1: "20",
      blockedPort2: "21",
      blockedPort3: "3389",
      blockedPort4: "3306",
      blockedPort5: "4333",
    },
  },
  {
    identifier: "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS",
    sections: ["164.312(e)(1)"],
    parameters: { authorizedTcpPorts: "443" },
  },
  { identifier: "ELB_TLS_HTTPS_LISTENERS_ONLY", sections: ["164.312(e)(2)(ii)"] },
  { identifier: "ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK", sections: ["164.312(e)(2)(ii)"] },
  {
    identifier: "ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK",
    sections: ["164.312(e)(2)(ii)"],
    parameters: { predefinedPolicyName: "ELBSecurityPolicy-TLS-1-2-2017-01" },
  },
  { identifier: "OPENSEARCH_HTTPS_REQUIRED", sections: ["164.312(e)(2)(ii)"] },
  { identifier: "OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK", sections: ["164.312(e)(2)(ii)"] },
  { identifier: "REDSHIFT_REQUIRE_TLS_SSL", sections: ["164.312(e)(2)(ii)"] },
  { identifier: "ACM_CERTIFICATE_EXPIRATION_CHECK", sections: ["164.312(e)(2)(ii)"] },
  { identifier: "API_GW_SSL_ENABLED", sections: ["164.312(e)(2)(ii)"] },
  { identifier: "ELB_ACM_CERTIFICATE_REQUIRED", sections: ["164.312(e)(2)(ii)"] },
  { identifier: "ELBV2_ACM_CERTIFICATE_REQUIRED", sections: ["164.312(e)(2)(ii)"] },
  // Application and Network Load Balancers: HTTPS or TLS on every listener, with a TLS 1.2+ policy.
  {
    identifier: "ELBV2_LISTENER_ENCRYPTION_IN_TRANSIT",
    sections: ["164.312(e)(2)(ii)"],
    addition: IN_TRANSIT,
  },
  {
    identifier: "ELBV2_PREDEFINED_SECURITY_POLICY_SSL_CHECK",
    sections: ["164.312(e)(2)(ii)"],
    parameters: { sslPolicies: ELB_TLS_POLICIES.join(",") },
    addition: IN_TRANSIT,
  },
  // API Gateway custom domains refuse TLS 1.0.
  { identifier: "APIGATEWAY_DOMAIN_NAME_TLS_CHECK", sections: ["164.312(e)(2)(ii)"], addition: IN_TRANSIT },
  // RDS instances that force TLS (rds.force_ssl, require_secure_transport); AWS has no such rule for Aurora.
  ...(
    [
      "RDS_POSTGRES_INSTANCE_ENCRYPTED_IN_TRANSIT",
      "RDS_MYSQL_INSTANCE_ENCRYPTED_IN_TRANSIT",
      "RDS_SQLSERVER_ENCRYPTED_IN_TRANSIT",
    ] as const
  ).map((identifier): ManagedRule => ({
    identifier,
    sections: ["164.312(e)(2)(ii)"],
    addition: IN_TRANSIT,
  })),
  // Both tunnels of a Site-to-Site VPN up: the private path to on-premises systems survives one tunnel's loss.
  { identifier: "VPC_VPN_2_TUNNELS_UP", sections: ["164.312(e)(1)", "164.308(a)(7)"] },

  // Activity review: the detective services on, and alarms that reach someone.
  { identifier: "GUARDDUTY_ENABLED_CENTRALIZED", sections: ["164.308(a)(1)(ii)(D)"] },
  {
    identifier: "GUARDDUTY_NON_ARCHIVED_FINDINGS",
    sections: ["164.308(a)(1)(ii)(D)"],
    addition: STRICTER,
    parameters: { daysHighSev: "1", daysMediumSev: "7", daysLowSev: "30" },
  },
  { identifier: "SECURITYHUB_ENABLED", sections: ["164.308(a)(1)(ii)(D)"] },
  // Inspector scans every account in every region (account-level rules, one per scan type; Lambda code scanning
  // only where AWS offers it: https://docs.aws.amazon.com/config/latest/developerguide/inspector-lambda-code-scan-enabled.html).
  ...(
    [
      "INSPECTOR_EC2_SCAN_ENABLED",
      "INSPECTOR_ECR_SCAN_ENABLED",
      "INSPECTOR_LAMBDA_STANDARD_SCAN_ENABLED",
    ] as const
  ).map((identifier): ManagedRule => ({ identifier, sections: INSPECTOR_SECTIONS, addition: STRICTER })),
  {
    identifier: "INSPECTOR_LAMBDA_CODE_SCAN_ENABLED",
    sections: INSPECTOR_SECTIONS,
    addition: STRICTER,
    onlyIn: LAMBDA_CODE_SCANNING_REGIONS,
  },
  {
    identifier: "CLOUDWATCH_ALARM_ACTION_CHECK",
    sections: ["164.308(a)(1)(ii)(D)"],
    // An alarm must notify someone; insufficient-data and OK actions are optional (the landing zone's alarms treat
    // missing data as not breaching, so they have no insufficient-data action by design).
    parameters: {
      alarmActionRequired: "true",
      insufficientDataActionRequired: "false",
      okActionRequired: "false",
    },
  },

  // Data backup plan: PHI stores are backed up and their recovery points kept.
  { identifier: "DB_INSTANCE_BACKUP_ENABLED", sections: ["164.308(a)(7)(ii)(A)"] },
  { identifier: "DYNAMODB_PITR_ENABLED", sections: ["164.308(a)(7)(ii)(A)"] },
  { identifier: "DYNAMODB_IN_BACKUP_PLAN", sections: ["164.308(a)(7)(ii)(A)"] },
  { identifier: "EBS_IN_BACKUP_PLAN", sections: ["164.308(a)(7)(ii)(A)"] },
  { identifier: "EFS_IN_BACKUP_PLAN", sections: ["164.308(a)(7)(ii)(A)"] },
  { identifier: "RDS_IN_BACKUP_PLAN", sections: ["164.308(a)(7)(ii)(A)"] },
  { identifier: "REDSHIFT_BACKUP_ENABLED", sections: ["164.308(a)(7)(ii)(A)"] },
  { identifier: "ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK", sections: ["164.308(a)(7)(ii)(A)"] },
  // A deleted cluster takes its automated backups with it unless they are retained.
  {
    identifier: "RDS_CLUSTER_DELETION_PROTECTION_ENABLED",
    sections: ["164.308(a)(7)(ii)(A)", "164.312(c)(1)"],
  },
  // A failed asynchronous invocation is kept for a retry, not lost with the record it carried.
  { identifier: "LAMBDA_DLQ_CHECK", sections: ["164.312(c)(1)"], addition: LAMBDA_GUIDANCE },
  {
    identifier: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
    sections: ["164.308(a)(7)(ii)(A)", "164.312(c)(1)"],
  },
  // Every plan backs up daily and keeps recovery points at least as long as the vault lock; PHI buckets, EC2
  // instances and Aurora clusters are in a plan, in a locked vault (the backup policy selects them by tag).
  {
    identifier: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
    sections: ["164.308(a)(7)(ii)(A)"],
    parameters: {
      requiredFrequencyUnit: "days",
      requiredFrequencyValue: "1",
      requiredRetentionDays: String(MIN_DAILY_RETENTION_DAYS),
    },
  },
  {
    identifier: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
    sections: ["164.308(a)(7)(ii)(A)"],
    addition: BACKUP_POLICY,
    parameters: { requiredRetentionDays: String(MIN_DAILY_RETENTION_DAYS) },
  },
  {
    identifier: "S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
    sections: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
    addition: BACKUP_POLICY,
    parameters: PHI_BACKUP_PLAN_PARAMETERS,
  },
  ...(["EC2_RESOURCES_PROTECTED_BY_BACKUP_PLAN", "AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN"] as const).map(
    (identifier): ManagedRule => ({
      identifier,
      sections: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
      parameters: PHI_BACKUP_PLAN_PARAMETERS,
    }),
  ),
];

/**
 * Rules of AWS's HIPAA pack this landing zone leaves out, and why (docs/detective-controls.md and the evidence binder
 * list them). AWS's template is test/fixtures/aws-config-rules; the parity test fails on a rule of it in neither list.
 */
export const EXCLUDED_MANAGED_RULES: Readonly<Record<string, string>> = {
  ALB_WAF_ENABLED: "WAF is a per-application choice; PHI VPCs have no public entry points by default",
  API_GW_ASSOCIATED_WITH_WAF:
    "WAF is a per-application choice; PHI VPCs have no public entry points by default",
  AUTOSCALING_GROUP_ELB_HEALTHCHECK_REQUIRED: "availability tuning, not a Security Rule safeguard",
  AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED:
    "launch configurations are retired; EC2_INSTANCE_NO_PUBLIC_IP covers instances",
  DYNAMODB_AUTOSCALING_ENABLED: "capacity planning, not a Security Rule safeguard",
  DYNAMODB_THROUGHPUT_LIMIT_CHECK: "capacity planning, not a Security Rule safeguard",
  EC2_STOPPED_INSTANCE: "cost hygiene, not a Security Rule safeguard",
  ELB_CROSS_ZONE_LOAD_BALANCING_ENABLED: "availability tuning, not a Security Rule safeguard",
  ELB_DELETION_PROTECTION_ENABLED: "availability tuning, not a Security Rule safeguard",
  RDS_ENHANCED_MONITORING_ENABLED: "performance monitoring, not a Security Rule safeguard",
  RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED:
    "patch cadence is the workload team's; Security Hub's FSBP checks it",
  EC2_INSTANCE_MANAGED_BY_SSM:
    "needs Systems Manager inventory, a workload choice; Security Hub's FSBP checks it",
  EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK:
    "needs Systems Manager associations, a workload choice",
  EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK: "needs Systems Manager patching, a workload choice",
  CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK: "the landing zone has no CodeBuild; Security Hub's FSBP checks it",
  CODEBUILD_PROJECT_SOURCE_REPO_URL_CHECK: "the landing zone has no CodeBuild; Security Hub's FSBP checks it",
  ELASTICSEARCH_ENCRYPTED_AT_REST:
    "legacy Elasticsearch domains; the OPENSEARCH_* rules cover current domains",
  ELASTICSEARCH_IN_VPC_ONLY: "legacy Elasticsearch domains; the OPENSEARCH_* rules cover current domains",
  ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK:
    "legacy Elasticsearch domains; the OPENSEARCH_* rules cover current domains",
  ELASTIC_BEANSTALK_MANAGED_UPDATES_ENABLED: "patch cadence is the workload team's",
  ECS_CONTAINERS_READONLY_ACCESS: "container hardening is the workload team's; Security Hub's FSBP checks it",
  ECS_TASK_DEFINITION_USER_FOR_HOST_MODE_CHECK:
    "container hardening is the workload team's; Security Hub's FSBP checks it",
  EMR_KERBEROS_ENABLED: "EMR authentication is a workload design choice",
  S3_BUCKET_DEFAULT_LOCK_ENABLED:
    "the log archive has Object Lock (checked by the end-to-end tests and drift); required of every bucket it would flag every workload bucket",
  AWS_CONFIG_PROCESS_CHECK:
    "AWS's pack uses it for a manual process check (annual risk assessment) Config cannot evaluate; the risk analysis (164.308(a)(1)(ii)(A)) is the covered entity's, listed in the evidence binder's limits",
  ELASTICSEARCH_LOGS_TO_CLOUDWATCH:
    "legacy Elasticsearch domains; OPENSEARCH_LOGS_TO_CLOUDWATCH covers current domains",
  RDS_MULTI_AZ_SUPPORT:
    "availability design, the workload team's per environment (Multi-AZ doubles a database's cost); backups, the central copy and restore tests serve the contingency plan",
  RDS_CLUSTER_MULTI_AZ_ENABLED:
    "availability design, the workload team's per environment (Multi-AZ doubles a database's cost); backups, the central copy and restore tests serve the contingency plan",
  REDSHIFT_CLUSTER_MAINTENANCESETTINGS_CHECK:
    "patch cadence is the workload team's, as for RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED",
  S3_EVENT_NOTIFICATIONS_ENABLED:
    "event notifications are an application's design; the organization trail records every S3 data event (CLOUDTRAIL_S3_DATAEVENTS_ENABLED)",
  S3_VERSION_LIFECYCLE_POLICY_CHECK:
    "storage cost and retention, not a Security Rule safeguard; versioning (S3_BUCKET_VERSIONING_ENABLED) is what keeps earlier versions",
  S3_BUCKET_REPLICATION_ENABLED:
    "replication is the workload team's recovery design; the log archive replicates",
};

/** Config rule names are unique per account and region; the pack's rules carry this prefix. */
export const RULE_NAME_PREFIX = "lz-hipaa-";

/** The Config rule name for a managed rule: `lz-hipaa-s3-bucket-ssl-requests-only`. */
export function ruleName(identifier: string): string {
  return `${RULE_NAME_PREFIX}${identifier.toLowerCase().replace(/_/g, "-")}`.slice(0, 128);
}

/**
 * The rules that run in a region: every regional rule AWS offers there, and the global ones only in the home
 * region. A rule AWS Config does not offer in the region (CONFIG_RULE_UNAVAILABLE_IN) is left out, or the region's
 * whole pack would fail to deploy.
 */
export function rulesForRegion(region: string, homeRegion: string): ManagedRule[] {
  return HIPAA_MANAGED_RULES.filter(
    (rule) =>
      (!rule.global || region === homeRegion) &&
      (!rule.onlyIn || rule.onlyIn.includes(region)) &&
      configRuleOfferedIn(rule.identifier, region),
  );
}

/** The conformance pack template (CloudFormation YAML) for one region. */
export function conformancePackTemplate(rules: readonly ManagedRule[]): string {
  const resources: Record<string, unknown> = {};
  for (const rule of rules) {
    const logicalId = rule.identifier
      .toLowerCase()
      .split("_")
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join("");
    resources[logicalId] = {
      Type: "AWS::Config::ConfigRule",
      Properties: {
        ConfigRuleName: ruleName(rule.identifier),
        Description: `HIPAA ${sectionLabels(rule.sections)}`,
        ...(rule.parameters ? { InputParameters: rule.parameters } : {}),
        Source: { Owner: "AWS", SourceIdentifier: rule.identifier },
      },
    };
  }
  return stringify({ Resources: resources }, { lineWidth: 0 });
}
