// A customer-managed KMS key with the settings HIPAA encryption at rest needs (164.312(a)(2)(iv)): automatic
// rotation, a 30-day deletion window, an alias that says what it is for, and protection from destroy.
import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { PolicyDocument, renderPolicy } from "../src/policies/policy-document";
import { settingsOf } from "../src/config/profile";

/** KMS's longest waiting period: a month to notice and cancel a scheduled deletion. */
export const KEY_DELETION_WINDOW_DAYS = 30;

export interface LandingZoneKeyProps {
  /** The alias without the `alias/` prefix, e.g. `example-health/log-archive`. */
  readonly alias: string;
  /** What the key protects, for the console and audits. */
  readonly description: string;
  /** The key policy. */
  readonly policy: PolicyDocument;
  /**
   * The provider (account and region) the key lives in.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/** A rotating, destroy-protected CMK and its alias. */
export class LandingZoneKey extends Construct {
  readonly key: KmsKey;
  /** The key's ARN. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: LandingZoneKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, "key", {
      provider: props.provider,
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
      policy: renderPolicy(props.policy),
      // Losing a key loses every log and record it encrypted: keys are never destroyed by Terraform, except the
      // evaluation profile's, whose destroy schedules deletion after the window (src/config/profile.ts).
      lifecycle: { preventDestroy: settingsOf(this).preventDestroy },
    });
    new KmsAlias(this, "alias", {
      provider: props.provider,
      name: `alias/${props.alias}`,
      targetKeyId: this.key.keyId,
    });
    this.arn = this.key.arn;
  }
}
