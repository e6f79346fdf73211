// An organization trail records every region and the global services for every account, so no API call in the
// estate goes unrecorded (164.312(b) audit controls).
import { HipaaRule, missing } from "./rule";
import { addressOf, RuleFinding } from "../rule";

export const cloudTrailMultiRegion: HipaaRule = {
  id: "hipaa-cloudtrail-multi-region",
  title: "An organization trail logs every region and global service events",
  sections: ["164.312(b)"],
  resourceTypes: ["aws_cloudtrail"],
  configRules: ["MULTI_REGION_CLOUD_TRAIL_ENABLED", "CLOUD_TRAIL_ENABLED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloudtrail-enabled.html",
  fix: "set is_multi_region_trail, is_organization_trail and include_global_service_events on the organization trail",
  check(model) {
    const trails = model.resources("aws_cloudtrail");
    if (trails.length === 0) return [missing("creates no CloudTrail trail")];
    const out: RuleFinding[] = [];
    for (const ref of trails) {
      const off = ["is_multi_region_trail", "is_organization_trail"].filter(
        (key) => model.argument(ref, key) !== true,
      );
      if (model.argument(ref, "include_global_service_events") === false)
        off.push("include_global_service_events");
      if (model.argument(ref, "enable_logging") === false) off.push("enable_logging");
      if (off.length > 0) out.push({ address: addressOf(ref), message: `has ${off.join(", ")} off` });
    }
    return out;
  },
};
