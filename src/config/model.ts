// Derived views of the validated configuration that the checks and the stacks share, so both read the
// organization the same way (one OU path syntax, one set of effective SCP attachments).
import * as path from "path";
import { WORKLOAD_PREFIX } from "../policies/workload";
import { DEFAULT_GUARDRAIL_TARGETS, GUARDRAIL_NAMES, GuardrailName, PHI_OUS } from "../policies/scp-library";
import { DEFAULT_RCP_TARGETS, RCP_NAMES, RcpName } from "../policies/rcp-library";
import {
  AdoptablePolicyType,
  AuthorizationPolicyKind,
  RCP_KIND,
  ROOT_MANAGEMENT_POLICIES,
  SCP_KIND,
} from "../policies/policy-kinds";
import {
  PermissionSetContext,
  PermissionSetDefinition,
  permissionSetCatalogue,
} from "../policies/permission-sets";
import { ENVIRONMENT_CONTROL_NAMES } from "./controls";
import { AWS_HIPAA_ELIGIBLE_SERVICES, BAA_EXEMPT_SERVICES } from "../policies/baa-services";
import { EC2_IMAGES_POLICY_NAME, IMAGE_PROVIDER_ALIASES } from "../policies/ec2-declarative-policy";
import { DataClassification, NON_PHI_TAG_VALUE, PHI_TAG } from "../policies/data-classification";
import { MANAGED_DOMAIN_LIST_IDS, ManagedDomainListName } from "../policies/dns-firewall";
import { Segment, SEGMENT_REACHES, SEGMENTS } from "../policies/transit-gateway";
import {
  AccountConfig,
  AssignmentConfig,
  BackupPlanConfig,
  CODE_SIGNING_MODES,
  DEFAULT_INTERFACE_ENDPOINTS,
  EnvironmentConfig,
  PermissionSetConfig,
  GuardrailAttachmentConfig,
  RcpAttachmentConfig,
  LandingZoneConfig,
  WorkloadConfig,
  OrganizationalUnitConfig,
  OrganizationConfig,
} from "./schema";

/** The name the configuration uses for the organization root as an SCP target. */
export const ROOT_TARGET = "Root";

/** Reserved: the management account's baseline stack is baseline-management, so no member account may use it. */
export const MANAGEMENT_ACCOUNT_NAME = "management";

/** Every account the landing zone baselines: the management account (by its reserved name) first, then the configured ones. */
export function allAccountNames(org: OrganizationConfig): string[] {
  return [MANAGEMENT_ACCOUNT_NAME, ...org.accounts.map((a) => a.name)];
}

/** The top-level OU that holds accounts removed from organization.yaml (deny-all SCP; kept, never closed). */
export const SUSPENDED_OU = "Suspended";

/** One OU with its path from the root and the path of its parent (undefined for top-level OUs). */
export interface OuNode {
  /** The OU's name. */
  readonly name: string;
  /** Its path from the root, e.g. Workloads/Prod. */
  readonly path: string;
  /** The parent's path, or undefined when the parent is the root. */
  readonly parentPath: string | undefined;
  /** Depth below the root: 1 for top-level OUs. */
  readonly depth: number;
  /** Where the OU sits in the file, as a config path. */
  readonly configPath: ReadonlyArray<string | number>;
  /** Whether PHI accounts may sit here: its own allowPhi, else its parent's, else true. */
  readonly allowPhi: boolean;
  /** The OU (this one or an ancestor) whose allowPhi decided `allowPhi`, when one set it. */
  readonly allowPhiFrom: string | undefined;
}

/** Every OU, parents before children, in file order. */
export function flattenOus(units: readonly OrganizationalUnitConfig[]): OuNode[] {
  const out: OuNode[] = [];
  const visit = (
    list: readonly OrganizationalUnitConfig[],
    parent: OuNode | undefined,
    basePath: ReadonlyArray<string | number>,
  ) => {
    list.forEach((unit, index) => {
      const configPath = [...basePath, index];
      const node: OuNode = {
        name: unit.name,
        path: parent ? `${parent.path}/${unit.name}` : unit.name,
        parentPath: parent?.path,
        depth: (parent?.depth ?? 0) + 1,
        configPath,
        allowPhi: unit.allowPhi ?? parent?.allowPhi ?? true,
        allowPhiFrom:
          unit.allowPhi === undefined
            ? parent?.allowPhiFrom
            : parent
              ? `${parent.path}/${unit.name}`
              : unit.name,
      };
      out.push(node);
      visit(unit.children ?? [], node, [...configPath, "children"]);
    });
  };
  visit(units, undefined, ["organizationalUnits"]);
  return out;
}

