// Access paths for the organization's data perimeter and root access (164.312(a)(1) access control, 164.312(e)(1)
// transmission security, 164.312(a)(2)(i) unique user identification): the lz-data-perimeter RCP voids a resource
// policy's grant to an outside account on S3, KMS, SQS, Secrets Manager and STS, refuses requests without TLS and
// AWS services acting for another organization, while the same grant inside the organization still works; root
// sign-in stays denied in member accounts while a task session from sts:AssumeRoot does its one job.
import {
  ADMINISTRATOR_ACCESS,
  AccessPath,
  fromRole,
  fromService,
  OUTSIDE_ACCOUNT,
  OUTSIDE_ORG_ID,
  OUTSIDE_ROLE,
  PathContext,
  workloadAdminArn,
} from "./context";
import { PolicyDoc } from "../simulator";

const RCP_DOC = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html";
const RCP_EXAMPLES_DOC =
  "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_examples.html";
/** AWS's RCP control for a minimum S3 TLS version (CT.S3.PV.3), the RCP statement lz-data-perimeter follows. */
export const S3_TLS_DOC =
  "https://docs.aws.amazon.com/controltower/latest/controlreference/rcp-controls.html";
const ROOT_ACCESS_DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html";
const GROUP = "Data perimeter and root access";

/** One resource per perimeter service in an account, with the action an outsider would want on it. */
function perimeterResources(account: string, region: string) {
  return [
    { service: "s3", action: "s3:GetObject", arn: `arn:aws:s3:::phi-data-${account}/patients/record.json` },
    {
      service: "kms",
      action: "kms:Decrypt",
      arn: `arn:aws:kms:${region}:${account}:key/00000000-0000-4000-8000-000000000000`,
    },
    { service: "sqs", action: "sqs:ReceiveMessage", arn: `arn:aws:sqs:${region}:${account}:phi-intake` },
    {
      service: "secretsmanager",
      action: "secretsmanager:GetSecretValue",
      arn: `arn:aws:secretsmanager:${region}:${account}:secret:phi-db-AbCdEf`,
    },
    { service: "sts", action: "sts:AssumeRole", arn: `arn:aws:iam::${account}:role/vendor-access` },
  ] as const;
}

/** The resource policy a team might write: it grants `principal` the action outright, with no conditions. */
function grantTo(principal: string, action: string, resource: string): PolicyDoc {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TeamGrant",
        Effect: "Allow",
        Principal: { AWS: principal },
        Action: action,
        Resource: action === "sts:AssumeRole" ? "*" : resource,
      },
    ],
  };
}

