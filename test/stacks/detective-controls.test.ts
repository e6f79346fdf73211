// The detective controls as synthesized for three governed regions: GuardDuty, Security Hub, Config (recorders in
// every account and region, aggregator, conformance pack), Access Analyzer, Inspector and Macie; and what adding a fourth
// region changes.
import { DataAwsGuarddutyDetector } from "@cdktf/provider-aws/lib/data-aws-guardduty-detector";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { Macie2Account } from "@cdktf/provider-aws/lib/macie2-account";
import { SecurityhubAccount } from "@cdktf/provider-aws/lib/securityhub-account";
import { findingsEventPattern, standardArn } from "../../modules/security-hub-organization";
import { GUARDDUTY_FEATURES } from "../../modules/guardduty-organization";
import { conformancePackTemplate, rulesForRegion } from "../../src/policies/hipaa-conformance-pack";
import { inspectorScanTypesIn } from "../../src/policies/inspector";
import { parse } from "yaml";
import { exampleWithRegions, Resources, synthApp } from "../helpers/synth";

const REGIONS = ["us-east-1", "us-west-2", "us-east-2"];
const HOME = "us-east-1";
const config = exampleWithRegions(REGIONS);
const app = synthApp(config);
const detective = (type: string) => app.all("detective-controls", type);
/** The region a resource is deployed to: the default provider is the home region, aliases are region codes. */
const regionOf = (r: Record<string, unknown>) =>
  r.provider === "aws" ? HOME : String(r.provider).replace("aws.", "");
const regionsOf = (type: string) => detective(type).map(regionOf).sort();
const ACCOUNTS = ["management", ...config.organization.accounts.map((a) => a.name)];
/** The detective-controls stack as Terraform JSON, for cdktf's matchers (which take snake_case keys). */
const detectiveJson = JSON.stringify(app.stacks.get("detective-controls"));
/** The stack's Terraform import blocks. */
interface ImportBlock {
  readonly to: string;
  readonly id: string;
  readonly provider?: string;
}
const imports = (app.stacks.get("detective-controls") as unknown as { import?: ImportBlock[] }).import ?? [];
/** The import blocks into resources of a type, with the name of the resource each imports into. */
const importsOf = (type: string) =>
  imports
    .filter((i) => i.to.startsWith(`${type}.`))
    .map((i) => ({ ...i, name: i.to.slice(type.length + 1) }));
/** The region of an import block, from its provider as for resources. */
const importRegion = (i: ImportBlock) => regionOf({ provider: i.provider });
/** The name of every resource of a type in the stack, by region. */
const namesByRegion = (type: string) =>
  new Map(
    Object.entries(app.stacks.get("detective-controls")!.resource[type] ?? {}).map(([name, body]) => [
      regionOf(body),
      name,
    ]),
  );
/** The security-tooling account's ID as the stack reads it: the organization stack's output, via remote state. */
const SECURITY_TOOLING_ID =
  /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-organization\.outputs\.[^}]+\}$/;

