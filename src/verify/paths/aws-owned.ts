// Who an AWS-owned caller is, and what it may carry (164.312(a)(1) access control: a proof decides with AWS's
// permissions, never invented ones). A path whose caller is a service principal, a service-linked role or a role
// of the landing zone that only an AWS service assumes (lz-backup, the replication role, ...) is evaluated with the
// policies AWS publishes for that identity or exactly the policies the synthesized stacks attach to the role; a
// policy written for the proof would hide a permission AWS does not give, so such a path fails.
import { BACKUP_ROLE_NAME } from "../../policies/backup-policies";
import { awsManaged, isVendoredDocument } from "../managed-policies";
import { PolicyIndex } from "../policy-index";
import { NamedPolicy, SimulatedRequest } from "../simulator";

const SLR_DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html";

/**
 * The service-linked roles our paths name, with the AWS managed policy AWS attaches to each (a service-linked
 * role carries its service's policy and nothing else, SLR_DOC).
 */
export const SERVICE_LINKED_ROLE_POLICIES: Readonly<Record<string, string>> = {
  // https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-service-linked-role.html
  "autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling":
    "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy",
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/using-service-linked-roles-AWSServiceRoleForBackupReports.html
  "reports.backup.amazonaws.com/AWSServiceRoleForBackupReports":
    "arn:aws:iam::aws:policy/aws-service-role/AWSServiceRolePolicyForBackupReports",
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/using-service-linked-roles-AWSServiceRoleForBackup.html
  "backup.amazonaws.com/AWSServiceRoleForBackup":
    "arn:aws:iam::aws:policy/aws-service-role/AWSBackupServiceLinkedRolePolicyForBackup",
};

/** The service-linked role part of a role ARN (service/RoleName), or undefined for another role. */
function serviceLinkedRoleOf(roleArn: string): string | undefined {
  return /:role\/aws-service-role\/(.+)$/.exec(roleArn)?.[1];
}

/** A service-linked role's identity policies: the AWS managed policy AWS attaches to it, vendored. */
export function serviceLinkedRoleIdentity(roleArn: string): NamedPolicy[] {
  const slr = serviceLinkedRoleOf(roleArn);
  const arn = slr && SERVICE_LINKED_ROLE_POLICIES[slr];
  if (!arn)
    throw new Error(`no AWS managed policy is known for the service-linked role ${roleArn} (${SLR_DOC})`);
  return [awsManaged(arn)];
}

/** Whether a landing-zone role is assumed by AWS services only (its trust names no other principal). */
function assumedByServicesOnly(index: PolicyIndex, roleArn: string): boolean {
  let trust;
  try {
    trust = index.trustPolicy(roleArn);
  } catch {
    return false;
  }
  const allows = (trust.Statement as Array<{ Effect: string; Principal?: unknown }>).filter(
    (s) => s.Effect === "Allow",
  );
  return (
    allows.length > 0 &&
    allows.every((s) => {
      const principal = s.Principal as Record<string, unknown> | undefined;
      return principal !== undefined && Object.keys(principal).every((k) => k === "Service");
    })
  );
}

/**
 * Why a request's caller is AWS-owned ("service principal", "service-linked role", "landing-zone role assumed by
 * AWS services"), or undefined for a caller of the organization's people and pipelines.
 */
export function awsOwnedCaller(request: SimulatedRequest, index: PolicyIndex): string | undefined {
  const caller = request.caller;
  if ("service" in caller) return "service principal";
  if (!("roleArn" in caller)) return undefined;
  if (serviceLinkedRoleOf(caller.roleArn)) return "service-linked role";
  if (caller.roleArn.endsWith(`:role/${BACKUP_ROLE_NAME}`) || assumedByServicesOnly(index, caller.roleArn)) {
    return "landing-zone role assumed by AWS services";
  }
  return undefined;
}

/**
 * The identity policies of a request that neither AWS publishes for its AWS-owned caller nor the synthesized
 * stacks attach to it, one line each; empty when the caller is not AWS-owned or carries only those.
 */
export function inventedIdentityPolicies(request: SimulatedRequest, index: PolicyIndex): string[] {
  const kind = awsOwnedCaller(request, index);
  const policies = request.identityPolicies ?? [];
  if (!kind || policies.length === 0) return [];
  const caller = request.caller;
  let allowed: NamedPolicy[] = [];
  if ("roleArn" in caller) {
    allowed = serviceLinkedRoleOf(caller.roleArn)
      ? serviceLinkedRoleIdentity(caller.roleArn)
      : index.roleIdentityPolicies(caller.roleArn);
  }
  // The same object is the same document; only another object is compared by its text (ReadOnlyAccess is 88 KB).
  let texts: Set<string> | undefined;
  const isPublished = (policy: NamedPolicy["policy"]) =>
    allowed.some((p) => p.policy === policy) ||
    (texts ??= new Set(allowed.map((p) => JSON.stringify(p.policy)))).has(JSON.stringify(policy));
  const who = "roleArn" in caller ? caller.roleArn : "service" in caller ? caller.service : "";
  return policies
    .filter((p) => {
      if (!isPublished(p.policy)) return true;
      // A service-linked role's policy must be AWS's vendored document itself.
      return kind === "service-linked role" && !isVendoredDocument(p.policy);
    })
    .map(
      (p) =>
        `${who} (${kind}) carries the identity policy "${p.name}", which AWS does not publish for it and the ` +
        "synthesized stacks do not attach to it",
    );
}
