// IAM policy document types shared by the SCP library and every policy the landing zone renders as literal JSON.

/** A condition block: operator -> condition key -> value(s). */
export type PolicyCondition = Record<string, Record<string, string | readonly string[]>>;

/** One IAM policy statement. Every landing-zone statement carries a Sid so findings and reviews can name it. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: unknown;
  readonly Condition?: PolicyCondition;
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** Minified JSON, exactly as AWS counts an SCP's size. */
/** The IAM path of the landing zone's customer managed policies, so they list apart from a team's own. */
export const LANDING_ZONE_POLICY_PATH = "/landing-zone/";

/**
 * The tag every landing-zone resource carries (every stack's provider default tags), with the organization's name:
 * what tells ours from others', and what lz-protect-network's DenyLandingZoneVpcChanges keys on.
 */
export const LANDING_ZONE_TAG = "LandingZone";

/** The ARN of a landing-zone customer managed policy in an account. */
export function landingZonePolicyArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:policy${LANDING_ZONE_POLICY_PATH}${name}`;
}

export function renderPolicy(document: PolicyDocument): string {
  return JSON.stringify(document);
}

/** Every action or NotAction entry a document names, in order of appearance. */
export function actionsOf(document: PolicyDocument): string[] {
  const out: string[] = [];
  for (const statement of document.Statement) {
    for (const entry of [statement.Action, statement.NotAction]) {
      if (entry === undefined) continue;
      out.push(...(typeof entry === "string" ? [entry] : entry));
    }
  }
  return out;
}

/** A role trust policy with one statement: `principal` may call `action` on the role under `condition`. */
export function trustPolicy(
  sid: string,
  principal: Record<string, string>,
  action: string,
  condition: PolicyCondition,
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: sid, Effect: "Allow", Principal: principal, Action: action, Condition: condition }],
  };
}

/** A role trust policy: one AWS service may assume the role, under the given condition (a confused-deputy guard). */
export function serviceTrustPolicy(sid: string, service: string, condition: PolicyCondition): PolicyDocument {
  return trustPolicy(sid, { Service: service }, "sts:AssumeRole", condition);
}
