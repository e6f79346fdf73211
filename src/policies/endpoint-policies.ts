// VPC endpoint policies that enforce the data perimeter (164.312(e)(1) transmission security, 164.312(a)(1)
// access control): through a PHI VPC's endpoints, only this organization's principals reach only this
// organization's resources, with the AWS-owned resources AWS's own agents and services need listed by name.
// Follows aws-samples/data-perimeter-policy-examples (vpc_endpoint_policies/*.json) and AWS's "Building a data
// perimeter on AWS" (https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html).
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

/**
 * AWS-owned buckets reached through the S3 gateway endpoint, and what needs them: the subset of the data-perimeter
 * examples' list (s3_endpoint_policy.json, AllowRequestsToAWSOwnedResources) that EC2, SSM, patching, the
 * CloudWatch agent and ECR use.
 */
export function awsOwnedBuckets(region: string): Array<{ readonly arn: string; readonly why: string }> {
  return [
    { arn: `arn:aws:s3:::prod-${region}-starport-layer-bucket/*`, why: "ECR stores image layers here" },
    { arn: `arn:aws:s3:::al2023-repos-${region}-*/*`, why: "Amazon Linux 2023 package repositories" },
    { arn: `arn:aws:s3:::amazonlinux-2-repos-${region}/*`, why: "Amazon Linux 2 package repositories" },
    { arn: `arn:aws:s3:::amazonlinux.${region}.amazonaws.com/*`, why: "Amazon Linux package repositories" },
    { arn: `arn:aws:s3:::aws-ssm-${region}/*`, why: "SSM agent updates and documents" },
    { arn: `arn:aws:s3:::amazon-ssm-${region}/*`, why: "SSM agent installers" },
    { arn: `arn:aws:s3:::amazon-ssm-packages-${region}/*`, why: "SSM Distributor packages" },
    { arn: `arn:aws:s3:::${region}-birdwatcher-prod/*`, why: "SSM Distributor package metadata" },
    { arn: `arn:aws:s3:::aws-ssm-distributor-file-${region}/*`, why: "SSM Distributor files" },
    { arn: `arn:aws:s3:::aws-ssm-document-attachments-${region}/*`, why: "SSM document attachments" },
    { arn: `arn:aws:s3:::patch-baseline-snapshot-${region}/*`, why: "Patch Manager baseline snapshots" },
    { arn: `arn:aws:s3:::amazoncloudwatch-agent-${region}/*`, why: "the CloudWatch agent" },
  ];
}

/**
 * AWS accounts whose ECR registries AWS's own images come from, by region: the EKS add-on registry (every
 * commercial region) and the GuardDuty runtime agent
 * (https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html).
 */
export const EKS_ADDON_REGISTRY_ACCOUNT = "602401143452";
export const GUARDDUTY_AGENT_REGISTRY_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "593207742271",
  "us-east-2": "307168627858",
  "us-west-1": "684579721401",
  "us-west-2": "733349766148",
  "ca-central-1": "354763396469",
  "eu-west-2": "892757235363",
  "eu-west-3": "665651866788",
};

/** The AWS registries ECR endpoints must reach in a region. */
export function awsRegistryAccounts(region: string): string[] {
  const guardDuty = GUARDDUTY_AGENT_REGISTRY_ACCOUNTS[region];
  return guardDuty ? [EKS_ADDON_REGISTRY_ACCOUNT, guardDuty] : [EKS_ADDON_REGISTRY_ACCOUNT];
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
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: fromOrg },
    });
  } else {
    // The perimeter: a principal of this organization acting on a resource of this organization.
    statements.push({
      Sid: "OrganizationPrincipalsToOrganizationResources",
      Effect: "Allow",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { ...fromOrg, "aws:ResourceOrgID": organizationId } },
    });
  }
  statements.push(...serviceExceptions(service, organizationId, region));
  return { Version: "2012-10-17", Statement: statements };
}

/** The documented exceptions of one endpoint service: AWS-owned resources and unsigned credential exchanges. */
function serviceExceptions(service: string, organizationId: string, region: string): PolicyStatement[] {
  const fromOrg = { StringEquals: { "aws:PrincipalOrgID": organizationId } };
  switch (service) {
    case "sts":
      return [
        // GetCallerIdentity names no resource; SDKs call it to find their account.
        {
          Sid: "OrganizationPrincipalsIdentifyThemselves",
          Effect: "Allow",
          Principal: "*",
          Action: "sts:GetCallerIdentity",
          Resource: "*",
          Condition: fromOrg,
        },
        // A web-identity or SAML exchange is not signed with AWS credentials, so there is no principal to check:
        // the perimeter is the role assumed, which must be this organization's
        // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts_vpce.html).
        {
          Sid: "FederatedSignInToOrganizationRoles",
          Effect: "Allow",
          Principal: "*",
          Action: ["sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"],
          Resource: "*",
          Condition: { StringEquals: { "aws:ResourceOrgID": organizationId } },
        },
      ];
    case "s3":
      // Image layers, OS packages and agent updates live in AWS-owned buckets outside every organization.
      return [
        {
          Sid: "OrganizationPrincipalsReadAwsOwnedBuckets",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: awsOwnedBuckets(region).map((b) => b.arn),
          Condition: fromOrg,
        },
      ];
    case "ssm":
      // SSM agents and launches read AWS's public parameters and AWS-owned documents (AWS-RunPatchBaseline, ...),
      // which belong to no account (data-perimeter ssm_endpoint_policy.json).
      return [
        {
          Sid: "OrganizationPrincipalsReadAwsOwnedSsmResources",
          Effect: "Allow",
          Principal: "*",
          Action: ["ssm:Describe*", "ssm:Get*", "ssm:List*"],
          Resource: [`arn:aws:ssm:${region}::parameter/aws/*`, `arn:aws:ssm:${region}::document/*`],
          Condition: fromOrg,
        },
      ];
    case "ecr.api":
    case "ecr.dkr":
      // EKS add-ons and the GuardDuty runtime agent are pulled from AWS's registries (ecr.api_endpoint_policy.json).
      return [
        {
          Sid: "OrganizationPrincipalsPullAwsImages",
          Effect: "Allow",
          Principal: "*",
          Action: [
            "ecr:BatchCheckLayerAvailability",
            "ecr:BatchGetImage",
            "ecr:GetAuthorizationToken",
            "ecr:GetDownloadUrlForLayer",
          ],
          Resource: "*",
          Condition: {
            StringEquals: {
              "aws:PrincipalOrgID": organizationId,
              "aws:ResourceAccount": awsRegistryAccounts(region),
            },
          },
        },
      ];
    default:
      return [];
  }
}
