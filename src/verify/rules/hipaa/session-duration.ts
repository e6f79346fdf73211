// People's sessions end within the configured limits: at most MAX_SESSION_HOURS for any permission set and
// MAX_PHI_SESSION_HOURS for one assigned in a PHI account, and one hour for roles the landing zone creates
// (164.312(a)(2)(iii) automatic logoff).
import { MAX_PHI_SESSION_HOURS, MAX_SESSION_HOURS } from "../../../policies/permission-sets";
import { phiAccountNames } from "../../../config/model";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

/** IAM's default and the landing zone's limit for its own roles' sessions, in seconds. */
const ROLE_SESSION_SECONDS = 3600;

/** Hours in an ISO 8601 duration such as PT1H or PT30M. */
function hoursOf(duration: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(duration);
  if (!m) return Number.NaN;
  return Number(m[1] ?? 0) + Number(m[2] ?? 0) / 60;
}

export const sessionDuration: HipaaRule = {
  id: "hipaa-session-duration",
  title: `Sessions end within ${MAX_SESSION_HOURS} h (${MAX_PHI_SESSION_HOURS} h in PHI accounts; 1 h for the landing zone's roles)`,
  sections: ["164.312(a)(2)(iii)"],
  resourceTypes: ["aws_ssoadmin_permission_set"],
  configRules: [],
  doc: "https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosessionduration.html",
  fix: "lower sessionHours of the permission set (identityCenter.permissionSets) or max_session_duration of the role",
  check(model, config) {
    const out: RuleFinding[] = [];
    const phiIds = new Set([...phiAccountNames(config.environments)].map((a) => model.accountId(a)));
    const assignedToPhi = new Set(
      model
        .resources("aws_ssoadmin_account_assignment")
        .filter((ref) => phiIds.has(String(model.argument(ref, "target_id"))))
        .map((ref) => String(ref.body.permission_set_arn)),
    );
    for (const ref of model.resources("aws_ssoadmin_permission_set")) {
      const duration = String(model.argument(ref, "session_duration") ?? "PT1H");
      const hours = hoursOf(duration);
      const phi = assignedToPhi.has(`\${aws_ssoadmin_permission_set.${ref.name}.arn}`);
      const limit = phi ? MAX_PHI_SESSION_HOURS : MAX_SESSION_HOURS;
      if (!(hours <= limit))
        out.push({
          address: addressOf(ref),
          message: `lasts ${duration}, more than ${limit} h${phi ? " for a permission set assigned in a PHI account" : ""}`,
        });
    }
    for (const ref of model.resources("aws_iam_role")) {
      const seconds = Number(model.argument(ref, "max_session_duration") ?? ROLE_SESSION_SECONDS);
      if (seconds > ROLE_SESSION_SECONDS)
        out.push({
          address: addressOf(ref),
          message: `allows sessions of ${seconds} s, more than ${ROLE_SESSION_SECONDS}`,
        });
    }
    return out;
  },
};
