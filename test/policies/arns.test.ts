// The ARN formats written once in src/policies/arns.ts, against the examples AWS's CloudWatch Logs page gives.
import { logGroupArn, logStreamArn, logStreamIn } from "../../src/policies/arns";

describe("log group and stream ARNs", () => {
  it("writes a log group's ARN without the trailing :* DescribeLogGroups adds", () => {
    expect(logGroupArn("us-east-1", "123456789012", "/landing-zone/example-health-vpn-tunnels")).toBe(
      "arn:aws:logs:us-east-1:123456789012:log-group:/landing-zone/example-health-vpn-tunnels",
    );
    expect(logGroupArn("*", "*", "/aws/ssm/*")).toBe("arn:aws:logs:*:*:log-group:/aws/ssm/*");
  });

  it("writes a stream's ARN inside its group's, from the group's parts or its ARN (a Terraform reference too)", () => {
    expect(logStreamArn("us-west-2", "123456789012", "/app/phi", "*")).toBe(
      "arn:aws:logs:us-west-2:123456789012:log-group:/app/phi:log-stream:*",
    );
    expect(logStreamIn("${aws_cloudwatch_log_group.trail.arn}", "123456789012_CloudTrail_us-east-1")).toBe(
      "${aws_cloudwatch_log_group.trail.arn}:log-stream:123456789012_CloudTrail_us-east-1",
    );
  });
});
