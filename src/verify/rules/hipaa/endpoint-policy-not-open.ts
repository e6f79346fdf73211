// Every VPC endpoint has a policy of its own that limits who and what it reaches; the default policy admits any
// principal to any resource, so the endpoint would carry PHI to another organization's bucket (164.312(e)(1),
// 164.312(a)(1)).
import { HipaaRule, listOf, perResource } from "./rule";

export const endpointPolicyNotOpen: HipaaRule = perResource({
  id: "hipaa-endpoint-policy-not-open",
  title: "Every VPC endpoint has a policy, and none allows everything without a condition",
  sections: ["164.312(e)(1)", "164.312(a)(1)"],
  resourceTypes: ["aws_vpc_endpoint"],
  configRules: [],
  doc: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html",
  fix: "give the endpoint a data-perimeter policy (src/policies/endpoint-policies.ts): aws:PrincipalOrgID and aws:ResourceOrgID conditions",
  type: "aws_vpc_endpoint",
  problem: (ref, model) => {
    if (!model.argument(ref, "policy")) return "has no policy, so AWS's default full-access policy applies";
    const open = model
      .policyArgument(ref, "policy")
      .Statement.find(
        (s) =>
          s.Effect === "Allow" &&
          s.Condition === undefined &&
          (s.Principal === "*" || listOf((s.Principal as { AWS?: string })?.AWS).includes("*")) &&
          listOf(s.Action as string[]).includes("*") &&
          listOf(s.Resource as string[]).includes("*"),
      );
    return open
      ? `allows any principal every action on every resource (${String(open.Sid ?? "no Sid")})`
      : undefined;
  },
});
