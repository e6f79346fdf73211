// The data backup plan itself (164.308(a)(7)(ii)(A)): every organization backup policy backs up daily, keeps
// every recovery point at least 35 days, and some policy selects the resources tagged as PHI, so AWS Config's
// frequency, retention and S3 coverage rules find nothing to report.
import { DEFAULT_BACKUP_SELECTION, MIN_DAILY_RETENTION_DAYS } from "../../../policies/backup-policies";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, missing } from "./rule";

type Assigned<T> = { "@@assign": T };
interface PolicyRule {
  readonly schedule_expression: Assigned<string>;
  readonly lifecycle?: { readonly delete_after_days?: Assigned<string> };
}
interface PolicyPlan {
  readonly rules: Record<string, PolicyRule>;
  readonly selections?: {
    tags?: Record<string, { tag_key: Assigned<string>; tag_value: Assigned<string[]> }>;
    resources?: Record<
      string,
      {
        conditions?: {
          string_equals?: Record<
            string,
            { condition_key: Assigned<string>; condition_value: Assigned<string> }
          >;
        };
      }
    >;
  };
}

/** Whether a cron expression runs at least once a day: every day of the month, of every month, any weekday. */
export function isDaily(cron: string): boolean {
  const fields = cron.replace(/^cron\(|\)$/g, "").split(/\s+/);
  const any = (field: string | undefined) => field === "*" || field === "?";
  return fields.length === 6 && any(fields[2]) && fields[3] === "*" && any(fields[4]);
}

export const backupPlansDaily: HipaaRule = {
  id: "hipaa-backup-plans-daily",
  title: `Every backup policy backs up daily and keeps recovery points ${MIN_DAILY_RETENTION_DAYS} days or more; one selects PHI`,
  sections: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
  resourceTypes: ["aws_organizations_policy"],
  configRules: [
    "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
    "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
    "S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
  ],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/backup-plan-min-frequency-and-min-retention-check.html",
  fix: `give each plan in backup.plans a daily rule, keep every rule at least ${MIN_DAILY_RETENTION_DAYS} days, and select ${DEFAULT_BACKUP_SELECTION.tagKey}=${DEFAULT_BACKUP_SELECTION.tagValue} in one plan`,
  check(model) {
    const out: RuleFinding[] = [];
    const policies = model
      .resources("aws_organizations_policy")
      .filter((ref) => ref.body.type === "BACKUP_POLICY");
    let selectsPhi = false;
    for (const ref of policies) {
      const content = JSON.parse(String(ref.body.content)) as { plans: Record<string, PolicyPlan> };
      for (const [name, plan] of Object.entries(content.plans)) {
        const rules = Object.entries(plan.rules);
        if (!rules.some(([, rule]) => isDaily(rule.schedule_expression["@@assign"]))) {
          out.push({ address: addressOf(ref), message: `plan ${name} has no daily rule` });
        }
        for (const [ruleName, rule] of rules) {
          const days = Number(rule.lifecycle?.delete_after_days?.["@@assign"] ?? Infinity);
          if (days < MIN_DAILY_RETENTION_DAYS) {
            out.push({
              address: addressOf(ref),
              message: `plan ${name} rule ${ruleName} keeps recovery points ${days} days, under ${MIN_DAILY_RETENTION_DAYS}`,
            });
          }
        }
        for (const selection of Object.values(plan.selections?.tags ?? {})) {
          if (
            selection.tag_key["@@assign"] === DEFAULT_BACKUP_SELECTION.tagKey &&
            selection.tag_value["@@assign"].includes(DEFAULT_BACKUP_SELECTION.tagValue)
          ) {
            selectsPhi = true;
          }
        }
        // A selection by resource type names the tag as a condition (the renderer's `resources` selections).
        for (const selection of Object.values(plan.selections?.resources ?? {})) {
          for (const condition of Object.values(selection.conditions?.string_equals ?? {})) {
            if (
              condition.condition_key["@@assign"] === `aws:ResourceTag/${DEFAULT_BACKUP_SELECTION.tagKey}` &&
              condition.condition_value["@@assign"] === DEFAULT_BACKUP_SELECTION.tagValue
            ) {
              selectsPhi = true;
            }
          }
        }
      }
    }
    if (!selectsPhi) {
      out.push(
        missing(
          `has no backup policy selecting ${DEFAULT_BACKUP_SELECTION.tagKey}=${DEFAULT_BACKUP_SELECTION.tagValue}`,
        ),
      );
    }
    return out;
  },
};
