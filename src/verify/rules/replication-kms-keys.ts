// S3 replicates an SSE-KMS object only when the replication role may decrypt it with the key that encrypted it
// and encrypt the replica with the destination key; otherwise that object is silently skipped, and the replica
// misses it (164.312(c)(1) integrity, 164.308(a)(7)(ii)(A) backup).
import { keysWritingInto } from "../deliveries";
import { ResourceRef, SynthesizedLandingZone } from "../synthesized";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

/** The resources a role's own policies (inline and customer managed) allow an action on. */
function allowedResources(model: SynthesizedLandingZone, roleRef: ResourceRef, action: string): string[] {
  const out: string[] = [];
  for (const { policy } of model.rolePolicies(roleRef)) {
    for (const s of policy.Statement) {
      const actions = ([] as string[]).concat((s.Action as string | string[]) ?? []);
      if (s.Effect !== "Allow" || !actions.some((a) => a === action || a === "kms:*")) continue;
      out.push(...([] as string[]).concat((s.Resource as string | string[]) ?? []));
    }
  }
  return out;
}

export const replicationKmsKeys: ServiceRule = {
  id: "replication-kms-keys",
  title:
    "The replication role may decrypt every key that writes into the source and encrypt with the replica's key",
  doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_s3_bucket_replication_configuration")) {
      const roleArn = String(model.argument(ref, "role"));
      const role = model
        .resources("aws_iam_role", ref.stack)
        .find((r) => model.attribute(r, "arn") === roleArn);
      if (!role) {
        out.push({ address: addressOf(ref), message: `replicates with ${roleArn}, which no stack creates` });
        continue;
      }
      const decrypt = allowedResources(model, role, "kms:Decrypt");
      const encrypt = allowedResources(model, role, "kms:Encrypt");
      const source = String(model.argument(ref, "bucket"));
      for (const key of keysWritingInto(model, source)) {
        if (!decrypt.includes(key) && !decrypt.includes("*")) {
          out.push({
            address: addressOf(ref),
            message: `the replication role cannot kms:Decrypt ${key}, which encrypts objects in ${source}: S3 skips those objects`,
          });
        }
      }
      const rules = model.argument(ref, "rule") as Array<{
        destination: { encryption_configuration?: { replica_kms_key_id?: string } };
      }>;
      for (const rule of rules) {
        const key = rule.destination.encryption_configuration?.replica_kms_key_id;
        if (key && !encrypt.includes(key) && !encrypt.includes("*")) {
          out.push({
            address: addressOf(ref),
            message: `the replication role cannot kms:Encrypt with the replica key ${key}`,
          });
        }
      }
    }
    return out;
  },
};
