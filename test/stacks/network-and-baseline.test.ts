// The PHI VPCs and the account baseline as synthesized: private subnets sized from the CIDR, endpoints with
// data-perimeter policies, closed default group, NACLs, flow logs and DNS query logs to the archive, DNS Firewall; EBS, IMDS,
// S3 and IAM defaults in every account and region.
import { FLOW_LOG_FIELDS, GATEWAY_ENDPOINTS } from "../../modules/phi-vpc";
import { subnetPlan } from "../../src/config/network-plan";
import { DEFAULT_INTERFACE_ENDPOINTS } from "../../src/config/schema";
import { endpointPolicy, PRINCIPAL_ONLY_ENDPOINTS } from "../../src/policies/endpoint-policies";
import { PolicyDocument } from "../../src/policies/policy-document";
import { BLOCKED_MANAGED_DOMAIN_LISTS, MANAGED_DOMAIN_LIST_IDS } from "../../src/policies/dns-firewall";
import { exampleWithRegions, synthApp } from "../helpers/synth";
import { reachableCidrs } from "../../src/config/model";
import { SEGMENT_TAG, SEGMENTS } from "../../src/policies/transit-gateway";

const config = exampleWithRegions(["us-east-1", "us-west-2"]);
const app = synthApp(config);
const net = (env: string, type: string) => app.all(`network-${env}`, type);
const policy = (r: Record<string, unknown>) => JSON.parse(r.policy as string) as PolicyDocument;

describe("subnet plan", () => {
  it("carves one private subnet per zone from the CIDR, leaving room for an egress tier", () => {
    expect(subnetPlan("10.10.0.0/16", 2, false)).toEqual({
      private: ["10.10.0.0/18", "10.10.64.0/18"],
      egress: [],
    });
    expect(subnetPlan("10.10.0.0/16", 3, true)).toEqual({
      private: ["10.10.0.0/19", "10.10.32.0/19", "10.10.64.0/19"],
      egress: ["10.10.96.0/19", "10.10.128.0/19", "10.10.160.0/19"],
    });
    expect(subnetPlan("10.20.4.0/22", 6, false).private).toEqual([
      "10.20.4.0/26",
      "10.20.4.64/26",
      "10.20.4.128/26",
      "10.20.4.192/26",
      "10.20.5.0/26",
      "10.20.5.64/26",
    ]);
  });
});

