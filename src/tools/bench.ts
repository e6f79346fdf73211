// `make bench`: measures the speed targets in docs/development.md on this machine, as medians of several runs:
// validation, synth and vend-to-plan at 10, 100 and 300 accounts (four governed regions); at 300 accounts the
// organization stack and one baseline stack applied and planned on the emulator; for the example, `make local`
// fresh and unchanged and the unit tier. Prints a table compared with the results file already there, writes
// bench/results.json and the tables of docs/development.md and docs/scale.md (src/tools/bench-docs.ts). A benchmark, not a test: nothing here fails on a slow machine.
// LZ_BENCH_RUNS=N (default 3) sets the runs per measurement; LZ_BENCH_QUICK=1 skips the emulator and unit tier.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../cli";
import { LandingZoneError } from "../config/errors";
import { plannedSeconds } from "../config/vend";
import { stacksInOrder } from "../deploy/terraform";
import { REPO_ROOT, terraformEnv } from "../deploy/terraform-env";
import { benchAccountName, writeBenchConfig } from "./bench-config";
import { BENCH_SIZES, BenchResults, BenchRow, readResults, RESULTS_FILE, UNIT_TIER_ROW } from "./bench-docs";
import { criticalPath, NOTES, ROWS, targetRows, vendToPlanRow } from "./bench-targets";
import { readTestTiming } from "./test-timing";
import { writeBenchDocs } from "./docs";

/** The middle value (the upper middle for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The results as a table, with each row's change against `previous` when it has the same row. */
export function benchTable(results: BenchResults, previous?: BenchResults): string {
  const before = new Map((previous?.rows ?? []).map((r) => [r.name, r.median]));
  const lines = [
    `| What | Median (s) | Runs | ${previous ? `Previous (${previous.date.slice(0, 10)}) | Change |` : ""}`,
    `| --- | --- | --- | ${previous ? "--- | --- |" : ""}`,
  ];
  for (const row of results.rows) {
    const old = before.get(row.name);
    const change =
      old === undefined
        ? "| new |"
        : `| ${old.toFixed(1)} | ${(((row.median - old) / old) * 100).toFixed(0)}% |`;
    lines.push(`| ${row.name} | ${row.median.toFixed(1)} | ${row.seconds.length} ${previous ? change : "|"}`);
  }
  return `${lines.join("\n")}\n`;
}

function run(
  label: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd = REPO_ROOT,
) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, [...args], { cwd, env: terraformEnv(env), encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0)
    throw new LandingZoneError(`bench: ${label} failed:\n${result.stderr}${result.stdout}`);
  return { seconds, stdout: result.stdout };
}

/** Prints a make local run's per-stack lines (where the time went), and passes the run on. */
function logApplies<T extends { stdout: string }>(result: T): T {
  for (const line of result.stdout.split("\n").filter((l) => /^(apply|recovered|synth): /.test(l))) {
    process.stdout.write(`  ${line}\n`);
  }
  return result;
}

