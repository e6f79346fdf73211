// ARN formats the landing zone writes into policies and proofs, each spelled once, as AWS documents them: a wrong
// ARN in a grant or a condition fails closed or, worse, matches nothing a deny meant to stop (164.312(a)(1)).

/**
 * A CloudWatch Logs log group's ARN, without the `:*` that DescribeLogGroups appends: the form resource policies,
 * `kms:EncryptionContext:aws:logs:arn` and the log-group resource type of the Service Authorization Reference use
 * ([CloudWatch Logs resources and operations](https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html)).
 * `region`, `account` and `name` may be IAM wildcards (`*`) or a name pattern.
 */
export function logGroupArn(region: string, account: string, name: string): string {
  return `arn:aws:logs:${region}:${account}:log-group:${name}`;
}

/**
 * The ARN of a stream in the log group whose ARN (without `:*`) is `groupArn`, as the same page gives it; `stream`
 * may be `*`, every stream of the group. `groupArn` may be a Terraform reference to a log group's `arn`.
 */
export function logStreamIn(groupArn: string, stream: string): string {
  return `${groupArn}:log-stream:${stream}`;
}

/** A log stream's ARN from the group's region, account and name (see logGroupArn) and the stream's name. */
export function logStreamArn(region: string, account: string, group: string, stream: string): string {
  return logStreamIn(logGroupArn(region, account, group), stream);
}

/**
 * The name of the bucket an S3 ARN points into, with or without an object key or key prefix after it
 * (`arn:aws:s3:::bucket/prefix/`), as log deliveries name their destination.
 */
export function bucketOfArn(arn: string): string {
  return arn.replace(/^arn:aws[a-z-]*:s3:::/, "").split("/")[0];
}
