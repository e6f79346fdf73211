// A key policy that takes its administrator from whoever runs the deploy (the caller's session, read at apply
// time) changes with each person who deploys, and a deploy by someone else rewrites it; the administrators must
// come from the configuration, so the policy is known, reviewed and the same at every apply (164.312(a)(2)(iv)).
import { UnresolvedReference } from "../synthesized";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

export const keyPoliciesKnownAtSynth: ServiceRule = {
  id: "key-policies-known-at-synth",
  title: "Every key policy is fully known at synth (no administrator read from the deploying session)",
  doc: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_kms_key")) {
      try {
        model.policyArgument(ref, "policy");
      } catch (error) {
        if (!(error instanceof UnresolvedReference)) throw error;
        out.push({
          address: addressOf(ref),
          message: `key policy depends on \${${error.expression}} (${error.why})`,
        });
      }
    }
    return out;
  },
};
