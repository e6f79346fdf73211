// A member account in the organization. Accounts hold PHI and its audit trail, so they are never closed or
// removed by Terraform (164.312(c)(1) integrity, 164.316(b)(2)(i) retention), except under the evaluation profile.
import { Construct } from "constructs";
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { settingsOf } from "../src/config/profile";

export interface MemberAccountProps {
  /** The account's name. */
  readonly accountName: string;
  /** The account's root email, unique across AWS. */
  readonly email: string;
  /** The ID of the OU (or root) the account sits in. */
  readonly parentId: string;
  /** The role AWS Organizations creates in the account for the management account to assume. */
  readonly deployRoleName: string;
  /**
   * Tags for the account.
   * @default - none beyond the provider's default tags
   */
  readonly tags?: Record<string, string>;
}

/** One member account, protected from destroy and never closed. */
export class MemberAccount extends Construct {
  readonly account: OrganizationsAccount;
  /** The account's 12-digit ID. */
  readonly accountId: string;

  constructor(scope: Construct, id: string, props: MemberAccountProps) {
    super(scope, id);
    const profile = settingsOf(this);
    this.account = new OrganizationsAccount(this, "account", {
      name: props.accountName,
      email: props.email,
      parentId: props.parentId,
      roleName: props.deployRoleName,
      // Billing access for IAM roles lets Identity Center's Billing permission set work in member accounts.
      iamUserAccessToBilling: "ALLOW",
      // Removing an account from configuration must never close it: closing starts a 90-day clock after which
      // its data is gone. Suspension is a move to the Suspended OU; closing is a separate, manual step. Only the
      // evaluation profile's trial accounts close on destroy, so `make teardown` can remove them (src/config/profile.ts).
      closeOnDeletion: profile.closeAccountsOnDeletion,
      tags: props.tags,
      lifecycle: {
        preventDestroy: profile.preventDestroy,
        // AWS only accepts these at account creation and cannot report them back, so any later value would be a
        // permanent diff (the provider's documented advice is ignore_changes).
        ignoreChanges: ["role_name", "iam_user_access_to_billing"],
      },
    });
    this.accountId = this.account.id;
  }
}
