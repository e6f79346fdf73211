// No route table in a PHI environment's VPC sends 0.0.0.0/0 anywhere but the hub's Transit Gateway, or nowhere at
// all: PHI VPCs keep no path of their own to the internet, through an internet gateway or a NAT gateway
// (164.312(e)(1) transmission security). Stricter than the pack's NO_UNRESTRICTED_ROUTE_TO_IGW, which
// hipaa-phi-subnet-no-internet-route mirrors.
import { phiAccountNames } from "../../../config/model";
import { TRANSIT_GATEWAY_DOCS } from "../../../policies/transit-gateway";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, listOf } from "./rule";

/** The routes that accept any destination, whatever their target. */
const DEFAULT_ROUTE = "0.0.0.0/0";

/** What a route sends its traffic to, by the target argument it sets. */
function targetOf(route: Record<string, unknown>): string {
  const targets = [
    "transit_gateway_id",
    "gateway_id",
    "nat_gateway_id",
    "vpc_endpoint_id",
    "network_interface_id",
  ];
  const set = targets.find((key) => route[key] !== undefined && route[key] !== "");
  return set ?? "another target";
}

export const phiDefaultRoute: HipaaRule = {
  id: "hipaa-phi-default-route",
  title: "No route table of a PHI VPC sends 0.0.0.0/0 anywhere but the hub's Transit Gateway",
  sections: ["164.312(e)(1)"],
  resourceTypes: ["aws_route", "aws_route_table"],
  configRules: [],
  doc: TRANSIT_GATEWAY_DOCS.design,
  fix: "keep network.egress off in PHI environments: they reach AWS through their endpoints and other networks through the hub",
  check(model, config) {
    const phi = new Set([...phiAccountNames(config.environments)].map((name) => model.accountId(name)));
    const out: RuleFinding[] = [];
    for (const route of model.resources("aws_route")) {
      if (!phi.has(model.accountOf(route)) || route.body.destination_cidr_block !== DEFAULT_ROUTE) continue;
      const target = targetOf(route.body);
      if (target !== "transit_gateway_id")
        out.push({ address: addressOf(route), message: `sends ${DEFAULT_ROUTE} to its ${target}` });
    }
    for (const table of model.resources("aws_route_table")) {
      if (!phi.has(model.accountOf(table))) continue;
      for (const inline of listOf(table.body.route as Array<Record<string, unknown>>)) {
        if (inline.cidr_block !== DEFAULT_ROUTE) continue;
        const target = targetOf(inline);
        if (target !== "transit_gateway_id")
          out.push({ address: addressOf(table), message: `sends ${DEFAULT_ROUTE} to its ${target}` });
      }
    }
    return out;
  },
};
