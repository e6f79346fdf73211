// Access paths for the contingency plan (164.308(a)(7)(ii)(A) data backup, (B) disaster recovery, 164.312(c)(1)
// integrity): AWS Backup's role uses each vault's key; every resource type the plans protect reaches the central
// vault the synthesized backup policy copies it to, from every governed region, under the keys AWS uses for that
// type; the backup account copies a recovery point back into any member account's vault (a replacement account
// vended with `make vend` gets the same baseline); Backup Audit Manager delivers its reports; and nobody, the
// pipeline included, deletes a recovery point, an outsider copies in nothing, a workload administrator cannot
// unlock a vault. Every AWS-owned caller carries the policies AWS publishes for it or the synthesized stacks attach
// to it (aws-owned.ts), never one written here.
import {
  BACKUP_ROLE_NAME,
  BACKUP_VAULT_NAME,
  backupReportsRoleArn,
  CENTRAL_VAULT_NAME,
  vaultArn,
} from "../../policies/backup-policies";
import { BACKUP_RESOURCE_TYPES, BackupResourceType } from "../../policies/backup-resource-types";
import { backupServiceLinkedRoleArn } from "../../policies/kms-policies";
import { defaultKmsKeyOf } from "../deliveries";
import { assigned, PolicyPlan, selectedTypes } from "../backup-plans";
import { ResourceRef } from "../synthesized";
import { serviceLinkedRoleIdentity } from "./aws-owned";
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
const RESTORE_DOC = "https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-a-backup.html";
const BACKUP_SLR_DOC =
  "https://docs.aws.amazon.com/aws-backup/latest/devguide/using-service-linked-roles-AWSServiceRoleForBackup.html";
const VAULT_POLICY_DOC =
  "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html#deny-access-to-delete-recovery-points";
const SCP_DOC =
  "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html";
const BACKUP_POLICY_DOC =
  "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html";
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

/** A role of the landing zone named lz-backup in an account. */
function backupRole(account: string): string {
  return `arn:aws:iam::${account}:role/${BACKUP_ROLE_NAME}`;
}

/** The request layers of a landing-zone role: exactly what the synthesized stacks attach to it, and its SCPs. */
function asLandingZoneRole(ctx: PathContext, roleArn: string) {
  return {
    identityPolicies: ctx.index.roleIdentityPolicies(roleArn),
    scps: ctx.index.scpLevels(roleArn.split(":")[4]),
  };
}

/** The request layers of AWS Backup's service-linked role: its AWS managed policy, and its account's SCPs. */
function asBackupServiceLinkedRole(account: string) {
  // SCPs do not restrict service-linked roles (SCP_DOC), so none apply.
  return { identityPolicies: serviceLinkedRoleIdentity(backupServiceLinkedRoleArn(account)) };
}

/** AWS Backup's role in the vault's account uses the vault's key through AWS Backup. */
function memberVaultPaths(ctx: PathContext, vault: Vault, centralAccount: string): AccessPath[] {
  const role = backupRole(vault.account);
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
        ...asLandingZoneRole(ctx, role),
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
        ...asLandingZoneRole(ctx, role),
      }),
    },
    {
      id: `${id}-central-decrypt`,
      group: GROUP,
      title: `The backup account's AWS Backup role reads a recovery point of ${vault.where} through AWS Backup`,
      expect: "allow",
      doc: CROSS_ACCOUNT_DOC,
      build: () => ({
        ...fromRole(backupRole(centralAccount), ctx.orgId, vault.region, {
          ...via,
          "kms:CallerAccount": centralAccount,
          "aws:ResourceOrgID": ctx.orgId,
        }),
        action: "kms:Decrypt",
        ...key(),
        ...asLandingZoneRole(ctx, backupRole(centralAccount)),
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
      // Callers of the organization's people and pipeline, not AWS-owned: AWS's AdministratorAccess.
      identityPolicies: [ADMINISTRATOR_ACCESS],
      scps: scps ? ctx.index.scpLevels(vault.account) : undefined,
    }),
  }));
}

/** One entry of a synthesized backup policy: its regions, the types it selects, and where its rules copy. */
interface PlanEntry {
  readonly policy: string;
  readonly name: string;
  readonly regions: readonly string[];
  /** The types its selections may include. */
  readonly types: readonly BackupResourceType[];
  /** Every copy_actions target vault ARN of its rules (placeholders unresolved). */
  readonly copyTargets: readonly string[];
}

