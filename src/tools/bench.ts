// `npm run bench`: measures the speed targets the README states (synth of the example, the unit tier, a fresh
// local deploy) on this machine. Benchmarks, not tests: nothing here fails on a slow machine.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, terraformEnv } from "../deploy/terraform-env";

function time(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    env: terraformEnv(env),
    stdio: ["ignore", "ignore", "pipe"],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const runs = Number(process.env.LZ_BENCH_RUNS ?? 3);
const rows: Array<[string, number[]]> = [];
const repeat = (label: string, command: string, args: string[], env?: NodeJS.ProcessEnv, n = runs) => {
  rows.push([label, Array.from({ length: n }, () => time(label, command, args, env))]);
};

repeat("make synth (validate + cdktf synth)", "npm", ["run", "--silent", "synth"]);
repeat("unit tier (lint and type check excluded)", path.join(REPO_ROOT, "node_modules", ".bin", "jest"), [
  "--selectProjects",
  "unit",
]);
const register = ["-r", "./src/tools/register.js"];
// The vend target is "command to printed plan in under 60 s"; a dry run prints the same plan and writes nothing.
repeat("make vend to printed plan (dry run)", "node", [
  ...register,
  "src/tools/vend.ts",
  "--name=bench-account",
  "--email=aws+bench-account@example-health.org",
  "--ou=Workloads/NonProd",
  "--env=dev",
  "--dry-run",
]);
// The access proofs at scale: the example plus 293 sandbox accounts (300 in all), every Root assignment expanded.
const largeConfig = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-config-"));
try {
  const environments = path.join(REPO_ROOT, "environments");
  for (const name of fs.readdirSync(environments))
    fs.copyFileSync(path.join(environments, name), path.join(largeConfig, name));
  const extra = Array.from({ length: 293 }, (_, i) => `bench-${String(i + 1).padStart(3, "0")}`)
    .map((name) => `  - name: ${name}\n    email: aws+${name}@example-health.org\n    ou: Sandbox\n`)
    .join("");
  const org = path.join(largeConfig, "organization.yaml");
  fs.writeFileSync(org, fs.readFileSync(org, "utf8").replace(/^accounts:\n/m, `accounts:\n${extra}`));
  fs.rmSync(path.join(largeConfig, "accounts.ledger.json"), { force: true });
  repeat("make verify, 300 accounts", "node", [...register, "src/tools/verify.ts", "--quiet"], {
    ...process.env,
    LZ_CONFIG_DIR: largeConfig,
  });
} finally {
  fs.rmSync(largeConfig, { recursive: true, force: true });
}
repeat("make verify, example", "node", [...register, "src/tools/verify.ts", "--quiet"]);
const localDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-"));
const localEnv = {
  ...process.env,
  LZ_LOCAL_DIR: localDir,
  LZ_LOCAL_PORT: process.env.LZ_BENCH_PORT ?? "45688",
};
try {
  repeat("make local, fresh emulator", "node", [...register, "src/tools/local.ts"], localEnv, 1);
  repeat("make local, again (no changes)", "node", [...register, "src/tools/local.ts"], localEnv, 1);
} finally {
  spawnSync("node", [...register, "src/tools/local-down.ts"], { cwd: REPO_ROOT, env: localEnv });
}

console.log(
  `machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
for (const [label, values] of rows) {
  console.log(
    `${label.padEnd(42)} median ${median(values).toFixed(1)} s  (runs: ${values.map((v) => v.toFixed(1)).join(", ")})`,
  );
}
