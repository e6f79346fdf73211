// An organization backup policy's copy action runs only for the resource types AWS Backup can copy that way: RDS,
// Aurora, DocumentDB and Neptune go to another account or to another region in one copy job, never both; Redshift
// goes to neither. A copy AWS cannot make fails every day, and the PHI recovery points it was to protect never
// reach the central vault (164.308(a)(7)(ii)(A) data backup, (B) disaster recovery).
import { BACKUP_COPY_DOC, BackupResourceType } from "../../policies/backup-resource-types";
import { assigned, PolicyPlan, selectedTypes } from "../backup-plans";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

/** Why AWS Backup cannot make a copy of a type, or undefined when it can. */
function refusal(t: BackupResourceType, crossAccount: boolean, crossRegion: boolean): string | undefined {
  if (crossAccount && !t.crossAccountCopy) return "no cross-account copy";
  if (crossRegion && !t.crossRegionCopy) return "no cross-Region copy";
  if (crossAccount && crossRegion && !t.copiesAcrossAccountAndRegionInOneStep)
    return "cross-account or cross-Region, not both in one copy";
  return undefined;
}

export const backupCopyOneStep: ServiceRule = {
  id: "backup-copy-one-step",
  title: "Every backup policy copy action asks AWS Backup only for copies it makes for the types it selects",
  doc: BACKUP_COPY_DOC,
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_organizations_policy")) {
      if (model.argument(ref, "type") !== "BACKUP_POLICY") continue;
      const name = String(model.argument(ref, "name"));
      const content = JSON.parse(String(model.argument(ref, "content"))) as {
        plans?: Record<string, PolicyPlan>;
      };
      for (const [planName, plan] of Object.entries(content.plans ?? {})) {
        const regions = assigned(plan.regions) ?? [];
        const types = selectedTypes(plan);
        for (const [ruleName, rule] of Object.entries(plan.rules ?? {})) {
          for (const [key, action] of Object.entries(rule.copy_actions ?? {})) {
            const target = assigned(action.target_backup_vault_arn) ?? key;
            const [, , , region, account] = target.split(":");
            const crossAccount = account !== "$account";
            const crossRegion = regions.some((r) => r !== region);
            const refused = types
              .map((t) => [t.type, refusal(t, crossAccount, crossRegion)] as const)
              .filter(([, why]) => why !== undefined);
            if (refused.length === 0) continue;
            out.push({
              address: addressOf(ref),
              message:
                `policy ${name}, plan ${planName}, rule ${ruleName} copies from ${regions.join(", ")} to ${target}` +
                ` (${[crossAccount ? "another account" : "", crossRegion ? "another region" : ""].filter(Boolean).join(" in ")})` +
                ` for a selection that may include ${refused.map(([t, why]) => `${t} (${why})`).join(", ")}:` +
                " AWS Backup fails that copy job; copy those types to the central vault in their own region",
            });
          }
        }
      }
    }
    return out;
  },
};
