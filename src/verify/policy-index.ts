// Every policy layer of the synthesized landing zone, looked up by what a request names: the bucket, key, topic
// or role it targets, the SCPs on an account's OU path, a VPC endpoint's policy, a permission set's policies.
// The access proofs (164.312(a)(1) access control) evaluate requests against exactly these documents.
import { awsManaged, isAwsManagedArn } from "./managed-policies";
import { NamedPolicy, OrgLevel, PolicyDoc } from "./simulator";
import { PLACEHOLDER_ROOT_ID, ResourceRef, SynthesizedLandingZone } from "./synthesized";

/** A permission set's policies as Identity Center provisions them into each account. */
export interface PermissionSetPolicies {
  readonly identityPolicies: NamedPolicy[];
  readonly permissionBoundaries?: NamedPolicy[];
}

/** Policy lookups over one synthesized landing zone. */
export class PolicyIndex {
  // Policies are parsed when a path asks for them, so one that cannot be resolved fails only the paths using it.
  private readonly bucketPolicies = new Map<string, () => PolicyDoc>();
  private readonly keyPolicies = new Map<string, () => PolicyDoc>();
  private readonly topicPolicies = new Map<string, () => PolicyDoc>();
  private readonly roles = new Map<string, { trust: PolicyDoc; inline: () => NamedPolicy[] }>();
  private readonly roleRefs = new Map<string, ResourceRef>();
  private readonly parents = new Map<string, string>();
  private readonly attachments = new Map<string, NamedPolicy[]>();
  private readonly rcpAttachments = new Map<string, NamedPolicy[]>();
  private readonly permissionSets = new Map<string, PermissionSetPolicies>();
  private roleAttachments: Map<string, ResourceRef[]> | undefined;

  constructor(readonly model: SynthesizedLandingZone) {
    for (const ref of model.resources("aws_s3_bucket_policy")) {
      this.bucketPolicies.set(String(model.argument(ref, "bucket")), () =>
        model.policyArgument(ref, "policy"),
      );
    }
    for (const ref of model.resources("aws_kms_key")) {
      this.keyPolicies.set(
        model.attribute(ref, "arn"),
        once(() => model.policyArgument(ref, "policy")),
      );
    }
    for (const ref of model.resources("aws_sns_topic_policy")) {
      this.topicPolicies.set(
        String(model.argument(ref, "arn")),
        once(() => model.policyArgument(ref, "policy")),
      );
    }
    for (const ref of model.resources("aws_iam_role")) {
      this.roleRefs.set(model.attribute(ref, "arn"), ref);
      this.roles.set(model.attribute(ref, "arn"), {
        trust: model.policyArgument(ref, "assume_role_policy"),
        inline: once(() => model.rolePolicies(ref)),
      });
    }
    this.indexOrganization();
  }

  /** The bucket policy of a bucket, by name. */
  bucketPolicy(bucketName: string): PolicyDoc {
    return this.required(this.bucketPolicies.get(bucketName), `a bucket policy for ${bucketName}`)();
  }

  /** The key policy of a key, by ARN. */
  keyPolicy(keyArn: string): PolicyDoc {
    return this.required(this.keyPolicies.get(keyArn), `a key policy for ${keyArn}`)();
  }

  /** The topic policy of a topic, by ARN. */
  topicPolicy(topicArn: string): PolicyDoc {
    return this.required(this.topicPolicies.get(topicArn), `a topic policy for ${topicArn}`)();
  }

  /** A role's trust policy (the resource policy of sts:AssumeRole). */
  trustPolicy(roleArn: string): PolicyDoc {
    return this.required(this.roles.get(roleArn), `a role ${roleArn}`).trust;
  }

  /** A role's own policies: inline and customer managed. */
  rolePolicies(roleArn: string): NamedPolicy[] {
    return this.required(this.roles.get(roleArn), `a role ${roleArn}`).inline();
  }

  /**
   * Every identity policy a role of the synthesized stacks carries: its inline and customer managed policies, and
   * each AWS managed policy attached to it, as AWS publishes it (vendored; a policy not vendored throws, naming
   * it). What a landing-zone role such as lz-backup may do is exactly this, never a policy written for a proof.
   */
  roleIdentityPolicies(roleArn: string): NamedPolicy[] {
    const own = this.rolePolicies(roleArn);
    const role = this.roleRefs.get(roleArn);
    if (!role) return own;
    const model = this.model;
    const name = model.attribute(role, "name");
    const managed = (this.attachmentsByAccount().get(model.accountOf(role)) ?? [])
      .filter((ref) => model.argument(ref, "role") === name)
      .map((ref) => String(model.argument(ref, "policy_arn")))
      .filter(isAwsManagedArn)
      .map(awsManaged);
    return [...managed, ...own];
  }

  /** The role policy attachments of the stacks by account (grouped once: every AWS-owned caller's path asks). */
  private attachmentsByAccount(): Map<string, ResourceRef[]> {
    if (!this.roleAttachments) {
      const byAccount = new Map<string, ResourceRef[]>();
      for (const ref of this.model.resources("aws_iam_role_policy_attachment")) {
        const account = this.model.accountOf(ref);
        byAccount.set(account, [...(byAccount.get(account) ?? []), ref]);
      }
      this.roleAttachments = byAccount;
    }
    return this.roleAttachments;
  }

