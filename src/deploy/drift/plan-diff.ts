// Reads one resource's change out of a Terraform plan's JSON (`terraform show -json`): which attributes differ,
// with sensitive and unknown values masked, and what the next apply would do. The input to drift classification.

export interface PlanResourceChange {
  /** The resource address. */
  readonly address: string;
  /** "managed" or "data". */
  readonly mode?: string;
  readonly type: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
  };
}

/** The parts of a plan's JSON that drift detection reads. */
export interface PlanJson {
  /** Objects that changed outside Terraform: prior state against the refreshed real world. */
  readonly resource_drift?: readonly PlanResourceChange[];
  /** What applying the configuration would do. */
  readonly resource_changes?: readonly PlanResourceChange[];
}

/** One attribute that differs, with values masked where Terraform marks them sensitive. */
export interface AttributeChange {
  /** Its path, e.g. `enable_key_rotation` or `policy.Statement[2].Condition`. */
  readonly path: string;
  /** The value before: for drift, what the last apply left; for a pending change, the current value. */
  readonly before: unknown;
  /** The value after: for drift, what AWS holds now; for a pending change, what the apply would set. */
  readonly after: unknown;
}

/** "critical" drift on a HIPAA control, "warning" drift elsewhere, "info" for changes not yet applied. */

const SENSITIVE = "(sensitive)";
const UNKNOWN = "(known after apply)";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A zero value: null, "", 0, false, [] or {}. The AWS provider is mostly built on Terraform's legacy SDK, which
 * cannot tell null from a zero value, so state and a refresh disagree between them (tags null against {}) without
 * anything having changed in AWS.
 */
function isZero(v: unknown): boolean {
  if (v === null || v === undefined || v === "" || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

function same(a: unknown, b: unknown): boolean {
  return (isZero(a) && isZero(b)) || JSON.stringify(a) === JSON.stringify(b);
}

/** A JSON document inside a string attribute (policies), parsed so its inner differences can be named. */
function parsedJson(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

const child = (marks: unknown, key: string | number): unknown =>
  marks === true ? true : isObject(marks) || Array.isArray(marks) ? (marks as never)[key] : undefined;

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

/**
 * The attributes that differ between `before` and `after`, as leaf paths where both sides are objects or
 * equally long lists, and whole values elsewhere. Values Terraform marks sensitive are masked on both sides.
 */
export function changedAttributes(change: PlanResourceChange["change"]): AttributeChange[] {
  const out: AttributeChange[] = [];
  const walk = (
    before: unknown,
    after: unknown,
    path: string,
    beforeSensitive: unknown,
    afterSensitive: unknown,
    unknown: unknown,
  ) => {
    if (beforeSensitive === true || afterSensitive === true) {
      if (!same(before, after)) out.push({ path, before: SENSITIVE, after: SENSITIVE });
      return;
    }
    if (unknown === true) {
      out.push({ path, before, after: UNKNOWN });
      return;
    }
    if (same(before, after)) return;
    // A map against null (tags never set, then set by hand) compares as a map against {}, so the path names the
    // key that changed whichever way the state recorded "nothing".
    const beforeMap = isObject(before) ? before : isZero(before) && isObject(after) ? {} : undefined;
    const afterMap = isObject(after) ? after : isZero(after) && isObject(before) ? {} : undefined;
    if (beforeMap && afterMap) {
      for (const key of [...new Set([...Object.keys(beforeMap), ...Object.keys(afterMap)])].sort()) {
        walk(
          beforeMap[key],
          afterMap[key],
          join(path, key),
          child(beforeSensitive, key),
          child(afterSensitive, key),
          child(unknown, key),
        );
      }
      return;
    }
    if (Array.isArray(before) && Array.isArray(after) && path !== "") {
      // Terraform reads sets as lists in any order: compare them as multisets first.
      const beforeKeys = before.map((v) => JSON.stringify(v));
      const afterKeys = after.map((v) => JSON.stringify(v));
      if (JSON.stringify([...beforeKeys].sort()) === JSON.stringify([...afterKeys].sort())) return;
      if (before.length !== after.length) {
        const removed = before.filter((_, i) => !afterKeys.includes(beforeKeys[i]));
        const added = after.filter((_, i) => !beforeKeys.includes(afterKeys[i]));
        const shared = removed.length + added.length < before.length + after.length;
        // With items in common, only the items that differ: the rule someone added, not the whole list.
        out.push(
          shared
            ? { path: `${path} (items that differ)`, before: removed, after: added }
            : { path, before, after },
        );
        return;
      }
      before.forEach((item, i) =>
        walk(
          item,
          after[i],
          join(path, i),
          child(beforeSensitive, i),
          child(afterSensitive, i),
          child(unknown, i),
        ),
      );
      return;
    }
    const parsedBefore = parsedJson(before);
    const parsedAfter = parsedJson(after);
    if (parsedBefore !== undefined && parsedAfter !== undefined) {
      if (!same(parsedBefore, parsedAfter))
        walk(parsedBefore, parsedAfter, path, undefined, undefined, undefined);
      return;
    }
    out.push({ path, before: before ?? null, after: after ?? null });
  };
  walk(
    change.before ?? null,
    change.after ?? null,
    "",
    change.before_sensitive,
    change.after_sensitive,
    change.after_unknown,
  );
  return out;
}

const NO_OP = new Set(["no-op", "read"]);

/** "create", "update", "delete" or "replace" for a plan's action list; "none" for no-op. */
export function actionName(actions: readonly string[]): string {
  if (actions.includes("create") && actions.includes("delete")) return "replace";
  const action = actions.find((a) => !NO_OP.has(a));
  return action ?? "none";
}
