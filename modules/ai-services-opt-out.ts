// The AI services opt-out policy on Root: no AWS AI service stores or uses the organization's content, PHI
// included, to develop its services (164.312(a)(1)); child policies cannot undo it.
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { constructError } from "../src/config/errors";
import { AI_OPT_OUT_POLICY_NAME, aiOptOutPolicyContent } from "../src/policies/ai-opt-out-policy";

export interface AiServicesOptOutProps {
  /** The root's ID. */
  readonly rootId: string;
  /** The largest allowed policy, in characters (limits.aiOptOutMaxCharacters). */
  readonly maxCharacters: number;
  /** The organization, with the AISERVICES_OPT_OUT_POLICY type enabled. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** The opt-out policy and its attachment to Root; fails synth when the policy exceeds the configured size. */
export class AiServicesOptOut extends Construct {
  readonly policy: OrganizationsPolicy;
  /** The content, exactly as sent to AWS. */
  readonly content: string;

  constructor(scope: Construct, id: string, props: AiServicesOptOutProps) {
    super(scope, id);
    this.content = JSON.stringify(aiOptOutPolicyContent());
    if (this.content.length > props.maxCharacters) {
      throw constructError(
        this,
        `content (policy "${AI_OPT_OUT_POLICY_NAME}"), in characters`,
        this.content.length,
        `at most ${props.maxCharacters} characters (limits.aiOptOutMaxCharacters in organization.yaml)`,
      );
    }
    this.policy = new OrganizationsPolicy(this, "policy", {
      name: AI_OPT_OUT_POLICY_NAME,
      description:
        "Opt every account out of AWS AI services' use of its content; child policies cannot change it.",
      type: "AISERVICES_OPT_OUT_POLICY",
      content: this.content,
      dependsOn: [...props.dependsOn],
    });
    new OrganizationsPolicyAttachment(this, "attach-Root", {
      policyId: this.policy.id,
      targetId: props.rootId,
    });
  }
}