/** The RCP attachments in force: the configured ones, or the library's defaults when none are configured. */
export function rcpAttachments(org: OrganizationConfig): RcpAttachmentConfig[] {
  if (org.resourceControlPolicies) return org.resourceControlPolicies;
  return RCP_NAMES.map((policy: RcpName) => ({ policy, targets: [...DEFAULT_RCP_TARGETS[policy]] }));
}

/** The attachments in force of one authorization policy kind (SCPs or RCPs). */
export function policyAttachments(
  org: OrganizationConfig,
  kind: AuthorizationPolicyKind,
): Array<{ readonly policy: string; readonly targets: readonly string[] }> {
  return kind.type === "RESOURCE_CONTROL_POLICY" ? rcpAttachments(org) : guardrailAttachments(org);
}

/**
 * Every organization policy the landing zone creates, by name, with its type and targets: the SCPs and RCPs in
 * force, the management policies on Root and the images policy on the OUs that allow PHI. make adopt matches
 * existing policies against it.
 */
export function managedOrganizationPolicies(org: OrganizationConfig): Array<{
  readonly policy: string;
  readonly type: AdoptablePolicyType;
  readonly targets: readonly string[];
}> {
  return [
    ...guardrailAttachments(org).map((a) => ({ ...a, type: SCP_KIND.type })),
    ...rcpAttachments(org).map((a) => ({ ...a, type: RCP_KIND.type })),
    ...ROOT_MANAGEMENT_POLICIES.map(({ policy, type }) => ({ policy, type, targets: [ROOT_TARGET] })),
    { policy: EC2_IMAGES_POLICY_NAME, type: "DECLARATIVE_POLICY_EC2", targets: phiOuRoots(org) },
  ];
}

/**
 * The topmost OUs that allow PHI (their parent is Root or does not), the Suspended OU excepted: attaching there
 * covers every OU that allows PHI by inheritance, using one of each such OU's ten SCP places.
 */
export function phiOuRoots(org: OrganizationConfig): string[] {
  const ous = flattenOus(org.organizationalUnits);
  const allows = new Map(ous.map((ou) => [ou.path, ou.allowPhi]));
  // An OU named Root is refused elsewhere; it must not turn into an attachment to the organization root here.
  const paths = ous
    .filter((ou) => ou.allowPhi && ou.path !== SUSPENDED_OU && ou.path !== ROOT_TARGET)
    .filter((ou) => ou.parentPath === undefined || !allows.get(ou.parentPath))
    .map((ou) => ou.path);
  return [...new Set(paths)];
}

/** The SCP attachments in force: the configured ones, or the library's defaults when none are configured. */
export function guardrailAttachments(org: OrganizationConfig): GuardrailAttachmentConfig[] {
  if (org.serviceControlPolicies) return org.serviceControlPolicies;
  return GUARDRAIL_NAMES.map((policy: GuardrailName) => ({
    policy,
    targets: DEFAULT_GUARDRAIL_TARGETS[policy].flatMap((t) => (t === PHI_OUS ? phiOuRoots(org) : [t])),
  }));
}

/**
 * The services lz-phi-workloads allows where PHI may be, besides those it always allows: hipaaEligibleServices (or,
 * unset, AWS's list as shipped) and additionalHipaaEligibleServices.
 */
export function baaServicePrefixes(org: OrganizationConfig): string[] {
  const base = org.hipaaEligibleServices?.map((s) => s.prefix) ?? AWS_HIPAA_ELIGIBLE_SERVICES.prefixes;
  return [...base, ...(org.additionalHipaaEligibleServices ?? []).map((s) => s.prefix)];
}

/** Every service callable where the BAA deny applies: the list's (baaServicePrefixes) and the always-allowed ones. */
export function baaAllowedPrefixes(org: OrganizationConfig): Set<string> {
  return new Set([...baaServicePrefixes(org), ...BAA_EXEMPT_SERVICES.map((s) => s.prefix)]);
}

