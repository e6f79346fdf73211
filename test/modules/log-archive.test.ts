// LogArchive on its own (a fresh stack, one construct): the archive and its replica locked for the configured
// retention, ageing into colder storage on the configured days, and every bucket kept from destroy
// (164.312(c)(1), 164.316(b)(2)(i)). Proves the synthesized Terraform; S3's acceptance is the end-to-end tier's.
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LogArchive } from "../../modules/log-archive";

type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };

const stack = new TerraformStack(Testing.app(), "s");
new LogArchive(stack, "archive", {
  namePrefix: "example-health",
  accountId: "100000000002",
  organizationId: "o-exampleorg01",
  managementAccountId: "100000000001",
  trailArn: "arn:aws:cloudtrail:us-east-1:100000000001:trail/example-health-organization-trail",
  homeRegion: "us-east-1",
  replicationRegion: "us-west-2",
  replicationProvider: new AwsProvider(stack, "replica", { region: "us-west-2", alias: "replica" }),
  archiveKeyArn: "arn:aws:kms:us-east-1:100000000003:key/archive",
  replicaKeyArn: "arn:aws:kms:us-west-2:100000000003:key/replica",
  cloudTrailKeyArn: "arn:aws:kms:us-east-1:100000000003:key/trail",
  administratorArns: ["arn:aws:iam::100000000002:role/lz-deploy"],
  retentionDays: 3000,
  glacierInstantRetrievalAfterDays: 60,
  deepArchiveAfterDays: 400,
});
const json = JSON.parse(Testing.synth(stack)) as Json;
const all = (type: string) => Object.values(json.resource[type] ?? {});

describe("LogArchive", () => {
  it("locks the archive and the replica in COMPLIANCE mode for retentionDays, and nothing else", () => {
    const locks = all("aws_s3_bucket_object_lock_configuration");
    expect(locks).toHaveLength(2);
    for (const lock of locks)
      expect(lock.rule).toEqual({ default_retention: { mode: "COMPLIANCE", days: 3000 } });
  });

  it("ages the archive, both access-log buckets and the replica into Glacier IR and Deep Archive on the configured days", () => {
    const ageing = all("aws_s3_bucket_lifecycle_configuration").flatMap((c) =>
      (c.rule as Array<{ id: string; transition?: unknown }>).filter((r) => r.id === "age-into-glacier"),
    );
    expect(ageing).toHaveLength(4);
    for (const rule of ageing) {
      expect(rule.transition).toEqual([
        { days: 60, storage_class: "GLACIER_IR" },
        { days: 400, storage_class: "DEEP_ARCHIVE" },
      ]);
    }
  });

  it("keeps every bucket from destroy", () => {
    const buckets = all("aws_s3_bucket");
    expect(buckets.map((b) => b.bucket).sort()).toEqual([
      "example-health-config-ingest-100000000002-us-east-1",
      "example-health-log-archive-100000000002-us-east-1",
      "example-health-log-archive-access-100000000002-us-east-1",
      "example-health-log-archive-access-100000000002-us-west-2",
      "example-health-log-archive-replica-100000000002-us-west-2",
    ]);
    for (const bucket of buckets) expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
  });
});
