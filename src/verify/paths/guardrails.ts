// Access paths that must be denied (164.312(a)(1) access control, 164.312(b) audit, 164.312(c)(1) integrity):
// workload principals switching off the security services or leaving the organization, anyone deleting or
// reshaping the write-once archive, plain HTTP to any bucket, and principals outside the organization reading it.
import { logGroupArn } from "../../policies/arns";
import {
  AccessPath,
  ADMINISTRATOR_ACCESS,
  fromRole,
  OUTSIDE_ROLE,
  PathContext,
  ssoRoleArn,
  workloadAdminArn,
} from "./context";
import { HIPAA_ELIGIBLE_SERVICES_REFERENCE } from "../../policies/baa-services";
import { LANDING_ZONE_TAG } from "../../policies/policy-document";
import { hasWildcardAction, iamServiceNames, wildcardAction } from "../../config/iam-services";
import { exemptRolePaths } from "./exempt-roles";
import { baaAllowedPrefixes, baaServicePrefixes } from "../../config/model";
import {
  DEFAULT_HOST_SETTING,
  SESSION_PREFERENCES_DOCUMENT,
  sessionLogGroupName,
} from "../../policies/session-manager";

const SCP_DOC =
  "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html";
const TLS_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit";
const LOCK_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html";
const CROSS_ACCOUNT_DOC =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";

/** What a workload administrator must never do, with the service it would blind. */
const PROTECTED_ACTIONS: ReadonlyArray<{
  action: string;
  resource: (account: string, region: string, organizationName: string) => string;
}> = [
  { action: "cloudtrail:StopLogging", resource: (a, r) => `arn:aws:cloudtrail:${r}:${a}:trail/any` },
  { action: "guardduty:DeleteDetector", resource: (a, r) => `arn:aws:guardduty:${r}:${a}:detector/any` },
  { action: "config:StopConfigurationRecorder", resource: () => "*" },
  { action: "config:DeleteDeliveryChannel", resource: () => "*" },
  {
    action: "securityhub:DisableSecurityHub",
    resource: (a, r) => `arn:aws:securityhub:${r}:${a}:hub/default`,
  },
  { action: "organizations:LeaveOrganization", resource: () => "*" },
  { action: "ec2:DisableEbsEncryptionByDefault", resource: () => "*" },
  {
    action: "ssm:UpdateDocument",
    resource: (a, r) => `arn:aws:ssm:${r}:${a}:document/${SESSION_PREFERENCES_DOCUMENT}`,
  },
  {
    action: "ssm:ResetServiceSetting",
    resource: (a, r) => `arn:aws:ssm:${r}:${a}:servicesetting${DEFAULT_HOST_SETTING}`,
  },
  // DNS Firewall and the query log that records its blocks (DNS_FIREWALL_PROTECTED_ACTIONS).
  {
    action: "route53resolver:DisassociateFirewallRuleGroup",
    resource: (a, r) =>
      `arn:aws:route53resolver:${r}:${a}:firewall-rule-group-association/rslvr-frgassoc-any`,
  },
  {
    action: "route53resolver:UpdateFirewallConfig",
    resource: (a, r) => `arn:aws:route53resolver:${r}:${a}:firewall-config/rslvr-fc-any`,
  },
  {
    action: "route53resolver:DeleteFirewallRule",
    resource: (a, r) => `arn:aws:route53resolver:${r}:${a}:firewall-rule-group/rslvr-frg-any`,
  },
  {
    action: "route53resolver:DisassociateResolverQueryLogConfig",
    resource: (a, r) => `arn:aws:route53resolver:${r}:${a}:resolver-query-log-config/rslvr-rqlc-any`,
  },
  // The hub's segments (TRANSIT_GATEWAY_PROTECTED_ACTIONS): joining a segment, or learning another's routes.
  {
    action: "ec2:AssociateTransitGatewayRouteTable",
    resource: (a, r) => `arn:aws:ec2:${r}:${a}:transit-gateway-route-table/tgw-rtb-any`,
  },
  {
    action: "ec2:EnableTransitGatewayRouteTablePropagation",
    resource: (a, r) => `arn:aws:ec2:${r}:${a}:transit-gateway-route-table/tgw-rtb-any`,
  },
  {
    action: "ec2:DeleteTransitGatewayRoute",
    resource: (a, r) => `arn:aws:ec2:${r}:${a}:transit-gateway-route-table/tgw-rtb-any`,
  },
  // The paths beside the hub (TRANSIT_GATEWAY_PROTECTED_ACTIONS): peering two environments' VPCs directly.
  {
    action: "ec2:CreateVpcPeeringConnection",
    resource: (a, r) => `arn:aws:ec2:${r}:${a}:vpc/vpc-any`,
  },
  // On-premises (HYBRID_PROTECTED_ACTIONS): weakening a tunnel's crypto, advertising more to on-premises...
  {
    action: "ec2:ModifyVpnTunnelOptions",
    resource: (a, r) => `arn:aws:ec2:${r}:${a}:vpn-connection/vpn-any`,
  },
  { action: "directconnect:UpdateDirectConnectGatewayAssociation", resource: () => "*" },
  // ...or forwarding a VPC's lookups to servers of one's own.
  {
    action: "route53resolver:AssociateResolverRule",
    resource: (a, r) => `arn:aws:route53resolver:${r}:${a}:resolver-rule/rslvr-rr-any`,
  },
  // The inspection firewall (INSPECTION_PROTECTED_ACTIONS): widening its allow-list.
  {
    action: "network-firewall:UpdateRuleGroup",
    resource: (a, r) => `arn:aws:network-firewall:${r}:${a}:stateful-rulegroup/any`,
  },
  // The address plan (IPAM_PROTECTED_ACTIONS): releasing an environment's allocation so its range can be reused.
  // IPAM pools are global resources: their ARNs have no region.
  {
    action: "ec2:ReleaseIpamPoolAllocation",
    resource: (a) => `arn:aws:ec2::${a}:ipam-pool/ipam-pool-any`,
  },
  // Around DNS Firewall (DNS_FIREWALL_PROTECTED_ACTIONS): another DNS server, or a Route 53 Profile's rule groups.
  {
    action: "ec2:AssociateDhcpOptions",
    resource: (a, r) => `arn:aws:ec2:${r}:${a}:vpc/vpc-any`,
  },
  { action: "route53profiles:AssociateProfile", resource: () => "*" },
  {
    action: "logs:DisassociateKmsKey",
    resource: (a, r, name) => logGroupArn(r, a, sessionLogGroupName(name)),
  },
];

