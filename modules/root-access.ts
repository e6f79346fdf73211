// Centralized root access for member accounts: IAM manages their root credentials from the management account and
// may open short, task-scoped root sessions (sts:AssumeRoot), so no member account needs a root password or MFA
// device of its own (164.312(a)(2)(i) unique user identification, 164.312(a)(2)(ii) emergency access).
// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { IamOrganizationsFeatures } from "@cdktf/provider-aws/lib/iam-organizations-features";

/** IAM's service principal: trusted access is what lets IAM manage member accounts' root users. */
export const IAM_SERVICE_PRINCIPAL = "iam.amazonaws.com";

/**
 * Both features AWS offers: RootCredentialsManagement (delete and audit member accounts' root credentials, and
 * create new accounts without them) and RootSessions (task-scoped sessions from sts:AssumeRoot).
 */
export const ROOT_ACCESS_FEATURES = ["RootCredentialsManagement", "RootSessions"] as const;

export interface RootAccessProps {
  /** The organization, with trusted access for IAM. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** Turns on centralized root access for the organization's member accounts. */
export class RootAccess extends Construct {
  readonly features: IamOrganizationsFeatures;

  constructor(scope: Construct, id: string, props: RootAccessProps) {
    super(scope, id);
    this.features = new IamOrganizationsFeatures(this, "features", {
      enabledFeatures: [...ROOT_ACCESS_FEATURES],
      dependsOn: [...props.dependsOn],
    });
  }
}
