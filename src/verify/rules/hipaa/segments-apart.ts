// Prod and non-prod never route to each other through the hub, and on-premises reaches only the segments allowed it:
// no Transit Gateway route table holds a route to, learns the routes of, or serves an attachment of a segment (or
// on-premises) it must stay apart from, and each such range is blackholed in it (164.312(a)(1) access control, 164.312(e)(1) transmission security). No
// managed rule of the pack checks it.
import { cidrsOverlap, parseCidr, Cidr } from "../../../config/cidr";
import { hybridConnected, inspectionVpcCidr, reachesOnPremises, segmentOf } from "../../../config/model";
import { ON_PREMISES_TABLE } from "../../../policies/hybrid-network";
import { INSPECTION_TABLE } from "../../../policies/inspection";
import { LandingZoneConfig } from "../../../config/schema";
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

/**
 * Where an attachment leads: a VPC in a segment (an environment's, or one of the network account's own, such as the
 * resolver's, which names its segment in its tag), or on-premises (a VPN connection or a Direct Connect gateway).
 */
type Origin =
  | { readonly kind: "vpc"; readonly owner: string; readonly what: string; readonly segment: Segment }
  | { readonly kind: "on-premises" }
  | { readonly kind: "inspection" };

/** The attachment a reference names, following an accepter to the attachment it accepts; undefined if untraceable. */
function originOfAttachment(
  model: SynthesizedLandingZone,
  config: LandingZoneConfig,
  stack: string,
  reference: unknown,
): Origin | undefined {
  if (model.referencedDataSource(stack, reference)?.type === "aws_ec2_transit_gateway_dx_gateway_attachment")
    return { kind: "on-premises" };
  let ref = model.referencedResource(stack, reference);
  if (ref?.type === "aws_vpn_connection") return { kind: "on-premises" };
  if (ref?.type === "aws_ec2_transit_gateway_vpc_attachment_accepter")
    ref = model.referencedResource(ref.stack, ref.body.transit_gateway_attachment_id);
  if (ref?.type !== "aws_ec2_transit_gateway_vpc_attachment") return undefined;
  const env = config.environments.find((e) => ref.stack === `network-${e.name}`);
  if (env)
    return { kind: "vpc", owner: env.name, what: `a ${segmentOf(env)} environment`, segment: segmentOf(env) };
  // The network account's own VPCs (the resolver's, the inspection VPC) are no environment's: their tag names
  // their segment, or the inspection table.
  const tags = model.tagsOf(ref);
  const segment = tags[SEGMENT_TAG] as Segment | undefined;
  const inNetworkAccount = model.accountOf(ref) === model.accountId(config.organization.coreAccounts.network);
  if (inNetworkAccount && (segment as string) === INSPECTION_TABLE) return { kind: "inspection" };
  if (!inNetworkAccount || !segment || !SEGMENTS.includes(segment)) return undefined;
  return { kind: "vpc", owner: tags.Name ?? ref.name, what: `a ${segment} VPC`, segment };
}

/** An origin in a message: "dev, a non-prod environment", "example-health-resolver-hub, a shared VPC" or "on-premises". */
function describeOrigin(origin: Origin): string {
  if (origin.kind === "vpc") return `${origin.owner}, ${origin.what}`;
  return origin.kind === "on-premises" ? ON_PREMISES_TABLE : "the inspection VPC";
}

/**
 * What one hub table (a segment's, or the on-premises one) may do: which origins' routes it may learn and
 * route to, which attachments it may serve, and the ranges it must drop (blackhole) and never route.
 */
interface TablePolicy {
  readonly reaches: (origin: Origin) => boolean;
  readonly serves: (origin: Origin) => boolean;
  readonly dropped: ReadonlyArray<{ readonly cidr: string; readonly label: string }>;
}

/**
 * The inspection VPC's own range, which no segment or on-premises may reach: inside it, traffic would skip the
 * firewall, and anything placed there would join the segments.
 */
