// Reads the organization backup policies as synthesized (164.308(a)(7)(ii)(A) data backup): the `@@assign`
// values of the policy syntax and the resource types each plan entry's selections may include, so the rule that
// checks copy actions and the access paths that follow them decide "which types does this entry back up" alike
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html).
import {
  BACKUP_RESOURCE_TYPES,
  BackupResourceType,
  typesMatchingArnPattern,
} from "../policies/backup-resource-types";

/** A value in the policy syntax: assigned with `@@assign`, or (as some readers write it) bare. */
export type Assigned<T> = T | { "@@assign": T };

/** The value an `@@assign` sets, or the bare value. */
export const assigned = <T>(v: Assigned<T> | undefined): T | undefined =>
  v !== null && typeof v === "object" && "@@assign" in (v as object)
    ? (v as { "@@assign": T })["@@assign"]
    : (v as T);

/** One plan entry of a synthesized backup policy, as far as the readers here need it. */
export interface PolicyPlan {
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
    const excluded = new Set((assigned(selection.not_resource_types) ?? []).flatMap(typesMatchingArnPattern));
    for (const pattern of assigned(selection.resource_types) ?? []) {
      for (const t of typesMatchingArnPattern(pattern)) if (!excluded.has(t)) out.add(t);
    }
  }
  return BACKUP_RESOURCE_TYPES.filter((t) => out.has(t));
}
