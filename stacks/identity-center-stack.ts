// The management account's Identity Center stack: permission sets and group assignments to accounts
// (164.312(a)(1) access control, 164.308(a)(4) access management, 164.312(a)(2)(ii) emergency access).
import { Construct } from "constructs";
import { constructError } from "../src/config/errors";
import {
  expandAssignments,
  MANAGEMENT_ACCOUNT_NAME,
  permissionSets,
  phiAccountNames,
} from "../src/config/model";
import { IdentityCenter } from "../modules/identity-center";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { OrganizationStack } from "./organization-stack";

/** The stack's ID, which is also its state key and its directory in cdktf.out. */
export const IDENTITY_CENTER_STACK_ID = "identity-center";

export interface IdentityCenterStackProps extends StackContext {
  /** The organization stack: account IDs. */
  readonly organization: OrganizationStack;
}

/** Wires the catalogue, the configured sets and the expanded assignments. */
export class IdentityCenterStack extends LandingZoneStack {
  /** Identity Center's sets and assignments. */
  readonly identityCenter: IdentityCenter;

  constructor(scope: Construct, id: string, props: IdentityCenterStackProps) {
    super(scope, id, { config: props.config, target: props.target });
    const org = props.config.organization;
    const center = org.identityCenter;
    if (!center) {
      throw constructError(
        this,
        "config.organization.identityCenter",
        undefined,
        "an identityCenter section",
      );
    }
    const phiAccounts = [...phiAccountNames(props.config.environments)];
    // Validation has refused duplicates; one expanded entry per group, set and account remains.
    const unique = new Map(
      expandAssignments(org).map((a) => [`${a.group}/${a.permissionSet}/${a.account}`, a] as const),
    );
    this.identityCenter = new IdentityCenter(this, "identity-center", {
      groups: center.groups,
      permissionSets: permissionSets(org, {
        phiAccountIds: phiAccounts.map((name) => props.organization.accountId(name)),
      }),
      assignments: [...unique.values()].map((a) => ({
        group: a.group,
        permissionSet: a.permissionSet,
        accountName: a.account,
        // BreakGlass on Root also reaches the management account (src/config/model.ts, expandAssignments).
        accountId:
          a.account === MANAGEMENT_ACCOUNT_NAME
            ? props.organization.managementAccountId
            : props.organization.accountId(a.account),
      })),
    });
  }
}
