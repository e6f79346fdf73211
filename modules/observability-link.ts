// The source side of the central application logs: one account's link, per governed region, that shares its log
// groups and metrics with the security-tooling account's sink. Nothing is copied: the monitoring account reads them
// in place, under each log group's own key, retention and data protection policy (164.308(a)(1)(ii)(D),
// 164.312(b)). AWS: https://docs.aws.amazon.com/OAM/latest/APIReference/API_CreateLink.html
import { Construct } from "constructs";
import { OamLink } from "@cdktf/provider-aws/lib/oam-link";
import { LINK_LABEL_TEMPLATE, SHARED_RESOURCE_TYPES } from "../src/policies/observability";
import { AccountRegionsProps } from "./account-regions";

export interface ObservabilityLinkProps extends Omit<AccountRegionsProps, "accountId" | "homeRegion"> {
  /** The sink's ARN per region (the security stack's ObservabilitySink). */
  readonly sinkArns: ReadonlyMap<string, string>;
}

/** One link per governed region. */
export class ObservabilityLink extends Construct {
  constructor(scope: Construct, id: string, props: ObservabilityLinkProps) {
    super(scope, id);
    for (const region of props.regions) {
      const sinkArn = props.sinkArns.get(region);
      if (!sinkArn) {
        throw new Error(
          `${this.node.path}: prop sinkArns: expected a sink ARN for every governed region (${props.regions.join(", ")}); received none for ${region} (it has ${[...props.sinkArns.keys()].join(", ") || "none"})`,
        );
      }
      new OamLink(this, `link-${region}`, {
        provider: props.providerFor(region),
        sinkIdentifier: sinkArn,
        labelTemplate: LINK_LABEL_TEMPLATE,
        resourceTypes: [...SHARED_RESOURCE_TYPES],
      });
    }
  }
}
