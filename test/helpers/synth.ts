// Synthesizes the whole app the way `make synth` does (cross-stack references become remote-state lookups) into
// a temporary directory, and reads back each stack's JSON. Each distinct configuration is synthesized once per
// jest worker (6-9 s each on two busy cores; two dozen test files synthesize the example): the stacks' JSON is kept
// in the worker's store (worker-store.ts) and every caller gets a deep-frozen copy parsed for its own file, so a
// test that edits stacks must copy them first, as verifyWith does. The simulation outcomes of src/verify are shared
// through the same store, so the files that prove the example's access paths decide its requests once per worker.
import * as fs from "fs";
import * as path from "path";
import { inScratchSynth } from "../../src/app";
import { loadConfig } from "../../src/config/load";
import { LandingZoneConfig } from "../../src/config/schema";
import { shareOutcomes } from "../../src/verify/simulator";
import { writeConfig } from "./config-fixture";
import { workerStore } from "./worker-store";

shareOutcomes(workerStore());

/** Resource blocks by type, then by name. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** One synthesized stack. */
export interface SynthesizedStackJson {
  readonly resource: Resources;
  readonly provider: { aws: Array<Record<string, unknown>> };
  readonly data?: Resources;
  /** Terraform `removed` blocks: resources that leave state without being destroyed. */
  readonly removed?: ReadonlyArray<{
    readonly from: string;
    readonly lifecycle: { readonly destroy: boolean };
  }>;
}

/** A synthesized app: its stacks by name. */
export interface SynthesizedApp {
  readonly stacks: ReadonlyMap<string, SynthesizedStackJson>;
  /** Every resource of a type in a stack. */
  readonly all: (stack: string, type: string) => Array<Record<string, unknown>>;
}

const ENVIRONMENTS = path.join(__dirname, "..", "..", "environments");

/** The shipped example's YAML files by name. */
function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(ENVIRONMENTS)) {
    if (name.endsWith(".yaml")) files[name] = fs.readFileSync(path.join(ENVIRONMENTS, name), "utf8");
  }
  return files;
}

/** The shipped example configuration with its governed regions replaced. */
export function exampleWithRegions(regions: readonly string[]): LandingZoneConfig {
  const files = exampleFiles();
  const org = files["organization.yaml"];
  if (!/^regions:\n(  - .*\n)+/m.test(org)) throw new Error("the example's regions block was not found");
  files["organization.yaml"] = org.replace(
    /^regions:\n(  - .*\n)+/m,
    `regions:\n${regions.map((r) => `  - ${r}\n`).join("")}`,
  );
  return loadConfig(writeConfig(files));
}

/**
 * The second test configuration's hub (issue 38): the example's hub with an on-premises side and inspection. Prod and shared reach
 * on-premises, non-prod (staging and dev) does not, so both the propagations and the blackholes of the on-premises
 * side are exercised: a dynamic (BGP) and a static customer gateway, a Direct Connect gateway, and the resolver's
 * VPC with two forwarding rules and the inbound endpoint; and inspected egress with a two-domain allow-list.
 */
export const HYBRID_NETWORK_YAML = `network:
  transitGateway:
    enabled: true
  hybrid:
    onPremisesCidrs: [10.200.0.0/16, 172.20.0.0/16]
    segments: [prod, shared]
    customerGateways:
      - name: main-datacenter
        ipAddress: 203.0.113.10
        bgpAsn: 65010
      - name: imaging-center
        ipAddress: 198.51.100.20
        bgpAsn: 4200000001
        routing: static
        staticRoutes: [172.20.0.0/16]
    directConnectGatewayId: 5f2d1e3c-0a1b-4c2d-9e8f-7a6b5c4d3e2f
    resolver:
      cidr: 10.100.0.0/24
      forwardingRules:
        - domain: ehr.hospital.local
          targetIps: [10.200.0.10, 10.200.0.11]
        - domain: pacs.imaging.local
          targetIps: [172.20.1.53]
      inboundEndpoint: true
  inspection:
    enabled: true
    cidr: 10.101.0.0/24
    allowedDomains: [updates.ehr-vendor.example, .hl7.org]
  ipam:
    pools:
      prod:
        us-east-1: 10.0.0.0/12
        us-west-2: 10.64.0.0/12
      non-prod:
        us-east-1: 10.16.0.0/12
      shared:
        us-east-1: 10.96.0.0/12
`;

