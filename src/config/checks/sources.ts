// What every configuration check shares: the validated files with their paths, one issue collector, one way to
// list allowed values, and the single uniqueness rule with its one wording. Checks return issues, never throw,
// so the operator sees every problem at once.
import { ConfigIssue } from "../errors";
import { EnvironmentConfig, OrganizationConfig } from "../schema";

/** The organization file with the path it was read from. */
export interface OrganizationSource {
  readonly organization: OrganizationConfig;
  /** Where organization.yaml was read from, as issues name it. */
  readonly file: string;
}

/** An environment file with the path it was read from. */
export interface EnvironmentSource {
  readonly config: EnvironmentConfig;
  /** Where `<environment>.yaml` was read from, as issues name it. */
  readonly file: string;
}

/** A path inside a configuration file: keys and indexes, ["accounts", 3, "email"]. */
export type ConfigPath = ReadonlyArray<string | number>;

/** Collects the issues of one file, every path under `prefix` (e.g. ["identityCenter"]). */
export class IssueList {
  readonly issues: ConfigIssue[] = [];

  constructor(
    private readonly file: string,
    private readonly prefix: ConfigPath = [],
  ) {}

  /** An issue about the value found at `path`. */
  add(path: ConfigPath, received: unknown, message: string): void {
    this.issues.push({ file: this.file, path: [...this.prefix, ...path], received, message });
  }

  /** An issue about something missing, with no value to show. */
  note(path: ConfigPath, message: string): void {
    this.issues.push({ file: this.file, path: [...this.prefix, ...path], message });
  }
}

/** "a, b, c", or "(none defined)" when there is nothing to choose from. */
export function list(values: Iterable<string>): string {
  const all = [...values];
  return all.length === 0 ? "(none defined)" : all.join(", ");
}

/** A value that repeats an earlier one: where it is, and where its first use is. */
export interface Repeat<T> {
  readonly item: T;
  readonly index: number;
  readonly first: number;
}

/** Every item whose key an earlier item already has, with the index of that earlier item. */
export function repeats<T>(items: readonly T[], key: (item: T) => string): Array<Repeat<T>> {
  const firstIndex = new Map<string, number>();
  const out: Array<Repeat<T>> = [];
  items.forEach((item, index) => {
    const k = key(item);
    const first = firstIndex.get(k);
    if (first === undefined) firstIndex.set(k, index);
    else out.push({ item, index, first });
  });
  return out;
}

/** The one wording of every uniqueness rule: `expected a unique account name (accounts[0] already uses it)`. */
export function notUnique(what: string, firstUse: string): string {
  return `expected a unique ${what} (${firstUse} already uses it)`;
}
