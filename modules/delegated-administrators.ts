// Delegates administration of the org-wide security services to the security-tooling account, so detection
// and review (164.308(a)(1)(ii)(D), 164.312(b)) run outside the management account and its broad powers; and IPAM,
// where an address plan is configured, to the network account that holds it (164.312(a)(1)).
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudtrailOrganizationDelegatedAdminAccount } from "@cdktf/provider-aws/lib/cloudtrail-organization-delegated-admin-account";
import { GuarddutyOrganizationAdminAccount } from "@cdktf/provider-aws/lib/guardduty-organization-admin-account";
import { Inspector2DelegatedAdminAccount } from "@cdktf/provider-aws/lib/inspector2-delegated-admin-account";
import { Macie2OrganizationAdminAccount } from "@cdktf/provider-aws/lib/macie2-organization-admin-account";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import { SecurityhubOrganizationAdminAccount } from "@cdktf/provider-aws/lib/securityhub-organization-admin-account";
import { VpcIpamOrganizationAdminAccount } from "@cdktf/provider-aws/lib/vpc-ipam-organization-admin-account";

/**
 * Services delegated through AWS Organizations itself. CloudTrail is not among them: it must be registered through
 * its own API, which also creates the service-linked role it needs (below). IAM Identity Center is deliberately
 * not delegated: a delegated administrator cannot manage permission sets provisioned to the management account,
 * which the BreakGlass set needs, so Identity Center is administered from the management account.
 */
export const ORGANIZATIONS_DELEGATED_SERVICES = [
  "access-analyzer.amazonaws.com",
  "config-multiaccountsetup.amazonaws.com",
  "config.amazonaws.com",
] as const;

export interface DelegatedAdministratorsProps {
  /** The security-tooling account's ID. */
  readonly adminAccountId: string;
  /** The home region, where Security Hub's central configuration is administered. */
  readonly homeRegion: string;
  /** Governed regions: GuardDuty and Macie admins are designated per region. */
  readonly regions: readonly string[];
  /** Returns the provider for a region. */
  readonly providerFor: (region: string) => AwsProvider;
  /**
   * Whether Inspector is on: its administrator is designated per region through Inspector's own API.
   * @default false
   */
  readonly inspector?: boolean;
  /**
   * The network account's ID, where network.ipam configures pools: it becomes IPAM's delegated administrator.
   * @default no IPAM delegation
   */
  readonly ipamAdminAccountId?: string;
  /** Trusted access must be enabled first. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** Delegated administrators for GuardDuty, Security Hub, Macie, Inspector, Config, Access Analyzer, CloudTrail and IPAM. */
export class DelegatedAdministrators extends Construct {
  constructor(scope: Construct, id: string, props: DelegatedAdministratorsProps) {
    super(scope, id);
    const dependsOn = [...props.dependsOn];
    for (const service of ORGANIZATIONS_DELEGATED_SERVICES) {
      new OrganizationsDelegatedAdministrator(this, service.replace(".amazonaws.com", ""), {
        accountId: props.adminAccountId,
        servicePrincipal: service,
        dependsOn,
      });
    }
    // CloudTrail's RegisterOrganizationDelegatedAdmin, as AWS requires
    // (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-add-delegated-administrator.html).
    new CloudtrailOrganizationDelegatedAdminAccount(this, "cloudtrail-admin", {
      provider: props.providerFor(props.homeRegion),
      accountId: props.adminAccountId,
      dependsOn,
    });
    // IPAM's administrator is designated from the management account through EC2's
    // EnableIpamOrganizationAdminAccount, which also creates AWSServiceRoleForIPAM in every account and enables
    // IPAM's trusted access; Organizations' own RegisterDelegatedAdministrator would leave IPAM blind
    // (https://docs.aws.amazon.com/vpc/latest/ipam/enable-integ-ipam.html).
    if (props.ipamAdminAccountId !== undefined) {
      new VpcIpamOrganizationAdminAccount(this, "ipam-admin", {
        provider: props.providerFor(props.homeRegion),
        delegatedAdminAccountId: props.ipamAdminAccountId,
        dependsOn,
      });
    }
    for (const region of props.regions) {
      const provider = props.providerFor(region);
      // GuardDuty and Macie designate their administrator per region: one region missed is one region blind.
      new GuarddutyOrganizationAdminAccount(this, `guardduty-${region}`, {
        provider,
        adminAccountId: props.adminAccountId,
        dependsOn,
      });
      new Macie2OrganizationAdminAccount(this, `macie-${region}`, {
        provider,
        adminAccountId: props.adminAccountId,
        dependsOn,
      });
      // Inspector's administrator is regional and designated from the management account through Inspector's
      // EnableDelegatedAdminAccount (https://docs.aws.amazon.com/inspector/latest/user/designating-admin.html).
      if (props.inspector) {
        new Inspector2DelegatedAdminAccount(this, `inspector-${region}`, {
          provider,
          accountId: props.adminAccountId,
          dependsOn,
        });
      }
    }
    // With central configuration, the home region's designation governs every linked region.
    new SecurityhubOrganizationAdminAccount(this, "securityhub", {
      provider: props.providerFor(props.homeRegion),
      adminAccountId: props.adminAccountId,
      dependsOn,
    });
  }
}
