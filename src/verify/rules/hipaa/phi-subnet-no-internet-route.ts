// No PHI (private) subnet routes to an internet gateway: its traffic leaves the VPC only through endpoints, or a
// NAT gateway where network.egress is on (164.312(e)(1) transmission security). The egress tier's own public
// subnets, tagged Tier=egress by PhiVpc, are the only subnets that may route to the gateway.
import { ResourceRef, SynthesizedLandingZone } from "../../synthesized";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, listOf } from "./rule";

/** The tag PhiVpc puts on the egress tier's public subnets. */
export const EGRESS_TIER_TAG = { key: "Tier", value: "egress" } as const;

/** The route tables (by Terraform address in the stack) that route somewhere through an internet gateway. */
function tablesRoutingToInternet(model: SynthesizedLandingZone, stack: string): Set<string> {
  const out = new Set<string>();
  const viaGateway = (gateway: unknown) => String(gateway ?? "").includes("aws_internet_gateway.");
  for (const route of model.resources("aws_route", stack)) {
    if (viaGateway(route.body.gateway_id)) out.add(String(route.body.route_table_id));
  }
  for (const table of model.resources("aws_route_table", stack)) {
    const inline = listOf(table.body.route as Array<Record<string, unknown>>);
    if (inline.some((r) => viaGateway(r.gateway_id))) out.add(`\${aws_route_table.${table.name}.id}`);
  }
  return out;
}

function isEgressTier(model: SynthesizedLandingZone, subnet: ResourceRef): boolean {
  return model.tagsOf(subnet)[EGRESS_TIER_TAG.key] === EGRESS_TIER_TAG.value;
}

export const phiSubnetNoInternetRoute: HipaaRule = {
  id: "hipaa-phi-subnet-no-internet-route",
  title: "No PHI subnet's route table routes to an internet gateway",
  sections: ["164.312(e)(1)"],
  resourceTypes: ["aws_route_table"],
  configRules: ["NO_UNRESTRICTED_ROUTE_TO_IGW"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/no-unrestricted-route-to-igw.html",
  fix: "route a private subnet's internet traffic through a NAT gateway in the egress tier (network.egress), never an internet gateway",
  check(model) {
    const out: RuleFinding[] = [];
    for (const stack of new Set(model.resources("aws_subnet").map((s) => s.stack))) {
      const internet = tablesRoutingToInternet(model, stack);
      for (const association of model.resources("aws_route_table_association", stack)) {
        if (!internet.has(String(association.body.route_table_id))) continue;
        const subnet = model
          .resources("aws_subnet", stack)
          .find((s) => association.body.subnet_id === `\${aws_subnet.${s.name}.id}`);
        if (subnet && !isEgressTier(model, subnet))
          out.push({
            address: addressOf(subnet),
            message: `routes to an internet gateway through ${String(association.body.route_table_id).replace(/^\$\{|\.id\}$/g, "")}`,
          });
      }
    }
    return out;
  },
};