async function main(): Promise<void> {
  const runs = Number(process.env.LZ_BENCH_RUNS ?? 3);
  const quick = process.env.LZ_BENCH_QUICK === "1";
  const rows: BenchRow[] = [];
  const facts: Record<string, number> = {};
  const notes: Record<string, string> = {};
  const node = (script: string, args: readonly string[] = []) => [
    "-r",
    "./src/tools/register.js",
    script,
    ...args,
  ];
  const record = (name: string, seconds: number[]) => {
    rows.push({ name, seconds, median: median(seconds) });
    process.stdout.write(`bench: ${name}: ${median(seconds).toFixed(1)} s\n`);
  };
  const measure = (name: string, times: number, once: () => number) =>
    record(name, Array.from({ length: times }, once));
  // The last run's results, read before this run writes its own.
  const previous = readResults();
  const resultsNow = (): BenchResults => ({
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    facts,
    notes,
    rows,
  });
  const save = async () => {
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(resultsNow(), null, 2)}\n`);
    await writeBenchDocs(resultsNow());
  };
  const scratch: string[] = [];
  try {
    for (const size of BENCH_SIZES) {
      const config = writeBenchConfig(size);
      scratch.push(config);
      const env = { ...process.env, LZ_CONFIG_DIR: config };
      run("first validation (writes the ledger)", "node", node("src/tools/validate.ts"), env);
      measure(
        `validate, ${size} accounts`,
        runs,
        () => run("validate", "node", node("src/tools/validate.ts"), env).seconds,
      );
      const outdir = path.join(config, "cdktf.out");
      measure(`synth, ${size} accounts`, runs, () => {
        fs.rmSync(outdir, { recursive: true, force: true });
        return run("synth", "node", node("main.ts"), { ...env, CDKTF_OUTDIR: outdir }).seconds;
      });
      const stacks = stacksInOrder(outdir);
      facts[`stacks, ${size} accounts`] = stacks.length;
      for (const central of ["organization", "identity-center", "detective-controls"]) {
        const body = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", central, "cdk.tf.json"), "utf8"));
        const count = Object.values((body.resource ?? {}) as Record<string, object>).reduce(
          (sum, byName) => sum + Object.keys(byName).length,
          0,
        );
        facts[`${central} resources, ${size} accounts`] = count;
      }
      // One vend run gives two rows: the time to its printed plan (the line plannedLine prints, what a person
      // waits for) and the whole dry run, whose access proofs over every stack come after the plan.
      const vends = Array.from({ length: runs }, () => {
        const result = run(
          "vend",
          "node",
          node("src/tools/vend.ts", [
            "--name=bench-vended",
            "--email=aws+bench-vended@example-health.org",
            "--ou=Workloads/NonProd",
            "--env=dev",
            "--dry-run",
          ]),
          env,
        );
        const planned = plannedSeconds(result.stdout);
        if (planned === undefined) throw new LandingZoneError("bench: make vend printed no plan line");
        return { planned, seconds: result.seconds };
      });
      record(
        vendToPlanRow(size),
        vends.map((v) => v.planned),
      );
      record(
        `make vend dry run in full (plan, then every access path proven), ${size} accounts`,
        vends.map((v) => v.seconds),
      );
    }
    if (!quick) {
      // At 300 accounts: the largest central stack and one baseline, applied and planned on the emulator.
      const localDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-local-"));
      scratch.push(localDir);
      const local = {
        ...process.env,
        LZ_CONFIG_DIR: scratch[2],
        LZ_LOCAL_DIR: localDir,
        LZ_LOCAL_PORT: process.env.LZ_BENCH_PORT ?? "45688",
      };
      const baseline = `baseline-${benchAccountName(1)}`;
      try {
        const applied = logApplies(
          run(
            "make local at 300 accounts",
            "node",
            node("src/tools/local.ts", [`organization,security,log-archive,${baseline}`]),
            local,
          ),
        );
        for (const stack of ["organization", baseline]) {
          const seconds = Number(
            new RegExp(`^apply: ${stack}: .*\\((\\d+\\.\\d)s\\)$`, "m").exec(applied.stdout)?.[1],
          );
          const label =
            stack === "organization" ? "organization stack (300 accounts)" : "one baseline stack (4 regions)";
          rows.push({ name: `apply ${label}, fresh emulator`, seconds: [seconds], median: seconds });
          const dir = path.join(localDir, "cdktf.out", "stacks", stack);
          measure(
            `plan ${label}, no changes`,
            runs,
            () =>
              run(
                `plan of ${stack}`,
                "terraform",
                ["plan", "-input=false", "-no-color", "-lock=false"],
                local,
                dir,
              ).seconds,
          );
        }
      } finally {
        spawnSync("node", node("src/tools/local-down.ts"), { cwd: REPO_ROOT, env: local });
      }
      // The example: make local fresh, unchanged and with REFRESH=1, the floor of an unchanged run, the unit tier.
      const exampleDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-example-"));
      scratch.push(exampleDir);
      const example = {
        ...process.env,
        LZ_LOCAL_DIR: exampleDir,
        LZ_LOCAL_PORT: process.env.LZ_BENCH_PORT ?? "45688",
      };
      try {
        let fresh = "";
        measure(ROWS.localFresh, 1, () => {
          const result = logApplies(run("make local", "node", node("src/tools/local.ts"), example));
          fresh = result.stdout;
          return result.seconds;
        });
        const path_ = criticalPath(
          new Map([...fresh.matchAll(/^apply: (\S+): .*\((\d+\.\d)s\)$/gm)].map((m) => [m[1], Number(m[2])])),
          new Map(stacksInOrder(path.join(exampleDir, "cdktf.out")).map((s) => [s.name, s.dependencies])),
        );
        rows.push({ name: ROWS.criticalPath, seconds: [path_.seconds], median: path_.seconds });
        notes[NOTES.criticalPath] = path_.stacks.join(" → ");
        measure(
          ROWS.localUnchanged,
          runs,
          () => logApplies(run("make local", "node", node("src/tools/local.ts"), example)).seconds,
        );
        measure(
          ROWS.localRefresh,
          1,
          () =>
            logApplies(run("make local", "node", node("src/tools/local.ts", ["--refresh"]), example)).seconds,
        );
      } finally {
        spawnSync("node", node("src/tools/local-down.ts"), { cwd: REPO_ROOT, env: example });
      }
      const exampleOut = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-synth-"));
      scratch.push(exampleOut);
      measure(
        ROWS.exampleSynth,
        runs,
        () => run("synth", "node", node("main.ts"), { ...process.env, CDKTF_OUTDIR: exampleOut }).seconds,
      );
      // make test's own record of its last run here (src/tools/test-timing.ts); .ci/run on a fresh clone writes
      // it in that clone: copy its .lz/test-timing.json here to report that run.
      const timing = readTestTiming();
      if (timing !== undefined) {
        rows.push({ name: ROWS.makeTest, seconds: [timing.seconds], median: timing.seconds });
        notes[NOTES.makeTest] =
          `${(timing.seconds / 60).toFixed(1)} min at ${timing.commit} on ${timing.date.slice(0, 10)}, ` +
          `${timing.passed} passed, ${timing.failed} failed (${timing.tiers
            .map(
              (t) =>
                `${t.project} ${t.seconds.toFixed(0)} s, longest file ${t.longestFile} ${t.longestSeconds.toFixed(0)} s`,
            )
            .join("; ")})`;
      }
      // Saved before the unit tier runs: its tests check that the docs' tables match the results file.
      await save();
      const unitResults = path.join(os.tmpdir(), `lz-bench-unit-${process.pid}.json`);
      measure(
        UNIT_TIER_ROW,
        1,
        () =>
          run(
            "unit tier",
            path.join(REPO_ROOT, "node_modules", ".bin", "jest"),
            // Two workers, as make test runs the tier (results before 2026-12-01 18:00 UTC used jest's default, one).
            ["--selectProjects", "unit", "--maxWorkers=2", "--json", `--outputFile=${unitResults}`],
            process.env,
          ).seconds,
      );
      const longest = Math.max(
        ...(
          JSON.parse(fs.readFileSync(unitResults, "utf8")) as {
            testResults: Array<{ startTime: number; endTime: number }>;
          }
        ).testResults.map((r) => (r.endTime - r.startTime) / 1000),
      );
      fs.rmSync(unitResults, { force: true });
      rows.push({ name: ROWS.longestUnitFile, seconds: [longest], median: longest });
    }
  } finally {
    scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  }
  await save();
  process.stdout.write(`\n${benchTable(resultsNow(), previous)}\n`);
  for (const [name, measured, floor, ratio, status] of targetRows(resultsNow())) {
    process.stdout.write(
      `target: ${name}: ${measured} (floor ${floor.split(":")[0]}${ratio ? `, ${ratio}` : ""}): ${status}\n`,
    );
  }
  for (const [fact, value] of Object.entries(facts)) process.stdout.write(`${fact}: ${value}\n`);
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), RESULTS_FILE)} and the tables in the docs\n`);
}

if (require.main === module) runCli(main);
