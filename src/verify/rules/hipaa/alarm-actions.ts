// Every alarm notifies someone: an alarm without an action is a finding nobody hears about
// (164.308(a)(1)(ii)(D) information system activity review, 164.308(a)(6)(ii) response and reporting).
import { HipaaRule, listOf, perResource } from "./rule";

export const alarmActions: HipaaRule = perResource({
  id: "hipaa-alarm-actions",
  title: "Every CloudWatch alarm has an enabled alarm action",
  sections: ["164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"],
  resourceTypes: ["aws_cloudwatch_metric_alarm"],
  configRules: ["CLOUDWATCH_ALARM_ACTION_CHECK"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-alarm-action-check.html",
  fix: "set alarm_actions to the security alarm topic (SecurityAlarms does)",
  type: "aws_cloudwatch_metric_alarm",
  problem: (ref, model) =>
    model.argument(ref, "actions_enabled") === false
      ? "has its actions disabled"
      : listOf(model.argument(ref, "alarm_actions") as string[]).length === 0
        ? "has no alarm action"
        : undefined,
});
