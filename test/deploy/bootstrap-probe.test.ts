// How make bootstrap and make preflight compare a live state bucket and key with what bootstrap creates: every
// shortfall named in one sentence, nothing for an absent or equally strong backend.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { LiveBucket, LiveKey, stateBackendDifferences } from "../../src/deploy/bootstrap-probe";

const org = loadConfig(path.join(__dirname, "..", "..", "environments")).organization;
const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-0000-4000-8000-000000000000";
const strongKey: LiveKey = {
  state: "present",
  keyId: "1234abcd-0000-4000-8000-000000000000",
  arn: KEY_ARN,
  keyState: "Enabled",
  keyManager: "CUSTOMER",
  keySpec: "SYMMETRIC_DEFAULT",
  rotation: true,
};
const tlsPolicy = JSON.stringify({
  Statement: [
    { Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } },
    { Effect: "Deny", Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
  ],
});
const strongBucket: LiveBucket = {
  state: "present",
  versioning: "Enabled",
  publicAccessBlock: {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  },
  encryption: { algorithm: "aws:kms", keyId: KEY_ARN, bucketKey: true },
  policy: tlsPolicy,
  ownership: true,
  lifecycle: false,
};

it("finds nothing wrong with an absent backend or one as strong as bootstrap makes it", () => {
  expect(stateBackendDifferences({ bucket: { state: "absent" }, key: { state: "absent" } }, org)).toEqual([]);
  expect(stateBackendDifferences({ bucket: strongBucket, key: strongKey }, org)).toEqual([]);
  // TLS 1.3 as the minimum is stricter, and so accepted.
  const stricter = { ...strongBucket, policy: tlsPolicy.replace('"1.2"', '"1.3"') };
  expect(stateBackendDifferences({ bucket: stricter, key: strongKey }, org)).toEqual([]);
});

it("names every shortfall of a weak bucket and key", () => {
  const weak: LiveBucket = {
    state: "present",
    versioning: "Suspended",
    publicAccessBlock: {
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    },
    encryption: { algorithm: "AES256", bucketKey: false },
    policy: undefined,
    ownership: false,
    lifecycle: false,
  };
  const weakKey: LiveKey = { ...strongKey, rotation: false, keyState: "Disabled" };
  expect(stateBackendDifferences({ bucket: weak, key: weakKey }, org)).toEqual([
    "bucket example-health-lz-tfstate: versioning is Suspended; expected Enabled",
    "bucket example-health-lz-tfstate: public access block has IgnorePublicAcls, RestrictPublicBuckets off; expected all four on",
    "bucket example-health-lz-tfstate: default encryption is AES256; expected SSE-KMS with alias/example-health-lz-tfstate",
    "bucket example-health-lz-tfstate: the bucket policy does not deny requests without TLS (aws:SecureTransport false)",
    "bucket example-health-lz-tfstate: the bucket policy does not deny TLS below 1.2 (s3:TlsVersion)",
    "key alias/example-health-lz-tfstate is Disabled; expected Enabled",
    "key alias/example-health-lz-tfstate: automatic rotation is off; expected on",
  ]);
});

it("refuses a bucket encrypted with another key or without bucket keys, and one in another account", () => {
  const otherKey = {
    ...strongBucket,
    encryption: {
      algorithm: "aws:kms",
      keyId: "arn:aws:kms:us-east-1:111122223333:key/other",
      bucketKey: false,
    },
  };
  expect(stateBackendDifferences({ bucket: otherKey, key: strongKey }, org)).toEqual([
    "bucket example-health-lz-tfstate: default encryption uses key arn:aws:kms:us-east-1:111122223333:key/other; expected alias/example-health-lz-tfstate",
    "bucket example-health-lz-tfstate: S3 Bucket Keys are off; expected on",
  ]);
  expect(
    stateBackendDifferences({ bucket: { state: "other-account" }, key: { state: "absent" } }, org),
  ).toEqual([
    "bucket example-health-lz-tfstate exists but belongs to another AWS account (bucket names are global); choose another state.bucket",
  ]);
});
