// Access paths for every delivery into the log archive (164.312(b) audit controls, 164.312(c)(1) integrity): the
// organization trail, AWS Config, VPC flow logs, Resolver query logs, Network Firewall's logs, the GuardDuty export,
// and S3 replication of whatever those wrote. Each path reads the destination and key from the synthesized delivery resource itself.
import { bucketOfArn, logStreamIn } from "../../policies/arns";
import { defaultKmsKeyOf, keysWritingInto } from "../deliveries";
import { ResourceRef } from "../synthesized";
import {
  AccessPath,
  fromRole,
  fromService,
  LOGS_KMS_DOC,
  logsGeneratesDataKey,
  OUTSIDE_ACCOUNT,
  PathContext,
} from "./context";

const TRAIL_DOC =
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html";
const TRAIL_KMS_DOC =
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html";
const TRAIL_LOGS_DOC =
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html";
const CONFIG_DOC = "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html";
const CONFIG_KMS_DOC = "https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html";
const FIREWALL_LOGS_DOC =
  "https://docs.aws.amazon.com/network-firewall/latest/developerguide/logging-s3.html";
const VENDED_LOGS_DOC =
  "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html#AWS-logs-infrastructure-V2-S3";
const GUARDDUTY_DOC = "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html";
const REPLICATION_DOC =
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html";

/** A delivery into a bucket: who writes, under which key prefix, with which key, for which source. */
interface Delivery {
  readonly id: string;
  readonly title: string;
  readonly service: string;
  readonly bucket: string;
  readonly keyArn: string;
  readonly objectKey: string;
  readonly source: { account?: string; arn?: string; orgId?: string };
  readonly kmsContext: Record<string, string>;
  readonly bucketCheck: string;
  readonly doc: string;
  readonly kmsDoc: string;
}

