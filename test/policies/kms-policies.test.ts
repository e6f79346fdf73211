// The key policies of the contingency chain (164.308(a)(7)(ii)(A), (B)), evaluated with the policy simulator: the
// backup account's AWS Backup roles may use a snapshot's source key (the EBS default key, a PHI data key) through
// EC2 and RDS to copy it into the central vault, and may write copies back into a member vault; EBS and RDS copies
// land under the destination vault's key. The callers carry the AWS managed policies AWS attaches to them (read
// from moto's snapshot of AWS's documents) wherever the request is theirs; "only the key decides" requests give the
// caller an identity policy that allows everything, so the key policy alone decides. Each case is checked both
// ways: the backup account's roles allowed, any other principal of that account, another account of the
// organization and an outsider refused.
import { decide, NamedPolicy } from "../../src/verify/simulator";
import {
  awsBackupRoleArns,
  backupReportsKeyUse,
  backupServiceLinkedRoleArn,
  backupVaultKeyUse,
  centralVaultKeyUse,
  ebsDefaultKeyUse,
  keyPolicy,
  phiDataKeyUse,
} from "../../src/policies/kms-policies";
import { PolicyStatement } from "../../src/policies/policy-document";
import { backupReportsRoleArn } from "../../src/policies/backup-policies";
import { serviceLinkedRoleIdentity } from "../../src/verify/paths/aws-owned";
import { awsManagedPolicies } from "../helpers/iam-simulation";

const ORG = "o-abc123";
const MEMBER = "111111111111";
const BACKUP = "222222222222";
const OTHER_MEMBER = "333333333333";
const SECURITY = "444444444444";
const OUTSIDER = "999999999999";
const REGION = "us-east-1";

const FOR_BACKUP = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup";
const FOR_RESTORES = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores";
const SERVICE_LINKED = "arn:aws:iam::aws:policy/aws-service-role/AWSBackupServiceLinkedRolePolicyForBackup";
const managed = awsManagedPolicies([FOR_BACKUP, FOR_RESTORES, SERVICE_LINKED]);

const backupRole = (account: string) => awsBackupRoleArns(account)[0];
const workloadAdmin = (account: string) => `arn:aws:iam::${account}:role/workload-admin`;
const keyArn = (account: string) =>
  `arn:aws:kms:${REGION}:${account}:key/11111111-2222-3333-4444-555555555555`;

/** The identity policies of a caller: AWS's own for AWS Backup's roles, AdministratorAccess for anyone else. */
function identityOf(roleArn: string): NamedPolicy[] {
  const named = (arn: string) => ({ name: arn.split("/").pop()!, policy: managed[arn] });
  if (roleArn.endsWith("/AWSServiceRoleForBackup")) return [named(SERVICE_LINKED)];
  if (roleArn.endsWith("/lz-backup")) return [named(FOR_BACKUP), named(FOR_RESTORES)];
  // AWSServiceRolePolicyForBackupReports, as AWS publishes it (vendored for the prover).
  if (roleArn.endsWith("/AWSServiceRoleForBackupReports")) return serviceLinkedRoleIdentity(roleArn);
  return [EVERYTHING];
}

