// Each HIPAA rule's compliant case (the example configuration, no suppression) and non-compliant case (one defect
// put into the example's synthesized stacks, or a configuration fixture), with the exact finding. These prove what
// Terraform is asked to apply; whether AWS Config then reports it COMPLIANT is proven only on AWS.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { LandingZoneConfig } from "../../src/config/schema";
import { HIPAA_MANAGED_RULES } from "../../src/policies/hipaa-conformance-pack";
import { HIPAA_SECTIONS } from "../../src/policies/hipaa-sections";
import { addressMatches, runHipaaRules } from "../../src/verify/hipaa-rules";
import { HIPAA_RULES } from "../../src/verify/rules/hipaa";
import { UNMIRRORED_PACK_RULES } from "../../src/verify/rules/hipaa/pack-coverage";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { failureLines, verifyLandingZone } from "../../src/verify/verify";
import { exampleCopy } from "../helpers/config-fixture";
import { exampleWithHybrid, synthApp } from "../helpers/synth";
import * as fs from "fs";

jest.setTimeout(60_000);

const ENVIRONMENTS = path.join(__dirname, "..", "..", "environments");
const example = loadConfig(ENVIRONMENTS);
const synthesized = synthApp(example);

type Block = Record<string, unknown>;

/** The example's workload stack (environments/dev.yaml). */
const WORKLOAD = "workload-dev-patient-intake";
type Stacks = Map<string, { resource: Record<string, Record<string, Block>> }>;

function copyOf(config: LandingZoneConfig = example): Stacks {
  const stacks = config === example ? synthesized.stacks : synthApp(config).stacks;
  return new Map(Object.entries(JSON.parse(JSON.stringify(Object.fromEntries(stacks))))) as Stacks;
}

/** The second test configuration: the hub with an on-premises side (HYBRID_NETWORK_YAML). */
const hybrid = exampleWithHybrid();

function modelOf(stacks: ReadonlyMap<string, unknown>, config: LandingZoneConfig = example) {
  return new SynthesizedLandingZone(stacks, allAccountNames(config.organization));
}

/** The findings of one rule on the example with an edit applied, as `address: message` lines. */
function findingsWith(ruleId: string, edit: (stacks: Stacks) => void, config: LandingZoneConfig = example) {
  const stacks = copyOf(config);
  edit(stacks);
  const rule = HIPAA_RULES.find((r) => r.id === ruleId)!;
  return rule.check(modelOf(stacks, config), config).map((f) => `${f.address}: ${f.message}`);
}

/** The first resource of a type in a stack whose name contains `part`, with its address. */
function first(stacks: Stacks, stack: string, type: string, part = ""): [Block, string] {
  const entry = Object.entries(stacks.get(stack)!.resource[type]).find(([name]) => name.includes(part));
  if (!entry) throw new Error(`no ${type} ${part} in ${stack}`);
  return [entry[1], `${stack}: ${type}.${entry[0]}`];
}

function remove(stacks: Stacks, stack: string, type: string, part = ""): void {
  const name = Object.keys(stacks.get(stack)!.resource[type]).find((n) => n.includes(part))!;
  delete stacks.get(stack)!.resource[type][name];
}

function editPolicy(resource: Block, key: string, edit: (statements: Block[]) => Block[]): void {
  const policy = JSON.parse(resource[key] as string) as { Statement: Block[] };
  policy.Statement = edit(policy.Statement);
  resource[key] = JSON.stringify(policy);
}

/** A copy of the example configuration with organization.yaml edited. */
function exampleWith(edit: (organizationYaml: string) => string): string {
  const dir = exampleCopy();
  const file = path.join(dir, "organization.yaml");
  fs.writeFileSync(file, edit(fs.readFileSync(file, "utf8")));
  return dir;
}

const LOG_ARCHIVE_ID = "100000000002";
const ARCHIVE = `example-health-log-archive-${LOG_ARCHIVE_ID}-us-east-1`;
/** The archive as a verify failure prints it: the account named as configured, not by its placeholder ID. */
const ARCHIVE_AS_PRINTED = "example-health-log-archive-<log-archive>-us-east-1";

