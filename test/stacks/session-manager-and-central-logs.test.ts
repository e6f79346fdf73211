// Session Manager and the central application logs as synthesized for the example: per account and region a
// rotating session key, an encrypted log group kept six years and the preferences document, Default Host
// Management with AWS's trust and a role that writes only those logs; a sink per region in security-tooling and a
// link from every other account. These prove what Terraform is asked to apply, not that AWS honours it (the
// emulator applies the preferences, keys, groups, sinks and links; make verify proves the key and sink policies).
import { DEFAULT_IDLE_SESSION_MINUTES, DEFAULT_MAX_SESSION_MINUTES } from "../../src/config/schema";
import { PolicyDocument } from "../../src/policies/policy-document";
import { configIssues, fixture, ORGANIZATION_YAML } from "../helpers/config-fixture";
import { exampleWithRegions, synthApp } from "../helpers/synth";

const config = exampleWithRegions(["us-east-1", "us-west-2"]);
const app = synthApp(config);
const baselines = [...app.stacks.keys()].filter((name) => name.startsWith("baseline-"));
const policy = (text: unknown) => JSON.parse(text as string) as PolicyDocument;

describe.each(baselines)("Session Manager in %s", (stack) => {
  const documents = app.all(stack, "aws_ssm_document");

  it("writes the preferences document in each governed region: logged, encrypted, idle sessions ended", () => {
    expect(documents).toHaveLength(2);
    for (const doc of documents) {
      expect(doc).toEqual(
        expect.objectContaining({
          name: "SSM-SessionManagerRunShell",
          document_type: "Session",
          document_format: "JSON",
        }),
      );
      const content = JSON.parse(doc.content as string) as { inputs: Record<string, unknown> };
      expect(content).toEqual(
        expect.objectContaining({ schemaVersion: "1.0", sessionType: "Standard_Stream" }),
      );
      expect(content.inputs).toEqual(
        expect.objectContaining({
          cloudWatchLogGroupName: expect.stringMatching(
            /^\$\{aws_cloudwatch_log_group\.session-manager_log-group-/,
          ),
          cloudWatchEncryptionEnabled: true,
          cloudWatchStreamingEnabled: true,
          kmsKeyId: expect.stringMatching(
            /^\$\{aws_kms_key\.session-manager_key-us-(east-1|west-2)_key_\w+\.arn\}$/,
          ),
          idleSessionTimeout: String(DEFAULT_IDLE_SESSION_MINUTES),
          maxSessionDuration: String(DEFAULT_MAX_SESSION_MINUTES),
          runAsEnabled: false,
          s3BucketName: "",
        }),
      );
      expect(content.inputs).not.toHaveProperty("permissions");
      expect(doc).not.toHaveProperty("permissions");
    }
  });

  it("keeps session logs six years under the session key, which rotates and is kept from destroy", () => {
    const groups = app
      .all(stack, "aws_cloudwatch_log_group")
      .filter((g) => g.name === "/landing-zone/example-health-sessions");
    expect(groups).toHaveLength(2);
    for (const group of groups) {
      expect(group).toEqual(
        expect.objectContaining({ retention_in_days: 2192, lifecycle: { prevent_destroy: true } }),
      );
      expect(group.kms_key_id).toMatch(/session-manager_key-/);
    }
    const keys = app
      .all(stack, "aws_kms_key")
      .filter((k) => String(k.description).startsWith("Session Manager"));
    expect(
      keys.map((k) => [k.enable_key_rotation, (k.lifecycle as { prevent_destroy: boolean }).prevent_destroy]),
    ).toEqual([
      [true, true],
      [true, true],
    ]);
    const statements = policy(keys[0].policy).Statement.map((s) => s.Sid);
    expect(statements).toEqual([
      "KeyAdministrationByPipelineAndBreakGlass",
      "AccountPrincipalsEncryptSessions",
      "CloudWatchLogsEncryptsSessionLogs",
    ]);
  });

  it("turns on Default Host Management in each region with the full setting ARN and a /service-role/ role AWS trusts", () => {
    const settings = app.all(stack, "aws_ssm_service_setting");
    expect(settings.map((s) => [s.setting_id, s.setting_value])).toEqual([
      [
        expect.stringMatching(
          /^arn:aws:ssm:us-east-1:.+:servicesetting\/ssm\/managed-instance\/default-ec2-instance-management-role$/,
        ),
        "service-role/example-health-ssm-default-host",
      ],
      [
        expect.stringMatching(
          /^arn:aws:ssm:us-west-2:.+:servicesetting\/ssm\/managed-instance\/default-ec2-instance-management-role$/,
        ),
        "service-role/example-health-ssm-default-host",
      ],
    ]);
    const [role] = app.all(stack, "aws_iam_role").filter((r) => r.name === "example-health-ssm-default-host");
    expect(role.path).toBe("/service-role/");
    expect(policy(role.assume_role_policy).Statement).toEqual([
      {
        Sid: "SystemsManagerAssumes",
        Effect: "Allow",
        Principal: { Service: "ssm.amazonaws.com" },
        Action: "sts:AssumeRole",
      },
    ]);
    const attachments = app.all(stack, "aws_iam_role_policy_attachment").map((a) => a.policy_arn);
    expect(attachments).toContain("arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy");
    const [permissions] = app
      .all(stack, "aws_iam_policy")
      .filter((p) => p.name === "example-health-ssm-default-host-session-logs");
    const actions = policy(permissions.policy).Statement.flatMap((s) =>
      ([] as string[]).concat(s.Action as string),
    );
    expect(actions.sort()).toEqual([
      "kms:Decrypt",
      "logs:CreateLogStream",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
    ]);
  });
});

describe("central application logs", () => {
  it("puts one sink per governed region in security-tooling, open to the organization for logs and metrics only", () => {
    expect(app.all("security", "aws_oam_sink").map((s) => s.name)).toEqual([
      "example-health-central-logs",
      "example-health-central-logs",
    ]);
    const policies = app.all("security", "aws_oam_sink_policy");
    expect(policies).toHaveLength(2);
    expect(policy(policies[0].policy).Statement).toEqual([
      expect.objectContaining({
        Action: ["oam:CreateLink", "oam:UpdateLink"],
        Condition: {
          StringEquals: { "aws:PrincipalOrgID": expect.stringMatching(/organization/) },
          "ForAllValues:StringEquals": {
            "oam:ResourceTypes": ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup"],
          },
        },
      }),
    ]);
  });

  it("links every member account but security-tooling in every governed region, after the sink's policy", () => {
    for (const stack of baselines) {
      const links = app.all(stack, "aws_oam_link");
      if (stack === "baseline-security-tooling" || stack === "baseline-management") {
        expect(links).toEqual([]);
        continue;
      }
      expect(links.map((l) => [l.label_template, l.resource_types])).toEqual([
        ["$AccountName", ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup"]],
        ["$AccountName", ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup"]],
      ]);
      // Each region's link goes to that region's sink (links cannot cross regions).
      expect(
        links.map((l) => [l.provider, String(l.sink_identifier).match(/sink-policy-(us-[a-z]+-\d)/)?.[1]]),
      ).toEqual([
        ["aws", "us-east-1"],
        ["aws.us-west-2", "us-west-2"],
      ]);
    }
  });
});

describe("sessionManager configuration", () => {
  it("refuses an idle timeout Session Manager does not accept", () => {
    expect(
      configIssues(
        fixture({
          "organization.yaml": `${ORGANIZATION_YAML}sessionManager:\n  idleSessionTimeoutMinutes: 90\n`,
        }),
      ),
    ).toEqual([
      "cfg/organization.yaml:43 sessionManager.idleSessionTimeoutMinutes: received 90; expected a whole number from 1 to 60 minutes (Session Manager's range)",
    ]);
  });
});
