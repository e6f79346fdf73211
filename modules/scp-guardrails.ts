// The SCP guardrail library deployed and attached: every library policy exists in the organization, attached
// where the configuration says (164.312(a)(1) access control, (b) audit, (c)(1) integrity).
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { constructError } from "../src/config/errors";
import { Guardrail, policiesPerTarget } from "../src/policies/scp-library";
import { ServiceControlPolicy } from "./service-control-policy";

export interface ScpGuardrailsProps {
  /** The rendered guardrails (src/policies/scp-library.ts). */
  readonly guardrails: readonly Guardrail[];
  /** Which guardrail is attached where: policy name and Root or OU paths. */
  readonly attachments: ReadonlyArray<{ readonly policy: string; readonly targets: readonly string[] }>;
  /** Resolves Root or an OU path to its ID. */
  readonly resolveTarget: (path: string) => string;
  /** The largest allowed policy, in characters (limits.scpMaxCharacters). */
  readonly maxCharacters: number;
  /** The most SCPs one target may carry, FullAWSAccess included (limits.scpMaxPerTarget). */
  readonly maxPerTarget: number;
  /** The organization: policies can only be created once it exists with the SCP policy type enabled. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** Creates every guardrail policy and its attachments; fails synth when a target would exceed its quota. */
export class ScpGuardrails extends Construct {
  /** The policies, by name. */
  readonly policies = new Map<string, ServiceControlPolicy>();

  constructor(scope: Construct, id: string, props: ScpGuardrailsProps) {
    super(scope, id);
    for (const [target, policies] of policiesPerTarget(props.attachments)) {
      // AWS keeps FullAWSAccess attached everywhere, and it counts toward the quota.
      const count = policies.length + 1;
      if (count > props.maxPerTarget) {
        throw constructError(
          this,
          `attachments (target "${target}")`,
          ["FullAWSAccess", ...policies],
          `at most ${props.maxPerTarget} SCPs per target, FullAWSAccess included (limits.scpMaxPerTarget in organization.yaml)`,
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
          targets,
          maxCharacters: props.maxCharacters,
          dependsOn: props.dependsOn,
        }),
      );
    }
  }
}