describe("GuardDuty (security-tooling account, every governed region)", () => {
  it("has one detector and one organization configuration per region, auto-enabling ALL members", () => {
    expect(regionsOf("aws_guardduty_detector")).toEqual([...REGIONS].sort());
    expect(detective("aws_guardduty_detector").map((d) => d.finding_publishing_frequency)).toEqual(
      REGIONS.map(() => "FIFTEEN_MINUTES"),
    );
    expect(regionsOf("aws_guardduty_organization_configuration")).toEqual([...REGIONS].sort());
    for (const org of detective("aws_guardduty_organization_configuration")) {
      expect(org.auto_enable_organization_members).toBe("ALL");
    }
  });

  it("adopts the detector the delegated-administrator designation created in each region instead of creating a second", () => {
    // The account's one detector, read at plan time in each region (no ID: the data source lists the detectors).
    const designated = app.stacks.get("detective-controls")!.data!.aws_guardduty_detector;
    expect(Object.values(designated).map(regionOf).sort()).toEqual([...REGIONS].sort());
    for (const source of Object.values(designated)) expect(source.id).toBeUndefined();
    expect(detectiveJson).toHaveDataSourceWithProperties(DataAwsGuarddutyDetector, {
      provider: "aws.us-west-2",
    });
    // Imported into the detector resource of the same region, by the ID that data source read.
    const detectors = namesByRegion("aws_guardduty_detector");
    const sources = new Map(Object.entries(designated).map(([name, body]) => [regionOf(body), name]));
    const blocks = importsOf("aws_guardduty_detector");
    expect(blocks.map(importRegion).sort()).toEqual([...REGIONS].sort());
    for (const block of blocks) {
      const region = importRegion(block);
      expect(block).toEqual({
        to: `aws_guardduty_detector.${detectors.get(region)}`,
        id: `\${data.aws_guardduty_detector.${sources.get(region)}.id}`,
        provider: region === HOME ? "aws" : `aws.${region}`,
        name: detectors.get(region),
      });
    }
    // The adopted detector is then set as the configuration says, and the features hang off it.
    expect(detectiveJson).toHaveResourceWithProperties(GuarddutyDetector, {
      enable: true,
      finding_publishing_frequency: "FIFTEEN_MINUTES",
      provider: "aws.us-east-2",
    });
    for (const feature of detective("aws_guardduty_detector_feature")) {
      expect(feature.detector_id).toBe(`\${aws_guardduty_detector.${detectors.get(regionOf(feature))}.id}`);
    }
  });

  it("turns on every protection feature for the detector and for ALL members, runtime agents included", () => {
    for (const type of [
      "aws_guardduty_detector_feature",
      "aws_guardduty_organization_configuration_feature",
    ]) {
      for (const region of REGIONS) {
        const names = detective(type)
          .filter((f) => regionOf(f) === region)
          .map((f) => f.name)
          .sort();
        expect(names).toEqual(GUARDDUTY_FEATURES.map((f) => f.name).sort());
      }
    }
    const runtime = detective("aws_guardduty_organization_configuration_feature").find(
      (f) => f.name === "RUNTIME_MONITORING",
    );
    expect(runtime).toMatchObject({
      auto_enable: "ALL",
      additional_configuration: [
        { name: "EKS_ADDON_MANAGEMENT", auto_enable: "ALL" },
        { name: "ECS_FARGATE_AGENT_MANAGEMENT", auto_enable: "ALL" },
        { name: "EC2_AGENT_MANAGEMENT", auto_enable: "ALL" },
      ],
    });
  });

  it("leaves out features a region does not offer", () => {
    const calgary = synthApp(exampleWithRegions(["us-east-1", "us-west-2", "ca-west-1"]));
    const features = calgary
      .all("detective-controls", "aws_guardduty_detector_feature")
      .filter((f) => f.provider === "aws.ca-west-1")
      .map((f) => f.name);
    expect(features).not.toContain("RUNTIME_MONITORING");
    expect(features).toContain("S3_DATA_EVENTS");
  });

  it("exports findings from every region to the log archive, encrypted with the archive key", () => {
    const exports = detective("aws_guardduty_publishing_destination");
    expect(exports.map(regionOf).sort()).toEqual([...REGIONS].sort());
    for (const e of exports) {
      expect(e.destination_arn).toMatch(
        /terraform_remote_state\.cross-stack-reference-input-log-archive.*\.outputs/,
      );
      expect(e.kms_key_arn).toMatch(
        /terraform_remote_state\.cross-stack-reference-input-security.*\.outputs/,
      );
    }
  });
});