/** Every plan entry of the organization's backup policies, as synthesized (BACKUP_POLICY_DOC). */
function backupPlanEntries(ctx: PathContext): PlanEntry[] {
  const { model } = ctx;
  return model
    .resources("aws_organizations_policy")
    .filter((ref) => ref.body.type === "BACKUP_POLICY")
    .flatMap((ref) => {
      const content = JSON.parse(String(model.argument(ref, "content"))) as {
        plans?: Record<string, PolicyPlan>;
      };
      return Object.entries(content.plans ?? {}).map(([name, plan]) => {
        const rules = Object.values(plan.rules ?? {});
        return {
          policy: String(model.argument(ref, "name")),
          name,
          regions: assigned(plan.regions) ?? [],
          types: selectedTypes(plan),
          copyTargets: [...new Set(rules.flatMap((r) => Object.keys(r.copy_actions ?? {})))],
        };
      });
    });
}

/** The central vault ARN each entry covering a type in a region copies it to (the backup account's name in it). */
function centralTargets(entries: readonly PlanEntry[], type: BackupResourceType, region: string) {
  return entries
    .filter((e) => e.regions.includes(region) && e.types.includes(type))
    .flatMap((e) =>
      e.copyTargets
        .filter((arn) => arn.endsWith(`:backup-vault:${CENTRAL_VAULT_NAME}`))
        .map((arn) => ({ entry: `${e.policy} plan ${e.name}`, arn, region: arn.split(":")[3] })),
    );
}

/**
 * Where a type's recovery points from a region land in the backup account, or why they never do: the entry that
 * copies it, the central vault there, and the rule of the table that the copy must respect.
 */
function centralDestination(
  entries: readonly PlanEntry[],
  centrals: readonly Vault[],
  type: BackupResourceType,
  region: string,
): Vault {
  const targets = centralTargets(entries, type, region);
  if (targets.length === 0) {
    throw new Error(
      `no backup policy copies ${type.type} recovery points of ${region} to ${CENTRAL_VAULT_NAME} (${BACKUP_POLICY_DOC})`,
    );
  }
  for (const target of targets) {
    if (!type.copiesAcrossAccountAndRegionInOneStep && target.region !== region) {
      throw new Error(
        `${target.entry} copies ${type.type} recovery points of ${region} to ${target.arn}, another account in ` +
          `another region in one copy job; AWS Backup copies ${type.type} across accounts or across regions, not ` +
          `both, so the copy never happens (${type.doc})`,
      );
    }
  }
  const region0 = targets[0].region;
  const vault = centrals.find((v) => v.region === region0);
  if (!vault) {
    throw new Error(
      `${targets[0].entry} copies ${type.type} recovery points of ${region} to ${targets[0].arn}, but the ` +
        `synthesized stacks create no ${CENTRAL_VAULT_NAME} vault in ${region0}`,
    );
  }
  return vault;
}

/** The source keys a type's recovery points keep on copy, in a source account and region. */
function sourceKeys(
  ctx: PathContext,
  type: BackupResourceType,
  environment: string,
  account: string,
  region: string,
): Array<{ readonly label: string; readonly keyArn: string; readonly keyAccount: string }> {
  const { model } = ctx;
  const keys: Array<{ label: string; keyArn: string; keyAccount: string }> = [];
  // PHI workloads encrypt with their environment's PHI data key through EC2 and RDS (PHI_DATA_SERVICES).
  const phi = model.maybeResource("security", `keys/phi-data-${environment}/key`);
  if (
    phi &&
    model.regionOf(phi) === region &&
    (type.keyUsedThrough === "ec2" || type.keyUsedThrough === "rds")
  ) {
    keys.push({
      label: `phi-data-${environment}`,
      keyArn: model.attribute(phi, "arn"),
      keyAccount: model.accountOf(phi),
    });
  }
  if (type.keyUsedThrough === "ec2") {
    const ebs = model
      .resources("aws_ebs_default_kms_key")
      .find((r) => model.accountOf(r) === account && model.regionOf(r) === region);
    if (ebs)
      keys.push({
        label: "ebs-default",
        keyArn: String(model.argument(ebs, "key_arn")),
        keyAccount: account,
      });
  }
  return keys;
}

