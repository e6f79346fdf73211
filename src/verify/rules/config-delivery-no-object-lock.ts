// AWS Config refuses a delivery channel whose bucket has Object Lock enabled, so the recorders would record
// nothing to the archive (164.312(b)): Config must deliver to a bucket without Object Lock.
import { addressOf, RuleFinding, ServiceRule } from "./rule";

export const configDeliveryNoObjectLock: ServiceRule = {
  id: "config-delivery-no-object-lock",
  title: "AWS Config delivers only to a bucket without Object Lock",
  doc: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-config-deliverychannel.html",
  check(model) {
    const locked = new Set(
      model
        .resources("aws_s3_bucket")
        .filter((ref) => ref.body.object_lock_enabled === true)
        .map((ref) => String(model.argument(ref, "bucket"))),
    );
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_config_delivery_channel")) {
      const bucket = String(model.argument(ref, "s3_bucket_name"));
      if (locked.has(bucket)) {
        out.push({
          address: addressOf(ref),
          message: `delivers to ${bucket}, which has Object Lock enabled; AWS Config does not support delivery to such a bucket (PutDeliveryChannel fails)`,
        });
      }
    }
    return out;
  },
};
