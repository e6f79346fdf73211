// What writes into which bucket under which KMS key, read from the synthesized deliveries: shared by the
// replication proofs and the service rules, so both count the same keys (164.312(c)(1) integrity).
import { ResourceRef, SynthesizedLandingZone } from "./synthesized";

/**
 * The deliveries that write into a bucket under a KMS key they name: the resource type, the argument naming the
 * bucket (by name or ARN) and the one naming the key.
 */
const KEYED_DELIVERIES: ReadonlyArray<{
  readonly type: string;
  readonly bucket: string;
  readonly key: string;
}> = [
  { type: "aws_config_delivery_channel", bucket: "s3_bucket_name", key: "s3_kms_key_arn" },
  { type: "aws_guardduty_publishing_destination", bucket: "destination_arn", key: "kms_key_arn" },
  { type: "aws_cloudtrail", bucket: "s3_bucket_name", key: "kms_key_id" },
];

/** Each keyed delivery's resource, destination bucket name and key ARN (deliveries without a key left out). */
export function keyedDeliveries(
  model: SynthesizedLandingZone,
): Array<{ readonly ref: ResourceRef; readonly bucket: string; readonly key: string }> {
  return KEYED_DELIVERIES.flatMap((delivery) =>
    model
      .resources(delivery.type)
      .filter((ref) => ref.body[delivery.key] !== undefined)
      .map((ref) => ({
        ref,
        bucket: String(model.argument(ref, delivery.bucket)).replace(/^arn:aws:s3:::/, ""),
        key: String(model.argument(ref, delivery.key)),
      })),
  );
}

/** A bucket's default SSE-KMS key, or undefined (SSE-S3, or no encryption configuration). */
export function defaultKmsKeyOf(model: SynthesizedLandingZone, bucket: string): string | undefined {
  const ref = model
    .resources("aws_s3_bucket_server_side_encryption_configuration")
    .find((r) => model.argument(r, "bucket") === bucket);
  const rule = ref
    ? (model.argument(ref, "rule") as Array<Record<string, Record<string, string>>>)[0]
    : undefined;
  return rule?.apply_server_side_encryption_by_default?.kms_master_key_id;
}

/** The keys objects in a bucket may be encrypted with: its default and every keyed delivery's into it. */
export function keysWritingInto(model: SynthesizedLandingZone, bucket: string): Set<string> {
  const keys = new Set<string>();
  const defaultKey = defaultKmsKeyOf(model, bucket);
  if (defaultKey) keys.add(defaultKey);
  for (const delivery of keyedDeliveries(model)) if (delivery.bucket === bucket) keys.add(delivery.key);
  return keys;
}