describe("Security Hub", () => {
  it("enables the hub in every region without default standards, one finding per control", () => {
    expect(regionsOf("aws_securityhub_account")).toEqual([...REGIONS].sort());
    for (const hub of detective("aws_securityhub_account")) {
      expect(hub).toMatchObject({
        enable_default_standards: false,
        control_finding_generator: "SECURITY_CONTROL",
      });
    }
  });

  it("adopts the home region's hub, which designating the administrator there enabled, and creates the others", () => {
    const hubs = namesByRegion("aws_securityhub_account");
    expect(importsOf("aws_securityhub_account")).toEqual([
      {
        to: `aws_securityhub_account.${hubs.get(HOME)}`,
        id: expect.stringMatching(SECURITY_TOOLING_ID),
        provider: "aws",
        name: hubs.get(HOME),
      },
    ]);
    // Every hub, the linked regions' included, exists before a region is linked and central configuration starts.
    const [aggregator] = detective("aws_securityhub_finding_aggregator");
    expect([...(aggregator.depends_on as string[])].sort()).toEqual(
      [...hubs.values()].map((name) => `aws_securityhub_account.${name}`).sort(),
    );
    expect(detective("aws_securityhub_organization_configuration")[0].depends_on).toEqual([
      expect.stringMatching(/^aws_securityhub_finding_aggregator\./),
    ]);
    expect(detectiveJson).toHaveResourceWithProperties(SecurityhubAccount, {
      provider: "aws",
      enable_default_standards: false,
    });
  });

  it("aggregates the other governed regions, by name, into the home region and configures centrally", () => {
    expect(detective("aws_securityhub_finding_aggregator")).toEqual([
      expect.objectContaining({
        provider: "aws",
        linking_mode: "SPECIFIED_REGIONS",
        specified_regions: config.organization.regions.filter((r) => r !== config.organization.homeRegion),
      }),
    ]);
    expect(detective("aws_securityhub_organization_configuration")).toEqual([
      expect.objectContaining({
        provider: "aws",
        auto_enable: false,
        auto_enable_standards: "NONE",
        organization_configuration: { configuration_type: "CENTRAL" },
      }),
    ]);
  });

  it("applies FSBP, CIS and NIST 800-53 to the organization root through one configuration policy", () => {
    const [policy] = detective("aws_securityhub_configuration_policy");
    expect(policy.configuration_policy).toEqual({
      service_enabled: true,
      enabled_standard_arns: [
        standardArn(HOME, "aws-foundational-security-best-practices/v/1.0.0"),
        standardArn(HOME, "cis-aws-foundations-benchmark/v/3.0.0"),
        standardArn(HOME, "nist-800-53/v/5.0.0"),
      ],
      security_controls_configuration: { disabled_control_identifiers: [] },
    });
    const [association] = detective("aws_securityhub_configuration_policy_association");
    expect(association.target_id).toMatch(/roots0id/);
  });

  it("routes new HIGH and CRITICAL findings to an encrypted topic the security inbox receives", () => {
    const [rule] = detective("aws_cloudwatch_event_rule").filter(
      (r) => r.name === "example-health-security-hub-findings",
    );
    expect(JSON.parse(rule.event_pattern as string)).toEqual(findingsEventPattern());
    expect(findingsEventPattern()).toMatchObject({
      detail: { findings: { Severity: { Label: ["HIGH", "CRITICAL"] } } },
    });
    // Security Hub's rule and Inspector's home-region rule publish to the topic; the others forward to buses.
    const targets = detective("aws_cloudwatch_event_target").filter(
      (t) => !String(t.arn).includes("event-bus"),
    );
    expect(targets.map((t) => t.arn)).toEqual(["${aws_sns_topic.topic.arn}", "${aws_sns_topic.topic.arn}"]);
    const [topic] = detective("aws_sns_topic");
    expect(topic).toMatchObject({ name: "example-health-security-findings" });
    expect(topic.kms_master_key_id).toMatch(/aws_kms_key\.findings-key/);
    const policy = JSON.parse(detective("aws_sns_topic_policy")[0].policy as string) as {
      Statement: Array<Record<string, unknown>>;
    };
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Sid: "FindingsRulePublishes",
        Principal: { Service: "events.amazonaws.com" },
        Condition: {
          ArnEquals: {
            "aws:SourceArn": [
              expect.stringMatching(
                /^arn:aws:events:us-east-1:\$\{.*\}:rule\/example-health-security-hub-findings$/,
              ),
              expect.stringMatching(
                /^arn:aws:events:us-east-1:\$\{.*\}:rule\/example-health-inspector-findings$/,
              ),
            ],
          },
        },
      }),
    ]);
    expect(detective("aws_sns_topic_subscription")).toEqual([
      expect.objectContaining({ protocol: "email", endpoint: config.organization.alarms.email }),
    ]);
  });
});

