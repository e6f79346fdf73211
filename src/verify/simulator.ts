// The one module that talks to the policy simulator (@cloud-copilot/iam-simulate, AGPL-3.0-or-later): every
// access proof and permission-set table goes through `decide`, so replacing the simulator is a change here only.
// It evaluates identity, resource, SCP, RCP, VPC endpoint and permission-boundary policies offline, following
// AWS's policy evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
import { createHash } from "crypto";
import { runSimulation } from "@cloud-copilot/iam-simulate";

/** An IAM policy document (any shape AWS accepts). */
export type PolicyDoc = { readonly Version: string; readonly Statement: readonly unknown[] };

/** A policy with the name the report uses for it. */
export interface NamedPolicy {
  readonly name: string;
  readonly policy: PolicyDoc;
}

/** The policies attached at one level of the organization: Root, an OU path, or the account. */
export interface OrgLevel {
  readonly id: string;
  readonly policies: readonly NamedPolicy[];
}

/** Who makes a request. */
export type Caller =
  /** An AWS service principal acting for a resource of ours, e.g. config.amazonaws.com. */
  | { readonly service: string }
  /** A role session in an account (an Identity Center role has the aws-reserved/sso.amazonaws.com/ path). */
  | { readonly roleArn: string }
  /** A federated web identity (OIDC) that has not yet been issued AWS credentials. */
  | { readonly webIdentity: string }
  /** An account's root user: signed in, or a task session from sts:AssumeRoot (aws:AssumedRoot in the context). */
  | { readonly rootOf: string };

/** One request with every policy layer that applies to it. */
export interface SimulatedRequest {
  readonly caller: Caller;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource. */
  readonly resourceAccount: string;
  /** The request context the caller sends (aws:SourceArn, kms:ViaService, ...). */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  readonly identityPolicies?: readonly NamedPolicy[];
  readonly resourcePolicy?: PolicyDoc;
  /** The SCP levels of the caller's account, Root first (FullAWSAccess is added at each level). */
  readonly scps?: readonly OrgLevel[];
  /** The RCP levels of the resource's account, Root first (the simulator adds RCPFullAWSAccess at each level). */
  readonly rcps?: readonly OrgLevel[];
  readonly endpointPolicies?: readonly NamedPolicy[];
  readonly permissionBoundaries?: readonly NamedPolicy[];
}

/** The simulator's decision. */
export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** A decision with the statements that made it, as `layer name: Sid`. */
export interface Outcome {
  readonly decision: Decision;
  /** Deny statements that matched. */
  readonly denies: readonly string[];
  /** Allow statements that matched, and the layers that allowed nothing (`layer: no Allow matched`). */
  readonly allows: readonly string[];
  readonly implicitDenies: readonly string[];
}

