// The deploy role in member accounts that joined by invitation, which AWS Organizations never gave one: a
// service-managed CloudFormation StackSet from the management account creates it, so the landing zone can reach
// every account it governs without anyone signing in to them (164.312(a)(1) access control).
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { CloudformationStackSet } from "@cdktf/provider-aws/lib/cloudformation-stack-set";
import { CloudformationStackSetInstance } from "@cdktf/provider-aws/lib/cloudformation-stack-set-instance";
import { constructError } from "../src/config/errors";
import { DEPLOY_ROLE_POLICY_ARN, memberDeployRoleTrustPolicy } from "../src/policies/pipeline-policies";

/** The service principal StackSets with service-managed permissions need trusted access for. */
export const STACKSETS_SERVICE_PRINCIPAL = "member.org.stacksets.cloudformation.amazonaws.com";

export interface DeployRoleStackSetProps {
  /** The role's name: `roles.deploy`, the role the stacks' providers assume in every member account. */
  readonly roleName: string;
  /** The management account's ID, which the role trusts (as the role AWS Organizations creates does). */
  readonly managementAccountId: string;
  /** The invited accounts (12-digit IDs) and the IDs of the OUs they sit in. */
  readonly targets: ReadonlyArray<{ readonly accountId: string; readonly ouId: string }>;
  /** The region the stack instances run in; IAM is global, so one region is enough. */
  readonly region: string;
  /** What must exist first: the organization with trusted access for StackSets. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The StackSet and one instance per invited account. It targets those accounts only (AccountFilterType
 * INTERSECTION, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/account-level-targets.html) and does
 * not auto-deploy: an account Organizations created already has the role, and CloudFormation fails to create a role
 * whose name exists. An account invited later is added by running make adopt again.
 */
export class DeployRoleStackSet extends Construct {
  readonly stackSet: CloudformationStackSet;

  constructor(scope: Construct, id: string, props: DeployRoleStackSetProps) {
    super(scope, id);
    if (props.targets.length === 0) {
      throw constructError(
        this,
        "targets",
        [],
        "at least one invited account (omit the construct otherwise)",
      );
    }
    this.stackSet = new CloudformationStackSet(this, "stack-set", {
      name: "lz-deploy-role",
      description: `Creates ${props.roleName} in member accounts that joined the organization by invitation`,
      permissionModel: "SERVICE_MANAGED",
      autoDeployment: { enabled: false },
      capabilities: ["CAPABILITY_NAMED_IAM"],
      templateBody: JSON.stringify(deployRoleTemplate(props.roleName, props.managementAccountId)),
      lifecycle: { preventDestroy: true },
      dependsOn: [...props.dependsOn],
    });
    for (const target of props.targets) {
      new CloudformationStackSetInstance(this, `instance-${target.accountId}`, {
        stackSetName: this.stackSet.name,
        region: props.region,
        deploymentTargets: {
          organizationalUnitIds: [target.ouId],
          accounts: [target.accountId],
          accountFilterType: "INTERSECTION",
        },
        // Removing the instance (the account left the configuration) keeps the role: the account stays reachable.
        retainStack: true,
      });
    }
  }
}

/** The CloudFormation template: the role with the trust and rights of the one AWS Organizations creates. */
export function deployRoleTemplate(roleName: string, managementAccountId: string): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `The landing zone's deploy role (${roleName}), as AWS Organizations creates it in the accounts it creates`,
    Resources: {
      DeployRole: {
        Type: "AWS::IAM::Role",
        // Deleting the stack must not cut the landing zone off from the account.
        DeletionPolicy: "Retain",
        UpdateReplacePolicy: "Retain",
        Properties: {
          RoleName: roleName,
          AssumeRolePolicyDocument: memberDeployRoleTrustPolicy(managementAccountId),
          ManagedPolicyArns: [DEPLOY_ROLE_POLICY_ARN],
        },
      },
    },
  };
}
