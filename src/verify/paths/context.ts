// What an access path is, and the request context each kind of caller sends, so every path states the keys AWS
// documents for its caller and nothing more (164.312(a)(1): a proof is only as good as its request).
import { LandingZoneConfig } from "../../config/schema";
import { allAccountNames } from "../../config/model";
import { PolicyIndex } from "../policy-index";
import { Caller, PolicyDoc, SimulatedRequest } from "../simulator";
import { PLACEHOLDER_ORG_ID, SynthesizedLandingZone } from "../synthesized";

/** One request the landing zone depends on, with the decision AWS must reach. */
export interface AccessPath {
  /** Unique and stable: the report and the tests name paths by it. */
  readonly id: string;
  /** The group docs/verification.md and the report list it under. */
  readonly group: string;
  /** What the request is, in a sentence. */
  readonly title: string;
  /** "allow": the control works only if AWS allows it; "deny": the control is this denial. */
  readonly expect: "allow" | "deny";
  /** The AWS documentation page the request's caller, action and context follow. */
  readonly doc: string;
  /** The request with every policy layer that applies; built lazily so one unresolvable path fails alone. */
  readonly build: () => SimulatedRequest;
  /**
   * The configuration setting that asks for this request, as a change a failure can suggest: without the setting
   * the landing zone no longer needs the request.
   * @default - none: the landing zone always needs it
   */
  readonly setting?: string;
}

/** An account outside the organization, for the denials. */
export const OUTSIDE_ACCOUNT = "999999999999";
/** Another organization's ID. */
export const OUTSIDE_ORG_ID = "o-outsider0001";
/** A role in the outside account. */
export const OUTSIDE_ROLE = `arn:aws:iam::${OUTSIDE_ACCOUNT}:role/outsider`;

/** What every group of paths builds from. */
export interface PathContext {
  readonly config: LandingZoneConfig;
  readonly index: PolicyIndex;
  readonly model: SynthesizedLandingZone;
  /** The organization's ID as the model knows it. */
  readonly orgId: string;
  /** Every account's name (the management account first) and placeholder ID. */
  readonly accounts: ReadonlyArray<{ readonly name: string; readonly id: string }>;
}

/** Builds the context from a synthesized landing zone. */
export function pathContext(config: LandingZoneConfig, index: PolicyIndex): PathContext {
  const model = index.model;
  return {
    config,
    index,
    model,
    orgId: PLACEHOLDER_ORG_ID,
    accounts: allAccountNames(config.organization).map((name) => ({ name, id: model.accountId(name) })),
  };
}

/**
 * The context an AWS service principal sends when it acts for a resource of ours: aws:SourceAccount,
 * aws:SourceArn and aws:SourceOrgID name that resource's owner
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount).
 * AWS adds aws:SourceOrgID whenever the source account belongs to an organization, so a source account of ours
 * (any but OUTSIDE_ACCOUNT) sends the organization's ID unless `orgId` says otherwise; the data perimeter RCP's
 * confused-deputy statement relies on it.
 */
export function fromService(
  service: string,
  source: { account?: string; arn?: string; orgId?: string },
  extra: Record<string, string | string[]> = {},
): { caller: Caller; context: Record<string, string | string[]> } {
  const context: Record<string, string | string[]> = {
    "aws:PrincipalIsAWSService": "true",
    "aws:PrincipalServiceName": service,
    "aws:SecureTransport": "true",
    ...extra,
  };
  if (source.account) context["aws:SourceAccount"] = source.account;
  if (source.arn) context["aws:SourceArn"] = source.arn;
  const orgId =
    "orgId" in source
      ? source.orgId
      : source.account && source.account !== OUTSIDE_ACCOUNT
        ? PLACEHOLDER_ORG_ID
        : undefined;
  if (orgId) context["aws:SourceOrgID"] = orgId;
  return { caller: { service }, context };
}

/**
 * A resource-based policy (or a role's trust policy) that admits every principal of `account` to `action` on
 * `resource`: the widest grant another account's administrator could write, so a path that must still be denied
 * is decided by the caller's own policies alone.
 */
export function admitsAccount(account: string, action: string, resource = "*"): PolicyDoc {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: action,
        Resource: resource,
      },
    ],
  } as PolicyDoc;
}

/**
 * The context a role session sends: its ARN, account and organization, over TLS
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
 */
export function fromRole(
  roleArn: string,
  orgId: string | undefined,
  region: string,
  extra: Record<string, string | string[]> = {},
): { caller: Caller; context: Record<string, string | string[]> } {
  const account = roleArn.split(":")[4];
  const context: Record<string, string | string[]> = {
    "aws:PrincipalArn": roleArn,
    "aws:PrincipalAccount": account,
    "aws:PrincipalIsAWSService": "false",
    "aws:RequestedRegion": region,
    "aws:SecureTransport": "true",
    ...extra,
  };
  if (orgId) context["aws:PrincipalOrgID"] = orgId;
  return { caller: { roleArn }, context };
}

/** AWS's page for CloudWatch Logs encrypting log groups with a KMS key, which its key-policy paths follow. */
export const LOGS_KMS_DOC =
  "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html";

/**
 * CloudWatch Logs, as the service principal of `region`, generating a data key for a log group: the request AWS
 * documents, with the group's ARN in kms:EncryptionContext:aws:logs:arn (LOGS_KMS_DOC).
 */
export function logsGeneratesDataKey(region: string, logGroupArn: string) {
  return {
    ...fromService(`logs.${region}.amazonaws.com`, {}, { "kms:EncryptionContext:aws:logs:arn": logGroupArn }),
    action: "kms:GenerateDataKey",
  };
}

/** The role Identity Center creates for a permission set in an account. */
export function ssoRoleArn(accountId: string, set: string): string {
  return `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${set}_0123456789abcdef`;
}

/** A workload administrator: a role in the account with AdministratorAccess (not the pipeline's role). */
export function workloadAdminArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/workload-admin`;
}

/** AdministratorAccess, as AWS publishes it. */
export const ADMINISTRATOR_ACCESS = {
  name: "AdministratorAccess",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};
