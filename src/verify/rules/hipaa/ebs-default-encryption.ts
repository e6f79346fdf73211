// EBS encrypts every new volume and snapshot by default in every account and governed region
// (164.312(a)(2)(iv) encryption and decryption).
import { HipaaRule } from "./rule";
import { everyAccount } from "./rule-accounts";

export const ebsDefaultEncryption: HipaaRule = {
  id: "hipaa-ebs-default-encryption",
  title: "EBS encryption by default is on in every account and governed region",
  sections: ["164.312(a)(2)(iv)"],
  resourceTypes: ["aws_ebs_encryption_by_default"],
  configRules: ["EC2_EBS_ENCRYPTION_BY_DEFAULT", "ENCRYPTED_VOLUMES"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/ec2-ebs-encryption-by-default.html",
  fix: "the baseline stack sets it per account and region (AccountHardening): keep the account's baseline stack",
  check: (model, config) =>
    everyAccount(
      model,
      config,
      "aws_ebs_encryption_by_default",
      (ref) => model.argument(ref, "enabled") !== false,
      "enabled = true",
      true,
    ),
};
