// The speed targets of docs/development.md (issue 34), each beside the floor that bounds it, as `make bench`
// measured them: whether each is met, and, for one that is not, what stops it. Rendered into the docs and printed
// by `make bench`; a benchmark reports, it never fails a slow machine.
import type { BenchResults } from "./bench-docs";

/** The row of `make vend`'s time to its printed plan (dry run) into a configuration of `size` accounts. */
export function vendToPlanRow(size: number): string {
  return `make vend to printed plan (dry run), ${size} accounts`;
}

/** Row names that more than one part of the benchmark reads. */
export const ROWS = {
  unitTier: "unit tier (jest, lint and type check excluded)",
  localFresh: "make local, example, fresh emulator",
  localUnchanged: "make local, example, again (no changes)",
  localRefresh: "make local REFRESH=1, example (every stack planned)",
  exampleSynth:
    "validate, prove and synthesize the example (main.ts: what an unchanged make local cannot skip)",
  criticalPath: "critical path of the fresh make local (its longest chain of dependent stack applies)",
  longestUnitFile: "longest unit test file (jest runs each file on one worker)",
  makeTest: "make test, last run on this machine (fresh clone when run by .ci/run)",
  vend300: vendToPlanRow(300),
  validate300: "validate, 300 accounts",
} as const;

/** Notes that are words, not seconds: the critical path's stacks, the commit make test ran at. */
export const NOTES = {
  criticalPath: "critical path",
  makeTest: "make test",
} as const;

/** One target: the measured row, its limit, and the row that bounds it from below. */
export interface SpeedTarget {
  /** The target as the issue words it. */
  readonly name: string;
  /** The limit, in seconds. */
  readonly limit: number;
  /** The row that measures it. */
  readonly measured: string;
  /** The row that is its floor: what it cannot go below on this machine. */
  readonly floor: string;
  /** Why that row is the floor. */
  readonly floorIs: string;
}

/** The targets of issue 34, on two cores. */
export const SPEED_TARGETS: readonly SpeedTarget[] = [
  {
    name: "`make local`, nothing changed, ≤ 60 s",
    limit: 60,
    measured: ROWS.localUnchanged,
    floor: ROWS.exampleSynth,
    floorIs: "it must validate, prove and synthesize the configuration to know nothing changed",
  },
  {
    name: "`make local`, fresh emulator, ≤ 5 min",
    limit: 300,
    measured: ROWS.localFresh,
    floor: ROWS.criticalPath,
    floorIs:
      "the stacks on its longest dependency chain apply one after another, each bound by the AWS provider's own waits (a new KMS key's and an S3 lifecycle configuration's consistency reads)",
  },
  {
    name: "`make test` on a fresh clone, ≤ 15 min",
    limit: 900,
    measured: ROWS.makeTest,
    floor: ROWS.localFresh,
    floorIs: "the end-to-end tier must deploy the landing zone to a fresh emulator at least once",
  },
  {
    name: "Unit tier, ≤ 90 s",
    limit: 90,
    measured: ROWS.unitTier,
    floor: ROWS.longestUnitFile,
    floorIs: "jest runs a file on one worker, so the tier takes at least its longest file",
  },
  {
    name: "`make vend` into 300 accounts, to its printed plan, ≤ 10 s",
    limit: 10,
    measured: ROWS.vend300,
    floor: ROWS.validate300,
    floorIs: "a vend validates the whole configuration, and every account in it, before it writes anything",
  },
];

const seconds = (value: number | undefined): string =>
  value === undefined ? "not measured" : `${value.toFixed(1)} s`;

/** Each target as one table row: target, measured, floor, measured ÷ floor, met or not and why. */
export function targetRows(results: BenchResults): string[][] {
  const median = (name: string) => results.rows.find((r) => r.name === name)?.median;
  return SPEED_TARGETS.map((target) => {
    const measured = median(target.measured);
    const floor = median(target.floor);
    const ratio = measured !== undefined && floor !== undefined && floor > 0 ? measured / floor : undefined;
    const status =
      measured === undefined
        ? "not measured"
        : measured <= target.limit
          ? "met"
          : floor !== undefined && floor > target.limit
            ? "missed: its floor is above the target"
            : "missed";
    return [
      target.name,
      seconds(measured),
      `${seconds(floor)}: ${target.floorIs}`,
      ratio === undefined ? "" : `${ratio.toFixed(1)}×`,
      status,
    ];
  });
}

/** The longest chain of dependent stacks and its length, from each stack's apply time and its dependencies. */
export function criticalPath(
  applySeconds: ReadonlyMap<string, number>,
  dependencies: ReadonlyMap<string, readonly string[]>,
): { readonly seconds: number; readonly stacks: readonly string[] } {
  const memo = new Map<string, { seconds: number; stacks: string[] }>();
  const longest = (stack: string): { seconds: number; stacks: string[] } => {
    const known = memo.get(stack);
    if (known) return known;
    let best = { seconds: 0, stacks: [] as string[] };
    for (const dep of dependencies.get(stack) ?? []) {
      if (!applySeconds.has(dep)) continue;
      const chain = longest(dep);
      if (chain.seconds > best.seconds) best = chain;
    }
    const result = {
      seconds: best.seconds + (applySeconds.get(stack) ?? 0),
      stacks: [...best.stacks, stack],
    };
    memo.set(stack, result);
    return result;
  };
  let best = { seconds: 0, stacks: [] as string[] };
  for (const stack of applySeconds.keys()) {
    const chain = longest(stack);
    if (chain.seconds > best.seconds) best = chain;
  }
  return best;
}
