// CloudTrail's kms:Decrypt on the trail's key (issue 32): AWS requires it to create or update a trail with SSE-KMS
// when the bucket uses an S3 Bucket Key, which the log archive does. Path trail-decrypts-for-bucket-key is
// allowed on the example, fails by name when the key policy statement is taken out (the shape before the fix), and
// is not asked for when the bucket has no Bucket Key.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { failureLines, verifyLandingZone, VerifyReport } from "../../src/verify/verify";
import { synthApp } from "../helpers/synth";

// The first case decides every path of the catalogue: when this file is its worker's first to do so (the rest reuse
// the worker's simulations), that is about a thousand simulations on a busy two-core machine.
jest.setTimeout(180_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const synthesized = synthApp(example);

type Block = Record<string, unknown>;
type Stacks = Record<string, { resource: Record<string, Record<string, Block>> }>;

async function verifyWith(edit: (stacks: Stacks) => void): Promise<VerifyReport> {
  const stacks = JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks))) as Stacks;
  edit(stacks);
  const model = new SynthesizedLandingZone(
    new Map(Object.entries(stacks)),
    allAccountNames(example.organization),
  );
  return verifyLandingZone(example, model);
}

/** The CloudTrail key's policy in the security stack. */
function cloudTrailKey(stacks: Stacks): Block {
  const entry = Object.entries(stacks.security.resource.aws_kms_key).find(([, b]) =>
    ((b["//"] as { metadata: { path: string } }).metadata.path as string).endsWith("/cloudtrail/key"),
  );
  if (!entry) throw new Error("no CloudTrail key in the security stack");
  return entry[1];
}

/** The archive's default encryption (the trail's bucket), in the log-archive stack. */
function archiveEncryption(stacks: Stacks): Block {
  const entry = Object.values(
    stacks["log-archive"].resource.aws_s3_bucket_server_side_encryption_configuration,
  ).find((b) =>
    ((b["//"] as { metadata: { path: string } }).metadata.path as string).endsWith("/archive/encryption"),
  );
  if (!entry) throw new Error("no archive encryption configuration");
  return entry;
}

/** The paths that fail with an edit and pass without it: other work in the tree cannot blur what one edit breaks. */
async function newlyFailing(edit: (stacks: Stacks) => void): Promise<string[]> {
  const failing = (r: VerifyReport) => r.paths.filter((p) => !p.ok).map((p) => p.id);
  const before = new Set(failing(await verifyWith(() => undefined)));
  return failing(await verifyWith(edit)).filter((id) => !before.has(id));
}

const PATH = "trail-decrypts-for-bucket-key";

it("is allowed on the example, whose archive uses an S3 Bucket Key", async () => {
  const stacks = JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks))) as Stacks;
  expect((archiveEncryption(stacks).rule as Block[])[0].bucket_key_enabled).toBe(true);
  const report = await verifyWith(() => undefined);
  expect(report.paths.find((p) => p.id === PATH)).toMatchObject({
    expect: "allow",
    decided: "Allowed",
    ok: true,
  });
});

it("fails by name when the key policy grants CloudTrail no kms:Decrypt (the shape before the fix)", async () => {
  const edit = (stacks: Stacks) => {
    const key = cloudTrailKey(stacks);
    const policy = JSON.parse(key.policy as string) as { Statement: Array<{ Sid: string }> };
    policy.Statement = policy.Statement.filter((s) => s.Sid !== "CloudTrailDecryptsForBucketKey");
    key.policy = JSON.stringify(policy);
  };
  expect(await newlyFailing(edit)).toEqual([PATH]);
  const report = await verifyWith(edit);
  expect(report.ok).toBe(false);
  expect(failureLines(report).find((line) => line.includes(PATH))).toContain(
    `path ${PATH}: expected allow, decided ImplicitlyDenied: CreateTrail and UpdateTrail decrypt`,
  );
});

it("admits only the organization trail, not CloudTrail acting for another trail", async () => {
  const failing = await newlyFailing((stacks) => {
    const key = cloudTrailKey(stacks);
    const policy = JSON.parse(key.policy as string) as {
      Statement: Array<{ Sid: string; Condition?: Record<string, Record<string, string>> }>;
    };
    const decrypt = policy.Statement.find((s) => s.Sid === "CloudTrailDecryptsForBucketKey")!;
    decrypt.Condition = {
      StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:999999999999:trail/x" },
    };
    key.policy = JSON.stringify(policy);
  });
  expect(failing).toEqual([PATH]);
});

it("asks nothing of the key when the trail's bucket has no Bucket Key", async () => {
  const report = await verifyWith((stacks) => {
    const encryption = archiveEncryption(stacks);
    (encryption.rule as Block[])[0].bucket_key_enabled = false;
  });
  expect(report.paths.map((p) => p.id)).not.toContain(PATH);
});