/** Every member account's administrator is denied each protected action by the SCPs on its OU path. */
function workloadDenials(ctx: PathContext): AccessPath[] {
  const region = ctx.config.organization.homeRegion;
  return ctx.accounts.slice(1).flatMap((account) =>
    PROTECTED_ACTIONS.map(({ action, resource }) => ({
      id: `scp-${account.name}-${action.replace(":", "-")}`,
      group: "Guardrails",
      title: `An administrator in ${account.name} cannot call ${action}`,
      expect: "deny" as const,
      doc: SCP_DOC,
      build: () => ({
        ...fromRole(workloadAdminArn(account.id), ctx.orgId, region),
        action,
        resource: resource(account.id, region, ctx.config.organization.name),
        resourceAccount: account.id,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        scps: ctx.index.scpLevels(account.id),
      }),
    })),
  );
}

/** The archive and its replica: nobody deletes a version or reshapes the lock; no HTTP; no outsiders. */
function archivePaths(ctx: PathContext): AccessPath[] {
  const { model, index } = ctx;
  const logArchive = model.accountId(ctx.config.organization.coreAccounts.logArchive);
  const out: AccessPath[] = [];
  const group = "Log archive protection";
  const lockedBuckets = model
    .resources("aws_s3_bucket_object_lock_configuration")
    .map((ref) => String(model.argument(ref, "bucket")));
  for (const bucket of lockedBuckets) {
    const region = model.regionOf(
      model.resources("aws_s3_bucket").find((r) => model.argument(r, "bucket") === bucket)!,
    );
    const object = `arn:aws:s3:::${bucket}/AWSLogs/${logArchive}/CloudTrail/x.json.gz`;
    const admins = [
      { who: "the log-archive account's PlatformAdmin", arn: ssoRoleArn(logArchive, "PlatformAdmin") },
      { who: "a log-archive administrator role", arn: workloadAdminArn(logArchive) },
    ];
    for (const admin of admins) {
      for (const [action, resource] of [
        ["s3:DeleteObjectVersion", object],
        ["s3:PutBucketObjectLockConfiguration", `arn:aws:s3:::${bucket}`],
        ["s3:PutBucketPolicy", `arn:aws:s3:::${bucket}`],
      ] as const) {
        out.push({
          id: `archive-${bucket}-${admin.arn.includes("PlatformAdmin") ? "platform-admin" : "admin"}-${action.replace("s3:", "")}`,
          group,
          title: `${admin.who} cannot call ${action} on ${bucket}`,
          expect: "deny",
          doc: LOCK_DOC,
          build: () => ({
            ...fromRole(admin.arn, ctx.orgId, region),
            action,
            resource,
            resourceAccount: logArchive,
            identityPolicies: [ADMINISTRATOR_ACCESS],
            resourcePolicy: index.bucketPolicy(bucket),
            scps: index.scpLevels(logArchive),
          }),
        });
      }
    }
    out.push({
      id: `archive-${bucket}-pipeline-delete-version`,
      group,
      title: `Not even the pipeline's deploy role can delete an object version in ${bucket}`,
      expect: "deny",
      doc: LOCK_DOC,
      build: () => ({
        ...fromRole(
          `arn:aws:iam::${logArchive}:role/${ctx.config.organization.roles.deploy}`,
          ctx.orgId,
          region,
        ),
        action: "s3:DeleteObjectVersion",
        resource: object,
        resourceAccount: logArchive,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        resourcePolicy: index.bucketPolicy(bucket),
        scps: index.scpLevels(logArchive),
      }),
    });
    for (const action of ["s3:GetObject", "s3:PutObject"]) {
      out.push({
        id: `archive-${bucket}-outsider-${action.replace("s3:", "")}`,
        group,
        title: `A principal outside the organization cannot call ${action} on ${bucket}`,
        expect: "deny",
        doc: CROSS_ACCOUNT_DOC,
        build: () => ({
          ...fromRole(OUTSIDE_ROLE, undefined, region),
          action,
          resource: object,
          resourceAccount: logArchive,
          identityPolicies: [ADMINISTRATOR_ACCESS],
          resourcePolicy: index.bucketPolicy(bucket),
        }),
      });
    }
  }
  for (const ref of model.resources("aws_s3_bucket_policy")) {
    const bucket = String(model.argument(ref, "bucket"));
    const owner = model.accountOf(ref);
    out.push({
      id: `tls-${bucket}`,
      group: "Transport",
      title: `Plain HTTP to ${bucket} is refused, even to its own account's administrator`,
      expect: "deny",
      doc: TLS_DOC,
      build: () => ({
        ...fromRole(workloadAdminArn(owner), ctx.orgId, model.regionOf(ref), {
          "aws:SecureTransport": "false",
        }),
        action: "s3:GetObject",
        resource: `arn:aws:s3:::${bucket}/any`,
        resourceAccount: owner,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        resourcePolicy: index.bucketPolicy(bucket),
        scps: index.scpLevels(owner),
      }),
    });
  }
  return out;
}

