// Macie for the organization from the delegated administrator: Macie on in every governed region, the
// configured accounts as members, and a scheduled classification job over the PHI-tagged buckets of PHI
// environments (164.308(a)(1)(ii)(A) risk analysis: know where PHI is; 164.312(a)(1) access control).
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Macie2Account } from "@cdktf/provider-aws/lib/macie2-account";
import { Macie2ClassificationJob } from "@cdktf/provider-aws/lib/macie2-classification-job";
import { Macie2Member } from "@cdktf/provider-aws/lib/macie2-member";
import { Macie2OrganizationConfiguration } from "@cdktf/provider-aws/lib/macie2-organization-configuration";

import { PHI_TAG } from "../src/policies/data-classification";

/** A member account. */
export interface MacieMemberAccount {
  /** Its name in the configuration (stable construct ID). */
  readonly name: string;
  readonly accountId: string;
  /** Its root email, which Macie's member API requires. */
  readonly email: string;
}

export interface MacieOrganizationProps {
  /** The delegated administrator's (security-tooling's) account ID: the ID its Macie session is imported by. */
  readonly adminAccountId: string;
  /** Governed regions. */
  readonly regions: readonly string[];
  /** Returns the delegated administrator's provider for a region. */
  readonly providerFor: (region: string) => AwsProvider;
  /** Accounts Macie covers. */
  readonly members: readonly MacieMemberAccount[];
  /** Accounts whose PHI-tagged buckets are classified on a schedule (PHI environments). */
  readonly classifiedAccountIds: readonly string[];
  /** Job name prefix. */
  readonly namePrefix: string;
  /** DAILY, WEEKLY or MONTHLY. */
  readonly schedule: string;
  /** Share of objects each run inspects. */
  readonly samplingPercentage: number;
}

/**
 * Macie per region: the administrator's session, members, and the PHI classification job.
 *
 * The session is adopted, not created: designating the delegated administrator (the organization stack, applied
 * before this one, per region) "also enables Macie in the current AWS Region for the designated administrator
 * account" (https://docs.aws.amazon.com/macie/latest/user/accounts-mgmt-ao-integrate.html), and EnableMacie on an
 * account where it is on is refused ("Macie has already been enabled"). The provider reads the session whatever
 * the ID, and names it by the account ID as its create does, so the import ID is known before anything applies;
 * once the session is in state the import is ignored.
 */
export class MacieOrganization extends Construct {
  constructor(scope: Construct, id: string, props: MacieOrganizationProps) {
    super(scope, id);
    for (const region of props.regions) {
      const provider = props.providerFor(region);
      const account = new Macie2Account(this, `macie-${region}`, {
        provider,
        status: "ENABLED",
        findingPublishingFrequency: "FIFTEEN_MINUTES",
      });
      account.importFrom(props.adminAccountId, provider);
      // Membership is explicit from the configuration (a vended account joins through the same list), so
      // auto-enable stays off and an environment that switches Macie off is honoured.
      new Macie2OrganizationConfiguration(this, `organization-${region}`, {
        provider,
        autoEnable: false,
        dependsOn: [account],
      });
      const members = props.members.map(
        (member) =>
          new Macie2Member(this, `member-${member.name}-${region}`, {
            provider,
            accountId: member.accountId,
            email: member.email,
            status: "ENABLED",
            dependsOn: [account],
          }),
      );
      if (props.classifiedAccountIds.length === 0) continue;
      new Macie2ClassificationJob(this, `phi-classification-${region}`, {
        provider,
        name: `${props.namePrefix}-phi-buckets-${region}`,
        jobType: "SCHEDULED",
        initialRun: true,
        samplingPercentage: props.samplingPercentage,
        scheduleFrequency: scheduleFrequency(props.schedule),
        s3JobDefinition: {
          bucketCriteria: {
            includes: {
              and: [
                {
                  simpleCriterion: {
                    comparator: "EQ",
                    key: "ACCOUNT_ID",
                    values: [...props.classifiedAccountIds],
                  },
                },
                { tagCriterion: { comparator: "EQ", tagValues: [{ ...PHI_TAG }] } },
              ],
            },
          },
        },
        dependsOn: members,
      });
    }
  }
}

function scheduleFrequency(schedule: string): {
  dailySchedule?: boolean;
  weeklySchedule?: string;
  monthlySchedule?: number;
} {
  if (schedule === "DAILY") return { dailySchedule: true };
  if (schedule === "MONTHLY") return { monthlySchedule: 1 };
  return { weeklySchedule: "MONDAY" };
}
