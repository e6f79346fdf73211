// A workload's HTTPS API: a private REST API (TLS 1.2, AWS's default for private APIs) reached only through the
// environment's execute-api endpoint by IAM-signed callers of the workload's account, one POST method proxied to
// the function, a JSON access log without bodies and error-level execution logs, both under the workload's key and
// kept six years, data trace off (164.312(e)(1) transmission security, 164.312(a)(1) access control, 164.312(b)
// audit controls, 164.312(d) authentication).
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayRestApiPolicy } from "@cdktf/provider-aws/lib/api-gateway-rest-api-policy";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { constructError } from "../../src/config/errors";
import { settingsOf } from "../../src/config/profile";
import {
  ACCESS_LOG_FORMAT,
  API_METHOD,
  API_STAGE,
  apiInvokeSourceArn,
  apiResourcePolicy,
  executionLogGroupName,
} from "../../src/policies/workload-api";
import { WORKLOAD_TAG, WorkloadNames } from "../../src/policies/workload";
import { logRetentionAtLeast } from "../organization-trail";

export interface WorkloadApiProps {
  /** The workload's resource names. */
  readonly names: WorkloadNames;
  /** The workload's account, whose identities the API's policy admits. */
  readonly accountId: string;
  /** The environment's execute-api interface endpoint: the API's only way in (its ID, vpce-...). */
  readonly endpointId: string;
  /** The function the API proxies its method to. */
  readonly functionName: string;
  /** The function's invoke ARN, the integration's URI. */
  readonly functionInvokeArn: string;
  /** The workload's key: both log groups. */
  readonly keyArn: string;
  /** Days the log groups keep their events (rounded up to a value CloudWatch allows). */
  readonly logRetentionDays: number;
}

/** The API, its policy, method, stage, logs and the function's permission for it. */
export class WorkloadApi extends Construct {
  readonly restApi: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;
  readonly accessLogGroup: CloudwatchLogGroup;
  readonly executionLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: WorkloadApiProps) {
    super(scope, id);
    if (typeof props.endpointId !== "string" || props.endpointId === "") {
      throw constructError(
        this,
        "endpointId",
        props.endpointId,
        "the ID of the environment's execute-api interface endpoint: a private API is reached through it only",
      );
    }
    const names = props.names;
    const keep = {
      retentionInDays: logRetentionAtLeast(props.logRetentionDays),
      kmsKeyId: props.keyArn,
      lifecycle: { preventDestroy: settingsOf(this).preventDestroy },
    };

    // PRIVATE: no public endpoint, TLS 1.2 on the default endpoint (API_DOCS.tlsVersions: "For private APIs:
    // TLS-1-2"), reachable only through the VPC endpoint the policy names.
    this.restApi = new ApiGatewayRestApi(this, "api", {
      name: names.apiName,
      description: `Workload ${names.base}: POST /${names.apiPath}, through the environment's VPC endpoint`,
      endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: [props.endpointId] },
      // lz-core-guardrails' ProtectWorkloadApis keeps the API and its parts to the pipeline by this tag.
      tags: { [WORKLOAD_TAG]: names.base },
    });
    const policy = new ApiGatewayRestApiPolicy(this, "policy", {
      restApiId: this.restApi.id,
      policy: JSON.stringify(
        apiResourcePolicy({
          executionArn: this.restApi.executionArn,
          accountId: props.accountId,
          endpointId: props.endpointId,
        }),
      ),
    });
    const resource = new ApiGatewayResource(this, "resource", {
      restApiId: this.restApi.id,
      parentId: this.restApi.rootResourceId,
      pathPart: names.apiPath,
    });
    // AWS_IAM: every call is SigV4-signed by an identity of the account, which its IAM policy must allow
    // (API_DOCS.authorizationFlow); nobody calls anonymously even from inside the VPC.
    const method = new ApiGatewayMethod(this, "method", {
      restApiId: this.restApi.id,
      resourceId: resource.id,
      httpMethod: API_METHOD,
      authorization: "AWS_IAM",
    });
    const integration = new ApiGatewayIntegration(this, "integration", {
      restApiId: this.restApi.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      type: "AWS_PROXY",
      integrationHttpMethod: "POST",
      uri: props.functionInvokeArn,
    });
    new LambdaPermission(this, "invoke-permission", {
      statementId: "ApiGatewayInvokesPost",
      action: "lambda:InvokeFunction",
      functionName: props.functionName,
      principal: "apigateway.amazonaws.com",
      // This API's stage and method only (API_DOCS.lambdaPermission), never `/*/*`.
      sourceArn: apiInvokeSourceArn(this.restApi.executionArn, names.apiPath),
    });
    // A private API cannot be deployed without its resource policy (API_DOCS.createAttachPolicy). A change to what
    // a call meets (the path, the method's authorization, the integration's type and target, the policy) deploys
    // anew: the stage serves a deployment's snapshot, and the provider's method and integration IDs never change.
    const deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: this.restApi.id,
      triggers: {
        redeployment: Fn.sha1(
          Fn.jsonencode([
            resource.pathPart,
            method.httpMethod,
            method.authorization,
            integration.type,
            integration.integrationHttpMethod,
            integration.uri,
            policy.policy,
          ]),
        ),
      },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [integration, policy],
    });

    this.accessLogGroup = new CloudwatchLogGroup(this, "access-log-group", {
      name: names.apiAccessLogGroupName,
      ...keep,
    });
    // Made here, under the key and kept six years, before API Gateway would make it unencrypted and kept forever
    // (API_DOCS.executionLogging names it API-Gateway-Execution-Logs_{rest-api-id}/{stage_name}).
    this.executionLogGroup = new CloudwatchLogGroup(this, "execution-log-group", {
      name: executionLogGroupName(this.restApi.id),
      ...keep,
    });
    this.stage = new ApiGatewayStage(this, "stage", {
      restApiId: this.restApi.id,
      deploymentId: deployment.id,
      stageName: API_STAGE,
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: [this.executionLogGroup],
    });
    // Errors only, and never the data trace, which "can result in logging sensitive data" (API_DOCS.logging):
    // bodies hold PHI. ERROR satisfies the pack's API_GW_EXECUTION_LOGGING_ENABLED.
    new ApiGatewayMethodSettings(this, "method-settings", {
      restApiId: this.restApi.id,
      stageName: this.stage.stageName,
      methodPath: "*/*",
      settings: { loggingLevel: "ERROR", dataTraceEnabled: false, metricsEnabled: true },
    });
  }
}