describe("Amazon Inspector (security-tooling account, every governed region)", () => {
  const members = ACCOUNTS.filter((a) => a !== "security-tooling" && a !== "management");

  it("scans EC2, ECR, Lambda and Lambda code for the administrator and every member, and auto-enables new accounts", () => {
    for (const region of REGIONS) {
      const enablers = detective("aws_inspector2_enabler").filter((e) => regionOf(e) === region);
      expect(enablers).toHaveLength(2);
      for (const enabler of enablers) {
        expect(enabler.resource_types).toEqual(["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"]);
        expect(enabler.timeouts).toEqual({ create: "15m", update: "15m" });
      }
      // The members' enabler waits for every member's association.
      const memberEnabler = enablers.find((e) => (e.account_ids as string[]).length > 1)!;
      expect((memberEnabler.account_ids as string[]).length).toBe(members.length);
      const associations = detective("aws_inspector2_member_association").filter(
        (a) => regionOf(a) === region,
      );
      expect(associations).toHaveLength(members.length);
      expect((memberEnabler.depends_on as string[]).length).toBe(members.length);
      const [organization] = detective("aws_inspector2_organization_configuration").filter(
        (o) => regionOf(o) === region,
      );
      expect(organization.auto_enable).toEqual({ ec2: true, ecr: true, lambda: true, lambda_code: true });
    }
  });

  it("leaves Lambda code scanning out where AWS does not offer it", () => {
    expect(inspectorScanTypesIn("ca-central-1")).toEqual(["EC2", "ECR", "LAMBDA"]);
    expect(inspectorScanTypesIn("us-west-2")).toEqual(["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"]);
  });

  it("sends active HIGH and CRITICAL findings to the topic from the home region, and forwards the other regions' there", () => {
    const rules = detective("aws_cloudwatch_event_rule").filter((r) => String(r.name).includes("inspector"));
    expect(rules.map((r) => [regionOf(r), r.name]).sort()).toEqual([
      [HOME, "example-health-inspector-findings"],
      ["us-east-2", "example-health-inspector-findings-to-home"],
      ["us-west-2", "example-health-inspector-findings-to-home"],
    ]);
    for (const rule of rules) {
      expect(JSON.parse(rule.event_pattern as string)).toEqual({
        source: ["aws.inspector2"],
        "detail-type": ["Inspector2 Finding"],
        detail: { severity: ["HIGH", "CRITICAL"], status: ["ACTIVE"] },
      });
    }
    const targets = detective("aws_cloudwatch_event_target").filter((t) =>
      String(t.rule).includes("inspector"),
    );
    for (const forward of targets.filter((t) => regionOf(t) !== HOME)) {
      expect(forward.arn).toMatch(/^arn:aws:events:us-east-1:\$\{.*\}:event-bus\/default$/);
      expect(forward.role_arn).toMatch(/aws_iam_role\.inspector_role/);
    }
    expect(targets.find((t) => regionOf(t) === HOME)!.arn).toBe("${aws_sns_topic.topic.arn}");
  });

  it("is designated per region by the management account, with trusted access kept on", () => {
    const designations = app.all("organization", "aws_inspector2_delegated_admin_account");
    expect(designations.map(regionOf).sort()).toEqual([...REGIONS].sort());
    const [organization] = app.all("organization", "aws_organizations_organization");
    expect(organization.aws_service_access_principals).toContain("inspector2.amazonaws.com");
  });
});

describe("AWS Config", () => {
  it("records in every account and every governed region, global types only in the home region", () => {
    for (const account of ACCOUNTS) {
      const recorders = app.all(`baseline-${account}`, "aws_config_configuration_recorder");
      expect(recorders.map(regionOf).sort()).toEqual([...REGIONS].sort());
      for (const recorder of recorders) {
        expect(recorder.recording_group).toEqual({
          all_supported: true,
          include_global_resource_types: regionOf(recorder) === HOME,
        });
      }
      const channels = app.all(`baseline-${account}`, "aws_config_delivery_channel");
      expect(channels.map(regionOf).sort()).toEqual([...REGIONS].sort());
      for (const channel of channels) {
        expect(channel.s3_bucket_name).toMatch(/cross-stack-reference-input-log-archive/);
        expect(channel.s3_kms_key_arn).toMatch(/cross-stack-reference-input-security/);
      }
      expect(app.all(`baseline-${account}`, "aws_config_configuration_recorder_status")).toHaveLength(
        REGIONS.length,
      );
      expect(
        app
          .all(`baseline-${account}`, "aws_config_configuration_recorder_status")
          .every((s) => s.is_enabled === true),
      ).toBe(true);
    }
  });

  it("reaches member accounts through the deploy role and the management account with the pipeline's own credentials", () => {
    const member = app.stacks.get("baseline-phi-prod")!.provider.aws[0];
    expect(member.assume_role).toEqual([
      expect.objectContaining({ role_arn: expect.stringMatching(/:role\/OrganizationAccountAccessRole$/) }),
    ]);
    expect(app.stacks.get("baseline-management")!.provider.aws[0].assume_role).toBeUndefined();
  });

  it("aggregates the organization in the home region", () => {
    expect(detective("aws_config_configuration_aggregator")).toEqual([
      expect.objectContaining({
        provider: "aws",
        organization_aggregation_source: expect.objectContaining({ all_regions: true }),
      }),
    ]);
  });

  it("deploys the HIPAA conformance pack to every region, with global rules in the home region only", () => {
    const packs = detective("aws_config_organization_conformance_pack");
    expect(packs.map(regionOf).sort()).toEqual([...REGIONS].sort());
    for (const pack of packs) {
      const region = regionOf(pack);
      expect(pack.template_body).toBe(conformancePackTemplate(rulesForRegion(region, HOME)));
      const template = parse(pack.template_body as string) as { Resources: Record<string, unknown> };
      const identifiers = Object.values(template.Resources).map(
        (r) =>
          (r as { Properties: { Source: { SourceIdentifier: string } } }).Properties.Source.SourceIdentifier,
      );
      expect(identifiers.includes("IAM_PASSWORD_POLICY")).toBe(region === HOME);
      expect(identifiers).toContain("S3_BUCKET_SSL_REQUESTS_ONLY");
    }
  });
});

