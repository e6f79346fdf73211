// Access paths for Session Manager and the central application logs (164.312(b) audit controls, 164.312(a)(1)):
// each account's session key in every governed region serves its own sessions and session log group and nothing
// else, and the observability sinks admit links from the organization only, for logs and metrics only.
import { logGroupArn } from "../../policies/arns";
import { sessionLogGroupName } from "../../policies/session-manager";
import { SHARED_RESOURCE_TYPES } from "../../policies/observability";
import { ResourceRef } from "../synthesized";
import { tagContext } from "./account-keys";
import {
  AccessPath,
  ADMINISTRATOR_ACCESS,
  fromRole,
  LOGS_KMS_DOC,
  logsGeneratesDataKey,
  OUTSIDE_ORG_ID,
  OUTSIDE_ROLE,
  PathContext,
  ssoRoleArn,
  workloadAdminArn,
} from "./context";

const SESSION_KMS_DOC =
  "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-enable-encryption.html";
const OAM_DOC = "https://docs.aws.amazon.com/OAM/latest/APIReference/API_CreateLink.html";

/** The encryption context Session Manager's client and agent send with each session's data key. */
function sessionContext(account: string): Record<string, string> {
  return {
    "kms:EncryptionContext:aws:ssm:SessionId": "platform-admin-0a1b2c3d4e5f60718",
    "kms:EncryptionContext:aws:ssm:TargetId": "i-0123456789abcdef0",
    "kms:CallerAccount": account,
  };
}

/** Each account's session key in each region. */
function sessionKeyPaths(ctx: PathContext): AccessPath[] {
  const { model, index, config } = ctx;
  const out: AccessPath[] = [];
  const group = "Session Manager";
  const logGroup = sessionLogGroupName(config.organization.name);
  const keys = model.resources("aws_kms_key").filter((ref) => ref.path.startsWith("session-manager/key-"));
  const roles = new Map(
    model
      .resources("aws_iam_role")
      .filter((ref) => ref.path === "session-manager/default-host-role")
      .map((ref) => [model.accountOf(ref), ref]),
  );
  for (const ref of keys) {
    const account = model.accountOf(ref);
    const region = model.regionOf(ref);
    const keyArn = model.attribute(ref, "arn");
    const name = ref.stack.replace(/^baseline-/, "");
    const where = `${name} (${region})`;
    const tags = tagContext(ctx, ref);
    const layers = () => ({
      resource: keyArn,
      resourceAccount: account,
      resourcePolicy: index.keyPolicy(keyArn),
    });
    const admin = ssoRoleArn(account, "PlatformAdmin");
    const role = roles.get(account) as ResourceRef;
    const roleArn = model.attribute(role, "arn");
    const other = ctx.accounts.find((a) => a.id !== account) as { name: string; id: string };
    out.push(
      {
        id: `session-${name}-${region}-user-data-key`,
        group,
        title: `An administrator of ${where} generates a session's data key with the account's session key`,
        expect: "allow",
        doc: SESSION_KMS_DOC,
        build: () => ({
          ...fromRole(admin, ctx.orgId, region, { ...sessionContext(account), ...tags }),
          action: "kms:GenerateDataKey",
          ...layers(),
          identityPolicies: [ADMINISTRATOR_ACCESS],
          scps: index.scpLevels(account),
        }),
      },
      {
        id: `session-${name}-${region}-agent-decrypts`,
        group,
        title: `The SSM agent on ${where}'s instances (Default Host Management's role) decrypts session data`,
        expect: "allow",
        doc: SESSION_KMS_DOC,
        build: () => ({
          ...fromRole(roleArn, ctx.orgId, region, { ...sessionContext(account), ...tags }),
          action: "kms:Decrypt",
          ...layers(),
          // Its own policy and AWS's AmazonSSMManagedEC2InstanceDefaultPolicy as AWS publishes it.
          identityPolicies: index.roleIdentityPolicies(roleArn),
          scps: index.scpLevels(account),
        }),
      },
      {
        id: `session-${name}-${region}-not-for-other-data`,
        group,
        title: `An administrator of ${where} cannot use the session key for a call without a session ID in the encryption context`,
        expect: "deny",
        doc: SESSION_KMS_DOC,
        build: () => ({
          ...fromRole(workloadAdminArn(account), ctx.orgId, region, {
            "kms:CallerAccount": account,
            ...tags,
          }),
          action: "kms:Decrypt",
          ...layers(),
          identityPolicies: [ADMINISTRATOR_ACCESS],
          scps: index.scpLevels(account),
        }),
      },
      {
        id: `session-${name}-${region}-logs-encrypts`,
        group,
        title: `CloudWatch Logs encrypts ${where}'s session log group with its session key`,
        expect: "allow",
        doc: LOGS_KMS_DOC,
        build: () => ({
          ...logsGeneratesDataKey(region, logGroupArn(region, account, logGroup)),
          ...layers(),
        }),
      },
      {
        id: `session-${name}-${region}-logs-other-group`,
        group,
        title: `CloudWatch Logs cannot encrypt another log group of ${where} with the session key`,
        expect: "deny",
        doc: LOGS_KMS_DOC,
        build: () => ({
          ...logsGeneratesDataKey(region, logGroupArn(region, account, "/app/other")),
          ...layers(),
        }),
      },
      {
        id: `session-${name}-${region}-other-account`,
        group,
        title: `An administrator of ${other.name} cannot decrypt ${where}'s session data`,
        expect: "deny",
        doc: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
        build: () => ({
          ...fromRole(workloadAdminArn(other.id), ctx.orgId, region, {
            ...sessionContext(other.id),
            ...tags,
          }),
          action: "kms:Decrypt",
          ...layers(),
          identityPolicies: [ADMINISTRATOR_ACCESS],
          scps: index.scpLevels(other.id),
        }),
      },
      {
        id: `session-${name}-${region}-outsider`,
        group,
        title: `A principal outside the organization cannot decrypt ${where}'s session data`,
        expect: "deny",
        doc: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
        build: () => ({
          ...fromRole(OUTSIDE_ROLE, undefined, region, sessionContext("999999999999")),
          action: "kms:Decrypt",
          ...layers(),
          identityPolicies: [ADMINISTRATOR_ACCESS],
        }),
      },
    );
  }
  return out;
}

