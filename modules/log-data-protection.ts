// In a PHI account, the CloudWatch Logs data protection policy at account level in every governed region, so
// every log group, present and future, masks HIPAA identifiers, health codes and credentials (164.312(a)(1),
// 164.312(b)). AWS: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-data-protection-policies.html (PutAccountPolicy)
import { Construct } from "constructs";
import { CloudwatchLogAccountPolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-account-policy";
import { AccountRegionsProps } from "./account-regions";
import {
  LOG_DATA_PROTECTION_POLICY_MAX_CHARS,
  LOG_DATA_PROTECTION_POLICY_NAME,
  logDataProtectionPolicy,
} from "../src/policies/log-data-protection";

/** One account-level data protection policy per governed region (account policies are regional). */
export class LogDataProtection extends Construct {
  constructor(scope: Construct, id: string, props: AccountRegionsProps) {
    super(scope, id);
    const document = JSON.stringify(logDataProtectionPolicy());
    // AWS refuses a longer document at apply time; say so at synth, naming the file that lists the identifiers.
    if (document.length > LOG_DATA_PROTECTION_POLICY_MAX_CHARS) {
      throw new Error(
        `src/policies/log-data-protection.ts: the data protection policy ${LOG_DATA_PROTECTION_POLICY_NAME} is ` +
          `${document.length} characters; CloudWatch Logs allows at most ${LOG_DATA_PROTECTION_POLICY_MAX_CHARS}`,
      );
    }
    for (const region of props.regions) {
      new CloudwatchLogAccountPolicy(this, `policy-${region}`, {
        provider: props.providerFor(region),
        policyName: LOG_DATA_PROTECTION_POLICY_NAME,
        policyType: "DATA_PROTECTION_POLICY",
        policyDocument: document,
        scope: "ALL",
      });
    }
  }
}
