// Access paths for lz-phi-creation (164.312(a)(2)(iv) encryption, 164.312(e)(1) transmission security,
// 164.312(c)(1) integrity): in every environment account below it, an administrator is refused the unencrypted
// database or file system, the function outside a VPC and, where the environment requires it, unsigned code, and
// is allowed each compliant twin; the pipeline keeps deploying; an account outside it is unaffected.
import { accountsUnderGuardrail, baaAllowedPrefixes, codeSigningOf } from "../../config/model";
import { CREATION_GUARDRAIL_DOCS } from "../../policies/creation-guardrails";
import { AccessPath, ADMINISTRATOR_ACCESS, fromRole, PathContext, workloadAdminArn } from "./context";
import { compliantFunctionContext } from "./permission-sets";

/** One creation request: what it asks for, and whether lz-phi-creation must refuse it where it applies. */
interface CreationCase {
  readonly id: string;
  readonly what: string;
  readonly action: string;
  readonly resource: (account: string, region: string) => string;
  readonly context: (account: string, region: string) => Record<string, string>;
  /** "always": refused wherever lz-phi-creation applies; "signing": only where code signing is required. */
  readonly refused: "always" | "signing" | "never";
  readonly doc: string;
}

const db = (a: string, r: string) => `arn:aws:rds:${r}:${a}:db:patients`;
const cluster = (a: string, r: string) => `arn:aws:rds:${r}:${a}:cluster:patients`;
const fn = (a: string, r: string) => `arn:aws:lambda:${r}:${a}:function:intake`;
const inVpcUnsigned = (a: string, r: string) => {
  const context = compliantFunctionContext(a, r);
  delete context["lambda:CodeSigningConfigArn"];
  return context;
};
const signedOutsideVpc = (a: string, r: string) => ({
  "lambda:CodeSigningConfigArn": compliantFunctionContext(a, r)["lambda:CodeSigningConfigArn"],
});

/** Each guarded creation and its nearest compliant twin. */
const CASES: readonly CreationCase[] = [
  {
    id: "rds-instance-unencrypted",
    what: "a PostgreSQL DB instance with StorageEncrypted false",
    action: "rds:CreateDBInstance",
    resource: db,
    context: () => ({ "rds:StorageEncrypted": "false", "rds:DatabaseEngine": "postgres" }),
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.rds,
  },
  {
    id: "rds-instance-encryption-omitted",
    what: "a PostgreSQL DB instance that does not ask for encryption (RDS's default is unencrypted)",
    action: "rds:CreateDBInstance",
    resource: db,
    context: () => ({ "rds:DatabaseEngine": "postgres" }),
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.rds,
  },
  {
    id: "rds-instance-encrypted",
    what: "an encrypted PostgreSQL DB instance",
    action: "rds:CreateDBInstance",
    resource: db,
    context: () => ({ "rds:StorageEncrypted": "true", "rds:DatabaseEngine": "postgres" }),
    refused: "never",
    doc: CREATION_GUARDRAIL_DOCS.rds,
  },
  {
    id: "rds-aurora-member",
    what: "an Aurora instance in a cluster, whose encryption is the cluster's",
    action: "rds:CreateDBInstance",
    resource: db,
    context: () => ({ "rds:DatabaseEngine": "aurora-postgresql" }),
    refused: "never",
    doc: CREATION_GUARDRAIL_DOCS.rds,
  },
  {
    id: "rds-instance-from-s3-unencrypted",
    what: "a DB instance restored from S3 with StorageEncrypted false",
    action: "rds:RestoreDBInstanceFromS3",
    resource: db,
    context: () => ({ "rds:StorageEncrypted": "false", "rds:DatabaseEngine": "mysql" }),
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.rds,
  },
  {
    id: "rds-cluster-unencrypted",
    what: "an Aurora cluster with StorageEncrypted false",
    action: "rds:CreateDBCluster",
    resource: cluster,
    context: () => ({ "rds:StorageEncrypted": "false", "rds:DatabaseEngine": "aurora-postgresql" }),
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.rds,
  },
  {
    id: "rds-cluster-encryption-omitted",
    what: "a Multi-AZ DB cluster that does not ask for encryption",
    action: "rds:CreateDBCluster",
    resource: cluster,
    context: () => ({ "rds:DatabaseEngine": "postgres" }),
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.rds,
  },
  {
    id: "rds-cluster-encrypted",
    what: "an encrypted Aurora cluster",
    action: "rds:CreateDBCluster",
    resource: cluster,
    context: () => ({ "rds:StorageEncrypted": "true", "rds:DatabaseEngine": "aurora-postgresql" }),
    refused: "never",
    doc: CREATION_GUARDRAIL_DOCS.rds,
  },
  {
    id: "efs-unencrypted",
    what: "an EFS file system with Encrypted false",
    action: "elasticfilesystem:CreateFileSystem",
    resource: () => "*",
    context: () => ({ "elasticfilesystem:Encrypted": "false" }),
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.efs,
  },
  {
    id: "efs-encryption-omitted",
    what: "an EFS file system that does not ask for encryption",
    action: "elasticfilesystem:CreateFileSystem",
    resource: () => "*",
    context: () => ({}),
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.efs,
  },
  {
    id: "efs-encrypted",
    what: "an encrypted EFS file system",
    action: "elasticfilesystem:CreateFileSystem",
    resource: () => "*",
    context: () => ({ "elasticfilesystem:Encrypted": "true" }),
    refused: "never",
    doc: CREATION_GUARDRAIL_DOCS.efs,
  },
  {
    id: "lambda-outside-vpc",
    what: "a signed Lambda function outside any VPC",
    action: "lambda:CreateFunction",
    resource: fn,
    context: signedOutsideVpc,
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.lambdaVpc,
  },
  {
    id: "lambda-moved-out-of-vpc",
    what: "a Lambda function's configuration updated to no VPC",
    action: "lambda:UpdateFunctionConfiguration",
    resource: fn,
    context: () => ({}),
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.lambdaVpc,
  },
  {
    id: "lambda-in-vpc-signed",
    what: "a signed Lambda function in the VPC",
    action: "lambda:CreateFunction",
    resource: fn,
    context: compliantFunctionContext,
    refused: "never",
    doc: CREATION_GUARDRAIL_DOCS.lambdaVpc,
  },
  {
    id: "lambda-unsigned",
    what: "a Lambda function in the VPC without a code-signing configuration",
    action: "lambda:CreateFunction",
    resource: fn,
    context: inVpcUnsigned,
    refused: "signing",
    doc: CREATION_GUARDRAIL_DOCS.codeSigning,
  },
  {
    id: "lambda-signing-removed",
    what: "a function's code-signing configuration removed",
    action: "lambda:DeleteFunctionCodeSigningConfig",
    resource: fn,
    context: () => ({}),
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.codeSigning,
  },
  {
    id: "lambda-signing-config-made",
    what: "a code-signing configuration of its own (trusting its own publisher, or in Warn mode)",
    action: "lambda:CreateCodeSigningConfig",
    resource: () => "*",
    context: () => ({}),
    refused: "always",
    doc: CREATION_GUARDRAIL_DOCS.codeSigning,
  },
];

