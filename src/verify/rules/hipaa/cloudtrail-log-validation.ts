// CloudTrail signs a digest of every log file, so a changed or deleted file is detectable (164.312(c)(1)
// integrity, 164.312(c)(2) mechanism to authenticate ePHI).
import { HipaaRule, perResource } from "./rule";

export const cloudTrailLogValidation: HipaaRule = perResource({
  id: "hipaa-cloudtrail-log-validation",
  title: "Every trail has log file validation on",
  sections: ["164.312(c)(1)", "164.312(c)(2)"],
  resourceTypes: ["aws_cloudtrail"],
  configRules: ["CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-log-file-validation-enabled.html",
  fix: "set enable_log_file_validation = true",
  type: "aws_cloudtrail",
  problem: (ref, model) =>
    model.argument(ref, "enable_log_file_validation") === true ? undefined : "has log file validation off",
});
