// Environments outside the home region (exampleWithRegionalEnvironments: staging in us-west-2, the replica's region,
// dev and its workload in eu-west-2): where each environment's VPC, DNS Firewall, PHI data key and workload are
// created, and the regional write-once archive its flow logs and DNS query logs go to, replicated into the archive
// and its replica. Synthesized JSON and make verify's decisions: whether AWS delivers and replicates is not proven
// here (terraform-validate checks the provider accepts the stacks; the emulator enforces no bucket policy).
import { MANAGED_DOMAIN_LIST_IDS } from "../../src/policies/dns-firewall";
import { verifyLandingZone, VerifyReport } from "../../src/verify/verify";
import { blocks, brokenRules, copyOf, editPolicy, failedPaths, modelOf } from "../helpers/defects";
import { exampleWithRegionalEnvironments, synthApp } from "../helpers/synth";

jest.setTimeout(180_000);

const config = exampleWithRegionalEnvironments();
const app = synthApp(config);
type Block = Record<string, unknown>;

/** The resources of a type in a stack, by construct path (the metadata cdktf writes), with their provider. */
function byPath(stack: string, type: string): Map<string, Block> {
  return new Map(
    app
      .all(stack, type)
      .map((b) => [(b["//"] as { metadata: { path: string } }).metadata.path.replace(`${stack}/`, ""), b]),
  );
}

/** The construct ID in a cross-stack or same-stack reference, e.g. archive-eu-west-2 for the regional bucket. */
const bucketIn = (ref: unknown) => /log-archive_([a-z0-9-]+)_bucket_[0-9A-F]+/.exec(String(ref))?.[1];

describe("an environment's stacks in its own region", () => {
  it("creates dev's VPC, DNS Firewall and workload in eu-west-2 and staging's in us-west-2", () => {
    const regionOfStack = (stack: string) =>
      (app.stacks.get(stack)!.provider as { aws: Array<{ region: string; alias?: string }> }).aws.find(
        (p) => p.alias === undefined,
      )!.region;
    expect(
      [
        "network-prod",
        "network-staging",
        "network-dev",
        "workload-dev-patient-intake",
        "workload-staging-patient-intake",
      ].map((stack) => [stack, regionOfStack(stack)]),
    ).toEqual([
      ["network-prod", "us-east-1"],
      ["network-staging", "us-west-2"],
      ["network-dev", "eu-west-2"],
      ["workload-dev-patient-intake", "eu-west-2"],
      ["workload-staging-patient-intake", "us-west-2"],
    ]);
    // The endpoints and DNS Firewall's managed lists are those of the VPC's region.
    const endpoints = app.all("network-dev", "aws_vpc_endpoint").map((e) => String(e.service_name));
    expect(endpoints.every((name) => name.startsWith("com.amazonaws.eu-west-2."))).toBe(true);
    const lists = app
      .all("network-dev", "aws_route53_resolver_firewall_rule")
      .map((r) => r.firewall_domain_list_id);
    expect([...lists].sort()).toEqual(Object.values(MANAGED_DOMAIN_LIST_IDS["eu-west-2"]).sort());
  });

  it("puts each environment's PHI data key in its region, and a regional archive key in each other governed region", () => {
    const keys = byPath("security", "aws_kms_key");
    const where = (id: string) => {
      const key = keys.get(`keys/${id}/key`);
      return key === undefined ? "missing" : ((key.provider as string | undefined) ?? "default provider");
    };
    expect(
      [
        "phi-data-prod",
        "phi-data-staging",
        "phi-data-dev",
        "log-archive-us-west-2",
        "log-archive-eu-west-2",
      ].map((id) => [id, where(id)]),
    ).toEqual([
      ["phi-data-prod", "default provider"],
      ["phi-data-staging", "aws.us-west-2"],
      ["phi-data-dev", "aws.eu-west-2"],
      ["log-archive-us-west-2", "aws.us-west-2"],
      ["log-archive-eu-west-2", "aws.eu-west-2"],
    ]);
    // No regional archive key for the home region: its VPCs deliver into the archive itself.
    expect(where("log-archive-us-east-1")).toBe("missing");
    // The regional key admits only delivery.logs among log services, and the replication role only to decrypt.
    const policy = JSON.parse(String(keys.get("keys/log-archive-eu-west-2/key")!.policy)) as {
      Statement: Array<{ Sid: string; Principal?: { Service?: string[] }; Action: string[] | string }>;
    };
    const bySid = new Map(policy.Statement.map((st) => [st.Sid, st]));
    expect(bySid.get("LogDeliveryServicesEncrypt")?.Principal).toEqual({
      Service: ["delivery.logs.amazonaws.com"],
    });
    expect(bySid.get("ReplicationRoleDecrypts")?.Action).toEqual(["kms:Decrypt", "kms:DescribeKey"]);
    expect(bySid.has("ReplicationRoleEncryptsIntoArchive")).toBe(false);
  });

  it("restore-tests a PHI environment outside the home region from its own region's vault", () => {
    const plans = app.all("baseline-phi-staging", "aws_backup_restore_testing_plan");
    expect(plans.map((p) => p.provider)).toEqual(["aws.us-west-2"]);
    const selection = (plans[0].recovery_point_selection as Array<{ include_vaults: string[] }>)[0];
    expect(selection.include_vaults).toEqual([expect.stringMatching(/vault-us-west-2/)]);
    expect(app.all("baseline-phi-staging", "aws_backup_framework").map((f) => f.provider)).toEqual([
      "aws.us-west-2",
    ]);
    // prod, in the home region, keeps its tests there (the stack's default provider, "aws").
    expect(app.all("baseline-phi-prod", "aws_backup_restore_testing_plan").map((p) => p.provider)).toEqual([
      "aws",
    ]);
  });
});