const FULL_AWS_ACCESS: NamedPolicy = {
  name: "FullAWSAccess",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

/**
 * iam-simulate 0.1.173 drops request-context keys whose variable part follows a colon (it matches variable keys
 * only after a slash), so kms:EncryptionContext:aws:cloudtrail:arn would silently never match. Both the policies
 * and the request name such keys through a slash-style key it does evaluate; string semantics are unchanged.
 */
const ENCRYPTION_CONTEXT_KEY = /^kms:EncryptionContext:(.+)$/i;
const ENCODED_CONTEXT_PREFIX = "aws:PrincipalTag/lz-kms-encryption-context/";

/**
 * IAM evaluates `<provider>:aud`, `<provider>:sub` and `<provider>:amr` for every OIDC provider
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif),
 * and AWS's own GitHub trust policy relies on `token.actions.githubusercontent.com:sub`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub); but
 * IAM's service authorization data, from which the simulator takes the keys each action accepts, lists GitHub's
 * other claims for sts:AssumeRoleWithWebIdentity and not these three, so the simulator would drop them from the
 * request and no trust condition on them could ever match. They travel through a slash-style key the action accepts
 * (aws:RequestTag/), in the policies and the request alike; string semantics are unchanged.
 */
const OIDC_CLAIM_KEY = /^([a-z0-9-]+(\.[a-z0-9-]+)+(\/[^:]*)?):(aud|sub|amr)$/i;
const ENCODED_OIDC_PREFIX = "aws:RequestTag/lz-oidc-claim/";

function encodeKey(key: string): string {
  const match = ENCRYPTION_CONTEXT_KEY.exec(key);
  if (match) return `${ENCODED_CONTEXT_PREFIX}${match[1]}`;
  return OIDC_CLAIM_KEY.test(key) ? `${ENCODED_OIDC_PREFIX}${key}` : key;
}

function encodePolicy(policy: PolicyDoc): PolicyDoc {
  return {
    ...policy,
    Statement: (policy.Statement as Array<Record<string, unknown>>).map((statement) => {
      const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
      if (!condition) return statement;
      const encoded = Object.fromEntries(
        Object.entries(condition).map(([operator, keys]) => [
          operator,
          Object.fromEntries(Object.entries(keys).map(([k, v]) => [encodeKey(k), v])),
        ]),
      );
      return { ...statement, Condition: encoded };
    }),
  };
}

function named(policies: readonly NamedPolicy[] | undefined) {
  return (policies ?? []).map((p) => ({ name: p.name, policy: encodePolicy(p.policy) }));
}

/** The ARN a caller presents to the simulator. */
function principalOf(caller: Caller): string {
  if ("service" in caller) return caller.service;
  if ("webIdentity" in caller) return caller.webIdentity;
  if ("rootOf" in caller) return `arn:aws:iam::${caller.rootOf}:root`;
  const [, , , , account, resource] = caller.roleArn.split(":");
  const roleName = resource.split("/").pop();
  return `arn:aws:sts::${account}:assumed-role/${roleName}/lz-verify`;
}

/** A matched statement as the simulator reports it: the statement object and the policy it belongs to. */
type Matched = { policyId?: string; statement: unknown };

type Analysis = {
  denyStatements?: Matched[];
  allowStatements?: Matched[];
  result?: string;
};

/** "<policy>: <Sid>" for a matched statement (the simulator's statements are objects with a sid() method). */
function statementName(matched: Matched): string {
  const statement = matched.statement as { sid?: () => string | undefined; Sid?: string };
  const sid = (typeof statement.sid === "function" ? statement.sid() : statement.Sid) ?? "(no Sid)";
  return matched.policyId ? `${matched.policyId}: ${sid}` : sid;
}

/** Documents many requests share (AWS's vendored policies), deep-frozen, with the name they serialize as. */
const SHARED_DOCUMENTS = new Map<object, string>();

/**
 * Marks `document` as shared under `name` (unique among shared documents): it is deep-frozen, so it can never
 * change, and requestText writes the name instead of its content (ReadOnlyAccess alone is 88 KB).
 */
export function sharedDocument<T extends PolicyDoc>(name: string, document: T): T {
  const existing = SHARED_DOCUMENTS.get(document);
  if (existing !== undefined && existing !== `<${name}>`)
    throw new Error(`${name} is already shared as ${existing}`);
  SHARED_DOCUMENTS.set(deepFreeze(document), `<${name}>`);
  return document;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * A request as text: every field and every policy in full, except that shared documents are written as their name
 * (they are frozen, so the name stands for one fixed content). Two requests with the same text are the same input
 * to the simulator.
 */
export function requestText(request: SimulatedRequest): string {
  return JSON.stringify(request, (_key, value: unknown) =>
    value && typeof value === "object" && SHARED_DOCUMENTS.has(value) ? SHARED_DOCUMENTS.get(value) : value,
  );
}

/**
 * Outcomes already decided in this process, by the SHA-256 of the request's text, oldest use first. The text is
 * the whole input of a simulation (the request and every policy layer; the simulator and this module's encoding
 * are fixed for the life of the process), so a hit is exactly what evaluating again would return: re-verifying a
 * landing zone with one policy changed evaluates only the requests that policy is part of. Bounded, so a long
 * process (a 300-account vend, a test file verifying dozens of variants) keeps at most MEMO_LIMIT outcomes.
 */
const memo = new Map<string, Promise<Outcome>>();
const MEMO_LIMIT = 20_000;

/** Strings by key, kept outside this module. */
export interface OutcomeStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

let shared: OutcomeStore | undefined;

/**
 * Also keeps each outcome in `store` (as JSON, under the memo's key) and looks there before evaluating: the test
 * files of one jest worker share a store (test/helpers/worker-environment.ts), which is emptied whenever the
 * sources or the locked packages change, so a key there stands for the same simulator and encoding as here.
 */
export function shareOutcomes(store: OutcomeStore | undefined): void {
  shared = store;
}

function remember(key: string, outcome: Promise<Outcome>): void {
  memo.set(key, outcome);
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
}

/**
 * Evaluates one request. `text` is requestText(request), for a caller that has it already. Outcomes are frozen:
 * one request asked twice gets the same object.
 */
export function decide(request: SimulatedRequest, text = requestText(request)): Promise<Outcome> {
  const key = `simulation:${createHash("sha256").update(text).digest("base64")}`;
  const known = memo.get(key);
  if (known) {
    memo.delete(key);
    memo.set(key, known);
    return known;
  }
  const stored = shared?.get(key);
  if (stored !== undefined) {
    const outcome = Promise.resolve(deepFreeze(JSON.parse(stored) as Outcome));
    remember(key, outcome);
    return outcome;
  }
  const outcome = evaluate(request);
  remember(key, outcome);
  outcome.then(
    (decided) => shared?.set(key, JSON.stringify(decided)),
    // A refusal is not kept: asked again, the request is evaluated again and refused with the same message.
    () => {
      if (memo.get(key) === outcome) memo.delete(key);
    },
  );
  return outcome;
}

async function evaluate(request: SimulatedRequest): Promise<Outcome> {
  const outcome = await simulate(request);
  // Actions without a resource type (guardduty:ArchiveFindings, ...) are authorized on "*" only.
  if (outcome === "must.use.wildcard") return decide({ ...request, resource: "*" });
  return deepFreeze(outcome);
}

async function simulate(request: SimulatedRequest): Promise<Outcome | "must.use.wildcard"> {
  const result = await runSimulation(
    {
      request: {
        principal: principalOf(request.caller),
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        // aws:ResourceAccount is in every request's context (the simulator does not derive it).
        contextVariables: Object.fromEntries(
          Object.entries({ "aws:ResourceAccount": request.resourceAccount, ...request.context }).map(
            ([k, v]) => [encodeKey(k), typeof v === "string" ? v : [...v]],
          ),
        ),
      },
      identityPolicies: named(request.identityPolicies),
      serviceControlPolicies: (request.scps ?? []).map((level) => ({
        orgIdentifier: level.id,
        policies: named([FULL_AWS_ACCESS, ...level.policies]),
      })),
      resourceControlPolicies: (request.rcps ?? []).map((level) => ({
        orgIdentifier: level.id,
        // The simulator adds RCPFullAWSAccess at each level itself, as AWS attaches it everywhere.
        policies: named(level.policies),
      })),
      resourcePolicy: request.resourcePolicy && encodePolicy(request.resourcePolicy),
      vpcEndpointPolicies: request.endpointPolicies && named(request.endpointPolicies),
      permissionBoundaryPolicies: request.permissionBoundaries && named(request.permissionBoundaries),
    },
    {},
  );
  if (
    result.resultType === "error" &&
    result.errors.message === "must.use.wildcard" &&
    request.resource !== "*"
  ) {
    return "must.use.wildcard";
  }
  if (result.resultType === "error") {
    throw new Error(
      `the simulator refused ${request.action} on ${request.resource}: ${JSON.stringify(result.errors).slice(0, 400)}`,
    );
  }
  const analysis = result.resultType === "single" ? result.result.analysis : result.results[0]?.analysis;
  const denies: string[] = [];
  const allows: string[] = [];
  const implicitDenies: string[] = [];
  const layers: Array<[string, Analysis | undefined]> = [
    ["identity", analysis?.identityAnalysis as Analysis | undefined],
    ["resource policy", analysis?.resourceAnalysis as Analysis | undefined],
    ["endpoint policy", analysis?.endpointAnalysis as Analysis | undefined],
    ["permission boundary", analysis?.permissionBoundaryAnalysis as Analysis | undefined],
  ];
  for (const [layer, a] of layers) {
    if (!a) continue;
    for (const s of a.denyStatements ?? []) denies.push(`${layer} ${statementName(s)}`);
    for (const s of a.allowStatements ?? []) allows.push(`${layer} ${statementName(s)}`);
    if (a.result === "ImplicitlyDenied") implicitDenies.push(`${layer}: no Allow matched`);
  }
  for (const [kind, org] of [
    ["SCP", analysis?.scpAnalysis],
    ["RCP", analysis?.rcpAnalysis],
  ] as const) {
    for (const level of org?.ouAnalysis ?? []) {
      for (const s of level.denyStatements)
        denies.push(`${kind} at ${level.orgIdentifier} ${statementName(s)}`);
      if (level.result === "ImplicitlyDenied")
        implicitDenies.push(`${kind} at ${level.orgIdentifier}: no Allow`);
    }
  }
  return { decision: result.overallResult as Decision, denies, allows, implicitDenies };
}
