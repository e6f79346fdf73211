// A role's permissions as a customer managed policy attached to it, never an inline policy: AWS Config's
// IAM_NO_INLINE_POLICY_CHECK in the conformance pack reports every inline policy, and a managed policy is
// versioned, so a change is reviewable after the fact (164.312(a)(1) access control, 164.308(a)(4)).
import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LANDING_ZONE_POLICY_PATH, PolicyDocument, renderPolicy } from "../src/policies/policy-document";

export interface RolePermissionsProps {
  /** The provider of the role's account. @default the stack's default provider */
  readonly provider?: AwsProvider;
  /** The role's name (or a reference to it). */
  readonly roleName: string;
  /** The policy's name: unique in the account, 1-128 characters. */
  readonly policyName: string;
  /** What the permissions are for, shown in IAM. */
  readonly description: string;
  readonly document: PolicyDocument;
}

/** A customer managed policy and its attachment to one role. */
export class RolePermissions extends Construct {
  readonly policy: IamPolicy;
  readonly attachment: IamRolePolicyAttachment;

  constructor(scope: Construct, id: string, props: RolePermissionsProps) {
    super(scope, id);
    this.policy = new IamPolicy(this, "policy", {
      provider: props.provider,
      name: props.policyName,
      path: LANDING_ZONE_POLICY_PATH,
      description: props.description,
      policy: renderPolicy(props.document),
    });
    this.attachment = new IamRolePolicyAttachment(this, "attachment", {
      provider: props.provider,
      role: props.roleName,
      policyArn: this.policy.arn,
    });
  }
}
