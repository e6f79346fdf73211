// No key is scheduled for deletion by Terraform, and one scheduled by hand waits the longest window AWS allows:
// data encrypted under a deleted key is lost for good (164.312(a)(2)(iv), 164.316(b)(2)(i) retention).
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

/** AWS's longest (and the landing zone's only) waiting period before a key is deleted. */
export const KEY_DELETION_WINDOW_DAYS = 30;

export const kmsKeyDeletionProtection: HipaaRule = {
  id: "hipaa-kms-key-deletion-protection",
  title: `Every KMS key has prevent_destroy and a ${KEY_DELETION_WINDOW_DAYS}-day deletion window`,
  sections: ["164.312(a)(2)(iv)", "164.316(b)(2)(i)"],
  resourceTypes: ["aws_kms_key"],
  configRules: ["KMS_CMK_NOT_SCHEDULED_FOR_DELETION"],
  doc: "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html",
  fix: `set lifecycle.prevent_destroy and deletion_window_in_days = ${KEY_DELETION_WINDOW_DAYS} (LandingZoneKey always does)`,
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_kms_key")) {
      const window = model.argument(ref, "deletion_window_in_days");
      if (window !== KEY_DELETION_WINDOW_DAYS) {
        out.push({
          address: addressOf(ref),
          message: `has a deletion window of ${window === undefined ? "30 days by default, set implicitly" : `${String(window)} days`}, not ${KEY_DELETION_WINDOW_DAYS} stated`,
        });
      }
      const lifecycle = ref.body.lifecycle as { prevent_destroy?: boolean } | undefined;
      if (lifecycle?.prevent_destroy !== true) {
        out.push({
          address: addressOf(ref),
          message: "lacks prevent_destroy, so a destroy would schedule the key for deletion",
        });
      }
    }
    return out;
  },
};
