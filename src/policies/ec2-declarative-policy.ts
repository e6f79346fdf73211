// The organization's declarative policy for EC2: account settings AWS holds in place in every account, which no
// account administrator can change (public AMI and snapshot sharing, the serial console, IMDSv2 by default, VPC
// block public access), so PHI on volumes, images and instances is not published or reached from outside
// (164.312(a)(1) access control, 164.312(e)(1) transmission security). Syntax, every attribute and value below:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_declarative_syntax.html (read
// 2026-12-03). Unlike an SCP, a declarative policy on Root "applies to all accounts in your organization", the
// management account included (orgs_manage_policies_effective.html), so no baseline keeps its own IMDS setting.

/** The policy's name in AWS Organizations. */
export const EC2_DECLARATIVE_POLICY_NAME = "lz-ec2-baseline";

/**
 * VPC block public access modes AWS accepts, and `unmanaged`, which leaves the attribute out of the policy so each
 * account keeps its own setting (writing "off" into the policy would forbid accounts from turning it on).
 */
export const VPC_BLOCK_PUBLIC_ACCESS_MODES = ["block_ingress", "block_bidirectional", "unmanaged"] as const;
export type VpcBlockPublicAccessMode = (typeof VPC_BLOCK_PUBLIC_ACCESS_MODES)[number];

/** What the configuration decides about the policy; everything else in it is fixed. */
export interface Ec2DeclarativePolicyOptions {
  /** VPC block public access for internet gateways; block_ingress still lets NAT gateways reach out. */
  readonly vpcBlockPublicAccess: VpcBlockPublicAccessMode;
  /** Whether an account may exclude a VPC or subnet from VPC block public access (a public load balancer). */
  readonly vpcExclusionsAllowed: boolean;
}

/**
 * The message EC2 returns with a request the policy refuses (AWS's exception_message), so whoever hits it learns
 * where the setting comes from.
 */
export const EC2_DECLARATIVE_POLICY_MESSAGE =
  "Refused by the landing zone's EC2 declarative policies (lz-ec2-baseline; lz-ec2-phi-images for images where PHI may be; AWS Organizations); see docs/controls.md.";

/**
 * A fixed value: `@@assign`, and `@@none` for child policies, so a policy attached lower in the organization cannot
 * weaken it (the operator as AWS's Control Tower declarative controls place it on each setting).
 */
function fixed(value: string): Record<string, unknown> {
  return { "@@assign": value, "@@operators_allowed_for_child_policies": ["@@none"] };
}

/** The policy document (management policy syntax, not IAM). */
export function ec2DeclarativePolicyContent(options: Ec2DeclarativePolicyOptions): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    exception_message: { "@@assign": EC2_DECLARATIVE_POLICY_MESSAGE },
    // No new public AMIs (block_new_sharing is the only blocking state AWS offers for images).
    image_block_public_access: { state: fixed("block_new_sharing") },
    // No public snapshots at all: ones already public become private.
    snapshot_block_public_access: { state: fixed("block_all_sharing") },
    // The serial console reaches an instance without the network controls and session logging around it.
    serial_console_access: { status: fixed("disabled") },
    // IMDSv2 for every new instance (a stolen-credential SSRF cannot read the role's credentials with a plain GET),
    // hop limit 2 for containers; endpoint and tags keep AWS's defaults. AWS sets defaults here, it does not
    // enforce them on a launch that asks otherwise: the conformance pack's EC2_IMDSV2_CHECK reports those.
    instance_metadata_defaults: {
      http_tokens: fixed("required"),
      http_put_response_hop_limit: fixed("2"),
      http_endpoint: fixed("no_preference"),
      instance_metadata_tags: fixed("no_preference"),
    },
  };
  if (options.vpcBlockPublicAccess !== "unmanaged") {
    attributes.vpc_block_public_access = {
      internet_gateway_block: {
        mode: fixed(options.vpcBlockPublicAccess),
        exclusions_allowed: fixed(options.vpcExclusionsAllowed ? "enabled" : "disabled"),
      },
    };
  }
  return { ec2_attributes: attributes };
}

/** The declarative policy on the OUs that allow PHI: only vetted machine images launch there. */
export const EC2_IMAGES_POLICY_NAME = "lz-ec2-phi-images";

/** Allowed AMIs states the landing zone offers: enforced, or only reported while a team moves its images. */
export const ALLOWED_IMAGES_STATES = ["enabled", "audit_mode"] as const;
export type AllowedImagesState = (typeof ALLOWED_IMAGES_STATES)[number];

/** The provider aliases AWS's declarative policy syntax accepts besides 12-digit account IDs. */
export const IMAGE_PROVIDER_ALIASES = ["amazon", "aws_marketplace", "aws_backup_vault"] as const;

/** AWS's most image providers in one criterion (ec2-allowed-amis.html, "200 values for ImageProviders"). */
export const MAX_IMAGE_PROVIDERS = 200;

/**
 * Allowed AMIs for the OUs that allow PHI (164.312(c)(1) integrity: an image from an unknown publisher can carry
 * anything into a PHI account): only images from the listed providers are discoverable and launch there; an
 * account's own images always are ("It does not restrict the AMIs owned by your account",
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html); instances already running are not
 * stopped. Syntax: `allowed_images_settings` on the declarative policy syntax page (above), with `@@none` so no policy
 * lower down widens it. `providers` are the aliases above or account IDs.
 */
export function allowedImagesPolicyContent(
  state: AllowedImagesState,
  providers: readonly string[],
): Record<string, unknown> {
  return {
    ec2_attributes: {
      // @@none on the setting itself: criteria are OR'd, so a lower policy adding criteria_2 would widen it.
      allowed_images_settings: {
        "@@operators_allowed_for_child_policies": ["@@none"],
        state: fixed(state),
        image_criteria: {
          criteria_1: {
            allowed_image_providers: {
              "@@assign": [...providers],
              "@@operators_allowed_for_child_policies": ["@@none"],
            },
          },
        },
      },
    },
  };
}
