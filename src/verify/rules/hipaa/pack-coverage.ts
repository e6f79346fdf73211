// Where the conformance pack meets the HIPAA rules: the pack's managed rules no synth rule mirrors, each with the
// Terraform resource types it evaluates, which the landing zone does not create (a test proves it on the example),
// and the findings the pack will report on the landing zone's own resources because AWS requires them, each with
// AWS's reason. The evidence binder prints both, so nobody reads a NON_COMPLIANT result as a surprise.
import { LandingZoneConfig } from "../../../config/schema";

/** A pack rule the synth rules leave alone: what it evaluates, and why that is not ours to check at synth. */
export interface UnmirroredPackRule {
  /** Terraform resource types whose AWS resources the rule evaluates; empty for what Terraform never manages. */
  readonly evaluates: readonly string[];
  /** Why no synth rule mirrors it. */
  readonly why: string;
}

const WORKLOAD =
  "a workload resource the landing zone does not create; the pack judges it once a team deploys one";
const NO_IAM_USERS =
  "IAM users: the landing zone creates none, and lz-deny-iam-users denies creating them in workloads";
const ROOT =
  "the root user is not a Terraform resource: MFA on the management account's root is a manual step (docs/deploying.md); member accounts' root users have no password until someone recovers one";
const BACKUP =
  "the landing zone creates no workload stores; the organization's backup policy selects the ones teams create by their DataClassification=phi tag (hipaa-backup-plans-daily)";