/** Where a service the list lacks is added: to the configured list, or beside AWS's list as shipped. */
export function baaListKey(
  org: OrganizationConfig,
): "hipaaEligibleServices" | "additionalHipaaEligibleServices" {
  return org.hipaaEligibleServices ? "hipaaEligibleServices" : "additionalHipaaEligibleServices";
}

/** The accounts a guardrail covers, wherever the configuration attaches it (an OU's accounts and those below). */
export function accountsUnderGuardrail(org: OrganizationConfig, policy: GuardrailName): Set<string> {
  const targets = guardrailAttachments(org).find((a) => a.policy === policy)?.targets ?? [];
  return new Set(targets.flatMap((target) => accountsUnder(org, target)));
}

/** Whether an image provider is given as AWS names it (an alias or an account ID) rather than an account's name. */
export function isImageProviderId(provider: string): boolean {
  return (IMAGE_PROVIDER_ALIASES as readonly string[]).includes(provider) || /^\d{12}$/.test(provider);
}

/**
 * Whose shared images launch in the OUs that allow PHI, as configured or by default Amazon's and the network
 * account's; account names are resolved by `accountId` (a token in the organization stack).
 */
export function imageProviders(org: OrganizationConfig, accountId: (name: string) => string): string[] {
  const providers = org.ec2DeclarativePolicy.allowedImages.providers ?? ["amazon", org.coreAccounts.network];
  return providers.map((p) => (isImageProviderId(p) ? p : accountId(p)));
}

/** Whether an environment requires Lambda code signing: as configured, or required where it holds PHI. */
export function codeSigningOf(env: EnvironmentConfig): (typeof CODE_SIGNING_MODES)[number] {
  return env.codeSigning ?? (env.phi ? "required" : "optional");
}

/** The accounts lz-phi-creation refuses an unsigned Lambda function: those of every environment that requires it. */
export function codeSigningAccounts(config: LandingZoneConfig): string[] {
  return config.environments
    .filter((env) => codeSigningOf(env) === "required")
    .flatMap((env) => env.accounts);
}

/** The region holding the log archive's replica: configured, or the first governed region after the home one. */
export function replicationRegion(org: OrganizationConfig): string {
  return org.logArchive.replicationRegion ?? org.regions.find((r) => r !== org.homeRegion) ?? org.homeRegion;
}

/**
 * The regions with a regional log archive: every governed region other than the home one. A VPC there delivers its
 * DNS query logs only to a bucket of its own region: "You can choose only resources that were created in the AWS
 * Region ... where you're creating the query logging configuration", which must be the VPCs' region
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logging-configurations-managing.html).
 * Every governed region has one, not only those with an environment today: a locked archive must outlive the last
 * environment of its region (prevent_destroy would refuse the plan that removes it, the evaluation profile aside).
 */
export function regionalArchiveRegions(config: LandingZoneConfig): string[] {
  const org = config.organization;
  return org.regions.filter((region) => region !== org.homeRegion);
}

/** Where the backup account's central vault lives: configured, or the log archive's replica region. */
export function centralBackupRegion(org: OrganizationConfig): string {
  return org.backup.centralRegion ?? replicationRegion(org);
}

/** A backup plan with what it resolves to: the regions it protects and the OUs its policy is attached to. */
export interface ResolvedBackupPlan {
  readonly plan: BackupPlanConfig;
  /** Governed regions whose resources it protects. */
  readonly regions: readonly string[];
  /** The environments it covers. */
  readonly environments: readonly string[];
  /** The OU paths that hold those environments' accounts, in configuration order. */
  readonly ous: readonly string[];
}

/** Every backup plan, resolved against the organization and the environments. */
export function resolvedBackupPlans(config: LandingZoneConfig): ResolvedBackupPlan[] {
  const org = config.organization;
  return org.backup.plans.map((plan) => {
    const environments =
      plan.environments ?? config.environments.filter((env) => env.phi).map((env) => env.name);
    const accounts = config.environments
      .filter((env) => environments.includes(env.name))
      .flatMap((env) => env.accounts);
    const ous = [...new Set(org.accounts.filter((a) => accounts.includes(a.name)).map((a) => a.ou))];
    return { plan, regions: plan.regions ?? org.regions, environments, ous };
  });
}