/** The organization trail, its key, its CloudWatch Logs copy and every bucket check CreateTrail makes. */
function trailPaths(ctx: PathContext): AccessPath[] {
  const { model, index } = ctx;
  const trail = model.resource("organization-trail", "trail/trail");
  const trailArn = model.attribute(trail, "arn");
  const region = model.regionOf(trail);
  const management = model.managementAccountId();
  const member = ctx.accounts[ctx.accounts.length - 1];
  const bucket = String(model.argument(trail, "s3_bucket_name"));
  const keyArn = String(model.argument(trail, "kms_key_id"));
  const logGroup = model.resource("organization-trail", "trail/log-group");
  const logGroupArn = model.attribute(logGroup, "arn");
  const role = String(model.argument(trail, "cloud_watch_logs_role_arn"));
  const logsKey = String(model.argument(logGroup, "kms_key_id"));
  const cloudtrail = (extra: Record<string, string> = {}) =>
    fromService("cloudtrail.amazonaws.com", { account: management, arn: trailArn }, extra);
  const toBucket = (action: string, resource: string) => () => ({
    ...cloudtrail(),
    action,
    resource,
    resourceAccount: ctx.model.accountId(ctx.config.organization.coreAccounts.logArchive),
    resourcePolicy: index.bucketPolicy(bucket),
  });
  const toKey = (action: string, extra: Record<string, string>) => () => ({
    ...cloudtrail(extra),
    action,
    resource: keyArn,
    resourceAccount: keyArn.split(":")[4],
    resourcePolicy: index.keyPolicy(keyArn),
  });
  const group = "Organization trail";
  return [
    {
      id: "trail-bucket-acl-check",
      group,
      title: "CloudTrail reads the archive's ACL (CreateTrail and every delivery)",
      expect: "allow",
      doc: TRAIL_DOC,
      build: toBucket("s3:GetBucketAcl", `arn:aws:s3:::${bucket}`),
    },
    {
      id: "trail-writes-management-prefix",
      group,
      title: "The trail writes the management account's logs under AWSLogs/<management account>/",
      expect: "allow",
      doc: TRAIL_DOC,
      build: toBucket(
        "s3:PutObject",
        `arn:aws:s3:::${bucket}/AWSLogs/${management}/CloudTrail/${region}/2026/12/01/log.json.gz`,
      ),
    },
    {
      id: "trail-writes-organization-prefix",
      group,
      title: "The trail writes member accounts' logs under AWSLogs/<organization ID>/<account>/",
      expect: "allow",
      doc: TRAIL_DOC,
      build: toBucket(
        "s3:PutObject",
        `arn:aws:s3:::${bucket}/AWSLogs/${ctx.orgId}/${member.id}/CloudTrail/${region}/2026/12/01/log.json.gz`,
      ),
    },
    {
      id: "trail-generates-data-keys",
      group,
      title: "The trail encrypts log files with the CloudTrail key (encryption context names the trail)",
      expect: "allow",
      doc: TRAIL_KMS_DOC,
      build: toKey("kms:GenerateDataKey", { "kms:EncryptionContext:aws:cloudtrail:arn": trailArn }),
    },
    {
      id: "trail-describes-key",
      group,
      title: "CreateTrail and UpdateTrail describe the CloudTrail key",
      expect: "allow",
      doc: TRAIL_KMS_DOC,
      build: toKey("kms:DescribeKey", {}),
    },
    {
      id: "trail-assumes-logs-role",
      group,
      title: "CloudTrail assumes its role to write to CloudWatch Logs",
      expect: "allow",
      doc: TRAIL_LOGS_DOC,
      build: () => ({
        ...cloudtrail(),
        action: "sts:AssumeRole",
        resource: role,
        resourceAccount: management,
        resourcePolicy: index.trustPolicy(role),
      }),
    },
    {
      id: "trail-role-writes-log-group",
      group,
      title: "The trail's role writes log events into the trail's log group",
      expect: "allow",
      doc: TRAIL_LOGS_DOC,
      build: () => ({
        ...fromRole(role, undefined, region),
        action: "logs:PutLogEvents",
        resource: logStreamIn(logGroupArn, `${management}_CloudTrail_${region}`),
        resourceAccount: management,
        identityPolicies: index.rolePolicies(role),
        scps: index.scpLevels(management),
      }),
    },
    {
      id: "logs-encrypts-trail-log-group",
      group,
      title: "CloudWatch Logs encrypts the trail's log group with its key",
      expect: "allow",
      doc: LOGS_KMS_DOC,
      build: () => ({
        ...logsGeneratesDataKey(region, logGroupArn),
        resource: logsKey,
        resourceAccount: management,
        resourcePolicy: index.keyPolicy(logsKey),
      }),
    },
    {
      id: "foreign-trail-cannot-write",
      group,
      title: "Another account's trail cannot write into the archive (confused deputy)",
      expect: "deny",
      doc: TRAIL_DOC,
      build: () => ({
        ...fromService("cloudtrail.amazonaws.com", {
          account: OUTSIDE_ACCOUNT,
          arn: `arn:aws:cloudtrail:us-east-1:${OUTSIDE_ACCOUNT}:trail/theirs`,
        }),
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${bucket}/AWSLogs/${OUTSIDE_ACCOUNT}/CloudTrail/x.json.gz`,
        resourceAccount: ctx.model.accountId(ctx.config.organization.coreAccounts.logArchive),
        resourcePolicy: index.bucketPolicy(bucket),
      }),
    },
  ];
}

/** Every delivery resource that writes into a bucket, read from the synthesized stacks. */
function deliveries(ctx: PathContext): Delivery[] {
  const { model } = ctx;
  const out: Delivery[] = [];
  for (const ref of model.resources("aws_config_delivery_channel")) {
    const account = model.accountOf(ref);
    const region = model.regionOf(ref);
    const bucket = String(model.argument(ref, "s3_bucket_name"));
    out.push({
      id: `config-${ref.stack.replace(/^baseline-/, "")}-${region}`,
      title: `AWS Config in ${ref.stack.replace(/^baseline-/, "")} (${region}) delivers snapshots and history`,
      service: "config.amazonaws.com",
      bucket,
      keyArn: String(model.argument(ref, "s3_kms_key_arn")),
      objectKey: `AWSLogs/${account}/Config/${region}/2026/12/1/ConfigSnapshot/snapshot.json.gz`,
      source: { account, orgId: ctx.orgId },
      kmsContext: { "kms:ViaService": `s3.${regionOfBucket(ctx, bucket)}.amazonaws.com` },
      bucketCheck: "s3:GetBucketAcl",
      doc: CONFIG_DOC,
      kmsDoc: CONFIG_KMS_DOC,
    });
  }
  for (const source of VENDED_LOG_SOURCES) {
    const refs = model.resources(source.type);
    for (const ref of refs) {
      // One per stack keeps the stack's name alone; a stack with several (the hub's gateway and resolver VPC)
      // names each by its construct (resolver-vpc/flow-log: resolver-vpc).
      const shared = refs.filter((r) => r.stack === ref.stack).length > 1;
      out.push(vendedLogs(ctx, ref, source, shared ? ref.path.split("/")[0] : undefined));
    }
  }
  // Network Firewall delivers its alert and flow logs to S3 as delivery.logs.amazonaws.com, under
  // AWSLogs/<account>/network-firewall/<log type>/<region>/<firewall>/ (FIREWALL_LOGS_DOC).
  for (const ref of model.resources("aws_networkfirewall_logging_configuration")) {
    const account = model.accountOf(ref);
    const region = model.regionOf(ref);
    const firewall = model.resources("aws_networkfirewall_firewall").find((f) => f.stack === ref.stack);
    const name = firewall ? String(model.argument(firewall, "name")) : "firewall";
    const logging = model.argument(ref, "logging_configuration") as {
      log_destination_config: Array<{ log_type: string; log_destination: { bucketName: string } }>;
    };
    for (const destination of logging.log_destination_config) {
      const logType = destination.log_type.toLowerCase();
      const bucket = destination.log_destination.bucketName;
      out.push(
        logsDelivery(ctx, {
          id: `firewall-${logType}-logs-${ref.stack}`,
          title: `Network Firewall ${logType} logs of ${ref.stack} (${name}) are delivered`,
          bucket,
          account,
          region,
          objectPath: `network-firewall/${logType}/${region}/${name}/2026/12/01/01/log.gz`,
          doc: FIREWALL_LOGS_DOC,
        }),
      );
    }
  }
  for (const ref of model.resources("aws_guardduty_publishing_destination")) {
    const account = model.accountOf(ref);
    const region = model.regionOf(ref);
    const detector = `arn:aws:guardduty:${region}:${account}:detector/${String(model.argument(ref, "detector_id"))}`;
    const bucket = bucketOfArn(String(model.argument(ref, "destination_arn")));
    out.push({
      id: `guardduty-export-${region}`,
      title: `GuardDuty (${region}) exports findings`,
      service: "guardduty.amazonaws.com",
      bucket,
      keyArn: String(model.argument(ref, "kms_key_arn")),
      objectKey: `AWSLogs/${account}/GuardDuty/${region}/2026/12/01/finding.jsonl.gz`,
      source: { account, arn: detector, orgId: ctx.orgId },
      kmsContext: {},
      bucketCheck: "s3:GetBucketLocation",
      doc: GUARDDUTY_DOC,
      kmsDoc: GUARDDUTY_DOC,
    });
  }
  return out;
}

/** Flow logs and Resolver query logs both deliver as delivery.logs.amazonaws.com ("vended logs"). */
const VENDED_LOG_SOURCES = [
  {
    type: "aws_flow_log",
    destination: "log_destination",
    id: "flow-logs",
    what: "VPC flow logs",
    prefix: "vpcflowlogs",
  },
  {
    type: "aws_route53_resolver_query_log_config",
    destination: "destination_arn",
    id: "query-logs",
    what: "Resolver query logs",
    prefix: "vpcdnsquerylogs",
  },
] as const;

function vendedLogs(
  ctx: PathContext,
  ref: ResourceRef,
  source: (typeof VENDED_LOG_SOURCES)[number],
  construct?: string,
): Delivery {
  const account = ctx.model.accountOf(ref);
  const region = ctx.model.regionOf(ref);
  return logsDelivery(ctx, {
    id: construct ? `${source.id}-${ref.stack}-${construct}` : `${source.id}-${ref.stack}`,
    title: `${source.what} of ${construct ? `${ref.stack} (${construct})` : ref.stack} are delivered`,
    bucket: bucketOfArn(String(ctx.model.argument(ref, source.destination))),
    account,
    region,
    objectPath: `${source.prefix}/${region}/2026/12/01/log.gz`,
    doc: VENDED_LOGS_DOC,
  });
}

/**
 * A delivery by delivery.logs.amazonaws.com ("vended logs": flow logs, Resolver query logs, Network Firewall's
 * logs) from `account` in `region` to `AWSLogs/<account>/<objectPath>` in the bucket, under its default key.
 */
function logsDelivery(
  ctx: PathContext,
  d: {
    id: string;
    title: string;
    bucket: string;
    account: string;
    region: string;
    objectPath: string;
    doc: string;
  },
): Delivery {
  return {
    id: d.id,
    title: d.title,
    service: "delivery.logs.amazonaws.com",
    bucket: d.bucket,
    keyArn: defaultKeyOf(ctx, d.bucket),
    objectKey: `AWSLogs/${d.account}/${d.objectPath}`,
    source: { account: d.account, arn: `arn:aws:logs:${d.region}:${d.account}:*`, orgId: ctx.orgId },
    kmsContext: {},
    bucketCheck: "s3:GetBucketAcl",
    doc: d.doc,
    kmsDoc: d.doc,
  };
}

/** For each delivery: the bucket check, the write, and the data key. */
function deliveryPaths(ctx: PathContext, delivery: Delivery): AccessPath[] {
  const { index } = ctx;
  const group = "Log delivery";
  const owner = ownerOfBucket(ctx, delivery.bucket);
  const call = (extra: Record<string, string> = {}) => fromService(delivery.service, delivery.source, extra);
  return [
    {
      id: `${delivery.id}-bucket-check`,
      group,
      title: `${delivery.title}: ${delivery.bucketCheck} on ${delivery.bucket}`,
      expect: "allow",
      doc: delivery.doc,
      build: () => ({
        ...call(),
        action: delivery.bucketCheck,
        resource: `arn:aws:s3:::${delivery.bucket}`,
        resourceAccount: owner,
        resourcePolicy: index.bucketPolicy(delivery.bucket),
      }),
    },
    {
      id: `${delivery.id}-write`,
      group,
      title: `${delivery.title}: s3:PutObject under ${delivery.objectKey.split("/").slice(0, 3).join("/")}/`,
      expect: "allow",
      doc: delivery.doc,
      build: () => ({
        ...call({ "s3:x-amz-acl": "bucket-owner-full-control" }),
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${delivery.bucket}/${delivery.objectKey}`,
        resourceAccount: owner,
        resourcePolicy: index.bucketPolicy(delivery.bucket),
      }),
    },
    {
      id: `${delivery.id}-data-key`,
      group,
      title: `${delivery.title}: kms:GenerateDataKey on the key it writes with`,
      expect: "allow",
      doc: delivery.kmsDoc,
      build: () => ({
        ...call({
          "kms:EncryptionContext:aws:s3:arn": `arn:aws:s3:::${delivery.bucket}`,
          ...delivery.kmsContext,
        }),
        action: "kms:GenerateDataKey",
        resource: delivery.keyArn,
        resourceAccount: delivery.keyArn.split(":")[4],
        resourcePolicy: index.keyPolicy(delivery.keyArn),
      }),
    },
  ];
}

