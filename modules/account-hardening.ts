// The settings every account gets so a workload starts safe: EBS encryption by default with the account's own
// key (every governed region), the account-level S3 public access block and an IAM password policy for the rare
// IAM user (164.312(a)(2)(iv) encryption, 164.312(a)(1) access control, 164.312(d) authentication). IMDSv2 by
// default is the organization's EC2 declarative policy now (src/policies/ec2-declarative-policy.ts).
import { Construct } from "constructs";
import { EbsDefaultKmsKey } from "@cdktf/provider-aws/lib/ebs-default-kms-key";
import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { IamAccountPasswordPolicy } from "@cdktf/provider-aws/lib/iam-account-password-policy";
import { S3AccountPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-account-public-access-block";
import { ebsDefaultKeyUse, KeyAdministrators, keyPolicy } from "../src/policies/kms-policies";
import { AccountRegionsProps } from "./account-regions";
import { LandingZoneKey } from "./landing-zone-key";
import { retireResource } from "./retired-resources";

/** The password policy of AWS's HIPAA conformance pack (IAM_PASSWORD_POLICY parameters). */
export const PASSWORD_POLICY = {
  minimumPasswordLength: 14,
  passwordReusePrevention: 24,
  maxPasswordAgeDays: 90,
} as const;

/** The account (the EBS keys admit only its principals) and its regions, and who administers its keys. */
export interface AccountHardeningProps extends AccountRegionsProps {
  /** Who administers the EBS keys. */
  readonly keyAdmins: KeyAdministrators;
  /** Alias prefix for the EBS keys. */
  readonly aliasPrefix: string;
  /** The backup account, which copies EBS snapshots into the central vault. */
  readonly centralBackupAccountId: string;
}

/** Regional EBS defaults, and the account-wide S3 and IAM settings. */
export class AccountHardening extends Construct {
  /** The EBS default keys by region. */
  readonly ebsKeys = new Map<string, LandingZoneKey>();

  constructor(scope: Construct, id: string, props: AccountHardeningProps) {
    super(scope, id);
    for (const region of props.regions) {
      const provider = props.providerFor(region);
      // EBS's account default must be a key the account can use for every volume it creates, so each account has
      // its own, in each region, rather than the environment's central key in the security account.
      const key = new LandingZoneKey(this, `ebs-key-${region}`, {
        provider,
        alias: `${props.aliasPrefix}/ebs-default`,
        description: "Default key for EBS volumes and snapshots in this account and region",
        policy: keyPolicy(
          props.keyAdmins,
          ebsDefaultKeyUse({
            accountId: props.accountId,
            region,
            centralBackupAccountId: props.centralBackupAccountId,
          }),
        ),
      });
      this.ebsKeys.set(region, key);
      new EbsEncryptionByDefault(this, `ebs-encryption-${region}`, { provider, enabled: true });
      new EbsDefaultKmsKey(this, `ebs-default-key-${region}`, { provider, keyArn: key.arn });
      // The IMDS defaults this baseline used to set: the declarative policy sets them in every account now, and
      // EC2 refuses an account's own change to a setting the policy holds, so the old resource leaves state
      // without the delete that would call ModifyInstanceMetadataDefaults.
      retireResource(this, `imds-defaults-${region}`, "aws_ec2_instance_metadata_defaults");
    }
    const home = props.providerFor(props.homeRegion);
    new S3AccountPublicAccessBlock(this, "s3-public-access-block", {
      provider: home,
      accountId: props.accountId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new IamAccountPasswordPolicy(this, "password-policy", {
      provider: home,
      minimumPasswordLength: PASSWORD_POLICY.minimumPasswordLength,
      passwordReusePrevention: PASSWORD_POLICY.passwordReusePrevention,
      maxPasswordAge: PASSWORD_POLICY.maxPasswordAgeDays,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
    });
  }
}
