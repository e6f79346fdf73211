// The organization trail logs DynamoDB data events, table and stream, in every account: who read or wrote which
// item of a PHI table is the record an investigation needs, as S3 object access is for buckets (164.312(b) audit
// controls). Without an advanced event selector for the resource type CloudTrail records none of these calls, and
// says nothing. AWS lists the types at
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html.
import { listOf } from "./hipaa/rule";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

interface FieldSelector {
  readonly field: string;
  readonly equals?: string[];
}

/**
 * The DynamoDB data-event resource types the trail must log, as AWS's page lists them: tables (GetItem, PutItem,
 * Query, ...) and streams (GetRecords returns item images). Written here, not read from the trail module, so a type
 * dropped there fails here.
 */
export const DYNAMODB_DATA_EVENT_TYPES = ["AWS::DynamoDB::Table", "AWS::DynamoDB::Stream"] as const;

/** The resource types an organization trail logs every data event of: a selector narrowed by nothing else. */
export function typesLoggedEverywhere(selectors: unknown): Set<string> {
  const out = new Set<string>();
  for (const selector of listOf(selectors as Array<{ field_selector: FieldSelector[] }>)) {
    const fields = listOf(selector.field_selector);
    const equals = (field: string) => fields.find((f) => f.field === field)?.equals ?? [];
    const narrowed = fields.some((f) => !["eventCategory", "resources.type"].includes(f.field));
    if (narrowed || !equals("eventCategory").includes("Data")) continue;
    for (const type of equals("resources.type")) out.add(type);
  }
  return out;
}

export const trailDynamoDbDataEvents: ServiceRule = {
  id: "trail-dynamodb-data-events",
  title: "The organization trail logs DynamoDB table and stream data events in every account",
  doc: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_cloudtrail")) {
      if (model.argument(ref, "is_organization_trail") !== true) continue;
      const logged = typesLoggedEverywhere(model.argument(ref, "advanced_event_selector"));
      const missing = DYNAMODB_DATA_EVENT_TYPES.filter((type) => !logged.has(type));
      if (missing.length > 0) {
        out.push({
          address: addressOf(ref),
          message:
            `logs no DynamoDB data events for ${missing.join(", ")}: add an advanced event selector with ` +
            `eventCategory Data and resources.type ${missing.join(" / ")} (one per type), narrowed by nothing else ` +
            `(modules/organization-trail.ts TRAIL_DATA_EVENT_TYPES)`,
        });
      }
    }
    return out;
  },
};
