// An organization backup policy's copy action runs only for the resource types AWS Backup can copy that way: RDS,
// Aurora, DocumentDB and Neptune go to another account or to another region in one copy job, never both; Redshift
// goes to neither. A copy AWS cannot make fails every day, and the PHI recovery points it was to protect never
// reach the central vault (164.308(a)(7)(ii)(A) data backup, (B) disaster recovery).
import {
  BACKUP_COPY_DOC,
  BACKUP_RESOURCE_TYPES,
  BackupResourceType,
  typesMatchingArnPattern,
} from "../../policies/backup-resource-types";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

type Assigned<T> = T | { "@@assign": T };
const value = <T>(v: Assigned<T> | undefined): T | undefined =>
  v !== null && typeof v === "object" && "@@assign" in (v as object)
    ? (v as { "@@assign": T })["@@assign"]
    : (v as T);

interface PolicyPlan {
  regions?: Assigned<string[]>;
  rules?: Record<string, { copy_actions?: Record<string, { target_backup_vault_arn?: Assigned<string> }> }>;
  selections?: {
    tags?: Record<string, unknown>;
    resources?: Record<
      string,
      { resource_types?: Assigned<string[]>; not_resource_types?: Assigned<string[]> }
    >;
  };
}

/** The types a plan's selections may include: a tag selection includes every type, a resource selection its ARNs. */
export function selectedTypes(plan: PolicyPlan): BackupResourceType[] {
  const out = new Set<BackupResourceType>();
  if (plan.selections?.tags && Object.keys(plan.selections.tags).length > 0) {
    for (const t of BACKUP_RESOURCE_TYPES) out.add(t);
  }
  for (const selection of Object.values(plan.selections?.resources ?? {})) {
    const excluded = new Set((value(selection.not_resource_types) ?? []).flatMap(typesMatchingArnPattern));
    for (const pattern of value(selection.resource_types) ?? []) {
      for (const t of typesMatchingArnPattern(pattern)) if (!excluded.has(t)) out.add(t);
    }
  }
  return BACKUP_RESOURCE_TYPES.filter((t) => out.has(t));
}

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
        const regions = value(plan.regions) ?? [];
        const types = selectedTypes(plan);
        for (const [ruleName, rule] of Object.entries(plan.rules ?? {})) {
          for (const [key, action] of Object.entries(rule.copy_actions ?? {})) {
            const target = value(action.target_backup_vault_arn) ?? key;
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
