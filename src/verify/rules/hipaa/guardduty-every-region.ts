// GuardDuty runs in every governed region with every member account enrolled by the delegated administrator
// (164.308(a)(1)(ii)(D) information system activity review, 164.308(a)(6)(ii) response and reporting).
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, missing } from "./rule";

export const guardDutyEveryRegion: HipaaRule = {
  id: "hipaa-guardduty-every-region",
  title: "GuardDuty is on in every governed region and enrolls every account",
  sections: ["164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"],
  resourceTypes: ["aws_guardduty_detector", "aws_guardduty_organization_configuration"],
  configRules: ["GUARDDUTY_ENABLED_CENTRALIZED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/guardduty-enabled-centralized.html",
  fix: "keep detectiveControls.guardDuty on: the detective-controls stack enables it per governed region",
  check(model, config) {
    const out: RuleFinding[] = [];
    const orgConfigs = model.resources("aws_guardduty_organization_configuration");
    for (const region of config.organization.regions) {
      const detector = model
        .resources("aws_guardduty_detector")
        .find((ref) => model.regionOf(ref) === region && model.argument(ref, "enable") !== false);
      if (!detector) {
        out.push(missing(`has no enabled GuardDuty detector in ${region}`));
        continue;
      }
      const org = orgConfigs.find((ref) => model.regionOf(ref) === region);
      if (!org || model.argument(org, "auto_enable_organization_members") !== "ALL") {
        out.push({
          address: addressOf(org ?? detector),
          message: `does not enroll every member account in ${region} (auto_enable_organization_members is not ALL)`,
        });
      }
    }
    return out;
  },
};
