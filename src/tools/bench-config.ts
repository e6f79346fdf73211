// Configurations for `make bench`: the shipped example grown to N accounts across the workload OUs and the three
// environments, governing four regions, written to a scratch directory the way a person would edit the YAML.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { REPO_ROOT } from "../deploy/terraform-env";

/** The governed regions of every generated configuration: the example's two and two more. */
export const BENCH_REGIONS = ["us-east-1", "us-west-2", "us-east-2", "ca-central-1"] as const;

/** Where each generated account goes, in turn: its OU and, for workload accounts, its environment file. */
const PLACEMENTS = [
  { ou: "Workloads/Prod", environment: "prod" },
  { ou: "Workloads/NonProd", environment: "staging" },
  { ou: "Workloads/NonProd", environment: "dev" },
  { ou: "Sandbox", environment: undefined },
] as const;

/** The name of the i-th generated account (1-based). */
export function benchAccountName(i: number): string {
  return `bench-${String(i).padStart(4, "0")}`;
}

/**
 * Writes a copy of environments/ with `total` accounts (the example's seven and generated ones) and four governed
 * regions; returns its directory. The ledger is left out: validation writes it, as for a new organization.
 */
export function writeBenchConfig(total: number): string {
  const source = path.join(REPO_ROOT, "environments");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lz-bench-${total}-`));
  for (const name of fs.readdirSync(source)) {
    if (name !== "accounts.ledger.json") fs.copyFileSync(path.join(source, name), path.join(dir, name));
  }
  const orgFile = path.join(dir, "organization.yaml");
  const org = fs.readFileSync(orgFile, "utf8");
  const existing = (parse(org) as { accounts: unknown[] }).accounts.length;
  const entries: string[] = [];
  const byEnvironment = new Map<string, string[]>();
  for (let i = 1; i <= total - existing; i++) {
    const name = benchAccountName(i);
    const placement = PLACEMENTS[i % PLACEMENTS.length];
    entries.push(
      `  - name: ${name}\n    email: aws+${name}@example-health.org\n    ou: ${placement.ou}\n    owner: bench\n`,
    );
    if (placement.environment !== undefined) {
      byEnvironment.set(placement.environment, [...(byEnvironment.get(placement.environment) ?? []), name]);
    }
  }
  const regions = `regions:\n${BENCH_REGIONS.map((r) => `  - ${r}\n`).join("")}`;
  fs.writeFileSync(
    orgFile,
    org
      .replace(/^regions:\n(?: {2}- .*\n)+/m, regions)
      .replace(/^accounts:\n/m, `accounts:\n${entries.join("")}`),
  );
  for (const [environment, names] of byEnvironment) {
    const file = path.join(dir, `${environment}.yaml`);
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(
      file,
      text.replace(/^accounts:\n/m, `accounts:\n${names.map((n) => `  - ${n}\n`).join("")}`),
    );
  }
  return dir;
}
