// Every DynamoDB table of a PHI environment carries the tag the organization's backup policy selects
// (DataClassification=phi), so it is in a daily plan with a locked vault and a central copy from its first day
// (164.308(a)(7)(ii)(A) data backup). Tables of non-PHI environments hold no PHI; make compliance lists them as the
// pack's expected findings.
import { DEFAULT_BACKUP_SELECTION } from "../../../policies/backup-policies";
import { PHI_TAG } from "../../../policies/data-classification";
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { packRule, perResource } from "./rule";

const rule = packRule("DYNAMODB_IN_BACKUP_PLAN");

export const dynamodbBackupSelected = perResource({
  id: WORKLOAD_RULE_IDS.tableBackupSelected,
  title: `Every DynamoDB table of a PHI environment carries ${DEFAULT_BACKUP_SELECTION.tagKey}=${DEFAULT_BACKUP_SELECTION.tagValue}, which the backup policy selects`,
  sections: rule.sections,
  resourceTypes: ["aws_dynamodb_table"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-in-backup-plan.html",
  fix: `keep the ${PHI_TAG.key} tag the stack's default tags give a PHI environment's resources`,
  type: "aws_dynamodb_table",
  problem(ref, model, config) {
    const environment = model.tagsOf(ref).Environment;
    const phi = config.environments.find((env) => env.name === environment)?.phi ?? false;
    if (!phi) return undefined;
    const tag = model.tagsOf(ref)[DEFAULT_BACKUP_SELECTION.tagKey];
    return tag === DEFAULT_BACKUP_SELECTION.tagValue
      ? undefined
      : `table ${String(ref.body.name)} of PHI environment ${environment} has ${DEFAULT_BACKUP_SELECTION.tagKey}=${tag ?? "(none)"}: no backup plan selects it`;
  },
});
