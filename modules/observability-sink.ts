// The monitoring side of the central application logs: a CloudWatch Observability Access Manager sink per governed
// region in the security-tooling account, whose policy lets only this organization's accounts link, and only their
// log groups and metrics (164.308(a)(1)(ii)(D) information system activity review, 164.312(b) audit controls).
// AWS: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Unified-Cross-Account-Setup.html
import { Construct } from "constructs";
import { OamSink } from "@cdktf/provider-aws/lib/oam-sink";
import { OamSinkPolicy } from "@cdktf/provider-aws/lib/oam-sink-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { renderPolicy } from "../src/policies/policy-document";
import { sinkName, sinkPolicy } from "../src/policies/observability";

export interface ObservabilitySinkProps {
  /** The governed regions: links exist only within a region, so each needs its own sink. */
  readonly regions: readonly string[];
  /** Returns the monitoring account's provider for a region. */
  readonly providerFor: (region: string) => AwsProvider;
  /** The organization's ID: the sink policy admits its accounts only. */
  readonly organizationId: string;
  /** The organization's name: the sinks' names start with it. */
  readonly namePrefix: string;
}

/** One sink and its policy per region. */
export class ObservabilitySink extends Construct {
  /**
   * The sink ARN per region, read from the sink policy so a link made with it is made only after the policy
   * admits it (AWS refuses a link the sink's policy does not allow).
   */
  readonly sinkArns = new Map<string, string>();

  constructor(scope: Construct, id: string, props: ObservabilitySinkProps) {
    super(scope, id);
    for (const region of props.regions) {
      const provider = props.providerFor(region);
      // AWS allows one sink per account and region (https://docs.aws.amazon.com/OAM/latest/APIReference/API_CreateSink.html).
      const sink = new OamSink(this, `sink-${region}`, { provider, name: sinkName(props.namePrefix) });
      const policy = new OamSinkPolicy(this, `sink-policy-${region}`, {
        provider,
        sinkIdentifier: sink.arn,
        policy: renderPolicy(sinkPolicy(props.organizationId)),
      });
      this.sinkArns.set(region, policy.arn);
    }
  }
}
