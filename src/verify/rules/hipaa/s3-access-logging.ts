// Every bucket records requests in server access logs, except a bucket that receives them: AWS advises against a
// destination logging itself, an endless loop of logs; the organization trail's S3 data events record access to
// those (164.312(b) audit controls).
import { accessLogDestinations, addressOf, bucketsWith, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

export const s3AccessLogging: HipaaRule = {
  id: "hipaa-s3-access-logging",
  title: "Every bucket except a server-access-log destination has server access logging",
  sections: ["164.312(b)"],
  resourceTypes: ["aws_s3_bucket_logging"],
  configRules: ["S3_BUCKET_LOGGING_ENABLED"],
  doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html",
  fix: "add an aws_s3_bucket_logging to an access-log bucket in the same account and region (SecureBucket's accessLogs)",
  check(model) {
    const logging = bucketsWith(model, "aws_s3_bucket_logging");
    const destinations = accessLogDestinations(model);
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_s3_bucket")) {
      const name = String(model.argument(ref, "bucket"));
      if (destinations.has(name) || logging.has(name)) continue;
      out.push({ address: addressOf(ref), message: `bucket ${name} has no server access logging` });
    }
    return out;
  },
};
