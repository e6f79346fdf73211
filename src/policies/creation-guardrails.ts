// The creation guardrails of lz-phi-creation: in OUs that allow PHI, what a workload builds is encrypted and
// private from its first API call (164.312(a)(2)(iv) encryption at rest, 164.312(e)(1) transmission security,
// 164.312(c)(1) integrity of the code that handles PHI). Each statement uses the condition key IAM's service
// authorization data gives the action; test/policies/creation-guardrails.test.ts fails on a key the action lacks.
import { PolicyCondition, PolicyStatement } from "./policy-document";

/** The RDS engines whose DB instances take their storage encryption from their cluster (AWS's CreateDBInstance). */
export const CLUSTER_MANAGED_ENGINES = ["aurora*", "docdb*", "neptune"] as const;

/**
 * The RDS instance creations whose request carries the `db` resource's rds:StorageEncrypted and rds:DatabaseEngine.
 * A restore from a snapshot or a point in time and a read replica are left out: their encryption is the source's
 * ("You can't restore an unencrypted backup or snapshot to an encrypted DB instance", Overview.Encryption.html),
 * and AWS does not say the key is filled in for them; the conformance pack's RDS_STORAGE_ENCRYPTED sees them.
 */
export const RDS_INSTANCE_CREATE_ACTIONS = ["rds:CreateDBInstance", "rds:RestoreDBInstanceFromS3"] as const;

/** The cluster creations whose request carries rds:StorageEncrypted as an action key (Aurora and Multi-AZ clusters). */
export const RDS_CLUSTER_CREATE_ACTIONS = ["rds:CreateDBCluster", "rds:RestoreDBClusterFromS3"] as const;

/** The Lambda calls that set where a function runs; both carry lambda:VpcIds (AWS's VPC condition example). */
export const LAMBDA_PLACEMENT_ACTIONS = [
  "lambda:CreateFunction",
  "lambda:UpdateFunctionConfiguration",
] as const;

/** What changes which code Lambda accepts: refused to all but the exempt roles where lz-phi-creation applies. */
export const CODE_SIGNING_CHANGE_ACTIONS = [
  "lambda:CreateCodeSigningConfig",
  "lambda:DeleteCodeSigningConfig",
  "lambda:DeleteFunctionCodeSigningConfig",
  "lambda:UpdateCodeSigningConfig",
] as const;

/** AWS's pages each creation guardrail follows, cited in its statement and by make verify's paths. */
export const CREATION_GUARDRAIL_DOCS = {
  rds: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html#amazonrds-policy-keys",
  efs: "https://docs.aws.amazon.com/efs/latest/ug/security_iam_id-based-policy-examples.html#using-iam-to-enforce-encryption-at-rest",
  lambdaVpc: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#vpc-conditions",
  codeSigning: "https://docs.aws.amazon.com/lambda/latest/dg/config-codesigning-policies.html",
} as const;

/** What the creation statements need besides the exemption every protective guardrail shares. */
export interface CreationGuardrailContext {
  /**
   * The condition that exempts the pipeline, break-glass and the landing zone's service roles (AWS Backup's
   * restores create databases and file systems through lz-backup).
   */
  readonly exempt: PolicyCondition;
  /**
   * The accounts whose environment requires Lambda code signing (`codeSigning: required`). @default none: no
   * code-signing statement
   */
  readonly codeSigningAccountIds?: readonly string[];
}

