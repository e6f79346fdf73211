// The management account's organization stack: OUs, member accounts, SCP guardrails and the delegated
// administrators of the security services (164.312(a)(1) access control, 164.312(b) audit controls).
import { Construct } from "constructs";
import { constructError } from "../src/config/errors";
import { TerraformOutput } from "cdktf";
import { dataClassificationOf, flattenOus, guardrailAttachments, SUSPENDED_OU } from "../src/config/model";
import { PHI_TAG } from "../src/policies/data-classification";
import { buildGuardrails } from "../src/policies/scp-library";
import { DelegatedAdministrators } from "../modules/delegated-administrators";
import { MemberAccount } from "../modules/member-account";
import { Organization } from "../modules/organization";
import { ScpGuardrails } from "../modules/scp-guardrails";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";

/** The stack's ID, which is also its state key and its directory in cdktf.out. */
export const ORGANIZATION_STACK_ID = "organization";

/** The organization stack needs only the shared context. */
export type OrganizationStackProps = StackContext;

/** Wires the organization, its accounts, the guardrails and the delegated administrators. */
export class OrganizationStack extends LandingZoneStack {
  /** The organization and its OUs. */
  readonly organization: Organization;
  /** Member accounts by name. */
  readonly accounts = new Map<string, MemberAccount>();
  /** Accounts removed from the configuration, kept in the Suspended OU, by name. */
  readonly suspendedAccounts = new Map<string, MemberAccount>();

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id, { config: props.config, target: props.target });
    const org = props.config.organization;

    this.organization = new Organization(this, "organization", {
      organizationalUnits: flattenOus(org.organizationalUnits),
    });

    for (const account of org.accounts) {
      this.accounts.set(
        account.name,
        new MemberAccount(this, `account-${account.name}`, {
          accountName: account.name,
          email: account.email,
          parentId: this.organization.ouId(account.ou),
          deployRoleName: org.roles.deploy,
          tags: {
            ...account.tags,
            ...(account.owner ? { Owner: account.owner } : {}),
            ...(account.costCenter ? { CostCenter: account.costCenter } : {}),
            [PHI_TAG.key]: dataClassificationOf(props.config, account),
          },
        }),
      );
    }

    // An account deleted from organization.yaml keeps its construct ID, so Terraform moves it (parent_id) instead
    // of planning a destroy: suspended behind the deny-all SCP, its data and logs kept. Closing is a manual step.
    for (const account of props.config.suspendedAccounts ?? []) {
      this.suspendedAccounts.set(
        account.name,
        new MemberAccount(this, `account-${account.name}`, {
          accountName: account.name,
          email: account.email,
          parentId: this.organization.ouId(SUSPENDED_OU),
          deployRoleName: org.roles.deploy,
          tags: { LandingZoneStatus: "suspended" },
        }),
      );
    }

    new ScpGuardrails(this, "guardrails", {
      guardrails: buildGuardrails({
        regions: org.regions,
        deployRoleName: org.roles.deploy,
        breakGlassRoleName: org.roles.breakGlass,
      }),
      attachments: guardrailAttachments(org),
      resolveTarget: (path) => this.organization.ouId(path),
      maxCharacters: org.limits.scpMaxCharacters,
      maxPerTarget: org.limits.scpMaxPerTarget,
      dependsOn: [this.organization.organization],
    });

    new DelegatedAdministrators(this, "delegated-admins", {
      adminAccountId: this.accountId(org.coreAccounts.securityTooling),
      homeRegion: org.homeRegion,
      regions: org.regions,
      providerFor: (region) => this.providerFor(region),
      dependsOn: [this.organization.organization],
    });

    new TerraformOutput(this, "organization_id", { value: this.organization.organization.id });
    new TerraformOutput(this, "account_ids", {
      value: Object.fromEntries([...this.accounts].map(([name, account]) => [name, account.accountId])),
    });
  }

  /** The organization's ID (o-...). */
  get organizationId(): string {
    return this.organization.organization.id;
  }

  /** The management account's ID. */
  get managementAccountId(): string {
    return this.organization.organization.masterAccountId;
  }

  /** The organization trail's name; fixed so that key and bucket policies can name the trail before it exists. */
  get trailName(): string {
    return `${this.config.organization.name}-organization-trail`;
  }

  /** The organization trail's ARN. */
  get trailArn(): string {
    return `arn:aws:cloudtrail:${this.config.organization.homeRegion}:${this.managementAccountId}:trail/${this.trailName}`;
  }

  /** The ID of the account named `name` in the configuration. */
  accountId(name: string): string {
    const account = this.accounts.get(name);
    if (!account)
      throw constructError(
        this,
        "accountId(name)",
        name,
        `an account in accounts: ${[...this.accounts.keys()].join(", ")}`,
      );
    return account.accountId;
  }
}
