// Access paths for the contingency plan (164.308(a)(7)(ii)(A) data backup, 164.312(c)(1) integrity): AWS
// Backup's role uses each vault's key, the backup account reads a recovery point to copy it, every account of the
// organization copies into the central vault under its key; and nobody, the pipeline included, deletes a recovery
// point, an outsider copies in nothing, and a workload administrator cannot unlock a vault.
import {
  BACKUP_ROLE_NAME,
  backupReportsRoleArn,
  CENTRAL_VAULT_NAME,
  vaultArn,
} from "../../policies/backup-policies";
import { defaultKmsKeyOf } from "../deliveries";
import { ResourceRef } from "../synthesized";
import { allow } from "./account-keys";
import {
  ADMINISTRATOR_ACCESS,
  AccessPath,
  fromRole,
  OUTSIDE_ROLE,
  PathContext,
  workloadAdminArn,
} from "./context";

const ENCRYPTION_DOC = "https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html";
const CROSS_ACCOUNT_DOC =
  "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html";
const VAULT_POLICY_DOC =
  "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html#deny-access-to-delete-recovery-points";
const SCP_DOC =
  "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html";
const GROUP = "Backups";

/** A vault with its account, region, key and access policy. */
interface Vault {
  readonly ref: ResourceRef;
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly keyArn: string;
  readonly where: string;
}

function vaultsOf(ctx: PathContext): Vault[] {
  const { model } = ctx;
  return model.resources("aws_backup_vault").map((ref) => {
    const region = model.regionOf(ref);
    return {
      ref,
      account: model.accountOf(ref),
      region,
      name: String(model.argument(ref, "name")),
      keyArn: String(model.argument(ref, "kms_key_arn")),
      where: `${ref.stack.replace(/^baseline-/, "")} (${region})`,
    };
  });
}

/** The access policy of a vault (the aws_backup_vault_policy naming it in the same stack). */
function vaultPolicy(ctx: PathContext, vault: Vault) {
  const ref = ctx.model
    .resources("aws_backup_vault_policy", vault.ref.stack)
    .find((p) => String(p.body.backup_vault_name) === `\${aws_backup_vault.${vault.ref.name}.name}`);
  if (!ref) throw new Error(`${vault.ref.stack}: vault ${vault.ref.name} has no access policy`);
  return ctx.model.policyArgument(ref, "policy");
}

/** AWS Backup's role in the vault's account uses the vault's key through AWS Backup. */
function memberVaultPaths(ctx: PathContext, vault: Vault, centralAccount: string): AccessPath[] {
  const role = `arn:aws:iam::${vault.account}:role/${BACKUP_ROLE_NAME}`;
  const via = { "kms:ViaService": `backup.${vault.region}.amazonaws.com` };
  const key = () => ({
    resource: vault.keyArn,
    resourceAccount: vault.account,
    resourcePolicy: ctx.index.keyPolicy(vault.keyArn),
  });
  const id = `backup-${vault.ref.stack}-${vault.region}`;
  return [
    {
      id: `${id}-role-data-key`,
      group: GROUP,
      title: `AWS Backup's role in ${vault.where} encrypts recovery points with the vault's key`,
      expect: "allow",
      doc: ENCRYPTION_DOC,
      build: () => ({
        ...fromRole(role, ctx.orgId, vault.region, { ...via, "kms:CallerAccount": vault.account }),
        action: "kms:GenerateDataKey",
        ...key(),
      }),
    },
    {
      id: `${id}-role-grant`,
      group: GROUP,
      title: `AWS Backup's role in ${vault.where} creates a grant on the vault's key for a restore`,
      expect: "allow",
      doc: ENCRYPTION_DOC,
      build: () => ({
        ...fromRole(role, ctx.orgId, vault.region, {
          ...via,
          "kms:CallerAccount": vault.account,
          "kms:GrantIsForAWSResource": "true",
        }),
        action: "kms:CreateGrant",
        ...key(),
      }),
    },
    {
      id: `${id}-central-decrypt`,
      group: GROUP,
      title: `The backup account reads a recovery point of ${vault.where} to copy it into the central vault`,
      expect: "allow",
      doc: CROSS_ACCOUNT_DOC,
      build: () => ({
        ...fromRole(`arn:aws:iam::${centralAccount}:role/${BACKUP_ROLE_NAME}`, ctx.orgId, vault.region, {
          ...via,
          "kms:CallerAccount": centralAccount,
        }),
        action: "kms:Decrypt",
        ...key(),
        identityPolicies: [{ name: "backup-copy", policy: allow("kms:Decrypt") }],
      }),
    },
  ];
}