/** The perimeter: outsiders, HTTP and foreign service requests denied on a PHI account; an in-org grant kept. */
function perimeterPaths(ctx: PathContext): AccessPath[] {
  const phiAccount = ctx.config.environments.find((e) => e.phi)?.accounts[0];
  if (!phiAccount) return [];
  const account = ctx.model.accountId(phiAccount);
  const other = ctx.accounts.find((a) => a.name !== phiAccount && a.id !== ctx.accounts[0].id)!;
  const region = ctx.config.organization.homeRegion;
  // An administrator in another member account, granted the action by the resource's policy.
  const fromMember = (action: string, arn: string, extra: Record<string, string> = {}) => ({
    ...fromRole(workloadAdminArn(other.id), ctx.orgId, region, extra),
    action,
    resource: arn,
    resourceAccount: account,
    identityPolicies: [ADMINISTRATOR_ACCESS],
    resourcePolicy: grantTo(workloadAdminArn(other.id), action, arn),
    scps: ctx.index.scpLevels(other.id),
  });
  const out: AccessPath[] = [];
  for (const { service, action, arn } of perimeterResources(account, region)) {
    out.push({
      id: `perimeter-${service}-outsider-denied`,
      group: GROUP,
      title: `A principal outside the organization cannot call ${action} in ${phiAccount}, even where a resource policy grants it`,
      expect: "deny",
      doc: RCP_DOC,
      build: () => ({
        ...fromRole(OUTSIDE_ROLE, OUTSIDE_ORG_ID, region),
        action,
        resource: arn,
        resourceAccount: account,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        resourcePolicy: grantTo(OUTSIDE_ROLE, action, arn),
      }),
    });
    out.push({
      id: `perimeter-${service}-member-allowed`,
      group: GROUP,
      title: `The same grant to an administrator in ${other.name} still lets it call ${action} in ${phiAccount}`,
      expect: "allow",
      doc: RCP_DOC,
      build: () => fromMember(action, arn),
    });
    out.push({
      id: `perimeter-${service}-plain-http-denied`,
      group: GROUP,
      title: `${action} in ${phiAccount} without TLS is refused, even to an administrator in the organization`,
      expect: "deny",
      doc: RCP_EXAMPLES_DOC,
      build: () => fromMember(action, arn, { "aws:SecureTransport": "false" }),
    });
  }
  // AWS's endpoints have refused TLS below 1.2 since February 2024, so these prove the RCP's own floor, the only one
  // a perimeter service states in a key (s3:TlsVersion).
  const object = perimeterResources(account, region)[0].arn;
  for (const [version, expect] of [
    ["1.1", "deny"],
    ["1.2", "allow"],
  ] as const) {
    out.push({
      id: `perimeter-s3-tls-${version.replace(".", "-")}-${expect === "deny" ? "denied" : "allowed"}`,
      group: GROUP,
      title: `s3:GetObject in ${phiAccount} over TLS ${version} is ${expect === "deny" ? "refused" : "served"}, even to an administrator in the organization`,
      expect,
      doc: S3_TLS_DOC,
      build: () => fromMember("s3:GetObject", object, { "s3:TlsVersion": version }),
    });
  }
  const bucket = `phi-data-${account}`;
  out.push({
    id: "perimeter-foreign-service-request-denied",
    group: GROUP,
    title: `CloudTrail writing for another organization's trail into a bucket in ${phiAccount} that grants CloudTrail is refused (confused deputy)`,
    expect: "deny",
    doc: RCP_EXAMPLES_DOC,
    build: () => ({
      ...fromService("cloudtrail.amazonaws.com", {
        account: OUTSIDE_ACCOUNT,
        arn: `arn:aws:cloudtrail:${region}:${OUTSIDE_ACCOUNT}:trail/theirs`,
        orgId: OUTSIDE_ORG_ID,
      }),
      action: "s3:PutObject",
      resource: `arn:aws:s3:::${bucket}/AWSLogs/${OUTSIDE_ACCOUNT}/x.json.gz`,
      resourceAccount: account,
      resourcePolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "TeamGrant",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `arn:aws:s3:::${bucket}/*`,
          },
        ],
      },
    }),
  });
  return out;
}

/** Root in a member account: sign-in denied by lz-core-guardrails; an AssumeRoot task session allowed its task. */
function rootPaths(ctx: PathContext): AccessPath[] {
  const member = ctx.accounts[1];
  if (!member) return [];
  const region = ctx.config.organization.homeRegion;
  const request = (extra: Record<string, string>) => ({
    caller: { rootOf: member.id },
    context: {
      "aws:PrincipalArn": `arn:aws:iam::${member.id}:root`,
      "aws:PrincipalAccount": member.id,
      "aws:PrincipalOrgID": ctx.orgId,
      "aws:PrincipalIsAWSService": "false",
      "aws:RequestedRegion": region,
      "aws:SecureTransport": "true",
      ...extra,
    },
    action: "s3:DeleteBucketPolicy",
    resource: `arn:aws:s3:::locked-out-${member.id}`,
    resourceAccount: member.id,
    // The root user holds every permission in its account; a task session holds what its task policy grants
    // (S3UnlockBucketPolicy grants s3:DeleteBucketPolicy).
    identityPolicies: [ADMINISTRATOR_ACCESS],
    scps: ctx.index.scpLevels(member.id),
  });
  return [
    {
      id: "root-sign-in-denied",
      group: GROUP,
      title: `The root user of ${member.name}, signed in, cannot delete a bucket policy (or do anything else)`,
      expect: "deny",
      doc: ROOT_ACCESS_DOC,
      build: () => request({}),
    },
    {
      id: "root-task-session-allowed",
      group: GROUP,
      title: `A root task session in ${member.name} from sts:AssumeRoot (S3UnlockBucketPolicy) deletes a bucket policy that locked everyone out`,
      expect: "allow",
      doc: ROOT_ACCESS_DOC,
      build: () => request({ "aws:AssumedRoot": "true" }),
    },
  ];
}

/** Every data perimeter and root access path. */
export function perimeterAndRootPaths(ctx: PathContext): AccessPath[] {
  return [...perimeterPaths(ctx), ...rootPaths(ctx)];
}
