// Session Manager in every account and governed region: the session preferences (every session logged to an
// encrypted CloudWatch Logs group kept six years, session data encrypted with the account's session key, idle
// sessions ended) and Default Host Management's role, which lets instances be managed without per-instance roles
// (164.312(a)(2)(iii) automatic logoff, 164.312(b) audit controls, 164.312(e)(1) transmission security).
import { logGroupArn, logStreamIn } from "./arns";
import { PolicyDocument } from "./policy-document";
import { HipaaSectionId } from "./hipaa-sections";

/** The sections session preferences serve. */
export const SESSION_MANAGER_SECTIONS = [
  "164.312(a)(2)(iii)",
  "164.312(b)",
  "164.312(e)(1)",
] as const satisfies readonly HipaaSectionId[];

/**
 * The document Session Manager reads its preferences from in an account and region: AWS names it, and the console
 * creates it the first time someone opens the preferences page
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-default-session-document.html).
 */
export const SESSION_PREFERENCES_DOCUMENT = "SSM-SessionManagerRunShell";

/** Session Manager's bounds on its timeouts, in minutes (session-manager-schema.html). */
export const IDLE_SESSION_TIMEOUT_RANGE = { min: 1, max: 60 } as const;
export const MAX_SESSION_DURATION_RANGE = { min: 1, max: 1440 } as const;

/** The log group every session of an account and region is written to. */
export function sessionLogGroupName(prefix: string): string {
  return `/landing-zone/${prefix}-sessions`;
}

/** The session key's alias (without `alias/`), one per account and region. */
export function sessionKeyAlias(prefix: string): string {
  return `${prefix}/session-manager`;
}

/**
 * Default Host Management's role. AWS's value for the setting is the role's name with its path
 * (`service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole` in its example), so the role lives under
 * /service-role/ and the setting holds `service-role/<name>`
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/managed-instances-default-host-management.html).
 */
export const DEFAULT_HOST_ROLE_PATH = "/service-role/";
export function defaultHostRoleName(prefix: string): string {
  return `${prefix}-ssm-default-host`;
}
export function defaultHostSettingValue(prefix: string): string {
  return `${DEFAULT_HOST_ROLE_PATH.slice(1)}${defaultHostRoleName(prefix)}`;
}

/**
 * The Default Host Management setting's ID, as the full ARN: provider 5.x reads the setting back by ARN, so the
 * short form `/ssm/managed-instance/...` plans a change on every run (hashicorp/terraform-provider-aws#43551, fixed
 * only in 6.6.0).
 */
export function defaultHostSettingId(region: string, accountId: string): string {
  return `arn:aws:ssm:${region}:${accountId}:servicesetting${DEFAULT_HOST_SETTING}`;
}

/** Default Host Management's setting, as AWS names it (the path part of its ARN). */
export const DEFAULT_HOST_SETTING = "/ssm/managed-instance/default-ec2-instance-management-role";

/** AWS's managed policy for Default Host Management: the agent's core SSM, ssmmessages and ec2messages calls. */
export const DEFAULT_HOST_MANAGED_POLICY = "arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy";

/** The timeouts configured for sessions. */
export interface SessionTimeouts {
  /** Minutes without input after which a session ends. */
  readonly idleSessionTimeoutMinutes: number;
  /** Minutes after which any session ends. */
  readonly maxSessionDurationMinutes: number;
}

/**
 * The preferences document's content (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-schema.html).
 * Logging and encryption are not configurable: every session streams to the encrypted log group (the agent
 * refuses to start a session when cloudWatchEncryptionEnabled is set and the group has no KMS key, so a group
 * losing its key stops sessions rather than logging them in the clear), and session data is encrypted with the
 * account's session key. S3 logging stays off: the log archive is write-once and admits only AWS's delivery
 * services, not every instance of the organization; the log group is kept six years instead. Run As stays off
 * (sessions start as ssm-user, whose commands are in the log).
 */
export function sessionPreferences(ctx: {
  readonly logGroupName: string;
  readonly kmsKeyArn: string;
  readonly timeouts: SessionTimeouts;
}): Record<string, unknown> {
  return {
    schemaVersion: "1.0",
    description: "Session Manager preferences set by the landing zone: every session logged and encrypted",
    sessionType: "Standard_Stream",
    inputs: {
      s3BucketName: "",
      s3KeyPrefix: "",
      s3EncryptionEnabled: true,
      cloudWatchLogGroupName: ctx.logGroupName,
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
      kmsKeyId: ctx.kmsKeyArn,
      runAsEnabled: false,
      runAsDefaultUser: "",
      // Both are strings of minutes in the schema.
      idleSessionTimeout: String(ctx.timeouts.idleSessionTimeoutMinutes),
      maxSessionDuration: String(ctx.timeouts.maxSessionDurationMinutes),
      shellProfile: { windows: "", linux: "" },
    },
  };
}

/**
 * What Default Host Management's role needs beyond AWS's managed policy, which has no logs or KMS action: writing
 * session output into the session log group, and decrypting session data with the session key. From AWS's policy
 * for session logging ("Create a custom IAM role for Session Manager",
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-create-iam-instance-profile.html),
 * narrowed to this account's log group and keys; its s3:* and kms:GenerateDataKey serve S3 logging, which is off.
 */
export function defaultHostRolePermissions(ctx: {
  readonly accountId: string;
  readonly regions: readonly string[];
  readonly logGroupName: string;
  readonly sessionKeyArns: readonly string[];
}): PolicyDocument {
  const groups = ctx.regions.map((region) => logGroupArn(region, ctx.accountId, ctx.logGroupName));
  return {
    Version: "2012-10-17",
    Statement: [
      {
        // The agent writes each session's output as it streams (cloudWatchStreamingEnabled).
        Sid: "WriteSessionLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [...groups, ...groups.map((group) => logStreamIn(group, "*"))],
      },
      {
        // Before each session the agent checks that the group exists and has a KMS key
        // (cloudWatchEncryptionEnabled). IAM lists no resource type for DescribeLogGroups, so it takes only "*"
        // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html).
        Sid: "CheckSessionLogGroupEncrypted",
        Effect: "Allow",
        Action: "logs:DescribeLogGroups",
        Resource: "*",
      },
      {
        // The agent decrypts the session data key the user's client generated
        // (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-enable-encryption.html).
        Sid: "DecryptSessionData",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: [...ctx.sessionKeyArns],
      },
    ],
  };
}
