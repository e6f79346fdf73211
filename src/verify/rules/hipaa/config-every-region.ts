// AWS Config records every resource type in every account and governed region, so the conformance pack has
// something to evaluate everywhere (164.308(a)(1)(ii)(D) activity review, 164.312(b)).
import { HipaaRule } from "./rule";
import { everyAccount } from "./rule-accounts";
import { block } from "./rule";

export const configEveryRegion: HipaaRule = {
  id: "hipaa-config-every-region",
  title: "A Config recorder records all resource types in every account and governed region",
  sections: ["164.308(a)(1)(ii)(D)", "164.312(b)"],
  resourceTypes: ["aws_config_configuration_recorder"],
  configRules: [],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html",
  fix: "keep detectiveControls.config on; the baseline stack records in every governed region",
  check(model, config) {
    const enabled = new Set(
      model
        .resources("aws_config_configuration_recorder_status")
        .filter((ref) => model.argument(ref, "is_enabled") === true)
        .map((ref) => `${ref.stack}/${String(ref.body.name)}`),
    );
    return everyAccount(
      model,
      config,
      "aws_config_configuration_recorder",
      (ref) =>
        block(model.argument(ref, "recording_group"))?.all_supported === true &&
        enabled.has(`${ref.stack}/\${aws_config_configuration_recorder.${ref.name}.name}`),
      "all_supported recording and an enabled recorder status",
      true,
    );
  },
};
