// CloudTrail's delegated administrator must be registered through CloudTrail's own API
// (RegisterOrganizationDelegatedAdmin), which also creates the service-linked role CloudTrail needs; registering it
// through Organizations leaves the account unable to manage the organization trail (164.312(b)).
import { addressOf, RuleFinding, ServiceRule } from "./rule";

export const cloudTrailDelegatedAdmin: ServiceRule = {
  id: "cloudtrail-delegated-admin",
  title: "CloudTrail's delegated administrator is registered through CloudTrail, not Organizations",
  doc: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-add-delegated-administrator.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_organizations_delegated_administrator")) {
      if (model.argument(ref, "service_principal") === "cloudtrail.amazonaws.com") {
        out.push({
          address: addressOf(ref),
          message:
            "registers CloudTrail's delegated administrator through Organizations; use aws_cloudtrail_organization_delegated_admin_account (CloudTrail's RegisterOrganizationDelegatedAdmin)",
        });
      }
    }
    return out;
  },
};
