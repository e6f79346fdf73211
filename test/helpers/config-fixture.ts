// Small configuration fixtures written to a temporary directory, so each validation test states exactly the
// YAML it feeds in and the message it expects back.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, formatIssue } from "../../src/config/errors";
import { loadConfig } from "../../src/config/load";
import { LandingZoneConfig } from "../../src/config/schema";

/** A minimal valid organization file. Line numbers matter to the tests: keep edits at the end. */
export const ORGANIZATION_YAML = `name: test-health
homeRegion: us-east-1
regions: [us-east-1, us-west-2]
state:
  bucket: test-health-tfstate
  region: us-east-1
  kmsKeyId: alias/test-health-tfstate
alarms:
  email: alerts@example.org
contacts:
  security:
    name: Security Operations
    title: Security Officer
    email: security@example.org
    phone: "+1 555 0100"
coreAccounts:
  logArchive: log-archive
  securityTooling: security-tooling
  network: network
organizationalUnits:
  - name: Security
  - name: Workloads
    children:
      - name: Prod
  - name: Suspended
accounts:
  - name: log-archive
    email: log-archive@example.org
    ou: Security
  - name: security-tooling
    email: security-tooling@example.org
    ou: Security
  - name: network
    email: network@example.org
    ou: Workloads
  - name: phi-prod
    email: phi-prod@example.org
    ou: Workloads/Prod
  - name: backup
    email: backup@example.org
    ou: Security
`;

/** A valid environment file for `phi-prod`. */
export const PROD_YAML = `name: prod
phi: true
accounts: [phi-prod]
cidr: 10.10.0.0/16
`;

/** An environment without PHI, holding the network account. */
export const DEV_YAML = `name: dev
phi: false
accounts: [network]
cidr: 10.30.0.0/16
`;

/** Writes a configuration directory: the organization file and environment files by name. */
export function writeConfig(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-config-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** The default fixture with any files replaced or added. */
export function fixture(overrides: Record<string, string> = {}): string {
  return writeConfig({ "organization.yaml": ORGANIZATION_YAML, "prod.yaml": PROD_YAML, ...overrides });
}

/** Loads `dir` and returns the formatted issues, with the directory shown as "cfg". */
export function configIssues(dir: string): string[] {
  try {
    loadConfig(dir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((issue) => formatIssue(issue).split(dir).join("cfg"));
  }
  throw new Error(`expected ${dir} to be invalid, but it loaded`);
}

/** Loads a fixture that must be valid. */
export function validConfig(overrides: Record<string, string> = {}): LandingZoneConfig {
  return loadConfig(fixture(overrides));
}

/** A scratch copy of the shipped example configuration (comments, formatting and ledger included). */
export function exampleCopy(): string {
  const example = path.join(__dirname, "..", "..", "environments");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-example-"));
  for (const f of fs.readdirSync(example)) fs.copyFileSync(path.join(example, f), path.join(dir, f));
  return dir;
}

/**
 * A scratch copy of the example with an address plan: prod's pool holds two /16s (prod takes the first), non-prod's
 * sixteen (staging and dev take two).
 */
export function exampleCopyWithPools(): string {
  const dir = exampleCopy();
  const file = path.join(dir, "organization.yaml");
  const text = fs.readFileSync(file, "utf8");
  const hub = /^ {2}transitGateway:\n {4}enabled: true.*\n/m;
  if (!hub.test(text)) throw new Error("the example's transitGateway block was not found");
  const pools =
    "  ipam:\n    pools:\n      prod: { us-east-1: 10.10.0.0/15 }\n      non-prod: { us-east-1: 10.16.0.0/12 }\n";
  fs.writeFileSync(
    file,
    text.replace(hub, (found) => `${found}${pools}`),
  );
  return dir;
}

/** Deletes an account's entry from organization.yaml and its environment file, as a person would. */
export function removeAccountEntry(dir: string, name: string, environment: string): void {
  const org = path.join(dir, "organization.yaml");
  const text = fs.readFileSync(org, "utf8");
  const start = text.indexOf(`  - name: ${name}\n`);
  const next = text.indexOf("  - name: ", start + 1);
  if (start < 0 || next < 0) throw new Error(`no entry for ${name} followed by another account in ${org}`);
  fs.writeFileSync(org, text.slice(0, start) + text.slice(next));
  const env = path.join(dir, `${environment}.yaml`);
  fs.writeFileSync(env, fs.readFileSync(env, "utf8").replace(`  - ${name}\n`, ""));
}
