// make bench's targets table: each target beside its floor, met or missed, and the critical path of a fresh
// make local computed from its per-stack apply times and the stacks' dependencies.
import { BenchResults, targetsSection } from "../../src/tools/bench-docs";
import { criticalPath, NOTES, ROWS, SPEED_TARGETS, targetRows } from "../../src/tools/bench-targets";

const row = (name: string, median: number) => ({ name, seconds: [median], median });

it("finds the longest chain of dependent applies, not the longest single apply", () => {
  const applied = new Map([
    ["organization", 25],
    ["security", 28],
    ["log-archive", 71],
    ["baseline-a", 120],
    ["baseline-b", 197],
    ["identity-center", 90],
    ["backup", 200],
  ]);
  const dependencies = new Map<string, readonly string[]>([
    ["security", ["organization"]],
    ["log-archive", ["organization", "security"]],
    ["baseline-a", ["log-archive"]],
    ["baseline-b", ["log-archive"]],
    ["identity-center", ["organization", "baseline-a", "baseline-b"]],
    ["backup", ["organization"]],
  ]);
  expect(criticalPath(applied, dependencies)).toEqual({
    seconds: 25 + 28 + 71 + 197 + 90,
    stacks: ["organization", "security", "log-archive", "baseline-b", "identity-center"],
  });
  // A dependency that was not applied in this run (STACK=) adds nothing.
  expect(criticalPath(new Map([["security", 28]]), dependencies)).toEqual({
    seconds: 28,
    stacks: ["security"],
  });
});

describe("the targets", () => {
  const results: BenchResults = {
    date: "2026-12-05T12:00:00.000Z",
    machine: { cpus: 2, memoryGiB: 24, node: "v20.20.2" },
    facts: {},
    notes: { [NOTES.criticalPath]: "organization → security" },
    rows: [
      row(ROWS.localUnchanged, 21.5),
      row(ROWS.exampleSynth, 14.3),
      row(ROWS.localFresh, 420),
      row(ROWS.criticalPath, 380),
      row(ROWS.unitTier, 120),
      row(ROWS.vend300, 8),
      row(ROWS.validate300, 6),
    ],
  };

  it("each stand beside their floor with the ratio, met or missed, and say when a floor is above the target", () => {
    expect(
      targetRows(results).map(([name, measured, , ratio, status]) => [name, measured, ratio, status]),
    ).toEqual([
      ["`make local`, nothing changed, ≤ 60 s", "21.5 s", "1.5×", "met"],
      ["`make local`, fresh emulator, ≤ 5 min", "420.0 s", "1.1×", "missed: its floor is above the target"],
      ["`make test` on a fresh clone, ≤ 15 min", "not measured", "", "not measured"],
      ["Unit tier, ≤ 90 s", "120.0 s", "", "missed"],
      ["`make vend` into 300 accounts, to its printed plan, ≤ 10 s", "8.0 s", "1.3×", "met"],
    ]);
    expect(targetRows(results)[0][2]).toBe(
      "14.3 s: it must validate, prove and synthesize the configuration to know nothing changed",
    );
    expect(SPEED_TARGETS.map((t) => t.limit)).toEqual([60, 300, 900, 90, 10]);
  });

  it("render as docs/development.md's generated targets table, with the critical path named", () => {
    const section = targetsSection(results);
    expect(section).toContain("| Target | Measured | Floor: what bounds it | Measured ÷ floor | Status |");
    expect(section).toContain("| `make local`, nothing changed, ≤ 60 s | 21.5 s | 14.3 s: it must validate");
    expect(section).toContain(
      "The critical path of the fresh `make local`: organization → security. `make test`: not measured.",
    );
  });
});
