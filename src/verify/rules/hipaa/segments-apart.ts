// Prod and non-prod never route to each other through the hub: no Transit Gateway route table of one segment holds
// a route to, learns the routes of, or serves an attachment of a segment it must stay apart from, and each such
// environment's range is blackholed in it (164.312(a)(1) access control, 164.312(e)(1) transmission security). No
// managed rule of the pack checks it.
import { cidrsOverlap, parseCidr, Cidr } from "../../../config/cidr";
import { segmentOf } from "../../../config/model";
import { EnvironmentConfig, LandingZoneConfig } from "../../../config/schema";
import {
  Segment,
  SEGMENT_TAG,
  SEGMENTS,
  segmentsApartFrom,
  TRANSIT_GATEWAY_DOCS,
} from "../../../policies/transit-gateway";
import { ResourceRef, SynthesizedLandingZone } from "../../synthesized";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

/**
 * The gateway options that would place or accept an attachment without the pipeline, with AWS's default when the
 * argument is left out (association and propagation enabled, acceptance disabled: Ec2TransitGateway's API defaults).
 */
const GATEWAY_OPTIONS_OFF: ReadonlyArray<readonly [string, string]> = [
  ["default_route_table_association", "enable"],
  ["default_route_table_propagation", "enable"],
  ["auto_accept_shared_attachments", "disable"],
];

/** The environment whose network stack created an attachment, following an accepter to the attachment it accepts. */
function environmentOfAttachment(
  model: SynthesizedLandingZone,
  config: LandingZoneConfig,
  stack: string,
  reference: unknown,
): EnvironmentConfig | undefined {
  let ref = model.referencedResource(stack, reference);
  if (ref?.type === "aws_ec2_transit_gateway_vpc_attachment_accepter")
    ref = model.referencedResource(ref.stack, ref.body.transit_gateway_attachment_id);
  if (ref?.type !== "aws_ec2_transit_gateway_vpc_attachment") return undefined;
  return config.environments.find((env) => ref.stack === `network-${env.name}`);
}

/** What is wrong with one segment's route table. */
function tableProblems(
  model: SynthesizedLandingZone,
  config: LandingZoneConfig,
  table: ResourceRef,
  segment: Segment,
): string[] {
  const apart = new Set(segmentsApartFrom(segment));
  const outside = config.environments.filter((env) => apart.has(segmentOf(env)));
  const isThisTable = (ref: ResourceRef) =>
    model.referencedResource(ref.stack, ref.body.transit_gateway_route_table_id) === table;
  const out: string[] = [];
  const routes = model.resources("aws_ec2_transit_gateway_route").filter(isThisTable);
  for (const route of routes) {
    if (route.body.blackhole === true) continue;
    const destination = parseCidr(String(route.body.destination_cidr_block));
    const reached = outside.find(
      (env) => destination && cidrsOverlap(destination, parseCidr(env.cidr) as Cidr),
    );
    if (reached)
      out.push(
        `routes ${String(route.body.destination_cidr_block)} (${addressOf(route)}) into ${reached.name}, a ${segmentOf(reached)} environment`,
      );
  }
  for (const env of outside) {
    const holed = routes.some((r) => r.body.blackhole === true && r.body.destination_cidr_block === env.cidr);
    if (!holed) out.push(`has no blackhole route for ${env.cidr} (${env.name}, ${segmentOf(env)})`);
  }
  // Each propagation into, and association with, this table, with the environment whose attachment it names.
  const served = (type: string) =>
    model
      .resources(type)
      .filter(isThisTable)
      .map((ref) => ({
        ref,
        env: environmentOfAttachment(model, config, ref.stack, ref.body.transit_gateway_attachment_id),
      }));
  // An attachment the rule cannot trace to an environment's VPC (a literal ID, a peering, a VPN) cannot be judged.
  const untraced = [
    ...served("aws_ec2_transit_gateway_route_table_propagation"),
    ...served("aws_ec2_transit_gateway_route_table_association"),
  ].filter(({ env }) => env === undefined);
  for (const { ref } of untraced)
    out.push(`names an attachment that is no environment's VPC attachment (${addressOf(ref)})`);
  for (const ref of model.resources("aws_ec2_transit_gateway_prefix_list_reference").filter(isThisTable))
    out.push(`holds a prefix-list reference, which outranks the blackholes (${addressOf(ref)})`);
  for (const { ref, env } of served("aws_ec2_transit_gateway_route_table_propagation")) {
    if (env && apart.has(segmentOf(env)))
      out.push(`learns the routes of ${env.name}, a ${segmentOf(env)} environment (${addressOf(ref)})`);
  }
  for (const { ref, env } of served("aws_ec2_transit_gateway_route_table_association")) {
    if (env && segmentOf(env) !== segment)
      out.push(`serves ${env.name}'s attachment, which is in segment ${segmentOf(env)} (${addressOf(ref)})`);
  }
  return out;
}

export const segmentsApart: HipaaRule = {
  id: "hipaa-segments-apart",
  title: "No hub route table routes between prod and non-prod, and each blackholes the other side",
  sections: ["164.312(a)(1)", "164.312(e)(1)"],
  resourceTypes: [
    "aws_ec2_transit_gateway",
    "aws_ec2_transit_gateway_route_table",
    "aws_ec2_transit_gateway_route",
    "aws_ec2_transit_gateway_route_table_association",
    "aws_ec2_transit_gateway_route_table_propagation",
    "aws_ec2_transit_gateway_vpc_attachment",
    "aws_ec2_transit_gateway_prefix_list_reference",
  ],
  configRules: [],
  doc: TRANSIT_GATEWAY_DOCS.isolated,
  fix: "associate each attachment with its own segment's table only, propagate it only into the tables SEGMENT_REACHES allows, and keep the blackholes (stacks/network-segments-stack.ts, modules/transit-gateway-hub.ts)",
  check(model, config) {
    if (!config.organization.network.transitGateway.enabled) return [];
    const out: RuleFinding[] = [];
    // The gateway itself: nothing joins a table, or learns routes, or is accepted without the pipeline.
    for (const gateway of model.resources("aws_ec2_transit_gateway")) {
      for (const [option, awsDefault] of GATEWAY_OPTIONS_OFF) {
        const value = String(gateway.body[option] ?? awsDefault);
        if (value !== "disable")
          out.push({ address: addressOf(gateway), message: `${option} is ${value}, expected disable` });
      }
    }
    for (const table of model.resources("aws_ec2_transit_gateway_route_table")) {
      const segment = model.tagsOf(table)[SEGMENT_TAG] as Segment | undefined;
      if (!segment || !SEGMENTS.includes(segment)) {
        out.push({
          address: addressOf(table),
          message: `has no ${SEGMENT_TAG} tag naming one of ${SEGMENTS.join(", ")}`,
        });
        continue;
      }
      for (const message of tableProblems(model, config, table, segment))
        out.push({ address: addressOf(table), message: `(${segment}) ${message}` });
    }
    return out;
  },
};
