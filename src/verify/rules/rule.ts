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

/** The resources of a type keyed by the (resolved) argument that links them to their subject. */
export function byArgument(
  model: SynthesizedLandingZone,
  type: string,
  key: string,
): Map<string, ResourceRef> {
  const out = new Map<string, ResourceRef>();
  for (const ref of model.resources(type)) out.set(String(model.argument(ref, key)), ref);
  return out;
}

/** The bucket-scoped resources (policy, lock, encryption) of a type, by the name of the bucket they configure. */
export function bucketsWith(model: SynthesizedLandingZone, type: string): Map<string, ResourceRef> {
  return byArgument(model, type, "bucket");
}

/** The buckets S3 delivers server access logs into. */
export function accessLogDestinations(model: SynthesizedLandingZone): Set<string> {
  return new Set(byArgument(model, "aws_s3_bucket_logging", "target_bucket").keys());
}
