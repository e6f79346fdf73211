// The speed and scale tables of docs/development.md and docs/scale.md, rendered from bench/results.json (written
// by `make bench`), so the numbers the docs state are the numbers the benchmark measured, with machine and date.
import * as fs from "fs";
import * as path from "path";
import { sectionMarkers, wrapSection } from "../config/generated-section";
import { REPO_ROOT } from "../deploy/terraform-env";
import { NOTES, ROWS, SPEED_TARGETS, targetRows } from "./bench-targets";

/** One measurement: what was timed and each run's seconds. */
export interface BenchRow {
  /** What was measured. */
  readonly name: string;
  /** Seconds per run. */
  readonly seconds: readonly number[];
  /** The median of `seconds`. */
  readonly median: number;
}

/** bench/results.json. */
export interface BenchResults {
  /** When the benchmark ran (ISO 8601). */
  readonly date: string;
  /** The machine it ran on. */
  readonly machine: { readonly cpus: number; readonly memoryGiB: number; readonly node: string };
  /** Counts about the generated configurations ("stacks, 300 accounts", "organization resources, 300 accounts"). */
  readonly facts: Readonly<Record<string, number>>;
  /** Facts in words: the critical path's stacks, the commit `make test` ran at (absent in results before 2026-12-05). */
  readonly notes?: Readonly<Record<string, string>>;
  readonly rows: readonly BenchRow[];
}

export const RESULTS_FILE = path.join(REPO_ROOT, "bench", "results.json");
export const SPEED_PAGE = "docs/development.md";
export const SCALE_PAGE = "docs/scale.md";
export const SPEED_MARKERS = sectionMarkers("bench", "make bench");
export const SCALE_MARKERS = sectionMarkers("bench-scale", "make bench");
export const SUMMARY_PAGE = "README.md";
export const SUMMARY_MARKERS = sectionMarkers("bench-summary", "make bench");
export const TARGETS_MARKERS = sectionMarkers("bench-targets", "make bench");

/** The unit tier's row in the results. */
export const UNIT_TIER_ROW = ROWS.unitTier;

/** The sizes `make bench` generates configurations for. */
export const BENCH_SIZES = [10, 100, 300] as const;

/** The results file, or undefined before the first `make bench`. */
export function readResults(file: string = RESULTS_FILE): BenchResults | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as BenchResults) : undefined;
}

function measuredOn(results: BenchResults): string {
  const { cpus, memoryGiB, node } = results.machine;
  return `Measured by \`make bench\` on ${results.date.slice(0, 10)}: ${cpus} cores, ${memoryGiB} GiB, Node ${node}; medians of the runs shown.`;
}

function seconds(value: number | undefined): string {
  return value === undefined ? "not measured" : `${value.toFixed(1)} s`;
}

/** Every measurement as a table: docs/development.md's speed table. */
export function speedSection(results: BenchResults): string {
  const lines = [
    measuredOn(results),
    "",
    "| What | Median | Runs |",
    "| --- | --- | --- |",
    ...results.rows.map((r) => `| ${r.name} | ${seconds(r.median)} | ${r.seconds.length} |`),
  ];
  return wrapSection(SPEED_MARKERS, lines.join("\n"));
}

/** The targets, each beside its floor (src/tools/bench-targets.ts): docs/development.md's targets table. */
export function targetsSection(results: BenchResults): string {
  const notes = results.notes ?? {};
  const lines = [
    measuredOn(results),
    "",
    "| Target | Measured | Floor: what bounds it | Measured ÷ floor | Status |",
    "| --- | --- | --- | --- | --- |",
    ...targetRows(results).map((cells) => `| ${cells.join(" | ")} |`),
    "",
    `The critical path of the fresh \`make local\`: ${notes[NOTES.criticalPath] ?? "not measured"}. ` +
      `\`make test\`: ${notes[NOTES.makeTest] ?? "not measured"}.`,
  ];
  return wrapSection(TARGETS_MARKERS, lines.join("\n"));
}

/** Per configuration size: stacks, the central stacks' resources and the times that grow with them. */
export function scaleSection(results: BenchResults): string {
  const median = (name: string) => results.rows.find((r) => r.name === name)?.median;
  const fact = (name: string) => results.facts[name]?.toString() ?? "not measured";
  const lines = [
    measuredOn(results),
    "",
    "| Accounts | Stacks | `organization` resources | `identity-center` resources | `detective-controls` resources | Validate | Synth | `make vend` to printed plan |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...BENCH_SIZES.map((size) =>
      [
        size,
        fact(`stacks, ${size} accounts`),
        fact(`organization resources, ${size} accounts`),
        fact(`identity-center resources, ${size} accounts`),
        fact(`detective-controls resources, ${size} accounts`),
        seconds(median(`validate, ${size} accounts`)),
        seconds(median(`synth, ${size} accounts`)),
        seconds(median(`make vend to printed plan (dry run), ${size} accounts`)),
      ].join(" | "),
    ).map((row) => `| ${row} |`),
  ];
  return wrapSection(SCALE_MARKERS, lines.join("\n"));
}

/** The README's one paragraph: how long the two commands' loops take, from the same results. */
export function summarySection(results: BenchResults): string {
  const median = (name: string) => seconds(results.rows.find((r) => r.name === name)?.median);
  const { cpus, memoryGiB } = results.machine;
  return wrapSection(
    SUMMARY_MARKERS,
    `Measured by \`make bench\` on ${results.date.slice(0, 10)} (${cpus} cores, ${memoryGiB} GiB): \`make local\` ` +
      `${median(ROWS.localFresh)} on a fresh emulator and ` +
      `${median(ROWS.localUnchanged)} again with no changes (${median(ROWS.localRefresh)} with REFRESH=1); \`make test\` ` +
      `${median(ROWS.makeTest)}; the unit tier ` +
      `${median(UNIT_TIER_ROW)}; \`make vend\` into 300 accounts prints its plan in ` +
      `${median(ROWS.vend300)}; ${SPEED_TARGETS.length} targets, each beside its floor. Every number, the targets and where the time goes: ` +
      "[speed](docs/development.md#speed).",
  );
}

/** Every page part rendered from the results: where it goes and what it says. */
export function benchSections(
  results: BenchResults,
): Array<{ page: string; markers: { begin: string; end: string }; section: string }> {
  return [
    { page: SPEED_PAGE, markers: SPEED_MARKERS, section: speedSection(results) },
    { page: SPEED_PAGE, markers: TARGETS_MARKERS, section: targetsSection(results) },
    { page: SCALE_PAGE, markers: SCALE_MARKERS, section: scaleSection(results) },
    { page: SUMMARY_PAGE, markers: SUMMARY_MARKERS, section: summarySection(results) },
  ];
}
