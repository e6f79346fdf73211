// The account-level CloudWatch Logs data protection policy of PHI accounts: every log group's events are scanned
// for the HIPAA identifiers AWS has a managed data identifier for, other health data and credentials; findings are
// counted, and matches are masked for anyone without logs:Unmask, so PHI written to a log by mistake is not read
// back by whoever reads logs (164.312(a)(1), 164.312(b); the identifiers are those of 164.514(b)(2)(i)).
// Syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-data-protection-policies.html
/** The policy's name in each PHI account and region (one account-level data protection policy per account). */
export const LOG_DATA_PROTECTION_POLICY_NAME = "lz-phi-log-data-protection";

/**
 * The longest policy document AWS accepts: "The limit for a data protection policy is 30,720 characters"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/mask-sensitive-log-data.html; PutAccountPolicy's
 * policyDocument, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutAccountPolicy.html,
 * says the same). AWS states no count limit for managed identifiers (only 10 custom ones, which we do not use).
 */
export const LOG_DATA_PROTECTION_POLICY_MAX_CHARS = 30_720;

const AWS_PAGES = {
  managed: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL-managed-data-identifiers.html",
  pii: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protect-sensitive-log-data-types-pii.html",
  health:
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protect-sensitive-log-data-types-health.html",
  financial:
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protect-sensitive-log-data-types-financial.html",
  device:
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protect-sensitive-log-data-types-device.html",
  credentials:
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protect-sensitive-log-data-types-credentials.html",
} as const;

/**
 * Every AWS managed data identifier the policy names, with the AWS page that lists it and the date it was read
 * there. An identifier AWS does not know fails PutAccountPolicy, so only identifiers read there are here; the
 * country-dependent ones carry the two-letter code AWS requires. Only US variants and the language-independent
 * identifiers: the landing zone governs the PHI of a US covered entity (the EU, GB, FR, CA, BR, DE, ES, IT
 * variants are left out, and may be added here with their page if your patients are abroad). The stored copy of
 * the PII page could be read only in part on 2026-12-05 (DateOfBirth read there); ZipCode-US, PhoneNumber-US,
 * Ssn-US and PassportNumber-US were matched against the same list in AWS's own aws-cdk-lib
 * (aws-logs DataIdentifier), which links to that page.
 */
export const AWS_MANAGED_DATA_IDENTIFIERS = {
  Name: { page: AWS_PAGES.managed, checked: "2026-12-05" },
  Address: { page: AWS_PAGES.managed, checked: "2026-12-05" },
  LatLong: { page: AWS_PAGES.managed, checked: "2026-12-05" },
  "ZipCode-US": { page: AWS_PAGES.pii, checked: "2026-12-05" },
  DateOfBirth: { page: AWS_PAGES.pii, checked: "2026-12-05" },
  "PhoneNumber-US": { page: AWS_PAGES.pii, checked: "2026-12-05" },
  EmailAddress: { page: AWS_PAGES.managed, checked: "2026-12-05" },
  "Ssn-US": { page: AWS_PAGES.pii, checked: "2026-12-05" },
  "HealthInsuranceClaimNumber-US": { page: AWS_PAGES.health, checked: "2026-12-03" },
  "MedicareBeneficiaryNumber-US": { page: AWS_PAGES.health, checked: "2026-12-03" },
  "BankAccountNumber-US": { page: AWS_PAGES.managed, checked: "2026-12-05" },
  CreditCardNumber: { page: AWS_PAGES.financial, checked: "2026-12-05" },
  "DriversLicense-US": { page: AWS_PAGES.managed, checked: "2026-12-05" },
  "DrugEnforcementAgencyNumber-US": { page: AWS_PAGES.health, checked: "2026-12-03" },
  VehicleIdentificationNumber: { page: AWS_PAGES.managed, checked: "2026-12-05" },
  IpAddress: { page: AWS_PAGES.device, checked: "2026-12-05" },
  "PassportNumber-US": { page: AWS_PAGES.pii, checked: "2026-12-05" },
  "IndividualTaxIdentificationNumber-US": { page: AWS_PAGES.managed, checked: "2026-12-05" },
  "NationalProviderId-US": { page: AWS_PAGES.health, checked: "2026-12-03" },
  "HealthcareProcedureCode-US": { page: AWS_PAGES.health, checked: "2026-12-03" },
  "NationalDrugCode-US": { page: AWS_PAGES.health, checked: "2026-12-03" },
  AwsSecretKey: { page: AWS_PAGES.credentials, checked: "2026-12-03" },
  OpenSshPrivateKey: { page: AWS_PAGES.credentials, checked: "2026-12-03" },
  PgpPrivateKey: { page: AWS_PAGES.credentials, checked: "2026-12-03" },
  PkcsPrivateKey: { page: AWS_PAGES.credentials, checked: "2026-12-03" },
  PuttyPrivateKey: { page: AWS_PAGES.credentials, checked: "2026-12-03" },
} as const satisfies Record<string, { readonly page: string; readonly checked: string }>;

/** The ID of an AWS managed data identifier the landing zone knows. */
export type ManagedDataIdentifier = keyof typeof AWS_MANAGED_DATA_IDENTIFIERS;

