// The access proofs and AWS service rules over configurations other than the example: three governed regions, the
// shortest hipaaEligibleServices list (and a defect put back under it), a ledger that keeps a removed account. What
// these tests prove and do not prove is as in verify.test.ts.
import { LandingZoneConfig } from "../../src/config/schema";
import { failureLines, verifyLandingZone, VerifyReport } from "../../src/verify/verify";
import { blocks, copyOf, editPolicy, example, failedPaths, modelOf } from "../helpers/defects";
import { exampleWithHybrid, exampleWithRegions, synthApp } from "../helpers/synth";

// Each case synthesizes a configuration and decides every path of it.
jest.setTimeout(180_000);

it("decides every path as expected with three governed regions", async () => {
  const config = exampleWithRegions(["us-east-1", "us-west-2", "eu-west-2"]);
  const report = await verifyLandingZone(config, modelOf(config, synthApp(config).stacks));
  expect(failureLines(report)).toEqual([]);
  expect(report.paths.map((p) => p.id)).toContain("guardduty-export-eu-west-2-write");
});

describe("hipaaEligibleServices listing only the workload services the example's paths use", () => {
  // The shortest list the example's workloads run on (S3, EC2, Lambda, ECR, SQS, DynamoDB for the patient-intake
  // workload's table, execute-api for its API, Secrets Manager, and Systems Manager for Session Manager's
  // sessions): every other service is denied in the
  // OUs that allow PHI. Every delivery, backup, replication, alert and permission-set path must still hold, or a
  // landing-zone role or service the deny forgot fails by name.
  const strict: LandingZoneConfig = {
    ...example,
    organization: {
      ...example.organization,
      hipaaEligibleServices: [
        "s3",
        "ec2",
        "lambda",
        "ecr",
        "sqs",
        "dynamodb",
        "execute-api",
        "secretsmanager",
        "ssm",
      ].map((prefix) => ({
        prefix,
        checked: "2026-12-03",
      })),
    },
  };
  let report: VerifyReport;
  beforeAll(async () => {
    report = await verifyLandingZone(strict, modelOf(strict, synthApp(strict).stacks));
  });

  it("keeps every access path of the landing zone as expected", () => {
    expect(failureLines(report)).toEqual([]);
    expect(report.paths.length).toBeGreaterThan(500);
  });

  it("allows the listed and always-allowed services and the pipeline, and denies an unlisted service", () => {
    const decided = report.paths
      .filter((p) => p.id.startsWith("baa-services-"))
      .map((p) => [p.id, p.expect, p.ok]);
    expect(decided).toEqual([
      ["baa-services-phi-prod-listed", "allow", true],
      ["baa-services-phi-prod-exempt", "allow", true],
      ["baa-services-phi-prod-unlisted", "deny", true],
      ["baa-services-phi-prod-pipeline", "allow", true],
    ]);
  });

  it("fails by name when the deny forgets the findings forwarder role", async () => {
    const map = copyOf(synthApp(strict).stacks);
    const [workloads] = blocks(map, "organization", "aws_organizations_policy").filter(
      (b) => b.name === "lz-phi-workloads",
    );
    editPolicy(workloads, "content", (policy) => {
      const deny = policy.Statement.find((s) => s.Sid === "DenyServicesOutsideTheBaa")!;
      const condition = deny.Condition as { ArnNotLike: { "aws:PrincipalARN": string[] } };
      condition.ArnNotLike["aws:PrincipalARN"] = condition.ArnNotLike["aws:PrincipalARN"].filter(
        (arn) => !arn.endsWith("-findings-forwarder"),
      );
    });
    const broken = await verifyLandingZone(strict, modelOf(strict, map));
    expect(failedPaths(broken)).toEqual(["findings-forward-put-events"]);
  });
});

it("verifies a configuration whose ledger keeps a removed account in Suspended", async () => {
  const config = {
    ...example,
    suspendedAccounts: [{ name: "retired-app", email: "aws+retired-app@example-health.org" }],
  };
  const report = await verifyLandingZone(config, modelOf(config, synthApp(config).stacks));
  expect(failureLines(report)).toEqual([]);
  expect(report.paths.map((p) => p.id)).toContain("scp-phi-dev-guardduty-DeleteDetector");
});