describe("Access Analyzer and Macie", () => {
  it("creates the organization external-access and unused-access analyzers in the home region", () => {
    expect(detective("aws_accessanalyzer_analyzer")).toEqual([
      expect.objectContaining({ provider: "aws", type: "ORGANIZATION" }),
      expect.objectContaining({
        provider: "aws",
        type: "ORGANIZATION_UNUSED_ACCESS",
        configuration: { unused_access: { unused_access_age: 90 } },
      }),
    ]);
  });

  it("enables Macie in every region with every configured account but the administrator as a member", () => {
    expect(regionsOf("aws_macie2_account")).toEqual([...REGIONS].sort());
    const members = detective("aws_macie2_member");
    expect(members).toHaveLength((config.organization.accounts.length - 1) * REGIONS.length);
    expect(members.map((m) => m.email)).not.toContain("aws+security-tooling@example-health.org");
  });

  it("adopts the Macie session that designating the administrator enabled in each region", () => {
    const sessions = namesByRegion("aws_macie2_account");
    const blocks = importsOf("aws_macie2_account");
    expect(blocks.map(importRegion).sort()).toEqual([...REGIONS].sort());
    for (const block of blocks) {
      const region = importRegion(block);
      expect(block).toEqual({
        to: `aws_macie2_account.${sessions.get(region)}`,
        id: expect.stringMatching(SECURITY_TOOLING_ID),
        provider: region === HOME ? "aws" : `aws.${region}`,
        name: sessions.get(region),
      });
    }
    // The ID is the account the stack deploys to: the one its providers assume the deploy role in.
    const [home] = app.stacks.get("detective-controls")!.provider.aws;
    const [role] = home.assume_role as Array<{ role_arn: string }>;
    expect(role.role_arn).toContain(blocks[0].id);
    expect(detectiveJson).toHaveResourceWithProperties(Macie2Account, {
      status: "ENABLED",
      finding_publishing_frequency: "FIFTEEN_MINUTES",
    });
  });

  it("imports nothing else: every other detective control is created", () => {
    expect([...new Set(imports.map((i) => i.to.split(".")[0]))].sort()).toEqual([
      "aws_guardduty_detector",
      "aws_macie2_account",
      "aws_securityhub_account",
    ]);
  });

  it("classifies PHI-tagged buckets of the PHI environments' accounts on a schedule in every region", () => {
    const jobs = detective("aws_macie2_classification_job");
    expect(jobs.map(regionOf).sort()).toEqual([...REGIONS].sort());
    const [job] = jobs;
    expect(job).toMatchObject({
      job_type: "SCHEDULED",
      sampling_percentage: 100,
      schedule_frequency: { weekly_schedule: "MONDAY" },
    });
    const and = (
      job.s3_job_definition as { bucket_criteria: { includes: { and: Array<Record<string, unknown>> } } }
    ).bucket_criteria.includes.and;
    // prod and staging hold PHI; dev does not.
    expect((and[0].simple_criterion as { values: string[] }).values).toHaveLength(2);
    expect(and[1]).toEqual({
      tag_criterion: { comparator: "EQ", tag_values: [{ key: "DataClassification", value: "phi" }] },
    });
  });
});

