// The CloudWatch Logs data protection policy of every PHI account masks each HIPAA identifier (45 CFR
// 164.514(b)(2)(i)) AWS has a managed data identifier for, as the coverage table in
// src/policies/log-data-protection.ts lists them (164.312(a)(1), 164.312(b)): a policy that names fewer leaves
// those identifiers readable by anyone who reads logs, and nothing reports it.
// AWS: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL-managed-data-identifiers.html
import { dataIdentifierArn, HIPAA_IDENTIFIERS } from "../../policies/log-data-protection";
import { addressOf, RuleFinding, ServiceRule } from "./rule";
import { dataProtectionStatements } from "./log-data-protection-size";

export const logDataProtectionIdentifiers: ServiceRule = {
  id: "log-data-protection-identifiers",
  title: "The log data protection policy masks every HIPAA identifier AWS has a managed data identifier for",
  doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL-managed-data-identifiers.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_cloudwatch_log_account_policy")) {
      if (model.argument(ref, "policy_type") !== "DATA_PROTECTION_POLICY") continue;
      const statements = dataProtectionStatements(String(model.argument(ref, "policy_document")));
      const masked = new Set(statements.filter((s) => s.deidentify).flatMap((s) => s.identifiers));
      const missing = HIPAA_IDENTIFIERS.flatMap((h) =>
        h.managed
          .filter((id) => !masked.has(dataIdentifierArn(id)))
          .map((id) => `${id} (164.514(b)(2)(i)(${h.paragraph}))`),
      );
      if (missing.length > 0) {
        out.push({
          address: addressOf(ref),
          message:
            `masks no ${missing.join(", ")}: add them to the policy's audit and de-identify statements ` +
            `(src/policies/log-data-protection.ts HIPAA_IDENTIFIERS)`,
        });
      }
    }
    return out;
  },
};
