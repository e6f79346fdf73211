// Every account blocks public S3 access account-wide, so no bucket created later can be made public
// (164.312(a)(1) access control).
import { HipaaRule } from "./rule";
import { everyAccount } from "./rule-accounts";
import { PUBLIC_ACCESS_BLOCK_SETTINGS } from "./s3-public-access-blocked";

export const s3AccountPublicAccessBlock: HipaaRule = {
  id: "hipaa-s3-account-public-access-block",
  title: "Every account has the S3 account-level public access block fully on",
  sections: ["164.312(a)(1)"],
  resourceTypes: ["aws_s3_account_public_access_block"],
  configRules: ["S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/s3-account-level-public-access-blocks-periodic.html",
  fix: "the baseline stack sets it per account (AccountHardening): keep the account's baseline stack",
  check: (model, config) =>
    everyAccount(
      model,
      config,
      "aws_s3_account_public_access_block",
      (ref) => PUBLIC_ACCESS_BLOCK_SETTINGS.every((s) => model.argument(ref, s) === true),
      "all four settings true",
      false,
    ),
};
