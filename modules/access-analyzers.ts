// IAM Access Analyzer for the whole organization from the delegated administrator: external access to any
// resource, and unused roles, keys and permissions (164.312(a)(1) access control, 164.308(a)(4) access review).
import { Construct } from "constructs";
import { AccessanalyzerAnalyzer } from "@cdktf/provider-aws/lib/accessanalyzer-analyzer";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

export interface AccessAnalyzersProps {
  /** Name prefix for the analyzers. */
  readonly namePrefix: string;
  /** The home-region provider in the delegated administrator account. */
  readonly provider: AwsProvider;
  /** Days without use after which access is reported as unused. */
  readonly unusedAccessAgeDays: number;
}

/** The organization's external-access and unused-access analyzers. */
export class AccessAnalyzers extends Construct {
  constructor(scope: Construct, id: string, props: AccessAnalyzersProps) {
    super(scope, id);
    new AccessanalyzerAnalyzer(this, "external-access", {
      provider: props.provider,
      analyzerName: `${props.namePrefix}-organization-external-access`,
      type: "ORGANIZATION",
    });
    new AccessanalyzerAnalyzer(this, "unused-access", {
      provider: props.provider,
      analyzerName: `${props.namePrefix}-organization-unused-access`,
      type: "ORGANIZATION_UNUSED_ACCESS",
      configuration: { unusedAccess: { unusedAccessAge: props.unusedAccessAgeDays } },
    });
  }
}