/**
 * Replication of every object a replicated bucket holds: the role reads each version, decrypts it with whichever
 * key wrote it (the bucket default and every key a delivery names), and writes it under the destination's key.
 */
function replicationPaths(ctx: PathContext, trail: { key: string; arn: string }) {
  const { key: trailKey, arn: trailArn } = trail;
  const { model, index } = ctx;
  const out: AccessPath[] = [];
  const group = "Replication";
  for (const ref of model.resources("aws_s3_bucket_replication_configuration")) {
    const source = String(model.argument(ref, "bucket"));
    const role = String(model.argument(ref, "role"));
    const sourceRegion = regionOfBucket(ctx, source);
    const owner = ownerOfBucket(ctx, source);
    const rules = model.argument(ref, "rule") as Array<{
      destination: { bucket: string; encryption_configuration?: { replica_kms_key_id?: string } };
    }>;
    const keys = keysWritingInto(model, source);
    const asRole = (region: string, extra: Record<string, string> = {}) =>
      fromRole(role, ctx.orgId, region, extra);
    const roleLayers = () => ({ identityPolicies: index.rolePolicies(role), scps: index.scpLevels(owner) });
    out.push(
      {
        id: `replication-${source}-assume`,
        group,
        title: `S3 assumes the replication role of ${source}`,
        expect: "allow",
        doc: REPLICATION_DOC,
        build: () => ({
          ...fromService("s3.amazonaws.com", { account: owner, arn: `arn:aws:s3:::${source}` }),
          action: "sts:AssumeRole",
          resource: role,
          resourceAccount: owner,
          resourcePolicy: index.trustPolicy(role),
        }),
      },
      {
        id: `replication-${source}-read`,
        group,
        title: `The replication role reads object versions of ${source}`,
        expect: "allow",
        doc: REPLICATION_DOC,
        build: () => ({
          ...asRole(sourceRegion),
          action: "s3:GetObjectVersionForReplication",
          resource: `arn:aws:s3:::${source}/AWSLogs/x.json.gz`,
          resourceAccount: owner,
          resourcePolicy: index.bucketPolicy(source),
          ...roleLayers(),
        }),
      },
    );
    for (const key of keys) {
      // CloudTrail encrypts each log file with the trail's ARN in the encryption context, and S3 passes it on.
      const context: Record<string, string> = { "kms:ViaService": `s3.${sourceRegion}.amazonaws.com` };
      if (key === trailKey) context["kms:EncryptionContext:aws:cloudtrail:arn"] = trailArn;
      out.push({
        id: `replication-${source}-decrypt-${keySlug(ctx, key)}`,
        group,
        title: `The replication role decrypts ${source} objects written with ${keyName(ctx, key)}`,
        expect: "allow",
        doc: REPLICATION_DOC,
        build: () => ({
          ...asRole(sourceRegion, context),
          action: "kms:Decrypt",
          resource: key,
          resourceAccount: key.split(":")[4],
          resourcePolicy: index.keyPolicy(key),
          ...roleLayers(),
        }),
      });
    }
    for (const rule of rules) {
      const destination = bucketOfArn(rule.destination.bucket);
      const destinationKey =
        rule.destination.encryption_configuration?.replica_kms_key_id ?? defaultKeyOf(ctx, destination);
      const destinationRegion = regionOfBucket(ctx, destination);
      out.push(
        {
          id: `replication-${source}-to-${destination}-write`,
          group,
          title: `The replication role writes replicas into ${destination}`,
          expect: "allow",
          doc: REPLICATION_DOC,
          build: () => ({
            ...asRole(destinationRegion),
            action: "s3:ReplicateObject",
            resource: `arn:aws:s3:::${destination}/AWSLogs/x.json.gz`,
            resourceAccount: ownerOfBucket(ctx, destination),
            resourcePolicy: index.bucketPolicy(destination),
            ...roleLayers(),
          }),
        },
        {
          id: `replication-${source}-to-${destination}-encrypt`,
          group,
          title: `The replication role encrypts replicas in ${destination} with ${keyName(ctx, destinationKey)}`,
          expect: "allow",
          doc: REPLICATION_DOC,
          build: () => ({
            ...asRole(destinationRegion, { "kms:ViaService": `s3.${destinationRegion}.amazonaws.com` }),
            action: "kms:GenerateDataKey",
            resource: destinationKey,
            resourceAccount: destinationKey.split(":")[4],
            resourcePolicy: index.keyPolicy(destinationKey),
            ...roleLayers(),
          }),
        },
      );
    }
  }
  return out;
}

