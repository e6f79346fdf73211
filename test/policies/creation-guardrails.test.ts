// lz-phi-creation: every condition key of every SCP and RCP statement is one IAM gives the statement's actions
// (else the condition decides nothing), and the creation statements decide what they claim, both ways.
import { buildGuardrails, GuardrailContext } from "../../src/policies/scp-library";
import { buildResourceControlPolicies } from "../../src/policies/rcp-library";
import { PolicyDocument, renderPolicy } from "../../src/policies/policy-document";
import { ORGANIZATION_POLICY_QUOTAS } from "../../src/policies/policy-kinds";
import { supportsConditionKey } from "../helpers/iam-actions";
import { evaluate } from "../helpers/iam-simulation";

const ctx: GuardrailContext = {
  regions: ["us-east-1"],
  deployRoleName: "OrganizationAccountAccessRole",
  breakGlassRoleName: "lz-break-glass",
  codeSigningAccountIds: ["111111111111"],
};
const creation = buildGuardrails(ctx).find((g) => g.name === "lz-phi-creation")!.document;

/** Every (action, key) pair a document's statements rely on; NotAction statements name no action to check. */
function actionKeyPairs(document: PolicyDocument): Array<[string, string, string]> {
  const pairs: Array<[string, string, string]> = [];
  for (const statement of document.Statement) {
    if (!statement.Action || !statement.Condition) continue;
    const actions = typeof statement.Action === "string" ? [statement.Action] : statement.Action;
    for (const keys of Object.values(statement.Condition))
      for (const key of Object.keys(keys))
        for (const action of actions) pairs.push([statement.Sid, action, key]);
  }
  return pairs;
}

describe("condition keys", () => {
  const documents = [
    ...buildGuardrails({ ...ctx, baaServices: ["s3"] }),
    ...buildResourceControlPolicies({ orgId: "o-example1234", trustedAccounts: ["222222222222"] }),
  ];

  it.each(documents.map((d) => [d.name, d.document] as const))(
    "%s conditions only on keys IAM gives each action",
    async (_name, document) => {
      const unsupported: string[] = [];
      for (const [sid, action, key] of actionKeyPairs(document))
        if (!(await supportsConditionKey(action, key))) unsupported.push(`${sid}: ${action} ${key}`);
      expect(unsupported).toEqual([]);
    },
  );

  it("refuses a key the action does not carry (the check above can fail)", async () => {
    // A cluster restored from a snapshot states no encryption: IAM gives the request no rds:StorageEncrypted.
    expect(await supportsConditionKey("rds:RestoreDBClusterFromSnapshot", "rds:StorageEncrypted")).toBe(
      false,
    );
    expect(
      await supportsConditionKey("lambda:UpdateFunctionConfiguration", "lambda:CodeSigningConfigArn"),
    ).toBe(false);
    expect(await supportsConditionKey("s3:GetObject", "aws:TlsVersion")).toBe(false);
    // Through the db resource type, and as the cluster action's own key.
    expect(await supportsConditionKey("rds:CreateDBInstance", "rds:StorageEncrypted")).toBe(true);
    expect(await supportsConditionKey("rds:CreateDBCluster", "rds:StorageEncrypted")).toBe(true);
    expect(await supportsConditionKey("s3:*", "s3:TlsVersion")).toBe(true);
  });
});

