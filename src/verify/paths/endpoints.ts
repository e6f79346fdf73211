// Access paths through each PHI VPC's endpoints (164.312(e)(1) transmission security): the calls AWS's own agents
// and services make to AWS-owned resources must pass; reaching a resource or a principal outside the
// organization must not. Follows aws-samples/data-perimeter-policy-examples (vpc_endpoint_policies/).
import { regionOf, vpcAccountOf } from "../../config/model";
import {
  EKS_ADDON_REGISTRY_ACCOUNT,
  GUARDDUTY_AGENT_REGISTRY_ACCOUNTS,
} from "../../policies/endpoint-policies";
import {
  ADMINISTRATOR_ACCESS,
  AccessPath,
  fromRole,
  OUTSIDE_ORG_ID,
  OUTSIDE_ROLE,
  PathContext,
  workloadAdminArn,
} from "./context";

const PERIMETER_DOC =
  "https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html";
const SSM_DOC =
  "https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html#sysman-setting-up-vpc-policy";
const ECR_DOC =
  "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms";
const GUARDDUTY_AGENT_DOC =
  "https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring-ecr-repository-gdu-agent.html";
const STS_DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts_vpce.html";

/** A request an AWS agent makes to an AWS-owned resource, by endpoint service. */
interface AwsOwnedRequest {
  /** The path ID's last part. */
  readonly id: string;
  readonly service: string;
  readonly action: string;
  readonly resource: string;
  readonly what: string;
  readonly doc: string;
  /** The owning AWS account, where the resource has one (ECR registries); "aws" for account-less resources. */
  readonly owner: string;
}

/**
 * Requests AWS's agents make to AWS-owned resources in a region. AWS's public SSM parameters and documents have
 * account-less ARNs (arn:aws:ssm:<region>::parameter/aws/...) the simulator cannot type, so their endpoint
 * exception is shown only by a real deploy (docs/verification.md: What only a real deploy can show).
 */
function awsOwnedRequests(region: string): AwsOwnedRequest[] {
  const s3 = (bucket: string, key: string, what: string, doc = SSM_DOC): AwsOwnedRequest => ({
    id: bucket.replace(`-${region}`, ""),
    service: "s3",
    action: "s3:GetObject",
    resource: `arn:aws:s3:::${bucket}/${key}`,
    what,
    doc,
    owner: "aws",
  });
  const out: AwsOwnedRequest[] = [
    s3(`aws-ssm-${region}`, "manifest.json", "the SSM agent reads its updates"),
    s3(`amazon-ssm-${region}`, "latest/linux_amd64/amazon-ssm-agent.rpm", "the SSM agent installs itself"),
    s3(`patch-baseline-snapshot-${region}`, "snapshot.json", "Patch Manager reads its baseline snapshot"),
    s3(`amazonlinux-2-repos-${region}`, "core/mirror.list", "Amazon Linux 2 reads its package repository"),
    s3(
      `al2023-repos-${region}-de612dc2`,
      "core/mirrors/latest",
      "Amazon Linux 2023 reads its package repository",
    ),
    s3(`prod-${region}-starport-layer-bucket`, "layer", "ECR image layers download", ECR_DOC),
    {
      id: "eks-addon",
      service: "ecr.api",
      action: "ecr:GetDownloadUrlForLayer",
      resource: `arn:aws:ecr:${region}:${EKS_ADDON_REGISTRY_ACCOUNT}:repository/eks/coredns`,
      what: "an EKS add-on image is pulled",
      doc: ECR_DOC,
      owner: EKS_ADDON_REGISTRY_ACCOUNT,
    },
  ];
  const guardDuty = GUARDDUTY_AGENT_REGISTRY_ACCOUNTS[region];
  if (guardDuty) {
    out.push({
      id: "guardduty-agent",
      service: "ecr.dkr",
      action: "ecr:BatchGetImage",
      resource: `arn:aws:ecr:${region}:${guardDuty}:repository/aws-guardduty-agent-fargate`,
      what: "the GuardDuty runtime agent image is pulled",
      doc: GUARDDUTY_AGENT_DOC,
      owner: guardDuty,
    });
  }
  return out;
}

/** AWS-owned resources are readable by anyone AWS's side allows; the proof is about our layers in front. */
function awsOwnedResourcePolicy(action: string) {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "AwsOwnedResource", Effect: "Allow", Principal: "*", Action: action, Resource: "*" }],
  };
}