/** The environment an account belongs to, if any (core accounts usually belong to none). */
export function environmentOf(config: LandingZoneConfig, accountName: string): EnvironmentConfig | undefined {
  return config.environments.find((env) => env.accounts.includes(accountName));
}

/** The repository's root (this file lives in src/config/): workload handlers are named relative to it. */
export const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..");

/** The account that holds an environment's VPC: network.account, else its first account. */
export function vpcAccountOf(env: EnvironmentConfig): string {
  return env.network.account ?? env.accounts[0];
}

/** The region of an environment's VPC and workloads: its own `region`, else the home region. */
export function regionOf(org: OrganizationConfig, env: EnvironmentConfig): string {
  return env.region ?? org.homeRegion;
}

/**
 * The regions the hub's Transit Gateways are in: those with an environment's VPC, which is the home region while
 * the hubs are not peered (make validate refuses an environment elsewhere while the hub is on). A gateway with no
 * attachment would route nothing.
 */
export function hubRegions(config: LandingZoneConfig): string[] {
  return config.organization.network.transitGateway.enabled && config.environments.length > 0
    ? [config.organization.homeRegion]
    : [];
}

/** An environment's segment on the hub; validation requires one while the hub is on. */
export function segmentOf(env: EnvironmentConfig): Segment {
  if (!env.network.segment) throw new Error(`environment ${env.name} has no network.segment`);
  return env.network.segment;
}

/**
 * The other environments' VPC CIDRs an environment's VPC routes to through the hub: those whose segment its own
 * segment's route table learns (SEGMENT_REACHES), then the on-premises ranges where its segment reaches
 * on-premises (network.hybrid). Empty while the hub is off.
 */
export function reachableCidrs(config: LandingZoneConfig, env: EnvironmentConfig): string[] {
  if (!config.organization.network.transitGateway.enabled) return [];
  const reaches = new Set(SEGMENT_REACHES[segmentOf(env)]);
  const environments = config.environments
    .filter((e) => e.name !== env.name && reaches.has(segmentOf(e)))
    .map((e) => e.cidr);
  const hybrid = config.organization.network.hybrid;
  const onPremises = reachesOnPremises(config, segmentOf(env)) ? hybrid.onPremisesCidrs : [];
  return [...environments, ...onPremises];
}

/** Whether network.hybrid names a way on-premises: a customer gateway or a Direct Connect gateway. */
export function namesOnPremisesGateway(hybrid: OrganizationConfig["network"]["hybrid"]): boolean {
  return hybrid.customerGateways.length > 0 || hybrid.directConnectGatewayId !== undefined;
}

/** What the network functions below read: the organization file alone (validation has no whole configuration). */
type WithOrganization = Pick<LandingZoneConfig, "organization">;

/** Whether the hub has an on-premises side: the hub is on and a gateway is named. */
export function hybridConnected(config: WithOrganization): boolean {
  const { transitGateway, hybrid } = config.organization.network;
  return transitGateway.enabled && namesOnPremisesGateway(hybrid);
}

/**
 * The resolver VPC's CIDR where the hub has an on-premises side and a forwarding rule or the inbound endpoint is
 * configured (network.hybrid.resolver), else undefined.
 */
export function resolverVpcCidr(config: WithOrganization): string | undefined {
  const resolver = config.organization.network.hybrid.resolver;
  const wanted = resolver.forwardingRules.length > 0 || resolver.inboundEndpoint;
  return hybridConnected(config) && wanted ? resolver.cidr : undefined;
}

/** The inspection VPC's CIDR while the hub and inspected egress are on, else undefined. */
export function inspectionVpcCidr(config: WithOrganization): string | undefined {
  const { transitGateway, inspection } = config.organization.network;
  return transitGateway.enabled && inspection.enabled ? inspection.cidr : undefined;
}

/** One of the network account's own VPCs, by what it holds. */
export interface NetworkAccountVpc {
  readonly owner: "resolver" | "inspection";
  readonly cidr: string;
}

