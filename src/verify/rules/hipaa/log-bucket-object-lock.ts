// Every bucket a log delivery writes into (the trail, flow logs, DNS query logs, GuardDuty findings, Backup Audit
// Manager's job reports) and every replica of one is write-once: Object Lock COMPLIANCE for at least the configured retention, so no one, root
// included, can delete evidence early (164.312(c)(1) integrity, 164.316(b)(2)(i) retention). AWS Config's own
// delivery bucket is not one: Config cannot deliver to a bucket with Object Lock (config-delivery-no-object-lock).
import { bucketOfArn } from "../../../policies/arns";
import { SynthesizedLandingZone } from "../../synthesized";
import { addressOf, bucketsWith, RuleFinding } from "../rule";
import { HipaaRule, block, listOf } from "./rule";

/** Every bucket a log delivery writes into, with what delivers there. */
export function logDeliveryBuckets(model: SynthesizedLandingZone): Map<string, string> {
  const out = new Map<string, string>();
  const add = (bucket: string, what: string) => {
    if (!out.has(bucket)) out.set(bucket, what);
  };
  for (const ref of model.resources("aws_cloudtrail"))
    add(String(model.argument(ref, "s3_bucket_name")), "CloudTrail");
  for (const ref of model.resources("aws_flow_log")) {
    if (model.argument(ref, "log_destination_type") === "s3")
      add(bucketOfArn(String(model.argument(ref, "log_destination"))), "VPC flow logs");
  }
  for (const ref of model.resources("aws_route53_resolver_query_log_config")) {
    const arn = String(model.argument(ref, "destination_arn"));
    if (arn.includes(":s3:::")) add(bucketOfArn(arn), "DNS query logs");
  }
  for (const ref of model.resources("aws_guardduty_publishing_destination"))
    add(bucketOfArn(String(model.argument(ref, "destination_arn"))), "GuardDuty findings");
  // The record that backups, copies and restores ran (164.308(a)(7)(ii)(D)) is evidence like any log.
  for (const ref of model.resources("aws_backup_report_plan")) {
    const channel = block(model.argument(ref, "report_delivery_channel"));
    if (channel?.s3_bucket_name) add(String(channel.s3_bucket_name), "Backup Audit Manager job reports");
  }
  for (const ref of model.resources("aws_s3_bucket_replication_configuration")) {
    for (const rule of listOf(model.argument(ref, "rule") as Array<Record<string, unknown>>)) {
      const destination = block(rule.destination)?.bucket;
      if (destination)
        add(bucketOfArn(String(destination)), `replication from ${String(model.argument(ref, "bucket"))}`);
    }
  }
  return out;
}

export const logBucketObjectLock: HipaaRule = {
  id: "hipaa-log-bucket-object-lock",
  title: "Every log delivery bucket and replica has Object Lock COMPLIANCE for the configured retention",
  sections: ["164.312(c)(1)", "164.316(b)(2)(i)"],
  resourceTypes: ["aws_s3_bucket_object_lock_configuration"],
  configRules: [],
  doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html",
  fix: "deliver into the log archive (LogArchive), or give the bucket object_lock_enabled and a COMPLIANCE default retention of logArchive.retentionDays",
  check(model, config) {
    const days = config.organization.logArchive.retentionDays;
    const locks = bucketsWith(model, "aws_s3_bucket_object_lock_configuration");
    const out: RuleFinding[] = [];
    for (const [name, what] of logDeliveryBuckets(model)) {
      const bucket = model.bucket(name);
      if (!bucket) continue; // a bucket outside the landing zone is not ours to check
      const lock = locks.get(name);
      const retention = lock ? block(block(model.argument(lock, "rule"))?.default_retention) : undefined;
      const problem =
        model.argument(bucket, "object_lock_enabled") !== true || !retention
          ? "has no Object Lock default retention"
          : retention.mode !== "COMPLIANCE"
            ? `locks in ${String(retention.mode)} mode, which a privileged user can bypass`
            : Number(retention.days ?? 0) < days
              ? `locks for ${String(retention.days ?? 0)} days, less than logArchive.retentionDays (${days})`
              : undefined;
      if (problem) {
        out.push({ address: addressOf(bucket), message: `bucket ${name} receives ${what} but ${problem}` });
      }
    }
    return out;
  },
};