/**
 * Central copies, per resource type the plans protect and per governed region, from the first account of each PHI
 * environment: the source account's AWS Backup role copies into the central vault the synthesized backup policy
 * names for that type and region, under that vault's key (fully managed types); for types whose copy keeps the
 * source key, the backup account's AWS Backup roles use the source key through the type's service, and AWS
 * Backup's service-linked role in the backup account re-encrypts the copy under the central vault's key.
 */
function centralCopyPaths(ctx: PathContext, centrals: readonly Vault[], backupAccount: string): AccessPath[] {
  const { model, index, config } = ctx;
  const entries = backupPlanEntries(ctx);
  const out: AccessPath[] = [];
  const keyPathsDone = new Set<string>();
  for (const env of config.environments.filter((e) => e.phi)) {
    const accountName = env.accounts[0];
    if (!accountName) continue;
    const account = model.accountId(accountName);
    const role = backupRole(account);
    for (const region of config.organization.regions) {
      for (const type of BACKUP_RESOURCE_TYPES.filter((t) => t.crossAccountCopy)) {
        const id = `backup-central-${accountName}-${region}-${type.type.toLowerCase()}`;
        const destination = () => centralDestination(entries, centrals, type, region);
        out.push({
          id: `${id}-copy-in`,
          group: GROUP,
          title: `AWS Backup's role in ${accountName} copies a ${type.type} recovery point of ${region} into the central vault the backup policy names`,
          expect: "allow",
          doc: type.copiesAcrossAccountAndRegionInOneStep ? CROSS_ACCOUNT_DOC : type.doc,
          build: () => {
            const vault = destination();
            return {
              ...fromRole(role, ctx.orgId, region),
              action: "backup:CopyIntoBackupVault",
              resource: vaultArn(vault.region, vault.account, CENTRAL_VAULT_NAME),
              resourceAccount: vault.account,
              resourcePolicy: vaultPolicy(ctx, vault),
              ...asLandingZoneRole(ctx, role),
            };
          },
        });
        if (!type.copyKeepsSourceKey) {
          out.push({
            id: `${id}-vault-key`,
            group: GROUP,
            title: `AWS Backup's role in ${accountName} encrypts a ${type.type} copy from ${region} with the central vault's key`,
            expect: "allow",
            doc: ENCRYPTION_DOC,
            build: () => {
              const vault = destination();
              return {
                ...fromRole(role, ctx.orgId, vault.region, {
                  "kms:ViaService": `backup.${vault.region}.amazonaws.com`,
                  "kms:CallerAccount": account,
                  "aws:ResourceOrgID": ctx.orgId,
                }),
                action: "kms:GenerateDataKey",
                resource: vault.keyArn,
                resourceAccount: vault.account,
                resourcePolicy: index.keyPolicy(vault.keyArn),
                ...asLandingZoneRole(ctx, role),
              };
            },
          });
          continue;
        }
        const service = type.keyUsedThrough!;
        for (const key of sourceKeys(ctx, type, env.name, account, region)) {
          // Types sharing a service and key make the same requests: one set of paths each.
          const keyId = `backup-central-${key.label}-${accountName}-${region}-via-${service}`;
          if (keyPathsDone.has(keyId)) continue;
          keyPathsDone.add(keyId);
          const types = BACKUP_RESOURCE_TYPES.filter(
            (t) => t.crossAccountCopy && t.keyUsedThrough === service,
          )
            .map((t) => t.type)
            .join(", ");
          const via = {
            "kms:ViaService": `${service}.${region}.amazonaws.com`,
            "kms:CallerAccount": backupAccount,
          };
          const layers = () => ({
            resource: key.keyArn,
            resourceAccount: key.keyAccount,
            resourcePolicy: index.keyPolicy(key.keyArn),
          });
          for (const [who, caller, identity] of [
            ["role", backupRole(backupAccount), () => asLandingZoneRole(ctx, backupRole(backupAccount))],
            [
              "slr",
              backupServiceLinkedRoleArn(backupAccount),
              () => asBackupServiceLinkedRole(backupAccount),
            ],
          ] as const) {
            const name = who === "role" ? "AWS Backup's role" : "AWS Backup's service-linked role";
            out.push(
              {
                id: `${keyId}-${who}-read`,
                group: GROUP,
                title: `${name} in the backup account reads ${accountName}'s ${types} snapshots of ${region} under ${key.label} through ${service} to copy them`,
                expect: "allow",
                doc: CROSS_ACCOUNT_DOC,
                build: () => ({
                  ...fromRole(caller, ctx.orgId, region, via),
                  action: "kms:ReEncryptFrom",
                  ...layers(),
                  ...identity(),
                }),
              },
              {
                id: `${keyId}-${who}-grant`,
                group: GROUP,
                title: `${name} in the backup account creates a grant on ${key.label} through ${service} for the copy of ${accountName}'s snapshot`,
                expect: "allow",
                doc: CROSS_ACCOUNT_DOC,
                build: () => ({
                  ...fromRole(caller, ctx.orgId, region, { ...via, "kms:GrantIsForAWSResource": "true" }),
                  action: "kms:CreateGrant",
                  ...layers(),
                  ...identity(),
                }),
              },
            );
          }
          out.push({
            id: `${keyId}-admin-denied`,
            group: GROUP,
            title: `A workload administrator in the backup account cannot use ${accountName}'s ${key.label} through ${service}`,
            expect: "deny",
            doc: CROSS_ACCOUNT_DOC,
            build: () => ({
              ...fromRole(workloadAdminArn(backupAccount), ctx.orgId, region, via),
              action: "kms:ReEncryptFrom",
              ...layers(),
              identityPolicies: [ADMINISTRATOR_ACCESS],
              scps: index.scpLevels(backupAccount),
            }),
          });
        }
      }
    }
  }
  // The backup account's service-linked role re-encrypts EBS and RDS snapshot copies under each central vault's key.
  for (const vault of centrals) {
    for (const service of [
      ...new Set(
        BACKUP_RESOURCE_TYPES.filter((t) => t.crossAccountCopy && t.copyKeepsSourceKey).map(
          (t) => t.keyUsedThrough!,
        ),
      ),
    ].filter((s) => s === "ec2" || s === "rds")) {
      out.push({
        id: `backup-central-${vault.region}-slr-reencrypt-via-${service}`,
        group: GROUP,
        title: `AWS Backup's service-linked role in the backup account re-encrypts a snapshot copy under the central vault's key in ${vault.region} through ${service}`,
        expect: "allow",
        doc: BACKUP_SLR_DOC,
        build: () => ({
          ...fromRole(backupServiceLinkedRoleArn(backupAccount), ctx.orgId, vault.region, {
            "kms:ViaService": `${service}.${vault.region}.amazonaws.com`,
            "kms:CallerAccount": backupAccount,
          }),
          action: "kms:GenerateDataKeyWithoutPlaintext",
          resource: vault.keyArn,
          resourceAccount: vault.account,
          resourcePolicy: index.keyPolicy(vault.keyArn),
          ...asBackupServiceLinkedRole(backupAccount),
        }),
      });
    }
  }
  return out;
}

