// Every symmetric key rotates its key material yearly, so one exposed key version protects a bounded amount of
// data (164.312(a)(2)(iv) encryption and decryption).
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

export const kmsKeyRotation: HipaaRule = {
  id: "hipaa-kms-key-rotation",
  title: "Every symmetric KMS key has automatic rotation on",
  sections: ["164.312(a)(2)(iv)"],
  resourceTypes: ["aws_kms_key"],
  configRules: ["CMK_BACKING_KEY_ROTATION_ENABLED"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html",
  fix: "set enable_key_rotation = true (LandingZoneKey always does)",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_kms_key")) {
      const spec = model.argument(ref, "customer_master_key_spec") ?? "SYMMETRIC_DEFAULT";
      if (spec === "SYMMETRIC_DEFAULT" && model.argument(ref, "enable_key_rotation") !== true) {
        out.push({ address: addressOf(ref), message: "is a symmetric key without automatic rotation" });
      }
    }
    return out;
  },
};