function inspectionRange(config: LandingZoneConfig): Array<{ cidr: string; label: string }> {
  const cidr = inspectionVpcCidr(config);
  return cidr ? [{ cidr, label: "the inspection VPC" }] : [];
}

/** A segment's table: apart segments and, unless the segment reaches on-premises, on-premises are dropped. */
function segmentPolicy(config: LandingZoneConfig, segment: Segment): TablePolicy {
  const apart = new Set(segmentsApartFrom(segment));
  const onPremises = reachesOnPremises(config, segment);
  const connected = hybridConnected(config);
  return {
    // A default route to the inspection VPC reaches no other segment: the blackholes are more specific.
    reaches: (o) => (o.kind === "vpc" ? !apart.has(o.segment) : o.kind === "inspection" || onPremises),
    serves: (o) => o.kind === "vpc" && o.segment === segment,
    dropped: [
      ...config.environments
        .filter((env) => apart.has(segmentOf(env)))
        .map((env) => ({ cidr: env.cidr, label: `${env.name}, ${segmentOf(env)}` })),
      ...(connected && !onPremises
        ? config.organization.network.hybrid.onPremisesCidrs.map((cidr) => ({
            cidr,
            label: ON_PREMISES_TABLE,
          }))
        : []),
      ...inspectionRange(config),
    ],
  };
}

/** The on-premises table: it serves only on-premises attachments and learns only the allowed segments. */
function onPremisesPolicy(config: LandingZoneConfig): TablePolicy {
  const allowed = (segment: Segment) => reachesOnPremises(config, segment);
  return {
    reaches: (o) => o.kind === "on-premises" || (o.kind === "vpc" && allowed(o.segment)),
    serves: (o) => o.kind === "on-premises",
    dropped: [
      ...config.environments
        .filter((env) => !allowed(segmentOf(env)))
        .map((env) => ({ cidr: env.cidr, label: `${env.name}, ${segmentOf(env)}` })),
      ...inspectionRange(config),
    ],
  };
}

/** The inspection table: it serves only the inspection VPC and learns every environment, for the replies. */
function inspectionPolicy(): TablePolicy {
  return {
    reaches: (o) => o.kind === "vpc",
    serves: (o) => o.kind === "inspection",
    dropped: [],
  };
}

