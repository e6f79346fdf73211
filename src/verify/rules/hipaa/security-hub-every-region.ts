// Security Hub is on in every governed region, and a central configuration policy at the root turns it on in
// every account (164.308(a)(1)(ii)(D) information system activity review, 164.308(a)(8) evaluation).
import { HipaaRule, block, missing } from "./rule";
import { RuleFinding } from "../rule";
import { PLACEHOLDER_ROOT_ID } from "../../synthesized";

export const securityHubEveryRegion: HipaaRule = {
  id: "hipaa-security-hub-every-region",
  title: "Security Hub is on in every governed region and, by a root policy, in every account",
  sections: ["164.308(a)(1)(ii)(D)", "164.308(a)(8)"],
  resourceTypes: ["aws_securityhub_account", "aws_securityhub_configuration_policy"],
  configRules: ["SECURITYHUB_ENABLED"],
  doc: "https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-intro.html",
  fix: "keep detectiveControls.securityHub on: the detective-controls stack enables it per region and associates the policy with Root",
  check(model, config) {
    const out: RuleFinding[] = [];
    for (const region of config.organization.regions) {
      if (!model.resources("aws_securityhub_account").some((ref) => model.regionOf(ref) === region))
        out.push(missing(`has no Security Hub in ${region}`));
    }
    const enabling = model
      .resources("aws_securityhub_configuration_policy")
      .filter((ref) => block(model.argument(ref, "configuration_policy"))?.service_enabled === true)
      .map((ref) => `\${aws_securityhub_configuration_policy.${ref.name}.id}`);
    const atRoot = model
      .resources("aws_securityhub_configuration_policy_association")
      .some(
        (ref) =>
          enabling.includes(String(ref.body.policy_id)) &&
          model.argument(ref, "target_id") === PLACEHOLDER_ROOT_ID,
      );
    if (!atRoot) out.push(missing("associates no Security Hub policy that enables the service with Root"));
    return out;
  },
};
