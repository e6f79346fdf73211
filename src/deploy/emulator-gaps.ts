// What the local emulator (moto 5.2.1) cannot apply, by resource type, and how `make local` works around it:
// resources of these types, and everything that depends on them, are planned but not applied, and listed.
// Measured against moto 5.2.1; each entry names the API that is missing or broken.
import * as fs from "fs";
import * as path from "path";

/** Resource types the emulator cannot create, with the API it lacks. */
export const EMULATOR_GAPS: Readonly<Record<string, string>> = {
  aws_guardduty_detector_feature:
    "GuardDuty UpdateDetector features (moto replaces the whole feature list on each call, so all but one read back empty)",
  aws_guardduty_organization_configuration: "GuardDuty UpdateOrganizationConfiguration (404)",
  aws_guardduty_organization_configuration_feature: "GuardDuty UpdateOrganizationConfiguration (404)",
  aws_guardduty_publishing_destination: "GuardDuty CreatePublishingDestination (404)",
  aws_securityhub_account: "Security Hub UpdateSecurityHubConfiguration (500)",
  aws_securityhub_finding_aggregator: "Security Hub CreateFindingAggregator (404)",
  aws_securityhub_organization_configuration:
    "Security Hub UpdateOrganizationConfiguration (central configuration)",
  aws_securityhub_configuration_policy: "Security Hub CreateConfigurationPolicy (404)",
  aws_securityhub_configuration_policy_association: "Security Hub StartConfigurationPolicyAssociation (404)",
  aws_config_organization_conformance_pack:
    "Config PutOrganizationConformancePack with a template body (500)",
  aws_accessanalyzer_analyzer: "IAM Access Analyzer CreateAnalyzer (500)",
  aws_cloudtrail_organization_delegated_admin_account: "CloudTrail RegisterOrganizationDelegatedAdmin",
  aws_ebs_default_kms_key: "EC2 ModifyEbsDefaultKmsKeyId (moto answers with an unparseable body)",
  aws_ssoadmin_permissions_boundary_attachment: "SSO Admin PutPermissionsBoundaryToPermissionSet",
  aws_s3_account_public_access_block:
    "S3 Control PutPublicAccessBlock (its account-ID host prefix does not resolve on 127.0.0.1)",
  aws_macie2_organization_configuration: "Macie UpdateOrganizationConfiguration (404)",
  aws_macie2_member: "Macie CreateMember (500)",
  aws_macie2_classification_job: "Macie CreateClassificationJob (404)",
  aws_backup_vault_policy: "Backup PutBackupVaultAccessPolicy (moto 5.2.1 has no such API)",
  aws_backup_global_settings: "Backup UpdateGlobalSettings (moto 5.2.1 has no such API)",
  aws_backup_region_settings: "Backup UpdateRegionSettings (moto 5.2.1 has no such API)",
  aws_backup_restore_testing_plan: "Backup CreateRestoreTestingPlan (moto 5.2.1 has no such API)",
  aws_backup_restore_testing_selection: "Backup CreateRestoreTestingSelection (moto 5.2.1 has no such API)",
  aws_backup_framework: "Backup CreateFramework (moto 5.2.1 has no such API)",
  aws_cloudwatch_log_account_policy: "CloudWatch Logs PutAccountPolicy (moto 5.2.1 has no such API)",
  aws_ssm_service_setting:
    "Systems Manager GetServiceSetting and UpdateServiceSetting (moto 5.2.1 has no such API)",
  aws_secretsmanager_secret_rotation:
    "Secrets Manager RotateSecret on a secret without a value (moto 5.2.1 fails with an UnboundLocalError, 500; AWS creates the pending version and runs the rotation function, which moto could run only in Docker)",
  aws_s3_object:
    "S3 PutObject into a landing-zone bucket (moto 5.2.1 judges object requests against the bucket policy, and its plain-HTTP endpoint meets every bucket's TLS-only deny)",
  aws_signer_signing_job: "Signer StartSigningJob (moto 5.2.1 has no such API)",
  aws_lambda_code_signing_config: "Lambda CreateCodeSigningConfig (moto 5.2.1 has no such API)",
  aws_route53_resolver_firewall_rule_group:
    "Route 53 Resolver CreateFirewallRuleGroup (moto 5.2.1 has no DNS Firewall API)",
  aws_route53_resolver_firewall_rule:
    "Route 53 Resolver CreateFirewallRule (moto 5.2.1 has no DNS Firewall API)",
  aws_route53_resolver_firewall_rule_group_association:
    "Route 53 Resolver AssociateFirewallRuleGroup (moto 5.2.1 has no DNS Firewall API)",
  aws_route53_resolver_firewall_config:
    "Route 53 Resolver UpdateFirewallConfig (moto 5.2.1 has no DNS Firewall API)",
  aws_ec2_transit_gateway_vpc_attachment:
    "EC2 CreateTransitGatewayVpcAttachment from another account (moto 5.2.1 looks the transit gateway up in the attaching account only: it has no RAM sharing of transit gateways)",
  aws_ec2_transit_gateway_vpc_attachment_accepter:
    "EC2 AcceptTransitGatewayVpcAttachment (moto 5.2.1 has no such API)",
  aws_ram_sharing_with_organization:
    "RAM EnableSharingWithAwsOrganization (moto 5.2.1 creates no AWSServiceRoleForResourceAccessManager, which the provider reads back)",
  aws_ram_resource_share:
    "RAM ListResourceSharePermissions (moto 5.2.1 has no such API; the provider reads a share's permissions back)",
  aws_ram_resource_association: "RAM AssociateResourceShare (moto 5.2.1 has no such API)",
  aws_ram_principal_association: "RAM AssociateResourceShare (moto 5.2.1 has no such API)",
  aws_vpc_ipam: "EC2 CreateIpam (moto 5.2.1 has no IPAM API)",
  aws_vpc_ipam_pool: "EC2 CreateIpamPool (moto 5.2.1 has no IPAM API)",
  aws_vpc_ipam_pool_cidr: "EC2 ProvisionIpamPoolCidr (moto 5.2.1 has no IPAM API)",
  aws_vpc_ipam_pool_cidr_allocation: "EC2 AllocateIpamPoolCidr (moto 5.2.1 has no IPAM API)",
  aws_vpc_ipam_organization_admin_account:
    "EC2 EnableIpamOrganizationAdminAccount (moto 5.2.1 has no IPAM API)",
  aws_iam_organizations_features:
    "IAM EnableOrganizationsRootCredentialsManagement and EnableOrganizationsRootSessions (moto 5.2.1 has no such API)",
};

