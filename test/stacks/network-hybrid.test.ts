// The hub's on-premises side, inspected egress and the address plan in the second test configuration (HYBRID_NETWORK_YAML): what the
// network account's hub stack and the segments stack synthesize for a dynamic and a static VPN, a Direct Connect
// gateway, the resolver and the inspection VPC, and what each environment's VPC routes and admits. Synthesized JSON only: whether AWS accepts it is terraform-validate's
// and `make verify`'s to say, and no test here proves a tunnel comes up.
import { TUNNEL_CRYPTO, ON_PREMISES_TABLE, vpnTunnelLogGroupName } from "../../src/policies/hybrid-network";
import { SEGMENT_TAG } from "../../src/policies/transit-gateway";
import { example as shippedExample } from "../helpers/defects";
import { diffResources, stackResources } from "../../src/deploy/synth-diff";
import { exampleWithHybrid, synthApp } from "../helpers/synth";

const config = exampleWithHybrid();
const app = synthApp(config);
const hub = (type: string) => app.all("network-hub", type);

/** The segment (or on-premises) a route table reference names, by its construct ID. */
function tableOf(ref: unknown): string | undefined {
  const text = String(ref);
  if (/hybrid-us-east-1_route-table_/.test(text)) return ON_PREMISES_TABLE;
  return /hub-us-east-1_route-table-([a-z-]+)_/.exec(text)?.[1];
}

/** What an attachment reference names: a VPN by its gateway's name, the Direct Connect gateway, or an environment. */
function attachmentOf(ref: unknown): string | undefined {
  const text = String(ref);
  return (
    /vpn-([a-z-]+)_[0-9A-F]+\.transit_gateway_attachment_id/.exec(text)?.[1] ??
    (text.includes("data.aws_ec2_transit_gateway_dx_gateway_attachment.") ? "direct-connect" : undefined) ??
    (/resolver-vpc_hub-attachment_/.test(text) ? "resolver-vpc" : undefined) ??
    (/inspection-vpc_hub-attachment_/.test(text) ? "inspection-vpc" : undefined) ??
    /accepter\.accept-([a-z]+)\./.exec(text)?.[1]
  );
}