const ACCESS_LOG_DOC =
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general";

/**
 * S3 server access logs: the logging service principal writes each source bucket's log objects into its target
 * bucket, in the target's region, sending the source bucket's ARN and account (ACCESS_LOG_DOC); decided against the
 * target's bucket policy and the RCPs on its account, so the data perimeter never stops the archive's own audit trail.
 */
function accessLogPaths(ctx: PathContext): AccessPath[] {
  const { model, index } = ctx;
  return model.resources("aws_s3_bucket_logging").map((ref) => {
    const source = String(model.argument(ref, "bucket"));
    const target = String(model.argument(ref, "target_bucket"));
    const prefix = String(model.argument(ref, "target_prefix") ?? "");
    return {
      id: `access-logs-${source}-write`,
      group: "Log delivery",
      title: `S3 server access logging writes ${source}'s access logs into ${target} (${model.regionOf(ref)})`,
      expect: "allow" as const,
      doc: ACCESS_LOG_DOC,
      build: () => ({
        ...fromService("logging.s3.amazonaws.com", {
          account: ownerOfBucket(ctx, source),
          arn: `arn:aws:s3:::${source}`,
        }),
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${target}/${prefix}2026-01-01-00-00-00-EXAMPLE`,
        resourceAccount: ownerOfBucket(ctx, target),
        resourcePolicy: index.bucketPolicy(target),
      }),
    };
  });
}

/** Every log-delivery path. */
export function logDeliveryPaths(ctx: PathContext): AccessPath[] {
  const trail = ctx.model.resource("organization-trail", "trail/trail");
  const written = deliveries(ctx);
  return [
    ...trailPaths(ctx),
    ...written.flatMap((d) => deliveryPaths(ctx, d)),
    ...accessLogPaths(ctx),
    ...replicationPaths(ctx, {
      key: String(ctx.model.argument(trail, "kms_key_id")),
      arn: ctx.model.attribute(trail, "arn"),
    }),
  ];
}

/** The synthesized bucket resource of a bucket name. */
export function bucketResource(ctx: PathContext, bucket: string): ResourceRef {
  const ref = ctx.model.bucket(bucket);
  if (!ref) throw new Error(`no synthesized bucket named ${bucket}`);
  return ref;
}

/** The account that owns a synthesized bucket. */
export function ownerOfBucket(ctx: PathContext, bucket: string): string {
  return ctx.model.accountOf(bucketResource(ctx, bucket));
}

/** The region of a synthesized bucket. */
export function regionOfBucket(ctx: PathContext, bucket: string): string {
  return ctx.model.regionOf(bucketResource(ctx, bucket));
}

/** The default SSE-KMS key of a synthesized bucket. */
export function defaultKeyOf(ctx: PathContext, bucket: string): string {
  const key = defaultKmsKeyOf(ctx.model, bucket);
  if (!key) throw new Error(`bucket ${bucket} has no default SSE-KMS key`);
  return key;
}

/** A key's construct name, e.g. cloudtrail for security/keys/cloudtrail/key. */
function keySlug(ctx: PathContext, keyArn: string): string {
  const ref = ctx.model.resources("aws_kms_key").find((r) => ctx.model.attribute(r, "arn") === keyArn);
  return ref
    ? (ref.path
        .replace(/\/key$/, "")
        .split("/")
        .pop() ?? keyArn)
    : keyArn;
}

function keyName(ctx: PathContext, keyArn: string): string {
  return `the ${keySlug(ctx, keyArn)} key`;
}