describe("the regional archives", () => {
  const buckets = byPath("log-archive", "aws_s3_bucket");
  const locks = byPath("log-archive", "aws_s3_bucket_object_lock_configuration");
  const logging = byPath("log-archive", "aws_s3_bucket_logging");
  const replication = byPath("log-archive", "aws_s3_bucket_replication_configuration");

  it("delivers each VPC's flow logs and DNS query logs into the archive of its own region", () => {
    const destinations = (stack: string) => [
      bucketIn(app.all(stack, "aws_flow_log")[0].log_destination),
      bucketIn(app.all(stack, "aws_route53_resolver_query_log_config")[0].destination_arn),
    ];
    // The home archive's bucket construct is log-archive/bucket (ID "log-archive"), hence no match there.
    expect(String(app.all("network-prod", "aws_flow_log")[0].log_destination)).toMatch(
      /aws_s3_bucketlog-archive_bucket_[0-9A-F]+arn/,
    );
    expect(destinations("network-staging")).toEqual(["archive-us-west-2", "archive-us-west-2"]);
    expect(destinations("network-dev")).toEqual(["archive-eu-west-2", "archive-eu-west-2"]);
  });

  it("locks each in COMPLIANCE mode for the archive's retention, in its region, under its region's key", () => {
    for (const region of ["us-west-2", "eu-west-2"]) {
      const bucket = buckets.get(`log-archive/archive-${region}/bucket`)!;
      expect(bucket).toMatchObject({
        provider: `aws.${region}`,
        object_lock_enabled: true,
      });
      expect(String(bucket.bucket)).toMatch(new RegExp(`^example-health-log-archive-\\$\\{.*\\}-${region}$`));
      expect(locks.get(`log-archive/archive-${region}/object-lock`)).toMatchObject({
        rule: {
          default_retention: { mode: "COMPLIANCE", days: config.organization.logArchive.retentionDays },
        },
      });
      const sse = app
        .all("log-archive", "aws_s3_bucket_server_side_encryption_configuration")
        .find((b) => String(b.bucket).includes(`archive-${region}_bucket`))!;
      expect(JSON.stringify(sse)).toContain(`keys_log-archive-${region}_key`);
    }
  });

  it("admits only the VPC log deliveries of this organization, and denies deleting a log", () => {
    const policy = app
      .all("log-archive", "aws_s3_bucket_policy")
      .find((b) => String(b.bucket).includes("archive-eu-west-2_bucket"))!;
    const doc = JSON.parse(String(policy.policy)) as {
      Statement: Array<{ Sid: string; Effect: string; Principal?: unknown; Resource: unknown }>;
    };
    const allows = doc.Statement.filter((s) => s.Effect === "Allow");
    expect(allows.map((s) => [s.Sid, s.Principal, s.Resource])).toEqual([
      [
        "LogServicesBucketChecks",
        { Service: ["delivery.logs.amazonaws.com"] },
        expect.stringMatching(/^\$\{aws_s3_bucket\.log-archive_archive-eu-west-2_bucket_[0-9A-F]+\.arn\}$/),
      ],
      [
        "LogServicesWrite",
        { Service: ["delivery.logs.amazonaws.com"] },
        [
          expect.stringMatching(
            /^\$\{aws_s3_bucket\.log-archive_archive-eu-west-2_bucket_[0-9A-F]+\.arn\}\/AWSLogs\/\*$/,
          ),
        ],
      ],
    ]);
    expect(doc.Statement.map((s) => s.Sid)).toContain("DenyDeletingLogs");
  });

  it("logs its access in its own region: eu-west-2 into a bucket of its own, us-west-2 into the replica's", () => {
    expect(bucketIn(logging.get("log-archive/archive-eu-west-2/access-logs")?.target_bucket)).toBe(
      "access-logs-eu-west-2",
    );
    expect(buckets.get("log-archive/access-logs-eu-west-2/bucket")?.provider).toBe("aws.eu-west-2");
    expect(bucketIn(logging.get("log-archive/archive-us-west-2/access-logs")?.target_bucket)).toBe(
      "replica-access-logs",
    );
    expect(buckets.has("log-archive/access-logs-us-west-2/bucket")).toBe(false);
  });

  it("replicates each into the archive and the replica, under their keys", () => {
    for (const region of ["us-west-2", "eu-west-2"]) {
      const config = replication.get(`log-archive/replication-${region}`)!;
      expect(config.provider).toBe(`aws.${region}`);
      expect(bucketIn(config.bucket)).toBe(`archive-${region}`);
      const rules = config.rule as Array<{
        id: string;
        destination: { bucket: string; encryption_configuration: { replica_kms_key_id: string } };
      }>;
      expect(
        rules.map((r) => [
          r.id,
          String(r.destination.bucket).replace(
            /^\$\{aws_s3_bucket\.log-archive_(.*)_[0-9A-F]+\.arn\}$/,
            "$1",
          ),
          /keys_(log-archive(?:-replica)?)_key/.exec(
            r.destination.encryption_configuration.replica_kms_key_id,
          )?.[1],
        ]),
      ).toEqual([
        ["into-archive", "bucket", "log-archive"],
        ["into-replica", "replica_bucket", "log-archive-replica"],
      ]);
    }
  });
});