/** The statements of lz-phi-creation. */
export function creationGuardrailStatements(ctx: CreationGuardrailContext): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    // "If you fail to enable encryption on an RDS instance storing patient data, AWS will not stop you", and an
    // unencrypted instance cannot be encrypted later (164.312(a)(2)(iv)). BoolIfExists also refuses a request that
    // omits StorageEncrypted, which RDS creates unencrypted. Aurora, DocumentDB and Neptune instances take their
    // encryption from the cluster, which the next statement guards: the engine exemption is AWS's own, in
    // awslabs/landing-zone-accelerator-on-aws LZA-Guardrails-Sensitive.json (Sid RDS). Keys:
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html#amazonrds-policy-keys
    {
      Sid: "DenyUnencryptedRdsInstances",
      Effect: "Deny",
      Action: [...RDS_INSTANCE_CREATE_ACTIONS],
      Resource: "*",
      Condition: {
        BoolIfExists: { "rds:StorageEncrypted": "false" },
        StringNotLike: { "rds:DatabaseEngine": [...CLUSTER_MANAGED_ENGINES] },
        ...ctx.exempt,
      },
    },
    // The same for Aurora and Multi-AZ DB clusters, whose create requests carry rds:StorageEncrypted themselves
    // (LZA-Guardrails-Sensitive.json, Sid AUR). A cluster restored from a snapshot or to a point in time has no
    // such key and keeps its source's encryption: the conformance pack reports it (docs/controls.md).
    {
      Sid: "DenyUnencryptedRdsClusters",
      Effect: "Deny",
      Action: [...RDS_CLUSTER_CREATE_ACTIONS],
      Resource: "*",
      Condition: { BoolIfExists: { "rds:StorageEncrypted": "false" }, ...ctx.exempt },
    },
    // EFS file systems hold shared PHI files; AWS's page says to enforce encrypted creation with this key in an
    // SCP (security_iam_id-based-policy-examples.html#using-iam-to-enforce-encryption-at-rest). BoolIfExists
    // refuses a request that omits Encrypted, which the API creates unencrypted.
    {
      Sid: "DenyUnencryptedEfs",
      Effect: "Deny",
      Action: "elasticfilesystem:CreateFileSystem",
      Resource: "*",
      Condition: { BoolIfExists: { "elasticfilesystem:Encrypted": "false" }, ...ctx.exempt },
    },
    // A function outside the environment's VPC reaches the internet and AWS APIs around its endpoints, flow logs
    // and security groups (164.312(e)(1)). AWS's example "Ensure that users deploy only VPC-connected functions"
    // (configuration-vpc.html#vpc-conditions): Lambda fills lambda:VpcIds from the subnets, and the page lets an
    // update of a function that already has a VPC configuration leave it out.
    {
      Sid: "DenyLambdaOutsideVpc",
      Effect: "Deny",
      Action: [...LAMBDA_PLACEMENT_ACTIONS],
      Resource: "*",
      Condition: { Null: { "lambda:VpcIds": "true" }, ...ctx.exempt },
    },
    // Which publishers a code-signing configuration trusts, and whether it enforces or only warns, is the
    // pipeline's decision: an administrator who made or changed one (trusting their own signing profile, or in
    // Warn mode) or removed it from a function would let unsigned code run where the next statement requires
    // signing (164.312(c)(1)). None of these calls has a key that states the publishers or the policy, so they are
    // refused outright in every account below the guardrail (which also keeps the account list in one statement);
    // attaching a configuration the pipeline made (PutFunctionCodeSigningConfig) stays allowed.
    {
      Sid: "ProtectCodeSigning",
      Effect: "Deny",
      Action: [...CODE_SIGNING_CHANGE_ACTIONS],
      Resource: "*",
      Condition: ctx.exempt,
    },
  ];
  const signed = ctx.codeSigningAccountIds ?? [];
  if (signed.length > 0) {
    statements.push(
      // Only code a trusted publisher signed may run against PHI (164.312(c)(1)): "Lambda blocks CreateFunction
      // API requests if the CodeSigningConfigArn parameter is missing" where a policy requires it
      // (config-codesigning-policies.html). Only in the accounts whose environment requires it; container-image
      // functions cannot be signed, so they are refused there too.
      {
        Sid: "DenyUnsignedLambdaCode",
        Effect: "Deny",
        Action: "lambda:CreateFunction",
        Resource: "*",
        Condition: {
          Null: { "lambda:CodeSigningConfigArn": "true" },
          StringEquals: { "aws:PrincipalAccount": [...signed] },
          ...ctx.exempt,
        },
      },
    );
  }
  return statements;
}