/** The sink of each region: who may link, and what. */
function sinkPaths(ctx: PathContext): AccessPath[] {
  const { model, index } = ctx;
  const out: AccessPath[] = [];
  const group = "Central application logs";
  for (const ref of model.resources("aws_oam_sink_policy")) {
    const region = model.regionOf(ref);
    const sinkArn = model.attribute(ref, "arn");
    const monitoring = model.accountOf(ref);
    const policy = { name: "sink policy", policy: model.policyArgument(ref, "policy") };
    const source = ctx.accounts.find((a) => a.id !== monitoring) as { name: string; id: string };
    const layers = { resource: sinkArn, resourceAccount: monitoring, resourcePolicy: policy.policy };
    const link = (types: readonly string[]) => ({ "oam:ResourceTypes": [...types] });
    out.push(
      {
        id: `central-logs-${region}-member-links`,
        group,
        title: `${source.name} links its log groups and metrics to the sink in ${region}`,
        expect: "allow",
        doc: OAM_DOC,
        build: () => ({
          ...fromRole(workloadAdminArn(source.id), ctx.orgId, region, link(SHARED_RESOURCE_TYPES)),
          action: "oam:CreateLink",
          ...layers,
          identityPolicies: [ADMINISTRATOR_ACCESS],
          scps: index.scpLevels(source.id),
        }),
      },
      {
        id: `central-logs-${region}-traces-refused`,
        group,
        title: `${source.name} cannot link traces (which AWS would copy into security-tooling) in ${region}`,
        expect: "deny",
        doc: OAM_DOC,
        build: () => ({
          ...fromRole(
            workloadAdminArn(source.id),
            ctx.orgId,
            region,
            link([...SHARED_RESOURCE_TYPES, "AWS::XRay::Trace"]),
          ),
          action: "oam:CreateLink",
          ...layers,
          identityPolicies: [ADMINISTRATOR_ACCESS],
          scps: index.scpLevels(source.id),
        }),
      },
      {
        id: `central-logs-${region}-outsider`,
        group,
        title: `An account of another organization cannot link to the sink in ${region}`,
        expect: "deny",
        doc: OAM_DOC,
        build: () => ({
          ...fromRole(OUTSIDE_ROLE, OUTSIDE_ORG_ID, region, link(SHARED_RESOURCE_TYPES)),
          action: "oam:CreateLink",
          ...layers,
          identityPolicies: [ADMINISTRATOR_ACCESS],
        }),
      },
    );
  }
  return out;
}

/** Every Session Manager and central-logs path. */
export function sessionPaths(ctx: PathContext): AccessPath[] {
  return [...sessionKeyPaths(ctx), ...sinkPaths(ctx)];
}
