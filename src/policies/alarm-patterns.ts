// CloudWatch Logs metric filter patterns over the organization trail: the events a security team must hear about
// within minutes (164.308(a)(1)(ii)(D) activity review, 164.312(b) audit controls). Patterns follow the CIS AWS
// Foundations Benchmark monitoring section.

/** One security alarm: its name, what it catches, and the filter pattern. */
export interface SecurityAlarm {
  /** Metric and alarm name (PascalCase). */
  readonly name: string;
  /** What it catches, for the alarm description. */
  readonly description: string;
  /** The CloudWatch Logs filter pattern. */
  readonly pattern: string;
}

const anyEvent = (names: readonly string[]) => names.map((n) => `($.eventName = ${n})`).join(" || ");

/** The alarm catalogue. `breakGlassRoleName` names the emergency role whose every use raises an alarm. */
export function securityAlarms(breakGlassRoleName: string): SecurityAlarm[] {
  return [
    {
      name: "UnauthorizedApiCalls",
      description: "API calls denied for lack of authorization",
      pattern:
        '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    },
    {
      name: "ConsoleSignInWithoutMfa",
      description: "Console sign-in by an IAM user without MFA",
      pattern:
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    },
    // IAM Identity Center logs a UserAuthentication event once a sign-in completes, its CredentialType naming every
    // credential verified ("PASSWORD", or "PASSWORD,TOTP" / "PASSWORD,WEBAUTHN" with MFA); a sign-in whose only
    // credential was the password had no MFA. External identity providers show EXTERNAL_IDP and keep MFA to
    // themselves, so they are not matched. Since 2025-07-14 the events name the user by ID, not user name.
    // https://docs.aws.amazon.com/singlesignon/latest/userguide/understanding-sign-in-events.html
    {
      name: "IdentityCenterSignInWithoutMfa",
      description: "IAM Identity Center sign-in completed with a password only, no MFA (164.312(d))",
      pattern:
        '{ ($.eventSource = "signin.amazonaws.com") && ($.eventName = "UserAuthentication") && ($.serviceEventDetails.UserAuthentication = "Success") && ($.additionalEventData.CredentialType = "PASSWORD") }',
    },
    // Identity Center's MFA settings have no public API (the console's PutMfaDeviceManagementForDirectory is the
    // only writer, https://docs.aws.amazon.com/singlesignon/latest/userguide/sso-info-in-cloudtrail.html), so a
    // change is heard about here rather than read back.
    {
      name: "IdentityCenterMfaSettingsChanged",
      description: "IAM Identity Center's MFA settings changed (164.312(d))",
      pattern: '{ $.eventName = "PutMfaDeviceManagementForDirectory" }',
    },
    {
      name: "RootAccountUsage",
      description: "Any use of a root user",
      pattern:
        '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    },
    {
      name: "IamPolicyChanges",
      description: "IAM policy created, changed, attached or detached",
      pattern: `{ ${anyEvent(["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"])} }`,
    },
    {
      name: "CloudTrailChanges",
      description: "A trail created, changed, stopped or deleted",
      pattern: `{ ${anyEvent(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"])} }`,
    },
    {
      name: "ConsoleSignInFailures",
      description: "Failed console sign-in",
      pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    },
    {
      name: "KmsKeyDisableOrDeletion",
      description: "A customer-managed KMS key disabled or scheduled for deletion",
      pattern: `{ ($.eventSource = kms.amazonaws.com) && (${anyEvent(["DisableKey", "ScheduleKeyDeletion"])}) }`,
    },
    {
      name: "S3BucketPolicyChanges",
      description: "An S3 bucket policy, ACL, CORS, lifecycle or replication changed",
      pattern: `{ ($.eventSource = s3.amazonaws.com) && (${anyEvent(["PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"])}) }`,
    },
    {
      name: "ConfigChanges",
      description: "AWS Config recorder or delivery channel stopped or changed",
      pattern: `{ ($.eventSource = config.amazonaws.com) && (${anyEvent(["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"])}) }`,
    },
    {
      name: "SecurityGroupChanges",
      description: "A security group created, deleted or its rules changed",
      pattern: `{ ${anyEvent(["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"])} }`,
    },
    {
      name: "NaclChanges",
      description: "A network ACL or its entries changed",
      pattern: `{ ${anyEvent(["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"])} }`,
    },
    {
      name: "NetworkGatewayChanges",
      description: "An internet or customer gateway created, attached, detached or deleted",
      pattern: `{ ${anyEvent(["CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"])} }`,
    },
    {
      name: "RouteTableChanges",
      description: "A route or route table changed",
      pattern: `{ ($.eventSource = ec2.amazonaws.com) && (${anyEvent(["CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"])}) }`,
    },
    {
      name: "VpcChanges",
      description: "A VPC created, deleted, modified or peered",
      pattern: `{ ${anyEvent(["CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection"])} }`,
    },
    {
      name: "OrganizationsChanges",
      description: "AWS Organizations structure or policies changed",
      pattern: `{ ($.eventSource = organizations.amazonaws.com) && (${anyEvent(["AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"])}) }`,
    },
    {
      name: "BreakGlassUse",
      description: "Any use of the break-glass role or the BreakGlass permission set (164.312(a)(2)(ii))",
      pattern: `{ ($.userIdentity.arn = "*:assumed-role/${breakGlassRoleName}/*") || ($.userIdentity.arn = "*:assumed-role/AWSReservedSSO_BreakGlass_*") }`,
    },
  ];
}
