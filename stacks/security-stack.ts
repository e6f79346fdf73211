// The security-tooling account's key stack: the central, per-purpose KMS keys (164.312(a)(2)(iv) encryption), and
// the central application logs' sinks (164.308(a)(1)(ii)(D), 164.312(b)), which every account's baseline links to
// and so must exist before the baselines apply.
import { Construct } from "constructs";
import { regionalArchiveRegions, regionOf, replicationRegion } from "../src/config/model";
import { CentralKeys } from "../modules/central-keys";
import { ObservabilitySink } from "../modules/observability-sink";
import { REPLICATION_ROLE_NAME } from "../modules/log-archive";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { OrganizationStack } from "./organization-stack";

export const SECURITY_STACK_ID = "security";

export interface SecurityStackProps extends StackContext {
  /** The organization stack: account and organization IDs. */
  readonly organization: OrganizationStack;
}

/** The central keys and the observability sinks in the security-tooling account. */
export class SecurityStack extends LandingZoneStack {
  readonly keys: CentralKeys;
  /** The sinks every account links its log groups and metrics to, when detectiveControls.centralLogs is on. */
  readonly observability?: ObservabilitySink;

  constructor(scope: Construct, id: string, props: SecurityStackProps) {
    const org = props.config.organization;
    const accountId = props.organization.accountId(org.coreAccounts.securityTooling);
    super(scope, id, { config: props.config, target: props.target, accountId, holdsPhi: true });
    const region = replicationRegion(org);
    this.keys = new CentralKeys(this, "keys", {
      aliasPrefix: org.name,
      // The pipeline reaches this account through the deploy role, so that role is the one that must keep control.
      admins: this.keyAdministrators(),
      organizationId: props.organization.organizationId,
      homeRegion: org.homeRegion,
      replication: {
        region,
        provider: this.providerFor(region),
        role: {
          accountId: props.organization.accountId(org.coreAccounts.logArchive),
          roleName: REPLICATION_ROLE_NAME,
        },
      },
      trail: {
        managementAccountId: props.organization.managementAccountId,
        trailArn: props.organization.trailArn,
      },
      backupAccountId: props.organization.accountId(org.coreAccounts.backup),
      environments: props.config.environments.map((env) => {
        const envRegion = regionOf(org, env);
        return {
          name: env.name,
          accountIds: env.accounts.map((name) => props.organization.accountId(name)),
          region: envRegion,
          provider: envRegion === org.homeRegion ? undefined : this.providerFor(envRegion),
        };
      }),
      archiveRegions: regionalArchiveRegions(props.config).map((r) => ({
        region: r,
        provider: this.providerFor(r),
      })),
    });
    if (org.detectiveControls.centralLogs.enabled) {
      this.observability = new ObservabilitySink(this, "central-logs", {
        regions: org.regions,
        providerFor: (r) => this.providerFor(r),
        organizationId: props.organization.organizationId,
        namePrefix: org.name,
      });
    }
  }
}
