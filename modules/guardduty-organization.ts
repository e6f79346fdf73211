// GuardDuty in one governed region, run from the delegated administrator: its detector, every protection
// feature for the whole organization, and findings exported to the log archive (164.308(a)(1)(ii)(D) activity
// review, 164.312(b) audit controls).
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsGuarddutyDetector } from "@cdktf/provider-aws/lib/data-aws-guardduty-detector";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import { GuarddutyOrganizationConfiguration } from "@cdktf/provider-aws/lib/guardduty-organization-configuration";
import { GuarddutyOrganizationConfigurationFeature } from "@cdktf/provider-aws/lib/guardduty-organization-configuration-feature";
import { GuarddutyPublishingDestination } from "@cdktf/provider-aws/lib/guardduty-publishing-destination";

/** One GuardDuty protection feature, the agent settings it carries, and the regions that lack it. */
export interface GuardDutyFeature {
  /** The feature's API name. */
  readonly name: string;
  /** Additional configuration (automated agent management) turned on with it. */
  readonly additionalConfiguration?: readonly string[];
  /** Regions where GuardDuty does not offer the feature (GuardDuty user guide, "Regions and endpoints"). */
  readonly unavailableIn?: readonly string[];
}

/**
 * Every protection the issue asks for. Runtime Monitoring supersedes EKS Runtime Monitoring and covers EKS, ECS
 * Fargate and EC2 through managed agents.
 */
export const GUARDDUTY_FEATURES: readonly GuardDutyFeature[] = [
  { name: "S3_DATA_EVENTS" },
  { name: "EKS_AUDIT_LOGS" },
  { name: "EBS_MALWARE_PROTECTION" },
  { name: "RDS_LOGIN_EVENTS", unavailableIn: ["ap-east-2"] },
  { name: "LAMBDA_NETWORK_LOGS" },
  {
    name: "RUNTIME_MONITORING",
    additionalConfiguration: ["EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"],
    unavailableIn: ["ca-west-1"],
  },
];

/** The features GuardDuty offers in `region`. */
export function guardDutyFeaturesIn(region: string): GuardDutyFeature[] {
  return GUARDDUTY_FEATURES.filter((feature) => !(feature.unavailableIn ?? []).includes(region));
}

export interface GuardDutyOrganizationProps {
  /** The governed region this detector, its features and its export belong to (one construct per region). */
  readonly region: string;
  /** The provider for that region in the delegated administrator account. */
  readonly provider: AwsProvider;
  /** How often updated findings are exported. */
  readonly findingPublishingFrequency: string;
  /** The log archive bucket's ARN (findings land under AWSLogs/<account>/GuardDuty/<region>/). */
  readonly exportBucketArn: string;
  /** The log archive key GuardDuty encrypts exported findings with (its policy admits GuardDuty for this organization). */
  readonly exportKeyArn: string;
}

/**
 * The detector, its features, the organization's auto-enable settings and the findings export, in one region.
 *
 * The detector is adopted, not created: designating the delegated administrator (the organization stack, which
 * applies before this one) already enabled GuardDuty in this account in this region ("For this administrator
 * account, GuardDuty gets enabled automatically only in the designated AWS Region",
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html), and a second CreateDetector is
 * refused ("a detector already exists for the current account", hashicorp/terraform-provider-aws#11780). The
 * account's one detector is read at plan time and imported on the first apply; once it is in state, Terraform
 * ignores the import and the data source only reads the same detector again.
 */
export class GuardDutyOrganization extends Construct {
  /** The administrator's detector. */
  readonly detector: GuarddutyDetector;
  /** The detector the designation created, read at plan time: the import's ID. */
  readonly designated: DataAwsGuarddutyDetector;

  constructor(scope: Construct, id: string, props: GuardDutyOrganizationProps) {
    super(scope, id);
    const provider = props.provider;
    this.designated = new DataAwsGuarddutyDetector(this, "designated", { provider });
    this.detector = new GuarddutyDetector(this, "detector", {
      provider,
      enable: true,
      findingPublishingFrequency: props.findingPublishingFrequency,
    });
    this.detector.importFrom(this.designated.id, provider);
    const detectorId = this.detector.id;

    // ALL: existing member accounts as well as new ones, so no account joins the organization unwatched.
    new GuarddutyOrganizationConfiguration(this, "organization", {
      provider,
      detectorId,
      autoEnableOrganizationMembers: "ALL",
    });
    for (const feature of guardDutyFeaturesIn(props.region)) {
      const suffix = feature.name.toLowerCase().replace(/_/g, "-");
      new GuarddutyDetectorFeature(this, `feature-${suffix}`, {
        provider,
        detectorId,
        name: feature.name,
        status: "ENABLED",
        additionalConfiguration: (feature.additionalConfiguration ?? []).map((name) => ({
          name,
          status: "ENABLED",
        })),
      });
      new GuarddutyOrganizationConfigurationFeature(this, `organization-feature-${suffix}`, {
        provider,
        detectorId,
        name: feature.name,
        autoEnable: "ALL",
        additionalConfiguration: (feature.additionalConfiguration ?? []).map((name) => ({
          name,
          autoEnable: "ALL",
        })),
      });
    }

    // Findings outlive GuardDuty's 90-day history only if exported: into the write-once archive, encrypted.
    new GuarddutyPublishingDestination(this, "export", {
      provider,
      detectorId,
      destinationArn: props.exportBucketArn,
      kmsKeyArn: props.exportKeyArn,
    });
  }
}
