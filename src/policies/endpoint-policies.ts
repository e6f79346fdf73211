// VPC endpoint policies that enforce the data perimeter (164.312(e)(1) transmission security, 164.312(a)(1)
// access control): through a PHI VPC's endpoints, only this organization's principals reach only this
// organization's resources, with the few AWS-owned resources workloads need listed by name.
import { PolicyDocument, PolicyStatement } from "./policy-document";

/**
 * Endpoints whose calls carry no resource owned by an account (metrics, Session Manager channels), so
 * aws:ResourceOrgID is absent and only the principal can be checked. Everything else is resource-scoped.
 */
export const PRINCIPAL_ONLY_ENDPOINTS: Readonly<Record<string, string>> = {
  monitoring: "PutMetricData and friends name no resource",
  ssmmessages: "Session Manager channels are not account resources",
  ec2messages: "the SSM agent's message channel is not an account resource",
};

/** AWS-owned buckets reached through the S3 gateway endpoint, and what needs them. */
export function awsOwnedBuckets(region: string): Array<{ readonly arn: string; readonly why: string }> {
  return [
    { arn: `arn:aws:s3:::prod-${region}-starport-layer-bucket/*`, why: "ECR stores image layers here" },
    { arn: `arn:aws:s3:::al2023-repos-${region}-*/*`, why: "Amazon Linux 2023 package repositories" },
    { arn: `arn:aws:s3:::aws-ssm-${region}/*`, why: "SSM agent updates and documents" },
  ];
}

/** The policy for the endpoint of `service` (e.g. kms, ecr.api, s3) in `region`. */
export function endpointPolicy(service: string, organizationId: string, region: string): PolicyDocument {
  const fromOrg = { "aws:PrincipalOrgID": organizationId };
  const statements: PolicyStatement[] = [];
  if (PRINCIPAL_ONLY_ENDPOINTS[service]) {
    // Only the principal can be checked for these calls (see PRINCIPAL_ONLY_ENDPOINTS).
    statements.push({
      Sid: "OrganizationPrincipals",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: fromOrg },
    });
  } else {
    // The perimeter: a principal of this organization acting on a resource of this organization.
    statements.push({
      Sid: "OrganizationPrincipalsToOrganizationResources",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { ...fromOrg, "aws:ResourceOrgID": organizationId } },
    });
  }
  if (service === "sts") {
    // GetCallerIdentity names no resource; SDKs call it to find their account.
    statements.push({
      Sid: "OrganizationPrincipalsIdentifyThemselves",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "sts:GetCallerIdentity",
      Resource: "*",
      Condition: { StringEquals: fromOrg },
    });
  }
  if (service === "s3") {
    // Image layers, OS packages and agent updates live in AWS-owned buckets outside every organization.
    statements.push({
      Sid: "OrganizationPrincipalsReadAwsOwnedBuckets",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "s3:GetObject",
      Resource: awsOwnedBuckets(region).map((b) => b.arn),
      Condition: { StringEquals: fromOrg },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