/**
 * The way back (docs/backup.md's restore runbook): the backup account's AWS Backup role copies a recovery point from
 * the central vault in a region into a member account's vault there, every member account with a vault in that
 * region (a replacement account vended with `make vend` has the same baseline, so the same paths); and no other
 * account, no administrator of the backup account and no outsider copies into a member vault.
 */
function copyBackPaths(
  ctx: PathContext,
  centrals: readonly Vault[],
  members: readonly Vault[],
): AccessPath[] {
  const { index } = ctx;
  const out: AccessPath[] = [];
  for (const central of centrals) {
    const backupAccount = central.account;
    const role = backupRole(backupAccount);
    for (const member of members.filter((m) => m.region === central.region && m.account !== backupAccount)) {
      const id = `backup-copy-back-${member.ref.stack.replace(/^baseline-/, "")}-${member.region}`;
      const into = (caller: string, identity: () => object, orgId: string | undefined = ctx.orgId) => ({
        ...fromRole(caller, orgId, member.region),
        action: "backup:CopyIntoBackupVault",
        resource: vaultArn(member.region, member.account, BACKUP_VAULT_NAME),
        resourceAccount: member.account,
        resourcePolicy: vaultPolicy(ctx, member),
        ...identity(),
      });
      out.push(
        {
          id: `${id}-copy-in`,
          group: GROUP,
          title: `The backup account's AWS Backup role copies a recovery point from the central vault into ${member.where}'s vault`,
          expect: "allow",
          doc: RESTORE_DOC,
          build: () => into(role, () => asLandingZoneRole(ctx, role)),
        },
        {
          id: `${id}-vault-key`,
          group: GROUP,
          title: `The backup account's AWS Backup role encrypts the copy with ${member.where}'s vault key through AWS Backup`,
          expect: "allow",
          doc: ENCRYPTION_DOC,
          build: () => ({
            ...fromRole(role, ctx.orgId, member.region, {
              "kms:ViaService": `backup.${member.region}.amazonaws.com`,
              "kms:CallerAccount": backupAccount,
              "aws:ResourceOrgID": ctx.orgId,
            }),
            action: "kms:GenerateDataKey",
            resource: member.keyArn,
            resourceAccount: member.account,
            resourcePolicy: index.keyPolicy(member.keyArn),
            ...asLandingZoneRole(ctx, role),
          }),
        },
        {
          id: `${id}-admin-denied`,
          group: GROUP,
          title: `A workload administrator in the backup account cannot copy into ${member.where}'s vault`,
          expect: "deny",
          doc: CROSS_ACCOUNT_DOC,
          build: () =>
            into(workloadAdminArn(backupAccount), () => ({
              identityPolicies: [ADMINISTRATOR_ACCESS],
              scps: index.scpLevels(backupAccount),
            })),
        },
      );
    }
    const [first, second] = members.filter((m) => m.region === central.region && m.account !== backupAccount);
    if (first && second && first.account !== second.account) {
      const other = backupRole(second.account);
      out.push({
        id: `backup-copy-back-${central.region}-other-account-denied`,
        group: GROUP,
        title: `AWS Backup's role in ${second.where} cannot copy into ${first.where}'s vault`,
        expect: "deny",
        doc: CROSS_ACCOUNT_DOC,
        build: () => ({
          ...fromRole(other, ctx.orgId, first.region),
          action: "backup:CopyIntoBackupVault",
          resource: vaultArn(first.region, first.account, BACKUP_VAULT_NAME),
          resourceAccount: first.account,
          resourcePolicy: vaultPolicy(ctx, first),
          ...asLandingZoneRole(ctx, other),
        }),
      });
    }
    if (first) {
      out.push({
        id: `backup-copy-back-${central.region}-outsider-denied`,
        group: GROUP,
        title: `A principal outside the organization cannot copy into ${first.where}'s vault`,
        expect: "deny",
        doc: CROSS_ACCOUNT_DOC,
        build: () => ({
          ...fromRole(OUTSIDE_ROLE, undefined, first.region),
          action: "backup:CopyIntoBackupVault",
          resource: vaultArn(first.region, first.account, BACKUP_VAULT_NAME),
          resourceAccount: first.account,
          resourcePolicy: vaultPolicy(ctx, first),
          // An administrator of another organization, not an AWS-owned caller: AWS's AdministratorAccess.
          identityPolicies: [ADMINISTRATOR_ACCESS],
        }),
      });
    }
  }
  return out;
}