describe.each(["prod", "staging", "dev"])("the %s PHI VPC", (env) => {
  const environment = config.environments.find((e) => e.name === env)!;

  it("lives in the environment's account with the environment's CIDR and DNS on", () => {
    expect(net(env, "aws_vpc")).toEqual([
      expect.objectContaining({
        cidr_block: environment.cidr,
        enable_dns_support: true,
        enable_dns_hostnames: true,
      }),
    ]);
    const [provider] = app.stacks.get(`network-${env}`)!.provider.aws;
    expect(provider.assume_role).toEqual([
      expect.objectContaining({ role_arn: expect.stringMatching(/:role\/OrganizationAccountAccessRole$/) }),
    ]);
  });

  it("sets API Gateway's logging role, AWS's managed policy and trust, where the environment has workloads", () => {
    const settings = net(env, "aws_api_gateway_account");
    if (environment.workloads.length === 0) {
      expect(settings).toEqual([]);
      return;
    }
    expect(settings).toEqual([
      expect.objectContaining({
        cloudwatch_role_arn: expect.stringMatching(/^\$\{aws_iam_role\..*\.arn\}$/),
      }),
    ]);
    const role = net(env, "aws_iam_role").find((r) => r.name === `example-health-${env}-apigateway-logs`)!;
    expect(JSON.parse(role.assume_role_policy as string).Statement).toEqual([
      {
        Sid: "ApiGatewayAssumes",
        Effect: "Allow",
        Principal: { Service: "apigateway.amazonaws.com" },
        Action: "sts:AssumeRole",
      },
    ]);
    expect(net(env, "aws_iam_role_policy_attachment")).toEqual([
      expect.objectContaining({
        policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
      }),
    ]);
  });

  it("has private subnets only, in distinct zones, never assigning public IPs, and no internet gateway", () => {
    const subnets = net(env, "aws_subnet");
    expect(subnets.map((s) => s.cidr_block)).toEqual(subnetPlan(environment.cidr, 2, false).private);
    expect(subnets.map((s) => s.availability_zone)).toEqual([
      expect.stringMatching(/^\$\{element\(data\.aws_availability_zones\.vpc_zones_\w+\.names, 0\)\}$/),
      expect.stringMatching(/^\$\{element\(data\.aws_availability_zones\.vpc_zones_\w+\.names, 1\)\}$/),
    ]);
    for (const s of subnets) expect(s.map_public_ip_on_launch).toBe(false);
    expect(net(env, "aws_internet_gateway")).toEqual([]);
    expect(net(env, "aws_nat_gateway")).toEqual([]);
    // Its only routes lead to the hub, for the environments its segment reaches (staging and dev, both non-prod).
    const reachable = reachableCidrs(config, environment);
    expect(reachable).toEqual(
      ({ prod: [], staging: ["10.30.0.0/16"], dev: ["10.20.0.0/16"] } as Record<string, string[]>)[env],
    );
    expect(
      net(env, "aws_route").map((r) => [
        r.destination_cidr_block,
        r.transit_gateway_id,
        r.gateway_id ?? null,
      ]),
    ).toEqual(
      reachable.flatMap((cidr) => [
        [cidr, expect.stringMatching(/cross-stack-reference-input-network-hub/), null],
        [cidr, expect.stringMatching(/cross-stack-reference-input-network-hub/), null],
      ]),
    );
  });

  it("keeps the default security group without rules and admits only HTTPS from the VPC to endpoints", () => {
    expect(net(env, "aws_default_security_group")).toEqual([
      expect.objectContaining({ ingress: [], egress: [] }),
    ]);
    expect(net(env, "aws_security_group")).toEqual([
      expect.objectContaining({
        ingress: [
          expect.objectContaining({
            protocol: "tcp",
            from_port: 443,
            to_port: 443,
            cidr_blocks: [environment.cidr],
          }),
        ],
        egress: [],
      }),
    ]);
  });

  it("puts a NACL on the private subnets that admits the VPC, the environments its segment reaches and HTTPS out, nothing else", () => {
    const [nacl] = net(env, "aws_network_acl");
    expect((nacl.subnet_ids as string[]).length).toBe(2);
    const hubRules = reachableCidrs(config, environment).map((cidr, i) =>
      expect.objectContaining({ rule_no: 10 + i, cidr_block: cidr, protocol: "-1", action: "allow" }),
    );
    expect(nacl.ingress).toEqual([
      ...hubRules,
      expect.objectContaining({ rule_no: 100, cidr_block: environment.cidr, protocol: "-1" }),
      expect.objectContaining({ rule_no: 200, cidr_block: "0.0.0.0/0", protocol: "tcp", from_port: 1024 }),
    ]);
    expect(nacl.egress).toEqual([
      ...hubRules,
      expect.objectContaining({ rule_no: 100, cidr_block: environment.cidr, protocol: "-1" }),
      expect.objectContaining({
        rule_no: 200,
        cidr_block: "0.0.0.0/0",
        protocol: "tcp",
        from_port: 443,
        to_port: 443,
      }),
    ]);
  });

  it("has the interface endpoints with private DNS and the S3 and DynamoDB gateways on the private route tables", () => {
    const endpoints = net(env, "aws_vpc_endpoint");
    const interfaces = endpoints.filter((e) => e.vpc_endpoint_type === "Interface");
    // dev and staging have a workload: its API's execute-api endpoint joins the defaults there (interfaceEndpointsOf).
    const expected = [...DEFAULT_INTERFACE_ENDPOINTS, ...(env === "prod" ? [] : ["execute-api"])];
    expect(interfaces.map((e) => e.service_name).sort()).toEqual(
      expected.map((s) => `com.amazonaws.us-east-1.${s}`).sort(),
    );
    for (const e of interfaces) expect(e.private_dns_enabled).toBe(true);
    const gateways = endpoints.filter((e) => e.vpc_endpoint_type === "Gateway");
    expect(gateways.map((e) => e.service_name).sort()).toEqual(
      GATEWAY_ENDPOINTS.map((s) => `com.amazonaws.us-east-1.${s}`).sort(),
    );
    for (const g of gateways) expect((g.route_table_ids as string[]).length).toBe(2);
  });

  it("gives every endpoint a data-perimeter policy, never allow-all", () => {
    for (const e of net(env, "aws_vpc_endpoint")) {
      for (const statement of policy(e).Statement) {
        // Federated sign-in carries no AWS principal: there the role assumed must be the organization's.
        const orgKey =
          statement.Sid === "FederatedSignInToOrganizationRoles" ? "aws:ResourceOrgID" : "aws:PrincipalOrgID";
        expect(statement.Condition).toEqual(
          expect.objectContaining({
            StringEquals: expect.objectContaining({ [orgKey]: expect.stringMatching(/organization/) }),
          }),
        );
      }
    }
  });

  it("logs ALL traffic to the archive with the investigator's fields, and DNS queries to the archive", () => {
    expect(net(env, "aws_flow_log")).toEqual([
      expect.objectContaining({
        traffic_type: "ALL",
        log_destination_type: "s3",
        log_destination: expect.stringMatching(/cross-stack-reference-input-log-archive.*arn/),
        log_format: FLOW_LOG_FIELDS.map((f) => `$\${${f}}`).join(" "),
        max_aggregation_interval: 60,
      }),
    ]);
    expect(net(env, "aws_route53_resolver_query_log_config")).toEqual([
      expect.objectContaining({
        destination_arn: expect.stringMatching(/cross-stack-reference-input-log-archive.*arn/),
      }),
    ]);
    expect(net(env, "aws_route53_resolver_query_log_config_association")).toHaveLength(1);
  });

  it("blocks AWS's four managed threat lists with DNS Firewall, first in line, failing closed where PHI is", () => {
    const name = `example-health-${env}-dns-firewall`;
    expect(net(env, "aws_route53_resolver_firewall_rule_group")).toEqual([expect.objectContaining({ name })]);
    const ids = MANAGED_DOMAIN_LIST_IDS["us-east-1"];
    expect(
      [...net(env, "aws_route53_resolver_firewall_rule")]
        .sort((a, b) => Number(a.priority) - Number(b.priority))
        .map((rule) => [
          rule.name,
          rule.firewall_domain_list_id,
          rule.priority,
          rule.action,
          rule.block_response,
        ]),
    ).toEqual(
      BLOCKED_MANAGED_DOMAIN_LISTS.map((list, i) => [
        `block-${list}`,
        ids[list],
        (i + 1) * 100,
        "BLOCK",
        "NODATA",
      ]),
    );
    expect(net(env, "aws_route53_resolver_firewall_rule_group_association")).toEqual([
      expect.objectContaining({
        name,
        priority: 101,
        vpc_id: expect.stringMatching(/^\$\{aws_vpc\.vpc_[0-9A-F]+\.id\}$/),
        firewall_rule_group_id: expect.stringMatching(/^\$\{aws_route53_resolver_firewall_rule_group\./),
      }),
    ]);
    expect(net(env, "aws_route53_resolver_firewall_config")).toEqual([
      expect.objectContaining({
        resource_id: expect.stringMatching(/^\$\{aws_vpc\./),
        firewall_fail_open: environment.phi ? "DISABLED" : "ENABLED",
      }),
    ]);
  });
});

describe("the hub", () => {
  const hub = (type: string) => app.all("network-hub", type);
  const segments = (type: string) => app.all("network-segments", type);

  it("puts one Transit Gateway in the network account's home region, accepting, associating and propagating nothing by itself", () => {
    const [provider] = app.stacks.get("network-hub")!.provider.aws;
    expect(provider.assume_role).toEqual([
      expect.objectContaining({
        role_arn: expect.stringMatching(/account-shared-services_.*:role\/OrganizationAccountAccessRole$/),
      }),
    ]);
    expect(hub("aws_ec2_transit_gateway")).toEqual([
      expect.objectContaining({
        amazon_side_asn: 64512,
        auto_accept_shared_attachments: "disable",
        default_route_table_association: "disable",
        default_route_table_propagation: "disable",
        tags: { Name: "example-health-hub-us-east-1" },
      }),
    ]);
  });

  it("has a route table per segment, and blackholes each side of the prod/non-prod wall in the other's table", () => {
    const tables = hub("aws_ec2_transit_gateway_route_table");
    expect(tables.map((t) => (t.tags as Record<string, string>)[SEGMENT_TAG]).sort()).toEqual(
      [...SEGMENTS].sort(),
    );
    const holes = hub("aws_ec2_transit_gateway_route").map((r) => [r.destination_cidr_block, r.blackhole]);
    expect(holes.sort()).toEqual(
      [
        ["10.10.0.0/16", true], // prod, in non-prod's table
        ["10.20.0.0/16", true], // staging, in prod's table
        ["10.30.0.0/16", true], // dev, in prod's table
      ].sort(),
    );
  });

  it("shares the gateway with the organization only, through RAM, and logs its flows to the archive", () => {
    expect(hub("aws_ram_resource_share")).toEqual([
      expect.objectContaining({ allow_external_principals: false }),
    ]);
    expect(hub("aws_ram_principal_association")).toEqual([
      expect.objectContaining({
        principal: expect.stringMatching(/cross-stack-reference-input-organization.*arn/),
      }),
    ]);
    expect(hub("aws_ram_resource_association")).toHaveLength(1);
    expect(hub("aws_flow_log")).toEqual([
      expect.objectContaining({
        transit_gateway_id: expect.stringMatching(/^\$\{aws_ec2_transit_gateway\./),
        log_destination_type: "s3",
        log_destination: expect.stringMatching(/cross-stack-reference-input-log-archive.*arn/),
        max_aggregation_interval: 60,
      }),
    ]);
    expect(app.all("organization", "aws_ram_sharing_with_organization")).toHaveLength(1);
    expect(
      app.all("organization", "aws_organizations_organization")[0].aws_service_access_principals,
    ).toContain("ram.amazonaws.com");
  });

  it("attaches each environment's private subnets from its own account, tagged with its segment", () => {
    for (const env of config.environments) {
      expect(app.all(`network-${env.name}`, "aws_ec2_transit_gateway_vpc_attachment")).toEqual([
        expect.objectContaining({
          subnet_ids: [
            expect.stringMatching(/^\$\{aws_subnet\.vpc_private-0_/),
            expect.stringMatching(/^\$\{aws_subnet\.vpc_private-1_/),
          ],
          tags: expect.objectContaining({ [SEGMENT_TAG]: env.network.segment }),
        }),
      ]);
    }
  });

  it("accepts each attachment, associates it with its own segment's table and propagates it only where its segment is reached", () => {
    expect(segments("aws_ec2_transit_gateway_vpc_attachment_accepter")).toHaveLength(3);
    for (const accepter of segments("aws_ec2_transit_gateway_vpc_attachment_accepter")) {
      expect([
        accepter.transit_gateway_default_route_table_association,
        accepter.transit_gateway_default_route_table_propagation,
      ]).toEqual([false, false]);
    }
    const table = (ref: unknown) => {
      const name = /aws_ec2_transit_gateway_route_tablehub-us-east-1_route-table-([a-z-]+)_/.exec(
        String(ref),
      );
      return name?.[1];
    };
    const envOf = (ref: unknown) => /accepter\.accept-([a-z]+)\./.exec(String(ref))?.[1];
    expect(
      segments("aws_ec2_transit_gateway_route_table_association")
        .map((a) => `${envOf(a.transit_gateway_attachment_id)} -> ${table(a.transit_gateway_route_table_id)}`)
        .sort(),
    ).toEqual(["dev -> non-prod", "prod -> prod", "staging -> non-prod"]);
    expect(
      segments("aws_ec2_transit_gateway_route_table_propagation")
        .map((p) => `${envOf(p.transit_gateway_attachment_id)} -> ${table(p.transit_gateway_route_table_id)}`)
        .sort(),
    ).toEqual([
      "dev -> non-prod",
      "dev -> shared",
      "prod -> prod",
      "prod -> shared",
      "staging -> non-prod",
      "staging -> shared",
    ]);
  });
});

describe("DNS Firewall settings", () => {
  it("fails closed everywhere with failClosed: all, answers NXDOMAIN when asked, and is absent when switched off", () => {
    const org = (dns: Record<string, unknown>) => ({
      ...config,
      organization: {
        ...config.organization,
        network: {
          ...config.organization.network,
          dnsFirewall: { ...config.organization.network.dnsFirewall, ...dns },
        },
      },
    });
    const all = synthApp(org({ failClosed: "all", blockResponse: "NXDOMAIN" }));
    expect(all.all("network-dev", "aws_route53_resolver_firewall_config")).toEqual([
      expect.objectContaining({ firewall_fail_open: "DISABLED" }),
    ]);
    expect(
      new Set(all.all("network-dev", "aws_route53_resolver_firewall_rule").map((r) => r.block_response)),
    ).toEqual(new Set(["NXDOMAIN"]));
    const off = synthApp(org({ enabled: false }));
    expect(off.all("network-dev", "aws_route53_resolver_firewall_rule_group")).toEqual([]);
    expect(off.all("network-dev", "aws_vpc")).toHaveLength(1);
  });
});

describe("endpoint policies", () => {
  const ORG = "o-abc123";
  it("requires this organization's principal and resource, except where calls name no resource", () => {
    expect(endpointPolicy("kms", ORG, "us-east-1").Statement).toEqual([
      {
        Sid: "OrganizationPrincipalsToOrganizationResources",
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": ORG, "aws:ResourceOrgID": ORG } },
      },
    ]);
    for (const service of Object.keys(PRINCIPAL_ONLY_ENDPOINTS)) {
      expect(endpointPolicy(service, ORG, "us-east-1").Statement).toEqual([
        expect.objectContaining({ Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } }),
      ]);
    }
  });

  it("lets S3 reach the AWS-owned buckets ECR layers, OS packages and the SSM agent come from, read-only", () => {
    const [, awsOwned] = endpointPolicy("s3", ORG, "us-west-2").Statement;
    expect(awsOwned).toEqual({
      Sid: "OrganizationPrincipalsReadAwsOwnedBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: [
        "arn:aws:s3:::prod-us-west-2-starport-layer-bucket/*",
        "arn:aws:s3:::al2023-repos-us-west-2-*/*",
        "arn:aws:s3:::amazonlinux-2-repos-us-west-2/*",
        "arn:aws:s3:::amazonlinux.us-west-2.amazonaws.com/*",
        "arn:aws:s3:::aws-ssm-us-west-2/*",
        "arn:aws:s3:::amazon-ssm-us-west-2/*",
        "arn:aws:s3:::amazon-ssm-packages-us-west-2/*",
        "arn:aws:s3:::us-west-2-birdwatcher-prod/*",
        "arn:aws:s3:::aws-ssm-distributor-file-us-west-2/*",
        "arn:aws:s3:::aws-ssm-document-attachments-us-west-2/*",
        "arn:aws:s3:::patch-baseline-snapshot-us-west-2/*",
        "arn:aws:s3:::amazoncloudwatch-agent-us-west-2/*",
      ],
      Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } },
    });
  });

  it("lets ECR pull from AWS's registries in the region, SSM read AWS-owned parameters and documents", () => {
    const [, ecr] = endpointPolicy("ecr.dkr", ORG, "us-west-2").Statement;
    expect(ecr).toMatchObject({
      Sid: "OrganizationPrincipalsPullAwsImages",
      Condition: {
        StringEquals: { "aws:PrincipalOrgID": ORG, "aws:ResourceAccount": ["602401143452", "733349766148"] },
      },
    });
    const [, ssm] = endpointPolicy("ssm", ORG, "us-west-2").Statement;
    expect(ssm.Resource).toEqual([
      "arn:aws:ssm:us-west-2::parameter/aws/*",
      "arn:aws:ssm:us-west-2::document/*",
    ]);
    const [, , federated] = endpointPolicy("sts", ORG, "us-west-2").Statement;
    expect(federated).toEqual({
      Sid: "FederatedSignInToOrganizationRoles",
      Effect: "Allow",
      Principal: "*",
      Action: ["sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"],
      Resource: "*",
      Condition: { StringEquals: { "aws:ResourceOrgID": ORG } },
    });
  });
});

describe("egress tier", () => {
  it("adds NAT through a separate public tier only when the environment asks, PHI subnets still private", () => {
    const dev = config.environments.find((e) => e.name === "dev")!;
    const withEgress = synthApp({
      ...config,
      environments: config.environments.map((e) =>
        e === dev ? { ...dev, network: { ...dev.network, egress: true } } : e,
      ),
    });
    const all = (type: string) => withEgress.all("network-dev", type);
    expect(all("aws_internet_gateway")).toHaveLength(1);
    expect(all("aws_nat_gateway")).toHaveLength(2);
    expect(
      all("aws_subnet").filter((s) => (s.tags as Record<string, string>).Tier === "egress"),
    ).toHaveLength(2);
    for (const s of all("aws_subnet")) expect(s.map_public_ip_on_launch).toBe(false);
    const internet = all("aws_route").filter((r) => r.destination_cidr_block === "0.0.0.0/0");
    expect(internet.map((r) => [r.destination_cidr_block, r.gateway_id ? "igw" : "nat"])).toEqual([
      ["0.0.0.0/0", "igw"],
      ["0.0.0.0/0", "nat"],
      ["0.0.0.0/0", "nat"],
    ]);
    expect(withEgress.all("network-prod", "aws_internet_gateway")).toEqual([]);
  });
});

describe("account baseline", () => {
  const ACCOUNTS = ["management", ...config.organization.accounts.map((a) => a.name)];
  const PHI_ACCOUNTS = config.environments.filter((e) => e.phi).flatMap((e) => e.accounts);

  it.each(ACCOUNTS)(
    "gives %s the read-only plan role, trusted only by the management plan role (none in management)",
    (account) => {
      const roles = app
        .all(`baseline-${account}`, "aws_iam_role")
        .filter((r) => r.name === config.organization.roles.plan);
      if (account === "management") {
        expect(roles).toEqual([]);
        return;
      }
      expect(roles).toHaveLength(1);
      expect(JSON.parse(roles[0].assume_role_policy as string).Statement).toEqual([
        {
          Sid: "ManagementPlanRoleOnly",
          Effect: "Allow",
          Principal: { AWS: expect.stringMatching(/^arn:aws:iam::\$\{.+\}:root$/) },
          Action: "sts:AssumeRole",
          Condition: {
            ArnEquals: { "aws:PrincipalArn": expect.stringMatching(/^arn:aws:iam::\$\{.+\}:role\/lz-plan$/) },
          },
        },
      ]);
      const attached = app.all(`baseline-${account}`, "aws_iam_role_policy_attachment");
      expect(attached.map((a) => a.policy_arn)).toContain("arn:aws:iam::aws:policy/ReadOnlyAccess");
      const own = app
        .all(`baseline-${account}`, "aws_iam_policy")
        .find((p) => p.name === "lz-plan-reader-no-phi");
      expect(
        JSON.parse(own!.policy as string).Statement.every((s: { Effect: string }) => s.Effect === "Deny"),
      ).toBe(true);
    },
  );

  it.each(ACCOUNTS)(
    "masks PHI in every log group of %s, in each governed region, only if it holds PHI",
    (account) => {
      const policies = app.all(`baseline-${account}`, "aws_cloudwatch_log_account_policy");
      if (!PHI_ACCOUNTS.includes(account)) {
        expect(policies).toEqual([]);
        return;
      }
      expect(policies.map((p) => p.provider).sort()).toEqual(["aws", "aws.us-west-2"]);
      for (const policy of policies) {
        expect(policy).toMatchObject({
          policy_name: "lz-phi-log-data-protection",
          policy_type: "DATA_PROTECTION_POLICY",
          scope: "ALL",
        });
        const document = JSON.parse(String(policy.policy_document)) as {
          Version: string;
          Statement: Array<{ DataIdentifier: string[]; Operation: unknown }>;
        };
        expect(document.Version).toBe("2021-06-01");
        const [audit, redact] = document.Statement;
        // AWS requires an audit statement and a de-identify statement over the same identifiers.
        expect(audit.Operation).toEqual({ Audit: { FindingsDestination: {} } });
        expect(redact.Operation).toEqual({ Deidentify: { MaskConfig: {} } });
        expect(redact.DataIdentifier).toEqual(audit.DataIdentifier);
        // Exactly the identifiers read on AWS's pages: an ID AWS does not know fails PutAccountPolicy.
        expect(audit.DataIdentifier).toEqual(
          [
            // The HIPAA identifiers of 164.514(b)(2)(i), (A) to (R), in the order of the coverage table...
            "Name",
            "Address",
            "ZipCode-US",
            "LatLong",
            "DateOfBirth",
            "PhoneNumber-US",
            "EmailAddress",
            "Ssn-US",
            "HealthInsuranceClaimNumber-US",
            "MedicareBeneficiaryNumber-US",
            "BankAccountNumber-US",
            "CreditCardNumber",
            "DriversLicense-US",
            "DrugEnforcementAgencyNumber-US",
            "VehicleIdentificationNumber",
            "IpAddress",
            "PassportNumber-US",
            "IndividualTaxIdentificationNumber-US",
            "NationalProviderId-US",
            // ...then health codes and credentials.
            "HealthcareProcedureCode-US",
            "NationalDrugCode-US",
            "AwsSecretKey",
            "OpenSshPrivateKey",
            "PgpPrivateKey",
            "PkcsPrivateKey",
            "PuttyPrivateKey",
          ].map((id) => `arn:aws:dataprotection::aws:data-identifier/${id}`),
        );
      }
    },
  );

  it.each(ACCOUNTS)(
    "sets the configured security and operations contacts on %s, and no billing contact",
    (account) => {
      const contacts = app
        .all(`baseline-${account}`, "aws_account_alternate_contact")
        .sort((a, b) => String(b.alternate_contact_type).localeCompare(String(a.alternate_contact_type)));
      expect(contacts).toEqual([
        expect.objectContaining({
          alternate_contact_type: "SECURITY",
          name: "Security Operations",
          title: "Security Officer",
          email_address: "security-alerts@example-health.org",
          phone_number: "+1 555 010 0100",
        }),
        expect.objectContaining({ alternate_contact_type: "OPERATIONS", name: "Platform On-Call" }),
      ]);
      // The account the provider reaches: the account itself, never a member named from the management account.
      for (const contact of contacts) expect(contact.account_id).toBeUndefined();
    },
  );

  it.each(ACCOUNTS)("hardens %s in every governed region", (account) => {
    const stack = `baseline-${account}`;
    const regional = (type: string) =>
      app
        .all(stack, type)
        .map((r) => (r.provider === "aws" ? "us-east-1" : String(r.provider).replace("aws.", "")))
        .sort();
    expect(regional("aws_ebs_encryption_by_default")).toEqual(["us-east-1", "us-west-2"]);
    expect(regional("aws_ebs_default_kms_key")).toEqual(["us-east-1", "us-west-2"]);
    // IMDS defaults are the declarative policy's now: the resources the baseline had leave state unharmed, at the
    // addresses they had (an address that changed would leave them in state, and Terraform would destroy them).
    expect(app.all(stack, "aws_ec2_instance_metadata_defaults")).toEqual([]);
    expect(app.stacks.get(stack)).toMatchObject({
      removed: [
        {
          from: "aws_ec2_instance_metadata_defaults.hardening_imds-defaults-us-east-1_1919D245",
          lifecycle: { destroy: false },
        },
        {
          from: "aws_ec2_instance_metadata_defaults.hardening_imds-defaults-us-west-2_7C026D34",
          lifecycle: { destroy: false },
        },
      ],
    });
    for (const key of app.all(stack, "aws_kms_key")) {
      expect(key).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    }
    expect(app.all(stack, "aws_s3_account_public_access_block")).toEqual([
      expect.objectContaining({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
    ]);
    expect(app.all(stack, "aws_iam_account_password_policy")).toEqual([
      expect.objectContaining({
        minimum_password_length: 14,
        password_reuse_prevention: 24,
        max_password_age: 90,
      }),
    ]);
  });

  it("lets only the account's own principals use its EBS key, and only through EC2 in the key's region", () => {
    const [key] = app
      .all("baseline-phi-prod", "aws_kms_key")
      .filter((k) => String(k.description).startsWith("Default key for EBS"));
    const use = policy(key).Statement.find((s) => s.Sid === "AccountPrincipalsUseThroughEc2");
    expect(use?.Condition).toEqual({
      StringEquals: {
        "kms:ViaService": "ec2.us-east-1.amazonaws.com",
        "kms:CallerAccount": expect.stringMatching(/account-phi-prod/),
      },
    });
  });
});
