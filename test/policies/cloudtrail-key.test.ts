// The CloudTrail key's use statements: CloudTrail may decrypt with it, as AWS requires when the trail's bucket
// uses an S3 Bucket Key, and only for the organization trail.
import { cloudTrailKeyUse } from "../../src/policies/kms-policies";

const ctx = {
  organizationId: "o-example0001",
  region: "us-east-1",
  managementAccountId: "100000000000",
  trailArn: "arn:aws:cloudtrail:us-east-1:100000000000:trail/example-health-organization-trail",
};

it("lets CloudTrail decrypt with the key for the organization trail only", () => {
  expect(cloudTrailKeyUse(ctx)).toContainEqual({
    Sid: "CloudTrailDecryptsForBucketKey",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "kms:Decrypt",
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceArn": ctx.trailArn } },
  });
});

it("gives the service principal no other decrypt statement", () => {
  const decrypts = cloudTrailKeyUse(ctx).filter(
    (s) => JSON.stringify(s.Principal).includes("cloudtrail.amazonaws.com") && s.Action === "kms:Decrypt",
  );
  expect(decrypts.map((s) => s.Sid)).toEqual(["CloudTrailDecryptsForBucketKey"]);
});
