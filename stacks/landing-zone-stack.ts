// The base for every landing-zone stack: one AWS provider per governed region that assumes the deploy role (for
// plans, the read-only plan role) in the stack's target account, default tags for traceability, and encrypted
// remote state (164.312(a)(2)(iv)).
import { Construct } from "constructs";
import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { AwsProvider, AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { KeyAdministrators, roleArn } from "../src/policies/kms-policies";
import { LandingZoneConfig } from "../src/config/schema";
import { DeploymentTarget } from "../src/config/target";
import { NON_PHI_TAG_VALUE, PHI_TAG } from "../src/policies/data-classification";
import { LANDING_ZONE_TAG, PROFILE_CONTEXT, PROFILE_TAG } from "../src/config/profile";

/**
 * The AWS services the landing zone calls; in local mode each is pointed at the emulator. These are the
 * provider's property names (camelCase as cdktf generates them): cdktf silently drops a key it does not know.
 */
export const LOCAL_ENDPOINT_SERVICES = [
  "accessanalyzer",
  "account",
  "apigateway",
  "backup",
  "cloudtrail",
  "cloudwatch",
  "cloudwatchlogs",
  "configservice",
  "dynamodb",
  "ec2",
  "events",
  "guardduty",
  "iam",
  "identitystore",
  "inspector2",
  "kms",
  "lambda",
  "macie2",
  "oam",
  "organizations",
  "ram",
  "route53Resolver",
  "s3",
  "s3Control",
  "secretsmanager",
  "securityhub",
  "signer",
  "sns",
  "sqs",
  "ssm",
  "ssoadmin",
  "sts",
] as const;

/**
 * Attempts per request against the emulator (the provider passes this to the SDK as its maximum attempts). An
 * unsupported API should fail in seconds, not after minutes of backoff; but the emulator's development server
 * closes connections the SDK may be reusing, so a single attempt makes applies fail at random. Three attempts
 * cover that and still fail within seconds on a real gap.
 */
export const LOCAL_MAX_RETRIES = 3;

/** What every stack is built from: the configuration and where it deploys. */
export interface StackContext {
  /** The validated configuration. */
  readonly config: LandingZoneConfig;
  /** Real AWS or the local emulator. */
  readonly target: DeploymentTarget;
}

export interface LandingZoneStackProps extends StackContext {
  /**
   * The account the stack deploys into; its providers assume the deploy role there.
   * @default - the management account, with the caller's own credentials
   */
  readonly accountId?: string;
  /**
   * The region of the stack's default provider, where resources given no provider are created.
   * @default - the home region
   */
  readonly region?: string;
  /**
   * The environment tag.
   * @default "shared"
   */
  readonly environment?: string;
  /**
   * Whether the stack's resources hold or protect PHI; sets the DataClassification tag.
   * @default false
   */
  readonly holdsPhi?: boolean;
}

/** A stack bound to one account: regional providers, default tags and a backend with one state key per stack. */
export class LandingZoneStack extends TerraformStack {
  /** The validated configuration. */
  readonly config: LandingZoneConfig;
  /** Real AWS or the local emulator. */
  readonly target: DeploymentTarget;
  /** The region of the stack's default provider (props.region, else the home region). */
  readonly region: string;
  /** The account the stack deploys into, when it is a member account (undefined: the management account). */
  readonly targetAccountId?: string;
  private readonly providers = new Map<string, AwsProvider>();
  private admins?: KeyAdministrators;
  private readonly providerConfig: Omit<AwsProviderConfig, "region" | "alias">;

  constructor(scope: Construct, id: string, props: LandingZoneStackProps) {
    super(scope, id);
    const environment = props.environment ?? "shared";
    const holdsPhi = props.holdsPhi ?? false;
    this.config = props.config;
    this.target = props.target;
    this.targetAccountId = props.accountId;
    const org = props.config.organization;
    // Modules read the profile from here (profileOf), before any of them is added.
    this.node.setContext(PROFILE_CONTEXT, org.profile);

    const tags: Record<string, string> = {
      ...org.tags,
      [LANDING_ZONE_TAG]: org.name,
      Environment: environment,
      [PHI_TAG.key]: holdsPhi ? PHI_TAG.value : NON_PHI_TAG_VALUE,
      ManagedBy: "cdktf-landing-zone",
      ...(org.profile === "evaluation" ? { [PROFILE_TAG]: org.profile } : {}),
    };
    // Plans assume the read-only plan role; everything else the deploy role (src/config/target.ts, AwsAccess).
    const memberRole =
      props.target.mode === "aws" && props.target.access === "plan" ? org.roles.plan : org.roles.deploy;
    const assumeRole = props.accountId
      ? [{ roleArn: `arn:aws:iam::${props.accountId}:role/${memberRole}`, sessionName: `lz-${id}` }]
      : undefined;
    this.providerConfig = {
      defaultTags: [{ tags }],
      assumeRole,
      ...(this.target.mode === "local" ? localProviderSettings(this.target.endpoint) : {}),
    };
    this.region = props.region ?? org.homeRegion;
    // The default provider, for every resource given no provider.
    this.providerFor(this.region);

    if (this.target.mode === "local") {
      new LocalBackend(this, { path: `${this.target.stateDir}/${id}.tfstate` });
    } else {
      const backend = new S3Backend(this, {
        bucket: org.state.bucket,
        key: `${org.state.keyPrefix}/${id}.tfstate`,
        region: org.state.region,
        encrypt: true,
        kmsKeyId: org.state.kmsKeyId,
      });
      // Terraform 1.10+ native S3 locking; cdktf 0.21's S3Backend predates the option.
      backend.addOverride("use_lockfile", true);
    }
  }

  /**
   * Who administers KMS keys created in this stack's account: the role that deploys them and the break-glass
   * role, both from the configuration, so every deploy writes the same, reviewed key policy (KMS refuses a policy
   * that locks out its caller, so the deploying role must be one of them). In a member account the deployer is
   * the deploy role; in the management account it is `roles.managementDeploy`, the pipeline's role.
   */
  keyAdministrators(): KeyAdministrators {
    if (this.admins) return this.admins;
    const org = this.config.organization;
    const accountId = this.targetAccountId ?? new DataAwsCallerIdentity(this, "caller").accountId;
    const deployer = this.targetAccountId !== undefined ? org.roles.deploy : org.roles.managementDeploy;
    this.admins = {
      accountId,
      roleArns: [deployer, org.roles.breakGlass].map((roleName) => roleArn({ accountId, roleName })),
    };
    return this.admins;
  }

  /** The provider for the home region. */
  get homeProvider(): AwsProvider {
    return this.providerFor(this.config.organization.homeRegion);
  }

  /**
   * The provider for a region: the default provider for the stack's region (the home region unless props.region
   * names another), an aliased one (alias = region code) for every other region. Created on first use, so a
   * stack only carries the regions it touches.
   */
  providerFor(region: string): AwsProvider {
    const existing = this.providers.get(region);
    if (existing) return existing;
    const isDefault = region === this.region;
    const provider = new AwsProvider(this, isDefault ? "aws" : `aws-${region}`, {
      ...this.providerConfig,
      region,
      alias: isDefault ? undefined : region,
    });
    this.providers.set(region, provider);
    return provider;
  }
}

/** Provider settings for the emulator: its endpoints, its dummy credentials, and few retries. */
export function localProviderSettings(endpoint: string): Partial<AwsProviderConfig> {
  const endpoints: Record<string, string> = {};
  for (const service of LOCAL_ENDPOINT_SERVICES) endpoints[service] = endpoint;
  return {
    // The emulator's fixed test credentials; they grant nothing anywhere else.
    accessKey: "test",
    secretKey: "test",
    skipCredentialsValidation: true,
    skipMetadataApiCheck: "true",
    skipRegionValidation: true,
    s3UsePathStyle: true,
    maxRetries: LOCAL_MAX_RETRIES,
    endpoints: [endpoints],
  };
}
