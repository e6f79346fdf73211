// The vault access policies of the contingency chain (164.308(a)(7)(ii)(A), (B)), evaluated with the policy
// simulator: the restore runbook's copy back from the central vault into a member account's vault (docs/backup.md,
// "How to restore", step 3) is allowed to the backup account's backup role alone, and nobody deletes a recovery
// point. The backup role carries the AWS managed policies the landing zone attaches to it (read from moto's
// snapshot of AWS's documents); anyone else carries AdministratorAccess, so only the vault policy stops them.
import { decide, NamedPolicy } from "../../src/verify/simulator";
import {
  BACKUP_ROLE_NAME,
  centralVaultPolicy,
  memberVaultPolicy,
  vaultArn,
} from "../../src/policies/backup-policies";
import { BACKUP_ROLE_MANAGED_POLICIES } from "../../modules/account-backup";
import { awsManagedPolicies } from "../helpers/iam-simulation";

const ORG = "o-abc123";
const MEMBER = "111111111111";
const BACKUP = "222222222222";
const OTHER_MEMBER = "333333333333";
const OUTSIDER = "999999999999";
const REGION = "us-east-1";

const managed = awsManagedPolicies(BACKUP_ROLE_MANAGED_POLICIES);
const BACKUP_ROLE_POLICIES: NamedPolicy[] = BACKUP_ROLE_MANAGED_POLICIES.map((arn) => ({
  name: arn.split("/").pop()!,
  policy: managed[arn],
}));
const EVERYTHING: NamedPolicy = {
  name: "AdministratorAccess",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

const backupRole = (account: string) => `arn:aws:iam::${account}:role/${BACKUP_ROLE_NAME}`;

async function onVault(caller: string, action: string, vaultAccount = MEMBER): Promise<string> {
  const account = caller.split(":")[4];
  const outcome = await decide({
    caller: { roleArn: caller },
    action,
    resource:
      action === "backup:DeleteRecoveryPoint"
        ? `arn:aws:backup:${REGION}:${vaultAccount}:recovery-point:example`
        : vaultArn(REGION, vaultAccount, BACKUP_ROLE_NAME),
    resourceAccount: vaultAccount,
    context: {
      "aws:PrincipalArn": caller,
      "aws:PrincipalAccount": account,
      "aws:RequestedRegion": REGION,
      ...(account === OUTSIDER ? {} : { "aws:PrincipalOrgID": ORG }),
    },
    identityPolicies: caller.endsWith(`/${BACKUP_ROLE_NAME}`) ? BACKUP_ROLE_POLICIES : [EVERYTHING],
    resourcePolicy: memberVaultPolicy(BACKUP),
  });
  return outcome.decision;
}

describe("a member vault's access policy: the copy back from the central vault", () => {
  it("lets the backup account's backup role copy a recovery point back into the member vault", async () => {
    expect(await onVault(backupRole(BACKUP), "backup:CopyIntoBackupVault")).toBe("Allowed");
  });

  it("refuses the copy in to every other principal of the backup account, other accounts and outsiders", async () => {
    for (const caller of [
      `arn:aws:iam::${BACKUP}:role/workload-admin`,
      backupRole(OTHER_MEMBER),
      `arn:aws:iam::${OTHER_MEMBER}:role/workload-admin`,
      backupRole(OUTSIDER),
    ]) {
      expect(await onVault(caller, "backup:CopyIntoBackupVault")).not.toBe("Allowed");
    }
  });

  it("allows nothing new but the copy in, and still denies deleting a recovery point to everyone", async () => {
    const allows = memberVaultPolicy(BACKUP).Statement.filter((s) => s.Effect === "Allow");
    expect(allows.map((s) => s.Action)).toEqual(["backup:CopyIntoBackupVault"]);
    expect(await onVault(backupRole(BACKUP), "backup:DeleteRecoveryPoint")).toBe("ExplicitlyDenied");
    expect(await onVault(backupRole(MEMBER), "backup:DeleteRecoveryPoint")).toBe("ExplicitlyDenied");
  });

  it("keeps the central vault open to the organization's copies only", async () => {
    const copyIn = async (caller: string) =>
      (
        await decide({
          caller: { roleArn: caller },
          action: "backup:CopyIntoBackupVault",
          resource: vaultArn(REGION, BACKUP, "lz-central-backup"),
          resourceAccount: BACKUP,
          context: {
            "aws:PrincipalArn": caller,
            "aws:PrincipalAccount": caller.split(":")[4],
            ...(caller.includes(OUTSIDER) ? {} : { "aws:PrincipalOrgID": ORG }),
          },
          identityPolicies: BACKUP_ROLE_POLICIES,
          resourcePolicy: centralVaultPolicy(ORG),
        })
      ).decision;
    expect(await copyIn(backupRole(MEMBER))).toBe("Allowed");
    expect(await copyIn(backupRole(OUTSIDER))).not.toBe("Allowed");
  });
});
