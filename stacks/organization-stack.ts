// The management account's organization stack: OUs, member accounts, SCP guardrails and the delegated
// administrators of the security services (164.312(a)(1) access control, 164.312(b) audit controls).
import { Construct } from "constructs";
import { constructError } from "../src/config/errors";
import { TerraformOutput, TerraformResource } from "cdktf";
import { Adoption } from "../src/config/adoption";
import { LandingZoneConfig } from "../src/config/schema";
import {
  baaServicePrefixes,
  centralBackupRegion,
  codeSigningAccounts,
  dataClassificationOf,
  flattenOus,
  guardrailAttachments,
  imageProviders,
  phiOuRoots,
  rcpAttachments,
  resolvedBackupPlans,
  SUSPENDED_OU,
  ipamPoolsInUse,
} from "../src/config/model";
import { PHI_TAG } from "../src/policies/data-classification";
import { buildGuardrails, GuardrailContext } from "../src/policies/scp-library";
import { buildResourceControlPolicies, LONGEST_ORG_ID } from "../src/policies/rcp-library";
import { RCP_KIND } from "../src/policies/policy-kinds";
import { ManagementPolicy } from "../modules/management-policy";
import { AI_OPT_OUT_POLICY_NAME, aiOptOutPolicyContent } from "../src/policies/ai-opt-out-policy";
import { TAG_POLICY_NAME, tagPolicyContent } from "../src/policies/tag-policy";
import {
  allowedImagesPolicyContent,
  EC2_DECLARATIVE_POLICY_NAME,
  EC2_IMAGES_POLICY_NAME,
  ec2DeclarativePolicyContent,
} from "../src/policies/ec2-declarative-policy";
import { RootAccess } from "../modules/root-access";
import { DelegatedAdministrators } from "../modules/delegated-administrators";
import { DeployRoleStackSet, STACKSETS_SERVICE_PRINCIPAL } from "../modules/deploy-role-stack-set";
import { MemberAccount } from "../modules/member-account";
import { OrganizationBackup } from "../modules/organization-backup";
import { Organization } from "../modules/organization";
import { RamSharingWithOrganization } from "@cdktf/provider-aws/lib/ram-sharing-with-organization";
import { RAM_SERVICE_PRINCIPAL } from "../src/policies/transit-gateway";
import { IPAM_SERVICE_PRINCIPAL } from "../src/policies/ipam";
import { ScpGuardrails } from "../modules/scp-guardrails";
import { ServiceControlPolicy } from "../modules/service-control-policy";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { BACKUP_ALERTS_ROLE_NAME, BACKUP_ROLE_NAME } from "../src/policies/backup-policies";
import { REPLICATION_ROLE_NAME } from "../modules/log-archive";
import { findingsForwarderRoleName } from "../modules/findings-forwarder";
import { inspectorForwarderRoleName } from "../src/policies/inspector";
import { apiGatewayLoggingRoleName } from "../src/policies/workload-api";

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

    // What make adopt found, when it read the organization this synth deploys to (a record read from AWS means
    // nothing to the emulator). Accounts that joined by invitation have no deploy role; a StackSet creates it.
    const adoption =
      props.config.adoption?.readFrom === props.target.mode ? props.config.adoption : undefined;
    const adopted = adoption?.accounts ?? {};
    const invited = org.accounts.filter((a) => adopted[a.name]?.joinedMethod === "INVITED");
    const ipam = ipamPoolsInUse(props.config).length > 0;
    this.organization = new Organization(this, "organization", {
      organizationalUnits: flattenOus(org.organizationalUnits),
      extraTrustedPrincipals: [
        ...(invited.length > 0 ? [STACKSETS_SERVICE_PRINCIPAL] : []),
        // AWS RAM shares the hub's Transit Gateway with the organization; EnableSharingWithAwsOrganization enables
        // RAM's trusted access, so listing it here keeps the organization's principals as AWS will hold them.
        ...(org.network.transitGateway.enabled ? [RAM_SERVICE_PRINCIPAL] : []),
        // Designating IPAM's administrator (EnableIpamOrganizationAdminAccount) enables IPAM's trusted access;
        // AWS says to enable it only through IPAM, since Organizations' own call creates no AWSServiceRoleForIPAM
        // (https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-ipam.html). It is
        // listed so a later apply does not switch it off again; on the first apply Terraform lists it before the
        // delegation runs, and whether IPAM's call then still creates its role is unverified (docs/network-and-baseline.md).
        ...(ipam ? [IPAM_SERVICE_PRINCIPAL] : []),
      ],
    });
    // "Until you enable sharing within the organization, you can specify only individual AWS accounts"
    // (API_EnableSharingWithAwsOrganization); called from the management account.
    if (org.network.transitGateway.enabled) {
      new RamSharingWithOrganization(this, "ram-sharing", { dependsOn: [this.organization.organization] });
    }

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

    // lz-phi-creation names the accounts that require code signing: their IDs are unknown until they exist, so
    // its size is checked with twelve digits in place of each.
    const guardrails = new ScpGuardrails(this, "guardrails", {
      guardrails: buildGuardrails(guardrailContext(props.config, (name) => this.accountId(name))),
      measured: buildGuardrails(guardrailContext(props.config, () => LONGEST_ACCOUNT_ID)),
      attachments: guardrailAttachments(org),
      resolveTarget: (path) => this.organization.ouId(path),
      maxCharacters: org.limits.scpMaxCharacters,
      maxPerTarget: org.limits.scpMaxPerTarget,
      dependsOn: [this.organization.organization],
    });

    // The data perimeter (RCPs) around every member account's resources. The policies name the organization's ID,
    // unknown until the organization exists, so their size is checked with the longest ID AWS issues.
    const perimeter = { trustedAccounts: org.dataPerimeter.trustedAccounts };
    const rcps = new ScpGuardrails(this, "resource-control-policies", {
      kind: RCP_KIND,
      guardrails: buildResourceControlPolicies({ ...perimeter, orgId: this.organizationId }),
      measured: buildResourceControlPolicies({ ...perimeter, orgId: LONGEST_ORG_ID }),
      attachments: rcpAttachments(org),
      resolveTarget: (path) => this.organization.ouId(path),
      maxCharacters: org.limits.rcpMaxCharacters,
      maxPerTarget: org.limits.rcpMaxPerTarget,
      dependsOn: [this.organization.organization],
    });

    const aiOptOut = new ManagementPolicy(this, "ai-services-opt-out", {
      policyName: AI_OPT_OUT_POLICY_NAME,
      description:
        "Opt every account out of AWS AI services' use of its content; child policies cannot change it.",
      type: "AISERVICES_OPT_OUT_POLICY",
      content: aiOptOutPolicyContent(),
      rootId: this.organization.rootId,
      limit: { characters: org.limits.aiOptOutMaxCharacters, setting: "aiOptOutMaxCharacters" },
      dependsOn: [this.organization.organization],
    });

    const tagPolicy = new ManagementPolicy(this, "tag-policy", {
      policyName: TAG_POLICY_NAME,
      description: "DataClassification is phi or non-phi; enforced where configured, reported everywhere.",
      type: "TAG_POLICY",
      content: tagPolicyContent(org.tagPolicy.requiredTags, org.tagPolicy.enforcedFor),
      rootId: this.organization.rootId,
      limit: { characters: org.limits.tagPolicyMaxCharacters, setting: "tagPolicyMaxCharacters" },
      dependsOn: [this.organization.organization],
    });

    // Account settings EC2 holds in place in every account; the baselines no longer set IMDS defaults themselves.
    const ec2Policy = new ManagementPolicy(this, "ec2-declarative-policy", {
      policyName: EC2_DECLARATIVE_POLICY_NAME,
      description:
        "No public AMIs or snapshots, no serial console, IMDSv2 by default, VPC block public access; accounts cannot change them.",
      type: "DECLARATIVE_POLICY_EC2",
      content: ec2DeclarativePolicyContent(org.ec2DeclarativePolicy),
      rootId: this.organization.rootId,
      limit: {
        characters: org.limits.declarativePolicyMaxCharacters,
        setting: "declarativePolicyMaxCharacters",
      },
      dependsOn: [this.organization.organization],
    });

    // Only vetted images in the OUs that allow PHI: the topmost ones, so every OU below inherits it.
    const imagesPolicy = new ManagementPolicy(this, "ec2-phi-images", {
      policyName: EC2_IMAGES_POLICY_NAME,
      description:
        "Allowed AMIs where PHI may be: only images from Amazon and the listed accounts launch; accounts cannot change it.",
      type: "DECLARATIVE_POLICY_EC2",
      content: allowedImagesPolicyContent(
        org.ec2DeclarativePolicy.allowedImages.state,
        imageProviders(org, (name) => this.accountId(name)),
      ),
      rootId: this.organization.rootId,
      targets: phiOuRoots(org).map((label) => ({ label, targetId: this.organization.ouId(label) })),
      limit: {
        characters: org.limits.declarativePolicyMaxCharacters,
        setting: "declarativePolicyMaxCharacters",
      },
      dependsOn: [this.organization.organization],
    });

    new RootAccess(this, "root-access", { dependsOn: [this.organization.organization] });

    const delegated = new DelegatedAdministrators(this, "delegated-admins", {
      adminAccountId: this.accountId(org.coreAccounts.securityTooling),
      homeRegion: org.homeRegion,
      regions: org.regions,
      providerFor: (region) => this.providerFor(region),
      inspector: org.detectiveControls.inspector.enabled,
      ipamAdminAccountId: ipam ? this.accountId(org.coreAccounts.network) : undefined,
      dependsOn: [this.organization.organization],
    });

    new OrganizationBackup(this, "backup", {
      plans: resolvedBackupPlans(props.config),
      central: { accountId: this.accountId(org.coreAccounts.backup), region: centralBackupRegion(org) },
      resolveTarget: (path) => this.organization.ouId(path),
      homeProvider: this.homeProvider,
      maxCharacters: org.limits.backupPolicyMaxCharacters,
      dependsOn: [this.organization.organization],
    });

    if (invited.length > 0) {
      new DeployRoleStackSet(this, "invited-deploy-role", {
        roleName: org.roles.deploy,
        managementAccountId: this.managementAccountId,
        targets: invited.map((a) => ({ accountId: adopted[a.name].id, ouId: this.organization.ouId(a.ou) })),
        region: org.homeRegion,
        // After each account's move into its configured OU: the instance targets the account within that OU.
        dependsOn: [
          this.organization.organization,
          ...invited.map((a) => this.accounts.get(a.name)!.account),
        ],
      });
    }
    if (adoption) {
      // Every policy make adopt can match, by name: each has a `policy` and `attach-<target>` children.
      const policies = new Map<string, ServiceControlPolicy | ManagementPolicy>([
        ...guardrails.policies,
        ...rcps.policies,
        ...[aiOptOut, tagPolicy, ec2Policy, imagesPolicy].map((p) => [p.policyName, p] as const),
      ]);
      this.importAdopted(adoption, policies, delegated);
    }

    new TerraformOutput(this, "organization_id", { value: this.organization.organization.id });
    new TerraformOutput(this, "account_ids", {
      value: Object.fromEntries([...this.accounts].map(([name, account]) => [name, account.accountId])),
    });
  }

  /**
   * Import blocks for what make adopt matched in an existing organization (environments/adopted.json): Terraform
   * imports each on the first apply and ignores the block once the resource is in state.
   */
  private importAdopted(
    adoption: Adoption,
    policies: ReadonlyMap<string, ServiceControlPolicy | ManagementPolicy>,
    delegated: DelegatedAdministrators,
  ): void {
    this.organization.organization.importFrom(adoption.organization.id);
    for (const [ouPath, id] of Object.entries(adoption.organizationalUnits)) {
      this.organization.ouResource(ouPath)?.importFrom(id);
    }
    for (const [name, { id }] of Object.entries(adoption.accounts)) {
      (this.accounts.get(name) ?? this.suspendedAccounts.get(name))?.account.importFrom(id);
    }
    const targetId = (label: string) =>
      label === "Root" ? adoption.organization.rootId : adoption.organizationalUnits[label];
    for (const [name, id] of Object.entries(adoption.policies)) {
      const scp = policies.get(name);
      if (!scp) continue;
      scp.policy.importFrom(id);
      for (const key of adoption.policyAttachments.filter((k) => k.startsWith(`${name}@`))) {
        const label = key.slice(name.length + 1);
        const target = targetId(label);
        const attachment = scp.node.tryFindChild(`attach-${label.replace(/\//g, "-")}`) as
          TerraformResource | undefined;
        if (target && attachment) attachment.importFrom(`${target}:${id}`);
      }
    }
    const toolingId = adoption.accounts[this.config.organization.coreAccounts.securityTooling]?.id;
    for (const service of adoption.delegatedAdministrators) {
      const resource = delegated.node.tryFindChild(service.replace(".amazonaws.com", "")) as
        TerraformResource | undefined;
      if (toolingId && resource) resource.importFrom(`${toolingId}/${service}`);
    }
  }

  /** The organization's ID (o-...). */
  get organizationId(): string {
    return this.organization.organization.id;
  }

  /** The organization's ARN: what a RAM share names to share with every account. */
  get organizationArn(): string {
    return this.organization.organization.arn;
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

/** An account ID's length, for sizing a policy that names accounts not yet created. */
const LONGEST_ACCOUNT_ID = "0".repeat(12);

/**
 * What the guardrail library renders from for a configuration: the stack and the tests that read back what it
 * created use this one function, so they cannot disagree on a name.
 * `accountId` gives an account's ID by name (a token in the stack, the real ID when reading back).
 */
export function guardrailContext(
  config: LandingZoneConfig,
  accountId: (name: string) => string,
): GuardrailContext {
  const org = config.organization;
  return {
    regions: org.regions,
    deployRoleName: org.roles.deploy,
    breakGlassRoleName: org.roles.breakGlass,
    baaServices: baaServicePrefixes(org),
    serviceRoleNames: [
      BACKUP_ROLE_NAME,
      BACKUP_ALERTS_ROLE_NAME,
      REPLICATION_ROLE_NAME,
      findingsForwarderRoleName(org.name),
      inspectorForwarderRoleName(org.name),
      // API Gateway writes the workload APIs' logs through it: changing it would silence them.
      ...config.environments
        .filter((env) => env.workloads.length > 0)
        .map((env) => apiGatewayLoggingRoleName(org.name, env.name)),
    ],
    planRoleName: org.roles.plan,
    codeSigningAccountIds: codeSigningAccounts(config).map(accountId),
  };
}
