// The hub's VPN connections and who can read their secrets (164.312(a)(1) access control, 164.312(e)(1)
// transmission security): the network account's read-only plan role, which pull requests assume, refreshes a VPN
// connection for a plan but cannot fetch the router configuration that carries the tunnels' pre-shared keys
// (PLAN_READER_DENIED_DATA_READS), and the connections keep those keys in Secrets Manager, which ReadOnlyAccess
// cannot read (HybridConnectivity); and the tunnels' activity log in each hub region is written by the log delivery
// service for this account only, encrypted under a key that serves that log group alone, and kept from the account's
// administrators (164.312(b) audit controls).
import { logGroupArn, logStreamIn } from "../../policies/arns";
import { roleArn } from "../../policies/kms-policies";
import { HYBRID_DOCS, vpnTunnelLogGroupName, vpnTunnelLogPolicyName } from "../../policies/hybrid-network";
import {
  AccessPath,
  ADMINISTRATOR_ACCESS,
  fromRole,
  fromService,
  LOGS_KMS_DOC,
  logsGeneratesDataKey,
  OUTSIDE_ACCOUNT,
  PathContext,
  workloadAdminArn,
} from "./context";

const GROUP = "Hub on-premises side";

/** Per VPN connection: the plan role refreshes it, and is denied its router configuration and its keys' secret. */
export function hybridNetworkPaths(ctx: PathContext): AccessPath[] {
  const { model, index, config } = ctx;
  return model.resources("aws_vpn_connection").flatMap((vpn) => {
    const account = model.accountOf(vpn);
    const accountName = ctx.accounts.find((a) => a.id === account)?.name;
    if (!accountName) return [];
    const region = model.regionOf(vpn);
    const name = String(
      (model.argument(vpn, "tags") as Record<string, string> | undefined)?.Name ?? vpn.name,
    );
    const planRoleArn = roleArn({ accountId: account, roleName: config.organization.roles.plan });
    const asPlanRole = (action: string, resource: string) => ({
      ...fromRole(planRoleArn, ctx.orgId, region),
      identityPolicies: index.roleIdentityPolicies(planRoleArn),
      scps: index.scpLevels(account),
      action,
      resource,
      resourceAccount: account,
    });
    return [
      {
        id: `vpn-${name}-plan-role-refreshes`,
        group: GROUP,
        title: `The read-only plan role of ${accountName} describes VPN connection ${name}, as a plan's refresh does`,
        expect: "allow" as const,
        doc: HYBRID_DOCS.vpnAttachments,
        build: () => asPlanRole("ec2:DescribeVpnConnections", "*"),
      },
      {
        id: `vpn-${name}-plan-role-no-router-configuration`,
        group: GROUP,
        title: `The read-only plan role of ${accountName} cannot fetch ${name}'s router configuration (its pre-shared keys)`,
        expect: "deny" as const,
        doc: HYBRID_DOCS.tunnelOptions,
        build: () =>
          asPlanRole(
            "ec2:GetVpnConnectionDeviceSampleConfiguration",
            `arn:aws:ec2:${region}:${account}:vpn-connection/vpn-0123456789abcdef0`,
          ),
      },
      {
        id: `vpn-${name}-plan-role-no-key-secret`,
        group: GROUP,
        title: `The read-only plan role of ${accountName} cannot read the secret holding ${name}'s pre-shared keys`,
        expect: "deny" as const,
        doc: HYBRID_DOCS.tunnelOptions,
        build: () =>
          asPlanRole(
            "secretsmanager:GetSecretValue",
            `arn:aws:secretsmanager:${region}:${account}:secret:vpn-0123456789abcdef0-AbCdEf`,
          ),
      },
    ];
  });
}

/**
 * Per hub region with VPN connections: the log delivery service writes the tunnel log group through the account's
 * resource policy (for this account's deliveries only), CloudWatch Logs encrypts that group and no other with its
 * key, and an administrator of the network account can neither write events into the group nor delete it
 * (DenyVpnTunnelLogChanges).
 */
