// AWS Config, the GuardDuty export and CloudTrail encrypt with a KMS key that must be in the destination bucket's
// region; a key elsewhere fails the delivery (164.312(a)(2)(iv) encryption, 164.312(b) audit).
import { ResourceRef, SynthesizedLandingZone } from "../synthesized";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

/** The delivery resources, with their bucket and key arguments. */
const DELIVERIES: ReadonlyArray<{ type: string; bucket: string; key: string; bucketIsArn: boolean }> = [
  {
    type: "aws_config_delivery_channel",
    bucket: "s3_bucket_name",
    key: "s3_kms_key_arn",
    bucketIsArn: false,
  },
  {
    type: "aws_guardduty_publishing_destination",
    bucket: "destination_arn",
    key: "kms_key_arn",
    bucketIsArn: true,
  },
  { type: "aws_cloudtrail", bucket: "s3_bucket_name", key: "kms_key_id", bucketIsArn: false },
];

function bucketRegion(model: SynthesizedLandingZone, bucket: string): string | undefined {
  const ref = model
    .resources("aws_s3_bucket")
    .find((r: ResourceRef) => model.argument(r, "bucket") === bucket);
  return ref ? model.regionOf(ref) : undefined;
}

export const deliveryKeyRegion: ServiceRule = {
  id: "delivery-key-region",
  title: "Config, GuardDuty export and CloudTrail keys are in the destination bucket's region",
  doc: "https://docs.aws.amazon.com/config/latest/APIReference/API_DeliveryChannel.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const delivery of DELIVERIES) {
      for (const ref of model.resources(delivery.type)) {
        const rawBucket = String(model.argument(ref, delivery.bucket));
        const bucket = delivery.bucketIsArn ? rawBucket.replace(/^arn:aws:s3:::/, "") : rawBucket;
        const key =
          ref.body[delivery.key] === undefined ? undefined : String(model.argument(ref, delivery.key));
        const region = bucketRegion(model, bucket);
        if (!key || !region) continue;
        const keyRegion = key.split(":")[3];
        if (keyRegion !== region) {
          out.push({
            address: addressOf(ref),
            message: `encrypts with a key in ${keyRegion} but delivers to ${bucket} in ${region}; the key must be in the bucket's region`,
          });
        }
      }
    }
    return out;
  },
};
