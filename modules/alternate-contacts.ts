// The account's alternate contacts (security, operations, billing), so AWS's abuse reports and security notices
// reach the incident responders rather than the root email's inbox (164.308(a)(6)(ii) response and reporting).
import { Construct } from "constructs";
import { AccountAlternateContact } from "@cdktf/provider-aws/lib/account-alternate-contact";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ContactConfig } from "../src/config/schema";

/** The contact types AWS Account Management knows, by the configuration's key. */
export const CONTACT_TYPES = { security: "SECURITY", operations: "OPERATIONS", billing: "BILLING" } as const;

export interface AlternateContactsProps {
  /** The contacts to set; a type left out is left as the account has it. */
  readonly contacts: Partial<Record<keyof typeof CONTACT_TYPES, ContactConfig>>;
  /** The account's home-region provider (Account Management is global; calls go through us-east-1 or home). */
  readonly provider: AwsProvider;
}

/** One aws_account_alternate_contact per configured type, in the account the provider reaches. */
export class AlternateContacts extends Construct {
  constructor(scope: Construct, id: string, props: AlternateContactsProps) {
    super(scope, id);
    for (const [key, type] of Object.entries(CONTACT_TYPES) as Array<[keyof typeof CONTACT_TYPES, string]>) {
      const contact = props.contacts[key];
      if (!contact) continue;
      new AccountAlternateContact(this, key, {
        provider: props.provider,
        alternateContactType: type,
        name: contact.name,
        title: contact.title,
        emailAddress: contact.email,
        phoneNumber: contact.phone,
      });
    }
  }
}
