// PutAccountPolicy refuses a CloudWatch Logs data protection policy longer than 30,720 characters, or one whose
// audit and de-identify statements name different identifiers; refused at apply time, no PHI account gets its
// masking (164.312(a)(1)). AWS: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/mask-sensitive-log-data.html
// and https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutAccountPolicy.html.
import { LOG_DATA_PROTECTION_POLICY_MAX_CHARS } from "../../policies/log-data-protection";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

/** The statements of a data protection policy document: their identifiers and operation. */
export function dataProtectionStatements(
  document: string,
): Array<{ sid: string; identifiers: string[]; audit: boolean; deidentify: boolean }> {
  const parsed = JSON.parse(document) as {
    Statement?: Array<{ Sid?: string; DataIdentifier?: string[]; Operation?: Record<string, unknown> }>;
  };
  return (parsed.Statement ?? []).map((s) => ({
    sid: s.Sid ?? "",
    identifiers: s.DataIdentifier ?? [],
    audit: s.Operation?.Audit !== undefined,
    deidentify: s.Operation?.Deidentify !== undefined,
  }));
}

export const logDataProtectionSize: ServiceRule = {
  id: "log-data-protection-size",
  title: `A CloudWatch Logs data protection policy is at most ${LOG_DATA_PROTECTION_POLICY_MAX_CHARS} characters, its audit and de-identify statements naming the same identifiers`,
  doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/mask-sensitive-log-data.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_cloudwatch_log_account_policy")) {
      if (model.argument(ref, "policy_type") !== "DATA_PROTECTION_POLICY") continue;
      const document = String(model.argument(ref, "policy_document"));
      if (document.length > LOG_DATA_PROTECTION_POLICY_MAX_CHARS) {
        out.push({
          address: addressOf(ref),
          message: `policy document is ${document.length} characters; CloudWatch Logs accepts at most ${LOG_DATA_PROTECTION_POLICY_MAX_CHARS}`,
        });
      }
      const statements = dataProtectionStatements(document);
      const audit = statements.find((s) => s.audit);
      const deidentify = statements.find((s) => s.deidentify);
      const same =
        audit !== undefined &&
        deidentify !== undefined &&
        JSON.stringify([...audit.identifiers].sort()) === JSON.stringify([...deidentify.identifiers].sort());
      if (!same) {
        out.push({
          address: addressOf(ref),
          message:
            "needs one audit and one de-identify statement naming exactly the same data identifiers; PutAccountPolicy refuses it otherwise",
        });
      }
    }
    return out;
  },
};
