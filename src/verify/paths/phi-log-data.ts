// Access paths for PHI in CloudWatch Logs (164.312(a)(1) access control, 164.308(a)(4) information access
// management). CloudWatch Logs decrypts a log group's events with the group's key as its own service principal,
// never as the caller ("This enables CloudWatch Logs to decrypt this data whenever it is requested",
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_AssociateKmsKey.html), so the PHI key
// deny of PHIReadOnly and Developer protects nothing here: the caller's decision on the logs action is the one that
// counts. These paths prove both halves: the service's own decrypt is allowed by the key policy, and the reading
// sets are denied every action that returns log data (LOG_DATA_READ_ACTIONS), while still describing log groups.
// They also prove what SecurityResponder does not reach: the organization trail's log group in the management
// account, which nothing shares with security-tooling.
import { logGroupArn, logStreamIn } from "../../policies/arns";
import { expandAssignments } from "../../config/model";
import { LOG_DATA_READ_ACTIONS } from "../../policies/permission-sets";
import { AccessPath, admitsAccount, fromRole, fromService, PathContext, ssoRoleArn } from "./context";

const LOGS_KMS_DOC =
  "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_AssociateKmsKey.html";
const LOGS_ACTIONS_DOC =
  "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html";
const CROSS_ACCOUNT_DOC =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";

/**
 * A representative workload log group: Lambda creates /aws/lambda/<function> itself, untagged, so it is the log
 * group no tag condition would catch. The landing zone creates no log group in a PHI account (its flow and DNS
 * query logs go to the archive bucket), so the paths name the kind a workload there does create.
 */
const WORKLOAD_LOG_GROUP = "/aws/lambda/app";

/** The ARN a logs action is authorized against: a log stream for GetLogEvents, the log group otherwise. */
function logResource(action: string, region: string, account: string): string {
  const group = logGroupArn(region, account, WORKLOAD_LOG_GROUP);
  return action === "logs:GetLogEvents" ? logStreamIn(group, "2026/12/01/[$LATEST]0123") : group;
}

const short = (action: string) => action.replace(/^logs:/, "");