describe("make verify over environments outside the home region", () => {
  let report: VerifyReport;
  beforeAll(async () => {
    report = await verifyLandingZone(config, modelOf(config, app.stacks));
  });

  it("decides every path as expected, the regional deliveries and replications among them", () => {
    expect(report.paths.filter((p) => !p.ok).map((p) => p.id)).toEqual([]);
    expect(report.rules.filter((r) => r.findings.length > 0).map((r) => r.id)).toEqual([]);
    expect(report.hipaa.filter((r) => r.findings.length > 0).map((r) => r.id)).toEqual([]);
    const ids = report.paths.map((p) => p.id);
    // Each delivery into dev's regional archive, and the regional archive's replication into both copies.
    expect(ids.filter((id) => /^(flow|query)-logs-network-dev-/.test(id))).toEqual([
      "flow-logs-network-dev-bucket-check",
      "flow-logs-network-dev-write",
      "flow-logs-network-dev-data-key",
      "query-logs-network-dev-bucket-check",
      "query-logs-network-dev-write",
      "query-logs-network-dev-data-key",
    ]);
    expect(
      ids.filter((id) => /^replication-example-health-log-archive-\d+-eu-west-2-/.test(id)),
    ).toHaveLength(7);
    // The endpoints' AWS-owned reads are decided in the VPC's region.
    expect(ids).toContain("endpoint-dev-s3-aws-ssm");
  });

  it("fails the regional archives' replication by name when its role may not decrypt their objects", async () => {
    const stacks = copyOf(app.stacks);
    const [policy] = blocks(stacks, "log-archive", "aws_iam_policy", "replication-policy/policy");
    editPolicy(policy, "policy", (doc) => {
      const decrypt = doc.Statement.find((s) => s.Sid === "DecryptEverySourceKey")!;
      decrypt.Resource = (decrypt.Resource as string[]).filter(
        (arn) => !/log-archive-(eu|us)-west-2_key/.test(arn),
      );
    });
    const broken = await verifyLandingZone(config, modelOf(config, stacks));
    expect(failedPaths(broken).map((id) => id.replace(/-\d{12}-/g, "-<account>-"))).toEqual([
      "replication-example-health-log-archive-<account>-eu-west-2-decrypt-log-archive-eu-west-2",
      "replication-example-health-log-archive-<account>-us-west-2-decrypt-log-archive-us-west-2",
    ]);
  });

  it("fails query-log-bucket-region by name when dev's query logs point at the home archive", async () => {
    const stacks = copyOf(app.stacks);
    const dev = stacks.get("network-dev")!.resource.aws_route53_resolver_query_log_config as Record<
      string,
      Block
    >;
    const prodLog = Object.values(
      app.stacks.get("network-prod")!.resource.aws_route53_resolver_query_log_config as Record<string, Block>,
    )[0];
    for (const block of Object.values(dev)) block.destination_arn = prodLog.destination_arn;
    const broken = await verifyLandingZone(config, modelOf(config, stacks));
    expect(Object.keys(brokenRules(broken))).toEqual(["query-log-bucket-region"]);
    const findings = broken.rules.find((r) => r.id === "query-log-bucket-region")!.findings;
    expect(findings.map((f) => [f.address, f.message])).toEqual([
      [
        expect.stringMatching(
          /^network-dev: aws_route53_resolver_query_log_config\.vpc_dns-query-log_[0-9A-F]+$/,
        ),
        expect.stringMatching(
          /^delivers the DNS query logs of eu-west-2 to example-health-log-archive-\S+-us-east-1 in us-east-1; Resolver delivers only to a bucket of the configuration's region$/,
        ),
      ],
    ]);
  });
});