/** Nobody deletes a recovery point in a vault: the vault policy denies it to every principal. */
function deletionDenials(ctx: PathContext, vault: Vault): AccessPath[] {
  const recoveryPoint = `arn:aws:backup:${vault.region}:${vault.account}:recovery-point:example`;
  const callers = [
    { who: "a workload administrator", arn: workloadAdminArn(vault.account), scps: true },
    // The pipeline passes every SCP; only the vault policy stops it.
    {
      who: "the pipeline's deploy role",
      arn: `arn:aws:iam::${vault.account}:role/${ctx.config.organization.roles.deploy}`,
      scps: true,
    },
  ];
  return callers.map(({ who, arn, scps }) => ({
    id: `backup-${vault.ref.stack}-${vault.region}-delete-${who.split(" ").pop()}`,
    group: GROUP,
    title: `${who[0].toUpperCase()}${who.slice(1)} in ${vault.where} cannot delete a recovery point`,
    expect: "deny" as const,
    doc: VAULT_POLICY_DOC,
    build: () => ({
      ...fromRole(arn, ctx.orgId, vault.region),
      action: "backup:DeleteRecoveryPoint",
      resource: recoveryPoint,
      resourceAccount: vault.account,
      resourcePolicy: vaultPolicy(ctx, vault),
      identityPolicies: [ADMINISTRATOR_ACCESS],
      scps: scps ? ctx.index.scpLevels(vault.account) : undefined,
    }),
  }));
}

/** The central vault: the organization copies in under its key; an outsider does not. */
function centralPaths(ctx: PathContext, central: Vault): AccessPath[] {
  const source = ctx.config.environments.find((e) => e.phi)?.accounts[0];
  if (!source) return [];
  const sourceAccount = ctx.model.accountId(source);
  const sourceRole = `arn:aws:iam::${sourceAccount}:role/${BACKUP_ROLE_NAME}`;
  const vault = vaultArn(central.region, central.account, CENTRAL_VAULT_NAME);
  const copy = (caller: string, orgId: string | undefined) => ({
    ...fromRole(caller, orgId, central.region),
    action: "backup:CopyIntoBackupVault",
    resource: vault,
    resourceAccount: central.account,
    resourcePolicy: vaultPolicy(ctx, central),
    identityPolicies: [{ name: "backup-copy", policy: allow("backup:CopyIntoBackupVault") }],
  });
  return [
    {
      id: "backup-central-copy-in",
      group: GROUP,
      title: `AWS Backup's role in ${source} copies a recovery point into the central vault`,
      expect: "allow",
      doc: CROSS_ACCOUNT_DOC,
      build: () => copy(sourceRole, ctx.orgId),
    },
    {
      id: "backup-central-copy-key",
      group: GROUP,
      title: `AWS Backup's role in ${source} encrypts the copy with the central vault's key`,
      expect: "allow",
      doc: CROSS_ACCOUNT_DOC,
      build: () => ({
        ...fromRole(sourceRole, ctx.orgId, central.region, {
          "kms:ViaService": `backup.${central.region}.amazonaws.com`,
        }),
        action: "kms:GenerateDataKey",
        resource: central.keyArn,
        resourceAccount: central.account,
        resourcePolicy: ctx.index.keyPolicy(central.keyArn),
        identityPolicies: [{ name: "backup-copy", policy: allow("kms:GenerateDataKey") }],
      }),
    },
    {
      id: "backup-central-outsider-copy-in",
      group: GROUP,
      title: "A principal outside the organization cannot copy into the central vault",
      expect: "deny",
      doc: CROSS_ACCOUNT_DOC,
      build: () => copy(OUTSIDE_ROLE, undefined),
    },
    {
      id: `backup-${source}-admin-unlock`,
      group: GROUP,
      title: `An administrator in ${source} cannot remove its vault's lock`,
      expect: "deny",
      doc: SCP_DOC,
      build: () => ({
        ...fromRole(workloadAdminArn(sourceAccount), ctx.orgId, ctx.config.organization.homeRegion),
        action: "backup:DeleteBackupVaultLockConfiguration",
        resource: vaultArn(ctx.config.organization.homeRegion, sourceAccount, "lz-backup"),
        resourceAccount: sourceAccount,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        scps: ctx.index.scpLevels(sourceAccount),
      }),
    },
  ];
}

