// The example workload's handler with fake clients: what it accepts and refuses, that a retry stores nothing twice,
// and that no field of the form reaches a log line or an error message (164.312(b): logs are read by more people
// than the table). Proves the code; the function's deployment is the end-to-end tier's.
import { ConditionalCheckFailedException, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { formProblems, handleIntake, IntakeClients } from "../../../workloads/patient-intake/handler";

const TARGETS = {
  tableName: "dev-patient-intake",
  queueUrl: "https://sqs.us-east-1.amazonaws.com/1/dev-patient-intake-work",
};
const FORM = {
  intakeId: "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
  patientId: "MRN-004211",
  reason: "Jane Doe, chest pain since Tuesday",
};

function fakes(putError?: Error) {
  const sent: unknown[] = [];
  const clients: IntakeClients = {
    dynamodb: {
      send: jest.fn(async (command: unknown) => {
        sent.push(command);
        if (putError) throw putError;
        return {};
      }),
    } as unknown as IntakeClients["dynamodb"],
    sqs: {
      send: jest.fn(async (command: unknown) => {
        sent.push(command);
        return {};
      }),
    } as unknown as IntakeClients["sqs"],
  };
  return { clients, sent };
}

describe("patient-intake handler", () => {
  let logged: string[];
  beforeEach(() => {
    logged = [];
    jest.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
  });
  afterEach(() => jest.restoreAllMocks());

  it("stores a valid form once, keyed by its ID, and queues only the ID", async () => {
    const { clients, sent } = fakes();
    const result = await handleIntake({ body: JSON.stringify(FORM) }, TARGETS, clients);
    expect(result).toEqual({ statusCode: 201, body: JSON.stringify({ intakeId: FORM.intakeId }) });
    const [put, message] = sent as [PutItemCommand, SendMessageCommand];
    expect(put.input).toMatchObject({
      TableName: TARGETS.tableName,
      Item: { intakeId: { S: FORM.intakeId }, patientId: { S: FORM.patientId }, reason: { S: FORM.reason } },
      ConditionExpression: "attribute_not_exists(intakeId)",
    });
    expect(message.input).toEqual({
      QueueUrl: TARGETS.queueUrl,
      MessageBody: JSON.stringify({ intakeId: FORM.intakeId }),
    });
    expect(logged).toEqual([JSON.stringify({ outcome: "stored", intakeId: FORM.intakeId })]);
  });

  it("answers a retry of a stored form without queueing it again", async () => {
    const { clients, sent } = fakes(
      new ConditionalCheckFailedException({ message: "exists", $metadata: {} }),
    );
    const result = await handleIntake({ body: JSON.stringify(FORM) }, TARGETS, clients);
    expect(result).toEqual({
      statusCode: 200,
      body: JSON.stringify({ intakeId: FORM.intakeId, duplicate: true }),
    });
    expect(sent).toHaveLength(1);
  });

  it("refuses a bad form naming each field, never its value, and logs only the count", async () => {
    const { clients, sent } = fakes();
    const bad = { intakeId: "1", patientId: "Jane Doe", reason: "", ssn: "123-45-6789" };
    const result = await handleIntake({ body: JSON.stringify(bad) }, TARGETS, clients);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({
      problems: [
        "intakeId: expected a UUID",
        "patientId: expected 4-32 letters, digits or hyphens",
        "reason: expected text of 1-2000 characters",
        "ssn: not a field of the form",
      ],
    });
    expect(sent).toEqual([]);
    expect(logged).toEqual([JSON.stringify({ outcome: "rejected", problems: 4 })]);
    for (const value of ["Jane Doe", "123-45-6789"])
      expect(result.body + logged.join("")).not.toContain(value);
  });

  it("refuses a body that is not JSON or not an object", async () => {
    const { clients } = fakes();
    expect((await handleIntake({ body: "name=Jane" }, TARGETS, clients)).body).toBe(
      JSON.stringify({ problems: ["expected a JSON body"] }),
    );
    expect(formProblems(["a"])).toEqual(["expected a JSON object"]);
  });

  it("never logs a field of a stored form", async () => {
    const { clients } = fakes();
    await handleIntake({ body: JSON.stringify(FORM) }, TARGETS, clients);
    for (const value of [FORM.patientId, FORM.reason]) expect(logged.join("\n")).not.toContain(value);
  });
});
