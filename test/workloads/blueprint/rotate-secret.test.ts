// The blueprint's rotation function with a fake Secrets Manager: the four steps AWS runs, in order, on a secret that
// has no value yet and on one that has; a retried step does nothing twice; refusals for a version that is not
// pending; no value in a log line. Proves the code; that Secrets Manager runs it on a schedule is not provable here
// (the emulator runs no function) and is checked on AWS only.
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import {
  rotate,
  RotationClient,
  RotationEvent,
  VALUE_LENGTH,
} from "../../../workloads/blueprint/rotate-secret";

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:workload/dev-patient-intake-AbCdEf";
const NEW = "11111111-1111-4111-8111-111111111111";
const OLD = "22222222-2222-4222-8222-222222222222";
const RANDOM = "A".repeat(VALUE_LENGTH - 1) + "9";

/** A fake Secrets Manager holding versions with their labels and values; records every command it is sent. */
function fakeSecret(stages: Record<string, string[]>, values: Record<string, string> = {}) {
  const sent: unknown[] = [];
  const client: RotationClient = {
    send: jest.fn(async (command: unknown) => {
      sent.push(command);
      if (command instanceof DescribeSecretCommand)
        return { RotationEnabled: true, VersionIdsToStages: stages };
      if (command instanceof GetSecretValueCommand) {
        const { VersionId } = command.input;
        if (VersionId === undefined || !(VersionId in values))
          throw new ResourceNotFoundException({ message: "no such version", $metadata: {} });
        return { SecretString: values[VersionId] };
      }
      if (command instanceof GetRandomPasswordCommand) return { RandomPassword: RANDOM };
      if (command instanceof PutSecretValueCommand) {
        values[String(command.input.ClientRequestToken)] = String(command.input.SecretString);
        return {};
      }
      if (command instanceof UpdateSecretVersionStageCommand) return {};
      throw new Error(`unexpected command ${String(command)}`);
    }),
  } as unknown as RotationClient;
  return { client, sent, values };
}

const step = (Step: string): RotationEvent => ({ SecretId: SECRET, ClientRequestToken: NEW, Step });

describe("the blueprint's rotation function", () => {
  let logged: string[];
  beforeEach(() => {
    logged = [];
    jest.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
  });
  afterEach(() => jest.restoreAllMocks());

  it("gives a secret with no value its first one: create puts a random pending value, finish makes it current", async () => {
    const { client, sent, values } = fakeSecret({ [NEW]: ["AWSPENDING"] });
    await rotate(step("createSecret"), client);
    await rotate(step("setSecret"), client);
    await rotate(step("testSecret"), client);
    await rotate(step("finishSecret"), client);
    const random = sent.find((c) => c instanceof GetRandomPasswordCommand) as GetRandomPasswordCommand;
    expect(random.input).toEqual({
      PasswordLength: VALUE_LENGTH,
      ExcludePunctuation: true,
      IncludeSpace: false,
    });
    const put = sent.find((c) => c instanceof PutSecretValueCommand) as PutSecretValueCommand;
    expect(put.input).toEqual({
      SecretId: SECRET,
      ClientRequestToken: NEW,
      SecretString: RANDOM,
      VersionStages: ["AWSPENDING"],
    });
    expect(values[NEW]).toBe(RANDOM);
    const finish = sent.find(
      (c) => c instanceof UpdateSecretVersionStageCommand,
    ) as UpdateSecretVersionStageCommand;
    expect(finish.input).toEqual({
      SecretId: SECRET,
      VersionStage: "AWSCURRENT",
      MoveToVersionId: NEW,
      RemoveFromVersionId: undefined,
    });
    expect(logged.map((line) => JSON.parse(line).outcome)).toEqual([
      "pending value put",
      "nothing to set: the secret is the workload's own",
      "pending value tested",
      "new version current",
    ]);
    expect(logged.join("\n")).not.toContain(RANDOM);
  });

  it("moves AWSCURRENT from the old version to the new one", async () => {
    const { client, sent } = fakeSecret({ [OLD]: ["AWSCURRENT"], [NEW]: ["AWSPENDING"] }, { [NEW]: RANDOM });
    await rotate(step("finishSecret"), client);
    const finish = sent.find(
      (c) => c instanceof UpdateSecretVersionStageCommand,
    ) as UpdateSecretVersionStageCommand;
    expect(finish.input.RemoveFromVersionId).toBe(OLD);
    expect(finish.input.MoveToVersionId).toBe(NEW);
  });

  it("puts nothing twice when Secrets Manager retries createSecret", async () => {
    const { client, sent } = fakeSecret({ [NEW]: ["AWSPENDING"] }, { [NEW]: RANDOM });
    await rotate(step("createSecret"), client);
    expect(sent.some((c) => c instanceof PutSecretValueCommand)).toBe(false);
    expect(JSON.parse(logged[0])).toEqual({
      step: "createSecret",
      versionId: NEW,
      outcome: "pending value already put",
    });
  });

  it("does nothing for a version that is already current", async () => {
    const { client, sent } = fakeSecret({ [NEW]: ["AWSCURRENT", "AWSPENDING"] }, { [NEW]: RANDOM });
    await rotate(step("finishSecret"), client);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(logged[0]).outcome).toBe("already current");
  });

  it("refuses a version that is not the secret's, one that is not pending, and a value of another shape", async () => {
    await expect(rotate(step("createSecret"), fakeSecret({ [OLD]: ["AWSCURRENT"] }).client)).rejects.toThrow(
      `version ${NEW} is not a version of the secret`,
    );
    await expect(
      rotate(step("createSecret"), fakeSecret({ [OLD]: ["AWSCURRENT"], [NEW]: [] }).client),
    ).rejects.toThrow(`version ${NEW} is not pending`);
    await expect(
      rotate(step("testSecret"), fakeSecret({ [NEW]: ["AWSPENDING"] }, { [NEW]: "short" }).client),
    ).rejects.toThrow(`the pending version is not ${VALUE_LENGTH} letters and digits`);
    await expect(rotate(step("dropSecret"), fakeSecret({ [NEW]: ["AWSPENDING"] }).client)).rejects.toThrow(
      'unknown step "dropSecret"',
    );
  });

  it("refuses to run when rotation is off on the secret", async () => {
    const client = {
      send: jest.fn(async () => ({ RotationEnabled: false, VersionIdsToStages: {} })),
    } as unknown as RotationClient;
    await expect(rotate(step("createSecret"), client)).rejects.toThrow(
      "rotation is not enabled on the secret",
    );
  });
});