/** The network account's own VPCs the configuration builds: the resolver's and the inspection VPC, each where on. */
export function networkAccountVpcs(config: WithOrganization): NetworkAccountVpc[] {
  const vpcs = [
    { owner: "resolver" as const, cidr: resolverVpcCidr(config) },
    { owner: "inspection" as const, cidr: inspectionVpcCidr(config) },
  ];
  return vpcs.flatMap(({ owner, cidr }) => (cidr === undefined ? [] : [{ owner, cidr }]));
}

/**
 * Whether an environment's VPC sends 0.0.0.0/0 to the hub (and so through inspection): while inspected egress is
 * on, unless the environment has an egress tier of its own (make validate refuses that where PHI is).
 */
export function defaultRouteToHub(config: LandingZoneConfig, env: EnvironmentConfig): boolean {
  return inspectionVpcCidr(config) !== undefined && !env.network.egress;
}

/** One pool of the address plan: a segment's range in a region (network.ipam.pools). */
export interface IpamPool {
  readonly segment: Segment;
  readonly region: string;
  readonly cidr: string;
}

/** Every pool network.ipam.pools configures, segment by segment in SEGMENTS order, then as the file lists regions. */
export function ipamPools(org: OrganizationConfig): IpamPool[] {
  return SEGMENTS.flatMap((segment) =>
    Object.entries(org.network.ipam.pools[segment] ?? {}).map(([region, cidr]) => ({
      segment,
      region,
      cidr: cidr as string,
    })),
  );
}

/** The IPAM's pools while the hub is on and a pool is configured (validation refuses pools without the hub). */
export function ipamPoolsInUse(config: LandingZoneConfig): IpamPool[] {
  return config.organization.network.transitGateway.enabled ? ipamPools(config.organization) : [];
}

/** The pool a segment's VPCs in the home region take their ranges from, if the address plan has one. */
export function homePool(org: OrganizationConfig, segment: Segment): IpamPool | undefined {
  return ipamPools(org).find((pool) => pool.segment === segment && pool.region === org.homeRegion);
}

/** Whether a segment's environments reach on-premises, and on-premises them (network.hybrid.segments). */
export function reachesOnPremises(config: LandingZoneConfig, segment: Segment): boolean {
  return hybridConnected(config) && config.organization.network.hybrid.segments.includes(segment);
}

/**
 * The managed domain lists' IDs in a region: the configuration's entry, else the landing zone's table; undefined
 * when neither has the region (make validate refuses that where a VPC is).
 */
export function managedDomainListIds(
  org: OrganizationConfig,
  region: string,
): Readonly<Record<ManagedDomainListName, string>> | undefined {
  return org.network.dnsFirewall.managedDomainListIds[region] ?? MANAGED_DOMAIN_LIST_IDS[region];
}

/**
 * The interface endpoints the serverless-api blueprint's workloads need from a VPC with no other way out: SQS (the
 * work queue), execute-api (callers reach the workload's private API through it) and Secrets Manager (the rotation
 * function must reach it: rotation-function-network-access.html). DynamoDB and S3 are reached through the gateway
 * endpoints every PHI VPC has.
 */
export const BLUEPRINT_ENDPOINTS = ["sqs", "execute-api", "secretsmanager"] as const;

/**
 * An environment's interface endpoints: its own list, else the defaults, and the blueprint's when it has workloads
 * (a workload's endpoint follows the workload, so removing the last workload removes it).
 */
export function interfaceEndpointsOf(env: EnvironmentConfig): readonly string[] {
  const listed: readonly string[] = env.network.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS;
  if (env.workloads.length === 0) return listed;
  return [...listed, ...BLUEPRINT_ENDPOINTS.filter((service) => !listed.includes(service))];
}

/** The account a workload deploys into: its own setting, else its environment's VPC account. */
export function workloadAccountOf(env: EnvironmentConfig, workload: WorkloadConfig): string {
  return workload.account ?? vpcAccountOf(env);
}

/** What every workload stack's ID starts with (the release workflow's `workloads` group selects by it). */
export const WORKLOAD_STACK_PREFIX = WORKLOAD_PREFIX;

/** A workload's stack ID, its state key and its directory in cdktf.out: the environment's name, then its own. */
export function workloadStackId(environment: string, workload: string): string {
  return `${WORKLOAD_STACK_PREFIX}${environment}-${workload}`;
}

