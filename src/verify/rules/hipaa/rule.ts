// The shape of a HIPAA rule: a pure function over the synthesized stacks that returns every resource breaking a
// Security Rule control, each finding naming the resource address. One rule per file; each names its sections
// from the registry and the AWS Config managed rules of our conformance pack it mirrors, so what deploys is never
// NON_COMPLIANT under the pack it deploys (164.308(a)(8) evaluation, before the fact).
import { LandingZoneConfig } from "../../../config/schema";
import { HIPAA_MANAGED_RULES, ManagedRule } from "../../../policies/hipaa-conformance-pack";
import { HipaaSectionId } from "../../../policies/hipaa-sections";
import { PolicyJson, ResourceRef, SynthesizedLandingZone } from "../../synthesized";
import { addressOf, RuleFinding } from "../rule";

/** A HIPAA rule checked at synth. */
export interface HipaaRule {
  /** Stable identifier, `hipaa-` and kebab-case; suppressions name it. */
  readonly id: string;
  /** The control, in a sentence. */
  readonly title: string;
  /** The Security Rule sections it serves. */
  readonly sections: readonly HipaaSectionId[];
  /** The Terraform resource types whose resources carry the control: the evidence binder lists them. */
  readonly resourceTypes: readonly string[];
  /** Identifiers of the conformance pack's managed rules it mirrors (none when the pack has no such rule). */
  readonly configRules: readonly string[];
  /** The AWS page that states the control (the managed rule's page where there is one). */
  readonly doc: string;
  /** How to fix a finding, in a sentence. */
  readonly fix: string;
  readonly check: (model: SynthesizedLandingZone, config: LandingZoneConfig) => RuleFinding[];
}

/** A managed rule of the pack by identifier; a rule naming one the pack lacks is a programming error. */
export function packRule(identifier: string): ManagedRule {
  const rule = HIPAA_MANAGED_RULES.find((r) => r.identifier === identifier);
  if (!rule) throw new Error(`the conformance pack has no managed rule ${identifier}`);
  return rule;
}

/** A value as a list: Terraform blocks and policy fields may hold one item or several. */
export function listOf<T>(value: T | readonly T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...(value as T[])] : [value as T];
}

/** The first item of a Terraform nested block (synthesized as a one-element list), or undefined. */
export function block(value: unknown): Record<string, unknown> | undefined {
  const first = listOf(value as Record<string, unknown> | undefined)[0];
  return first && typeof first === "object" ? (first as Record<string, unknown>) : undefined;
}

/** Every identity policy document the stacks create: customer managed, role inline and permission-set inline. */
export function identityPolicies(
  model: SynthesizedLandingZone,
): Array<{ ref: ResourceRef; policy: PolicyJson }> {
  const sources: Array<[string, string]> = [
    ["aws_iam_policy", "policy"],
    ["aws_iam_role_policy", "policy"],
    ["aws_iam_user_policy", "policy"],
    ["aws_iam_group_policy", "policy"],
    ["aws_ssoadmin_permission_set_inline_policy", "inline_policy"],
  ];
  return sources.flatMap(([type, key]) =>
    model.resources(type).map((ref) => ({ ref, policy: model.policyArgument(ref, key) })),
  );
}

/** A rule that judges each resource of one type on its own: `problem` says what is wrong, or undefined. */
export function perResource(
  spec: Omit<HipaaRule, "check"> & {
    readonly type: string;
    readonly problem: (
      ref: ResourceRef,
      model: SynthesizedLandingZone,
      config: LandingZoneConfig,
    ) => string | undefined;
  },
): HipaaRule {
  const { type, problem, ...rule } = spec;
  return {
    ...rule,
    check(model, config) {
      const out: RuleFinding[] = [];
      for (const ref of model.resources(type)) {
        const message = problem(ref, model, config);
        if (message) out.push({ address: addressOf(ref), message });
      }
      return out;
    },
  };
}

/** The finding for a landing zone that lacks a resource altogether. */
export function missing(what: string): RuleFinding {
  return { address: "(landing zone)", message: what };
}
