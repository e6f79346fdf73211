// The organization's backup policies select resources by tag only, and AWS Backup applies a tag-only selection to a
// resource only when its type is opted in for the account and region ("If resource assignments are only based on
// tags, then service opt-in settings are applied"): every account and region a backup policy covers needs region
// settings opting in every type the plans protect, or those backups silently never run (164.308(a)(7)(ii)(A)).
import { accountsUnder, resolvedBackupPlans } from "../../config/model";
import { backupPlanEntry } from "../../policies/backup-policies";
import { BACKUP_RESOURCE_TYPES } from "../../policies/backup-resource-types";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

export const backupRegionOptIn: ServiceRule = {
  id: "backup-region-opt-in",
  title:
    "Every account and region a backup policy covers opts in to AWS Backup for every resource type the plans protect",
  doc: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_UpdateRegionSettings.html",
  check(model, config) {
    const org = config.organization;
    const protectedTypes = BACKUP_RESOURCE_TYPES.map((t) => t.type);
    // What each account and region opts in to, from the synthesized region settings.
    const optedIn = new Map<string, Set<string>>();
    for (const ref of model.resources("aws_backup_region_settings")) {
      const key = `${model.accountOf(ref)}\u0000${model.regionOf(ref)}`;
      const map = (model.argument(ref, "resource_type_opt_in_preference") ?? {}) as Record<string, unknown>;
      const on = Object.entries(map)
        .filter(([, v]) => v === true || v === "true")
        .map(([k]) => k);
      optedIn.set(key, new Set([...(optedIn.get(key) ?? []), ...on]));
    }
    type PolicyContent = { plans: Record<string, { regions?: { "@@assign"?: string[] } }> };
    const policies = model
      .resources("aws_organizations_policy")
      .filter((ref) => ref.body.type === "BACKUP_POLICY")
      .map((ref) => ({ ref, content: JSON.parse(String(model.argument(ref, "content"))) as PolicyContent }));
    const out: RuleFinding[] = [];
    for (const resolved of resolvedBackupPlans(config)) {
      // The plan's policy holds its main entry; the regions it protects are read from the synthesized policy, as
      // AWS Organizations will read them.
      const found = policies.find((p) => backupPlanEntry.main(resolved.plan.name) in p.content.plans);
      if (!found) continue;
      const { ref: policy, content } = found;
      const regions = [
        ...new Set(Object.values(content.plans).flatMap((p) => p.regions?.["@@assign"] ?? [])),
      ];
      const accounts = [...new Set(resolved.ous.flatMap((ou) => accountsUnder(org, ou)))];
      for (const account of accounts) {
        for (const region of regions) {
          const on = optedIn.get(`${model.accountId(account)}\u0000${region}`);
          const missing = protectedTypes.filter((t) => !on?.has(t));
          if (missing.length === 0) continue;
          out.push({
            address: addressOf(policy),
            message: on
              ? `covers account ${account} in ${region}, whose AWS Backup region settings do not opt in ${missing.join(", ")}: the policy's tag selection never backs those types up there`
              : `covers account ${account} in ${region}, which has no AWS Backup region settings (aws_backup_region_settings) opting in ${missing.join(", ")}: the policy's tag selection backs up only opted-in types`,
          });
        }
      }
    }
    return out;
  },
};
