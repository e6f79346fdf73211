// A workload's secret: Secrets Manager under the workload's key, a resource policy that keeps its value and
// protection to the workload's roles and administrators, and rotation every ROTATION_DAYS by a function of its own in
// the PHI VPC (164.312(d) authentication, 164.308(a)(5)(ii)(D) password management, 164.312(a)(2)(iv) encryption,
// 164.312(a)(1) access control).
import * as path from "path";
import { Construct } from "constructs";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretPolicy } from "@cdktf/provider-aws/lib/secretsmanager-secret-policy";
import { SecretsmanagerSecretRotation } from "@cdktf/provider-aws/lib/secretsmanager-secret-rotation";
import { settingsOf } from "../../src/config/profile";
import {
  rotationDeadLetterStatements,
  workloadArn,
  WorkloadArns,
  WORKLOAD_RULE_IDS,
} from "../../src/policies/workload";
import {
  ROTATION_DAYS,
  rotationStatements,
  SECRET_RECOVERY_DAYS,
  secretResourcePolicy,
} from "../../src/policies/workload-secret";
import { requireKeyArn } from "./application-key";
import { WorkloadCodeSigning } from "./workload-code-signing";
import { FunctionNetwork, WorkloadFunction } from "./workload-function";

/** The rotation function's source, which the blueprint ships (workloads/blueprint/rotate-secret.ts). */
export const ROTATION_SOURCE = path.join(__dirname, "..", "..", "workloads", "blueprint", "rotate-secret.ts");

/** The rotation function's size: it runs four short steps once every ROTATION_DAYS. */
const ROTATION_FUNCTION = { reservedConcurrency: 1, timeoutSeconds: 30, memoryMb: 128 } as const;

export interface WorkloadSecretProps extends WorkloadArns {
  /** The workload's key: the secret's values are encrypted under it. */
  readonly keyArn: string;
  /** Who may read, write or change the secret besides the rotation function: the workload's role, the administrators. */
  readonly principalArns: readonly string[];
  /** Where in the PHI VPC the rotation function runs: the application function's subnets and endpoints. */
  readonly network: FunctionNetwork;
  /** The dead-letter queue for the rotation function's failed asynchronous invocations. */
  readonly deadLetterArn: string;
  /** Days the rotation function's log group keeps its events. */
  readonly logRetentionDays: number;
  /**
   * Signs the rotation function's code, where the environment requires code signing.
   * @default - unsigned (environments that do not require signing)
   */
  readonly codeSigning?: WorkloadCodeSigning;
}

/** The secret, its policy, its rotation function and its rotation schedule. */
export class WorkloadSecret extends Construct {
  readonly secret: SecretsmanagerSecret;
  readonly rotationFunction: WorkloadFunction;
  readonly rotation: SecretsmanagerSecretRotation;

  constructor(scope: Construct, id: string, props: WorkloadSecretProps) {
    super(scope, id);
    requireKeyArn(this, "keyArn", props.keyArn, WORKLOAD_RULE_IDS.secretKey);
    const { names } = props;
    // No value is written here: a value in Terraform would sit in its state. The first rotation, at creation,
    // writes the first one (the rotation function needs no current value).
    this.secret = new SecretsmanagerSecret(this, "secret", {
      name: names.secretName,
      description: `${names.base}'s secret, rotated every ${ROTATION_DAYS} days by ${names.rotation.functionName}`,
      kmsKeyId: props.keyArn,
      recoveryWindowInDays: SECRET_RECOVERY_DAYS,
      lifecycle: { preventDestroy: settingsOf(this).preventDestroy },
    });
    // Secrets Manager refuses a policy that grants broad access when BlockPublicPolicy is set; this one only denies.
    new SecretsmanagerSecretPolicy(this, "policy", {
      secretArn: this.secret.arn,
      policy: JSON.stringify(
        secretResourcePolicy([...props.principalArns, workloadArn.role(props, names.rotation)]),
      ),
      blockPublicPolicy: true,
    });
    this.rotationFunction = new WorkloadFunction(this, "rotation", {
      names,
      identity: names.rotation,
      purpose: "rotates its workload's secret, nothing else",
      accountId: props.accountId,
      region: props.region,
      source: ROTATION_SOURCE,
      sourceName: "workloads/blueprint/rotate-secret.ts",
      ...props.network,
      keyArn: props.keyArn,
      deadLetterArn: props.deadLetterArn,
      statements: [
        ...rotationStatements({ ...props, keyArn: props.keyArn }),
        ...rotationDeadLetterStatements(props),
      ],
      ...ROTATION_FUNCTION,
      logRetentionDays: props.logRetentionDays,
      codeSigning: props.codeSigning,
    });
    // Secrets Manager invokes the function for this secret only: AWS recommends aws:SourceAccount so one function
    // can rotate several secrets; the blueprint's function rotates one, so the permission names it
    // (rotate-secrets_turn-on-for-other.html: "the rotation function can only be used to rotate the secret
    // specified by that ARN").
    const permission = new LambdaPermission(this, "invoke-permission", {
      statementId: "SecretsManagerRotates",
      action: "lambda:InvokeFunction",
      functionName: this.rotationFunction.function.functionName,
      principal: "secretsmanager.amazonaws.com",
      sourceArn: this.secret.arn,
    });
    // Rotates at once (the provider's default, AWS's RotateImmediately): the secret gets its first value at creation.
    this.rotation = new SecretsmanagerSecretRotation(this, "rotation-schedule", {
      secretId: this.secret.id,
      rotationLambdaArn: this.rotationFunction.function.arn,
      rotationRules: { automaticallyAfterDays: ROTATION_DAYS },
      dependsOn: [permission],
    });
  }
}