/** A workload's handler source, as an absolute path. */
export function handlerSourceOf(workload: WorkloadConfig): string {
  return path.join(REPOSITORY_ROOT, workload.handler);
}

/**
 * Whether a per-environment detective control covers an account: on when the organization turns it on and the
 * account's environment does not turn it off. Accounts outside every environment follow the organization.
 */
export function controlCovers(
  config: LandingZoneConfig,
  control: (typeof ENVIRONMENT_CONTROL_NAMES)[number],
  accountName: string,
): boolean {
  if (!config.organization.detectiveControls[control].enabled) return false;
  return environmentOf(config, accountName)?.detectiveControls?.[control] ?? true;
}

/** An account's data classification: declared, or its environment's (non-phi outside every environment). */
export function dataClassificationOf(
  config: LandingZoneConfig,
  account: Pick<AccountConfig, "name" | "dataClassification">,
): DataClassification {
  return (
    account.dataClassification ??
    (environmentOf(config, account.name)?.phi ? PHI_TAG.value : NON_PHI_TAG_VALUE)
  );
}

/** Names of the accounts in PHI environments. */
export function phiAccountNames(environments: readonly EnvironmentConfig[]): Set<string> {
  return new Set(environments.filter((env) => env.phi).flatMap((env) => env.accounts));
}

/** The accounts in an OU and every OU below it, in file order; Root means every member account. */
export function accountsUnder(org: OrganizationConfig, ouPath: string): string[] {
  return org.accounts
    .filter((a) => ouPath === ROOT_TARGET || a.ou === ouPath || a.ou.startsWith(`${ouPath}/`))
    .map((a) => a.name);
}

/** A configured permission set as the stacks create it. */
export function configuredPermissionSet(set: PermissionSetConfig): PermissionSetDefinition {
  return {
    name: set.name,
    description: set.description ?? `Permission set ${set.name} (configured)`,
    sessionHours: set.sessionHours,
    managedPolicyArns: set.managedPolicies,
    customerManagedPolicies: set.customerManagedPolicies,
    permissionsBoundary: set.permissionsBoundary,
    inlinePolicy: set.inlinePolicy as PermissionSetDefinition["inlinePolicy"],
    scope: set.scope,
    hipaa: ["164.312(a)(1)"],
  };
}

/** The catalogue plus the configured permission sets. */
export function permissionSets(
  org: OrganizationConfig,
  ctx: PermissionSetContext,
): PermissionSetDefinition[] {
  return [
    ...permissionSetCatalogue(ctx),
    ...(org.identityCenter?.permissionSets ?? []).map(configuredPermissionSet),
  ];
}

/** One group's permission set in one account, with the configuration entry it came from. */
export interface AccountAssignment {
  /** The group's display name. */
  readonly group: string;
  /** The permission set's name. */
  readonly permissionSet: string;
  /** The account's name. */
  readonly account: string;
  /** The index of the assignment in identityCenter.assignments. */
  readonly index: number;
}

/**
 * The catalogue's emergency set: an assignment of it to Root also reaches the management account, where SCPs do
 * not apply and Identity Center, the organization's policies and the state live (docs/identity-center.md). No other
 * set reaches the management account: for them Root means the member accounts.
 */
export const BREAK_GLASS_SET = "BreakGlass";

/**
 * Every assignment expanded to accounts (OUs to the accounts in and below them, Root to every member account and,
 * for BreakGlass only, the management account first, by its reserved name), duplicates kept.
 */
export function expandAssignments(org: OrganizationConfig): AccountAssignment[] {
  const out: AccountAssignment[] = [];
  (org.identityCenter?.assignments ?? []).forEach((assignment: AssignmentConfig, index) => {
    const reachesManagement =
      assignment.permissionSet === BREAK_GLASS_SET && (assignment.ous ?? []).includes(ROOT_TARGET);
    const accounts = new Set([
      ...(reachesManagement ? [MANAGEMENT_ACCOUNT_NAME] : []),
      ...(assignment.accounts ?? []),
      ...(assignment.ous ?? []).flatMap((ou) => accountsUnder(org, ou)),
    ]);
    for (const account of accounts) {
      out.push({ group: assignment.group, permissionSet: assignment.permissionSet, account, index });
    }
  });
  return out;
}