const REPORTS_DOC = "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-report-plan-api.html";

/**
 * Backup Audit Manager in the backup account delivers job reports into the log archive under its prefix, with the
 * archive's key; its service-linked role's own policy is modelled by the two actions the delivery needs.
 */
function reportPaths(ctx: PathContext, backupAccount: string): AccessPath[] {
  const { model, index } = ctx;
  const plan = model.resources("aws_backup_report_plan")[0];
  if (!plan) return [];
  const delivery = model.argument(plan, "report_delivery_channel") as
    Record<string, string> | Array<Record<string, string>>;
  const channel = Array.isArray(delivery) ? delivery[0] : delivery;
  const bucket = String(channel.s3_bucket_name);
  const keyArn = defaultKmsKeyOf(model, bucket)!;
  const region = model.regionOf(plan);
  const role = backupReportsRoleArn(backupAccount);
  const archiveAccount = model.accountId(ctx.config.organization.coreAccounts.logArchive);
  return [
    {
      id: "backup-reports-write",
      group: GROUP,
      title: "Backup Audit Manager in the backup account writes a job report into the log archive",
      expect: "allow",
      doc: REPORTS_DOC,
      build: () => ({
        ...fromRole(role, ctx.orgId, region),
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${bucket}/${String(channel.s3_key_prefix)}/report.csv`,
        resourceAccount: archiveAccount,
        resourcePolicy: index.bucketPolicy(bucket),
        identityPolicies: [{ name: "report-delivery", policy: allow("s3:PutObject") }],
      }),
    },
    {
      id: "backup-reports-data-key",
      group: GROUP,
      title: "Backup Audit Manager encrypts the report with the log archive's key through S3",
      expect: "allow",
      doc: REPORTS_DOC,
      build: () => ({
        ...fromRole(role, ctx.orgId, region, { "kms:ViaService": `s3.${region}.amazonaws.com` }),
        action: "kms:GenerateDataKey",
        resource: keyArn,
        resourceAccount: keyArn.split(":")[4],
        resourcePolicy: index.keyPolicy(keyArn),
        identityPolicies: [{ name: "report-delivery", policy: allow("kms:GenerateDataKey") }],
      }),
    },
    {
      id: "backup-reports-elsewhere-denied",
      group: GROUP,
      title: "Backup Audit Manager cannot write outside its prefix in the log archive",
      expect: "deny",
      doc: REPORTS_DOC,
      build: () => ({
        ...fromRole(role, ctx.orgId, region),
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${bucket}/AWSLogs/${backupAccount}/forged.json.gz`,
        resourceAccount: archiveAccount,
        resourcePolicy: index.bucketPolicy(bucket),
        identityPolicies: [{ name: "report-delivery", policy: allow("s3:PutObject") }],
      }),
    },
  ];
}

/** Every backup path. */
export function backupPaths(ctx: PathContext): AccessPath[] {
  const vaults = vaultsOf(ctx);
  const central = vaults.find((v) => v.name === CENTRAL_VAULT_NAME);
  if (!central) return [];
  const members = vaults.filter((v) => v !== central);
  return [
    ...members.flatMap((v) => memberVaultPaths(ctx, v, central.account)),
    ...members.flatMap((v) => deletionDenials(ctx, v)),
    ...deletionDenials(ctx, central),
    ...centralPaths(ctx, central),
    ...reportPaths(ctx, central.account),
  ];
}
