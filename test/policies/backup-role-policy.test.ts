// The AWS Backup role's own permission to use other accounts' vault keys (src/policies/backup-policies.ts
// backupRoleVaultKeyPolicy): through AWS Backup only, keys of the named accounts of the organization only, never
// on every key ("*", which the conformance pack's IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS reports).
import {
  BACKUP_ROLE_KEY_POLICY_ACCOUNTS,
  backupRoleKeyPolicyName,
  backupRoleVaultKeyPolicies,
  backupRoleVaultKeyPolicy,
  MANAGED_POLICY_MAX_CHARACTERS,
} from "../../src/policies/backup-policies";

const ORG = "o-exampleorgid";
const BACKUP = "999999999999";
const MEMBERS = ["111111111111", "222222222222"];
const condition = {
  StringLike: { "kms:ViaService": "backup.*.amazonaws.com" },
  StringEquals: { "aws:ResourceOrgID": ORG },
};

describe("backupRoleVaultKeyPolicy", () => {
  it("lets a member account's role generate data keys under the backup account's keys only, and decrypt nothing", () => {
    expect(
      backupRoleVaultKeyPolicy({ organizationId: ORG, encryptsWithKeysOf: [BACKUP], decryptsKeysOf: [] }),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EncryptCopiesWithDestinationVaultKeys",
          Effect: "Allow",
          Action: "kms:GenerateDataKey",
          Resource: [`arn:aws:kms:*:${BACKUP}:key/*`],
          Condition: condition,
        },
      ],
    });
  });

  it("lets the backup account's role decrypt and encrypt with the member accounts' keys, through AWS Backup", () => {
    const memberKeys = MEMBERS.map((a) => `arn:aws:kms:*:${a}:key/*`);
    expect(
      backupRoleVaultKeyPolicy({ organizationId: ORG, encryptsWithKeysOf: MEMBERS, decryptsKeysOf: MEMBERS })
        .Statement,
    ).toEqual([
      {
        Sid: "EncryptCopiesWithDestinationVaultKeys",
        Effect: "Allow",
        Action: "kms:GenerateDataKey",
        Resource: memberKeys,
        Condition: condition,
      },
      {
        Sid: "DecryptMemberRecoveryPointsForCentralCopies",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: memberKeys,
        Condition: condition,
      },
    ]);
  });

  it("never allows a KMS action on every key", () => {
    const { Statement } = backupRoleVaultKeyPolicy({
      organizationId: ORG,
      encryptsWithKeysOf: MEMBERS,
      decryptsKeysOf: MEMBERS,
    });
    for (const s of Statement) {
      expect(s.Resource).not.toContain("*");
      for (const r of s.Resource as string[]) expect(r).toMatch(/^arn:aws:kms:\*:\d{12}:key\/\*$/);
    }
  });
});

describe("backupRoleVaultKeyPolicies", () => {
  const accounts = (n: number) => Array.from({ length: n }, (_, i) => String(100000000000 + i));

  it("gives a member account one document, under the plain name", () => {
    const docs = backupRoleVaultKeyPolicies({
      organizationId: ORG,
      encryptsWithKeysOf: [BACKUP],
      decryptsKeysOf: [],
    });
    expect(docs).toEqual([
      backupRoleVaultKeyPolicy({ organizationId: ORG, encryptsWithKeysOf: [BACKUP], decryptsKeysOf: [] }),
    ]);
    expect(backupRoleKeyPolicyName(0)).toBe("lz-backup-vault-keys");
  });

  it("splits the backup account's 300 members into documents within IAM's managed policy size, each account once", () => {
    const members = accounts(300);
    const docs = backupRoleVaultKeyPolicies({
      organizationId: ORG,
      encryptsWithKeysOf: members,
      decryptsKeysOf: members,
    });
    expect(docs).toHaveLength(300 / BACKUP_ROLE_KEY_POLICY_ACCOUNTS);
    for (const doc of docs) {
      expect(JSON.stringify(doc).replace(/\s/g, "").length).toBeLessThanOrEqual(
        MANAGED_POLICY_MAX_CHARACTERS,
      );
    }
    const named = (sid: string) =>
      docs.flatMap((d) => d.Statement.filter((s) => s.Sid === sid).flatMap((s) => s.Resource as string[]));
    const keys = members.map((a) => `arn:aws:kms:*:${a}:key/*`);
    expect(named("EncryptCopiesWithDestinationVaultKeys")).toEqual(keys);
    expect(named("DecryptMemberRecoveryPointsForCentralCopies")).toEqual(keys);
    expect([1, 2, 4].map(backupRoleKeyPolicyName)).toEqual([
      "lz-backup-vault-keys-2",
      "lz-backup-vault-keys-3",
      "lz-backup-vault-keys-5",
    ]);
  });
});
