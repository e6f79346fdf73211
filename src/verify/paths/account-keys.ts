// Access paths for the keys workloads depend on (164.312(a)(2)(iv) encryption): each account's EBS default key
// for EC2 and the Auto Scaling service-linked role, each PHI data key for CloudWatch Logs and Macie in its
// environment's accounts, and the same keys refused to principals outside their environment or organization.
// Macie reading PHI objects under a PHI data key is not among them: see docs/verification.md (What only a real
// deploy can show).
import { logGroupArn } from "../../policies/arns";
import { BACKUP_ROLE_NAME } from "../../policies/backup-policies";
import { ResourceRef } from "../synthesized";
import { serviceLinkedRoleIdentity } from "./aws-owned";
import {
  AccessPath,
  ADMINISTRATOR_ACCESS,
  fromRole,
  LOGS_KMS_DOC,
  logsGeneratesDataKey,
  OUTSIDE_ROLE,
  PathContext,
  workloadAdminArn,
} from "./context";

const EBS_ASG_DOC =
  "https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html";
const EBS_DOC =
  "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html#ebs-encryption-permissions";
const CROSS_ACCOUNT_BACKUP_DOC =
  "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html";

/** The EBS default key of every baselined account and region. */
function ebsPaths(ctx: PathContext): AccessPath[] {
  const { model, index } = ctx;
  const out: AccessPath[] = [];
  const group = "Account keys";
  const backupAccount = model.accountId(ctx.config.organization.coreAccounts.backup);
  const backupRole = `arn:aws:iam::${backupAccount}:role/${BACKUP_ROLE_NAME}`;
  for (const ref of model.resources("aws_ebs_default_kms_key")) {
    const account = model.accountOf(ref);
    const region = model.regionOf(ref);
    const keyArn = String(model.argument(ref, "key_arn"));
    const where = `${ref.stack.replace(/^baseline-/, "")} (${region})`;
    const slr = `arn:aws:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    const keyLayers = () => ({
      resource: keyArn,
      resourceAccount: account,
      resourcePolicy: index.keyPolicy(keyArn),
    });
    out.push(
      {
        id: `ebs-${ref.stack}-${region}-autoscaling-grant`,
        group,
        title: `Auto Scaling's service-linked role creates a grant on the EBS default key of ${where}`,
        expect: "allow",
        doc: EBS_ASG_DOC,
        build: () => ({
          ...fromRole(slr, ctx.orgId, region, {
            "kms:GrantIsForAWSResource": "true",
            "kms:CallerAccount": account,
          }),
          action: "kms:CreateGrant",
          ...keyLayers(),
          identityPolicies: serviceLinkedRoleIdentity(slr),
        }),
      },
      {
        id: `ebs-${ref.stack}-${region}-autoscaling-data-key`,
        group,
        title: `Auto Scaling's service-linked role generates volume data keys with the EBS default key of ${where}`,
        expect: "allow",
        doc: EBS_ASG_DOC,
        build: () => ({
          ...fromRole(slr, ctx.orgId, region, { "kms:CallerAccount": account }),
          action: "kms:GenerateDataKeyWithoutPlaintext",
          ...keyLayers(),
          identityPolicies: serviceLinkedRoleIdentity(slr),
        }),
      },
      {
        id: `ebs-${ref.stack}-${region}-central-backup-copy`,
        group,
        title: `The backup account copies an EBS snapshot of ${where} into the central vault, through EC2 with its key`,
        expect: "allow",
        doc: CROSS_ACCOUNT_BACKUP_DOC,
        build: () => ({
          ...fromRole(backupRole, ctx.orgId, region, {
            "kms:ViaService": `ec2.${region}.amazonaws.com`,
            "kms:CallerAccount": backupAccount,
            // EC2 creates the grant for the snapshot copy, an AWS resource.
            "kms:GrantIsForAWSResource": "true",
          }),
          action: "kms:CreateGrant",
          ...keyLayers(),
          // Exactly what the synthesized stacks attach to the backup account's lz-backup role.
          identityPolicies: index.roleIdentityPolicies(backupRole),
          scps: index.scpLevels(backupAccount),
        }),
      },
      {
        id: `ebs-${ref.stack}-${region}-ec2`,
        group,
        title: `A role in ${where} launching an instance uses the EBS default key through EC2`,
        expect: "allow",
        doc: EBS_DOC,
        build: () => ({
          ...fromRole(workloadAdminArn(account), ctx.orgId, region, {
            "kms:ViaService": `ec2.${region}.amazonaws.com`,
            "kms:CallerAccount": account,
          }),
          action: "kms:CreateGrant",
          ...keyLayers(),
          // A workload role of the account, not AWS-owned: AWS's AdministratorAccess, so only the key policy and
          // the SCPs decide.
          identityPolicies: [ADMINISTRATOR_ACCESS],
          scps: index.scpLevels(account),
        }),
      },
    );
  }
  const first = model.resources("aws_ebs_default_kms_key")[0];
  if (first) {
    const keyArn = String(model.argument(first, "key_arn"));
    out.push({
      id: "ebs-outsider-grant",
      group,
      title: "A principal outside the organization cannot create a grant on an EBS default key",
      expect: "deny",
      doc: EBS_DOC,
      build: () => ({
        ...fromRole(OUTSIDE_ROLE, undefined, model.regionOf(first), {
          "kms:ViaService": `ec2.${model.regionOf(first)}.amazonaws.com`,
        }),
        action: "kms:CreateGrant",
        resource: keyArn,
        resourceAccount: model.accountOf(first),
        resourcePolicy: index.keyPolicy(keyArn),
        // An administrator of another organization, not AWS-owned: AWS's AdministratorAccess.
        identityPolicies: [ADMINISTRATOR_ACCESS],
      }),
    });
  }
  return out;
}

