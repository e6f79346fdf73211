// The AWS Organization with all features, its OU tree, and trusted access for the org-integrated security
// services: the frame every guardrail (164.312(a)(1)) and org-wide audit control (164.312(b)) hangs on.
import { Construct } from "constructs";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { OrganizationsOrganizationalUnit } from "@cdktf/provider-aws/lib/organizations-organizational-unit";
import { constructError } from "../src/config/errors";
import { IAM_SERVICE_PRINCIPAL } from "./root-access";

/** AWS Account Management's service principal. */
export const ACCOUNT_MANAGEMENT_PRINCIPAL = "account.amazonaws.com";

/** Service principals given trusted access: the security services that run organization-wide. */
export const TRUSTED_SERVICE_PRINCIPALS = [
  "access-analyzer.amazonaws.com",
  // AWS Account Management: the management account reads and sets member accounts' regions (make preflight) and
  // contacts through it (https://docs.aws.amazon.com/accounts/latest/reference/using-orgs-trusted-access.html).
  ACCOUNT_MANAGEMENT_PRINCIPAL,
  // AWS Backup: organization backup policies, cross-account copies and monitoring, its delegated administrator.
  "backup.amazonaws.com",
  "cloudtrail.amazonaws.com",
  "config-multiaccountsetup.amazonaws.com",
  "config.amazonaws.com",
  "guardduty.amazonaws.com",
  // Amazon Inspector: designating its administrator enables trusted access (the page lists
  // organizations:EnableAWSServiceAccess among the permissions it needs), so it is listed here, or the next plan
  // would take it away (https://docs.aws.amazon.com/inspector/latest/user/designating-admin.html).
  "inspector2.amazonaws.com",
  // IAM: centralized root access for member accounts (modules/root-access.ts).
  IAM_SERVICE_PRINCIPAL,
  "macie.amazonaws.com",
  "malware-protection.guardduty.amazonaws.com",
  "securityhub.amazonaws.com",
  "sso.amazonaws.com",
] as const;

/** The policy types the organization stack enables on the root. */
export const ENABLED_POLICY_TYPES = [
  "SERVICE_CONTROL_POLICY",
  "RESOURCE_CONTROL_POLICY",
  "BACKUP_POLICY",
  "AISERVICES_OPT_OUT_POLICY",
  "TAG_POLICY",
  "DECLARATIVE_POLICY_EC2",
] as const;

/** One OU to create: its path from the root, and its parent's path (undefined for the root). */
export interface OrganizationalUnitSpec {
  /** The OU's name. */
  readonly name: string;
  /** Its path from the root, e.g. Workloads/Prod; parents come before children. */
  readonly path: string;
  /** The parent's path, or undefined when the parent is the root. */
  readonly parentPath: string | undefined;
}

export interface OrganizationProps {
  /** The OUs, parents before children. */
  readonly organizationalUnits: readonly OrganizationalUnitSpec[];
  /**
   * Extra service principals given trusted access (StackSets, when invited accounts need the deploy role).
   * @default - only TRUSTED_SERVICE_PRINCIPALS
   */
  readonly extraTrustedPrincipals?: readonly string[];
}

/** The organization and its OUs. Protected from destroy: deleting it would orphan every account. */
export class Organization extends Construct {
  readonly organization: OrganizationsOrganization;
  /** The root's ID, the target for root-level SCPs. */
  readonly rootId: string;
  private readonly ous = new Map<string, OrganizationsOrganizationalUnit>();

  constructor(scope: Construct, id: string, props: OrganizationProps) {
    super(scope, id);
    this.organization = new OrganizationsOrganization(this, "organization", {
      featureSet: "ALL",
      enabledPolicyTypes: [...ENABLED_POLICY_TYPES],
      awsServiceAccessPrincipals: [...TRUSTED_SERVICE_PRINCIPALS, ...(props.extraTrustedPrincipals ?? [])],
      lifecycle: { preventDestroy: true },
    });
    this.rootId = this.organization.roots.get(0).id;

    for (const ou of props.organizationalUnits) {
      const parentId = ou.parentPath === undefined ? this.rootId : this.ouId(ou.parentPath);
      // The construct ID is the OU's path: stable as long as the OU keeps its place in the tree.
      const resource = new OrganizationsOrganizationalUnit(this, `ou-${ou.path.replace(/\//g, "-")}`, {
        name: ou.name,
        parentId,
      });
      this.ous.set(ou.path, resource);
    }
  }

  /** The OU resource at `path`, for an import (make adopt). */
  ouResource(path: string): OrganizationsOrganizationalUnit | undefined {
    return this.ous.get(path);
  }

  /** The ID of the OU at `path`, or of the root for "Root". */
  ouId(path: string): string {
    if (path === "Root") return this.rootId;
    const ou = this.ous.get(path);
    if (!ou) {
      throw constructError(
        this,
        "ouId(path)",
        path,
        `Root or a defined OU path: ${[...this.ous.keys()].join(", ")}`,
      );
    }
    return ou.id;
  }
}
