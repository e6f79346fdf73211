// The lz-backup role's own permission to use other accounts' vault keys, as synthesized: a customer managed policy
// under /landing-zone/ attached to the role in every member account; members encrypt with the backup account's keys,
// the backup account decrypts and encrypts with every other member account's keys (modules/account-backup.ts).
import { BACKUP_ROLE_KEY_POLICY_NAME } from "../../src/policies/backup-policies";
import { LANDING_ZONE_POLICY_PATH, PolicyDocument } from "../../src/policies/policy-document";
import { exampleWithRegions, synthApp } from "../helpers/synth";

const config = exampleWithRegions(["us-east-1", "us-west-2"]);
const app = synthApp(config);
const org = config.organization;
const memberNames = org.accounts.map((a) => a.name);

/** The policy and its attachment in an account's baseline. */
function vaultKeyPolicy(account: string) {
  const all = (type: string) => app.all(`baseline-${account}`, type);
  const policies = all("aws_iam_policy").filter((p) => p.name === BACKUP_ROLE_KEY_POLICY_NAME);
  expect(policies).toHaveLength(1);
  const attachments = all("aws_iam_role_policy_attachment").filter((a) =>
    String(a.policy_arn).includes("backup_role-vault-keys_policy"),
  );
  expect(attachments).toHaveLength(1);
  const [role] = all("aws_iam_role").filter((r) => r.name === "lz-backup");
  expect(role).toBeDefined();
  return {
    policy: policies[0],
    attachment: attachments[0],
    document: JSON.parse(policies[0].policy as string) as PolicyDocument,
  };
}

/** An account ID as the baseline references it (the organization stack's output). */
const accountRef = (name: string) => new RegExp(`account-${name}_account`);

describe.each(memberNames.filter((n) => n !== org.coreAccounts.backup))("the %s baseline", (account) => {
  it("attaches lz-backup-vault-keys to lz-backup: GenerateDataKey with the backup account's keys only", () => {
    const { policy, attachment, document } = vaultKeyPolicy(account);
    expect(policy.path).toBe(LANDING_ZONE_POLICY_PATH);
    expect(attachment.role).toMatch(/aws_iam_role\.backup_role_/);
    expect(document.Statement.map((s) => [s.Sid, s.Action])).toEqual([
      ["EncryptCopiesWithDestinationVaultKeys", "kms:GenerateDataKey"],
    ]);
    const [resource] = document.Statement[0].Resource as string[];
    expect(resource).toMatch(accountRef(org.coreAccounts.backup));
    expect(document.Statement[0].Resource).toHaveLength(1);
  });
});

describe("the backup baseline", () => {
  it("attaches lz-backup-vault-keys to lz-backup: Decrypt and GenerateDataKey with every other member's keys", () => {
    const { policy, document } = vaultKeyPolicy(org.coreAccounts.backup);
    expect(policy.path).toBe(LANDING_ZONE_POLICY_PATH);
    const others = memberNames.filter((n) => n !== org.coreAccounts.backup);
    expect(document.Statement.map((s) => [s.Sid, s.Action])).toEqual([
      ["EncryptCopiesWithDestinationVaultKeys", "kms:GenerateDataKey"],
      ["DecryptMemberRecoveryPointsForCentralCopies", "kms:Decrypt"],
    ]);
    for (const s of document.Statement) {
      const resources = s.Resource as string[];
      expect(resources).toHaveLength(others.length);
      others.forEach((name, i) => expect(resources[i]).toMatch(accountRef(name)));
      expect(resources.some((r) => accountRef(org.coreAccounts.backup).test(r))).toBe(false);
    }
    for (const s of document.Statement) {
      expect(s.Condition).toEqual({
        StringLike: { "kms:ViaService": "backup.*.amazonaws.com" },
        StringEquals: {
          "aws:ResourceOrgID": expect.stringMatching(/aws_organizations_organization|organization/),
        },
      });
    }
  });
});

it("gives the management account no AWS Backup role", () => {
  expect(
    app.all("baseline-management", "aws_iam_policy").filter((p) => p.name === BACKUP_ROLE_KEY_POLICY_NAME),
  ).toEqual([]);
});
