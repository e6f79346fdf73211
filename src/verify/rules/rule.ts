// The shape of an AWS service rule: a pure function over the synthesized stacks that returns what AWS would
// refuse or silently ignore, each finding naming the resource address. One rule per file; each cites the AWS
// page that states the rule (164.312(b): a control that AWS rejects at apply time, or ignores, is no control).
import { LandingZoneConfig } from "../../config/schema";
import { ResourceRef, SynthesizedLandingZone } from "../synthesized";

/** One resource that breaks a rule. */
export interface RuleFinding {
  /** `<stack>: <type>.<name>`. */
  readonly address: string;
  /** What is wrong and what AWS does with it. */
  readonly message: string;
}

/** An AWS service rule. */
export interface ServiceRule {
  /** Stable identifier, e.g. config-delivery-no-object-lock. */
  readonly id: string;
  /** The rule, in a sentence. */
  readonly title: string;
  /** The AWS documentation page that states it. */
  readonly doc: string;
  readonly check: (model: SynthesizedLandingZone, config: LandingZoneConfig) => RuleFinding[];
}

/** The address of a synthesized resource as findings print it. */
export function addressOf(ref: ResourceRef): string {
  return `${ref.stack}: ${ref.type}.${ref.name}`;
}

/** The bucket resource a bucket-scoped resource (policy, lock, encryption) configures, by name. */
export function bucketsWith(model: SynthesizedLandingZone, type: string): Map<string, ResourceRef> {
  const out = new Map<string, ResourceRef>();
  for (const ref of model.resources(type)) out.set(String(model.argument(ref, "bucket")), ref);
  return out;
}
