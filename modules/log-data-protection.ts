// In a PHI account, the CloudWatch Logs data protection policy at account level in every governed region, so
// every log group, present and future, masks health identifiers and credentials (164.312(a)(1), 164.312(b)).
// AWS: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-data-protection-policies.html (PutAccountPolicy)
import { Construct } from "constructs";
import { CloudwatchLogAccountPolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-account-policy";
import { AccountRegionsProps } from "./account-regions";
import {
  LOG_DATA_PROTECTION_POLICY_NAME,
  logDataProtectionPolicy,
} from "../src/policies/log-data-protection";

/** One account-level data protection policy per governed region (account policies are regional). */
export class LogDataProtection extends Construct {
  constructor(scope: Construct, id: string, props: AccountRegionsProps) {
    super(scope, id);
    const document = JSON.stringify(logDataProtectionPolicy());
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