/** What is wrong with one hub route table. */
function tableProblems(
  model: SynthesizedLandingZone,
  config: LandingZoneConfig,
  table: ResourceRef,
  policy: TablePolicy,
): string[] {
  const isThisTable = (ref: ResourceRef) =>
    model.referencedResource(ref.stack, ref.body.transit_gateway_route_table_id) === table;
  const origin = (ref: ResourceRef) =>
    originOfAttachment(model, config, ref.stack, ref.body.transit_gateway_attachment_id);
  const out: string[] = [];
  const routes = model.resources("aws_ec2_transit_gateway_route").filter(isThisTable);
  const live = routes.filter((route) => route.body.blackhole !== true);
  for (const route of live) {
    const destination = parseCidr(String(route.body.destination_cidr_block));
    if (!destination) {
      out.push(`routes a destination the rule cannot read (${addressOf(route)}): write it as a CIDR`);
      continue;
    }
    // A route wider than a dropped range loses to its blackhole (the longest prefix first,
    // TRANSIT_GATEWAY_DOCS.overview): only one as specific or more reaches into it.
    const reached = policy.dropped.find(({ cidr }) => {
      const range = parseCidr(cidr) as Cidr;
      return cidrsOverlap(destination, range) && destination.prefix >= range.prefix;
    });
    if (reached)
      out.push(
        `routes ${String(route.body.destination_cidr_block)} (${addressOf(route)}) into ${reached.cidr} (${reached.label})`,
      );
  }
  for (const { cidr, label } of policy.dropped) {
    const holed = routes.some((r) => r.body.blackhole === true && r.body.destination_cidr_block === cidr);
    if (!holed) out.push(`has no blackhole route for ${cidr} (${label})`);
  }
  // Each route, propagation and association naming an attachment, with where the attachment leads.
  const named = (refs: ResourceRef[]) => refs.map((ref) => ({ ref, origin: origin(ref) }));
  const routed = named(live);
  const propagated = named(
    model.resources("aws_ec2_transit_gateway_route_table_propagation").filter(isThisTable),
  );
  const associated = named(
    model.resources("aws_ec2_transit_gateway_route_table_association").filter(isThisTable),
  );
  // An attachment the rule cannot trace to an environment's VPC or on-premises (a literal ID, a peering) cannot be
  // judged.
  for (const { ref } of [...routed, ...propagated, ...associated].filter(
    ({ origin }) => origin === undefined,
  ))
    out.push(
      `names an attachment that is no environment's VPC attachment or on-premises (${addressOf(ref)})`,
    );
  for (const ref of model.resources("aws_ec2_transit_gateway_prefix_list_reference").filter(isThisTable))
    out.push(`holds a prefix-list reference, which outranks the blackholes (${addressOf(ref)})`);
  for (const { ref, origin } of routed)
    if (origin && !policy.reaches(origin))
      out.push(`routes to ${describeOrigin(origin)} (${addressOf(ref)})`);
  for (const { ref, origin } of propagated)
    if (origin && !policy.reaches(origin))
      out.push(`learns the routes of ${describeOrigin(origin)} (${addressOf(ref)})`);
  for (const { ref, origin } of associated) {
    if (!origin || policy.serves(origin)) continue;
    const which =
      origin.kind === "vpc"
        ? `${origin.owner}'s attachment, which is in segment ${origin.segment}`
        : origin.kind === "on-premises"
          ? "an on-premises attachment"
          : "the inspection VPC's attachment";
    out.push(`serves ${which} (${addressOf(ref)})`);
  }
  return out;
}

export const segmentsApart: HipaaRule = {
  id: "hipaa-segments-apart",
  title:
    "No hub route table routes between prod and non-prod, or between on-premises and a segment not allowed it, and each blackholes the other side",
  sections: ["164.312(a)(1)", "164.312(e)(1)"],
  resourceTypes: [
    "aws_ec2_transit_gateway",
    "aws_ec2_transit_gateway_route_table",
    "aws_ec2_transit_gateway_route",
    "aws_ec2_transit_gateway_route_table_association",
    "aws_ec2_transit_gateway_route_table_propagation",
    "aws_ec2_transit_gateway_vpc_attachment",
    "aws_ec2_transit_gateway_prefix_list_reference",
    "aws_vpn_connection",
    "aws_dx_gateway_association",
  ],
  configRules: [],
  doc: TRANSIT_GATEWAY_DOCS.isolated,
  fix: "associate each attachment with its own segment's table only (on-premises attachments with the on-premises table), propagate it only into the tables SEGMENT_REACHES and network.hybrid.segments allow, and keep the blackholes (stacks/network-segments-stack.ts, modules/transit-gateway-hub.ts, modules/hybrid-connectivity.ts)",
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
      const tag = model.tagsOf(table)[SEGMENT_TAG] as
        Segment | typeof ON_PREMISES_TABLE | typeof INSPECTION_TABLE | undefined;
      const policy =
        tag === ON_PREMISES_TABLE
          ? onPremisesPolicy(config)
          : tag === INSPECTION_TABLE
            ? inspectionPolicy()
            : tag && SEGMENTS.includes(tag)
              ? segmentPolicy(config, tag)
              : undefined;
      if (!policy) {
        out.push({
          address: addressOf(table),
          message: `has no ${SEGMENT_TAG} tag naming one of ${[...SEGMENTS, ON_PREMISES_TABLE, INSPECTION_TABLE].join(", ")}`,
        });
        continue;
      }
      for (const message of tableProblems(model, config, table, policy))
        out.push({ address: addressOf(table), message: `(${tag}) ${message}` });
    }
    return out;
  },
};
