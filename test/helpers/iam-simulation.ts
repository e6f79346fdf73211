// Evaluates a permission set's policies together with the SCPs on an account's OU path, with the
// @cloud-copilot/iam-simulate policy simulator, so tests can state which requests are allowed and denied. AWS
// managed policies are their published documents.
import { spawnSync } from "child_process";
import { decide } from "../../src/verify/simulator";
import { AWS_MANAGED, PermissionSetDefinition } from "../../src/policies/permission-sets";
import { PolicyDocument } from "../../src/policies/policy-document";
import { emulatorPython } from "../../src/deploy/toolchain";

type Document = { readonly Version: string; readonly Statement: readonly unknown[] };

/**
 * The AWS managed policies the catalogue attaches, as published by AWS. moto 5.2.1 (the system's, or .lz/venv's:
 * emulatorPython) carries a snapshot of every AWS managed policy document (moto/iam/aws_managed_policies.py), so
 * the simulation runs on the real documents without network access.
 */
export function awsManagedPolicies(arns: readonly string[]): Record<string, Document> {
  const script = [
    "import json, sys",
    "from moto.iam.aws_managed_policies import aws_managed_policies_data",
    "data = json.loads(aws_managed_policies_data)",
    "out = {}",
    "for arn in sys.argv[1:]:",
    "    name = arn.split('/')[-1]",
    "    policy = data[name]",
    "    assert arn == 'arn:aws:iam::aws:policy' + policy.get('Path', '/') + name, arn",
    "    out[arn] = policy['Document']",
    "print(json.dumps(out))",
  ].join("\n");
  const result = spawnSync(emulatorPython(), ["-c", script, ...arns], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`reading AWS managed policies from moto failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, Document>;
}

/** Every AWS managed policy the catalogue attaches, by ARN. */
export function managedPolicyModels(): Record<string, Document> {
  return awsManagedPolicies(Object.values(AWS_MANAGED));
}

/** The SCPs in force for an account: one level per OU from the root down, then the account itself. */
export interface OrgLevel {
  /** Root, an OU path, or the account. */
  readonly id: string;
  /** The policies attached at that level (FullAWSAccess is added). */
  readonly policies: ReadonlyArray<{ name: string; document: PolicyDocument }>;
}

/** One request to evaluate. */
export interface SimulatedRequest {
  /** The permission set, or any role's policies. */
  readonly identity: { name: string; roleName: string; policies: Document[] };
  /** The account the principal is in (and, unless `resourceAccount` says otherwise, the resource). */
  readonly accountId: string;
  /** The action, e.g. kms:Decrypt. */
  readonly action: string;
  /** The resource ARN. */
  readonly resource: string;
  /** The resource's account. @default accountId */
  readonly resourceAccount?: string;
  /** The region the request is made in. @default us-east-1 */
  readonly region?: string;
  /** The resource's policy (a KMS key policy is always needed: KMS trusts IAM only through it). */
  readonly resourcePolicy?: Document;
  /** Extra request context, e.g. aws:ResourceTag/DataClassification. */
  readonly context?: Record<string, string>;
  /** The SCP levels for the principal's account. */
  readonly scps: readonly OrgLevel[];
}

/** The key policy statement every landing-zone key has: the account's IAM policies decide who uses it. */
export function keyPolicyDelegatingToIam(accountId: string): Document {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}

/** The role Identity Center creates for a permission set in each account. */
export function ssoRoleName(set: string): string {
  return `AWSReservedSSO_${set}_0123456789abcdef`;
}

/** A permission set's identity policies: managed (from the models), then inline. */
export function identityPoliciesOf(
  set: PermissionSetDefinition,
  models: Record<string, Document>,
): Document[] {
  return [
    ...set.managedPolicyArns.map((arn) => {
      const model = models[arn];
      if (!model) throw new Error(`no model of managed policy ${arn}`);
      return model;
    }),
    ...(set.inlinePolicy ? [set.inlinePolicy as unknown as Document] : []),
  ];
}

/** Evaluates one request: "Allowed", "ExplicitlyDenied" or "ImplicitlyDenied". */
export async function evaluate(request: SimulatedRequest): Promise<string> {
  const isSso = request.identity.roleName.startsWith("AWSReservedSSO_");
  const rolePath = isSso ? "aws-reserved/sso.amazonaws.com/" : "";
  const principalArn = `arn:aws:iam::${request.accountId}:role/${rolePath}${request.identity.roleName}`;
  const outcome = await decide({
    caller: { roleArn: principalArn },
    action: request.action,
    resource: request.resource,
    resourceAccount: request.resourceAccount ?? request.accountId,
    context: {
      "aws:PrincipalArn": principalArn,
      "aws:RequestedRegion": request.region ?? "us-east-1",
      "aws:PrincipalAccount": request.accountId,
      ...request.context,
    },
    identityPolicies: request.identity.policies.map((policy, i) => ({
      name: `${request.identity.name}-${i}`,
      policy,
    })),
    scps: request.scps.map((level) => ({
      id: level.id,
      policies: level.policies.map((p) => ({ name: p.name, policy: p.document })),
    })),
    resourcePolicy: request.resourcePolicy,
  });
  return outcome.decision;
}