/** The central vaults: an outsider copies in nothing; an administrator cannot unlock a member vault. */
function centralDenials(ctx: PathContext, centrals: readonly Vault[]): AccessPath[] {
  const out: AccessPath[] = centrals.map((central) => ({
    id: `backup-central-${central.region}-outsider-copy-in`,
    group: GROUP,
    title: `A principal outside the organization cannot copy into the central vault in ${central.region}`,
    expect: "deny" as const,
    doc: CROSS_ACCOUNT_DOC,
    build: () => ({
      ...fromRole(OUTSIDE_ROLE, undefined, central.region),
      action: "backup:CopyIntoBackupVault",
      resource: vaultArn(central.region, central.account, CENTRAL_VAULT_NAME),
      resourceAccount: central.account,
      resourcePolicy: vaultPolicy(ctx, central),
      // An administrator of another organization, not an AWS-owned caller: AWS's AdministratorAccess.
      identityPolicies: [ADMINISTRATOR_ACCESS],
    }),
  }));
  const source = ctx.config.environments.find((e) => e.phi)?.accounts[0];
  if (source) {
    const sourceAccount = ctx.model.accountId(source);
    out.push({
      id: `backup-${source}-admin-unlock`,
      group: GROUP,
      title: `An administrator in ${source} cannot remove its vault's lock`,
      expect: "deny",
      doc: SCP_DOC,
      build: () => ({
        ...fromRole(workloadAdminArn(sourceAccount), ctx.orgId, ctx.config.organization.homeRegion),
        action: "backup:DeleteBackupVaultLockConfiguration",
        resource: vaultArn(ctx.config.organization.homeRegion, sourceAccount, BACKUP_VAULT_NAME),
        resourceAccount: sourceAccount,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        scps: ctx.index.scpLevels(sourceAccount),
      }),
    });
  }
  return out;
}