/** Every pack rule no HIPAA rule mirrors. */
export const UNMIRRORED_PACK_RULES: Readonly<Record<string, UnmirroredPackRule>> = {
  IAM_USER_NO_POLICIES_CHECK: { evaluates: ["aws_iam_user"], why: NO_IAM_USERS },
  IAM_USER_UNUSED_CREDENTIALS_CHECK: { evaluates: ["aws_iam_user"], why: NO_IAM_USERS },
  MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS: { evaluates: ["aws_iam_user"], why: NO_IAM_USERS },
  IAM_USER_MFA_ENABLED: { evaluates: ["aws_iam_user"], why: NO_IAM_USERS },
  ACCESS_KEYS_ROTATED: { evaluates: ["aws_iam_access_key"], why: NO_IAM_USERS },
  ROOT_ACCOUNT_MFA_ENABLED: { evaluates: [], why: ROOT },
  ROOT_ACCOUNT_HARDWARE_MFA_ENABLED: { evaluates: [], why: ROOT },
  IAM_ROOT_ACCESS_KEY_CHECK: { evaluates: [], why: ROOT },
  EC2_INSTANCE_NO_PUBLIC_IP: { evaluates: ["aws_instance"], why: WORKLOAD },
  EC2_IMDSV2_CHECK: {
    evaluates: ["aws_instance"],
    why: `${WORKLOAD}; the lz-ec2-baseline declarative policy sets IMDSv2 as every account's default`,
  },
  INSTANCES_IN_VPC: { evaluates: ["aws_instance"], why: WORKLOAD },
  RDS_INSTANCE_PUBLIC_ACCESS_CHECK: { evaluates: ["aws_db_instance"], why: WORKLOAD },
  RDS_SNAPSHOTS_PUBLIC_PROHIBITED: { evaluates: ["aws_db_snapshot"], why: WORKLOAD },
  RDS_STORAGE_ENCRYPTED: { evaluates: ["aws_db_instance"], why: WORKLOAD },
  RDS_LOGGING_ENABLED: { evaluates: ["aws_db_instance"], why: WORKLOAD },
  DB_INSTANCE_BACKUP_ENABLED: { evaluates: ["aws_db_instance"], why: WORKLOAD },
  RDS_IN_BACKUP_PLAN: { evaluates: ["aws_db_instance"], why: BACKUP },
  EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK: { evaluates: ["aws_ebs_snapshot"], why: WORKLOAD },
  EBS_IN_BACKUP_PLAN: { evaluates: ["aws_ebs_volume"], why: BACKUP },
  OPENSEARCH_IN_VPC_ONLY: { evaluates: ["aws_opensearch_domain"], why: WORKLOAD },
  OPENSEARCH_ENCRYPTED_AT_REST: { evaluates: ["aws_opensearch_domain"], why: WORKLOAD },
  OPENSEARCH_HTTPS_REQUIRED: { evaluates: ["aws_opensearch_domain"], why: WORKLOAD },
  OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK: { evaluates: ["aws_opensearch_domain"], why: WORKLOAD },
  EMR_MASTER_NO_PUBLIC_IP: { evaluates: ["aws_emr_cluster"], why: WORKLOAD },
  SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS: {
    evaluates: ["aws_sagemaker_notebook_instance"],
    why: WORKLOAD,
  },
  DMS_REPLICATION_NOT_PUBLIC: { evaluates: ["aws_dms_replication_instance"], why: WORKLOAD },
  EFS_ENCRYPTED_CHECK: { evaluates: ["aws_efs_file_system"], why: WORKLOAD },
  EFS_IN_BACKUP_PLAN: { evaluates: ["aws_efs_file_system"], why: BACKUP },
  KINESIS_STREAM_ENCRYPTED: { evaluates: ["aws_kinesis_stream"], why: WORKLOAD },
  ELB_LOGGING_ENABLED: { evaluates: ["aws_lb"], why: WORKLOAD },
  ELB_TLS_HTTPS_LISTENERS_ONLY: { evaluates: ["aws_lb_listener"], why: WORKLOAD },
  ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK: { evaluates: ["aws_lb_listener"], why: WORKLOAD },
  ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK: { evaluates: ["aws_lb_listener"], why: WORKLOAD },
  REDSHIFT_REQUIRE_TLS_SSL: { evaluates: ["aws_redshift_cluster"], why: WORKLOAD },
  ACM_CERTIFICATE_EXPIRATION_CHECK: { evaluates: ["aws_acm_certificate"], why: WORKLOAD },
  INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY: {
    evaluates: ["aws_internet_gateway"],
    why: "the landing zone creates an internet gateway only where network.egress is on (see the known findings)",
  },
  REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK: { evaluates: ["aws_redshift_cluster"], why: WORKLOAD },
  REDSHIFT_CLUSTER_CONFIGURATION_CHECK: { evaluates: ["aws_redshift_cluster"], why: WORKLOAD },
  REDSHIFT_BACKUP_ENABLED: { evaluates: ["aws_redshift_cluster"], why: WORKLOAD },
  EC2_INSTANCE_PROFILE_ATTACHED: { evaluates: ["aws_instance"], why: WORKLOAD },
  EC2_RESOURCES_PROTECTED_BY_BACKUP_PLAN: { evaluates: ["aws_instance"], why: BACKUP },
  AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN: { evaluates: ["aws_rds_cluster"], why: BACKUP },
  RDS_CLUSTER_DELETION_PROTECTION_ENABLED: { evaluates: ["aws_rds_cluster"], why: WORKLOAD },
  RDS_SNAPSHOT_ENCRYPTED: { evaluates: ["aws_db_snapshot", "aws_db_cluster_snapshot"], why: WORKLOAD },
  SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED: {
    evaluates: ["aws_sagemaker_endpoint_configuration"],
    why: WORKLOAD,
  },
  SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED: {
    evaluates: ["aws_sagemaker_notebook_instance"],
    why: WORKLOAD,
  },
  OPENSEARCH_LOGS_TO_CLOUDWATCH: { evaluates: ["aws_opensearch_domain"], why: WORKLOAD },
  WAFV2_LOGGING_ENABLED: { evaluates: ["aws_wafv2_web_acl"], why: WORKLOAD },
  ELB_ACM_CERTIFICATE_REQUIRED: { evaluates: ["aws_elb"], why: WORKLOAD },
  ELBV2_ACM_CERTIFICATE_REQUIRED: { evaluates: ["aws_lb_listener"], why: WORKLOAD },
  VPC_VPN_2_TUNNELS_UP: { evaluates: ["aws_vpn_connection"], why: WORKLOAD },
  ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK: {
    evaluates: ["aws_elasticache_replication_group", "aws_elasticache_cluster"],
    why: WORKLOAD,
  },
  ELBV2_LISTENER_ENCRYPTION_IN_TRANSIT: { evaluates: ["aws_lb_listener"], why: WORKLOAD },
  ELBV2_PREDEFINED_SECURITY_POLICY_SSL_CHECK: { evaluates: ["aws_lb_listener"], why: WORKLOAD },
  APIGATEWAY_DOMAIN_NAME_TLS_CHECK: { evaluates: ["aws_api_gateway_domain_name"], why: WORKLOAD },
  RDS_POSTGRES_INSTANCE_ENCRYPTED_IN_TRANSIT: { evaluates: ["aws_db_parameter_group"], why: WORKLOAD },
  RDS_MYSQL_INSTANCE_ENCRYPTED_IN_TRANSIT: { evaluates: ["aws_db_parameter_group"], why: WORKLOAD },
  RDS_SQLSERVER_ENCRYPTED_IN_TRANSIT: { evaluates: ["aws_db_parameter_group"], why: WORKLOAD },
  GUARDDUTY_NON_ARCHIVED_FINDINGS: {
    evaluates: [],
    why: "judges GuardDuty findings after deploy (high severity unarchived for more than a day), not a resource",
  },
};

