// The simulator module: conditions on colon-delimited encryption-context keys are evaluated (the simulator alone
// drops them), wildcard-only actions are authorized on "*", and requests equal up to account and key IDs share
// one canonical key; a request asked again gets the outcome it got first, a changed one is decided afresh. What
// this proves: our wrapper feeds the simulator faithfully; not AWS's behaviour.
import { decide, PolicyDoc, requestText, sharedDocument, SimulatedRequest } from "../../src/verify/simulator";
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

it("decides a request asked again as it did the first time, and one with a policy changed afresh", async () => {
  const granted = request({ "kms:EncryptionContext:aws:cloudtrail:arn": TRAIL });
  const first = await decide(granted);
  expect(first.decision).toBe("Allowed");
  // The same input again, even as another object: the same (frozen) outcome, not a second simulation's copy.
  expect(await decide(JSON.parse(JSON.stringify(granted)))).toBe(first);
  expect(Object.isFrozen(first) && Object.isFrozen(first.allows)).toBe(true);
  // One word of the key policy changed: decided again, so the memo never answers for a policy it has not seen.
  const denying = JSON.parse(JSON.stringify(keyPolicy));
  denying.Statement[0].Effect = "Deny";
  const changed = await decide({ ...granted, resourcePolicy: denying });
  expect(changed.decision).toBe("ExplicitlyDenied");
  expect(changed.denies).toEqual(["resource policy TrailEncrypts"]);
});

it("writes a shared document as its name, and never lets it change", () => {
  const document = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
  };
  const shared = sharedDocument("arn:aws:iam::aws:policy/Example", document);
  const asked = (policy: PolicyDoc): SimulatedRequest => ({
    ...request({}),
    identityPolicies: [{ name: "Example", policy }],
  });
  expect(requestText(asked(shared))).toContain('"policy":"<arn:aws:iam::aws:policy/Example>"');
  // A copy is not the shared object: written in full, so it can differ from the document without sharing its text.
  expect(requestText(asked(JSON.parse(JSON.stringify(document))))).toContain('"Action":"s3:GetObject"');
  expect(() => {
    (shared.Statement[0] as { Action: string }).Action = "s3:*";
  }).toThrow(TypeError);
  expect(() => sharedDocument("arn:aws:iam::aws:policy/Other", document)).toThrow(
    "arn:aws:iam::aws:policy/Other is already shared as <arn:aws:iam::aws:policy/Example>",
  );
});
