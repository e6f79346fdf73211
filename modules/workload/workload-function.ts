// A workload's function: Lambda in the environment's private subnets behind a security group that reaches only the
// VPC's endpoints, its own least-privilege execution role, environment variables encrypted with the workload's key
// and holding no secrets, a capped concurrency and timeout, a dead-letter queue for failed asynchronous invocations,
// and its log group under the key kept six years (164.312(a)(1) access control, 164.312(e)(1) transmission
// security, 164.312(a)(2)(iv) encryption, 164.312(b) audit controls, 164.312(c)(1) integrity).
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { constructError } from "../../src/config/errors";
import { leastPrivilegeProblems } from "../../src/config/least-privilege";
import { settingsOf } from "../../src/config/profile";
import { PolicyStatement } from "../../src/policies/policy-document";
import { serviceTrustPolicy } from "../../src/policies/policy-document";
import {
  FunctionIdentity,
  functionRuntimeStatements,
  secretVariableNames,
  WORKLOAD_ROLE_PATH,
  WORKLOAD_RULE_IDS,
  WorkloadArns,
} from "../../src/policies/workload";
import { logRetentionAtLeast } from "../organization-trail";
import { RolePermissions } from "../role-permissions";
import { FUNCTION_ENTRY, FunctionCode } from "./function-code";
import { WorkloadCodeSigning } from "./workload-code-signing";

/** The Lambda runtime: Node.js 22, supported until 2027-04-30 (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). */
export const FUNCTION_RUNTIME = "nodejs22.x";

/** Where in the environment's PHI VPC a workload function runs, and what its security group may reach. */
export interface FunctionNetwork {
  /** The environment's PHI VPC, where the function's security group is made. */
  readonly vpcId: string;
  /** The VPC's private subnets (IDs); none is refused (hipaa-lambda-inside-vpc). */
  readonly subnetIds: readonly string[];
  /** The private subnets' ARNs, for the role's network-interface statement. */
  readonly subnetArns: readonly string[];
  /** The VPC endpoints' security group: the function's HTTPS goes there and nowhere else in the VPC. */
  readonly endpointSecurityGroupId: string;
  /** The S3 and DynamoDB gateway endpoints' prefix lists: the function's HTTPS to them. */
  readonly gatewayPrefixListIds: readonly string[];
}

export interface WorkloadFunctionProps extends WorkloadArns, FunctionNetwork {
  /**
   * The names the function runs under: the application function's or the rotation function's.
   * @default - names (the workload's application function)
   */
  readonly identity?: FunctionIdentity;
  /** What the function is for, in one line: its role's description. */
  readonly purpose: string;
  /**
   * The role's statements beyond running in the VPC and writing its logs (functionRuntimeStatements): the
   * blueprint's own, for the function's purpose.
   */
  readonly statements: readonly PolicyStatement[];
  /** The handler's TypeScript source (absolute path), bundled at synth. */
  readonly source: string;
  /** The handler as the configuration names it, for errors. */
  readonly sourceName: string;
  /** The workload's key: environment, log group. */
  readonly keyArn: string;
  /** The dead-letter queue's ARN for asynchronous invocations that failed every retry. */
  readonly deadLetterArn: string;
  /**
   * Environment variables: names and values that are not secrets (hipaa-lambda-environment-no-secrets), encrypted
   * with the key.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** Concurrent executions reserved for the function, and its cap. */
  readonly reservedConcurrency: number;
  /** Seconds one invocation may run. */
  readonly timeoutSeconds: number;
  /** Megabytes of memory. */
  readonly memoryMb: number;
  /** Days the function's log group keeps its events (rounded up to a value CloudWatch allows). */
  readonly logRetentionDays: number;
  /**
   * Signs the code and attaches the code signing configuration, where the environment requires code signing.
   * @default - the code is uploaded unsigned with the function (environments that do not require signing)
   */
  readonly codeSigning?: WorkloadCodeSigning;
  /**
   * Statements the role gets besides the blueprint's own; each is refused if it names an action by wildcard or a
   * resource beyond ARNs (hipaa-workload-role-least-privilege).
   * @default - none
   */
  readonly additionalStatements?: readonly PolicyStatement[];
}

