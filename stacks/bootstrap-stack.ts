// `make bootstrap`'s stack in the management account: the Terraform state bucket and its KMS key (164.312(a)(2)(iv)
// encryption, (c)(1) integrity: versioned state), and the GitHub OIDC provider with the pipeline's deploy and
// read-only plan roles (164.312(a)(1), (d): the pipeline authenticates without long-lived keys). It keeps no
// state of its own: each run imports what exists (src/deploy/bootstrap-probe.ts) and applies from a scratch
// directory, so nothing is left on a laptop.
import { Construct } from "constructs";
import { LocalBackend, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { RolePermissions } from "../modules/role-permissions";
import { SecureBucket } from "../modules/secure-bucket";
import { LandingZoneConfig } from "../src/config/schema";
import { DeploymentTarget } from "../src/config/target";
import { landingZonePolicyArn, renderPolicy } from "../src/policies/policy-document";
import {
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_URL,
  GitHubSubjects,
  PipelineRoleDocuments,
  pipelineRoleDocuments,
  PLAN_ROLE_STATE_POLICY,
  StateAccess,
  stateBucketStatements,
  stateKeyPolicy,
} from "../src/policies/pipeline-policies";
import { localProviderSettings } from "./landing-zone-stack";

/** The stack's ID and its directory in the scratch synth output. */
export const BOOTSTRAP_STACK_ID = "bootstrap";

/** What already exists in the account, as src/deploy/bootstrap-probe.ts found it; each is imported, not created. */
export interface ExistingBootstrapResources {
  /** The state bucket exists in this account (its versioning, encryption, public access block and policy too). */
  readonly bucket?: boolean;
  /** The bucket has ownership controls. */
  readonly bucketOwnership?: boolean;
  /** The bucket has a lifecycle configuration. */
  readonly bucketLifecycle?: boolean;
  /** The ID of the key the state alias points at. */
  readonly keyId?: string;
  /** The GitHub OIDC provider's ARN. */
  readonly oidcProviderArn?: string;
  /** The deploy role exists. */
  readonly deployRole?: boolean;
  /** AdministratorAccess is attached to it. */
  readonly deployRolePolicy?: boolean;
  /** The plan role exists. */
  readonly planRole?: boolean;
  /** ReadOnlyAccess is attached to it. */
  readonly planRoleManagedPolicy?: boolean;
  /** Its state-read customer managed policy exists. */
  readonly planRoleStatePolicy?: boolean;
  /** That policy is attached to it. */
  readonly planRoleStateAttachment?: boolean;
}

export interface BootstrapStackProps {
  /** The validated configuration: `state:`, `roles:` and `pipeline.github`. */
  readonly config: LandingZoneConfig;
  /** Real AWS or the emulator. */
  readonly target: DeploymentTarget;
  /** The management account's ID (the caller's). */
  readonly accountId: string;
  /** Where this run's throw-away state file goes. */
  readonly stateFile: string;
  /**
   * The OIDC subjects the deploy and plan roles trust.
   * @default - no OIDC provider and no pipeline roles (pipeline.github is not configured)
   */
  readonly subjects?: GitHubSubjects;
  /**
   * What exists already and is imported.
   * @default - nothing: everything is created
   */
  readonly existing?: ExistingBootstrapResources;
}

/** The state backend and the pipeline's way in. Everything here is protected from destroy. */
export class BootstrapStack extends TerraformStack {
  /** The state bucket. */
  readonly bucket: SecureBucket;
  /** The state key. */
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    const org = props.config.organization;
    const state = org.state;
    const existing = props.existing ?? {};
    new LocalBackend(this, { path: props.stateFile });
    new AwsProvider(this, "aws", {
      region: state.region,
      defaultTags: [{ tags: { ...org.tags, LandingZone: org.name, ManagedBy: "cdktf-landing-zone" } }],
      ...(props.target.mode === "local" ? localProviderSettings(props.target.endpoint) : {}),
    });
    const access: StateAccess = {
      accountId: props.accountId,
      deployRole: org.roles.managementDeploy,
      planRole: org.roles.managementPlan,
      breakGlassRole: org.roles.breakGlass,
      region: state.region,
    };

    this.key = new KmsKey(this, "state-key", {
      description: `Landing zone ${org.name}: Terraform state`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: renderPolicy(stateKeyPolicy(access)),
      lifecycle: { preventDestroy: true },
    });
    const alias = new KmsAlias(this, "state-key-alias", {
      name: state.kmsKeyId,
      targetKeyId: this.key.keyId,
    });
    if (existing.keyId !== undefined) {
      this.key.importFrom(existing.keyId);
      alias.importFrom(state.kmsKeyId);
    }

    this.bucket = new SecureBucket(this, "state-bucket", {
      bucketName: state.bucket,
      kmsKeyArn: this.key.arn,
      policyStatements: (bucketArn) => stateBucketStatements(bucketArn, access),
    });
    if (existing.bucket) {
      // Versioning, encryption, the public access block and the policy exist on any bucket the probe accepted.
      for (const child of ["bucket", "versioning", "encryption", "public-access-block", "policy"]) {
        importChild(this.bucket, child, state.bucket);
      }
      if (existing.bucketOwnership) importChild(this.bucket, "ownership", state.bucket);
      if (existing.bucketLifecycle) importChild(this.bucket, "lifecycle", state.bucket);
    }

    new TerraformOutput(this, "state_bucket", { value: this.bucket.bucketName });
    new TerraformOutput(this, "state_key_arn", { value: this.key.arn });
    if (props.subjects) this.pipelineRoles(props, access, this.key.arn, existing);
  }

  /** The OIDC provider and the two roles GitHub Actions assumes. */
  private pipelineRoles(
    props: BootstrapStackProps,
    access: StateAccess,
    keyArn: string,
    existing: ExistingBootstrapResources,
  ): void {
    const subjects = props.subjects!;
    const org = props.config.organization;
    const provider = new IamOpenidConnectProvider(this, "github-oidc", {
      url: GITHUB_OIDC_URL,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
      // No thumbprint: IAM trusts GitHub's certificate through its own root CAs since 2023, and the provider
      // (5.81+) no longer requires the list.
      lifecycle: { preventDestroy: true },
    });
    if (existing.oidcProviderArn) provider.importFrom(existing.oidcProviderArn);

    const documents = pipelineRoleDocuments(
      provider.arn,
      subjects,
      { bucketArn: this.bucket.arn, keyArn },
      org.roles.plan,
    );
    const deploy = this.pipelineRole("deploy-role", "deploy-role-admin", {
      name: access.deployRole,
      description: "GitHub Actions release jobs (protected environments only): deploys the landing zone",
      documents: documents.deploy,
      roleExists: existing.deployRole,
      attachmentExists: existing.deployRolePolicy,
    });
    const plan = this.pipelineRole("plan-role", "plan-role-read-only", {
      name: access.planRole,
      description: "GitHub Actions pull requests and drift runs: plans the landing zone, changes nothing",
      documents: documents.plan,
      roleExists: existing.planRole,
      attachmentExists: existing.planRoleManagedPolicy,
    });
    const planState = new RolePermissions(this, "plan-role-state", {
      roleName: plan.name,
      policyName: PLAN_ROLE_STATE_POLICY,
      description:
        "The plan role reads the landing zone's state and assumes the member accounts' read-only plan role",
      document: documents.plan.own!,
    });
    const planStateArn = landingZonePolicyArn(props.accountId, PLAN_ROLE_STATE_POLICY);
    if (existing.planRoleStatePolicy) planState.policy.importFrom(planStateArn);
    if (existing.planRoleStateAttachment)
      planState.attachment.importFrom(`${access.planRole}/${planStateArn}`);

    new TerraformOutput(this, "deploy_role_arn", { value: deploy.arn });
    new TerraformOutput(this, "plan_role_arn", { value: plan.arn });
  }

  /** One pipeline role with its AWS managed policy, each imported when it exists. */
  private pipelineRole(
    id: string,
    attachmentId: string,
    spec: {
      readonly name: string;
      readonly description: string;
      readonly documents: PipelineRoleDocuments;
      readonly roleExists?: boolean;
      readonly attachmentExists?: boolean;
    },
  ): IamRole {
    const role = new IamRole(this, id, {
      name: spec.name,
      description: spec.description,
      assumeRolePolicy: renderPolicy(spec.documents.trust),
      lifecycle: { preventDestroy: true },
    });
    const attachment = new IamRolePolicyAttachment(this, attachmentId, {
      role: role.name,
      policyArn: spec.documents.managedPolicyArn,
    });
    if (spec.roleExists) role.importFrom(spec.name);
    if (spec.attachmentExists) attachment.importFrom(`${spec.name}/${spec.documents.managedPolicyArn}`);
    return role;
  }
}

/** Imports one resource of a construct by its construct ID. */
function importChild(parent: Construct, id: string, importId: string): void {
  (parent.node.findChild(id) as TerraformResource).importFrom(importId);
}