/** Every creation case in every environment account, and the pipeline's exemption in the first covered one. */
export function creationGuardrailPaths(ctx: PathContext): AccessPath[] {
  const region = ctx.config.organization.homeRegion;
  const covered = accountsUnderGuardrail(ctx.config.organization, "lz-phi-creation");
  const out: AccessPath[] = [];
  const group = "Creation guardrails";
  const request = (principal: string, account: string, c: CreationCase) => () => ({
    ...fromRole(principal, ctx.orgId, region, c.context(account, region)),
    action: c.action,
    resource: c.resource(account, region),
    resourceAccount: account,
    identityPolicies: [ADMINISTRATOR_ACCESS],
    scps: ctx.index.scpLevels(account),
  });
  const environmentAccounts = ctx.config.environments.flatMap((env) =>
    env.accounts.map((name) => ({ name, signing: codeSigningOf(env) === "required" })),
  );
  const outside = ctx.config.organization.accounts.filter(
    (a) => !covered.has(a.name) && !environmentAccounts.some((e) => e.name === a.name),
  );
  const accounts = [...environmentAccounts, ...outside.map((a) => ({ name: a.name, signing: false }))];
  // A service off the BAA list is denied outright where PHI may be (baaServicePaths proves it), so its creation
  // cases would prove nothing about this guardrail.
  const listed = baaAllowedPrefixes(ctx.config.organization);
  const cases = CASES.filter((c) => listed.has(c.action.split(":")[0]));
  for (const { name, signing } of accounts) {
    const account = ctx.model.accountId(name);
    const under = covered.has(name);
    for (const c of cases) {
      const refused = under && (c.refused === "always" || (c.refused === "signing" && signing));
      out.push({
        id: `creation-${name}-${c.id}`,
        group,
        title: `An administrator in ${name} ${refused ? "cannot create" : "can create"} ${c.what} (${c.action})`,
        expect: refused ? "deny" : "allow",
        doc: c.doc,
        build: request(workloadAdminArn(account), account, c),
      });
    }
  }
  const first = environmentAccounts.find((a) => covered.has(a.name));
  if (first && cases.includes(CASES[0])) {
    const account = ctx.model.accountId(first.name);
    const deployRole = `arn:aws:iam::${account}:role/${ctx.config.organization.roles.deploy}`;
    out.push({
      id: `creation-${first.name}-pipeline-exempt`,
      group,
      title: `The pipeline in ${first.name} can still create an unencrypted DB instance: the guardrails exempt it`,
      expect: "allow",
      doc: CREATION_GUARDRAIL_DOCS.rds,
      build: request(deployRole, account, CASES[0]),
    });
  }
  return out;
}
