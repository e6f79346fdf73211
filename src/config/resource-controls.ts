// Which HIPAA control each Terraform resource type of the landing zone implements, with the Security Rule sections
// it serves. Drift detection rates a change to one of these critical (164.308(a)(1)(ii)(D) activity review) and
// docs/drift.md explains the rating.
import { HipaaSectionId } from "../policies/hipaa-sections";
import { DETECTIVE_CONTROLS } from "./controls";
import { SESSION_MANAGER_SECTIONS } from "../policies/session-manager";

/** A control a resource type implements. */
export interface ResourceControl {
  /** What the control is, as an auditor would name it. */
  readonly control: string;
  /** The 45 CFR sections it serves. */
  readonly sections: readonly HipaaSectionId[];
}

const detective = (name: keyof typeof DETECTIVE_CONTROLS): ResourceControl => ({
  control: DETECTIVE_CONTROLS[name].title,
  sections: DETECTIVE_CONTROLS[name].sections,
});

const WORKLOAD_DATA: ResourceControl = {
  control:
    "Workload data stores: encrypted with the workload's key, recoverable, the workload's alone (docs/workloads.md)",
  sections: ["164.312(a)(2)(iv)", "164.308(a)(7)(ii)(A)", "164.312(a)(1)"],
};
const WORKLOAD_API: ResourceControl = {
  control:
    "Workload APIs: private, through the environment's endpoint, IAM-signed, every call logged without bodies (docs/workloads.md)",
  sections: ["164.312(e)(1)", "164.312(a)(1)", "164.312(b)"],
};
const WORKLOAD_SECRET: ResourceControl = {
  control:
    "Workload secrets: under the workload's key, the workload's alone, rotated on a schedule (docs/workloads.md)",
  sections: ["164.312(d)", "164.308(a)(5)(ii)(D)", "164.312(a)(2)(iv)"],
};
const WORKLOAD_FUNCTION: ResourceControl = {
  control:
    "Workload functions in the PHI VPC, capped, with encrypted environments and dead-letter queues, signed where required (docs/workloads.md)",
  sections: ["164.312(e)(1)", "164.312(a)(1)", "164.312(c)(1)"],
};
const ENCRYPTION_KEYS: ResourceControl = {
  control: "Per-purpose KMS keys (rotation, key policy separating administration from use)",
  sections: ["164.312(a)(2)(iv)"],
};
const LOG_ARCHIVE: ResourceControl = {
  control: "Write-once log archive (Object Lock, versioning, SSE-KMS, public access block, TLS-only policy)",
  sections: ["164.312(b)", "164.312(c)(1)", "164.316(b)(2)(i)"],
};
const SECURITY_DASHBOARD: ResourceControl = {
  control: "Security dashboard: alarm states and finding counts forwarded from the delegated administrator",
  sections: ["164.308(a)(1)(ii)(D)"],
};
const TRAIL_ALARMS: ResourceControl = {
  control: "Organization trail alarms and their six-year CloudWatch copy",
  sections: ["164.312(b)", "164.308(a)(1)(ii)(D)"],
};
const BACKUPS: ResourceControl = {
  control: "Contingency plan: locked backup vaults, the organization's backup policies, restore tests",
  sections: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.308(a)(7)(ii)(D)", "164.312(c)(1)"],
};
const SCP_GUARDRAILS: ResourceControl = {
  control: "Organization policies (SCP guardrails, the RCP data perimeter, AI opt-out) and their attachments",
  sections: ["164.312(a)(1)", "164.312(c)(1)"],
};
const NETWORK_ISOLATION: ResourceControl = {
  control:
    "PHI network isolation (private subnets, closed default security group, NACLs, no internet routes)",
  sections: ["164.312(e)(1)", "164.312(a)(1)"],
};
const HUB_SEGMENTS: ResourceControl = {
  control:
    "The hub's segments: prod and non-prod never route to each other through the Transit Gateway (docs/network-and-baseline.md)",
  sections: ["164.312(a)(1)", "164.312(e)(1)"],
};
const DNS_FIREWALL: ResourceControl = {
  control:
    "DNS Firewall blocking AWS's managed threat lists on every environment's VPC (docs/network-and-baseline.md#dns-firewall)",
  sections: ["164.308(a)(5)(ii)(B)", "164.312(e)(1)"],
};
const IDENTITY_CENTER: ResourceControl = {
  control: "Identity Center permission sets and assignments (least privilege, session length)",
  sections: ["164.312(a)(1)", "164.312(a)(2)(iii)", "164.308(a)(4)"],
};
const EBS_ENCRYPTION: ResourceControl = {
  control: "EBS encryption by default with the account's key",
  sections: ["164.312(a)(2)(iv)"],
};
const SESSION_LOGGING: ResourceControl = {
  control: "Session Manager: every session logged, encrypted and ended when idle; Default Host Management",
  sections: SESSION_MANAGER_SECTIONS,
};
const SECURITY_NOTIFICATIONS: ResourceControl = {
  control: "Security alarm and finding notifications (encrypted topics and their subscriptions)",
  sections: ["164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"],
};

