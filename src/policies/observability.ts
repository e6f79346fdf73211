// CloudWatch cross-account observability: every account's log groups and metrics linked, per region, to a sink in
// the security-tooling account, so the security team searches every account's application logs from one place
// without copying them (164.308(a)(1)(ii)(D) information system activity review, 164.312(b) audit controls).
// AWS: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Unified-Cross-Account.html
import { PolicyDocument } from "./policy-document";

/**
 * What every account shares: its log groups and its metrics. Traces are left out: AWS copies trace data into the
 * monitoring account (logs and metrics stay where they are and are read in place), and the landing zone runs no
 * tracing of its own (https://docs.aws.amazon.com/OAM/latest/APIReference/API_PutSinkPolicy.html lists the types).
 */
export const SHARED_RESOURCE_TYPES = ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup"] as const;

/** How a linked account is labelled in the monitoring account's console: its name in the organization. */
export const LINK_LABEL_TEMPLATE = "$AccountName";

/** The sink's name in each region of the monitoring account. */
export function sinkName(prefix: string): string {
  return `${prefix}-central-logs`;
}

/**
 * The sink's policy: AWS's example for a whole organization (AWS::Oam::Sink,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-oam-sink.html), with the organization
 * and the two shared types. A link that asks for any other type (traces, which would be copied here) is refused.
 */
export function sinkPolicy(organizationId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OrganizationAccountsLinkLogsAndMetrics",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["oam:CreateLink", "oam:UpdateLink"],
        Resource: "*",
        Condition: {
          StringEquals: { "aws:PrincipalOrgID": organizationId },
          "ForAllValues:StringEquals": { "oam:ResourceTypes": [...SHARED_RESOURCE_TYPES] },
        },
      },
    ],
  };
}