/** An identity policy that allows everything: with it, the key policy alone decides. */
const EVERYTHING: NamedPolicy = {
  name: "AllowEverything",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

interface KeyRequest {
  readonly caller: string;
  readonly action: string;
  readonly keyAccount: string;
  readonly use: readonly PolicyStatement[];
  readonly context?: Record<string, string>;
  /** Decide by the key policy alone. @default the caller's own identity policies */
  readonly keyOnly?: boolean;
}

async function onKey(request: KeyRequest): Promise<string> {
  const account = request.caller.split(":")[4];
  const outcome = await decide({
    caller: { roleArn: request.caller },
    action: request.action,
    resource: keyArn(request.keyAccount),
    resourceAccount: request.keyAccount,
    context: {
      "aws:PrincipalArn": request.caller,
      "aws:PrincipalAccount": account,
      "kms:CallerAccount": account,
      "aws:RequestedRegion": REGION,
      ...(account === OUTSIDER ? {} : { "aws:PrincipalOrgID": ORG }),
      ...request.context,
    },
    identityPolicies: request.keyOnly ? [EVERYTHING] : identityOf(request.caller),
    resourcePolicy: keyPolicy({ accountId: request.keyAccount, roleArns: [] }, request.use),
  });
  return outcome.decision;
}

const via = (service: string, region = REGION) => ({
  "kms:ViaService": `${service}.${region}.amazonaws.com`,
});
const forAwsResource = { "kms:GrantIsForAWSResource": "true" };
/** EBS puts the volume or snapshot ID in the encryption context; the backup role's own policy requires it. */
const ebsContext = { "kms:EncryptionContextKeys": "aws:ebs:id" };

describe("the EBS default key: the backup account copies snapshots into the central vault", () => {
  const use = ebsDefaultKeyUse({ accountId: MEMBER, region: REGION, centralBackupAccountId: BACKUP });
  const key = { keyAccount: MEMBER, use };

  it("admits the backup account's service-linked role and backup role through EC2, in any region", async () => {
    const slr = backupServiceLinkedRoleArn(BACKUP);
    expect(await onKey({ ...key, caller: slr, action: "kms:ReEncryptFrom", context: via("ec2") })).toBe(
      "Allowed",
    );
    expect(
      await onKey({ ...key, caller: slr, action: "kms:ReEncryptFrom", context: via("ec2", "us-west-2") }),
    ).toBe("Allowed");
    expect(
      await onKey({
        ...key,
        caller: slr,
        action: "kms:CreateGrant",
        context: { ...via("ec2"), ...forAwsResource },
      }),
    ).toBe("Allowed");
    expect(
      await onKey({
        ...key,
        caller: backupRole(BACKUP),
        action: "kms:ReEncryptFrom",
        context: { ...via("ec2"), ...ebsContext },
      }),
    ).toBe("Allowed");
  });

  it("refuses a grant that is not for an AWS resource, and any service but EC2", async () => {
    const slr = backupServiceLinkedRoleArn(BACKUP);
    expect(
      await onKey({ ...key, caller: slr, action: "kms:CreateGrant", context: via("ec2"), keyOnly: true }),
    ).not.toBe("Allowed");
    expect(
      await onKey({ ...key, caller: slr, action: "kms:ReEncryptFrom", context: via("rds"), keyOnly: true }),
    ).not.toBe("Allowed");
    expect(await onKey({ ...key, caller: slr, action: "kms:Decrypt", keyOnly: true })).not.toBe("Allowed");
  });

  it("refuses every other principal of the backup account, another member account and an outsider", async () => {
    for (const caller of [
      workloadAdmin(BACKUP),
      backupServiceLinkedRoleArn(OTHER_MEMBER),
      backupRole(OTHER_MEMBER),
      backupServiceLinkedRoleArn(OUTSIDER),
    ]) {
      expect(
        await onKey({ ...key, caller, action: "kms:ReEncryptFrom", context: via("ec2"), keyOnly: true }),
      ).not.toBe("Allowed");
    }
  });

  it("names no wildcard principal without a condition", () => {
    for (const statement of use) {
      if (JSON.stringify(statement.Principal).includes('"*"')) expect(statement.Condition).toBeDefined();
    }
  });
});

describe("a PHI data key: the backup account copies the environment's EBS and RDS snapshots", () => {
  const use = phiDataKeyUse({
    organizationId: ORG,
    region: REGION,
    accountIds: [MEMBER],
    backupAccountId: BACKUP,
  });
  const key = { keyAccount: SECURITY, use };

  it("admits the backup account's AWS Backup roles through EC2 and RDS", async () => {
    const slr = backupServiceLinkedRoleArn(BACKUP);
    for (const service of ["ec2", "rds"]) {
      expect(await onKey({ ...key, caller: slr, action: "kms:ReEncryptFrom", context: via(service) })).toBe(
        "Allowed",
      );
      expect(
        await onKey({
          ...key,
          caller: slr,
          action: "kms:CreateGrant",
          context: { ...via(service), ...forAwsResource },
        }),
      ).toBe("Allowed");
    }
    expect(
      await onKey({
        ...key,
        caller: backupRole(BACKUP),
        action: "kms:GenerateDataKeyWithoutPlaintext",
        context: { ...via("ec2"), ...ebsContext },
      }),
    ).toBe("Allowed");
  });

  it("keeps the environment's own accounts, and refuses the backup account any other service", async () => {
    expect(
      await onKey({ ...key, caller: workloadAdmin(MEMBER), action: "kms:Decrypt", context: via("rds") }),
    ).toBe("Allowed");
    for (const service of ["s3", "dynamodb", "backup"]) {
      expect(
        await onKey({
          ...key,
          caller: backupServiceLinkedRoleArn(BACKUP),
          action: "kms:Decrypt",
          context: via(service),
          keyOnly: true,
        }),
      ).not.toBe("Allowed");
    }
  });

  it("refuses other principals of the backup account, accounts outside the environment and outsiders", async () => {
    for (const caller of [
      workloadAdmin(BACKUP),
      backupServiceLinkedRoleArn(OTHER_MEMBER),
      backupServiceLinkedRoleArn(OUTSIDER),
    ]) {
      expect(
        await onKey({ ...key, caller, action: "kms:ReEncryptFrom", context: via("rds"), keyOnly: true }),
      ).not.toBe("Allowed");
    }
  });
});

describe("a member vault's key: copies out to the central vault and back in for a restore", () => {
  const use = backupVaultKeyUse({
    accountId: MEMBER,
    region: REGION,
    backupRoleName: "lz-backup",
    centralAccountId: BACKUP,
  });
  const key = { keyAccount: MEMBER, use };

  it("lets the backup account write a copy back into the vault through AWS Backup", async () => {
    for (const action of ["kms:GenerateDataKey", "kms:Encrypt", "kms:DescribeKey"]) {
      expect(
        await onKey({ ...key, caller: backupRole(BACKUP), action, context: via("backup"), keyOnly: true }),
      ).toBe("Allowed");
    }
    // The backup role's own AWS policy reaches the key through AWS Backup by a grant for an AWS resource.
    expect(
      await onKey({
        ...key,
        caller: backupRole(BACKUP),
        action: "kms:CreateGrant",
        context: { ...via("backup"), ...forAwsResource },
      }),
    ).toBe("Allowed");
  });

  it("refuses the copy back to other principals of the backup account, other accounts and outsiders", async () => {
    for (const caller of [workloadAdmin(BACKUP), backupRole(OTHER_MEMBER), backupRole(OUTSIDER)]) {
      expect(
        await onKey({ ...key, caller, action: "kms:GenerateDataKey", context: via("backup"), keyOnly: true }),
      ).not.toBe("Allowed");
    }
    expect(
      await onKey({
        ...key,
        caller: backupRole(BACKUP),
        action: "kms:GenerateDataKey",
        context: via("s3"),
        keyOnly: true,
      }),
    ).not.toBe("Allowed");
  });

  it("lets the account's own AWS Backup roles use it through EC2 and RDS for EBS and RDS copies", async () => {
    expect(
      await onKey({
        ...key,
        caller: backupServiceLinkedRoleArn(MEMBER),
        action: "kms:GenerateDataKeyWithoutPlaintext",
        context: via("rds"),
      }),
    ).toBe("Allowed");
    expect(
      await onKey({ ...key, caller: backupRole(MEMBER), action: "kms:ReEncryptFrom", context: via("ec2") }),
    ).toBe("Allowed");
    expect(
      await onKey({
        ...key,
        caller: workloadAdmin(MEMBER),
        action: "kms:ReEncryptFrom",
        context: via("ec2"),
        keyOnly: true,
      }),
    ).not.toBe("Allowed");
  });
});

describe("the central vault's key: EBS and RDS copies are snapshots under it", () => {
  const use = centralVaultKeyUse({ organizationId: ORG, region: REGION });
  const key = { keyAccount: BACKUP, use };

  it("lets the backup account's service-linked role write a copy and a member's read it for the copy back", async () => {
    expect(
      await onKey({
        ...key,
        caller: backupServiceLinkedRoleArn(BACKUP),
        action: "kms:GenerateDataKeyWithoutPlaintext",
        context: via("ec2"),
      }),
    ).toBe("Allowed");
    expect(
      await onKey({
        ...key,
        caller: backupServiceLinkedRoleArn(MEMBER),
        action: "kms:ReEncryptFrom",
        context: via("rds"),
      }),
    ).toBe("Allowed");
    expect(
      await onKey({
        ...key,
        caller: backupServiceLinkedRoleArn(MEMBER),
        action: "kms:CreateGrant",
        context: { ...via("ec2"), ...forAwsResource },
      }),
    ).toBe("Allowed");
  });

  it("still lets the backup account's backup role read its recovery points through AWS Backup to copy them out", async () => {
    expect(
      await onKey({
        ...key,
        caller: backupRole(BACKUP),
        action: "kms:Decrypt",
        context: via("backup"),
        keyOnly: true,
      }),
    ).toBe("Allowed");
  });

  it("refuses snapshot use to principals that are not AWS Backup's, and to outsiders", async () => {
    for (const caller of [
      workloadAdmin(MEMBER),
      workloadAdmin(BACKUP),
      backupServiceLinkedRoleArn(OUTSIDER),
    ]) {
      expect(
        await onKey({ ...key, caller, action: "kms:ReEncryptFrom", context: via("ec2"), keyOnly: true }),
      ).not.toBe("Allowed");
    }
  });
});

describe("the job reports key: Backup Audit Manager encrypts reports in its own account's bucket", () => {
  const use = backupReportsKeyUse({ accountId: BACKUP, region: REGION });
  const key = { keyAccount: BACKUP, use };
  const reports = backupReportsRoleArn(BACKUP);

  it("lets the reports role, with only the policy AWS attaches to it, generate data keys and decrypt through S3", async () => {
    for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
      expect(await onKey({ ...key, caller: reports, action, context: via("s3") })).toBe("Allowed");
    }
  });

  it("refuses the reports role through another service or another region's S3", async () => {
    for (const context of [via("dynamodb"), via("s3", "us-west-2")]) {
      expect(await onKey({ ...key, caller: reports, action: "kms:GenerateDataKey", context })).not.toBe(
        "Allowed",
      );
    }
  });

  it("could not serve a key in another account: the reports role's own policy grants no KMS action", async () => {
    // The same statements on a key in the security account: the key policy matches, the identity never does.
    expect(
      await onKey({
        keyAccount: SECURITY,
        use,
        caller: reports,
        action: "kms:GenerateDataKey",
        context: via("s3"),
      }),
    ).not.toBe("Allowed");
  });

  it("lets the backup account's readers decrypt through S3 only, and nobody else encrypt", async () => {
    expect(
      await onKey({
        ...key,
        caller: workloadAdmin(BACKUP),
        action: "kms:Decrypt",
        context: via("s3"),
        keyOnly: true,
      }),
    ).toBe("Allowed");
    for (const [caller, action] of [
      [workloadAdmin(BACKUP), "kms:GenerateDataKey"],
      [workloadAdmin(BACKUP), "kms:Encrypt"],
      [backupReportsRoleArn(OTHER_MEMBER), "kms:GenerateDataKey"],
      [workloadAdmin(OTHER_MEMBER), "kms:Decrypt"],
    ]) {
      expect(await onKey({ ...key, caller, action, context: via("s3"), keyOnly: true })).not.toBe("Allowed");
    }
  });
});
