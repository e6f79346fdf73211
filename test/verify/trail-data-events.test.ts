// The organization trail's DynamoDB data events (issue 32): rule trail-dynamodb-data-events holds on the example
// and fails, naming the trail and the missing resource type, when a DynamoDB selector is taken out again (the
// shape before the fix) or narrowed.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { trailDynamoDbDataEvents } from "../../src/verify/rules/trail-dynamodb-data-events";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { verifyLandingZone } from "../../src/verify/verify";
import { synthApp } from "../helpers/synth";

jest.setTimeout(60_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const synthesized = synthApp(example);

type Block = Record<string, unknown>;
type Selector = { name: string; field_selector: Block[] };

/** The rule's findings on the example with the trail's selectors edited. */
function findingsWith(edit: (selectors: Selector[]) => Selector[]): string[] {
  const stacks = JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks))) as Record<
    string,
    { resource: Record<string, Record<string, Block>> }
  >;
  const trail = Object.values(stacks["organization-trail"].resource.aws_cloudtrail)[0];
  trail.advanced_event_selector = edit(trail.advanced_event_selector as Selector[]);
  const model = new SynthesizedLandingZone(
    new Map(Object.entries(stacks)),
    allAccountNames(example.organization),
  );
  return trailDynamoDbDataEvents.check(model, example).map((f) => `${f.address}: ${f.message}`);
}

const ADDRESS = "organization-trail: aws_cloudtrail.trail_";

it("holds on the example: tables and streams in every account, and verify reports the rule", async () => {
  expect(findingsWith((s) => s)).toEqual([]);
  const model = new SynthesizedLandingZone(synthesized.stacks, allAccountNames(example.organization));
  const report = await verifyLandingZone(example, model);
  expect(report.rules.find((r) => r.id === "trail-dynamodb-data-events")?.findings).toEqual([]);
});

it("fails on the old shape (S3 and Lambda only), naming both types", () => {
  const findings = findingsWith((s) => s.filter((x) => !x.name.startsWith("DynamoDB")));
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatch(new RegExp(`^${ADDRESS}`));
  expect(findings[0]).toContain(
    "logs no DynamoDB data events for AWS::DynamoDB::Table, AWS::DynamoDB::Stream: add an advanced event selector " +
      "with eventCategory Data and resources.type AWS::DynamoDB::Table / AWS::DynamoDB::Stream (one per type), " +
      "narrowed by nothing else (modules/organization-trail.ts TRAIL_DATA_EVENT_TYPES)",
  );
});

it("fails when only the stream selector is missing", () => {
  const findings = findingsWith((s) => s.filter((x) => x.name !== "DynamoDB stream data events"));
  expect(findings).toEqual([
    expect.stringContaining("logs no DynamoDB data events for AWS::DynamoDB::Stream:"),
  ]);
});

it("fails when the table selector is narrowed to some tables", () => {
  const findings = findingsWith((s) =>
    s.map((x) =>
      x.name === "DynamoDB table data events"
        ? {
            ...x,
            field_selector: [
              ...x.field_selector,
              { field: "resources.ARN", starts_with: ["arn:aws:dynamodb:us-east-1:111111111111:table/"] },
            ],
          }
        : x,
    ),
  );
  expect(findings).toEqual([
    expect.stringContaining("logs no DynamoDB data events for AWS::DynamoDB::Table:"),
  ]);
});