describe("the example configuration", () => {
  it("breaks no HIPAA rule and needs no suppression", async () => {
    const report = await verifyLandingZone(example, modelOf(synthesized.stacks));
    expect(example.organization.compliance.suppressions).toEqual([]);
    expect(report.hipaa.filter((r) => r.findings.length > 0).map((r) => r.id)).toEqual([]);
    expect(report.hipaa).toHaveLength(HIPAA_RULES.length);
  });

  it("is counted right in the README", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    expect(readme).toContain(`checked against ${HIPAA_RULES.length} HIPAA rules before anything deploys`);
  });

  it("names registered sections and pack rules for every rule, once each", () => {
    const ids = HIPAA_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const pack = new Set(HIPAA_MANAGED_RULES.map((r) => r.identifier));
    for (const rule of HIPAA_RULES) {
      expect(rule.id).toMatch(/^hipaa-[a-z0-9-]+$/);
      expect(rule.sections.length).toBeGreaterThan(0);
      for (const section of rule.sections) expect(HIPAA_SECTIONS).toHaveProperty([section]);
      for (const identifier of rule.configRules) expect(pack.has(identifier)).toBe(true);
      expect(rule.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  it("mirrors every pack rule whose resource type the landing zone creates", () => {
    const mirrored = new Set(HIPAA_RULES.flatMap((r) => r.configRules));
    const types = new Set([...synthesized.stacks.values()].flatMap((s) => Object.keys(s.resource ?? {})));
    for (const { identifier } of HIPAA_MANAGED_RULES) {
      const unmirrored = UNMIRRORED_PACK_RULES[identifier];
      // Exactly one of: a synth rule mirrors it, or it is listed with what it evaluates.
      expect([identifier, mirrored.has(identifier) !== (unmirrored !== undefined)]).toEqual([
        identifier,
        true,
      ]);
      for (const type of unmirrored?.evaluates ?? [])
        expect([identifier, types.has(type)]).toEqual([identifier, false]);
    }
    for (const identifier of Object.keys(UNMIRRORED_PACK_RULES))
      expect(HIPAA_MANAGED_RULES.some((r) => r.identifier === identifier)).toBe(true);
  });
});

describe("each rule fails on its defect, naming the resource and what is wrong", () => {
  const cases: Array<[string, (s: Stacks) => string[]]> = [
    [
      "hipaa-s3-kms-encryption",
      (s) => {
        const [sse] = first(
          s,
          "log-archive",
          "aws_s3_bucket_server_side_encryption_configuration",
          "log-archive_encryption",
        );
        sse.rule = [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }];
        const [, bucket] = first(s, "log-archive", "aws_s3_bucket", "log-archive_bucket");
        return [
          `${bucket}: bucket ${ARCHIVE} is encrypted with AES256 and no key of its own, not SSE-KMS with a landing-zone key`,
        ];
      },
    ],
    [
      "hipaa-s3-versioning",
      (s) => {
        const [v] = first(s, "log-archive", "aws_s3_bucket_versioning", "log-archive_versioning");
        v.versioning_configuration = { status: "Suspended" };
        const [, bucket] = first(s, "log-archive", "aws_s3_bucket", "log-archive_bucket");
        return [`${bucket}: bucket ${ARCHIVE} has versioning status Suspended`];
      },
    ],
    [
      "hipaa-s3-acls-disabled",
      (s) => {
        const [ownership] = first(
          s,
          "log-archive",
          "aws_s3_bucket_ownership_controls",
          "log-archive_ownership",
        );
        ownership.rule = { object_ownership: "ObjectWriter" };
        const [, bucket] = first(s, "log-archive", "aws_s3_bucket", "log-archive_bucket");
        const [, replica] = first(s, "log-archive", "aws_s3_bucket", "log-archive_replica_bucket");
        remove(s, "log-archive", "aws_s3_bucket_ownership_controls", "log-archive_replica_ownership");
        const replicaName = `example-health-log-archive-replica-${LOG_ARCHIVE_ID}-us-west-2`;
        return [
          `${bucket}: bucket ${ARCHIVE} has object ownership ObjectWriter, not ACLs disabled (BucketOwnerEnforced)`,
          `${replica}: bucket ${replicaName} has no object ownership controls, not ACLs disabled (BucketOwnerEnforced)`,
        ];
      },
    ],
    [
      "hipaa-s3-public-access-blocked",
      (s) => {
        const [pab] = first(s, "log-archive", "aws_s3_bucket_public_access_block", "log-archive_public");
        pab.restrict_public_buckets = false;
        const [, bucket] = first(s, "log-archive", "aws_s3_bucket", "log-archive_bucket");
        return [`${bucket}: bucket ${ARCHIVE} has restrict_public_buckets off`];
      },
    ],
    [
      "hipaa-s3-tls-only",
      (s) => {
        const [policy] = first(s, "log-archive", "aws_s3_bucket_policy", "log-archive_policy");
        editPolicy(policy, "policy", (st) =>
          st.filter((x) => !JSON.stringify(x.Condition ?? {}).includes("aws:SecureTransport")),
        );
        const [, bucket] = first(s, "log-archive", "aws_s3_bucket", "log-archive_bucket");
        return [`${bucket}: bucket ${ARCHIVE} has a policy that does not deny requests without TLS`];
      },
    ],
    [
      "hipaa-s3-access-logging",
      (s) => {
        remove(s, "log-archive", "aws_s3_bucket_logging", "log-archive_access-logs");
        const [, bucket] = first(s, "log-archive", "aws_s3_bucket", "log-archive_bucket");
        return [`${bucket}: bucket ${ARCHIVE} has no server access logging`];
      },
    ],
    [
      "hipaa-log-bucket-object-lock",
      (s) => {
        const [lock] = first(
          s,
          "log-archive",
          "aws_s3_bucket_object_lock_configuration",
          "log-archive_object-lock",
        );
        lock.rule = { default_retention: { days: 2192, mode: "GOVERNANCE" } };
        const [, bucket] = first(s, "log-archive", "aws_s3_bucket", "log-archive_bucket");
        return [
          `${bucket}: bucket ${ARCHIVE} receives CloudTrail but locks in GOVERNANCE mode, which a privileged user can bypass`,
        ];
      },
    ],
    [
      "hipaa-kms-key-rotation",
      (s) => {
        const [key, address] = first(s, "security", "aws_kms_key");
        key.enable_key_rotation = false;
        return [`${address}: is a symmetric key without automatic rotation`];
      },
    ],
    [
      "hipaa-kms-key-deletion-protection",
      (s) => {
        const [key, address] = first(s, "security", "aws_kms_key");
        key.deletion_window_in_days = 7;
        delete key.lifecycle;
        return [
          `${address}: has a deletion window of 7 days, not 30 stated`,
          `${address}: lacks prevent_destroy, so a destroy would schedule the key for deletion`,
        ];
      },
    ],
    [
      "hipaa-cloudtrail-multi-region",
      (s) => {
        const [trail, address] = first(s, "organization-trail", "aws_cloudtrail");
        trail.is_multi_region_trail = false;
        return [`${address}: has is_multi_region_trail off`];
      },
    ],
    [
      "hipaa-cloudtrail-log-validation",
      (s) => {
        const [trail, address] = first(s, "organization-trail", "aws_cloudtrail");
        trail.enable_log_file_validation = false;
        return [`${address}: has log file validation off`];
      },
    ],
    [
      "hipaa-cloudtrail-kms",
      (s) => {
        const [trail, address] = first(s, "organization-trail", "aws_cloudtrail");
        delete trail.kms_key_id;
        return [`${address}: has no KMS key for its log files`];
      },
    ],
    [
      "hipaa-cloudtrail-cloudwatch-logs",
      (s) => {
        const [trail, address] = first(s, "organization-trail", "aws_cloudtrail");
        delete trail.cloud_watch_logs_group_arn;
        return [`${address}: does not deliver to CloudWatch Logs`];
      },
    ],
    [
      "hipaa-cloudtrail-s3-data-events",
      (s) => {
        const [trail] = first(s, "organization-trail", "aws_cloudtrail");
        const selectors = trail.advanced_event_selector as Array<{ field_selector: Block[] }>;
        selectors[1].field_selector.push({
          field: "resources.ARN",
          starts_with: ["arn:aws:s3:::one-bucket/"],
        });
        return [
          "(landing zone): has no trail logging S3 data events for every bucket other than its own log buckets",
        ];
      },
    ],
    [
      "hipaa-log-group-kms",
      (s) => {
        const [group, address] = first(s, "organization-trail", "aws_cloudwatch_log_group");
        delete group.kms_key_id;
        return [`${address}: has no KMS key`];
      },
    ],
    [
      "hipaa-log-group-retention",
      (s) => {
        const [group, address] = first(s, "organization-trail", "aws_cloudwatch_log_group");
        group.retention_in_days = 365;
        return [`${address}: keeps events 365 days, less than the pack's 2192`];
      },
    ],
    [
      "hipaa-vpc-flow-logs",
      (s) => {
        const [log] = first(s, "network-prod", "aws_flow_log");
        log.traffic_type = "REJECT";
        const [, vpc] = first(s, "network-prod", "aws_vpc");
        return [`${vpc}: has flow logs, none of ALL traffic`];
      },
    ],
    [
      "hipaa-vpc-dns-firewall",
      (s) => {
        remove(
          s,
          "network-prod",
          "aws_route53_resolver_firewall_rule",
          "AWSManagedDomainsBotnetCommandandControl",
        );
        const [, vpc] = first(s, "network-prod", "aws_vpc");
        return [
          `${vpc}: its DNS Firewall rule group does not block AWSManagedDomainsBotnetCommandandControl`,
        ];
      },
    ],
    [
      "hipaa-vpn-tunnel-encryption",
      (s) => {
        // The second configuration's BGP connection, offering IKEv1 on its first tunnel.
        const connections = copyOf(hybrid).get("network-hub")!.resource.aws_vpn_connection;
        const [name] = Object.keys(connections).filter((n) => n.includes("vpn-main-datacenter"));
        connections[name].tunnel1_ike_versions = ["ikev1", "ikev2"];
        s.get("network-hub")!.resource.aws_vpn_connection = { [name]: connections[name] };
        return [
          `network-hub: aws_vpn_connection.${name}: allows ikev1 in tunnel1_ike_versions; expected only ikev2`,
        ];
      },
    ],
    [
      "hipaa-vpn-tunnel-logs",
      (s) => {
        // The second configuration's BGP connection, its tunnels' logging removed.
        const connections = copyOf(hybrid).get("network-hub")!.resource.aws_vpn_connection;
        const [name] = Object.keys(connections).filter((n) => n.includes("vpn-main-datacenter"));
        delete connections[name].tunnel1_log_options;
        delete connections[name].tunnel2_log_options;
        s.get("network-hub")!.resource.aws_vpn_connection = { [name]: connections[name] };
        return [
          `network-hub: aws_vpn_connection.${name}: does not log tunnel1's activity (tunnel1_log_options)`,
          `network-hub: aws_vpn_connection.${name}: does not log tunnel2's activity (tunnel2_log_options)`,
        ];
      },
    ],
    [
      "hipaa-segments-apart",
      (s) => {
        // dev's attachment propagated into prod's table: prod would learn a non-prod environment's routes.
        const [propagation] = first(
          s,
          "network-segments",
          "aws_ec2_transit_gateway_route_table_propagation",
          "propagate-dev-to-shared",
        );
        const [prodAssociation] = first(
          s,
          "network-segments",
          "aws_ec2_transit_gateway_route_table_association",
          "associate-prod",
        );
        propagation.transit_gateway_route_table_id = prodAssociation.transit_gateway_route_table_id;
        const [, table] = first(s, "network-hub", "aws_ec2_transit_gateway_route_table", "route-table-prod");
        return [
          `${table}: (prod) learns the routes of dev, a non-prod environment (network-segments: aws_ec2_transit_gateway_route_table_propagation.propagate-dev-to-shared)`,
        ];
      },
    ],
    [
      "hipaa-phi-default-route",
      (s) => {
        const stack = s.get("network-prod")!;
        const [table] = Object.keys(stack.resource.aws_route_table);
        stack.resource.aws_route = {
          "to-internet": {
            route_table_id: `\${aws_route_table.${table}.id}`,
            destination_cidr_block: "0.0.0.0/0",
            nat_gateway_id: "nat-0123",
          },
        };
        return ["network-prod: aws_route.to-internet: routes 0.0.0.0/0 to its nat_gateway_id"];
      },
    ],
    [
      "hipaa-vpc-default-security-group-closed",
      (s) => {
        const [group, address] = first(s, "network-prod", "aws_default_security_group");
        group.egress = [{ cidr_blocks: ["0.0.0.0/0"], from_port: 0, to_port: 0, protocol: "-1" }];
        return [`${address}: has ingress or egress rules`];
      },
    ],
    [
      "hipaa-no-unrestricted-ingress",
      (s) => {
        const [group, address] = first(s, "network-prod", "aws_security_group");
        (group.ingress as Block[])[0].cidr_blocks = ["0.0.0.0/0"];
        return [`${address}: admits 0.0.0.0/0 on ports 443-443`];
      },
    ],
    [
      "hipaa-subnet-no-public-ip",
      (s) => {
        const [subnet, address] = first(s, "network-prod", "aws_subnet", "private-0");
        subnet.map_public_ip_on_launch = true;
        return [`${address}: assigns public IP addresses on launch`];
      },
    ],
    [
      "hipaa-phi-subnet-no-internet-route",
      (s) => {
        const [table] = first(s, "network-prod", "aws_route_table", "private-rt-0");
        const tableName = Object.entries(s.get("network-prod")!.resource.aws_route_table).find(
          ([, b]) => b === table,
        )![0];
        s.get("network-prod")!.resource.aws_internet_gateway = { igw: { vpc_id: "vpc" } };
        s.get("network-prod")!.resource.aws_route = {
          open: {
            route_table_id: `\${aws_route_table.${tableName}.id}`,
            gateway_id: "${aws_internet_gateway.igw.id}",
            destination_cidr_block: "0.0.0.0/0",
          },
        };
        const [, subnet] = first(s, "network-prod", "aws_subnet", "private-0");
        return [`${subnet}: routes to an internet gateway through aws_route_table.${tableName}`];
      },
    ],
    [
      "hipaa-endpoint-policy-not-open",
      (s) => {
        const [endpoint, address] = first(s, "network-prod", "aws_vpc_endpoint", "endpoint-s3");
        editPolicy(endpoint, "policy", (st) => st.map((x) => ({ ...x, Condition: undefined })));
        const sid = (JSON.parse(endpoint.policy as string) as { Statement: Block[] }).Statement[0].Sid;
        return [`${address}: allows any principal every action on every resource (${String(sid)})`];
      },
    ],
    [
      "hipaa-guardduty-every-region",
      (s) => {
        const [org, address] = first(
          s,
          "detective-controls",
          "aws_guardduty_organization_configuration",
          "us-west-2",
        );
        org.auto_enable_organization_members = "NEW";
        return [
          `${address}: does not enroll every member account in us-west-2 (auto_enable_organization_members is not ALL)`,
        ];
      },
    ],
    [
      "hipaa-inspector-every-region",
      (s) => {
        const [admin, adminAddress] = first(
          s,
          "detective-controls",
          "aws_inspector2_enabler",
          "admin-us-west-2",
        );
        admin.resource_types = ["EC2"];
        const [members] = first(s, "detective-controls", "aws_inspector2_enabler", "members-us-east-1");
        members.account_ids = (members.account_ids as string[]).slice(1);
        const [org, orgAddress] = first(
          s,
          "detective-controls",
          "aws_inspector2_organization_configuration",
          "us-east-1",
        );
        org.auto_enable = { ec2: true, ecr: true, lambda: false, lambda_code: false };
        remove(s, "detective-controls", "aws_inspector2_member_association", "member-us-west-2-sandbox");
        return [
          "(landing zone): does not associate account sandbox with Inspector's administrator in us-west-2",
          "(landing zone): does not enable Inspector for account log-archive in us-east-1",
          `${orgAddress}: does not enable LAMBDA, LAMBDA_CODE for accounts that join later in us-east-1`,
          `${adminAddress}: does not scan ECR, LAMBDA, LAMBDA_CODE in us-west-2`,
        ];
      },
    ],
    [
      "hipaa-session-manager-logged",
      (s) => {
        const [prefs, address] = first(s, "baseline-phi-prod", "aws_ssm_document", "preferences-us-west-2");
        const content = JSON.parse(prefs.content as string) as { inputs: Record<string, unknown> };
        content.inputs.cloudWatchEncryptionEnabled = false;
        content.inputs.kmsKeyId = "";
        content.inputs.idleSessionTimeout = "60";
        content.inputs.maxSessionDuration = "600";
        prefs.content = JSON.stringify(content);
        const [group] = first(
          s,
          "baseline-sandbox",
          "aws_cloudwatch_log_group",
          "session-manager_log-group-us-east-1",
        );
        delete group.kms_key_id;
        remove(s, "baseline-management", "aws_ssm_document", "preferences-us-east-1");
        remove(s, "baseline-backup", "aws_ssm_service_setting", "default-host-us-west-2");
        const [, sandboxAddress] = first(s, "baseline-sandbox", "aws_ssm_document", "preferences-us-east-1");
        return [
          "(landing zone): has no SSM-SessionManagerRunShell for account management in us-east-1",
          "(landing zone): has no Default Host Management role setting for account backup in us-west-2",
          `${address}: Session Manager preferences of account phi-prod in us-west-2 does not require an encrypted log group; does not encrypt session data with KMS; ends sessions after 600 minutes, not within 240; ends idle sessions after 60 minutes, not within 15`,
          `${sandboxAddress}: Session Manager preferences of account sandbox in us-east-1 logs to /landing-zone/example-health-sessions, which is not a KMS-encrypted log group of this account and region`,
        ];
      },
    ],
    [
      "hipaa-ssm-documents-not-public",
      (s) => {
        const [prefs, address] = first(s, "baseline-phi-dev", "aws_ssm_document", "preferences-us-east-1");
        prefs.permissions = { type: "Share", account_ids: "All" };
        return [
          `${address}: document SSM-SessionManagerRunShell is shared with all AWS accounts (account_ids All)`,
        ];
      },
    ],
    [
      "hipaa-central-logs-linked",
      (s) => {
        remove(s, "baseline-phi-prod", "aws_oam_link", "link-us-west-2");
        const [link, address] = first(s, "baseline-sandbox", "aws_oam_link", "link-us-east-1");
        link.resource_types = ["AWS::CloudWatch::Metric"];
        // The management account linked too: its log groups hold the trail's copy.
        const [sandboxWest] = first(s, "baseline-sandbox", "aws_oam_link", "link-us-west-2");
        const management = s.get("baseline-management")!;
        management.resource.aws_oam_link = { stray: { ...sandboxWest, provider: "aws.us-west-2" } };
        const [policy, policyAddress] = first(s, "security", "aws_oam_sink_policy", "us-east-1");
        editPolicy(policy, "policy", (statements) =>
          statements.map((st) => ({
            ...st,
            Condition: {
              "ForAllValues:StringEquals": {
                "oam:ResourceTypes": ["AWS::Logs::LogGroup", "AWS::XRay::Trace"],
              },
            },
          })),
        );
        return [
          "(landing zone): does not link account phi-prod to the sink in us-west-2",
          `${address}: does not share AWS::Logs::LogGroup in us-east-1`,
          "baseline-management: aws_oam_link.stray: links the management account, whose log groups hold the organization trail's copy",
          `${policyAddress}: sink policy in us-east-1 admits any organization and admits AWS::XRay::Trace, not this organization's AWS::CloudWatch::Metric and AWS::Logs::LogGroup only`,
        ];
      },
    ],
    [
      "hipaa-security-hub-every-region",
      (s) => {
        remove(s, "detective-controls", "aws_securityhub_account", "us-west-2");
        return ["(landing zone): has no Security Hub in us-west-2"];
      },
    ],
    [
      "hipaa-config-every-region",
      (s) => {
        const [status] = first(
          s,
          "baseline-phi-prod",
          "aws_config_configuration_recorder_status",
          "us-west-2",
        );
        status.is_enabled = false;
        return [
          "(account phi-prod, us-west-2): has no aws_config_configuration_recorder with all_supported recording and an enabled recorder status",
        ];
      },
    ],
    [
      "hipaa-ebs-default-encryption",
      (s) => {
        const [ebs] = first(s, "baseline-phi-prod", "aws_ebs_encryption_by_default", "us-east-1");
        ebs.enabled = false;
        return ["(account phi-prod, us-east-1): has no aws_ebs_encryption_by_default with enabled = true"];
      },
    ],
    [
      "hipaa-s3-account-public-access-block",
      (s) => {
        remove(s, "baseline-sandbox", "aws_s3_account_public_access_block");
        return ["(account sandbox): has no aws_s3_account_public_access_block with all four settings true"];
      },
    ],
    [
      "hipaa-iam-password-policy",
      (s) => {
        const [policy] = first(s, "baseline-sandbox", "aws_iam_account_password_policy");
        policy.minimum_password_length = 8;
        return [
          "(account sandbox): has no aws_iam_account_password_policy with settings meeting MaxPasswordAge=90, MinimumPasswordLength=14, PasswordReusePrevention=24, RequireLowercaseCharacters=true, RequireNumbers=true, RequireSymbols=true, RequireUppercaseCharacters=true",
        ];
      },
    ],
    [
      "hipaa-sns-kms",
      (s) => {
        const [topic, address] = first(s, "organization-trail", "aws_sns_topic");
        delete topic.kms_master_key_id;
        return [`${address}: has no KMS key`];
      },
    ],
    [
      "hipaa-alarm-actions",
      (s) => {
        const [alarm, address] = first(
          s,
          "organization-trail",
          "aws_cloudwatch_metric_alarm",
          "RootAccountUsage",
        );
        alarm.alarm_actions = [];
        return [`${address}: has no alarm action`];
      },
    ],
    [
      "hipaa-iam-no-admin-statements",
      (s) => {
        const [policy, address] = first(s, "organization-trail", "aws_iam_policy");
        editPolicy(policy, "policy", (st) => [
          ...st,
          { Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" },
          { Sid: "AllOfS3", Effect: "Allow", Action: ["s3:*"], Resource: "arn:aws:s3:::x" },
        ]);
        return [
          `${address}: statement Everything allows "*" on "*"`,
          `${address}: statement AllOfS3 allows every action of s3:*`,
        ];
      },
    ],
    [
      "hipaa-iam-kms-blocked-actions",
      (s) => {
        const [policy, address] = first(
          s,
          "identity-center",
          "aws_ssoadmin_permission_set_inline_policy",
          "SecurityResponder",
        );
        editPolicy(policy, "inline_policy", (st) => [
          ...st,
          { Sid: "DecryptAll", Effect: "Allow", Action: ["kms:Decrypt", "kms:ReEncryptFrom"], Resource: "*" },
        ]);
        return [
          `${address}: statement DecryptAll allows kms:Decrypt, kms:ReEncryptFrom on every key ("*"), which the pack blocks (kms:*, kms:Decrypt, kms:ReEncrypt*)`,
        ];
      },
    ],
    [
      "hipaa-iam-no-inline-policies",
      (s) => {
        s.get("organization-trail")!.resource.aws_iam_role_policy = {
          inline: {
            role: "lz-some-role",
            name: "x",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
          },
        };
        return ["organization-trail: aws_iam_role_policy.inline: is an inline policy on lz-some-role"];
      },
    ],
    [
      "hipaa-session-duration",
      (s) => {
        const [set, address] = first(s, "identity-center", "aws_ssoadmin_permission_set", "PHIReadOnly");
        set.session_duration = "PT8H";
        return [`${address}: lasts PT8H, more than 4 h for a permission set assigned in a PHI account`];
      },
    ],
    [
      "hipaa-scp-guardrails-on-workloads",
      (s) => {
        remove(s, "organization", "aws_organizations_policy_attachment", "lz-deny-iam-users");
        const [, prod] = first(s, "organization", "aws_organizations_account", "phi-prod");
        const [, staging] = first(s, "organization", "aws_organizations_account", "phi-staging");
        return [
          `${prod}: account phi-prod is not below lz-deny-iam-users`,
          `${staging}: account phi-staging is not below lz-deny-iam-users`,
        ];
      },
    ],
    [
      "hipaa-backup-vault-encrypted",
      (s) => {
        const [vault, address] = first(s, "backup", "aws_backup_vault");
        delete vault.kms_key_arn;
        return [
          `${address}: has no landing-zone KMS key (kms_key_arn), so AWS Backup's default key would encrypt PHI copies`,
        ];
      },
    ],
    [
      "hipaa-backup-vault-locked",
      (s) => {
        const [, address] = first(s, "baseline-phi-prod", "aws_backup_vault", "us-west-2");
        remove(s, "baseline-phi-prod", "aws_backup_vault_lock_configuration", "us-west-2");
        const [policy] = first(s, "baseline-phi-prod", "aws_backup_vault_policy", "us-west-2");
        editPolicy(policy, "policy", (statements) =>
          statements.map((st) => ({ ...st, Principal: { AWS: "arn:aws:iam::100000000005:root" } })),
        );
        return [
          `${address}: has no Vault Lock in COMPLIANCE mode (changeable_for_days of at least 3)`,
          `${address}: has no access policy denying backup:DeleteRecoveryPoint to every principal`,
        ];
      },
    ],
    [
      "hipaa-backup-plans-daily",
      (s) => {
        const [policy, address] = first(s, "organization", "aws_organizations_policy", "backup_policy-phi");
        const content = JSON.parse(policy.content as string);
        const plan = content.plans.phi;
        plan.rules.daily.schedule_expression["@@assign"] = "cron(0 5 ? * SUN *)";
        plan.rules.daily.lifecycle.delete_after_days["@@assign"] = "7";
        // Every entry of the plan selects by the PHI tag (a `resources` condition): leave one, selecting another.
        plan.selections.resources.phi.conditions.string_equals.phi.condition_value["@@assign"] = "restricted";
        content.plans = { phi: plan };
        policy.content = JSON.stringify(content);
        return [
          `${address}: plan phi has no daily rule`,
          `${address}: plan phi rule daily keeps recovery points 7 days, under 35`,
          "(landing zone): has no backup policy selecting DataClassification=phi",
        ];
      },
    ],
    [
      "hipaa-lambda-inside-vpc",
      (s) => {
        const [fn, address] = first(s, WORKLOAD, "aws_lambda_function");
        delete fn.vpc_config;
        return [
          `${address}: function workload-dev-patient-intake has no subnets in vpc_config: it runs outside the VPC`,
        ];
      },
    ],
    [
      "hipaa-lambda-dlq",
      (s) => {
        const [fn, address] = first(s, WORKLOAD, "aws_lambda_function");
        delete fn.dead_letter_config;
        return [
          `${address}: function workload-dev-patient-intake has no dead_letter_config: failed asynchronous invocations are dropped`,
        ];
      },
    ],
    [
      "hipaa-lambda-environment-no-secrets",
      (s) => {
        const [fn, address] = first(s, WORKLOAD, "aws_lambda_function");
        delete fn.kms_key_arn;
        return [
          `${address}: function workload-dev-patient-intake has environment variables but no kms_key_arn: they are encrypted with an AWS owned key`,
        ];
      },
    ],
    [
      "hipaa-workload-role-least-privilege",
      (s) => {
        const [, roleAddress] = first(s, WORKLOAD, "aws_iam_role", "function_role");
        const [policy] = first(s, WORKLOAD, "aws_iam_policy", "function_permissions");
        editPolicy(policy, "policy", (statements) => [
          ...statements,
          { Sid: "Everything", Effect: "Allow", Action: "dynamodb:*", Resource: "*" },
        ]);
        return [
          `${roleAddress}: dev-patient-intake-function: statement Everything names actions by wildcard (dynamodb:*)`,
        ];
      },
    ],
    [
      "hipaa-lambda-not-public",
      (s) => {
        const [permission, address] = first(s, WORKLOAD, "aws_lambda_permission");
        delete permission.source_arn;
        return [
          `${address}: permission on workload-dev-patient-intake admits apigateway.amazonaws.com without source_arn: any account's resource of that service could invoke it`,
        ];
      },
    ],
    [
      "hipaa-api-private",
      (s) => {
        const [api, address] = first(s, WORKLOAD, "aws_api_gateway_rest_api");
        api.endpoint_configuration = { types: ["REGIONAL"] };
        return [
          `${address}: API dev-patient-intake has endpoint type REGIONAL: reachable from the internet, and its default endpoint accepts TLS 1.0`,
        ];
      },
    ],
    [
      "hipaa-api-logged",
      (s) => {
        const [settings] = first(s, WORKLOAD, "aws_api_gateway_method_settings");
        const [, address] = first(s, WORKLOAD, "aws_api_gateway_stage");
        // A per-method override the stage-wide settings do not show.
        s.get(WORKLOAD)!.resource.aws_api_gateway_method_settings.override = {
          ...settings,
          method_path: "patient-intake/POST",
          settings: { ...(settings.settings as Block), data_trace_enabled: true },
        };
        return [
          `${address}: stage v1 logs full requests and responses for patient-intake/POST (data_trace_enabled): bodies hold PHI`,
        ];
      },
    ],
    [
      "hipaa-api-backend-certificate",
      (s) => {
        const [integration] = first(s, WORKLOAD, "aws_api_gateway_integration");
        const [, address] = first(s, WORKLOAD, "aws_api_gateway_stage");
        integration.type = "HTTP_PROXY";
        return [`${address}: stage v1 calls an HTTP backend without a client certificate`];
      },
    ],
    [
      "hipaa-lambda-code-signing",
      (s) => {
        const [fn, address] = first(
          s,
          "workload-staging-patient-intake",
          "aws_lambda_function",
          "blueprint_function_",
        );
        delete fn.code_signing_config_arn;
        // A function of dev, whose environment does not require signing, is not judged.
        return [
          `${address}: function workload-staging-patient-intake has no code signing configuration, and its environment requires code signing`,
        ];
      },
    ],
    [
      "hipaa-secret-kms",
      (s) => {
        const [secret, address] = first(s, WORKLOAD, "aws_secretsmanager_secret");
        delete secret.kms_key_id;
        return [
          `${address}: secret workload/dev-patient-intake is encrypted with the AWS managed key aws/secretsmanager`,
        ];
      },
    ],
    [
      "hipaa-secret-rotation",
      (s) => {
        const [, address] = first(s, WORKLOAD, "aws_secretsmanager_secret");
        const [rotation] = first(s, WORKLOAD, "aws_secretsmanager_secret_rotation");
        rotation.rotation_rules = {};
        return [`${address}: secret workload/dev-patient-intake's rotation has no schedule (rotation_rules)`];
      },
    ],
    [
      "hipaa-dynamodb-kms",
      (s) => {
        const [table, address] = first(s, WORKLOAD, "aws_dynamodb_table");
        table.server_side_encryption = { enabled: false };
        return [
          `${address}: table dev-patient-intake is not encrypted with a customer managed key (server_side_encryption)`,
        ];
      },
    ],
    [
      "hipaa-dynamodb-pitr",
      (s) => {
        const [table, address] = first(s, WORKLOAD, "aws_dynamodb_table");
        delete table.point_in_time_recovery;
        table.deletion_protection_enabled = false;
        return [
          `${address}: table dev-patient-intake has no point-in-time recovery and no deletion protection`,
        ];
      },
    ],
    [
      "hipaa-dynamodb-backup-selected",
      (s) => {
        // The same table as if it were staging's (a PHI environment) and tagged non-phi.
        const [table, address] = first(s, WORKLOAD, "aws_dynamodb_table");
        table.tags = { Environment: "staging", DataClassification: "non-phi" };
        return [
          `${address}: table dev-patient-intake of PHI environment staging has DataClassification=non-phi: no backup plan selects it`,
        ];
      },
    ],
  ];

  it("covers every rule", () => {
    expect(cases.map(([id]) => id).sort()).toEqual(HIPAA_RULES.map((r) => r.id).sort());
  });

  it.each(cases)("%s", (id, edit) => {
    let expected: string[] = [];
    const found = findingsWith(id, (s) => {
      expected = edit(s);
    });
    expect(found.sort()).toEqual(expected.sort());
  });

  it("hipaa-secret-rotation: a secret whose stack has no rotation for it", () => {
    let address = "";
    const found = findingsWith("hipaa-secret-rotation", (s) => {
      [, address] = first(s, WORKLOAD, "aws_secretsmanager_secret");
      delete s.get(WORKLOAD)!.resource.aws_secretsmanager_secret_rotation;
    });
    expect(found).toEqual([`${address}: secret workload/dev-patient-intake has no rotation`]);
  });

  it("hipaa-log-bucket-object-lock: the backup account's job reports bucket without its lock", () => {
    let address = "";
    const found = findingsWith("hipaa-log-bucket-object-lock", (s) => {
      remove(s, "backup", "aws_s3_bucket_object_lock_configuration", "reports-bucket_object-lock");
      const [bucket, at] = first(s, "backup", "aws_s3_bucket", "reports-bucket_");
      delete bucket.object_lock_enabled;
      address = at;
    });
    expect(found).toEqual([
      `${address}: bucket example-health-backup-reports-100000000004-us-east-1 receives Backup Audit Manager job reports but has no Object Lock default retention`,
    ]);
  });
});

describe("hipaa-segments-apart", () => {
  it("finds a route into the other side, a missing blackhole, and an attachment served by the wrong segment's table", () => {
    let table = "";
    let nonProd = "";
    const found = findingsWith("hipaa-segments-apart", (s) => {
      const hub = s.get("network-hub")!.resource;
      const holes = hub.aws_ec2_transit_gateway_route;
      const devHole = Object.keys(holes).find(
        (name) => holes[name].destination_cidr_block === "10.30.0.0/16",
      )!;
      holes[devHole].blackhole = false;
      holes[devHole].transit_gateway_attachment_id = "tgw-attach-0123";
      table = first(s, "network-hub", "aws_ec2_transit_gateway_route_table", "route-table-prod")[1];
      const [association] = first(
        s,
        "network-segments",
        "aws_ec2_transit_gateway_route_table_association",
        "associate-staging",
      );
      const [prodAssociation] = first(
        s,
        "network-segments",
        "aws_ec2_transit_gateway_route_table_association",
        "associate-prod",
      );
      nonProd = prodAssociation.transit_gateway_route_table_id as string;
      association.transit_gateway_route_table_id = nonProd;
    });
    expect(found).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${table.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\(prod\\) routes 10\\.30\\.0\\.0/16 \\(network-hub: aws_ec2_transit_gateway_route\\.[^)]+\\) into 10\\.30\\.0\\.0/16 \\(dev, non-prod\\)$`,
        ),
      ),
      `${table}: (prod) has no blackhole route for 10.30.0.0/16 (dev, non-prod)`,
      expect.stringMatching(
        /\(prod\) names an attachment that is no environment's VPC attachment or on-premises \(network-hub: aws_ec2_transit_gateway_route\./,
      ),
      `${table}: (prod) serves staging's attachment, which is in segment non-prod (network-segments: aws_ec2_transit_gateway_route_table_association.associate-staging)`,
    ]);
  });

  it("finds a gateway that would place or accept attachments by itself, a prefix-list reference, and an untraceable attachment", () => {
    let gateway = "";
    let table = "";
    const found = findingsWith("hipaa-segments-apart", (s) => {
      const [tgw, at] = first(s, "network-hub", "aws_ec2_transit_gateway");
      delete tgw.default_route_table_propagation;
      tgw.auto_accept_shared_attachments = "enable";
      gateway = at;
      table = first(s, "network-hub", "aws_ec2_transit_gateway_route_table", "route-table-shared")[1];
      const tableId = `\${${table.replace(/^network-hub: /, "")}.id}`;
      s.get("network-hub")!.resource.aws_ec2_transit_gateway_prefix_list_reference = {
        onprem: { prefix_list_id: "pl-0123", transit_gateway_route_table_id: tableId },
      };
      s.get("network-hub")!.resource.aws_ec2_transit_gateway_route_table_propagation = {
        vpn: { transit_gateway_attachment_id: "tgw-attach-0123", transit_gateway_route_table_id: tableId },
      };
    });
    expect(found).toEqual([
      `${gateway}: default_route_table_propagation is enable, expected disable`,
      `${gateway}: auto_accept_shared_attachments is enable, expected disable`,
      `${table}: (shared) names an attachment that is no environment's VPC attachment or on-premises (network-hub: aws_ec2_transit_gateway_route_table_propagation.vpn)`,
      `${table}: (shared) holds a prefix-list reference, which outranks the blackholes (network-hub: aws_ec2_transit_gateway_prefix_list_reference.onprem)`,
    ]);
  });

  it("finds on-premises reaching a segment not allowed it, a missing on-premises blackhole, and an environment on the on-premises table", () => {
    let nonProd = "";
    let onPremises = "";
    const found = findingsWith(
      "hipaa-segments-apart",
      (s) => {
        const [propagation] = first(
          s,
          "network-hub",
          "aws_ec2_transit_gateway_route_table_propagation",
          "propagate-vpn-main-datacenter-to-prod",
        );
        nonProd = first(s, "network-hub", "aws_ec2_transit_gateway_route_table", "route-table-non-prod")[1];
        propagation.transit_gateway_route_table_id = `\${${nonProd.replace(/^network-hub: /, "")}.id}`;
        remove(s, "network-hub", "aws_ec2_transit_gateway_route", "blackhole-on-premises-10-30");
        onPremises = first(
          s,
          "network-hub",
          "aws_ec2_transit_gateway_route_table",
          "hybrid-us-east-1_route-table",
        )[1];
        const [association] = first(
          s,
          "network-segments",
          "aws_ec2_transit_gateway_route_table_association",
          "associate-prod",
        );
        const [toOnPremises] = first(
          s,
          "network-segments",
          "aws_ec2_transit_gateway_route_table_propagation",
          "propagate-prod-to-on-premises",
        );
        association.transit_gateway_route_table_id = toOnPremises.transit_gateway_route_table_id;
      },
      hybrid,
    );
    expect(found).toEqual([
      `${nonProd}: (non-prod) learns the routes of on-premises (network-hub: aws_ec2_transit_gateway_route_table_propagation.hybrid-us-east-1_propagate-vpn-main-datacenter-to-prod_7FB71300)`,
      `${onPremises}: (on-premises) has no blackhole route for 10.30.0.0/16 (dev, non-prod)`,
      `${onPremises}: (on-premises) serves prod's attachment, which is in segment prod (network-segments: aws_ec2_transit_gateway_route_table_association.associate-prod)`,
    ]);
  });

  it("finds the network account's resolver VPC served by prod's table, and traces it by its segment tag", () => {
    let prod = "";
    const found = findingsWith(
      "hipaa-segments-apart",
      (s) => {
        const [association] = first(
          s,
          "network-hub",
          "aws_ec2_transit_gateway_route_table_association",
          "associate-resolver-vpc",
        );
        prod = first(s, "network-hub", "aws_ec2_transit_gateway_route_table", "route-table-prod")[1];
        association.transit_gateway_route_table_id = `\${${prod.replace(/^network-hub: /, "")}.id}`;
      },
      hybrid,
    );
    expect(found).toEqual([
      expect.stringMatching(
        /\(prod\) serves example-health-resolver-hub's attachment, which is in segment shared \(network-hub: aws_ec2_transit_gateway_route_table_association\.hybrid-us-east-1_associate-resolver-vpc_/,
      ),
    ]);
    expect(found[0].startsWith(`${prod}: `)).toBe(true);
  });

  it("lets a default route to the inspection VPC pass beneath the blackholes, but not a more specific one", () => {
    let prod = "";
    const found = findingsWith(
      "hipaa-segments-apart",
      (s) => {
        const [route] = first(
          s,
          "network-hub",
          "aws_ec2_transit_gateway_route",
          "default-prod-to-inspection",
        );
        route.destination_cidr_block = "10.20.0.0/24";
        prod = first(s, "network-hub", "aws_ec2_transit_gateway_route_table", "route-table-prod")[1];
      },
      hybrid,
    );
    expect(found).toEqual([
      expect.stringMatching(
        /\(prod\) routes 10\.20\.0\.0\/24 \(network-hub: aws_ec2_transit_gateway_route\.hub-us-east-1_default-prod-to-inspection_[0-9A-F]+\) into 10\.20\.0\.0\/16 \(staging, non-prod\)$/,
      ),
    ]);
    expect(found[0].startsWith(`${prod}: `)).toBe(true);
  });

  it("finds a table that does not blackhole the inspection VPC's own range", () => {
    let shared = "";
    const found = findingsWith(
      "hipaa-segments-apart",
      (s) => {
        remove(s, "network-hub", "aws_ec2_transit_gateway_route", "blackhole-shared-10-101-0-0-24");
        shared = first(s, "network-hub", "aws_ec2_transit_gateway_route_table", "route-table-shared")[1];
      },
      hybrid,
    );
    expect(found).toEqual([
      `${shared}: (shared) has no blackhole route for 10.101.0.0/24 (the inspection VPC)`,
    ]);
  });

  it("holds for the second configuration's on-premises side as synthesized", () => {
    expect(findingsWith("hipaa-segments-apart", () => undefined, hybrid)).toEqual([]);
  });

  it("judges only the hub's route tables: without them, no findings", () => {
    expect(findingsWith("hipaa-segments-apart", (s) => s.delete("network-hub"))).toEqual([]);
  });
});

describe("hipaa-vpn-tunnel-encryption", () => {
  it("finds a tunnel offering AES-128 or IKEv1, and one left to AWS's defaults; the synthesized tunnels hold", () => {
    expect(findingsWith("hipaa-vpn-tunnel-encryption", () => undefined, hybrid)).toEqual([]);
    let vpn = "";
    const found = findingsWith(
      "hipaa-vpn-tunnel-encryption",
      (s) => {
        const [connection, at] = first(s, "network-hub", "aws_vpn_connection", "vpn-main-datacenter");
        connection.tunnel1_phase1_encryption_algorithms = ["AES128", "AES256"];
        connection.tunnel2_ike_versions = ["ikev1", "ikev2"];
        delete connection.tunnel2_phase2_dh_group_numbers;
        vpn = at;
      },
      hybrid,
    );
    expect(found).toEqual([
      `${vpn}: allows AES128 in tunnel1_phase1_encryption_algorithms; expected only AES256, AES256-GCM-16`,
      `${vpn}: allows ikev1 in tunnel2_ike_versions; expected only ikev2`,
      `${vpn}: leaves tunnel2_phase2_dh_group_numbers to AWS's defaults, which include weaker choices than 14, 19, 20, 21`,
    ]);
  });
});

describe("hipaa-vpn-tunnel-logs", () => {
  it("finds a tunnel that logs nothing and one logging to an unencrypted group; the synthesized tunnels hold", () => {
    expect(findingsWith("hipaa-vpn-tunnel-logs", () => undefined, hybrid)).toEqual([]);
    let vpn = "";
    let group = "";
    const found = findingsWith(
      "hipaa-vpn-tunnel-logs",
      (s) => {
        const [connection, at] = first(s, "network-hub", "aws_vpn_connection", "vpn-main-datacenter");
        connection.tunnel1_log_options = { cloudwatch_log_options: { log_enabled: false } };
        const [logGroup, groupAt] = first(s, "network-hub", "aws_cloudwatch_log_group", "tunnel-logs");
        delete logGroup.kms_key_id;
        vpn = at;
        group = groupAt.replace(/^network-hub: /, "");
      },
      hybrid,
    );
    const other = found.filter((f) => !f.startsWith(`${vpn}:`));
    expect(found.filter((f) => f.startsWith(`${vpn}:`))).toEqual([
      `${vpn}: does not log tunnel1's activity (tunnel1_log_options)`,
      `${vpn}: logs tunnel2 to ${group}, which is not encrypted with a KMS key`,
    ]);
    // The other connection logs to the same group, so it is found too.
    expect(other).toEqual([
      expect.stringMatching(/: logs tunnel1 to .*, which is not encrypted with a KMS key$/),
      expect.stringMatching(/: logs tunnel2 to .*, which is not encrypted with a KMS key$/),
    ]);
  });
});

describe("hipaa-phi-default-route", () => {
  it("finds IPv6 egress, the two halves of the internet and a default route to an endpoint, in PHI VPCs only", () => {
    const found = findingsWith("hipaa-phi-default-route", (s) => {
      for (const stack of ["network-staging", "network-dev"]) {
        const [table] = Object.keys(s.get(stack)!.resource.aws_route_table);
        s.get(stack)!.resource.aws_route = {
          v6: {
            route_table_id: `\${aws_route_table.${table}.id}`,
            destination_ipv6_cidr_block: "::/0",
            egress_only_gateway_id: "eigw-0123",
          },
          half: {
            route_table_id: `\${aws_route_table.${table}.id}`,
            destination_cidr_block: "128.0.0.0/1",
            vpc_endpoint_id: "vpce-0123",
          },
        };
      }
    });
    expect(found).toEqual([
      "network-staging: aws_route.v6: routes ::/0 to its egress_only_gateway_id",
      "network-staging: aws_route.half: sends 128.0.0.0/1 somewhere other than the hub's Transit Gateway",
    ]);
  });
});

describe("hipaa-vpc-dns-firewall", () => {
  it("judges PHI VPCs only: dev's VPC without its firewall is not a finding, prod's is", () => {
    let prodVpc = "";
    const found = findingsWith("hipaa-vpc-dns-firewall", (s) => {
      for (const stack of ["network-dev", "network-prod"]) {
        remove(s, stack, "aws_route53_resolver_firewall_rule_group_association");
      }
      prodVpc = first(s, "network-prod", "aws_vpc")[1];
    });
    expect(found).toEqual([`${prodVpc}: has no DNS Firewall rule group associated at priority 101`]);
  });

  it("a group associated behind another (priority 200) does not count", () => {
    let vpc = "";
    const found = findingsWith("hipaa-vpc-dns-firewall", (s) => {
      first(s, "network-staging", "aws_route53_resolver_firewall_rule_group_association")[0].priority = 200;
      vpc = first(s, "network-staging", "aws_vpc")[1];
    });
    expect(found).toEqual([`${vpc}: has no DNS Firewall rule group associated at priority 101`]);
  });

  it("a PHI VPC that fails open while failClosed is phi is a finding", () => {
    let vpc = "";
    const found = findingsWith("hipaa-vpc-dns-firewall", (s) => {
      first(s, "network-prod", "aws_route53_resolver_firewall_config")[0].firewall_fail_open = "ENABLED";
      vpc = first(s, "network-prod", "aws_vpc")[1];
    });
    expect(found).toEqual([
      `${vpc}: its DNS Firewall fail-open setting is ENABLED, expected DISABLED (network.dnsFirewall.failClosed: phi)`,
    ]);
  });

  it("a rule that only alerts, or allows, ends the evaluation: the group does not count as blocking", () => {
    let vpc = "";
    let rule = "";
    const found = findingsWith("hipaa-vpc-dns-firewall", (s) => {
      const [block, address] = first(
        s,
        "network-prod",
        "aws_route53_resolver_firewall_rule",
        "MalwareDomainList",
      );
      block.action = "ALERT";
      rule = address;
      vpc = first(s, "network-prod", "aws_vpc")[1];
    });
    expect(found).toEqual([
      `${vpc}: its DNS Firewall rule group holds a rule that does not block (${rule}: ALERT)`,
    ]);
  });

  it("another rule group associated at or before the landing zone's is a finding", () => {
    let vpc = "";
    let other = "";
    const found = findingsWith("hipaa-vpc-dns-firewall", (s) => {
      const stack = s.get("network-prod")!.resource;
      const [ours] = first(s, "network-prod", "aws_route53_resolver_firewall_rule_group_association");
      stack.aws_route53_resolver_firewall_rule_group_association["allow-first"] = { ...ours, priority: 100 };
      other = "network-prod: aws_route53_resolver_firewall_rule_group_association.allow-first";
      vpc = first(s, "network-prod", "aws_vpc")[1];
    });
    expect(found).toEqual([
      `${vpc}: has another DNS Firewall rule group (${other}) evaluated at or before the landing zone's`,
    ]);
  });
});

describe("configuration fixtures", () => {
  it("an organization.yaml that leaves the KMS guardrail off Root fails hipaa-scp-guardrails-on-workloads", () => {
    const attachment = "  - policy: lz-protect-kms-keys\n    targets: [Root]\n";
    const config = loadConfig(
      exampleWith((yaml) => {
        expect(yaml).toContain(attachment);
        return yaml.replace(attachment, "");
      }),
    );
    const app = synthApp(config);
    const model = modelOf(app.stacks, config);
    const rule = HIPAA_RULES.find((r) => r.id === "hipaa-scp-guardrails-on-workloads")!;
    const accounts = Object.entries(app.stacks.get("organization")!.resource.aws_organizations_account);
    const address = (name: string) =>
      `organization: aws_organizations_account.${accounts.find(([, b]) => b.name === name)![0]}`;
    expect(
      rule
        .check(model, config)
        .map((f) => `${f.address}: ${f.message}`)
        .sort(),
    ).toEqual(
      ["phi-dev", "phi-prod", "phi-staging"]
        .map((a) => `${address(a)}: account ${a} is not below lz-protect-kms-keys`)
        .sort(),
    );
  });
});

describe("failures and suppressions", () => {
  const withSuppressions = (yaml: string) =>
    exampleWith((org) => `${org}\ncompliance:\n  suppressions:\n${yaml}`);
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const unlogged = (s: Stacks) =>
    remove(s, "log-archive", "aws_s3_bucket_logging", "log-archive_access-logs");

  it("prints the rule, sections, mirrored pack rule, address, problem, fix and page", async () => {
    const stacks = copyOf();
    unlogged(stacks);
    const report = await verifyLandingZone(example, modelOf(stacks));
    const [, bucket] = first(stacks, "log-archive", "aws_s3_bucket", "log-archive_bucket");
    expect(report.ok).toBe(false);
    expect(failureLines(report)).toEqual([
      `rule hipaa-s3-access-logging (HIPAA 164.312(b); Config S3_BUCKET_LOGGING_ENABLED): ${bucket} bucket ${ARCHIVE_AS_PRINTED} has no server access logging; fix: add an aws_s3_bucket_logging to an access-log bucket in the same account and region (SecureBucket's accessLogs) (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html)`,
    ]);
  });

  it("accepts a finding a suppression names, keeping it in the report with its reason, owner and expiry", async () => {
    const expires = inDays(30);
    const config = loadConfig(
      withSuppressions(
        `    - rule: hipaa-s3-access-logging\n      resource: "log-archive: aws_s3_bucket.log-archive_bucket_*"\n      reason: Access logging moves to a central bucket next quarter\n      owner: security-engineering\n      expires: ${expires}\n`,
      ),
    );
    const stacks = copyOf();
    unlogged(stacks);
    const report = await verifyLandingZone(config, modelOf(stacks, config));
    expect(report.ok).toBe(true);
    const rule = report.hipaa.find((r) => r.id === "hipaa-s3-access-logging")!;
    expect(rule.findings).toEqual([]);
    expect(
      rule.suppressed.map((f) => [
        f.message,
        f.suppression.owner,
        f.suppression.expires,
        f.suppression.index,
      ]),
    ).toEqual([
      [`bucket ${ARCHIVE_AS_PRINTED} has no server access logging`, "security-engineering", expires, 0],
    ]);
  });

  it("fails a suppression that names no rule or matches no finding", async () => {
    const config = loadConfig(
      withSuppressions(
        `    - rule: hipaa-no-such-rule\n      resource: "*"\n      reason: a reason long enough to pass the schema\n      owner: platform\n      expires: ${inDays(10)}\n` +
          `    - rule: hipaa-s3-versioning\n      resource: "log-archive: *"\n      reason: a reason long enough to pass the schema\n      owner: platform\n      expires: ${inDays(10)}\n`,
      ),
    );
    const report = await verifyLandingZone(config, modelOf(synthesized.stacks, config));
    expect(report.ok).toBe(false);
    expect(report.suppressionProblems).toEqual([
      "organization.yaml compliance.suppressions[0].rule: expected one of the HIPAA rules (docs/compliance.md), received hipaa-no-such-rule",
      "organization.yaml compliance.suppressions[1].resource: matches no finding of hipaa-s3-versioning (received log-archive: *); the resource complies or is gone, so remove the suppression",
    ]);
  });

  it("matches addresses with * as any run of characters and nothing else as a pattern", () => {
    expect(addressMatches("log-archive: aws_s3_bucket.*", "log-archive: aws_s3_bucket.x_1")).toBe(true);
    expect(addressMatches("log-archive: aws_s3_bucket.x", "log-archive: aws_s3_bucket.x_1")).toBe(false);
    expect(addressMatches("(account phi-prod, us-west-2)", "(account phi-prod, us-west-2)")).toBe(true);
    expect(addressMatches("a.b", "aXb")).toBe(false);
  });

  it("runs no rule twice for the same result", () => {
    const outcome = runHipaaRules(modelOf(synthesized.stacks), example);
    expect(outcome.results.map((r) => r.id)).toEqual(HIPAA_RULES.map((r) => r.id));
  });
});