describe("the second configuration: the hub with VPN and Direct Connect (HYBRID_NETWORK_YAML)", () => {
  // What this proves: the synthesized policies and resources, as AWS's documented evaluation logic decides them;
  // not that a tunnel comes up or that AWS accepts the gateway IDs (nothing here calls AWS).
  const config = exampleWithHybrid();
  let report: VerifyReport;
  beforeAll(async () => {
    report = await verifyLandingZone(config, modelOf(config, synthApp(config).stacks));
  });

  it("keeps every access path, service rule and HIPAA rule as expected", () => {
    expect(failureLines(report)).toEqual([]);
    expect(report.hipaa.every((r) => r.findings.length === 0)).toBe(true);
  });

  it("denies every member account's administrator a tunnel's crypto, the Direct Connect prefixes and a forwarding rule, and fails by name without DenyHybridNetworkChanges", async () => {
    const hybridPaths = report.paths.filter((p) =>
      /-(ec2-ModifyVpnTunnelOptions|directconnect-UpdateDirectConnectGatewayAssociation|route53resolver-AssociateResolverRule)$/.test(
        p.id,
      ),
    );
    expect(hybridPaths.length).toBe(3 * config.organization.accounts.length);
    expect(hybridPaths.every((p) => p.expect === "deny" && p.ok)).toBe(true);
    const map = copyOf(synthApp(config).stacks);
    const [protect] = blocks(map, "organization", "aws_organizations_policy").filter(
      (b) => b.name === "lz-protect-network",
    );
    editPolicy(protect, "content", (policy) => {
      policy.Statement = policy.Statement.filter((s) => s.Sid !== "DenyHybridNetworkChanges");
    });
    const broken = await verifyLandingZone(config, modelOf(config, map));
    expect(failedPaths(broken).sort()).toEqual(hybridPaths.map((p) => p.id).sort());
  });

  it.each([
    ["DenyAddressPlanChanges", /^scp-.*-ec2-ReleaseIpamPoolAllocation$/],
    ["DenyLandingZoneVpcChanges", /^scp-.*-landing-zone-vpc-ec2-/],
  ])(
    "denies every member account's administrator what %s covers, and fails by name without it",
    async (sid, pathId) => {
      const denials = report.paths.filter((p) => pathId.test(p.id));
      const perAccount = sid === "DenyAddressPlanChanges" ? 1 : 4;
      expect(denials.length).toBe(perAccount * config.organization.accounts.length);
      expect(denials.every((p) => p.expect === "deny" && p.ok)).toBe(true);
      const map = copyOf(synthApp(config).stacks);
      const [protect] = blocks(map, "organization", "aws_organizations_policy").filter(
        (b) => b.name === "lz-protect-network",
      );
      editPolicy(protect, "content", (policy) => {
        policy.Statement = policy.Statement.filter((s) => s.Sid !== sid);
      });
      const broken = await verifyLandingZone(config, modelOf(config, map));
      expect(failedPaths(broken).sort()).toEqual(denials.map((p) => p.id).sort());
    },
  );

  it("delivers the inspection firewall's alert and flow logs into the archive, each write and data key allowed", () => {
    const firewall = report.paths.filter((p) => p.id.startsWith("firewall-"));
    expect(firewall.map((p) => `${p.id} ${p.expect}`)).toEqual(
      ["alert", "flow"].flatMap((type) =>
        ["bucket-check", "write", "data-key"].map(
          (step) => `firewall-${type}-logs-network-hub-${step} allow`,
        ),
      ),
    );
    expect(firewall.filter((p) => !p.ok)).toEqual([]);
  });

  it("leaves an administrator's own route tables to it: the VPC deny keys on the landing zone's tag", () => {
    const own = report.paths.filter((p) => /^scp-.*-own-vpc-ec2-CreateRoute$/.test(p.id));
    expect(own.length).toBe(config.organization.accounts.length);
    expect(own.every((p) => p.expect === "allow" && p.ok)).toBe(true);
  });

  it("lets the network account's plan role refresh each VPN but not fetch its router configuration, which fails by name without the deny", async () => {
    const decided = report.paths
      .filter((p) => p.id.startsWith("vpn-") && !p.id.startsWith("vpn-tunnel-logs-"))
      .map((p) => `${p.id} ${p.expect} ${p.ok}`);
    expect(decided).toEqual([
      "vpn-example-health-imaging-center-plan-role-refreshes allow true",
      "vpn-example-health-imaging-center-plan-role-no-router-configuration deny true",
      "vpn-example-health-imaging-center-plan-role-no-key-secret deny true",
      "vpn-example-health-main-datacenter-plan-role-refreshes allow true",
      "vpn-example-health-main-datacenter-plan-role-no-router-configuration deny true",
      "vpn-example-health-main-datacenter-plan-role-no-key-secret deny true",
    ]);
    const map = copyOf(synthApp(config).stacks);
    const [reader] = blocks(map, "baseline-shared-services", "aws_iam_policy", "plan-reader/no-phi/policy");
    editPolicy(reader, "policy", (policy) => {
      const deny = policy.Statement.find((s) => s.Sid === "DenyDataReads")!;
      deny.Action = (deny.Action as string[]).filter(
        (a) => a !== "ec2:GetVpnConnectionDeviceSampleConfiguration",
      );
    });
    const broken = await verifyLandingZone(config, modelOf(config, map));
    expect(failedPaths(broken)).toEqual([
      "vpn-example-health-imaging-center-plan-role-no-router-configuration",
      "vpn-example-health-main-datacenter-plan-role-no-router-configuration",
    ]);
  });

  it("lets the log delivery service write the tunnel log for this account only, under a key for that group only, which no administrator writes or deletes", () => {
    const decided = report.paths
      .filter((p) => p.id.startsWith("vpn-tunnel-logs-"))
      .map((p) => `${p.id} ${p.expect} ${p.ok}`);
    expect(decided).toEqual([
      "vpn-tunnel-logs-us-east-1-delivery-writes allow true",
      "vpn-tunnel-logs-us-east-1-other-source deny true",
      "vpn-tunnel-logs-us-east-1-logs-encrypts allow true",
      "vpn-tunnel-logs-us-east-1-logs-other-group deny true",
      "vpn-tunnel-logs-us-east-1-admin-cannot-write deny true",
      "vpn-tunnel-logs-us-east-1-admin-cannot-delete deny true",
    ]);
  });

  /** The synthesized stacks with the tunnel log's delivery policy, key policy and guardrail edited. */
  const tunnelLogEdits = {
    "the deny and the delivery statement": (map: ReturnType<typeof copyOf>) => {
      const [protect] = blocks(map, "organization", "aws_organizations_policy").filter(
        (b) => b.name === "lz-protect-network",
      );
      editPolicy(protect, "content", (policy) => {
        policy.Statement = policy.Statement.filter((s) => s.Sid !== "DenyVpnTunnelLogChanges");
      });
      const [delivery] = blocks(map, "network-hub", "aws_cloudwatch_log_resource_policy");
      editPolicy(delivery, "policy_document", (policy) => {
        policy.Statement = [];
      });
    },
    "the delivery's and the key's conditions": (map: ReturnType<typeof copyOf>) => {
      const [delivery] = blocks(map, "network-hub", "aws_cloudwatch_log_resource_policy");
      editPolicy(delivery, "policy_document", (policy) => {
        delete policy.Statement[0].Condition;
      });
      editPolicy(tunnelLogKey(map), "policy", (policy) => {
        delete policy.Statement.find((s) => s.Sid === "CloudWatchLogsEncryptsTheLogGroup")!.Condition;
      });
    },
    "the key's statement for CloudWatch Logs": (map: ReturnType<typeof copyOf>) => {
      editPolicy(tunnelLogKey(map), "policy", (policy) => {
        policy.Statement = policy.Statement.filter((s) => s.Sid !== "CloudWatchLogsEncryptsTheLogGroup");
      });
    },
  };
  const tunnelLogKey = (map: ReturnType<typeof copyOf>) =>
    blocks(map, "network-hub", "aws_kms_key").find((b) =>
      String(b.description).startsWith("Site-to-Site VPN"),
    )!;

  it.each([
    [
      "the deny and the delivery statement",
      [
        "vpn-tunnel-logs-us-east-1-delivery-writes",
        "vpn-tunnel-logs-us-east-1-admin-cannot-write",
        "vpn-tunnel-logs-us-east-1-admin-cannot-delete",
      ],
    ],
    [
      "the delivery's and the key's conditions",
      ["vpn-tunnel-logs-us-east-1-other-source", "vpn-tunnel-logs-us-east-1-logs-other-group"],
    ],
    ["the key's statement for CloudWatch Logs", ["vpn-tunnel-logs-us-east-1-logs-encrypts"]],
  ] as const)("fails the tunnel log paths by name without %s", async (edit, failing) => {
    const map = copyOf(synthApp(config).stacks);
    tunnelLogEdits[edit](map);
    const broken = await verifyLandingZone(config, modelOf(config, map));
    expect(failedPaths(broken)).toEqual([...failing]);
  });
});
