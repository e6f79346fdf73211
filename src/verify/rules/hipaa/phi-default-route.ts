// No route table in a PHI environment's VPC reaches the internet: no route through an internet, NAT or egress-only
// gateway, and no default route (0.0.0.0/0, ::/0 or a pair of halves) anywhere but the hub's Transit Gateway. PHI
// VPCs keep no path of their own to the internet (164.312(e)(1) transmission security). Stricter than the pack's
// NO_UNRESTRICTED_ROUTE_TO_IGW, which hipaa-phi-subnet-no-internet-route mirrors.
import { phiAccountNames } from "../../../config/model";
import { TRANSIT_GATEWAY_DOCS } from "../../../policies/transit-gateway";
import { ResourceRef } from "../../synthesized";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, listOf } from "./rule";

/** Destinations that stand for the whole internet: the defaults, and the halves that together cover it. */
const INTERNET_DESTINATIONS = new Set(["0.0.0.0/0", "::/0", "0.0.0.0/1", "128.0.0.0/1", "::/1", "8000::/1"]);

/** Targets that lead out of the VPC to the internet by themselves. */
const INTERNET_TARGETS = ["gateway_id", "nat_gateway_id", "egress_only_gateway_id"] as const;

/** What is wrong with one route (an aws_route, or a route block of a route table), or undefined. */
function routeProblem(route: Record<string, unknown>): string | undefined {
  const set = (key: string) => route[key] !== undefined && route[key] !== null && route[key] !== "";
  const destination = String(
    route.destination_cidr_block ??
      route.cidr_block ??
      route.destination_ipv6_cidr_block ??
      route.ipv6_cidr_block ??
      "",
  );
  // Gateway endpoints' routes are the aws_vpc_endpoint's own; a gateway_id here is an internet or virtual gateway.
  const outward = INTERNET_TARGETS.find((key) => set(key) && !String(route[key]).includes("aws_vpn_gateway"));
  if (outward) return `routes ${destination || "a prefix list"} to its ${outward}`;
  if (INTERNET_DESTINATIONS.has(destination) && !set("transit_gateway_id"))
    return `sends ${destination} somewhere other than the hub's Transit Gateway`;
  return undefined;
}

export const phiDefaultRoute: HipaaRule = {
  id: "hipaa-phi-default-route",
  title:
    "No route of a PHI VPC leads to the internet: its default route, if any, goes to the hub's Transit Gateway",
  sections: ["164.312(e)(1)"],
  resourceTypes: ["aws_route", "aws_route_table", "aws_default_route_table"],
  configRules: [],
  doc: TRANSIT_GATEWAY_DOCS.design,
  fix: "keep network.egress off in PHI environments: they reach AWS through their endpoints and other networks through the hub",
  check(model, config) {
    const phi = new Set([...phiAccountNames(config.environments)].map((name) => model.accountId(name)));
    const inPhi = (ref: ResourceRef) => phi.has(model.accountOf(ref));
    const out: RuleFinding[] = [];
    for (const route of model.resources("aws_route").filter(inPhi)) {
      const problem = routeProblem(route.body);
      if (problem) out.push({ address: addressOf(route), message: problem });
    }
    for (const type of ["aws_route_table", "aws_default_route_table"]) {
      for (const table of model.resources(type).filter(inPhi)) {
        for (const inline of listOf(table.body.route as Array<Record<string, unknown>>)) {
          const problem = routeProblem(inline);
          if (problem) out.push({ address: addressOf(table), message: problem });
        }
      }
    }
    return out;
  },
};
