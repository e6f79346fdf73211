// Security Hub's finding aggregator with linking mode ALL_REGIONS also links regions the landing zone does not
// govern, where the region guardrail denies Security Hub, so cross-region aggregation and central configuration
// reach past the governed estate; the governed regions must be linked by name (164.308(a)(1)(ii)(D)).
import { addressOf, RuleFinding, ServiceRule } from "./rule";

export const securityHubLinkedRegions: ServiceRule = {
  id: "security-hub-linked-regions",
  title: "Security Hub links exactly the governed regions other than the home region",
  doc: "https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation-enable.html",
  check(model, config) {
    const org = config.organization;
    const wanted = org.regions.filter((r) => r !== org.homeRegion).sort();
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_securityhub_finding_aggregator")) {
      const mode = String(model.argument(ref, "linking_mode"));
      const linked = ((model.argument(ref, "specified_regions") as string[] | undefined) ?? [])
        .slice()
        .sort();
      const expectedMode = wanted.length > 0 ? "SPECIFIED_REGIONS" : "NO_REGIONS";
      if (mode !== expectedMode || linked.join(",") !== wanted.join(",")) {
        out.push({
          address: addressOf(ref),
          message: `links ${mode === "SPECIFIED_REGIONS" ? linked.join(", ") || "no region" : mode}; expected ${expectedMode}${wanted.length > 0 ? ` with ${wanted.join(", ")}` : ""}`,
        });
      }
    }
    return out;
  },
};
