// The serverless-api blueprint's secret rotation function: Secrets Manager calls it in four steps to replace the
// workload's secret with a new random value (164.312(d) authentication, 164.308(a)(5)(ii)(D) password management).
// It follows AWS's rotation steps (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html)
// and logs the step and version ID only, never a value. Bundled at synth (modules/workload/function-code.ts).
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";

/** What Secrets Manager sends for each step of one rotation. */
export interface RotationEvent {
  readonly SecretId: string;
  /** The new version's ID, the same in all four steps. */
  readonly ClientRequestToken: string;
  readonly Step: string;
}

/** The length of a generated value: 64 characters of letters and digits, about 380 bits. */
export const VALUE_LENGTH = 64;

const CURRENT = "AWSCURRENT";
const PENDING = "AWSPENDING";

/** The client the steps call: Secrets Manager's, or a fake in tests. */
export type RotationClient = Pick<SecretsManagerClient, "send">;

/** One line of the function's log: the step, the version, what happened; never the value. */
function log(step: string, token: string, outcome: string): void {
  console.log(JSON.stringify({ step, versionId: token, outcome }));
}

/**
 * createSecret: puts a new random value under AWSPENDING with the rotation's version ID, unless an earlier attempt
 * of this rotation already did (Secrets Manager retries a step that failed).
 */
async function createSecret(client: RotationClient, event: RotationEvent): Promise<string> {
  try {
    await client.send(
      new GetSecretValueCommand({
        SecretId: event.SecretId,
        VersionId: event.ClientRequestToken,
        VersionStage: PENDING,
      }),
    );
    return "pending value already put";
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const random = await client.send(
    new GetRandomPasswordCommand({
      PasswordLength: VALUE_LENGTH,
      ExcludePunctuation: true,
      IncludeSpace: false,
    }),
  );
  if (!random.RandomPassword) throw new Error("GetRandomPassword returned no value");
  await client.send(
    new PutSecretValueCommand({
      SecretId: event.SecretId,
      ClientRequestToken: event.ClientRequestToken,
      SecretString: random.RandomPassword,
      VersionStages: [PENDING],
    }),
  );
  return "pending value put";
}

/** testSecret: the pending value is there and of the generated shape; a value nobody can use never goes current. */
async function testSecret(client: RotationClient, event: RotationEvent): Promise<string> {
  const pending = await client.send(
    new GetSecretValueCommand({
      SecretId: event.SecretId,
      VersionId: event.ClientRequestToken,
      VersionStage: PENDING,
    }),
  );
  const value = pending.SecretString ?? "";
  if (!new RegExp(`^[A-Za-z0-9]{${VALUE_LENGTH}}$`).test(value))
    throw new Error(`the pending version is not ${VALUE_LENGTH} letters and digits`);
  return "pending value tested";
}

/** finishSecret: moves AWSCURRENT to the new version (from the old one, if the secret had one). */
async function finishSecret(
  client: RotationClient,
  event: RotationEvent,
  stages: Record<string, string[]>,
): Promise<string> {
  const current = Object.keys(stages).find((version) => stages[version].includes(CURRENT));
  if (current === event.ClientRequestToken) return "already current";
  await client.send(
    new UpdateSecretVersionStageCommand({
      SecretId: event.SecretId,
      VersionStage: CURRENT,
      MoveToVersionId: event.ClientRequestToken,
      RemoveFromVersionId: current,
    }),
  );
  return "new version current";
}

/**
 * Runs one step. The secret's own value is the credential (for example a key the workload signs or pseudonymizes
 * with), so setSecret has nothing to update; a team whose secret is another system's password sets it there in
 * setSecret before testSecret tries it (docs/workloads.md).
 */
export async function rotate(event: RotationEvent, client: RotationClient): Promise<void> {
  const token = event.ClientRequestToken;
  const described = await client.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
  if (described.RotationEnabled === false) throw new Error("rotation is not enabled on the secret");
  const stages = described.VersionIdsToStages ?? {};
  if (!(token in stages)) throw new Error(`version ${token} is not a version of the secret`);
  if (stages[token].includes(CURRENT)) return log(event.Step, token, "already current");
  if (!stages[token].includes(PENDING)) throw new Error(`version ${token} is not pending`);
  switch (event.Step) {
    case "createSecret":
      return log(event.Step, token, await createSecret(client, event));
    case "setSecret":
      return log(event.Step, token, "nothing to set: the secret is the workload's own");
    case "testSecret":
      return log(event.Step, token, await testSecret(client, event));
    case "finishSecret":
      return log(event.Step, token, await finishSecret(client, event, stages));
    default:
      throw new Error(`unknown step ${JSON.stringify(event.Step)}`);
  }
}

const client = new SecretsManagerClient({});

/** Lambda's entry point. */
export async function handler(event: RotationEvent): Promise<void> {
  await rotate(event, client);
}