/** The example with HYBRID_NETWORK_YAML as its network section. */
export function exampleWithHybrid(): LandingZoneConfig {
  const files = exampleFiles();
  const network = /^network:\n(  .*\n|\s*#.*\n)+/m;
  if (!network.test(files["organization.yaml"])) throw new Error("the example's network block was not found");
  files["organization.yaml"] = files["organization.yaml"].replace(network, HYBRID_NETWORK_YAML);
  return loadConfig(writeConfig(files));
}

/**
 * Environments outside the home region (issue 38): three governed regions, the hub off, staging in us-west-2 (the
 * log archive's replica region) and dev, with its workload, in eu-west-2; prod stays in the home region.
 */
export function exampleWithRegionalEnvironments(): LandingZoneConfig {
  const files = exampleFiles();
  const org = files["organization.yaml"];
  const hubOn = /^(  transitGateway:\n    enabled:) true/m;
  if (!/^regions:\n(  - .*\n)+/m.test(org) || !hubOn.test(org))
    throw new Error("the example's regions or hub switch was not found");
  files["organization.yaml"] = org
    .replace(/^regions:\n(  - .*\n)+/m, "regions:\n  - us-east-1\n  - us-west-2\n  - eu-west-2\n")
    .replace(hubOn, "$1 false");
  for (const [file, region] of [
    ["staging.yaml", "us-west-2"],
    ["dev.yaml", "eu-west-2"],
  ]) {
    if (!/^cidr: .*\n/m.test(files[file])) throw new Error(`the example's ${file} has no cidr line`);
    files[file] = files[file].replace(/^(cidr: .*\n)/m, `$1region: ${region}\n`);
  }
  return loadConfig(writeConfig(files));
}

/**
 * What a synthesis is computed from besides the sources (worker-environment.ts empties the store when they
 * change): the configuration, every field of it (an undefined one marked, as `in` tells it from a missing one),
 * and the environment variables cdktf's App and stacks read.
 */
function synthKey(config: LandingZoneConfig): string {
  const env = Object.entries(process.env)
    .filter(([name]) => /^(CDKTF_|SYNTH_HCL_OUTPUT$|TERRAFORM_BINARY_NAME$)/.test(name))
    .sort(([a], [b]) => a.localeCompare(b));
  const text = JSON.stringify({ config, env }, (_key, value: unknown) => {
    // Every string is written with a prefix, so the mark of an undefined field is no string's text.
    if (value === undefined) return "u";
    if (typeof value === "string") return `s:${value}`;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const prototype = Object.getPrototypeOf(value) as unknown;
      // Only plain objects serialize whole: a Map or a Date would be written as {} or a string.
      if (prototype !== Object.prototype && prototype !== null)
        throw new Error(
          `synthApp cannot key a configuration holding ${Object.prototype.toString.call(value)}`,
        );
    }
    return value;
  });
  return `synth:${text}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Parsed in this file already, by key: the same frozen object for the same configuration. */
const parsed = new Map<string, SynthesizedApp>();

/**
 * Synthesizes `config` for real AWS (the directory is removed afterwards) and returns every stack's JSON,
 * deep-frozen: a configuration synthesized before in this worker is read back instead.
 */
export function synthApp(config: LandingZoneConfig): SynthesizedApp {
  const key = synthKey(config);
  const known = parsed.get(key);
  if (known) return known;
  const store = workerStore();
  let text = store.get(key);
  if (text === undefined) {
    text = inScratchSynth(config, (outdir) => {
      const stacks: Record<string, unknown> = {};
      for (const name of fs.readdirSync(path.join(outdir, "stacks"))) {
        stacks[name] = JSON.parse(
          fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8"),
        ) as unknown;
      }
      return JSON.stringify(stacks);
    });
    store.set(key, text);
  }
  const stacks = new Map(
    Object.entries(deepFreeze(JSON.parse(text) as Record<string, SynthesizedStackJson>)),
  );
  const app: SynthesizedApp = {
    stacks,
    all: (stack: string, type: string) => Object.values(stacks.get(stack)?.resource?.[type] ?? {}),
  };
  parsed.set(key, app);
  return app;
}
