// make bench's pieces that can be wrong without a slow machine noticing: the generated configurations are valid
// and as large as asked, and the table compares each row with the previous results.
import * as fs from "fs";
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { BENCH_REGIONS, writeBenchConfig } from "../../src/tools/bench-config";
import { benchTable, median } from "../../src/tools/bench";
import {
  BenchResults,
  benchSections,
  readResults,
  RESULTS_FILE,
  scaleSection,
  speedSection,
} from "../../src/tools/bench-docs";
import { normalizedMarkdown, sectionOf } from "../../src/config/generated-section";
import { REPO_ROOT } from "../../src/deploy/terraform-env";

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

describe("the measured tables in the docs", () => {
  const results = readResults();
  const page = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");

  it("come from bench/results.json, which the last make bench wrote", () => {
    expect(results).toBeDefined();
    const sections = benchSections(results!);
    expect(sections.map((s) => s.page)).toEqual([
      "docs/development.md",
      "docs/development.md",
      "docs/scale.md",
      "README.md",
    ]);
    for (const { page: file, markers, section } of sections) {
      expect({ file, text: normalizedMarkdown(sectionOf(page(file), markers, file)) }).toEqual({
        file,
        text: normalizedMarkdown(section),
      });
    }
  });

  it("say when, on what machine, and how many runs each number is the median of", () => {
    const fixture: BenchResults = {
      date: "2026-12-01T17:00:00.000Z",
      machine: { cpus: 2, memoryGiB: 24, node: "v20.20.2" },
      facts: { "stacks, 10 accounts": 20, "organization resources, 10 accounts": 45 },
      rows: [{ name: "synth, 10 accounts", seconds: [2.1, 2.3, 2.2], median: 2.2 }],
    };
    const speed = speedSection(fixture);
    expect(speed).toContain("Measured by `make bench` on 2026-12-01: 2 cores, 24 GiB, Node v20.20.2");
    expect(speed).toContain("| synth, 10 accounts | 2.2 s | 3 |");
    expect(scaleSection(fixture)).toContain(
      "| 10 | 20 | 45 | not measured | not measured | not measured | 2.2 s | not measured |",
    );
  });
});
