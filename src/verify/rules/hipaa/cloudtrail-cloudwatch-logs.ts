// The trail also delivers to CloudWatch Logs, where the security alarms filter it within minutes
// (164.308(a)(1)(ii)(D) information system activity review).
import { HipaaRule, perResource } from "./rule";

export const cloudTrailCloudWatchLogs: HipaaRule = perResource({
  id: "hipaa-cloudtrail-cloudwatch-logs",
  title: "Every trail delivers to a CloudWatch Logs log group",
  sections: ["164.308(a)(1)(ii)(D)", "164.312(b)"],
  resourceTypes: ["aws_cloudtrail", "aws_cloudwatch_log_group"],
  configRules: ["CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-cloud-watch-logs-enabled.html",
  fix: "set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn (OrganizationTrail does)",
  type: "aws_cloudtrail",
  problem: (ref, model) =>
    model.argument(ref, "cloud_watch_logs_group_arn") && model.argument(ref, "cloud_watch_logs_role_arn")
      ? undefined
      : "does not deliver to CloudWatch Logs",
});
