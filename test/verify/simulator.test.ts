// The simulator module: conditions on colon-delimited encryption-context keys are evaluated (the simulator alone
// drops them), wildcard-only actions are authorized on "*", and requests equal up to account and key IDs share
// one canonical key. What this proves: our wrapper feeds the simulator faithfully; not AWS's behaviour.
import { decide, SimulatedRequest } from "../../src/verify/simulator";
import { canonicalKey } from "../../src/verify/verify";

const TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org";
const keyPolicy = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "TrailEncrypts",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*",
        },
      },
    },
  ],
};
const request = (context: Record<string, string>): SimulatedRequest => ({
  caller: { service: "cloudtrail.amazonaws.com" },
  action: "kms:GenerateDataKey",
  resource: "arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555",
  resourceAccount: "222222222222",
  context,
  resourcePolicy: keyPolicy,
});

it("evaluates a condition on kms:EncryptionContext:aws:cloudtrail:arn", async () => {
  expect((await decide(request({ "kms:EncryptionContext:aws:cloudtrail:arn": TRAIL }))).decision).toBe(
    "Allowed",
  );
  const other = await decide(
    request({
      "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:us-east-1:999999999999:trail/x",
    }),
  );
  expect(other).toMatchObject({
    decision: "ImplicitlyDenied",
    implicitDenies: expect.arrayContaining(["resource policy: no Allow matched"]),
  });
  expect((await decide(request({}))).decision).toBe("ImplicitlyDenied");
});

it("authorizes an action that has no resource type on *", async () => {
  const outcome = await decide({
    caller: { roleArn: "arn:aws:iam::111111111111:role/responder" },
    action: "guardduty:ArchiveFindings",
    resource: "arn:aws:guardduty:us-east-1:111111111111:detector/d",
    resourceAccount: "111111111111",
    context: {},
    identityPolicies: [
      {
        name: "triage",
        policy: {
          Version: "2012-10-17",
          Statement: [{ Sid: "Triage", Effect: "Allow", Action: "guardduty:ArchiveFindings", Resource: "*" }],
        },
      },
    ],
  });
  expect(outcome).toMatchObject({ decision: "Allowed", allows: ["identity triage: Triage"] });
});

it("gives requests that differ only in account and key IDs one canonical key, and others different keys", () => {
  const a = request({ "kms:EncryptionContext:aws:cloudtrail:arn": TRAIL });
  const b = JSON.parse(
    JSON.stringify(a)
      .replace(/111111111111/g, "333333333333")
      .replace(/222222222222/g, "444444444444"),
  );
  expect(canonicalKey(b)).toBe(canonicalKey(a));
  expect(canonicalKey({ ...a, action: "kms:Decrypt" })).not.toBe(canonicalKey(a));
  // Swapping the two accounts everywhere is still a consistent renaming, so still one key.
  const swapped = JSON.parse(
    JSON.stringify(a)
      .replace(/111111111111/g, "X")
      .replace(/222222222222/g, "111111111111")
      .replace(/X/g, "222222222222"),
  );
  expect(canonicalKey(swapped)).toBe(canonicalKey(a));
});
