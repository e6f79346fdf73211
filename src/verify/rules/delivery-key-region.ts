// AWS Config, the GuardDuty export and CloudTrail encrypt with a KMS key that must be in the destination bucket's
// region; a key elsewhere fails the delivery (164.312(a)(2)(iv) encryption, 164.312(b) audit).
import { keyedDeliveries } from "../deliveries";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

export const deliveryKeyRegion: ServiceRule = {
  id: "delivery-key-region",
  title: "Config, GuardDuty export and CloudTrail keys are in the destination bucket's region",
  doc: "https://docs.aws.amazon.com/config/latest/APIReference/API_DeliveryChannel.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const { ref, bucket, key } of keyedDeliveries(model)) {
      const target = model.bucket(bucket);
      if (!target) continue;
      const region = model.regionOf(target);
      const keyRegion = key.split(":")[3];
      if (keyRegion !== region) {
        out.push({
          address: addressOf(ref),
          message: `encrypts with a key in ${keyRegion} but delivers to ${bucket} in ${region}; the key must be in the bucket's region`,
        });
      }
    }
    return out;
  },
};