const FUNCTION_URL_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html";

/**
 * lz-phi-workloads in a PHI account: no public function URL and no public function permission, while an
 * IAM-authenticated URL and a grant to an account of the organization stay allowed.
 */
function phiWorkloadPaths(ctx: PathContext): AccessPath[] {
  const phiAccount = ctx.config.environments.find((e) => e.phi)?.accounts[0];
  if (!phiAccount) return [];
  const account = ctx.model.accountId(phiAccount);
  const region = ctx.config.organization.homeRegion;
  const fn = `arn:aws:lambda:${region}:${account}:function:patient-portal`;
  const request = (action: string, context: Record<string, string>) => () => ({
    ...fromRole(workloadAdminArn(account), ctx.orgId, region, context),
    action,
    resource: fn,
    resourceAccount: account,
    identityPolicies: [ADMINISTRATOR_ACCESS],
    scps: ctx.index.scpLevels(account),
  });
  const cases: Array<[string, string, string, Record<string, string>, "allow" | "deny"]> = [
    [
      "url-none",
      "a function URL with AuthType NONE",
      "lambda:CreateFunctionUrlConfig",
      { "lambda:FunctionUrlAuthType": "NONE" },
      "deny",
    ],
    [
      "url-update-none",
      "a function URL changed to AuthType NONE",
      "lambda:UpdateFunctionUrlConfig",
      { "lambda:FunctionUrlAuthType": "NONE" },
      "deny",
    ],
    [
      "url-iam",
      "a function URL with AuthType AWS_IAM",
      "lambda:CreateFunctionUrlConfig",
      { "lambda:FunctionUrlAuthType": "AWS_IAM" },
      "allow",
    ],
    [
      "permission-public",
      "a function permission for Principal *",
      "lambda:AddPermission",
      { "lambda:Principal": "*" },
      "deny",
    ],
    [
      "permission-url-none",
      "an invoke permission on a NONE function URL",
      "lambda:AddPermission",
      { "lambda:Principal": ctx.accounts[1].id, "lambda:FunctionUrlAuthType": "NONE" },
      "deny",
    ],
    [
      "permission-member",
      "a function permission for another account of the organization",
      "lambda:AddPermission",
      { "lambda:Principal": ctx.accounts[1].id },
      "allow",
    ],
  ];
  return cases.map(([id, what, action, context, expect]) => ({
    id: `phi-workloads-${phiAccount}-${id}`,
    group: "Guardrails",
    title: `An administrator in ${phiAccount} ${expect === "deny" ? "cannot create" : "can still create"} ${what}`,
    expect,
    doc: FUNCTION_URL_DOC,
    build: request(action, context),
  }));
}

