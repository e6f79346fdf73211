// Log groups keep their records at least as long as the conformance pack requires, HIPAA's six years
// (164.312(b) audit controls, 164.316(b)(2)(i) retention). Never expiring also complies.
import { HipaaRule, packRule, perResource } from "./rule";

const MIN_RETENTION_DAYS = Number(
  packRule("CW_LOGGROUP_RETENTION_PERIOD_CHECK").parameters?.MinRetentionTime,
);

export const logGroupRetention: HipaaRule = perResource({
  id: "hipaa-log-group-retention",
  title: `Every log group keeps its events at least ${MIN_RETENTION_DAYS} days`,
  sections: ["164.312(b)", "164.316(b)(2)(i)"],
  resourceTypes: ["aws_cloudwatch_log_group"],
  configRules: ["CW_LOGGROUP_RETENTION_PERIOD_CHECK"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/cw-loggroup-retention-period-check.html",
  fix: `set retention_in_days to ${MIN_RETENTION_DAYS} or more (CloudWatch Logs accepts 2192, 2557, 2922, 3288 and 3653)`,
  type: "aws_cloudwatch_log_group",
  problem: (ref, model) => {
    const days = Number(model.argument(ref, "retention_in_days") ?? 0);
    return days === 0 || days >= MIN_RETENTION_DAYS
      ? undefined
      : `keeps events ${days} days, less than the pack's ${MIN_RETENTION_DAYS}`;
  },
});