/** Through each environment's endpoints: AWS-owned resources reachable, everything outside the org not. */
export function endpointPaths(ctx: PathContext): AccessPath[] {
  const { config, index, model } = ctx;
  const out: AccessPath[] = [];
  const group = "VPC endpoints";
  for (const env of config.environments) {
    // An endpoint serves its VPC's region, whose AWS-owned buckets and registries its policy names.
    const region = regionOf(config.organization, env);
    // The environment's VPC endpoints are those its default tags name (one network stack per environment).
    const stack = model
      .resources("aws_vpc_endpoint")
      .find((ref) => model.tagsOf(ref).Environment === env.name)?.stack;
    if (stack === undefined) continue;
    const account = model.accountId(vpcAccountOf(env));
    const admin = workloadAdminArn(account);
    const present = new Set(
      model
        .resources("aws_vpc_endpoint", stack)
        .map((r) => String(model.argument(r, "service_name")).split(".").slice(3).join(".")),
    );
    for (const request of awsOwnedRequests(region)) {
      if (!present.has(request.service)) continue;
      out.push({
        id: `endpoint-${env.name}-${request.service}-${request.id}`,
        group,
        title: `Through ${env.name}'s ${request.service} endpoint, ${request.what}`,
        expect: "allow",
        doc: request.doc,
        setting: `leave ${request.service} out of network.interfaceEndpoints in ${env.name}.yaml`,
        build: () => ({
          ...fromRole(admin, ctx.orgId, region),
          action: request.action,
          resource: request.resource,
          resourceAccount: request.owner === "aws" ? "000000000000" : request.owner,
          identityPolicies: [ADMINISTRATOR_ACCESS],
          resourcePolicy: awsOwnedResourcePolicy(request.action),
          scps: index.scpLevels(account),
          endpointPolicies: [index.endpointPolicy(stack, request.service)],
        }),
      });
    }
    if (present.has("sts")) {
      out.push({
        id: `endpoint-${env.name}-sts-web-identity`,
        group,
        title: `Through ${env.name}'s sts endpoint, a workload exchanges its web identity token for a role in the organization`,
        expect: "allow",
        doc: STS_DOC,
        build: () => ({
          caller: {
            webIdentity:
              "arn:aws:iam::" + account + ":oidc-provider/oidc.eks." + region + ".amazonaws.com/id/EXAMPLE",
          },
          context: {
            "aws:SecureTransport": "true",
            "aws:ResourceOrgID": ctx.orgId,
            "aws:RequestedRegion": region,
          },
          action: "sts:AssumeRoleWithWebIdentity",
          resource: `arn:aws:iam::${account}:role/workload-irsa`,
          resourceAccount: account,
          resourcePolicy: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: {
                  Federated: `arn:aws:iam::${account}:oidc-provider/oidc.eks.${region}.amazonaws.com/id/EXAMPLE`,
                },
                Action: "sts:AssumeRoleWithWebIdentity",
              },
            ],
          },
          endpointPolicies: [index.endpointPolicy(stack, "sts")],
        }),
      });
    }
    for (const [service, action, resource] of [
      ["s3", "s3:PutObject", "arn:aws:s3:::someone-elses-bucket/exfiltrated"],
      ["kms", "kms:Decrypt", `arn:aws:kms:${region}:999999999999:key/00000000-0000-0000-0000-000000000000`],
    ] as const) {
      if (!present.has(service)) continue;
      out.push({
        id: `endpoint-${env.name}-${service}-outside-resource`,
        group,
        title: `Through ${env.name}'s ${service} endpoint, ${action} on a resource outside the organization is refused`,
        expect: "deny",
        doc: PERIMETER_DOC,
        build: () => ({
          ...fromRole(admin, ctx.orgId, region, { "aws:ResourceOrgID": OUTSIDE_ORG_ID }),
          action,
          resource,
          resourceAccount: "999999999999",
          identityPolicies: [ADMINISTRATOR_ACCESS],
          scps: index.scpLevels(account),
          endpointPolicies: [index.endpointPolicy(stack, service)],
        }),
      });
    }
    if (present.has("s3")) {
      out.push({
        id: `endpoint-${env.name}-s3-outside-principal`,
        group,
        title: `Through ${env.name}'s s3 endpoint, a principal outside the organization cannot reach the organization's buckets`,
        expect: "deny",
        doc: PERIMETER_DOC,
        build: () => ({
          ...fromRole(OUTSIDE_ROLE, undefined, region, { "aws:ResourceOrgID": ctx.orgId }),
          action: "s3:GetObject",
          resource: "arn:aws:s3:::workload-bucket/object",
          resourceAccount: account,
          identityPolicies: [ADMINISTRATOR_ACCESS],
          resourcePolicy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
          },
          endpointPolicies: [index.endpointPolicy(stack, "s3")],
        }),
      });
    }
  }
  return out;
}
