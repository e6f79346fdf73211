// API Gateway's logging role for an account and region that hold workloads: the one account setting through which
// API Gateway writes a stage's access and execution logs to CloudWatch Logs, so every workload API's calls are
// recorded (164.312(b) audit controls). One per account and region: the environment's network stack owns it.
import { Construct } from "constructs";
import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { API_GATEWAY_LOGGING, apiGatewayLoggingTrust } from "../../src/policies/workload-api";

export interface ApiGatewayAccountProps {
  /** The role's name: `<organization>-<environment>-apigateway-logs`. */
  readonly roleName: string;
}

/** The role API Gateway assumes to write logs, and the account setting that names it. */
export class ApiGatewayAccountLogging extends Construct {
  readonly role: IamRole;
  readonly setting: ApiGatewayAccount;

  constructor(scope: Construct, id: string, props: ApiGatewayAccountProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: "API Gateway writes the account's API access and execution logs to CloudWatch Logs",
      assumeRolePolicy: JSON.stringify(apiGatewayLoggingTrust()),
    });
    // AWS's managed policy for this role, as its page names it (API_GATEWAY_LOGGING.doc).
    const attachment = new IamRolePolicyAttachment(this, "managed-policy", {
      role: this.role.name,
      policyArn: API_GATEWAY_LOGGING.managedPolicyArn,
    });
    this.setting = new ApiGatewayAccount(this, "setting", {
      cloudwatchRoleArn: this.role.arn,
      // API Gateway checks the role's permissions when the setting is saved.
      dependsOn: [attachment],
    });
  }
}
