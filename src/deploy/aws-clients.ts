// AWS SDK client settings for the tools that read or prepare an account before Terraform runs (make bootstrap,
// make preflight, make adopt): the caller's own credentials on AWS, the emulator's endpoint and test credentials
// locally. Nothing here writes; the tools decide what to call.
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import {
  DescribeOrganizationCommand,
  Organization,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { LandingZoneError } from "../config/errors";
import { DeploymentTarget } from "../config/target";

// The SDK warns on Node 20 that versions published after January 2027 will need Node 22; the lock file pins
// versions that support Node 20 (the machines' version), so the warning says nothing about what runs here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** What every SDK client constructor accepts that this module sets. */
export interface ClientSettings {
  /** The region to call. */
  readonly region: string;
  /** The emulator's URL in local mode. */
  readonly endpoint?: string;
  /** Explicit credentials: the emulator's, or an assumed role's. */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** S3 path-style addressing, which the emulator needs. */
  readonly forcePathStyle?: boolean;
  /** Attempts per request. */
  readonly maxAttempts?: number;
}

/** AWS Organizations is a global service answered in us-east-1; so are its Service Quotas. */
export const ORGANIZATIONS_REGION = "us-east-1";

/** The caller's organization, or undefined when its account is in none. */
export async function describeOrganization(orgs: OrganizationsClient): Promise<Organization | undefined> {
  const described = await unlessAbsent(
    () => orgs.send(new DescribeOrganizationCommand({})),
    "AWSOrganizationsNotInUseException",
  );
  return described?.Organization;
}

/** Client settings for `region` on `target`. */
export function clientSettings(target: DeploymentTarget, region: string): ClientSettings {
  if (target.mode === "aws") return { region };
  return {
    region,
    endpoint: target.endpoint,
    // The emulator's fixed test credentials; they grant nothing anywhere else.
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    forcePathStyle: true,
    maxAttempts: 3,
  };
}

/** The same settings in another region. */
export function inRegion(settings: ClientSettings, region: string): ClientSettings {
  return { ...settings, region };
}

/** The caller's account ID and ARN. */
export async function callerIdentity(settings: ClientSettings): Promise<{ account: string; arn: string }> {
  const identity = await new STSClient(settings).send(new GetCallerIdentityCommand({}));
  return { account: identity.Account!, arn: identity.Arn! };
}

/** Settings that act as `roleArn` (one hour, the session named after the tool). */
export async function assumedSettings(
  settings: ClientSettings,
  roleArn: string,
  sessionName: string,
): Promise<ClientSettings> {
  const { Credentials } = await new STSClient(settings).send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }),
  );
  return {
    ...settings,
    credentials: {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    },
  };
}

/** The error's name when it is one of `names` (an SDK service exception), else undefined. */
export function errorNamed(error: unknown, ...names: string[]): string | undefined {
  const name = (error as { name?: string } | undefined)?.name;
  return name !== undefined && names.includes(name) ? name : undefined;
}

/** Runs `call`; answers undefined when it fails with one of `absent` (the thing does not exist). */
export async function unlessAbsent<T>(call: () => Promise<T>, ...absent: string[]): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (errorNamed(error, ...absent)) return undefined;
    throw error;
  }
}

/**
 * Runs a tool's AWS calls so that AWS's own refusals (no credentials, access denied, throttling) reach the
 * operator as a plain message naming what was being done, not as a stack trace: they are the caller's to fix.
 */
export async function withAwsErrors<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const sdk = error as { name?: string; message?: string; $metadata?: unknown };
    const fromAws = sdk.$metadata !== undefined || /Credential|Token|Endpoint/.test(sdk.name ?? "");
    if (!fromAws) throw error;
    throw new LandingZoneError(
      `${what}: AWS answered ${sdk.name}: ${sdk.message}\n` +
        "Check that the credentials in the environment are the management account's (aws sts get-caller-identity) " +
        "and allow this call.",
    );
  }
}

/** Every item of a paginated AWS list: `pages` is an SDK paginator, `items` picks a page's list. */
export async function collect<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}