/** A resource left out of a local apply. */
export interface PlannedOnlyResource {
  /** Its address, e.g. aws_accessanalyzer_analyzer.access-analyzer_external-access_1A2B3C4D. */
  readonly address: string;
  readonly type: string;
  /** Why it is not applied: the missing API, or the gap resource it depends on. */
  readonly reason: string;
}

/** Which resources of a synthesized stack can be applied to the emulator and which are only planned. */
export interface LocalApplyPlan {
  /** Addresses to pass as -target; empty when the whole stack applies. */
  readonly targets: readonly string[];
  /** Resources left out, each with its reason. */
  readonly plannedOnly: readonly PlannedOnlyResource[];
}

type ResourceBlocks = Record<string, Record<string, unknown>>;

/** Splits a synthesized stack (its cdk.tf.json) into what the emulator can apply and what it can only plan. */
export function localApplyPlan(
  stackDir: string,
  gaps: Readonly<Record<string, string>> = EMULATOR_GAPS,
): LocalApplyPlan {
  const synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as {
    resource?: ResourceBlocks;
  };
  const bodies = new Map<string, string>();
  for (const [type, byName] of Object.entries(synthesized.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) bodies.set(`${type}.${name}`, JSON.stringify(body));
  }
  const reasons = new Map<string, string>();
  for (const address of bodies.keys()) {
    const type = address.split(".")[0];
    if (gaps[type]) reasons.set(address, gaps[type]);
  }
  // Anything that references a left-out resource (expressions or depends_on) is left out too, or -target would
  // pull the gap resource back in.
  let grew = reasons.size > 0;
  while (grew) {
    grew = false;
    for (const [address, body] of bodies) {
      if (reasons.has(address)) continue;
      const dependency = [...reasons.keys()].find(
        (gap) => body.includes(`${gap}.`) || body.includes(`"${gap}"`) || body.includes(`${gap}}`),
      );
      if (dependency) {
        reasons.set(address, `depends on ${dependency}`);
        grew = true;
      }
    }
  }
  if (reasons.size === 0) return { targets: [], plannedOnly: [] };
  return {
    targets: [...bodies.keys()].filter((address) => !reasons.has(address)),
    plannedOnly: [...reasons].map(([address, reason]) => ({ address, type: address.split(".")[0], reason })),
  };
}
