// A workload's HTTPS API (docs/workloads.md): a private REST API reached only through the environment's execute-api
// endpoint, by identities of the workload's account whose IAM policies allow it, over TLS 1.2 (AWS's default for
// private APIs), each call recorded in a JSON access log that carries no request or response body
// (164.312(e)(1) transmission security, 164.312(a)(1) access control, 164.312(b) audit controls).
import { PolicyDocument } from "./policy-document";

/** AWS's pages the API follows, cited where a setting or statement is written. */
export const API_DOCS = {
  privateApi: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html",
  resourcePolicyExamples:
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html",
  authorizationFlow:
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html",
  tlsVersions:
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html",
  logging: "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
  lambdaPermission: "https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html",
  executionLogging:
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-execution-logging.html",
  httpsOnly: "https://docs.aws.amazon.com/apigateway/latest/developerguide/data-protection-encryption.html",
  policyConditionKeys:
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-aws-condition-keys.html",
  createAttachPolicy:
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html",
} as const;

/** The role API Gateway writes logs with: AWS's managed policy for it (API_DOCS.logging). */
export const API_GATEWAY_LOGGING = {
  managedPolicyArn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
  doc: API_DOCS.logging,
} as const;

/** The name of API Gateway's logging role in an environment's VPC account: `<org>-<environment>-apigateway-logs`. */
export function apiGatewayLoggingRoleName(organization: string, environment: string): string {
  return `${organization}-${environment}-apigateway-logs`;
}

/**
 * API Gateway's trust for its logging role, as AWS's page gives it ("an IAM role with apigateway.amazonaws.com as its
 * trusted entity", API_DOCS.logging): the page documents no condition for it, so none is added.
 */
export function apiGatewayLoggingTrust(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ApiGatewayAssumes",
        Effect: "Allow",
        Principal: { Service: "apigateway.amazonaws.com" },
        Action: "sts:AssumeRole",
      },
    ],
  };
}

/** The stage every workload API deploys to: part of the URL callers use and of the function's permission. */
export const API_STAGE = "v1";

/** The one method the blueprint's API takes: a POST to its one resource, proxied whole to the function. */
export const API_METHOD = "POST";

/** The name of the log group API Gateway writes a stage's execution logs to (API_DOCS.executionLogging). */
export function executionLogGroupName(restApiId: string, stage: string = API_STAGE): string {
  return `API-Gateway-Execution-Logs_${restApiId}/${stage}`;
}

/**
 * The access log's fields, one JSON object per call: who called, through which endpoint, what came back and how
 * long it took. No body, header, query string or path parameter: those are where a caller puts PHI, and the log is
 * read by more people than the table (the resource path logged is the API's template, never the request's).
 */
export const ACCESS_LOG_FIELDS = {
  requestId: "$context.requestId",
  extendedRequestId: "$context.extendedRequestId",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  resourcePath: "$context.resourcePath",
  protocol: "$context.protocol",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationStatus: "$context.integration.status",
  integrationLatency: "$context.integration.latency",
  errorType: "$context.error.responseType",
  callerArn: "$context.identity.userArn",
  sourceIp: "$context.identity.sourceIp",
  vpceId: "$context.identity.vpceId",
} as const;

/** The access log format: ACCESS_LOG_FIELDS as one line of JSON. */
export const ACCESS_LOG_FORMAT = JSON.stringify(ACCESS_LOG_FIELDS);

/** What the API's resource policy names. */
export interface ApiPolicyContext {
  /** The API's execute-api ARN, `arn:aws:execute-api:<region>:<account>:<api-id>`. */
  readonly executionArn: string;
  /** The workload's account: its identities may call the API, if their IAM policies say so. */
  readonly accountId: string;
  /** The environment's execute-api interface endpoint: the only way in. */
  readonly endpointId: string;
}

/** The action a caller of the API needs. */
export const API_INVOKE_ACTION = "execute-api:Invoke";

/**
 * The API's resource policy: AWS's private-API pair (an Allow, and a Deny of every call not through the named VPC
 * endpoint, API_DOCS.resourcePolicyExamples), with the Allow narrowed from everyone to the workload's account, and
 * plain HTTP refused.
 */
export function apiResourcePolicy(ctx: ApiPolicyContext): PolicyDocument {
  const everyMethod = `${ctx.executionArn}/*`;
  return {
    Version: "2012-10-17",
    Statement: [
      // The account, not "*": with AWS_IAM authorization a caller of the same account also needs its own IAM
      // policy to allow execute-api:Invoke, and no other account's identity gets in (API_DOCS.authorizationFlow).
      {
        Sid: "AccountCallers",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ctx.accountId}:root` },
        Action: API_INVOKE_ACTION,
        Resource: everyMethod,
      },
      // AWS's private-API deny: a call from anywhere but the environment's endpoint is refused, whoever makes it.
      {
        Sid: "OnlyThroughTheEnvironmentEndpoint",
        Effect: "Deny",
        Principal: "*",
        Action: API_INVOKE_ACTION,
        Resource: everyMethod,
        Condition: { StringNotEquals: { "aws:SourceVpce": ctx.endpointId } },
      },
      // "API Gateway doesn't support unencrypted (HTTP) endpoints" (API_DOCS.httpsOnly); the policy says so too
      // (aws:SecureTransport is a key API Gateway's resource policies take, API_DOCS.policyConditionKeys), so the
      // proof that plain HTTP is refused does not rest on the service alone.
      {
        Sid: "DenyPlainHttp",
        Effect: "Deny",
        Principal: "*",
        Action: API_INVOKE_ACTION,
        Resource: everyMethod,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}

/**
 * The ARN API Gateway calls the function from, and a caller invokes: this API, its stage, its one method on its one
 * resource (`<api>/<stage>/<method>/<path>`). The function's permission names it, so no other API, stage, method or
 * path can invoke it (API_DOCS.lambdaPermission).
 */
export function apiInvokeSourceArn(executionArn: string, apiPath: string): string {
  return `${executionArn}/${API_STAGE}/${API_METHOD}/${apiPath}`;
}
