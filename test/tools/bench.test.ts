// make bench's pieces that can be wrong without a slow machine noticing: the generated configurations are valid
// and as large as asked, and the table compares each row with the previous results.
import * as fs from "fs";
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { BENCH_REGIONS, writeBenchConfig } from "../../src/tools/bench-config";
import { benchTable, BenchResults, median, RESULTS_FILE } from "../../src/tools/bench";

it("generates a valid configuration of exactly the asked number of accounts, over four regions and every workload OU", () => {
  const dir = writeBenchConfig(100);
  try {
    const config = loadConfig(dir);
    expect(config.organization.accounts).toHaveLength(100);
    expect(config.organization.regions).toEqual([...BENCH_REGIONS]);
    expect(new Set(config.organization.accounts.map((a) => a.ou))).toEqual(
      new Set(["Security", "Infrastructure", "Workloads/Prod", "Workloads/NonProd", "Sandbox"]),
    );
    expect(config.environments.map((e) => e.accounts.length).reduce((a, b) => a + b, 0)).toBeGreaterThan(60);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it("takes the median, and shows each row's change against the previous results", () => {
  expect(median([3, 1, 2])).toBe(2);
  const row = (name: string, seconds: number[]) => ({ name, seconds, median: median(seconds) });
  const previous: BenchResults = {
    date: "2026-11-23T10:00:00.000Z",
    machine: { cpus: 2, memoryGiB: 24, node: "v20" },
    facts: {},
    rows: [row("synth, 10 accounts", [4])],
  };
  const now: BenchResults = {
    ...previous,
    rows: [row("synth, 10 accounts", [3, 2, 4]), row("validate", [1])],
  };
  expect(benchTable(now, previous).split("\n")).toEqual([
    "| What | Median (s) | Runs | Previous (2026-11-23) | Change |",
    "| --- | --- | --- | --- | --- |",
    "| synth, 10 accounts | 3.0 | 3 | 4.0 | -25% |",
    "| validate | 1.0 | 1 | new |",
    "",
  ]);
  expect(path.relative(path.join(__dirname, "..", ".."), RESULTS_FILE)).toBe(
    path.join("bench", "results.json"),
  );
});
