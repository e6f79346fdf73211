// One management policy of AWS Organizations (an AI services opt-out, tag or declarative policy) attached to Root
// (or to the OUs given),
// its size checked at synth against the configured quota: organization-wide settings every account inherits
// (164.312(a)(1) access control).
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { constructError } from "../src/config/errors";
import { ManagementPolicyType } from "../src/policies/policy-kinds";

export interface ManagementPolicyProps {
  /** The policy's name in AWS Organizations. */
  readonly policyName: string;
  /** The policy's description in AWS Organizations. */
  readonly description: string;
  /** The policy type, e.g. AISERVICES_OPT_OUT_POLICY; the organization must have it enabled. */
  readonly type: ManagementPolicyType;
  /** The policy document (management policy syntax, not IAM). */
  readonly content: Record<string, unknown>;
  /** The root's ID. */
  readonly rootId: string;
  /**
   * Where to attach it instead of Root: OU paths (used in the attachments' construct IDs, so they must be stable)
   * and their IDs.
   * @default - Root alone
   */
  readonly targets?: ReadonlyArray<{ readonly label: string; readonly targetId: string }>;
  /** The largest allowed policy, in characters, and the limits.* key that sets it. */
  readonly limit: { readonly characters: number; readonly setting: string };
  /** The organization, with the policy type enabled. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** The policy and its attachments (Root by default); fails synth when it exceeds the configured size. */
export class ManagementPolicy extends Construct {
  readonly policy: OrganizationsPolicy;
  /** The policy's name in AWS Organizations (make adopt matches by it). */
  readonly policyName: string;
  /** The content, exactly as sent to AWS. */
  readonly content: string;

  constructor(scope: Construct, id: string, props: ManagementPolicyProps) {
    super(scope, id);
    this.policyName = props.policyName;
    this.content = JSON.stringify(props.content);
    if (this.content.length > props.limit.characters) {
      throw constructError(
        this,
        `content (policy "${props.policyName}"), in characters`,
        this.content.length,
        `at most ${props.limit.characters} characters (limits.${props.limit.setting} in organization.yaml)`,
      );
    }
    this.policy = new OrganizationsPolicy(this, "policy", {
      name: props.policyName,
      description: props.description,
      type: props.type,
      content: this.content,
      dependsOn: [...props.dependsOn],
    });
    for (const target of props.targets ?? [{ label: "Root", targetId: props.rootId }]) {
      new OrganizationsPolicyAttachment(this, `attach-${target.label.replace(/\//g, "-")}`, {
        policyId: this.policy.id,
        targetId: target.targetId,
      });
    }
  }
}
