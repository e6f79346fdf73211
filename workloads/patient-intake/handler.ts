// The example workload's function: takes a patient intake form, validates it, stores it in the workload's table
// and queues its ID for the next step. It logs outcomes and request IDs only, never a field of the form: the form is
// PHI, and a log line is read by more people than the table (164.312(a)(1), 164.312(b)). Bundled at synth by the
// serverless-api blueprint (modules/workload/function-code.ts); the AWS SDK comes from the Lambda runtime.
import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";

/** What a caller sends: a form the intake team reviews. */
export interface IntakeForm {
  /** The caller's ID for this submission (a UUID): a retry with the same ID stores nothing twice. */
  readonly intakeId: string;
  /** The patient's medical record number at the submitting facility. */
  readonly patientId: string;
  /** The reason for the visit, as the patient wrote it. */
  readonly reason: string;
}

/** The event the function accepts: an API Gateway proxy event, or the same body invoked directly. */
export interface IntakeEvent {
  readonly body?: string | null;
}

/** What the function answers, in API Gateway's proxy shape. */
export interface IntakeResult {
  readonly statusCode: number;
  readonly body: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PATIENT_ID = /^[A-Za-z0-9-]{4,32}$/;
const MAX_REASON = 2000;

/**
 * The form's problems, each naming a field and what is allowed, never the value received (an error message is
 * returned to the caller and may be logged by it).
 */
export function formProblems(input: unknown): string[] {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return ["expected a JSON object"];
  const form = input as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof form.intakeId !== "string" || !UUID.test(form.intakeId))
    problems.push("intakeId: expected a UUID");
  if (typeof form.patientId !== "string" || !PATIENT_ID.test(form.patientId))
    problems.push("patientId: expected 4-32 letters, digits or hyphens");
  if (typeof form.reason !== "string" || form.reason.trim() === "" || form.reason.length > MAX_REASON)
    problems.push(`reason: expected text of 1-${MAX_REASON} characters`);
  const allowed = new Set(["intakeId", "patientId", "reason"]);
  for (const key of Object.keys(form))
    if (!allowed.has(key)) problems.push(`${key}: not a field of the form`);
  return problems;
}

/** Where the function stores and queues, from its environment (names, never secrets). */
export interface IntakeTargets {
  readonly tableName: string;
  readonly queueUrl: string;
}

/** The clients the function calls: the runtime's SDK in Lambda, fakes in tests. */
export interface IntakeClients {
  readonly dynamodb: Pick<DynamoDBClient, "send">;
  readonly sqs: Pick<SQSClient, "send">;
}

/** One log line: the outcome and IDs that are not PHI. */
function log(outcome: string, extra: Record<string, string | number> = {}): void {
  console.log(JSON.stringify({ outcome, ...extra }));
}

/** Handles one intake: validates, stores it once, queues its ID. */
export async function handleIntake(
  event: IntakeEvent,
  targets: IntakeTargets,
  clients: IntakeClients,
): Promise<IntakeResult> {
  let input: unknown;
  try {
    input = JSON.parse(event.body ?? "");
  } catch {
    log("rejected", { problems: 1 });
    return { statusCode: 400, body: JSON.stringify({ problems: ["expected a JSON body"] }) };
  }
  const problems = formProblems(input);
  if (problems.length > 0) {
    log("rejected", { problems: problems.length });
    return { statusCode: 400, body: JSON.stringify({ problems }) };
  }
  const form = input as IntakeForm;
  try {
    await clients.dynamodb.send(
      new PutItemCommand({
        TableName: targets.tableName,
        Item: {
          intakeId: { S: form.intakeId },
          patientId: { S: form.patientId },
          reason: { S: form.reason },
          receivedAt: { S: new Date().toISOString() },
        },
        // A retry of a stored form changes nothing: the caller's ID is the item's key.
        ConditionExpression: "attribute_not_exists(intakeId)",
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      log("duplicate", { intakeId: form.intakeId });
      return { statusCode: 200, body: JSON.stringify({ intakeId: form.intakeId, duplicate: true }) };
    }
    throw error;
  }
  await clients.sqs.send(
    new SendMessageCommand({
      QueueUrl: targets.queueUrl,
      MessageBody: JSON.stringify({ intakeId: form.intakeId }),
    }),
  );
  log("stored", { intakeId: form.intakeId });
  return { statusCode: 201, body: JSON.stringify({ intakeId: form.intakeId }) };
}

const clients: IntakeClients = { dynamodb: new DynamoDBClient({}), sqs: new SQSClient({}) };

/** Lambda's entry point. */
export async function handler(event: IntakeEvent): Promise<IntakeResult> {
  const tableName = process.env.TABLE_NAME;
  const queueUrl = process.env.QUEUE_URL;
  if (!tableName || !queueUrl) throw new Error("TABLE_NAME and QUEUE_URL must be set");
  return handleIntake(event, { tableName, queueUrl }, clients);
}
