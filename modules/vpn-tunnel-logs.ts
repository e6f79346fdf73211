// The Site-to-Site VPN tunnels' activity log in the network account, one region: a key of its own, a log group kept
// as long as the log archive and the delivery permission AWS publishes for it, so every IKE negotiation, dead peer
// detection and tunnel state change on the hub's on-premises side is recorded (164.312(b) audit controls,
// 164.312(e)(1) transmission security). AWS: https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-logs.html
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { settingsOf } from "../src/config/profile";
import {
  vpnTunnelLogDeliveryPolicy,
  vpnTunnelLogGroupName,
  vpnTunnelLogKeyAlias,
  vpnTunnelLogPolicyName,
} from "../src/policies/hybrid-network";
import { KeyAdministrators, keyPolicy, logGroupKeyUse } from "../src/policies/kms-policies";
import { renderPolicy } from "../src/policies/policy-document";
import { LandingZoneKey } from "./landing-zone-key";
import { logRetentionAtLeast } from "./organization-trail";

export interface VpnTunnelLogsProps {
  /** The organization's name: the key's alias, the log group's and the resource policy's names start with it. */
  readonly organizationName: string;
  /** The provider for the hub's region in the network account. */
  readonly provider: AwsProvider;
  /** The network account's ID, or the expression that reads it. */
  readonly accountId: string;
  /** The hub's region. */
  readonly region: string;
  /** Who administers the key. */
  readonly keyAdmins: KeyAdministrators;
  /** Days the tunnel logs are kept (rounded up to a value CloudWatch allows): the log archive's retention. */
  readonly logRetentionDays: number;
}

/** The log group the hub's VPN connections in one region write their tunnels' activity to. */
export class VpnTunnelLogs extends Construct {
  /** The tunnel log group. */
  readonly logGroup: CloudwatchLogGroup;
  /** The key that encrypts it. */
  readonly key: LandingZoneKey;

  constructor(scope: Construct, id: string, props: VpnTunnelLogsProps) {
    super(scope, id);
    const { provider, accountId, region } = props;
    const logGroupName = vpnTunnelLogGroupName(props.organizationName);
    this.key = new LandingZoneKey(this, "key", {
      provider,
      alias: vpnTunnelLogKeyAlias(props.organizationName),
      description: "Site-to-Site VPN: the hub's tunnel activity log group in this region",
      policy: keyPolicy(props.keyAdmins, logGroupKeyUse({ accountId, region, logGroupName })),
    });
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      provider,
      name: logGroupName,
      retentionInDays: logRetentionAtLeast(props.logRetentionDays),
      kmsKeyId: this.key.arn,
      lifecycle: { preventDestroy: settingsOf(this).preventDestroy },
    });
    // The account-level resource policy AWS would otherwise add itself when the deploy role holds
    // logs:PutResourcePolicy (HYBRID_DOCS.tunnelLogs): the same statement, written here so it is in state.
    new CloudwatchLogResourcePolicy(this, "delivery-policy", {
      provider,
      policyName: vpnTunnelLogPolicyName(props.organizationName),
      policyDocument: renderPolicy(vpnTunnelLogDeliveryPolicy({ accountId, region, logGroupName })),
    });
  }
}