/**
 * The BAA service list (hipaaEligibleServices, AWS's list by default), lz-phi-workloads in a PHI account: a listed service and the always-allowed ones
 * stay callable, a service off the list is denied to its administrator, and the pipeline still deploys it. Every
 * other path of `make verify` (deliveries, backups, replication) is decided under the same SCP, so a landing-zone
 * role the deny forgot fails there by name.
 */
function baaServicePaths(ctx: PathContext): AccessPath[] {
  const listed = baaServicePrefixes(ctx.config.organization);
  const phiAccount = ctx.config.environments.find((e) => e.phi)?.accounts[0];
  if (listed.length === 0 || !phiAccount) return [];
  const account = ctx.model.accountId(phiAccount);
  const region = ctx.config.organization.homeRegion;
  const allowed = baaAllowedPrefixes(ctx.config.organization);
  // The first service IAM knows that is neither listed nor always allowed and has an action without a resource.
  const unlisted = Object.keys(iamServiceNames())
    .sort()
    .find((prefix) => !allowed.has(prefix) && hasWildcardAction(prefix))!;
  const unlistedAction = `${unlisted}:${wildcardAction(unlisted)}`;
  const call = (principal: string, action: string) => () => ({
    ...fromRole(principal, ctx.orgId, region),
    action,
    resource: "*",
    resourceAccount: account,
    identityPolicies: [ADMINISTRATOR_ACCESS],
    scps: ctx.index.scpLevels(account),
  });
  const admin = workloadAdminArn(account);
  const deployRole = `arn:aws:iam::${account}:role/${ctx.config.organization.roles.deploy}`;
  const cases: Array<[string, string, string, string, "allow" | "deny"]> = [
    [
      "listed",
      `its administrator calls ${listed[0]}, which the list clears`,
      admin,
      `${listed[0]}:${wildcardAction(listed[0])}`,
      "allow",
    ],
    [
      "exempt",
      "its administrator reads AWS Health, which the landing zone always allows",
      admin,
      "health:DescribeEvents",
      "allow",
    ],
    [
      "unlisted",
      `its administrator calls ${unlisted}, which is not on the list`,
      admin,
      unlistedAction,
      "deny",
    ],
    [
      "pipeline",
      `the pipeline calls ${unlisted}, so the landing zone's own deploy still applies`,
      deployRole,
      unlistedAction,
      "allow",
    ],
  ];
  return cases.map(([id, what, principal, action, expect]) => ({
    id: `baa-services-${phiAccount}-${id}`,
    group: "Guardrails",
    title: `In ${phiAccount}, ${what}: ${expect === "deny" ? "denied" : "allowed"}`,
    expect,
    doc: HIPAA_ELIGIBLE_SERVICES_REFERENCE,
    build: call(principal, action),
  }));
}

