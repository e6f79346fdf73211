// In the management account: one organization backup policy per plan, attached to the OUs that hold the plan's
// environments, AWS Backup's delegated administrator (the backup account, for policies and cross-account
// monitoring) and cross-account backup switched on, so copies reach the central vault (164.308(a)(7)(ii)(A), (B)).
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { BackupGlobalSettings } from "@cdktf/provider-aws/lib/backup-global-settings";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { constructError } from "../src/config/errors";
import { ResolvedBackupPlan } from "../src/config/model";
import { backupPolicyContent, retentionDays } from "../src/policies/backup-policies";

/** AWS Backup's service principal: trusted access and its delegated administrator. */
export const BACKUP_SERVICE_PRINCIPAL = "backup.amazonaws.com";

/**
 * AWS Backup's global settings, every flag DescribeGlobalSettings returns, each set as the landing zone wants it.
 * The provider reads back the whole map, so a flag left out shows as a change on every plan
 * (https://github.com/hashicorp/terraform-provider-aws/issues/43514) and `make drift` would never be clean;
 * UpdateGlobalSettings accepts all three (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_UpdateGlobalSettings.html,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeGlobalSettings.html).
 */
export const BACKUP_GLOBAL_SETTINGS = {
  // Copies into another account's vault (the central vault) need cross-account backup on for the organization
  // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html).
  isCrossAccountBackupEnabled: "true",
  // Multi-party approval adds cross-account access to logically air-gapped vaults for an approval team; the landing
  // zone has no such vault or team, so it stays off (turning it on would open access nothing here uses).
  isMpaEnabled: "false",
  // The backup account is AWS Backup's delegated administrator (aws_organizations_delegated_administrator below):
  // AWS Backup keeps the delegated administrator's permissions in step with Organizations only with this on.
  isDelegatedAdministratorEnabled: "true",
} as const;

/** A backup plan's policy name in AWS Organizations. */
export function backupPolicyName(plan: string): string {
  return `lz-backup-${plan}`;
}

/** Stands in for the backup account's ID when a policy's size is measured (account IDs are 12 digits). */
const ACCOUNT_ID_OF_MEASURED_LENGTH = "000000000000";

export interface OrganizationBackupProps {
  /** The plans, resolved to regions and OUs. */
  readonly plans: readonly ResolvedBackupPlan[];
  /** The backup account's ID and the central vault's region. */
  readonly central: { readonly accountId: string; readonly region: string };
  /** Resolves an OU path to its ID. */
  readonly resolveTarget: (path: string) => string;
  /** The management account's home-region provider (global settings are set there). */
  readonly homeProvider: AwsProvider;
  /** The largest backup policy, in characters (limits.backupPolicyMaxCharacters). */
  readonly maxCharacters: number;
  /** The organization, with the BACKUP_POLICY type and trusted access for AWS Backup. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** The backup policies, their attachments, the delegated administrator and the global setting. */
export class OrganizationBackup extends Construct {
  /** Policies by plan name. */
  readonly policies = new Map<string, OrganizationsPolicy>();

  constructor(scope: Construct, id: string, props: OrganizationBackupProps) {
    super(scope, id);
    const dependsOn = [...props.dependsOn];
    for (const resolved of props.plans) {
      const name = backupPolicyName(resolved.plan.name);
      const measured = JSON.stringify(
        backupPolicyContent(resolved.plan, {
          regions: resolved.regions,
          central: { ...props.central, accountId: ACCOUNT_ID_OF_MEASURED_LENGTH },
        }),
      );
      if (measured.length > props.maxCharacters) {
        throw constructError(
          this,
          `plans (policy "${name}"), in characters`,
          measured.length,
          `at most ${props.maxCharacters} characters (limits.backupPolicyMaxCharacters in organization.yaml); protect fewer regions per plan (each protected region adds a plan entry for the types copied within their region, docs/backup.md)`,
        );
      }
      const policy = new OrganizationsPolicy(this, `policy-${resolved.plan.name}`, {
        name,
        description: `Backup plan ${resolved.plan.name}: ${resolved.plan.rules.map((r) => `${r.name} ${r.schedule} kept ${retentionDays(r)} days`).join("; ")}`,
        type: "BACKUP_POLICY",
        content: JSON.stringify(
          backupPolicyContent(resolved.plan, { regions: resolved.regions, central: props.central }),
        ),
        dependsOn,
      });
      this.policies.set(resolved.plan.name, policy);
      for (const ou of resolved.ous) {
        new OrganizationsPolicyAttachment(this, `attach-${resolved.plan.name}-${ou.replace(/\//g, "-")}`, {
          policyId: policy.id,
          targetId: props.resolveTarget(ou),
        });
      }
    }
    new OrganizationsDelegatedAdministrator(this, "delegated-admin", {
      accountId: props.central.accountId,
      servicePrincipal: BACKUP_SERVICE_PRINCIPAL,
      dependsOn,
    });
    // Every setting AWS returns is set, so a plan of an unchanged landing zone shows no change (BACKUP_GLOBAL_SETTINGS).
    new BackupGlobalSettings(this, "global-settings", {
      provider: props.homeProvider,
      globalSettings: { ...BACKUP_GLOBAL_SETTINGS },
      dependsOn,
    });
  }
}
