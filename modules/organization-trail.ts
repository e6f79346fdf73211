// The organization trail: every account, every region, management events plus S3, Lambda and DynamoDB data
// events, with log file validation, SSE-KMS, Insights and delivery to an encrypted CloudWatch Logs group kept six
// years (164.312(b) audit controls, 164.312(c)(2) authenticate, 164.316(b)(2)(i) retention).
import { Construct } from "constructs";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { renderPolicy, serviceTrustPolicy } from "../src/policies/policy-document";
import { settingsOf } from "../src/config/profile";
import { RolePermissions } from "./role-permissions";
import { logStreamIn } from "../src/policies/arns";

/**
 * The data-event resource types the trail logs in every account, beyond S3 objects (which leave out the landing
 * zone's own log buckets): each gets its own advanced event selector, because CloudTrail allows one resources.type
 * per selector. AWS lists the types, and that DynamoDB table and stream activity (GetItem, PutItem, Query,
 * GetRecords) are data events, at https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html;
 * a stream's GetRecords returns item images, so it reads PHI as surely as GetItem does. The landing zone creates no
 * Lambda function or DynamoDB table of its own, so nothing is left out.
 */
export const TRAIL_DATA_EVENT_TYPES = [
  { name: "Lambda invocations", type: "AWS::Lambda::Function" },
  { name: "DynamoDB table data events", type: "AWS::DynamoDB::Table" },
  { name: "DynamoDB stream data events", type: "AWS::DynamoDB::Stream" },
] as const;

/** CloudWatch Logs accepts only these retention periods, in days. */
export const LOG_RETENTION_DAYS_ALLOWED = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** The shortest retention CloudWatch Logs allows that is at least `days`. */
export function logRetentionAtLeast(days: number): number {
  return LOG_RETENTION_DAYS_ALLOWED.find((allowed) => allowed >= days) ?? 3653;
}

export interface OrganizationTrailProps {
  /** The trail's name. */
  readonly trailName: string;
  /** The trail's ARN, known before it exists: only this trail may assume the delivery role. */
  readonly trailArn: string;
  /** The log archive bucket's name. */
  readonly bucketName: string;
  /** Bucket ARNs whose S3 data events are not logged: the archive itself, or every delivery would log itself. */
  readonly excludedDataEventBuckets: readonly string[];
  /** The central CloudTrail key (security account). */
  readonly kmsKeyArn: string;
  /** The key for the CloudWatch Logs group (this account, this region). */
  readonly logGroupKeyArn: string;
  /** Retention of the CloudWatch Logs copy, in days (rounded up to a value CloudWatch allows). */
  readonly logRetentionDays: number;
}

/** The trail with its CloudWatch Logs delivery. */
export class OrganizationTrail extends Construct {
  readonly trail: Cloudtrail;
  /** The log group the trail delivers to; metric filters read it. */
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/landing-zone/${props.trailName}`,
      retentionInDays: logRetentionAtLeast(props.logRetentionDays),
      kmsKeyId: props.logGroupKeyArn,
      lifecycle: { preventDestroy: settingsOf(this).preventDestroy },
    });
    const role = new IamRole(this, "delivery-role", {
      name: `${props.trailName}-cloudwatch-logs`,
      description: "CloudTrail delivery of the organization trail to CloudWatch Logs",
      // Confused-deputy guard: CloudTrail acting for any other trail cannot use this role.
      assumeRolePolicy: renderPolicy(
        serviceTrustPolicy("CloudTrailDelivers", "cloudtrail.amazonaws.com", {
          StringEquals: { "aws:SourceArn": props.trailArn },
        }),
      ),
    });
    const policy = new RolePermissions(this, "delivery-policy", {
      roleName: role.name,
      policyName: "lz-cloudtrail-deliver-to-log-group",
      description: "CloudTrail writes the organization trail into its log group",
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "WriteTrailLogStreams",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: logStreamIn(this.logGroup.arn, "*"),
          },
        ],
      },
    });
    const notArchive = props.excludedDataEventBuckets.map((arn) => `${arn}/`);
    this.trail = new Cloudtrail(this, "trail", {
      name: props.trailName,
      s3BucketName: props.bucketName,
      kmsKeyId: props.kmsKeyArn,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      advancedEventSelector: [
        { name: "Management events", fieldSelector: [{ field: "eventCategory", equalTo: ["Management"] }] },
        // PHI lives in S3: who read or wrote which object is the record an investigation needs. Every account is
        // covered, PHI accounts included; the archive's own deliveries are left out.
        {
          name: "S3 data events except the log archive",
          fieldSelector: [
            { field: "eventCategory", equalTo: ["Data"] },
            { field: "resources.type", equalTo: ["AWS::S3::Object"] },
            ...(notArchive.length > 0 ? [{ field: "resources.ARN", notStartsWith: notArchive }] : []),
          ],
        },
        // Lambda invocations and DynamoDB item and stream reads and writes, in every account: the Lambda HIPAA
        // guidance asks for both, as PHI flows through functions into tables.
        ...TRAIL_DATA_EVENT_TYPES.map(({ name, type }) => ({
          name,
          fieldSelector: [
            { field: "eventCategory", equalTo: ["Data"] },
            { field: "resources.type", equalTo: [type] },
          ],
        })),
      ],
      insightSelector: [{ insightType: "ApiCallRateInsight" }, { insightType: "ApiErrorRateInsight" }],
      dependsOn: [policy.attachment],
    });
  }
}
