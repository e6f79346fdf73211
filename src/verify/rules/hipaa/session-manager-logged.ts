// Every account and governed region has Session Manager preferences that stream every session to an encrypted log
// group, encrypt session data with a KMS key and end idle sessions within the configured timeout, and Default Host
// Management on (164.312(a)(2)(iii) automatic logoff, 164.312(b) audit controls, 164.312(e)(1)). No AWS Config
// managed rule checks session preferences, so this rule is the only check before AWS.
import { allAccountNames } from "../../../config/model";
import {
  DEFAULT_HOST_SETTING,
  SESSION_MANAGER_SECTIONS,
  SESSION_PREFERENCES_DOCUMENT,
} from "../../../policies/session-manager";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, missing } from "./rule";

export const sessionManagerLogged: HipaaRule = {
  id: "hipaa-session-manager-logged",
  title:
    "Session Manager logs every session to an encrypted log group, encrypts it with KMS and ends idle sessions, in every account and governed region, with Default Host Management on",
  sections: [...SESSION_MANAGER_SECTIONS],
  resourceTypes: ["aws_ssm_document", "aws_ssm_service_setting", "aws_cloudwatch_log_group"],
  configRules: [],
  doc: "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-logging.html",
  fix: `keep the baseline's SessionManager: it writes ${SESSION_PREFERENCES_DOCUMENT} with CloudWatch logging, encryption and the configured timeouts in every governed region`,
  check(model, config) {
    const org = config.organization;
    const out: RuleFinding[] = [];
    const accounts = allAccountNames(org).map((name) => ({ name, id: model.accountId(name) }));
    const where = (ref: Parameters<typeof model.regionOf>[0]) =>
      `${model.accountOf(ref)}/${model.regionOf(ref)}`;
    const documents = new Map(
      model
        .resources("aws_ssm_document")
        .filter((ref) => model.argument(ref, "name") === SESSION_PREFERENCES_DOCUMENT)
        .map((ref) => [where(ref), ref]),
    );
    const settings = new Set(
      model
        .resources("aws_ssm_service_setting")
        .filter((ref) => String(model.argument(ref, "setting_id")).endsWith(DEFAULT_HOST_SETTING))
        .filter((ref) => String(model.argument(ref, "setting_value") ?? "") !== "")
        .map(where),
    );
    const encryptedGroups = new Set(
      model
        .resources("aws_cloudwatch_log_group")
        .filter((ref) => String(model.argument(ref, "kms_key_id") ?? "") !== "")
        .map((ref) => `${where(ref)}/${String(model.argument(ref, "name"))}`),
    );
    const idleLimit = org.sessionManager.idleSessionTimeoutMinutes;
    for (const account of accounts) {
      for (const region of org.regions) {
        const key = `${account.id}/${region}`;
        if (!settings.has(key)) {
          out.push(
            missing(`has no Default Host Management role setting for account ${account.name} in ${region}`),
          );
        }
        const ref = documents.get(key);
        if (!ref) {
          out.push(
            missing(`has no ${SESSION_PREFERENCES_DOCUMENT} for account ${account.name} in ${region}`),
          );
          continue;
        }
        const inputs =
          (JSON.parse(String(model.argument(ref, "content"))) as { inputs?: Record<string, unknown> })
            .inputs ?? {};
        const group = String(inputs.cloudWatchLogGroupName ?? "");
        const idle = Number(inputs.idleSessionTimeout);
        const longest = Number(inputs.maxSessionDuration);
        const longestLimit = org.sessionManager.maxSessionDurationMinutes;
        const keyArn = String(inputs.kmsKeyId ?? "");
        const problems = [
          ...(model.argument(ref, "document_type") !== "Session" ? ["is not a Session document"] : []),
          ...(group === "" ? ["logs no session to CloudWatch Logs"] : []),
          ...(group !== "" && !encryptedGroups.has(`${key}/${group}`)
            ? [`logs to ${group}, which is not a KMS-encrypted log group of this account and region`]
            : []),
          ...(inputs.cloudWatchEncryptionEnabled !== true ? ["does not require an encrypted log group"] : []),
          ...(inputs.cloudWatchStreamingEnabled !== true ? ["does not stream session output"] : []),
          ...(keyArn === "" ? ["does not encrypt session data with KMS"] : []),
          ...(keyArn !== "" && !keyArn.startsWith(`arn:aws:kms:${region}:${account.id}:key/`)
            ? [`encrypts session data with ${keyArn}, not a key of this account and region`]
            : []),
          ...(!(longest >= 1 && longest <= longestLimit)
            ? [`ends sessions after ${String(inputs.maxSessionDuration)} minutes, not within ${longestLimit}`]
            : []),
          ...(!(idle >= 1 && idle <= idleLimit)
            ? [
                `ends idle sessions after ${String(inputs.idleSessionTimeout)} minutes, not within ${idleLimit}`,
              ]
            : []),
        ];
        if (problems.length > 0) {
          out.push({
            address: addressOf(ref),
            message: `Session Manager preferences of account ${account.name} in ${region} ${problems.join("; ")}`,
          });
        }
      }
    }
    return out;
  },
};
