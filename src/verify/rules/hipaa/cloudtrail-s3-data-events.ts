// A trail records S3 object-level access in every bucket (reads and writes of PHI objects), leaving out only the
// landing zone's own log buckets, whose deliveries would otherwise log themselves without end (164.312(b)).
import { HipaaRule, listOf, missing } from "./rule";

interface FieldSelector {
  readonly field: string;
  readonly equals?: string[];
  readonly starts_with?: string[];
  readonly not_starts_with?: string[];
  readonly not_equals?: string[];
}

export const cloudTrailS3DataEvents: HipaaRule = {
  id: "hipaa-cloudtrail-s3-data-events",
  title: "A trail logs S3 data events for every bucket but the log buckets",
  sections: ["164.312(b)"],
  resourceTypes: ["aws_cloudtrail"],
  configRules: ["CLOUDTRAIL_S3_DATAEVENTS_ENABLED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-dataevents-enabled.html",
  fix: "add an advanced event selector for eventCategory Data and resources.type AWS::S3::Object, excluding only log buckets by resources.ARN not_starts_with",
  check(model) {
    // The landing zone's own buckets, every one of which holds logs: the only ones a trail may leave out.
    const ownBuckets = new Set(
      model.resources("aws_s3_bucket").map((ref) => `arn:aws:s3:::${String(model.argument(ref, "bucket"))}/`),
    );
    const covered = model.resources("aws_cloudtrail").some((ref) =>
      listOf(
        model.argument(ref, "advanced_event_selector") as Array<{ field_selector: FieldSelector[] }>,
      ).some((selector) => {
        const fields = listOf(selector.field_selector);
        const has = (field: string, value: string) =>
          fields.some((f) => f.field === field && listOf(f.equals).includes(value));
        // Anything but the category, the type and a not_starts_with on resources.ARN narrows the selector.
        const narrowing = fields.filter(
          (f) =>
            !["eventCategory", "resources.type"].includes(f.field) &&
            !(f.field === "resources.ARN" && f.not_starts_with && !f.equals && !f.starts_with),
        );
        const excluded = fields
          .filter((f) => f.field === "resources.ARN")
          .flatMap((f) => listOf(f.not_starts_with));
        return (
          has("eventCategory", "Data") &&
          has("resources.type", "AWS::S3::Object") &&
          narrowing.length === 0 &&
          excluded.every((arn) => ownBuckets.has(arn))
        );
      }),
    );
    return covered
      ? []
      : [missing("has no trail logging S3 data events for every bucket other than its own log buckets")];
  },
};