const REPORTS_DOC = "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-report-plan-api.html";

/**
 * Backup Audit Manager in the backup account delivers job reports into the bucket its report plans name, under
 * their prefix, with the bucket's default key, as its service-linked role AWSServiceRoleForBackupReports: evaluated
 * with the policy AWS attaches to that role (AWSServiceRolePolicyForBackupReports, vendored), which grants no
 * s3:PutObject and no KMS action, so only a bucket and key of the role's own account whose policies name it let the
 * delivery through; the account is the bucket's as synthesized, so a plan pointed into another account fails here.
 */
function reportPaths(ctx: PathContext, backupAccount: string): AccessPath[] {
  const { model, index } = ctx;
  const plan = model.resources("aws_backup_report_plan")[0];
  if (!plan) return [];
  const delivery = model.argument(plan, "report_delivery_channel") as
    Record<string, string> | Array<Record<string, string>>;
  const channel = Array.isArray(delivery) ? delivery[0] : delivery;
  const bucket = String(channel.s3_bucket_name);
  const bucketRef = model.bucket(bucket);
  if (!bucketRef)
    throw new Error(
      `report plan ${String(model.argument(plan, "name"))} delivers into ${bucket}, which no stack creates`,
    );
  const bucketAccount = model.accountOf(bucketRef);
  const keyArn = defaultKmsKeyOf(model, bucket);
  if (!keyArn) throw new Error(`the reports bucket ${bucket} has no default SSE-KMS key (${REPORTS_DOC})`);
  const region = model.regionOf(plan);
  const role = backupReportsRoleArn(backupAccount);
  const identity = () => ({ identityPolicies: serviceLinkedRoleIdentity(role) });
  return [
    {
      id: "backup-reports-write",
      group: GROUP,
      title: "Backup Audit Manager in the backup account writes a job report into the reports bucket",
      expect: "allow",
      doc: REPORTS_DOC,
      build: () => ({
        ...fromRole(role, ctx.orgId, region),
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${bucket}/${String(channel.s3_key_prefix)}/report.csv`,
        resourceAccount: bucketAccount,
        resourcePolicy: index.bucketPolicy(bucket),
        ...identity(),
      }),
    },
    {
      id: "backup-reports-data-key",
      group: GROUP,
      title: "Backup Audit Manager encrypts the report with the reports bucket's key through S3",
      expect: "allow",
      doc: REPORTS_DOC,
      build: () => ({
        ...fromRole(role, ctx.orgId, region, { "kms:ViaService": `s3.${region}.amazonaws.com` }),
        action: "kms:GenerateDataKey",
        resource: keyArn,
        resourceAccount: keyArn.split(":")[4],
        resourcePolicy: index.keyPolicy(keyArn),
        ...identity(),
      }),
    },
    {
      id: "backup-reports-elsewhere-denied",
      group: GROUP,
      title: "Backup Audit Manager cannot write outside its prefix in the reports bucket",
      expect: "deny",
      doc: REPORTS_DOC,
      build: () => ({
        ...fromRole(role, ctx.orgId, region),
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${bucket}/AWSLogs/${backupAccount}/forged.json.gz`,
        resourceAccount: bucketAccount,
        resourcePolicy: index.bucketPolicy(bucket),
        ...identity(),
      }),
    },
  ];
}

/** Every backup path. */
export function backupPaths(ctx: PathContext): AccessPath[] {
  const vaults = vaultsOf(ctx);
  const centrals = vaults.filter((v) => v.name === CENTRAL_VAULT_NAME);
  if (centrals.length === 0) return [];
  const backupAccount = centrals[0].account;
  const members = vaults.filter((v) => v.name !== CENTRAL_VAULT_NAME);
  return [
    ...members.flatMap((v) => memberVaultPaths(ctx, v, backupAccount)),
    ...members.flatMap((v) => deletionDenials(ctx, v)),
    ...centrals.flatMap((v) => deletionDenials(ctx, v)),
    ...centralCopyPaths(ctx, centrals, backupAccount),
    ...copyBackPaths(ctx, centrals, members),
    ...centralDenials(ctx, centrals),
    ...reportPaths(ctx, backupAccount),
  ];
}