/** PHIReadOnly and Developer on log data, the logs service's own key use, and SecurityResponder on the trail. */
export function phiLogDataPaths(ctx: PathContext): AccessPath[] {
  const { config, index, model } = ctx;
  if (!config.organization.identityCenter || !model.hasStack("identity-center")) return [];
  const region = config.organization.homeRegion;
  const group = "PHI log data";
  const out: AccessPath[] = [];
  const phiEnvironments = config.environments.filter((env) => env.phi);
  const phiAccounts = phiEnvironments.flatMap((env) => env.accounts);
  const seen = new Set<string>();
  for (const assignment of expandAssignments(config.organization)) {
    const set = assignment.permissionSet;
    const key = `${set}/${assignment.account}`;
    if (seen.has(key) || !["PHIReadOnly", "Developer", "SecurityResponder"].includes(set)) continue;
    seen.add(key);
    const account = model.accountId(assignment.account);
    const role = ssoRoleArn(account, set);
    const request = (action: string, resource: string, resourceAccount: string, extra = {}) => ({
      ...fromRole(role, ctx.orgId, region, extra),
      action,
      resource,
      resourceAccount,
      identityPolicies: index.permissionSet(set).identityPolicies,
      scps: index.scpLevels(account),
    });
    if (set === "PHIReadOnly") {
      // Denied everywhere it is assigned: its work is configuration, and log events are data.
      for (const action of LOG_DATA_READ_ACTIONS) {
        out.push({
          id: `phi-logs-PHIReadOnly-${assignment.account}-${short(action)}`,
          group,
          title: `PHIReadOnly in ${assignment.account} cannot read log data (${action}) of a log group there`,
          expect: "deny",
          doc: LOGS_ACTIONS_DOC,
          build: () => request(action, logResource(action, region, account), account),
        });
      }
      out.push({
        id: `phi-logs-PHIReadOnly-${assignment.account}-DescribeLogGroups`,
        group,
        title: `PHIReadOnly in ${assignment.account} still lists log groups and their settings (logs:DescribeLogGroups)`,
        expect: "allow",
        doc: LOGS_ACTIONS_DOC,
        build: () => request("logs:DescribeLogGroups", logGroupArn(region, account, "*"), account),
      });
    }
    if (set === "Developer") {
      for (const action of ["logs:StartQuery", "logs:GetLogEvents"]) {
        out.push({
          id: `phi-logs-Developer-${assignment.account}-own-${short(action)}`,
          group,
          title: `Developer in ${assignment.account} reads its own account's untagged log groups (${action})`,
          expect: "allow",
          doc: LOGS_ACTIONS_DOC,
          build: () => request(action, logResource(action, region, account), account),
        });
        out.push({
          id: `phi-logs-Developer-${assignment.account}-phi-tagged-${short(action)}`,
          group,
          title: `Developer in ${assignment.account} cannot read a log group there tagged DataClassification=phi (${action})`,
          expect: "deny",
          doc: LOGS_ACTIONS_DOC,
          build: () =>
            request(action, logResource(action, region, account), account, {
              "aws:ResourceTag/DataClassification": "phi",
            }),
        });
      }
      // Developer is never assigned to a PHI account (scope non-phi) and cannot assume a role there; a PHI log
      // group would reach it only if something shared it across accounts (a CloudWatch cross-account
      // observability link, which the landing zone does not create). Its own policy must still deny it: the
      // request below is that share, so no account boundary stops it and only the identity policy can.
      for (const phiAccountName of phiAccounts) {
        const phiAccount = model.accountId(phiAccountName);
        for (const action of LOG_DATA_READ_ACTIONS) {
          out.push({
            id: `phi-logs-Developer-${assignment.account}-${phiAccountName}-${short(action)}`,
            group,
            title: `Developer in ${assignment.account} is denied ${action} on ${phiAccountName}'s log groups by its own policy, account boundary aside`,
            expect: "deny",
            doc: LOGS_ACTIONS_DOC,
            // Owned by the PHI account, shared with the developer's account as such a link would share it
            // (modelled as a resource policy admitting that account), so only the developer's own policy decides.
            build: () => ({
              ...request(action, logResource(action, region, phiAccount), phiAccount),
              resourcePolicy: admitsAccount(account, action, logResource(action, region, phiAccount)),
            }),
          });
        }
      }
    }
    if (set === "SecurityResponder") {
      const trailGroup = model.maybeResource("organization-trail", "trail/log-group");
      if (!trailGroup) continue;
      const arn = model.attribute(trailGroup, "arn");
      const owner = model.accountOf(trailGroup);
      for (const action of ["logs:StartQuery", "logs:FilterLogEvents"]) {
        out.push({
          id: `phi-logs-SecurityResponder-${assignment.account}-trail-log-group-${short(action)}`,
          group,
          title: `SecurityResponder in ${assignment.account} cannot query the organization trail's log group in the management account (${action}): nothing shares it`,
          expect: "deny",
          doc: CROSS_ACCOUNT_DOC,
          build: () => request(action, arn, owner),
        });
      }
    }
  }
  // The other half: the key never sees the reader. CloudWatch Logs, as its own service principal, decrypts the
  // events of a PHI account's log group with the environment's PHI data key whoever asked for them.
  for (const env of phiEnvironments) {
    const ref = model.maybeResource("security", `keys/phi-data-${env.name}/key`);
    if (!ref) continue;
    const keyArn = model.attribute(ref, "arn");
    const keyRegion = model.regionOf(ref);
    for (const accountName of env.accounts) {
      const account = model.accountId(accountName);
      out.push({
        id: `phi-logs-service-decrypts-${env.name}-${accountName}`,
        group,
        title: `CloudWatch Logs decrypts ${accountName}'s log events with the ${env.name} PHI data key as itself, so the reader's logs permission is what decides`,
        expect: "allow",
        doc: LOGS_KMS_DOC,
        build: () => ({
          ...fromService(
            `logs.${keyRegion}.amazonaws.com`,
            {},
            {
              "kms:EncryptionContext:aws:logs:arn": logGroupArn(keyRegion, account, WORKLOAD_LOG_GROUP),
            },
          ),
          action: "kms:Decrypt",
          resource: keyArn,
          resourceAccount: model.accountOf(ref),
          resourcePolicy: index.keyPolicy(keyArn),
        }),
      });
    }
  }
  return out;
}