describe("per-environment switches", () => {
  it("leaves a non-PHI environment's accounts out of the recorders, the pack and Macie when it switches them off", () => {
    const dev = config.environments.find((e) => e.name === "dev")!;
    const switched = {
      ...config,
      environments: config.environments.map((e) =>
        e === dev ? { ...dev, detectiveControls: { config: false, macie: false } } : e,
      ),
    };
    const synthesized = synthApp(switched);
    expect(synthesized.all("baseline-phi-dev", "aws_config_configuration_recorder")).toEqual([]);
    expect(synthesized.all("baseline-phi-prod", "aws_config_configuration_recorder")).toHaveLength(3);
    for (const pack of synthesized.all("detective-controls", "aws_config_organization_conformance_pack")) {
      expect(pack.excluded_accounts).toEqual([expect.stringMatching(/account-phi-dev/)]);
    }
    expect(
      synthesized
        .all("detective-controls", "aws_macie2_member")
        .filter((m) => m.email === "aws+phi-dev@example-health.org"),
    ).toEqual([]);
  });
});

describe("adding a governed region", () => {
  // The same configuration with a fourth region: every existing resource must synthesize identically, except the
  // region guardrail, whose allow-list is the point of the change.
  const four = synthApp(exampleWithRegions([...REGIONS, "eu-west-1"]));
  // Construct metadata ("//") does not reach Terraform, so it is not part of the comparison.
  const strip = (r: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(r).filter(([key]) => key !== "//"));

  const changes = () => {
    const added: string[] = [];
    const changed: string[] = [];
    const removed: string[] = [];
    for (const [stack, after] of four.stacks) {
      const before: Resources = app.stacks.get(stack)?.resource ?? {};
      for (const [type, byName] of Object.entries(after.resource)) {
        for (const [name, body] of Object.entries(byName)) {
          const old = before[type]?.[name];
          if (!old) added.push(`${stack}:${type}.${name}:${String(body.provider)}`);
          else if (JSON.stringify(strip(old)) !== JSON.stringify(strip(body)))
            changed.push(`${stack}:${type}.${name}`);
        }
      }
      for (const [type, byName] of Object.entries(before)) {
        for (const name of Object.keys(byName))
          if (!after.resource[type]?.[name]) removed.push(`${stack}:${type}.${name}`);
      }
    }
    return { added, changed, removed };
  };
  const { added, changed, removed } = changes();

  it("adds only resources in the new region, and adds them to every stack that covers regions", () => {
    expect(added.length).toBeGreaterThan(0);
    expect(added.filter((a) => !a.endsWith(":aws.eu-west-1"))).toEqual([]);
    const stacksTouched = new Set(added.map((a) => a.split(":")[0]));
    expect([...stacksTouched].sort()).toEqual(
      // backup: the central vault in the new region, where its RDS and Aurora copies land.
      // security: the central logs' sink and the regional archive's key in the new region.
      // log-archive: the regional archive a VPC there delivers its flow logs and DNS query logs into.
      [
        "backup",
        "detective-controls",
        ...ACCOUNTS.map((a) => `baseline-${a}`),
        "log-archive",
        "organization",
        "security",
      ].sort(),
    );
  });

  it("changes no existing resource but the region allow-list guardrail, Security Hub's linked regions, the backup policy's and job reports' regions, the rules the Inspector forwarder trusts, the session-log permissions of Default Host Management's role and the keys the log replication role decrypts", () => {
    expect(removed).toEqual([]);
    expect(changed).toEqual([
      expect.stringMatching(/^backup:aws_backup_report_plan\.reports_lz_backup_jobs_/),
      expect.stringMatching(/^backup:aws_backup_report_plan\.reports_lz_copy_jobs_/),
      expect.stringMatching(/^backup:aws_backup_report_plan\.reports_lz_restore_jobs_/),
      // Default Host Management's role writes each region's session log group with each region's session key.
      ...[...ACCOUNTS]
        .sort()
        .map((a) =>
          expect.stringMatching(
            new RegExp(`^baseline-${a}:aws_iam_policy\\.session-manager_default-host-permissions_policy_`),
          ),
        ),
      // Its trust names each other region's forward rule.
      expect.stringMatching(/^detective-controls:aws_iam_role\.inspector_role_/),
      expect.stringMatching(
        /^detective-controls:aws_securityhub_finding_aggregator\.security-hub_aggregator_/,
      ),
      // The replication role decrypts the new regional archive's key, to copy its objects into both copies.
      expect.stringMatching(/^log-archive:aws_iam_policy\.log-archive_replication-policy_/),
      expect.stringMatching(/^organization:aws_organizations_policy\.backup_policy-phi_/),
      expect.stringMatching(/^organization:aws_organizations_policy\.guardrails_lz-deny-unapproved-regions/),
    ]);
  });
});
