// Route 53 Resolver delivers a VPC's DNS query logs only to a bucket of the query logging configuration's region,
// which is the VPC's: a configuration pointing at a bucket elsewhere never records a lookup (164.312(b) audit).
import { bucketOfArn } from "../../policies/arns";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

export const queryLogBucketRegion: ServiceRule = {
  id: "query-log-bucket-region",
  title: "A Resolver query logging configuration delivers to a bucket of its own region",
  // "You can choose only resources that were created in the AWS Region ... where you're creating the query logging
  // configuration."
  doc: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logging-configurations-managing.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_route53_resolver_query_log_config")) {
      const arn = String(model.argument(ref, "destination_arn"));
      if (!arn.includes(":s3:::")) continue;
      const name = bucketOfArn(arn);
      const bucket = model.bucket(name);
      if (!bucket) continue; // a bucket outside the landing zone is not ours to check
      const region = model.regionOf(ref);
      const bucketRegion = model.regionOf(bucket);
      if (bucketRegion !== region)
        out.push({
          address: addressOf(ref),
          message: `delivers the DNS query logs of ${region} to ${name} in ${bucketRegion}; Resolver delivers only to a bucket of the configuration's region`,
        });
    }
    return out;
  },
};