/** The PHI data key of each environment: CloudWatch Logs and Macie in its accounts; nobody else. */
function phiKeyPaths(ctx: PathContext): AccessPath[] {
  const { model, index, config } = ctx;
  const out: AccessPath[] = [];
  const group = "PHI data keys";
  for (const env of config.environments) {
    const ref = model.maybeResource("security", `keys/phi-data-${env.name}/key`);
    if (!ref) continue;
    const keyArn = model.attribute(ref, "arn");
    const region = model.regionOf(ref);
    const keyAccount = model.accountOf(ref);
    const tags = tagContext(ctx, ref);
    const layers = () => ({
      resource: keyArn,
      resourceAccount: keyAccount,
      resourcePolicy: index.keyPolicy(keyArn),
    });
    for (const accountName of env.accounts) {
      const account = model.accountId(accountName);
      out.push({
        id: `phi-key-${env.name}-${accountName}-logs`,
        group,
        title: `CloudWatch Logs encrypts ${accountName}'s log groups with the ${env.name} PHI data key`,
        expect: "allow",
        doc: LOGS_KMS_DOC,
        build: () => ({
          ...logsGeneratesDataKey(region, logGroupArn(region, account, "/app/phi")),
          ...layers(),
        }),
      });
    }
    const other = config.environments.find((e) => e.name !== env.name);
    if (other) {
      const otherAccount = model.accountId(other.accounts[0]);
      out.push({
        id: `phi-key-${env.name}-other-environment-logs`,
        group,
        title: `CloudWatch Logs in ${other.name}'s account ${other.accounts[0]} cannot use the ${env.name} PHI data key`,
        expect: "deny",
        doc: LOGS_KMS_DOC,
        build: () => ({
          ...logsGeneratesDataKey(region, logGroupArn(region, otherAccount, "/app/phi")),
          ...layers(),
        }),
      });
      out.push({
        id: `phi-key-${env.name}-other-environment-admin`,
        group,
        title: `An administrator in ${other.accounts[0]} cannot decrypt with the ${env.name} PHI data key`,
        expect: "deny",
        doc: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
        build: () => ({
          ...fromRole(workloadAdminArn(otherAccount), ctx.orgId, region, {
            "kms:ViaService": `s3.${region}.amazonaws.com`,
            ...tags,
          }),
          action: "kms:Decrypt",
          ...layers(),
          identityPolicies: [ADMINISTRATOR_ACCESS],
          scps: index.scpLevels(otherAccount),
        }),
      });
    }
    out.push({
      id: `phi-key-${env.name}-outsider`,
      group,
      title: `A principal outside the organization cannot decrypt with the ${env.name} PHI data key`,
      expect: "deny",
      doc: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
      build: () => ({
        ...fromRole(OUTSIDE_ROLE, undefined, region, { "kms:ViaService": `s3.${region}.amazonaws.com` }),
        action: "kms:Decrypt",
        ...layers(),
        // An administrator of another organization, not AWS-owned: AWS's AdministratorAccess.
        identityPolicies: [ADMINISTRATOR_ACCESS],
      }),
    });
  }
  return out;
}

/** The aws:ResourceTag context of a key, as KMS evaluates tag conditions. */
export function tagContext(ctx: PathContext, ref: ResourceRef): Record<string, string> {
  return Object.fromEntries(
    Object.entries(ctx.model.tagsOf(ref)).map(([k, v]) => [`aws:ResourceTag/${k}`, v]),
  );
}

/** Every account-key path. */
export function accountKeyPaths(ctx: PathContext): AccessPath[] {
  return [...ebsPaths(ctx), ...phiKeyPaths(ctx)];
}