/** The control each resource type implements, by exact Terraform type. */
export const RESOURCE_CONTROLS: Readonly<Record<string, ResourceControl>> = {
  aws_kms_key: ENCRYPTION_KEYS,
  aws_kms_alias: ENCRYPTION_KEYS,
  aws_kms_key_policy: ENCRYPTION_KEYS,
  aws_s3_bucket: LOG_ARCHIVE,
  aws_s3_bucket_object_lock_configuration: LOG_ARCHIVE,
  aws_s3_bucket_versioning: LOG_ARCHIVE,
  aws_s3_bucket_server_side_encryption_configuration: LOG_ARCHIVE,
  aws_s3_bucket_public_access_block: LOG_ARCHIVE,
  aws_s3_bucket_policy: LOG_ARCHIVE,
  aws_s3_bucket_logging: LOG_ARCHIVE,
  aws_s3_bucket_replication_configuration: LOG_ARCHIVE,
  aws_s3_bucket_lifecycle_configuration: LOG_ARCHIVE,
  aws_s3_bucket_ownership_controls: LOG_ARCHIVE,
  aws_s3_account_public_access_block: {
    control: "S3 account-level public access block",
    sections: ["164.312(a)(1)"],
  },
  aws_cloudtrail: {
    control: "Organization trail (all regions, log file validation, SSE-KMS, data events)",
    sections: ["164.312(b)", "164.312(c)(2)"],
  },
  aws_cloudtrail_organization_delegated_admin_account: {
    control: "Organization trail administered from the security-tooling account",
    sections: ["164.312(b)", "164.308(a)(1)(ii)(D)"],
  },
  aws_cloudwatch_log_group: TRAIL_ALARMS,
  aws_backup_vault: BACKUPS,
  aws_backup_vault_lock_configuration: BACKUPS,
  aws_backup_vault_policy: BACKUPS,
  aws_backup_global_settings: BACKUPS,
  aws_backup_region_settings: BACKUPS,
  aws_backup_restore_testing_plan: BACKUPS,
  aws_backup_restore_testing_selection: BACKUPS,
  aws_backup_framework: BACKUPS,
  aws_backup_report_plan: BACKUPS,
  aws_cloudwatch_dashboard: SECURITY_DASHBOARD,
  aws_cloudwatch_event_bus_policy: SECURITY_DASHBOARD,
  aws_cloudwatch_event_bus: BACKUPS,
  aws_cloudwatch_log_resource_policy: {
    control:
      "CloudWatch Logs resource policies: the AWS services that may write the landing zone's log groups (the security dashboard's events, the VPN tunnel logs)",
    sections: ["164.312(b)"],
  },
  aws_cloudwatch_log_metric_filter: TRAIL_ALARMS,
  aws_cloudwatch_metric_alarm: TRAIL_ALARMS,
  aws_sns_topic: SECURITY_NOTIFICATIONS,
  aws_sns_topic_policy: SECURITY_NOTIFICATIONS,
  aws_sns_topic_subscription: SECURITY_NOTIFICATIONS,
  aws_flow_log: { control: "VPC flow logs of ALL traffic", sections: ["164.312(b)"] },
  aws_route53_resolver_query_log_config: {
    control: "DNS query logs",
    sections: ["164.312(b)"],
  },
  aws_route53_resolver_query_log_config_association: {
    control: "DNS query logs",
    sections: ["164.312(b)"],
  },
  aws_guardduty_detector: detective("guardDuty"),
  aws_guardduty_detector_feature: detective("guardDuty"),
  aws_guardduty_organization_admin_account: detective("guardDuty"),
  aws_guardduty_organization_configuration: detective("guardDuty"),
  aws_guardduty_organization_configuration_feature: detective("guardDuty"),
  aws_guardduty_publishing_destination: detective("guardDuty"),
  aws_securityhub_account: detective("securityHub"),
  aws_securityhub_organization_admin_account: detective("securityHub"),
  aws_securityhub_organization_configuration: detective("securityHub"),
  aws_securityhub_configuration_policy: detective("securityHub"),
  aws_securityhub_configuration_policy_association: detective("securityHub"),
  aws_securityhub_finding_aggregator: detective("securityHub"),
  aws_cloudwatch_event_rule: detective("securityHub"),
  aws_cloudwatch_event_target: detective("securityHub"),
  aws_config_configuration_recorder: detective("config"),
  aws_config_configuration_recorder_status: detective("config"),
  aws_config_delivery_channel: detective("config"),
  aws_config_configuration_aggregator: detective("config"),
  aws_config_organization_conformance_pack: detective("config"),
  aws_accessanalyzer_analyzer: detective("accessAnalyzer"),
  aws_ssm_document: SESSION_LOGGING,
  aws_ssm_service_setting: SESSION_LOGGING,
  aws_oam_sink: detective("centralLogs"),
  aws_oam_sink_policy: detective("centralLogs"),
  aws_oam_link: detective("centralLogs"),
  aws_dynamodb_table: WORKLOAD_DATA,
  aws_dynamodb_resource_policy: WORKLOAD_DATA,
  aws_sqs_queue: WORKLOAD_DATA,
  aws_sqs_queue_policy: WORKLOAD_DATA,
  aws_lambda_function: WORKLOAD_FUNCTION,
  aws_lambda_permission: WORKLOAD_FUNCTION,
  aws_api_gateway_rest_api: WORKLOAD_API,
  aws_api_gateway_rest_api_policy: WORKLOAD_API,
  // The method's authorization and the integration's target decide who reaches which function.
  aws_api_gateway_resource: WORKLOAD_API,
  aws_api_gateway_method: WORKLOAD_API,
  aws_api_gateway_integration: WORKLOAD_API,
  aws_api_gateway_deployment: WORKLOAD_API,
  aws_api_gateway_stage: WORKLOAD_API,
  aws_api_gateway_method_settings: WORKLOAD_API,
  aws_api_gateway_account: WORKLOAD_API,
  // The unsigned code the next signing job signs.
  aws_s3_object: WORKLOAD_FUNCTION,
  aws_signer_signing_profile: WORKLOAD_FUNCTION,
  aws_signer_signing_job: WORKLOAD_FUNCTION,
  aws_lambda_code_signing_config: WORKLOAD_FUNCTION,
  aws_secretsmanager_secret: WORKLOAD_SECRET,
  aws_secretsmanager_secret_policy: WORKLOAD_SECRET,
  aws_secretsmanager_secret_rotation: WORKLOAD_SECRET,
  aws_inspector2_delegated_admin_account: detective("inspector"),
  aws_inspector2_enabler: detective("inspector"),
  aws_inspector2_member_association: detective("inspector"),
  aws_inspector2_organization_configuration: detective("inspector"),
  aws_macie2_account: detective("macie"),
  aws_macie2_organization_admin_account: detective("macie"),
  aws_macie2_organization_configuration: detective("macie"),
  aws_macie2_member: detective("macie"),
  aws_macie2_classification_job: detective("macie"),
  aws_organizations_policy: SCP_GUARDRAILS,
  aws_organizations_policy_attachment: SCP_GUARDRAILS,
  aws_cloudwatch_log_account_policy: {
    control:
      "CloudWatch Logs data protection: health identifiers and credentials masked in every log group of a PHI account",
    sections: ["164.312(a)(1)", "164.312(b)"],
  },
  aws_account_alternate_contact: {
    control: "Alternate contacts: AWS's security notices reach the incident responders",
    sections: ["164.308(a)(6)(ii)"],
  },
  aws_iam_organizations_features: {
    control:
      "Centralized root access: no member account keeps root credentials; root tasks run in AssumeRoot sessions",
    sections: ["164.312(a)(2)(i)", "164.312(a)(2)(ii)"],
  },
  aws_organizations_account: {
    control: "Account placement under its OU's guardrails",
    sections: ["164.312(a)(1)"],
  },
  aws_vpc_endpoint: {
    control: "VPC endpoints with data-perimeter policies",
    sections: ["164.312(e)(1)", "164.312(a)(1)"],
  },
  aws_vpc_endpoint_policy: {
    control: "VPC endpoints with data-perimeter policies",
    sections: ["164.312(e)(1)", "164.312(a)(1)"],
  },
  aws_security_group: NETWORK_ISOLATION,
  aws_default_security_group: NETWORK_ISOLATION,
  aws_vpc_security_group_ingress_rule: NETWORK_ISOLATION,
  aws_vpc_security_group_egress_rule: NETWORK_ISOLATION,
  aws_network_acl: NETWORK_ISOLATION,
  aws_route_table: NETWORK_ISOLATION,
  aws_route: NETWORK_ISOLATION,
  aws_ec2_transit_gateway: HUB_SEGMENTS,
  aws_ec2_transit_gateway_route: HUB_SEGMENTS,
  aws_ec2_transit_gateway_route_table: HUB_SEGMENTS,
  aws_ec2_transit_gateway_route_table_association: HUB_SEGMENTS,
  aws_ec2_transit_gateway_route_table_propagation: HUB_SEGMENTS,
  aws_ec2_transit_gateway_vpc_attachment: HUB_SEGMENTS,
  aws_ec2_transit_gateway_vpc_attachment_accepter: HUB_SEGMENTS,
  aws_ram_resource_share: HUB_SEGMENTS,
  aws_ram_resource_association: HUB_SEGMENTS,
  aws_ram_principal_association: HUB_SEGMENTS,
  aws_ram_sharing_with_organization: HUB_SEGMENTS,
  aws_route53_resolver_firewall_rule_group: DNS_FIREWALL,
  aws_route53_resolver_firewall_rule: DNS_FIREWALL,
  aws_route53_resolver_firewall_rule_group_association: DNS_FIREWALL,
  aws_route53_resolver_firewall_config: DNS_FIREWALL,
  aws_subnet: NETWORK_ISOLATION,
  aws_ssoadmin_permission_set: IDENTITY_CENTER,
  aws_ssoadmin_permission_set_inline_policy: IDENTITY_CENTER,
  aws_ssoadmin_managed_policy_attachment: IDENTITY_CENTER,
  aws_ssoadmin_permissions_boundary_attachment: IDENTITY_CENTER,
  aws_ssoadmin_account_assignment: IDENTITY_CENTER,
  aws_ebs_encryption_by_default: EBS_ENCRYPTION,
  aws_ebs_default_kms_key: EBS_ENCRYPTION,
  aws_iam_account_password_policy: {
    control: "IAM password policy (14+ characters, rotation, reuse prevention)",
    sections: ["164.312(d)", "164.308(a)(5)(ii)(D)"],
  },
};

/** The control a resource type implements, or undefined for supporting resources (roles, associations). */
export function controlFor(resourceType: string): ResourceControl | undefined {
  return RESOURCE_CONTROLS[resourceType];
}
