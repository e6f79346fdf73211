// The AWS managed policies the prover evaluates, as AWS publishes them (164.312(a)(1) access control: a proof is
// only as good as the permissions it assumes). Two vendored files, one reader: aws-managed-policies.json holds
// the job-function policies permission sets and pipeline roles carry ({arn: document}); aws-service-managed-
// policies.json holds the policies of the AWS-owned callers of our paths (AWS Backup's service role policies,
// service-linked role policies) with each one's default version, date and source
// ({arn: {version, updated, source, document}}). A path names an AWS managed policy only through `awsManaged`.
import jobFunctionPolicies from "./aws-managed-policies.json";
import servicePolicies from "./aws-service-managed-policies.json";
import { NamedPolicy, PolicyDoc, sharedDocument } from "./simulator";

/** One vendored service policy with its provenance. */
export interface VendoredPolicy {
  /** The policy's default version when vendored (v30, ...). */
  readonly version: string;
  /** When AWS last edited it (the reference page's "Edited time"). */
  readonly updated: string;
  /** AWS's reference page for the policy, and the copy its document was taken from. */
  readonly source: string;
  readonly document: PolicyDoc;
}

/** The vendored service policies, by ARN. */
export const SERVICE_MANAGED_POLICIES = servicePolicies as unknown as Readonly<
  Record<string, VendoredPolicy>
>;

// Shared with the simulator module, which freezes them and names them by ARN when it writes a request as text.
const DOCUMENTS: ReadonlyMap<string, PolicyDoc> = new Map<string, PolicyDoc>(
  [
    ...Object.entries(jobFunctionPolicies as Record<string, PolicyDoc>),
    ...Object.entries(SERVICE_MANAGED_POLICIES).map(([arn, p]) => [arn, p.document] as [string, PolicyDoc]),
  ].map(([arn, document]) => [arn, sharedDocument(arn, document)]),
);

/** Whether an ARN names an AWS managed policy (arn:aws:iam::aws:policy/...). */
export function isAwsManagedArn(arn: string): boolean {
  return arn.startsWith("arn:aws:iam::aws:policy/");
}

/** The vendored document of an AWS managed policy, or undefined. */
export function awsManagedDocument(arn: string): PolicyDoc | undefined {
  return DOCUMENTS.get(arn);
}

/** An AWS managed policy as AWS publishes it, named as IAM names it; throws naming the files when not vendored. */
export function awsManaged(arn: string): NamedPolicy {
  const policy = DOCUMENTS.get(arn);
  if (!policy) {
    throw new Error(
      `the AWS managed policy ${arn} is not vendored in src/verify/aws-managed-policies.json or ` +
        "src/verify/aws-service-managed-policies.json",
    );
  }
  return { name: arn.split("/").pop() ?? arn, policy };
}

/** Whether a document is one of the vendored AWS documents (the same object, as awsManaged returns it). */
export function isVendoredDocument(policy: PolicyDoc): boolean {
  for (const document of DOCUMENTS.values()) if (document === policy) return true;
  return false;
}
