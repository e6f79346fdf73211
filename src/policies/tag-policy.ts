// The organization's tag policy: DataClassification takes only the values the landing zone understands, so a
// mistyped tag cannot take a bucket out of Macie's PHI job or out of the PHI keys' deny (164.312(a)(1)); Owner and
// CostCenter are reported as required where the configuration asks. Syntax:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_example-tag-policies.html
import { DATA_CLASSIFICATIONS, PHI_TAG } from "./data-classification";

/** The policy's name in AWS Organizations. */
export const TAG_POLICY_NAME = "lz-tag-policy";

/**
 * Where AWS blocks a create or tag change whose DataClassification value is not allowed: the services that hold PHI
 * in a landing zone's workloads, each as `<service>:ALL_SUPPORTED` (every resource type of the service that supports
 * enforcement). Each is on AWS's "Services and resource types that support enforcement" as of `checked`; the page
 * is https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_supported-resources-enforcement.html.
 * Other resources are reported as noncompliant, not blocked.
 */
export const TAG_ENFORCEMENT: ReadonlyArray<{ readonly service: string; readonly checked: string }> = [
  { service: "dynamodb", checked: "2026-12-03" },
  { service: "ec2", checked: "2026-12-03" },
  { service: "rds", checked: "2026-12-03" },
  { service: "s3", checked: "2026-12-03" },
  { service: "secretsmanager", checked: "2026-12-03" },
];

/** The tag keys the configuration may require (tagPolicy.requiredTags), as the stacks spell them. */
export const REQUIRABLE_TAGS = ["Owner", "CostCenter"] as const;

export type RequirableTag = (typeof REQUIRABLE_TAGS)[number];

/** The tag policy's content for the configured required tags. */
export function tagPolicyContent(requiredTags: readonly RequirableTag[]): Record<string, unknown> {
  const enforcedFor = TAG_ENFORCEMENT.map((e) => `${e.service}:ALL_SUPPORTED`);
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
