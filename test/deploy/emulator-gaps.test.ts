// Which resources `make local` applies and which it only plans: gap types and everything that depends on them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EMULATOR_GAPS, localApplyPlan } from "../../src/deploy/emulator-gaps";

function stackDir(resource: Record<string, Record<string, unknown>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-gaps-"));
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify({ resource }));
  return dir;
}

describe("localApplyPlan", () => {
  it("applies a stack without gaps whole (no -target)", () => {
    expect(localApplyPlan(stackDir({ aws_kms_key: { k: {} } }))).toEqual({ targets: [], plannedOnly: [] });
  });

  it("leaves out gap types and, transitively, what references or depends on them", () => {
    const dir = stackDir({
      aws_guardduty_detector: { d: { enable: true } },
      aws_guardduty_publishing_destination: { p: { detector_id: "${aws_guardduty_detector.d.id}" } },
      aws_cloudwatch_event_rule: { r: { name: "uses ${aws_guardduty_publishing_destination.p.id}" } },
      aws_cloudwatch_event_target: { t: { rule: "${aws_cloudwatch_event_rule.r.name}" } },
      aws_sns_topic: { s: { depends_on: ["aws_cloudwatch_event_target.t"] } },
      aws_kms_key: { k: {} },
    });
    expect(
      localApplyPlan(dir, { aws_guardduty_publishing_destination: "CreatePublishingDestination (404)" }),
    ).toEqual({
      targets: ["aws_guardduty_detector.d", "aws_kms_key.k"],
      plannedOnly: [
        {
          address: "aws_guardduty_publishing_destination.p",
          type: "aws_guardduty_publishing_destination",
          reason: "CreatePublishingDestination (404)",
        },
        {
          address: "aws_cloudwatch_event_rule.r",
          type: "aws_cloudwatch_event_rule",
          reason: "depends on aws_guardduty_publishing_destination.p",
        },
        {
          address: "aws_cloudwatch_event_target.t",
          type: "aws_cloudwatch_event_target",
          reason: "depends on aws_cloudwatch_event_rule.r",
        },
        {
          address: "aws_sns_topic.s",
          type: "aws_sns_topic",
          reason: "depends on aws_cloudwatch_event_target.t",
        },
      ],
    });
  });

  it("names the missing API for every gap", () => {
    for (const [type, reason] of Object.entries(EMULATOR_GAPS)) {
      expect(type).toMatch(/^aws_[a-z0-9_]+$/);
      expect(reason).toMatch(
        /^(GuardDuty|Security Hub|Config|IAM Access Analyzer|IAM|Macie|EC2|S3 Control|S3|SSO Admin|CloudTrail|CloudWatch Logs|Backup|Systems Manager|Secrets Manager|Signer|Lambda|Route 53 Resolver|RAM) [A-Z]\w+/,
      );
    }
  });
});
