// IAM Identity Center: the permission sets and which identity-store group gets which set in which account,
// the only way people reach the landing zone's accounts (164.312(a)(1) access control, 164.308(a)(4) access
// management, 164.312(d) person authentication through the identity provider).
import { Construct } from "constructs";
import { constructError } from "../src/config/errors";
import { Fn } from "cdktf";
import { DataAwsIdentitystoreGroup } from "@cdktf/provider-aws/lib/data-aws-identitystore-group";
import { DataAwsSsoadminInstances } from "@cdktf/provider-aws/lib/data-aws-ssoadmin-instances";
import { SsoadminAccountAssignment } from "@cdktf/provider-aws/lib/ssoadmin-account-assignment";
import { PermissionSetDefinition } from "../src/policies/permission-sets";
import { PermissionSet } from "./permission-set";

/** One group's set in one account. */
export interface IdentityCenterAssignment {
  /** The group's display name. */
  readonly group: string;
  /** The permission set's name. */
  readonly permissionSet: string;
  /** The account's name in the configuration (stable construct IDs). */
  readonly accountName: string;
  /** The account's ID. */
  readonly accountId: string;
}

export interface IdentityCenterProps {
  /** Display names of the groups the assignments use; their IDs are looked up in the identity store. */
  readonly groups: readonly string[];
  /** The permission sets to create. */
  readonly permissionSets: readonly PermissionSetDefinition[];
  /** The assignments, one per group, set and account. */
  readonly assignments: readonly IdentityCenterAssignment[];
}

/** The organization's Identity Center instance, its permission sets and account assignments. */
export class IdentityCenter extends Construct {
  /** Permission sets by name. */
  readonly permissionSets = new Map<string, PermissionSet>();

  constructor(scope: Construct, id: string, props: IdentityCenterProps) {
    super(scope, id);
    // An organization has one Identity Center instance; it is enabled once, in the console, before the first
    // deploy (docs/identity-center.md).
    const instances = new DataAwsSsoadminInstances(this, "instance");
    const instanceArn = Fn.element(instances.arns, 0);
    const identityStoreId = Fn.element(instances.identityStoreIds, 0);

    const groupIds = new Map<string, string>();
    for (const group of props.groups) {
      const lookup = new DataAwsIdentitystoreGroup(this, `group-${group}`, {
        identityStoreId,
        alternateIdentifier: { uniqueAttribute: { attributePath: "DisplayName", attributeValue: group } },
      });
      groupIds.set(group, lookup.groupId);
    }

    for (const definition of props.permissionSets) {
      this.permissionSets.set(
        definition.name,
        new PermissionSet(this, `set-${definition.name}`, { instanceArn, definition }),
      );
    }

    for (const a of props.assignments) {
      const set = this.permissionSets.get(a.permissionSet);
      const groupId = groupIds.get(a.group);
      if (!set || !groupId) {
        throw constructError(
          this,
          "assignments",
          { permissionSet: a.permissionSet, group: a.group },
          "a permission set in permissionSets and a group in groups",
        );
      }
      new SsoadminAccountAssignment(this, `assignment-${a.group}-${a.permissionSet}-${a.accountName}`, {
        instanceArn,
        permissionSetArn: set.permissionSet.arn,
        principalType: "GROUP",
        principalId: groupId,
        targetType: "AWS_ACCOUNT",
        targetId: a.accountId,
      });
    }
  }
}
