// The read-only plan role in a member account (`roles.plan`): what a pull request's plan and the drift run hold
// there. Trusted only by the management account's plan role, ReadOnlyAccess without PHI data, so a branch of the
// repository can read configuration to plan but never change the account or read what it protects
// (164.312(a)(1) access control, 164.308(a)(4) information access management).
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  PLAN_ROLE_POLICY_ARN,
  planReaderPolicy,
  planReaderTrustPolicy,
} from "../src/policies/pipeline-policies";
import { renderPolicy } from "../src/policies/policy-document";
import { RolePermissions } from "./role-permissions";

/** The customer managed policy beside ReadOnlyAccess: no PHI, no data reads (planReaderPolicy). */
export const PLAN_READER_POLICY = "lz-plan-reader-no-phi";

export interface PlanReaderRoleProps {
  /** The role's name (`roles.plan`). */
  readonly roleName: string;
  /** The management account's ID: only its plan role may assume this one. */
  readonly managementAccountId: string;
  /** The management account's plan role (`roles.managementPlan`). */
  readonly managementPlanRole: string;
  /** The provider of the role's account. @default the stack's default provider */
  readonly provider?: AwsProvider;
  /**
   * The unsigned workload code a plan refreshes in this account (S3 object ARNs or patterns): left out of the
   * object-read deny, since the provider reads an uploaded object's metadata with s3:GetObject.
   * @default - none: no object is read
   */
  readonly codeObjectArns?: readonly string[];
}

/** The member account's plan role and its two policies. */
export class PlanReaderRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: PlanReaderRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      provider: props.provider,
      name: props.roleName,
      description:
        "Plans of the landing zone (pull requests, drift): reads configuration, no PHI, changes nothing",
      assumeRolePolicy: renderPolicy(
        planReaderTrustPolicy(props.managementAccountId, props.managementPlanRole),
      ),
      // A plan session needs minutes; one hour is IAM's shortest maximum.
      maxSessionDuration: 3600,
    });
    // ReadOnlyAccess is what terraform plan's refresh needs across every service the stacks manage.
    new IamRolePolicyAttachment(this, "read-only", {
      provider: props.provider,
      role: this.role.name,
      policyArn: PLAN_ROLE_POLICY_ARN,
    });
    new RolePermissions(this, "no-phi", {
      provider: props.provider,
      roleName: this.role.name,
      policyName: PLAN_READER_POLICY,
      description: "No PHI and no data reads for plans: PHI keys, log events, items, objects, messages",
      document: planReaderPolicy(props.codeObjectArns),
    });
  }
}