/** A finding the pack will report on the landing zone's own resources, and AWS's reason it must. */
export interface KnownPackFinding {
  readonly configRule: string;
  /** Which resources, in words. */
  readonly resources: string;
  readonly why: string;
}

/** The pack's findings on the landing zone's own resources for this configuration. */
export function knownPackFindings(config: LandingZoneConfig): KnownPackFinding[] {
  const egress = config.environments.filter((e) => e.network.egress).map((e) => e.name);
  const workloads = config.environments.flatMap((e) => e.workloads.map((w) => `${e.name}-${w.name}`));
  const workloadLogBuckets = workloads.length > 0 ? `, and each workload's (${workloads.join(", ")})` : "";
  const unbackedTables = config.environments
    .filter((e) => !e.phi && e.workloads.length > 0)
    .map((e) => e.name);
  return [
    ...(unbackedTables.length > 0
      ? [
          {
            configRule: "DYNAMODB_IN_BACKUP_PLAN",
            resources: `the workload tables of ${unbackedTables.join(", ")}`,
            why: "non-PHI environments hold synthetic data, and the organization's backup plans select PHI (hipaa-dynamodb-backup-selected); point-in-time recovery still covers them for 35 days",
          },
        ]
      : []),
    {
      configRule: "S3_BUCKET_LOGGING_ENABLED",
      resources: `the server-access-log buckets: the log archive's (one per governed region), the backup reports' in the backup account${workloadLogBuckets}`,
      why: "a log destination that logs itself loops without end, so AWS advises against it (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html); the organization trail records their object-level access instead",
    },
    {
      configRule: "S3_DEFAULT_ENCRYPTION_KMS",
      resources: "the same server-access-log buckets",
      why: "S3 delivers server access logs only to SSE-S3 destinations (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html); they hold request records, not PHI",
    },
    {
      configRule: "IAM_NO_INLINE_POLICY_CHECK",
      resources:
        "AWSReservedSSO_* roles of permission sets with inline policies (Developer, PHIReadOnly, SecurityResponder); OrganizationAccountAccessRole in accounts Organizations created",
      why: "Identity Center provisions a permission set's inline policy as an inline role policy, and Organizations creates its access role with an inline AdministratorAccess policy; moving permission sets to customer managed policy references is open work",
    },
    ...(egress.length > 0
      ? [
          {
            configRule: "NO_UNRESTRICTED_ROUTE_TO_IGW",
            resources: `the egress tier's public route table in ${egress.join(", ")}`,
            why: "network.egress is on: the NAT gateways' subnets route 0.0.0.0/0 to the internet gateway by design; PHI subnets never do (hipaa-phi-subnet-no-internet-route)",
          },
          {
            configRule: "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY",
            resources: `the internet gateway in ${egress.join(", ")}`,
            why: "network.egress is on; the pack has no list of authorized VPCs, so it reports every internet gateway",
          },
        ]
      : []),
  ];
}