/** The function, its role, security group and log group. */
export class WorkloadFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly securityGroup: SecurityGroup;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: WorkloadFunctionProps) {
    super(scope, id);
    this.validate(props);
    const names = props.identity ?? props.names;

    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: names.securityGroupName,
      description: `Function ${names.functionName}: HTTPS to the VPC endpoints only`,
      vpcId: props.vpcId,
      ingress: [],
      egress: [
        {
          description: "HTTPS to the interface endpoints",
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          securityGroups: [props.endpointSecurityGroupId],
        },
        {
          description: "HTTPS to the S3 and DynamoDB gateway endpoints",
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          prefixListIds: [...props.gatewayPrefixListIds],
        },
      ],
    });

    this.role = new IamRole(this, "role", {
      name: names.roleName,
      path: WORKLOAD_ROLE_PATH,
      description: `Execution role of ${names.functionName}: ${props.purpose}`,
      // Lambda's trust, scoped to this account's functions (lambda-intro-execution-role.html).
      assumeRolePolicy: JSON.stringify(
        serviceTrustPolicy("LambdaAssumes", "lambda.amazonaws.com", {
          StringEquals: { "aws:SourceAccount": props.accountId },
        }),
      ),
    });
    const permissions = new RolePermissions(this, "permissions", {
      roleName: this.role.name,
      policyName: names.roleName,
      description: `What ${names.functionName} may do`,
      document: {
        Version: "2012-10-17",
        Statement: [
          ...functionRuntimeStatements({
            ...props,
            identity: names,
            securityGroupArn: `arn:aws:ec2:${props.region}:${props.accountId}:security-group/${this.securityGroup.id}`,
          }),
          ...props.statements,
          ...(props.additionalStatements ?? []),
        ],
      },
    });

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: names.logGroupName,
      retentionInDays: logRetentionAtLeast(props.logRetentionDays),
      kmsKeyId: props.keyArn,
      lifecycle: { preventDestroy: settingsOf(this).preventDestroy },
    });

    const code = new FunctionCode(this, "code", { source: props.source, sourceName: props.sourceName });
    // Signed code comes from the code bucket, where Signer wrote it; Lambda checks it against the configuration.
    const signed = props.codeSigning?.sign(this, "signed-code", code, names.functionName);
    this.function = new LambdaFunction(this, "function", {
      functionName: names.functionName,
      role: this.role.arn,
      runtime: FUNCTION_RUNTIME,
      handler: FUNCTION_ENTRY.handler,
      ...(signed
        ? { s3Bucket: signed.bucket, s3Key: signed.key, codeSigningConfigArn: signed.codeSigningConfigArn }
        : { filename: code.path }),
      // Since provider 5.4x source_code_hash only triggers an update (hashicorp/terraform-provider-aws#37669): the
      // digest of the bundled code, so equal code plans no change.
      sourceCodeHash: code.hash,
      timeout: props.timeoutSeconds,
      memorySize: props.memoryMb,
      reservedConcurrentExecutions: props.reservedConcurrency,
      // The key encrypts the environment; a function without one (the rotation function) names no key.
      ...(props.environment
        ? { kmsKeyArn: props.keyArn, environment: { variables: { ...props.environment } } }
        : {}),
      vpcConfig: { subnetIds: [...props.subnetIds], securityGroupIds: [this.securityGroup.id] },
      deadLetterConfig: { targetArn: props.deadLetterArn },
      loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name },
      // The role's permissions and the log group exist before Lambda checks the role and writes its first line.
      dependsOn: [permissions.attachment, this.logGroup],
    });
  }

  /** Refuses props that would break a HIPAA rule, naming the prop and the rule. */
  private validate(props: WorkloadFunctionProps): void {
    if (!Array.isArray(props.subnetIds) || props.subnetIds.length === 0) {
      throw constructError(
        this,
        "subnetIds",
        props.subnetIds,
        `the PHI VPC's private subnets, at least one: a function runs inside the VPC (${WORKLOAD_RULE_IDS.insideVpc})`,
      );
    }
    if (typeof props.deadLetterArn !== "string" || props.deadLetterArn === "") {
      throw constructError(
        this,
        "deadLetterArn",
        props.deadLetterArn,
        `an encrypted SQS queue's ARN for failed asynchronous invocations (${WORKLOAD_RULE_IDS.deadLetter})`,
      );
    }
    const secretNames = secretVariableNames(Object.keys(props.environment ?? {}));
    if (secretNames.length > 0) {
      throw constructError(
        this,
        "environment",
        secretNames,
        `variables that hold no secrets: keep a secret in Secrets Manager and pass its ARN in a variable ending _ARN (${WORKLOAD_RULE_IDS.noSecretsInEnvironment})`,
      );
    }
    const problems = (props.additionalStatements ?? []).flatMap(leastPrivilegeProblems);
    if (problems.length > 0) {
      throw constructError(
        this,
        "additionalStatements",
        props.additionalStatements,
        `statements that name every action in full and only the workload's own resources (${WORKLOAD_RULE_IDS.leastPrivilege}): ${problems.join("; ")}`,
      );
    }
  }
}
