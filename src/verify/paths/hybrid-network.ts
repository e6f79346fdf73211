// The hub's VPN connections and who can read their secrets (164.312(a)(1) access control, 164.312(e)(1)
// transmission security): the network account's read-only plan role, which pull requests assume, refreshes a VPN
// connection for a plan but cannot fetch the router configuration that carries the tunnels' pre-shared keys
// (PLAN_READER_DENIED_DATA_READS), and the connections keep those keys in Secrets Manager, which ReadOnlyAccess
// cannot read (HybridConnectivity).
import { roleArn } from "../../policies/kms-policies";
import { HYBRID_DOCS } from "../../policies/hybrid-network";
import { AccessPath, fromRole, PathContext } from "./context";

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
      scps: index.scpLevels(accountName),
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
