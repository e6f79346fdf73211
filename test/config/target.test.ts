// The local run's knobs from the environment: a clear error for a value that is not allowed, the default otherwise.
import { DEFAULT_LOCAL_CONCURRENCY, localConcurrency } from "../../src/config/target";

describe("localConcurrency", () => {
  it("defaults, and takes a whole number from 1 to 32", () => {
    expect(localConcurrency({})).toBe(DEFAULT_LOCAL_CONCURRENCY);
    expect(localConcurrency({ LZ_LOCAL_CONCURRENCY: "" })).toBe(DEFAULT_LOCAL_CONCURRENCY);
    expect(localConcurrency({ LZ_LOCAL_CONCURRENCY: "2" })).toBe(2);
  });

  it.each(["0", "33", "2.5", "many"])(
    "refuses %s, naming the variable, the value and what is allowed",
    (raw) => {
      expect(() => localConcurrency({ LZ_LOCAL_CONCURRENCY: raw })).toThrow(
        `LZ_LOCAL_CONCURRENCY: received "${raw}"; expected a whole number from 1 to 32`,
      );
    },
  );
});
