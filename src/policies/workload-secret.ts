// A workload's secret (docs/workloads.md): kept in Secrets Manager under the workload's key, read by its function's
// role alone, and replaced on a schedule by a rotation function of its own (164.312(d) authentication,
// 164.308(a)(5)(ii)(D) password management, 164.312(a)(2)(iv) encryption at rest, 164.312(a)(1) access control).
import { PolicyDocument, PolicyStatement } from "./policy-document";
import { WorkloadArns } from "./workload";

/** AWS's pages the secret and its rotation follow, cited where each setting or statement is written. */
export const SECRET_DOCS = {
  encryption: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
  rotationRole:
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-required-permissions-function.html",
  rotationSteps:
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html",
  resourcePolicy:
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html",
  actions: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html",
} as const;

/** Days between rotations: a new value every 30 days (SECRETSMANAGER_ROTATION_ENABLED_CHECK wants one scheduled). */
export const ROTATION_DAYS = 30;

/** Days a deleted secret can still be restored: the most Secrets Manager allows, so a deletion is undone in time. */
export const SECRET_RECOVERY_DAYS = 30;

/** The encryption context key Secrets Manager puts the secret's ARN under (SECRET_DOCS.encryption). */
export const SECRET_CONTEXT_KEY = "kms:EncryptionContext:SecretARN";

/** What the workload's function does with its secret: read the current value. */
export const SECRET_READ_ACTIONS = ["secretsmanager:GetSecretValue"];

/** What the rotation function does, as AWS's rotation role policy lists it (SECRET_DOCS.rotationRole). */
export const SECRET_ROTATION_ACTIONS = [
  "secretsmanager:DescribeSecret",
  "secretsmanager:GetSecretValue",
  "secretsmanager:PutSecretValue",
  "secretsmanager:UpdateSecretVersionStage",
];

/**
 * What only the workload's two roles and the administrators may do with the secret: its value (read, write, move
 * its labels), and whatever would hand it to someone else or strip its protection (its policy, key, rotation,
 * replicas, deletion and restore, tags). Reading its description and policy stays open: plans, drift and Config read
 * them, and they hold no value.
 */
export const SECRET_PROTECTED_ACTIONS = [
  "secretsmanager:CancelRotateSecret",
  "secretsmanager:DeleteResourcePolicy",
  "secretsmanager:DeleteSecret",
  "secretsmanager:GetSecretValue",
  "secretsmanager:PutResourcePolicy",
  "secretsmanager:PutSecretValue",
  "secretsmanager:RemoveRegionsFromReplication",
  "secretsmanager:ReplicateSecretToRegions",
  "secretsmanager:RestoreSecret",
  "secretsmanager:RotateSecret",
  "secretsmanager:StopReplicationToReplica",
  "secretsmanager:TagResource",
  "secretsmanager:UntagResource",
  "secretsmanager:UpdateSecret",
  "secretsmanager:UpdateSecretVersionStage",
];

/**
 * The secret's ARN as a pattern: Secrets Manager appends a hyphen and six random characters to the name, so an
 * identity policy names `<name>-??????` (AWS's advice, auth-and-access_examples.html#auth-and-access_examples_wildcard).
 */
export function secretArnPattern({ region, accountId, names }: WorkloadArns): string {
  return `arn:aws:secretsmanager:${region}:${accountId}:secret:${names.secretName}-??????`;
}

/** What the rotation role's statements name. */
export interface RotationRoleContext extends WorkloadArns {
  readonly keyArn: string;
}

/** The rotation function's own statements beyond running in the VPC: its secret and its key, nothing else. */
export function rotationStatements(ctx: RotationRoleContext): PolicyStatement[] {
  const secret = secretArnPattern(ctx);
  return [
    // AWS's rotation role policy, narrowed to this one secret (SECRET_DOCS.rotationRole).
    {
      Sid: "RotateOwnSecret",
      Effect: "Allow",
      Action: SECRET_ROTATION_ACTIONS,
      Resource: secret,
    },
    // IAM gives GetRandomPassword no resource type: "*" is the only resource AWS accepts for it.
    {
      Sid: "GenerateValues",
      Effect: "Allow",
      Action: "secretsmanager:GetRandomPassword",
      Resource: "*",
    },
    // Secrets Manager encrypts a new value and decrypts the pending one with the caller's permissions, with the
    // secret's ARN in the context: AWS's customer-managed-key statement for a rotation role (SECRET_DOCS.rotationRole).
    {
      Sid: "UseKeyForOwnSecret",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: ctx.keyArn,
      Condition: {
        StringEquals: { "kms:ViaService": `secretsmanager.${ctx.region}.amazonaws.com` },
        StringLike: { [SECRET_CONTEXT_KEY]: secret },
      },
    },
  ];
}

/** The application function's statement for its secret: read the current value, nothing else. */
export function secretReadStatement(arns: WorkloadArns): PolicyStatement {
  return {
    Sid: "ReadOwnSecret",
    Effect: "Allow",
    Action: SECRET_READ_ACTIONS,
    Resource: secretArnPattern(arns),
  };
}

/**
 * The secret's resource policy: its value and protection are the workload's two roles' and the administrators'
 * (the pipeline and break-glass) alone, whatever IAM policy another principal of the account holds
 * (PowerUserAccess included). In a secret's policy "*" as the resource is the secret itself (SECRET_DOCS.resourcePolicy).
 */
export function secretResourcePolicy(principalArns: readonly string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OnlyTheWorkloadUsesTheSecret",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: SECRET_PROTECTED_ACTIONS,
        Resource: "*",
        Condition: { ArnNotLike: { "aws:PrincipalArn": [...principalArns] } },
      },
    ],
  };
}
