// The organization's tag policy: DataClassification takes only the values the landing zone understands, so a
// mistyped tag cannot take a resource out of Macie's PHI job or out of the PHI keys' deny (164.312(a)(1)); Owner and
// CostCenter are reported as required where the configuration asks. Syntax:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_example-tag-policies.html
import { DATA_CLASSIFICATIONS, PHI_TAG } from "./data-classification";

/** The policy's name in AWS Organizations. */
export const TAG_POLICY_NAME = "lz-tag-policy";

/**
 * Where AWS blocks, by default, a create or tag change whose DataClassification value is not allowed: the resource
 * types that hold or carry PHI and that AWS's table marks as supporting both enforcement mode and required-tag
 * reporting (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_supported-resources-enforcement.html,
 * read as a stored copy on 2026-12-06), so the same list serves `enforced_for` and `report_required_tag_for`, and
 * Secrets Manager as in AWS's own tag policy example. AWS cannot enforce a tag policy on RDS DB instances or clusters
 * (`rds:db`, `rds:cluster`: reporting only), EBS snapshots and backup vaults support enforcement but not required-tag
 * reporting, so those are reported as noncompliant, not blocked; a type AWS does not support fails CreatePolicy.
 */
export const DEFAULT_TAG_ENFORCEMENT = [
  "secretsmanager:ALL_SUPPORTED",
  "s3:bucket",
  "dynamodb:table",
  "elasticfilesystem:file-system",
  "fsx:file-system",
  "ec2:instance",
  "ec2:volume",
  "kms:key",
  "logs:log-group",
  "lambda:function",
  "sqs:queue",
  "sns:topic",
  "firehose:deliverystream",
  "ecr:repository",
  "healthlake:datastore",
  "redshift:cluster",
] as const;

/** Resource types AWS's table names but cannot enforce a tag policy on; tagPolicy.enforcedFor refuses them. */
export const TAG_ENFORCEMENT_UNSUPPORTED = [
  "rds:db",
  "rds:cluster",
  "rds:snapshot",
  "rds:cluster-snapshot",
  "dynamodb:globaltable",
  "kinesis:stream",
  "elasticache:replicationgroup",
  "medical-imaging:datastore",
  "kafka:cluster",
  "iam:role",
  "iam:user",
  "ssm:parameter",
] as const;

/** The shape of an enforcement target: `<service>:<resource type>` or `<service>:ALL_SUPPORTED`. */
export const TAG_ENFORCEMENT_PATTERN = /^[a-z0-9-]+:([a-zA-Z0-9-]+|ALL_SUPPORTED)$/;

/** The tag keys the configuration may require (tagPolicy.requiredTags), as the stacks spell them. */
export const REQUIRABLE_TAGS = ["Owner", "CostCenter"] as const;

export type RequirableTag = (typeof REQUIRABLE_TAGS)[number];

/** The tag policy's content for the configured required tags and extra enforcement targets. */
export function tagPolicyContent(
  requiredTags: readonly RequirableTag[],
  extraEnforcedFor: readonly string[] = [],
): Record<string, unknown> {
  const enforcedFor = [...new Set([...DEFAULT_TAG_ENFORCEMENT, ...extraEnforcedFor])];
  const tags: Record<string, unknown> = {
    // The policy key must be the tag key in any case; tag_key fixes the capitalization the stacks use.
    [PHI_TAG.key.toLowerCase()]: {
      tag_key: { "@@assign": PHI_TAG.key },
      tag_value: { "@@assign": [...DATA_CLASSIFICATIONS] },
      enforced_for: { "@@assign": enforcedFor },
    },
  };
  // Required-tag reporting only where AWS's table says it is supported: the defaults, not a configured extra type.
  for (const key of requiredTags) {
    tags[key.toLowerCase()] = {
      tag_key: { "@@assign": key },
      report_required_tag_for: { "@@assign": [...DEFAULT_TAG_ENFORCEMENT] },
    };
  }
  return { tags };
}
