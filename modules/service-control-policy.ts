// One service control policy (or resource control policy) and its attachments. SCPs and RCPs are the preventive
// layer of 164.312(a)(1) access control; the content is minified JSON so its size is known, checked and reviewable
// at synth.
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { constructError } from "../src/config/errors";
import { PolicyDocument, renderPolicy } from "../src/policies/policy-document";
import { AuthorizationPolicyKind, SCP_KIND } from "../src/policies/policy-kinds";

/** Where a policy is attached: a label for IDs and messages, and the target's ID. */
export interface PolicyTarget {
  /** Root or the OU path; used in the attachment's construct ID, so it must be stable. */
  readonly label: string;
  /** The root, OU or account ID. */
  readonly targetId: string;
}

export interface ServiceControlPolicyProps {
  /** The policy's name in AWS Organizations. */
  readonly policyName: string;
  /** The policy's description in AWS Organizations. */
  readonly description: string;
  /** The policy document. */
  readonly document: PolicyDocument;
  /**
   * The document whose size is checked, when `document` holds a token whose value synth cannot know (the
   * organization's ID in an RCP): the same policy with each token at its longest.
   * @default document
   */
  readonly measured?: PolicyDocument;
  /**
   * SCP or RCP.
   * @default SCP_KIND
   */
  readonly kind?: AuthorizationPolicyKind;
  /** Where to attach the policy. */
  readonly targets: readonly PolicyTarget[];
  /** The largest allowed policy, in characters of minified JSON (limits.scpMaxCharacters or rcpMaxCharacters). */
  readonly maxCharacters: number;
  /**
   * What must exist first: the organization with the policy type enabled.
   * @default - nothing
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** An SCP or RCP with its attachments; fails synth when the policy is larger than the configured limit. */
export class ServiceControlPolicy extends Construct {
  readonly policy: OrganizationsPolicy;
  /** The rendered content, exactly as sent to AWS. */
  readonly content: string;

  constructor(scope: Construct, id: string, props: ServiceControlPolicyProps) {
    super(scope, id);
    const kind = props.kind ?? SCP_KIND;
    this.content = renderPolicy(props.document);
    const size = props.measured ? renderPolicy(props.measured).length : this.content.length;
    if (size > props.maxCharacters) {
      throw constructError(
        this,
        `document (policy "${props.policyName}"), in characters`,
        size,
        `at most ${props.maxCharacters} characters of minified JSON (limits.${kind.maxCharactersLimit} in organization.yaml); split the policy, or raise the limit if AWS has raised your quota`,
      );
    }
    this.policy = new OrganizationsPolicy(this, "policy", {
      name: props.policyName,
      description: props.description,
      type: kind.type,
      content: this.content,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    for (const target of props.targets) {
      new OrganizationsPolicyAttachment(this, `attach-${target.label.replace(/\//g, "-")}`, {
        policyId: this.policy.id,
        targetId: target.targetId,
      });
    }
  }
}