  /** The SCP levels that apply to an account: Root, each OU down to the account's, then the account. */
  scpLevels(accountId: string): OrgLevel[] {
    return this.levels(accountId, this.attachments);
  }

  /**
   * The RCP levels that apply to the resources of an account, Root first. None for the management account: RCPs
   * do not affect its resources (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).
   */
  rcpLevels(accountId: string): OrgLevel[] {
    return this.levels(accountId, this.rcpAttachments);
  }

  private levels(accountId: string, attachments: Map<string, NamedPolicy[]>): OrgLevel[] {
    const chain: string[] = [];
    let node: string | undefined = accountId;
    while (node !== undefined) {
      chain.unshift(node);
      node = this.parents.get(node);
    }
    if (chain[0] !== PLACEHOLDER_ROOT_ID) {
      // The management account is governed by neither SCPs nor RCPs (AWS: they affect member accounts only).
      return [];
    }
    return chain.map((id) => ({ id, policies: attachments.get(id) ?? [] }));
  }

  /** The endpoint policy of a VPC endpoint in a network stack, by service (kms, s3, ecr.api, ...). */
  endpointPolicy(networkStack: string, service: string): NamedPolicy {
    const ref = this.model
      .resources("aws_vpc_endpoint", networkStack)
      .find((r) => String(this.model.argument(r, "service_name")).endsWith(`.${service}`));
    if (!ref) throw new Error(`${networkStack} has no ${service} endpoint`);
    return { name: `${networkStack} ${service} endpoint`, policy: this.model.policyArgument(ref, "policy") };
  }

  /** A permission set's policies: AWS managed (AWS's published documents) and inline. */
  permissionSet(name: string): PermissionSetPolicies {
    let policies = this.permissionSets.get(name);
    if (!policies) {
      policies = this.readPermissionSet(name);
      this.permissionSets.set(name, policies);
    }
    return policies;
  }

  private readPermissionSet(name: string): PermissionSetPolicies {
    const model = this.model;
    const set = model
      .resources("aws_ssoadmin_permission_set")
      .find((r) => model.argument(r, "name") === name) as ResourceRef | undefined;
    if (!set) throw new Error(`no permission set ${name} in the synthesized identity-center stack`);
    const setArn = model.attribute(set, "arn");
    const ofSet = (type: string) =>
      model.resources(type, set.stack).filter((r) => model.argument(r, "permission_set_arn") === setArn);
    const identityPolicies: NamedPolicy[] = [];
    for (const ref of ofSet("aws_ssoadmin_managed_policy_attachment")) {
      identityPolicies.push(awsManaged(String(model.argument(ref, "managed_policy_arn"))));
    }
    for (const ref of ofSet("aws_ssoadmin_permission_set_inline_policy")) {
      identityPolicies.push({ name: `${name} inline`, policy: model.policyArgument(ref, "inline_policy") });
    }
    const refs = [
      ...ofSet("aws_ssoadmin_customer_managed_policy_attachment"),
      ...ofSet("aws_ssoadmin_permissions_boundary_attachment"),
    ];
    if (refs.length > 0) {
      // Customer-managed policies live in the target accounts, outside this repository's synthesized stacks.
      throw new Error(`permission set ${name} names customer-managed policies, which verify cannot read`);
    }
    return { identityPolicies };
  }

  private indexOrganization(): void {
    const model = this.model;
    for (const type of ["aws_organizations_organizational_unit", "aws_organizations_account"]) {
      for (const ref of model.resources(type)) {
        const id = model.attribute(ref, "id");
        this.parents.set(id, String(model.argument(ref, "parent_id")));
      }
    }
    const policies = new Map<string, { named: NamedPolicy; into: Map<string, NamedPolicy[]> }>();
    const byType: Record<string, Map<string, NamedPolicy[]>> = {
      SERVICE_CONTROL_POLICY: this.attachments,
      RESOURCE_CONTROL_POLICY: this.rcpAttachments,
    };
    for (const ref of model.resources("aws_organizations_policy")) {
      const into = byType[(ref.body.type as string | undefined) ?? "SERVICE_CONTROL_POLICY"];
      if (!into) continue;
      policies.set(model.attribute(ref, "id"), {
        named: { name: String(model.argument(ref, "name")), policy: model.policyArgument(ref, "content") },
        into,
      });
    }
    for (const ref of model.resources("aws_organizations_policy_attachment")) {
      const policy = policies.get(String(model.argument(ref, "policy_id")));
      if (!policy) continue;
      const target = String(model.argument(ref, "target_id"));
      policy.into.set(target, [...(policy.into.get(target) ?? []), policy.named]);
    }
  }

  private required<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`the synthesized landing zone has no ${what}`);
    return value;
  }
}

/** A thunk that computes once and then returns the same value (a parse error is thrown each time). */
function once<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}
