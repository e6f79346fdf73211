// AWS Config in one account: a recorder for every resource type in every governed region (global types in the
// home region only) delivering to the log archive (164.312(b) audit controls, 164.308(a)(8) evaluation).
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder";
import { ConfigConfigurationRecorderStatus } from "@cdktf/provider-aws/lib/config-configuration-recorder-status";
import { ConfigDeliveryChannel } from "@cdktf/provider-aws/lib/config-delivery-channel";
import { IamServiceLinkedRole } from "@cdktf/provider-aws/lib/iam-service-linked-role";

/** The recorder's and delivery channel's name: Config allows one of each per account and region. */
export const CONFIG_RECORDER_NAME = "default";

export interface ConfigRecorderProps {
  /** The home region, where global resource types (IAM) are recorded. */
  readonly homeRegion: string;
  /** Governed regions. */
  readonly regions: readonly string[];
  /** Returns this account's provider for a region. */
  readonly providerFor: (region: string) => AwsProvider;
  /** The Config ingest bucket the delivery channels write to (not the archive: Config cannot deliver to Object Lock). */
  readonly bucketName: string;
  /** The log archive key Config encrypts its deliveries with. */
  readonly kmsKeyArn: string;
}

/** The service-linked role and, per region, a recorder, its delivery channel and its running status. */
export class ConfigRecorder extends Construct {
  /** Recorders by region. */
  readonly recorders = new Map<string, ConfigConfigurationRecorder>();

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    // The service-linked role carries AWS's own, maintained read permissions for every recordable type.
    const role = new IamServiceLinkedRole(this, "service-role", {
      provider: props.providerFor(props.homeRegion),
      awsServiceName: "config.amazonaws.com",
    });
    for (const region of props.regions) {
      const provider = props.providerFor(region);
      const recorder = new ConfigConfigurationRecorder(this, `recorder-${region}`, {
        provider,
        name: CONFIG_RECORDER_NAME,
        roleArn: role.arn,
        recordingGroup: {
          allSupported: true,
          // Global types (IAM) are the same in every region: recording them once avoids duplicate items and cost.
          includeGlobalResourceTypes: region === props.homeRegion,
        },
      });
      const channel = new ConfigDeliveryChannel(this, `delivery-${region}`, {
        provider,
        name: CONFIG_RECORDER_NAME,
        s3BucketName: props.bucketName,
        s3KmsKeyArn: props.kmsKeyArn,
        snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
        dependsOn: [recorder],
      });
      new ConfigConfigurationRecorderStatus(this, `status-${region}`, {
        provider,
        name: recorder.name,
        isEnabled: true,
        dependsOn: [channel],
      });
      this.recorders.set(region, recorder);
    }
  }
}
