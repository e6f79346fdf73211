// The organization conformance pack: AWS Config managed rules from AWS's "Operational Best Practices for HIPAA
// Security", as a typed list (one source of truth, reviewed in diffs) rendered into the pack's template.
// It evaluates the Security Rule's technical safeguards (164.312) continuously in every account and region.
import { stringify } from "yaml";
import { HipaaSectionId, sectionLabels } from "./hipaa-sections";
import { MIN_DAILY_RETENTION_DAYS } from "./backup-policies";
import { PHI_TAG } from "./data-classification";

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
}

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
  { identifier: "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED", sections: ["164.312(a)(1)"] },
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
  { identifier: "CLOUDWATCH_LOG_GROUP_ENCRYPTED", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "CLOUD_TRAIL_ENCRYPTION_ENABLED", sections: ["164.312(a)(2)(iv)", "164.312(b)"] },
  { identifier: "BACKUP_RECOVERY_POINT_ENCRYPTED", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "KMS_CMK_NOT_SCHEDULED_FOR_DELETION", sections: ["164.312(a)(2)(iv)"] },
  { identifier: "CMK_BACKING_KEY_ROTATION_ENABLED", sections: ["164.312(a)(2)(iv)"] },

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
  {
    identifier: "CW_LOGGROUP_RETENTION_PERIOD_CHECK",
    sections: ["164.312(b)"],
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

  // Activity review: the detective services on, and alarms that reach someone.
  { identifier: "GUARDDUTY_ENABLED_CENTRALIZED", sections: ["164.308(a)(1)(ii)(D)"] },
  {
    identifier: "GUARDDUTY_NON_ARCHIVED_FINDINGS",
    sections: ["164.308(a)(1)(ii)(D)"],
    parameters: { daysHighSev: "1", daysMediumSev: "7", daysLowSev: "30" },
  },
  { identifier: "SECURITYHUB_ENABLED", sections: ["164.308(a)(1)(ii)(D)"] },
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
  {
    identifier: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
    sections: ["164.308(a)(7)(ii)(A)", "164.312(c)(1)"],
  },
  // Added with the organization's backup policies (not in AWS's HIPAA pack): every plan backs up daily and keeps
  // recovery points at least as long as the vault lock; PHI buckets are in a plan, in a locked vault.
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
    parameters: { requiredRetentionDays: String(MIN_DAILY_RETENTION_DAYS) },
  },
  {
    identifier: "S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
    sections: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
    parameters: {
      resourceTags: JSON.stringify({ [PHI_TAG.key]: PHI_TAG.value }),
      backupVaultLockCheck: "true",
    },
  },
];

/** Rules of AWS's HIPAA pack this landing zone leaves out, and why (listed in docs/detective-controls.md). */
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
  S3_BUCKET_REPLICATION_ENABLED:
    "replication is the workload team's recovery design; the log archive replicates",
};

/** Config rule names are unique per account and region; the pack's rules carry this prefix. */
export const RULE_NAME_PREFIX = "lz-hipaa-";

/** The Config rule name for a managed rule: `lz-hipaa-s3-bucket-ssl-requests-only`. */
export function ruleName(identifier: string): string {
  return `${RULE_NAME_PREFIX}${identifier.toLowerCase().replace(/_/g, "-")}`.slice(0, 128);
}

/** The rules that run in a region: every regional rule, and the global ones only in the home region. */
export function rulesForRegion(region: string, homeRegion: string): ManagedRule[] {
  return HIPAA_MANAGED_RULES.filter((rule) => !rule.global || region === homeRegion);
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