export function vpnTunnelLogPaths(ctx: PathContext): AccessPath[] {
  const { model, index, config } = ctx;
  const logGroupName = vpnTunnelLogGroupName(config.organization.name);
  return model
    .resources("aws_cloudwatch_log_group")
    .filter((ref) => model.argument(ref, "name") === logGroupName)
    .flatMap((logGroup) => {
      const account = model.accountOf(logGroup);
      const accountName = ctx.accounts.find((a) => a.id === account)?.name;
      const region = model.regionOf(logGroup);
      const policyName = vpnTunnelLogPolicyName(config.organization.name);
      const policy = model
        .resources("aws_cloudwatch_log_resource_policy", logGroup.stack)
        .find(
          (ref) =>
            model.argument(ref, "policy_name") === policyName &&
            model.accountOf(ref) === account &&
            model.regionOf(ref) === region,
        );
      // The model reads the group's key reference as the key's ARN.
      const keyArn = String(model.argument(logGroup, "kms_key_id") ?? "");
      const where = `${accountName ?? account} (${region})`;
      // A tunnel log group without its delivery policy or key is a failing group, never a skipped one.
      if (!accountName)
        throw new Error(`${logGroupName} is in ${account}, which is no account of the configuration`);
      if (!policy)
        throw new Error(`${logGroupName} of ${where} has no ${policyName} resource policy beside it`);
      if (!keyArn.startsWith("arn:"))
        throw new Error(`${logGroupName} of ${where} is not encrypted with a key`);
      const groupArn = logGroupArn(region, account, logGroupName);
      const delivery = (source: string) => () => ({
        ...fromService("delivery.logs.amazonaws.com", {
          account: source,
          arn: `arn:aws:logs:${region}:${source}:delivery-source:vpn-tunnels`,
        }),
        action: "logs:PutLogEvents",
        resource: logStreamIn(groupArn, "vpn-0123456789abcdef0-tunnel1"),
        resourceAccount: account,
        resourcePolicy: model.policyArgument(policy, "policy_document"),
      });
      const toKey = (logGroupArn: string) => () => ({
        ...logsGeneratesDataKey(region, logGroupArn),
        resource: keyArn,
        resourceAccount: account,
        resourcePolicy: index.keyPolicy(keyArn),
      });
      return [
        {
          id: `vpn-tunnel-logs-${region}-delivery-writes`,
          group: GROUP,
          title: `The log delivery service writes the VPN tunnels' activity into ${logGroupName} of ${where}`,
          expect: "allow" as const,
          doc: HYBRID_DOCS.vendedLogsToCloudWatch,
          build: delivery(account),
        },
        {
          id: `vpn-tunnel-logs-${region}-other-source`,
          group: GROUP,
          title: `The log delivery service cannot write another account's logs into ${logGroupName} of ${where}`,
          expect: "deny" as const,
          doc: HYBRID_DOCS.vendedLogsToCloudWatch,
          build: delivery(OUTSIDE_ACCOUNT),
        },
        {
          id: `vpn-tunnel-logs-${region}-logs-encrypts`,
          group: GROUP,
          title: `CloudWatch Logs encrypts ${logGroupName} of ${where} with its key`,
          expect: "allow" as const,
          doc: LOGS_KMS_DOC,
          build: toKey(groupArn),
        },
        {
          id: `vpn-tunnel-logs-${region}-logs-other-group`,
          group: GROUP,
          title: `CloudWatch Logs cannot encrypt another log group of ${where} with the tunnel log key`,
          expect: "deny" as const,
          doc: LOGS_KMS_DOC,
          build: toKey(logGroupArn(region, account, "/app/other")),
        },
        {
          id: `vpn-tunnel-logs-${region}-admin-cannot-write`,
          group: GROUP,
          title: `An administrator of ${accountName} cannot write events of its own into ${logGroupName} in ${region}`,
          expect: "deny" as const,
          doc: HYBRID_DOCS.tunnelLogs,
          build: () => ({
            ...fromRole(workloadAdminArn(account), ctx.orgId, region),
            action: "logs:PutLogEvents",
            resource: logStreamIn(groupArn, "vpn-0123456789abcdef0-tunnel1"),
            resourceAccount: account,
            identityPolicies: [ADMINISTRATOR_ACCESS],
            scps: index.scpLevels(account),
          }),
        },
        {
          id: `vpn-tunnel-logs-${region}-admin-cannot-delete`,
          group: GROUP,
          title: `An administrator of ${accountName} cannot delete ${logGroupName} in ${region}`,
          expect: "deny" as const,
          doc: HYBRID_DOCS.tunnelLogs,
          build: () => ({
            ...fromRole(workloadAdminArn(account), ctx.orgId, region),
            action: "logs:DeleteLogGroup",
            resource: groupArn,
            resourceAccount: account,
            identityPolicies: [ADMINISTRATOR_ACCESS],
            scps: index.scpLevels(account),
          }),
        },
      ];
    });
}
