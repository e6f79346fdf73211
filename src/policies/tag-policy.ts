// The organization's tag policy: DataClassification takes only the values the landing zone understands, so a
// mistyped tag cannot take a resource out of Macie's PHI job or out of the PHI keys' deny (164.312(a)(1)); Owner and
// CostCenter are reported as required where the configuration asks. Syntax:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_example-tag-policies.html
import { DATA_CLASSIFICATIONS, PHI_TAG } from "./data-classification";

/** The policy's name in AWS Organizations. */
export const TAG_POLICY_NAME = "lz-tag-policy";

/**
 * Where AWS blocks, by default, a create or tag change whose DataClassification value is not allowed: Secrets
 * Manager, the one enforcement target read in AWS's own tag policy example
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_example-tag-policies.html, read
 * 2026-12-03). A target AWS does not support fails CreatePolicy, so others (S3 buckets, EC2, RDS, DynamoDB) are added
 * through tagPolicy.enforcedFor once checked against AWS's table of resource types that support enforcement
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_supported-resources-enforcement.html).
 * Everywhere else a wrong value is reported as noncompliant, not blocked.
 */
export const DEFAULT_TAG_ENFORCEMENT = ["secretsmanager:ALL_SUPPORTED"] as const;

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
  for (const key of requiredTags) {
    tags[key.toLowerCase()] = {
      tag_key: { "@@assign": key },
      report_required_tag_for: { "@@assign": enforcedFor },
    };
  }
  return { tags };
}
