// Every REST API stage records each call in a JSON access log and its errors in execution logs, both in log groups
// the stack creates (so they are under a customer managed key and kept, hipaa-log-group-kms and -retention), and
// never logs request or response bodies (data trace off): the record of who called exists, and PHI stays out of it
// (164.312(b) audit controls).
import { API_DOCS, executionLogGroupName } from "../../../policies/workload-api";
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { ResourceRef, SynthesizedLandingZone } from "../../synthesized";
import { block, packRule, perResource } from "./rule";

const rule = packRule("API_GW_EXECUTION_LOGGING_ENABLED");

/** The levels the pack's rule accepts (its loggingLevel parameter's default, "ERROR,INFO"). */
const LOGGED_LEVELS = ["ERROR", "INFO"];

/** Every method settings resource of a stage: the stage-wide one (`*\/*`) and any per-method override. */
function stageSettings(stage: ResourceRef, model: SynthesizedLandingZone) {
  const api = model.argument(stage, "rest_api_id");
  const name = model.argument(stage, "stage_name");
  return model
    .resources("aws_api_gateway_method_settings", stage.stack)
    .filter(
      (ref) => model.argument(ref, "rest_api_id") === api && model.argument(ref, "stage_name") === name,
    );
}

export const apiLogged = perResource({
  id: WORKLOAD_RULE_IDS.apiLogged,
  title:
    "Every REST API stage writes a JSON access log and error-level execution logs to log groups it creates, with data trace off",
  sections: rule.sections,
  resourceTypes: ["aws_api_gateway_stage", "aws_api_gateway_method_settings"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/api-gw-execution-logging-enabled.html",
  fix: `set access_log_settings to a log group of the stack, method settings for \`*/*\` with logging_level ERROR or INFO and data_trace_enabled false, and create the execution log group (${API_DOCS.executionLogging}) under the key (the serverless-api blueprint does)`,
  type: "aws_api_gateway_stage",
  problem(ref, model) {
    const stage = String(model.argument(ref, "stage_name"));
    const access = block(ref.body.access_log_settings);
    const groups = model.resources("aws_cloudwatch_log_group", ref.stack);
    const groupArns = new Set(groups.map((group) => model.attribute(group, "arn")));
    if (!access || !groupArns.has(String(model.resolveValue(ref.stack, access.destination_arn))))
      return `stage ${stage} has no access log to a log group of its stack`;
    const settings = stageSettings(ref, model);
    const stageWide = block(settings.find((s) => s.body.method_path === "*/*")?.body.settings);
    if (!stageWide || !LOGGED_LEVELS.includes(String(stageWide.logging_level)))
      return `stage ${stage} has no execution logging (method settings "*/*" with logging_level ERROR or INFO)`;
    // A method's own settings override the stage's: none may turn logging off or the data trace on.
    for (const method of settings) {
      const values = block(method.body.settings);
      const path = String(method.body.method_path);
      if (values?.data_trace_enabled === true)
        return `stage ${stage} logs full requests and responses for ${path} (data_trace_enabled): bodies hold PHI`;
      if (values?.logging_level !== undefined && !LOGGED_LEVELS.includes(String(values.logging_level)))
        return `stage ${stage} turns execution logging ${String(values.logging_level)} for ${path}`;
    }
    const executionGroup = executionLogGroupName(String(model.argument(ref, "rest_api_id")), stage);
    if (!groups.some((group) => model.argument(group, "name") === executionGroup))
      return `stage ${stage} has no ${executionGroup} log group in its stack: API Gateway would create it unencrypted and keep it forever`;
    return undefined;
  },
});
