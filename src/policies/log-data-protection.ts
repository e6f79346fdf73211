// The account-level CloudWatch Logs data protection policy of PHI accounts: every log group's events are scanned
// for health identifiers and credentials, findings are counted, and matches are masked for anyone without
// logs:Unmask, so PHI written to a log by mistake is not read back by whoever reads logs (164.312(a)(1),
// 164.312(b)). Syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-data-protection-policies.html

/** The policy's name in each PHI account and region (one account-level data protection policy per account). */
export const LOG_DATA_PROTECTION_POLICY_NAME = "lz-phi-log-data-protection";

/**
 * The managed data identifiers scanned for, each as AWS lists it on the date `checked`: the US health identifiers
 * from the PHI page's list of data identifier ARNs
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protect-sensitive-log-data-types-health.html), whose
 * IDs carry the two-letter country code AWS requires, and the credential identifiers of the managed data identifier
 * table (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL-managed-data-identifiers.html), which take
 * none. An identifier AWS does not know fails PutAccountPolicy, so only identifiers read there are here. The
 * non-US health identifiers (EU, FR, GB, CA) are left out: the landing zone governs US PHI.
 */
export const LOG_DATA_IDENTIFIERS: ReadonlyArray<{ readonly id: string; readonly checked: string }> = [
  { id: "DrugEnforcementAgencyNumber-US", checked: "2026-12-03" },
  { id: "HealthcareProcedureCode-US", checked: "2026-12-03" },
  { id: "HealthInsuranceClaimNumber-US", checked: "2026-12-03" },
  { id: "MedicareBeneficiaryNumber-US", checked: "2026-12-03" },
  { id: "NationalDrugCode-US", checked: "2026-12-03" },
  { id: "NationalProviderId-US", checked: "2026-12-03" },
  { id: "AwsSecretKey", checked: "2026-12-03" },
  { id: "OpenSshPrivateKey", checked: "2026-12-03" },
  { id: "PgpPrivateKey", checked: "2026-12-03" },
  { id: "PkcsPrivateKey", checked: "2026-12-03" },
  { id: "PuttyPrivateKey", checked: "2026-12-03" },
];

/** A managed data identifier's ARN. */
export function dataIdentifierArn(id: string): string {
  return `arn:aws:dataprotection::aws:data-identifier/${id}`;
}

/**
 * The policy document: an audit statement (findings counted in CloudWatch metrics; FindingsDestination empty, as
 * AWS allows) and a de-identify statement that masks the same identifiers; AWS requires both, with identical
 * identifier lists.
 */
export function logDataProtectionPolicy(): Record<string, unknown> {
  const identifiers = LOG_DATA_IDENTIFIERS.map((d) => dataIdentifierArn(d.id));
  return {
    Name: LOG_DATA_PROTECTION_POLICY_NAME,
    Description: "Audit and mask health identifiers and credentials in every log group of a PHI account.",
    Version: "2021-06-01",
    Statement: [
      { Sid: "audit", DataIdentifier: identifiers, Operation: { Audit: { FindingsDestination: {} } } },
      { Sid: "redact", DataIdentifier: identifiers, Operation: { Deidentify: { MaskConfig: {} } } },
    ],
  };
}