/**
 * Every member account's administrator is denied changing a landing-zone VPC's routes, giving it an internet
 * gateway, adding a subnet to it or removing its tags (DenyLandingZoneVpcChanges keys on the LandingZone tag every stack's resources carry),
 * and keeps the same calls on a route table of its own: the deny reaches only what the landing zone built.
 */
function landingZoneVpcPaths(ctx: PathContext): AccessPath[] {
  const region = ctx.config.organization.homeRegion;
  const tagged = { [`aws:ResourceTag/${LANDING_ZONE_TAG}`]: ctx.config.organization.name };
  const calls = [
    { action: "ec2:CreateRoute", resource: (a: string) => `arn:aws:ec2:${region}:${a}:route-table/rtb-any` },
    {
      action: "ec2:AttachInternetGateway",
      resource: (a: string) => `arn:aws:ec2:${region}:${a}:vpc/vpc-any`,
    },
    // A subnet of one's own in a landing-zone VPC, to route it through the VPC's gateways as one pleases.
    { action: "ec2:CreateSubnet", resource: (a: string) => `arn:aws:ec2:${region}:${a}:vpc/vpc-any` },
    { action: "ec2:DeleteTags", resource: (a: string) => `arn:aws:ec2:${region}:${a}:route-table/rtb-any` },
  ];
  return ctx.accounts.slice(1).flatMap((account) => {
    const request = (action: string, resource: string, context: Record<string, string>) => () => {
      const from = fromRole(workloadAdminArn(account.id), ctx.orgId, region);
      return {
        ...from,
        context: { ...from.context, ...context },
        action,
        resource,
        resourceAccount: account.id,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        scps: ctx.index.scpLevels(account.id),
      };
    };
    return [
      ...calls.map(({ action, resource }) => ({
        id: `scp-${account.name}-landing-zone-vpc-${action.replace(":", "-")}`,
        group: "Guardrails",
        title: `An administrator in ${account.name} cannot call ${action} on a landing-zone VPC's resource (tagged ${LANDING_ZONE_TAG})`,
        expect: "deny" as const,
        doc: SCP_DOC,
        build: request(action, resource(account.id), tagged),
      })),
      {
        id: `scp-${account.name}-own-vpc-ec2-CreateRoute`,
        group: "Guardrails",
        title: `An administrator in ${account.name} can still call ec2:CreateRoute on a route table of its own (no ${LANDING_ZONE_TAG} tag)`,
        expect: "allow" as const,
        doc: SCP_DOC,
        build: request("ec2:CreateRoute", calls[0].resource(account.id), {}),
      },
    ];
  });
}

/** Every guardrail path. */
export function guardrailPaths(ctx: PathContext): AccessPath[] {
  return [
    ...workloadDenials(ctx),
    ...landingZoneVpcPaths(ctx),
    ...archivePaths(ctx),
    ...phiWorkloadPaths(ctx),
    ...baaServicePaths(ctx),
    ...exemptRolePaths(ctx),
  ];
}
