// What stays callable in OUs that allow PHI once a team lists the AWS services its BAA review cleared: the listed
// services, the few every principal needs whatever the list, and the landing zone's own roles, which must keep
// deploying and protecting the accounts (164.308(b)(1) business associate contracts, 164.312(a)(1) access control).

/** AWS's list that each entry of hipaaEligibleServices is checked against, on the date the entry records. */
export const HIPAA_ELIGIBLE_SERVICES_REFERENCE =
  "https://aws.amazon.com/compliance/hipaa-eligible-services-reference/";

/**
 * Services left callable whatever the list says, each with its reason: without them nobody signs in, assumes a
 * role or decrypts what an eligible service stored, and the landing zone's own controls, which it runs in every
 * account, cannot be reviewed or answered. The landing zone relies on each; check each against AWS's list too.
 */
export const BAA_EXEMPT_SERVICES: ReadonlyArray<{ readonly prefix: string; readonly reason: string }> = [
  {
    prefix: "sts",
    reason: "role sessions: every Identity Center sign-in and role assumption is an STS call",
  },
  { prefix: "signin", reason: "console sign-in" },
  {
    prefix: "iam",
    reason:
      "reading roles and passing them to services; lz-deny-iam-users and the permission sets bound the rest",
  },
  {
    prefix: "kms",
    reason:
      "encryption: a service that stores PHI under SSE-KMS calls KMS with the caller's identity, so a denied KMS breaks every eligible service",
  },
  { prefix: "health", reason: "AWS Health notices about the account's resources" },
  { prefix: "organizations", reason: "reading the organization the account belongs to (no PHI)" },
  { prefix: "cloudtrail", reason: "the audit trail: responders query it in every account (164.312(b))" },
  {
    prefix: "config",
    reason: "the configuration record and conformance pack the landing zone runs everywhere",
  },
  {
    prefix: "guardduty",
    reason: "threat detection findings, reviewed and archived by the security responders",
  },
  { prefix: "securityhub", reason: "the findings every detective control reports to" },
  { prefix: "macie2", reason: "the sensitive-data findings about the PHI buckets" },
  { prefix: "access-analyzer", reason: "external-access findings, the data perimeter's review" },
  { prefix: "backup", reason: "the contingency plan: vaults, recovery points and restores (164.308(a)(7))" },
  {
    prefix: "logs",
    reason:
      "CloudWatch Logs, where the landing zone's data protection policy masks PHI and responders run queries",
  },
  { prefix: "ce", reason: "cost data (no PHI), which the Billing permission set reads in every account" },
];