describe("lz-phi-creation", () => {
  const ADMIN = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
  /** An administrator (or the named role) in the account, under lz-phi-creation alone. */
  const ask = (
    action: string,
    context: Record<string, string>,
    account = "111111111111",
    roleName = "team-admin",
  ) =>
    evaluate({
      identity: { name: roleName, roleName, policies: [ADMIN] },
      accountId: account,
      action,
      resource: "*",
      context,
      scps: [{ id: "Workloads", policies: [{ name: "lz-phi-creation", document: creation }] }],
    });

  it.each([
    [
      "rds:CreateDBInstance",
      { "rds:StorageEncrypted": "false", "rds:DatabaseEngine": "postgres" },
      "ExplicitlyDenied",
    ],
    ["rds:CreateDBInstance", { "rds:DatabaseEngine": "postgres" }, "ExplicitlyDenied"],
    ["rds:CreateDBInstance", { "rds:StorageEncrypted": "true", "rds:DatabaseEngine": "postgres" }, "Allowed"],
    ["rds:CreateDBInstance", { "rds:DatabaseEngine": "aurora-mysql" }, "Allowed"],
    ["rds:CreateDBInstance", { "rds:DatabaseEngine": "docdb" }, "Allowed"],
    ["rds:RestoreDBInstanceFromS3", { "rds:DatabaseEngine": "mysql" }, "ExplicitlyDenied"],
    ["rds:CreateDBCluster", { "rds:StorageEncrypted": "false" }, "ExplicitlyDenied"],
    ["rds:CreateDBCluster", {}, "ExplicitlyDenied"],
    ["rds:CreateDBCluster", { "rds:StorageEncrypted": "true" }, "Allowed"],
    ["rds:RestoreDBClusterFromS3", { "rds:StorageEncrypted": "true" }, "Allowed"],
    ["elasticfilesystem:CreateFileSystem", {}, "ExplicitlyDenied"],
    ["elasticfilesystem:CreateFileSystem", { "elasticfilesystem:Encrypted": "true" }, "Allowed"],
    ["lambda:UpdateFunctionConfiguration", {}, "ExplicitlyDenied"],
    ["lambda:UpdateFunctionConfiguration", { "lambda:VpcIds": "vpc-1" }, "Allowed"],
    ["lambda:CreateFunction", { "lambda:VpcIds": "vpc-1" }, "ExplicitlyDenied"],
    [
      "lambda:CreateFunction",
      {
        "lambda:VpcIds": "vpc-1",
        "lambda:CodeSigningConfigArn": "arn:aws:lambda:us-east-1:111111111111:code-signing-config:csc-1",
      },
      "Allowed",
    ],
    ["lambda:DeleteFunctionCodeSigningConfig", {}, "ExplicitlyDenied"],
    ["lambda:CreateCodeSigningConfig", {}, "ExplicitlyDenied"],
    ["lambda:UpdateCodeSigningConfig", {}, "ExplicitlyDenied"],
  ] as const)("%s with %j: %s", async (action, context, expected) => {
    expect(await ask(action, context)).toBe(expected);
  });

  it("requires code signing only in the accounts whose environment requires it", async () => {
    expect(await ask("lambda:CreateFunction", { "lambda:VpcIds": "vpc-1" }, "333333333333")).toBe("Allowed");
    // Removing a signing configuration is refused everywhere the guardrail applies: it has no condition key.
    expect(await ask("lambda:DeleteFunctionCodeSigningConfig", {}, "333333333333")).toBe("ExplicitlyDenied");
    const unsigned = buildGuardrails({ ...ctx, codeSigningAccountIds: [] }).find(
      (g) => g.name === "lz-phi-creation",
    )!;
    expect(unsigned.document.Statement.map((s) => s.Sid)).toEqual([
      "DenyUnencryptedRdsInstances",
      "DenyUnencryptedRdsClusters",
      "DenyUnencryptedEfs",
      "DenyLambdaOutsideVpc",
      "ProtectCodeSigning",
    ]);
  });

  it("leaves the pipeline and break-glass free to create what the guardrail refuses", async () => {
    for (const role of ["OrganizationAccountAccessRole", "lz-break-glass"])
      expect(await ask("rds:CreateDBCluster", {}, "111111111111", role)).toBe("Allowed");
  });

  it("fits the SCP quota with 300 code-signing accounts", () => {
    const many = Array.from({ length: 300 }, (_, i) => String(100000000000 + i));
    const big = buildGuardrails({ ...ctx, codeSigningAccountIds: many }).find(
      (g) => g.name === "lz-phi-creation",
    )!;
    expect(renderPolicy(big.document).length).toBeLessThanOrEqual(
      ORGANIZATION_POLICY_QUOTAS.scpMaxCharacters,
    );
  });
});