describe("the hub's on-premises side", () => {
  it("names each customer gateway's router, with its ASN (above 2,147,483,647 as the extended ASN)", () => {
    expect(
      hub("aws_customer_gateway").map((g) => [g.ip_address, g.bgp_asn, g.bgp_asn_extended, g.type]),
    ).toEqual([
      ["198.51.100.20", undefined, "4200000001", "ipsec.1"],
      ["203.0.113.10", "65010", undefined, "ipsec.1"],
    ]);
  });

  it("connects each to the hub with both tunnels held to IKEv2, AES-256, SHA-2 and strong groups", () => {
    const vpns = hub("aws_vpn_connection");
    expect(vpns.map((v) => [(v.tags as Record<string, string>).Name, v.static_routes_only])).toEqual([
      ["example-health-imaging-center", true],
      ["example-health-main-datacenter", false],
    ]);
    for (const vpn of vpns) {
      expect(vpn.transit_gateway_id).toMatch(/^\$\{aws_ec2_transit_gateway\.hub-us-east-1_transit-gateway_/);
      for (const tunnel of ["tunnel1", "tunnel2"]) {
        expect(vpn).toMatchObject({
          [`${tunnel}_ike_versions`]: ["ikev2"],
          [`${tunnel}_phase1_encryption_algorithms`]: TUNNEL_CRYPTO.phase1EncryptionAlgorithms,
          [`${tunnel}_phase2_encryption_algorithms`]: TUNNEL_CRYPTO.phase2EncryptionAlgorithms,
          [`${tunnel}_phase1_integrity_algorithms`]: TUNNEL_CRYPTO.phase1IntegrityAlgorithms,
          [`${tunnel}_phase2_integrity_algorithms`]: TUNNEL_CRYPTO.phase2IntegrityAlgorithms,
          [`${tunnel}_phase1_dh_group_numbers`]: TUNNEL_CRYPTO.phase1DhGroupNumbers,
          [`${tunnel}_phase2_dh_group_numbers`]: TUNNEL_CRYPTO.phase2DhGroupNumbers,
        });
      }
    }
  });

  it("keeps each VPN's pre-shared keys in Secrets Manager, not in the VPN service", () => {
    expect(
      synthApp(config)
        .all("network-hub", "aws_vpn_connection")
        .map((v) => v.preshared_key_storage),
    ).toEqual(["SecretsManager", "SecretsManager"]);
  });

  it("logs both tunnels of each VPN to the region's tunnel log group, in JSON", () => {
    const groups = app.stacks.get("network-hub")!.resource!.aws_cloudwatch_log_group;
    const [groupName] = Object.keys(groups).filter(
      (name) => (groups[name] as { name?: string }).name === vpnTunnelLogGroupName("example-health"),
    );
    for (const vpn of hub("aws_vpn_connection")) {
      for (const tunnel of ["tunnel1", "tunnel2"]) {
        expect(vpn[`${tunnel}_log_options`]).toEqual({
          cloudwatch_log_options: {
            log_enabled: true,
            log_group_arn: `\${aws_cloudwatch_log_group.${groupName}.arn}`,
            log_output_format: "json",
          },
        });
      }
    }
  });

  it("keeps the tunnel log as long as the archive, under a key of its own that encrypts only that group, protected from destroy", () => {
    const [group] = hub("aws_cloudwatch_log_group").filter(
      (g) => g.name === vpnTunnelLogGroupName("example-health"),
    );
    expect(group).toMatchObject({
      name: "/landing-zone/example-health-vpn-tunnels",
      retention_in_days: 2192,
      kms_key_id: expect.stringMatching(
        /^\$\{aws_kms_key\.hybrid-us-east-1_tunnel-logs_key_[0-9A-F]+\.arn\}$/,
      ),
      lifecycle: { prevent_destroy: true },
    });
    const [key] = hub("aws_kms_key").filter((k) => String(k.description).startsWith("Site-to-Site VPN"));
    const statements = (JSON.parse(String(key.policy)) as { Statement: Array<Record<string, unknown>> })
      .Statement;
    expect(statements.find((st) => st.Sid === "CloudWatchLogsEncryptsTheLogGroup")).toEqual({
      Sid: "CloudWatchLogsEncryptsTheLogGroup",
      Effect: "Allow",
      Principal: { Service: "logs.us-east-1.amazonaws.com" },
      Action: ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: {
        ArnEquals: {
          "kms:EncryptionContext:aws:logs:arn": expect.stringMatching(
            /^arn:aws:logs:us-east-1:.+:log-group:\/landing-zone\/example-health-vpn-tunnels$/,
          ),
        },
      },
    });
  });

  it("gives the log delivery service AWS's own statement for the tunnel log group, for this account only", () => {
    const [policy] = hub("aws_cloudwatch_log_resource_policy");
    expect(policy.policy_name).toBe("example-health-vpn-tunnel-logs");
    const [statement] = (JSON.parse(String(policy.policy_document)) as { Statement: unknown[] }).Statement;
    expect(statement).toEqual({
      Sid: "AWSLogDeliveryWrite20150319",
      Effect: "Allow",
      Principal: { Service: ["delivery.logs.amazonaws.com"] },
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: expect.stringMatching(
        /^arn:aws:logs:us-east-1:(.+):log-group:\/landing-zone\/example-health-vpn-tunnels:log-stream:\*$/,
      ),
      Condition: {
        StringEquals: { "aws:SourceAccount": [expect.any(String)] },
        ArnLike: { "aws:SourceArn": [expect.stringMatching(/^arn:aws:logs:us-east-1:.+:\*$/)] },
      },
    });
  });

  it("associates the Direct Connect gateway with the hub, advertising only prod's range and the resolver's", () => {
    expect(hub("aws_dx_gateway_association")).toEqual([
      expect.objectContaining({
        dx_gateway_id: "5f2d1e3c-0a1b-4c2d-9e8f-7a6b5c4d3e2f",
        associated_gateway_id: expect.stringMatching(
          /^\$\{aws_ec2_transit_gateway\.hub-us-east-1_transit-gateway_/,
        ),
        allowed_prefixes: ["10.10.0.0/16", "10.100.0.0/24"],
      }),
    ]);
    const data = app.stacks.get("network-hub")!.data!.aws_ec2_transit_gateway_dx_gateway_attachment;
    expect(Object.values(data)).toEqual([
      expect.objectContaining({
        dx_gateway_id: "5f2d1e3c-0a1b-4c2d-9e8f-7a6b5c4d3e2f",
        depends_on: [expect.stringMatching(/^aws_dx_gateway_association\./)],
      }),
    ]);
  });

  it("puts every on-premises attachment on the on-premises table, and only them, and the resolver VPC on shared's", () => {
    const [table] = hub("aws_ec2_transit_gateway_route_table").filter(
      (t) => (t.tags as Record<string, string>)[SEGMENT_TAG] === ON_PREMISES_TABLE,
    );
    expect(table.tags).toEqual({ Name: "example-health-on-premises", [SEGMENT_TAG]: ON_PREMISES_TABLE });
    expect(
      hub("aws_ec2_transit_gateway_route_table_association")
        .map(
          (a) =>
            `${attachmentOf(a.transit_gateway_attachment_id)} -> ${tableOf(a.transit_gateway_route_table_id)}`,
        )
        .sort(),
    ).toEqual([
      `direct-connect -> ${ON_PREMISES_TABLE}`,
      `imaging-center -> ${ON_PREMISES_TABLE}`,
      "inspection-vpc -> inspection", // the network account's own VPCs: inspection's on its table...
      `main-datacenter -> ${ON_PREMISES_TABLE}`,
      "resolver-vpc -> shared", // ...and the resolver's in the shared segment
    ]);
  });

  it("propagates BGP routes, and writes the static gateway's routes, into the allowed segments' tables only", () => {
    expect(
      hub("aws_ec2_transit_gateway_route_table_propagation")
        .map(
          (p) =>
            `${attachmentOf(p.transit_gateway_attachment_id)} -> ${tableOf(p.transit_gateway_route_table_id)}`,
        )
        .sort(),
    ).toEqual([
      "direct-connect -> prod",
      "direct-connect -> shared",
      "main-datacenter -> prod",
      "main-datacenter -> shared",
      `resolver-vpc -> ${ON_PREMISES_TABLE}`,
    ]);
    const routes = hub("aws_ec2_transit_gateway_route").map((r) =>
      r.blackhole
        ? `${tableOf(r.transit_gateway_route_table_id)}: ${String(r.destination_cidr_block)} blackhole`
        : `${tableOf(r.transit_gateway_route_table_id)}: ${String(r.destination_cidr_block)} -> ${attachmentOf(r.transit_gateway_attachment_id)}`,
    );
    expect(routes.sort()).toEqual([
      "non-prod: 0.0.0.0/0 -> inspection-vpc", // inspected egress: every segment's default route
      "non-prod: 10.10.0.0/16 blackhole", // prod, as without the on-premises side
      "non-prod: 10.101.0.0/24 blackhole", // the inspection VPC's own range, in every table
      "non-prod: 10.200.0.0/16 blackhole", // on-premises, not allowed to non-prod
      "non-prod: 172.20.0.0/16 blackhole",
      `${ON_PREMISES_TABLE}: 10.101.0.0/24 blackhole`,
      `${ON_PREMISES_TABLE}: 10.20.0.0/16 blackhole`, // staging, non-prod
      `${ON_PREMISES_TABLE}: 10.30.0.0/16 blackhole`, // dev, non-prod
      "prod: 0.0.0.0/0 -> inspection-vpc",
      "prod: 10.101.0.0/24 blackhole",
      "prod: 10.20.0.0/16 blackhole",
      "prod: 10.30.0.0/16 blackhole",
      "prod: 172.20.0.0/16 -> imaging-center",
      "shared: 0.0.0.0/0 -> inspection-vpc",
      "shared: 10.101.0.0/24 blackhole",
      "shared: 172.20.0.0/16 -> imaging-center",
    ]);
  });

  it("lets on-premises learn only the environments of the allowed segments", () => {
    const toOnPremises = app
      .all("network-segments", "aws_ec2_transit_gateway_route_table_propagation")
      .filter((p) => tableOf(p.transit_gateway_route_table_id) === ON_PREMISES_TABLE);
    expect(toOnPremises.map((p) => attachmentOf(p.transit_gateway_attachment_id))).toEqual(["prod"]);
  });

  it("routes and admits the on-premises ranges in prod's VPC, and in no non-prod VPC", () => {
    const onPremises = ["10.200.0.0/16", "172.20.0.0/16"];
    const routed = (env: string) =>
      app
        .all(`network-${env}`, "aws_route")
        .filter((r) => onPremises.includes(String(r.destination_cidr_block)))
        .map((r) => [r.destination_cidr_block, typeof r.transit_gateway_id]);
    expect(routed("prod")).toEqual([
      ["10.200.0.0/16", "string"],
      ["172.20.0.0/16", "string"],
      ["10.200.0.0/16", "string"],
      ["172.20.0.0/16", "string"],
    ]);
    expect([...routed("staging"), ...routed("dev")]).toEqual([]);
    const admitted = (env: string) =>
      (app.all(`network-${env}`, "aws_network_acl")[0].ingress as Array<Record<string, unknown>>)
        .map((rule) => String(rule.cidr_block))
        .filter((cidr) => onPremises.includes(cidr));
    expect(admitted("prod")).toEqual(onPremises);
    expect([...admitted("staging"), ...admitted("dev")]).toEqual([]);
  });

  it("puts the resolver's VPC in the network account's shared segment, routing on-premises only, learned by on-premises only", () => {
    const vpcs = hub("aws_vpc");
    expect(vpcs.map((v) => [v.cidr_block, (v.tags as Record<string, string>).Name])).toEqual([
      ["10.101.0.0/24", "example-health-inspection-vpc"],
      ["10.100.0.0/24", "example-health-resolver-dns"],
    ]);
    expect(hub("aws_flow_log")).toHaveLength(3); // the gateway's and each VPC's
    expect(
      hub("aws_ec2_transit_gateway_vpc_attachment").map(
        (a) => (a.tags as Record<string, string>)[SEGMENT_TAG],
      ),
    ).toEqual(["inspection", "shared"]);
    const resolverAttachment = (ref: unknown) => /resolver-vpc_hub-attachment_/.test(String(ref));
    const placed = (type: string) =>
      hub(type)
        .filter((r) => resolverAttachment(r.transit_gateway_attachment_id))
        .map((r) => tableOf(r.transit_gateway_route_table_id));
    expect(placed("aws_ec2_transit_gateway_route_table_association")).toEqual(["shared"]);
    expect(placed("aws_ec2_transit_gateway_route_table_propagation")).toEqual([ON_PREMISES_TABLE]);
    expect(
      hub("aws_route")
        .filter((r) => String(r.route_table_id).includes("resolver-vpc_"))
        .map((r) => r.destination_cidr_block)
        .sort(),
    ).toEqual(["10.200.0.0/16", "10.200.0.0/16", "172.20.0.0/16", "172.20.0.0/16"]);
  });

  it("forwards each on-premises domain to its servers through an outbound endpoint that may send DNS only to them", () => {
    const endpoints = hub("aws_route53_resolver_endpoint");
    expect(endpoints.map((e) => [e.direction, (e.ip_address as unknown[]).length])).toEqual([
      ["INBOUND", 2],
      ["OUTBOUND", 2],
    ]);
    expect(
      hub("aws_route53_resolver_rule").map((r) => [
        r.domain_name,
        r.rule_type,
        (r.target_ip as Array<{ ip: string; port: number }>).map((t) => `${t.ip}:${t.port}`),
      ]),
    ).toEqual([
      ["ehr.hospital.local", "FORWARD", ["10.200.0.10:53", "10.200.0.11:53"]],
      ["pacs.imaging.local", "FORWARD", ["172.20.1.53:53"]],
    ]);
    const groups = Object.fromEntries(
      hub("aws_security_group").map((g) => [g.name as string, { ingress: g.ingress, egress: g.egress }]),
    );
    const dns = (cidrs: string[]) =>
      ["tcp", "udp"].map((protocol) =>
        expect.objectContaining({ protocol, from_port: 53, to_port: 53, cidr_blocks: cidrs }),
      );
    expect(groups["example-health-resolver-outbound"]).toEqual({
      ingress: [],
      egress: dns(["10.200.0.10/32", "10.200.0.11/32", "172.20.1.53/32"]),
    });
    expect(groups["example-health-resolver-inbound"]).toEqual({
      ingress: dns(["10.200.0.0/16", "172.20.0.0/16"]),
      egress: [],
    });
  });

  it("shares the rules with prod's account only, and only prod's VPC uses them", () => {
    expect(hub("aws_ram_resource_share").map((r) => [r.name, r.allow_external_principals])).toEqual([
      ["example-health-hub-us-east-1", false],
      ["example-health-resolver-rules", false],
    ]);
    const principals = hub("aws_ram_principal_association")
      .map((p) => String(p.principal))
      .filter((p) => p.includes("aws_organizations_account"));
    expect(principals).toEqual([expect.stringMatching(/account-phi-prod/)]);
    const associations = (env: string) =>
      app.all(`network-${env}`, "aws_route53_resolver_rule_association").map((a) => a.name);
    expect(associations("prod")).toEqual([
      "example-health-prod-ehr-hospital-local",
      "example-health-prod-pacs-imaging-local",
    ]);
    expect([...associations("staging"), ...associations("dev")]).toEqual([]);
  });
});

describe("inspected egress", () => {
  const routesOf = (tier: string, zone: number) =>
    hub("aws_route")
      .filter((r) => String(r.route_table_id).includes(`inspection-vpc_${tier}-rt-${zone}_`))
      .map((r) => {
        const target = String(r.vpc_endpoint_id ?? r.nat_gateway_id ?? r.gateway_id ?? r.transit_gateway_id);
        const kind = target.includes("firewall_status")
          ? `firewall endpoint in ${/inspection-vpc_firewall-(\d)_/.exec(target)?.[1]}`
          : (/aws_(nat_gateway|internet_gateway|ec2_transit_gateway)\./.exec(target)?.[1] ?? target);
        return `${String(r.destination_cidr_block)} -> ${kind}`;
      });

  it("attaches the inspection VPC in appliance mode and sends every segment's default route to it, never on-premises'", () => {
    expect(
      hub("aws_ec2_transit_gateway_vpc_attachment").filter((a) =>
        String((a.tags as Record<string, string>).Name).includes("inspection"),
      ),
    ).toEqual([expect.objectContaining({ appliance_mode_support: "enable" })]);
    const defaults = hub("aws_ec2_transit_gateway_route")
      .filter((r) => r.destination_cidr_block === "0.0.0.0/0")
      .map(
        (r) =>
          `${tableOf(r.transit_gateway_route_table_id)} -> ${attachmentOf(r.transit_gateway_attachment_id)}`,
      )
      .sort();
    expect(defaults).toEqual([
      "non-prod -> inspection-vpc",
      "prod -> inspection-vpc",
      "shared -> inspection-vpc",
    ]);
    expect(
      app
        .all("network-segments", "aws_ec2_transit_gateway_route_table_propagation")
        .filter((p) => tableOf(p.transit_gateway_route_table_id) === "inspection")
        .map((p) => attachmentOf(p.transit_gateway_attachment_id))
        .sort(),
    ).toEqual(["dev", "prod", "staging"]);
  });

  it("routes the hub's traffic through its zone's firewall endpoint, then NAT, and the replies back the same way", () => {
    for (const zone of [0, 1]) {
      expect(routesOf("attachment", zone)).toEqual([`0.0.0.0/0 -> firewall endpoint in ${zone}`]);
      expect(routesOf("firewall", zone)).toEqual([
        "0.0.0.0/0 -> nat_gateway",
        "10.10.0.0/16 -> ec2_transit_gateway",
        "10.20.0.0/16 -> ec2_transit_gateway",
        "10.30.0.0/16 -> ec2_transit_gateway",
      ]);
      expect(routesOf("egress", zone)).toEqual([
        "0.0.0.0/0 -> internet_gateway",
        `10.10.0.0/16 -> firewall endpoint in ${zone}`,
        `10.20.0.0/16 -> firewall endpoint in ${zone}`,
        `10.30.0.0/16 -> firewall endpoint in ${zone}`,
      ]);
    }
  });

  it("lets out only TLS and HTTP to the allowed domains, in strict order, dropping and alerting the rest", () => {
    const [group] = hub("aws_networkfirewall_rule_group");
    expect(group.type).toBe("STATEFUL");
    expect(group.rule_group).toEqual({
      rule_variables: {
        ip_sets: [
          { key: "HOME_NET", ip_set: { definition: ["10.30.0.0/16", "10.10.0.0/16", "10.20.0.0/16"] } },
        ],
      },
      rules_source: {
        rules_source_list: {
          generated_rules_type: "ALLOWLIST",
          target_types: ["TLS_SNI", "HTTP_HOST"],
          targets: ["updates.ehr-vendor.example", ".hl7.org"],
        },
      },
      stateful_rule_options: { rule_order: "STRICT_ORDER" },
    });
    const [policy] = hub("aws_networkfirewall_firewall_policy");
    expect(policy.firewall_policy).toEqual({
      stateless_default_actions: ["aws:forward_to_sfe"],
      stateless_fragment_default_actions: ["aws:forward_to_sfe"],
      stateful_engine_options: { rule_order: "STRICT_ORDER" },
      stateful_default_actions: ["aws:drop_established", "aws:alert_established"],
      stateful_rule_group_reference: [
        { resource_arn: expect.stringMatching(/^\$\{aws_networkfirewall_rule_group\./), priority: 1 },
      ],
    });
    const [logging] = hub("aws_networkfirewall_logging_configuration");
    const destinations = (
      logging.logging_configuration as { log_destination_config: Array<Record<string, unknown>> }
    ).log_destination_config;
    expect(destinations.map((d) => [d.log_type, d.log_destination_type])).toEqual([
      ["ALERT", "S3"],
      ["FLOW", "S3"],
    ]);
    expect(destinations[0].log_destination).toEqual({
      bucketName: expect.stringMatching(/cross-stack-reference-input-log-archive/),
    });
  });

  it("sends every environment's default route to the hub, and nothing else changes in its NACL", () => {
    for (const env of ["prod", "staging", "dev"]) {
      const defaults = app
        .all(`network-${env}`, "aws_route")
        .filter((r) => r.destination_cidr_block === "0.0.0.0/0");
      expect(defaults).toHaveLength(2);
      for (const route of defaults) expect(route.transit_gateway_id).toEqual(expect.any(String));
      const nacl = app.all(`network-${env}`, "aws_network_acl")[0];
      expect(
        (nacl.egress as Array<Record<string, unknown>>).filter((r) => r.cidr_block === "0.0.0.0/0"),
      ).toEqual([expect.objectContaining({ protocol: "tcp", from_port: 443, to_port: 443 })]);
    }
  });
});

describe("the address plan (IPAM)", () => {
  it("keeps an Advanced-tier IPAM in the network account, operating in every governed region", () => {
    expect(hub("aws_vpc_ipam")).toEqual([
      expect.objectContaining({
        tier: "advanced",
        operating_regions: [{ region_name: "us-east-1" }, { region_name: "us-west-2" }],
        tags: { Name: "example-health-ipam" },
      }),
    ]);
  });

  it("holds a pool per segment and region in the private scope, its locale the region, allocating /16 to /24 (the network account's VPCs go to /24)", () => {
    const pools = hub("aws_vpc_ipam_pool");
    expect(
      pools.map((p) => [
        (p.tags as Record<string, string>)[SEGMENT_TAG],
        p.locale,
        p.allocation_min_netmask_length,
        p.allocation_max_netmask_length,
        p.allocation_default_netmask_length,
        p.auto_import,
      ]),
    ).toEqual([
      ["non-prod", "us-east-1", 16, 24, 16, false],
      ["prod", "us-east-1", 16, 24, 16, false],
      ["prod", "us-west-2", 16, 24, 16, false],
      ["shared", "us-east-1", 16, 24, 16, false],
    ]);
    for (const pool of pools) {
      expect(pool.address_family).toBe("ipv4");
      expect(pool.ipam_scope_id).toMatch(/^\$\{aws_vpc_ipam\.ipam_[0-9A-F]+\.private_default_scope_id\}$/);
    }
    expect(hub("aws_vpc_ipam_pool_cidr").map((c) => [String(c.ipam_pool_id).split(".")[1], c.cidr])).toEqual([
      [expect.stringMatching(/^ipam_pool-non-prod-us-east-1_/), "10.16.0.0/12"],
      [expect.stringMatching(/^ipam_pool-prod-us-east-1_/), "10.0.0.0/12"],
      [expect.stringMatching(/^ipam_pool-prod-us-west-2_/), "10.64.0.0/12"],
      [expect.stringMatching(/^ipam_pool-shared-us-east-1_/), "10.96.0.0/12"],
    ]);
  });

  it("allocates every VPC's range in its segment's pool of the home region, after the pool's CIDR", () => {
    expect(
      hub("aws_vpc_ipam_pool_cidr_allocation").map((a) => [
        a.description,
        /ipam_pool-([a-z-]+-us-[a-z]+-\d)_/.exec(String(a.ipam_pool_id))?.[1],
        a.cidr,
        (a.depends_on as string[]).map((d) => /ipam_pool-([a-z-]+-us-[a-z]+-\d)-cidr_/.exec(d)?.[1]),
      ]),
    ).toEqual([
      ["environment dev", "non-prod-us-east-1", "10.30.0.0/16", ["non-prod-us-east-1"]],
      ["environment prod", "prod-us-east-1", "10.10.0.0/16", ["prod-us-east-1"]],
      ["environment staging", "non-prod-us-east-1", "10.20.0.0/16", ["non-prod-us-east-1"]],
      ["inspection", "shared-us-east-1", "10.101.0.0/24", ["shared-us-east-1"]],
      ["resolver", "shared-us-east-1", "10.100.0.0/24", ["shared-us-east-1"]],
    ]);
    // The VPCs keep their own ranges: turning the plan on replaces none.
    expect(app.all("network-prod", "aws_vpc").map((v) => [v.cidr_block, v.ipv4_ipam_pool_id])).toEqual([
      ["10.10.0.0/16", undefined],
    ]);
  });

  it("makes the network account IPAM's delegated administrator from the management account, and trusts IPAM", () => {
    expect(app.all("organization", "aws_vpc_ipam_organization_admin_account")).toEqual([
      expect.objectContaining({
        delegated_admin_account_id: expect.stringContaining("account-shared-services_"),
      }),
    ]);
    expect(
      app.all("organization", "aws_organizations_organization")[0].aws_service_access_principals,
    ).toContain("ipam.amazonaws.com");
  });

  it("holds no IPAM while no pool is configured (the shipped example)", () => {
    const example = synthApp(shippedExample);
    expect(example.all("network-hub", "aws_vpc_ipam")).toEqual([]);
    expect(example.all("organization", "aws_vpc_ipam_organization_admin_account")).toEqual([]);
    expect(
      example.all("organization", "aws_organizations_organization")[0].aws_service_access_principals,
    ).not.toContain("ipam.amazonaws.com");
  });
});

describe("the plan from the example to the second configuration (offline, as make vend prints it)", () => {
  // What this proves: turning on VPN, Direct Connect, the resolver, inspection and the address plan only adds to
  // the example's synthesized resources, and changes two in place; not what Terraform plans against AWS (no
  // credentials here), where an argument that forces replacement would show. terraform-validate checks the stacks.
  const resourcesOf = (synthesized: ReturnType<typeof synthApp>) =>
    new Map([...synthesized.stacks].map(([name, json]) => [name, stackResources(json)]));
  const changes = diffResources(resourcesOf(synthApp(shippedExample)), resourcesOf(app));

  it("adds to the network stacks and the organization, and deletes nothing", () => {
    expect(changes.map((c) => [c.stack, c.kind])).toEqual([
      ["network-dev", "changed"],
      ["network-hub", "changed"],
      ["network-prod", "changed"],
      ["network-segments", "changed"],
      ["network-staging", "changed"],
      ["organization", "changed"],
    ]);
    expect(changes.flatMap((c) => c.changes.filter((r) => r.action === "delete"))).toEqual([]);
  });

  it("changes in place only prod's network ACL (on-premises admitted) and the organization's trusted services (IPAM)", () => {
    expect(
      changes.flatMap((c) =>
        c.changes
          .filter((r) => r.action === "update")
          .map((r) => `${c.stack} ${r.address.split(".")[0]} ${r.attributes.join(",")}`),
      ),
    ).toEqual([
      "network-prod aws_network_acl egress,ingress",
      "organization aws_organizations_organization aws_service_access_principals",
    ]);
  });
});
