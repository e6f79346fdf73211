// The SCP guardrail library (or the RCP library) deployed and attached: every library policy exists in the
// organization, attached where the configuration says (164.312(a)(1) access control, (b) audit, (c)(1) integrity).
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { constructError } from "../src/config/errors";
import { Guardrail, policiesPerTarget } from "../src/policies/scp-library";
import { AuthorizationPolicyKind, SCP_KIND } from "../src/policies/policy-kinds";
import { ServiceControlPolicy } from "./service-control-policy";

export interface ScpGuardrailsProps {
  /** The rendered guardrails (src/policies/scp-library.ts or rcp-library.ts). */
  readonly guardrails: ReadonlyArray<Guardrail<string>>;
  /**
   * The same guardrails rendered with each token at its longest, by name, to size-check (RCPs name the
   * organization's ID, unknown at synth).
   * @default - the guardrails themselves
   */
  readonly measured?: ReadonlyArray<Guardrail<string>>;
  /**
   * SCPs or RCPs.
   * @default SCP_KIND
   */
  readonly kind?: AuthorizationPolicyKind;
  /** Which guardrail is attached where: policy name and Root or OU paths. */
  readonly attachments: ReadonlyArray<{ readonly policy: string; readonly targets: readonly string[] }>;
  /** Resolves Root or an OU path to its ID. */
  readonly resolveTarget: (path: string) => string;
  /** The largest allowed policy, in characters (limits.scpMaxCharacters or rcpMaxCharacters). */
  readonly maxCharacters: number;
  /** The most policies of the kind one target may carry, the AWS managed one included (limits.*MaxPerTarget). */
  readonly maxPerTarget: number;
  /** The organization: policies can only be created once it exists with the policy type enabled. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** Creates every guardrail policy and its attachments; fails synth when a target would exceed its quota. */
export class ScpGuardrails extends Construct {
  /** The policies, by name. */
  readonly policies = new Map<string, ServiceControlPolicy>();

  constructor(scope: Construct, id: string, props: ScpGuardrailsProps) {
    super(scope, id);
    const kind = props.kind ?? SCP_KIND;
    for (const [target, policies] of policiesPerTarget(props.attachments)) {
      // AWS keeps FullAWSAccess (RCPFullAWSAccess) attached everywhere, and it counts toward the quota.
      const count = policies.length + 1;
      if (count > props.maxPerTarget) {
        throw constructError(
          this,
          `attachments (target "${target}")`,
          [kind.awsManaged, ...policies],
          `at most ${props.maxPerTarget} ${kind.short}s per target, ${kind.awsManaged} included (limits.${kind.maxPerTargetLimit} in organization.yaml)`,
        );
      }
    }
    for (const guardrail of props.guardrails) {
      const targets = props.attachments
        .filter((a) => a.policy === guardrail.name)
        .flatMap((a) => a.targets)
        .map((label) => ({ label, targetId: props.resolveTarget(label) }));
      this.policies.set(
        guardrail.name,
        new ServiceControlPolicy(this, guardrail.name, {
          policyName: guardrail.name,
          description: guardrail.description,
          document: guardrail.document,
          measured: props.measured?.find((m) => m.name === guardrail.name)?.document,
          kind,
          targets,
          maxCharacters: props.maxCharacters,
          dependsOn: props.dependsOn,
        }),
      );
    }
  }
}