/** One of the 18 identifiers of 45 CFR 164.514(b)(2)(i), (A) to (R), with the managed identifiers that cover it. */
export interface HipaaIdentifierCoverage {
  /** The paragraph letter in 164.514(b)(2)(i). */
  readonly paragraph: string;
  /** The identifier, as the regulation names it. */
  readonly identifier: string;
  /** The AWS managed data identifiers that detect it (empty: AWS offers none). */
  readonly managed: readonly ManagedDataIdentifier[];
  /** What the managed identifiers leave out, or why there is none. */
  readonly gap?: string;
}

/**
 * The 18 identifiers of 45 CFR 164.514(b)(2)(i)
 * (https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514) and the AWS
 * managed data identifiers that cover each. The policy masks every identifier named here, and the table in
 * docs/network-and-baseline.md is rendered from it, so the two cannot disagree.
 */
export const HIPAA_IDENTIFIERS: readonly HipaaIdentifierCoverage[] = [
  { paragraph: "A", identifier: "Names", managed: ["Name"] },
  {
    paragraph: "B",
    identifier:
      "Geographic subdivisions smaller than a State (street address, city, county, ZIP code, geocodes)",
    managed: ["Address", "ZipCode-US", "LatLong"],
    gap: "a city or county named alone",
  },
  {
    paragraph: "C",
    identifier: "All elements of dates (except year) directly related to an individual; ages over 89",
    managed: ["DateOfBirth"],
    gap: "admission, discharge and death dates, and ages: AWS detects only birth dates, near a keyword such as dob",
  },
  { paragraph: "D", identifier: "Telephone numbers", managed: ["PhoneNumber-US"] },
  {
    paragraph: "E",
    identifier: "Fax numbers",
    managed: [],
    gap: "AWS offers no fax identifier; a fax number written as a US telephone number may still match PhoneNumber-US",
  },
  { paragraph: "F", identifier: "Electronic mail addresses", managed: ["EmailAddress"] },
  { paragraph: "G", identifier: "Social Security numbers", managed: ["Ssn-US"] },
  {
    paragraph: "H",
    identifier: "Medical record numbers",
    managed: [],
    gap: "their format is the hospital's own: add a custom data identifier with its pattern",
  },
  {
    paragraph: "I",
    identifier: "Health plan beneficiary numbers",
    managed: ["HealthInsuranceClaimNumber-US", "MedicareBeneficiaryNumber-US"],
    gap: "commercial plans' member IDs (custom data identifier)",
  },
  {
    paragraph: "J",
    identifier: "Account numbers",
    managed: ["BankAccountNumber-US", "CreditCardNumber"],
    gap: "the hospital's own patient account numbers (custom data identifier)",
  },
  {
    paragraph: "K",
    identifier: "Certificate/license numbers",
    managed: ["DriversLicense-US", "DrugEnforcementAgencyNumber-US"],
    gap: "professional license numbers other than DEA registrations",
  },
  {
    paragraph: "L",
    identifier: "Vehicle identifiers and serial numbers, including license plate numbers",
    managed: ["VehicleIdentificationNumber"],
    gap: "license plate numbers",
  },
  { paragraph: "M", identifier: "Device identifiers and serial numbers", managed: [] },
  { paragraph: "N", identifier: "Web Universal Resource Locators (URLs)", managed: [] },
  { paragraph: "O", identifier: "Internet Protocol (IP) address numbers", managed: ["IpAddress"] },
  { paragraph: "P", identifier: "Biometric identifiers, including finger and voice prints", managed: [] },
  { paragraph: "Q", identifier: "Full face photographic images and any comparable images", managed: [] },
  {
    paragraph: "R",
    identifier: "Any other unique identifying number, characteristic, or code",
    managed: ["PassportNumber-US", "IndividualTaxIdentificationNumber-US", "NationalProviderId-US"],
    gap: "codes of the hospital's own systems (custom data identifiers)",
  },
];

/**
 * What the policy masks beyond the HIPAA identifiers: codes that reveal a diagnosis or treatment (the health
 * information the identifiers would be linked to) and credentials, whose leak in a log opens the PHI itself.
 */
export const OTHER_PROTECTED_IDENTIFIERS: readonly ManagedDataIdentifier[] = [
  "HealthcareProcedureCode-US",
  "NationalDrugCode-US",
  "AwsSecretKey",
  "OpenSshPrivateKey",
  "PgpPrivateKey",
  "PkcsPrivateKey",
  "PuttyPrivateKey",
];

/** Every managed identifier the policy names, each once: the HIPAA identifiers' in paragraph order, then the rest. */
export const LOG_DATA_IDENTIFIERS: readonly ManagedDataIdentifier[] = [
  ...new Set([...HIPAA_IDENTIFIERS.flatMap((h) => h.managed), ...OTHER_PROTECTED_IDENTIFIERS]),
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
export function logDataProtectionPolicy(
  identifiers: readonly string[] = LOG_DATA_IDENTIFIERS,
): Record<string, unknown> {
  const arns = identifiers.map(dataIdentifierArn);
  return {
    Name: LOG_DATA_PROTECTION_POLICY_NAME,
    Description:
      "Audit and mask HIPAA identifiers, health codes and credentials in every log group of a PHI account.",
    Version: "2021-06-01",
    Statement: [
      { Sid: "audit", DataIdentifier: arns, Operation: { Audit: { FindingsDestination: {} } } },
      { Sid: "redact", DataIdentifier: arns, Operation: { Deidentify: { MaskConfig: {} } } },
    ],
  };
}
