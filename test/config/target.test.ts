// The local run's knobs from the environment: a clear error for a value that is not allowed, the default otherwise.
import {
  awsAccessFromEnv,
  DEFAULT_LOCAL_CONCURRENCY,
  localConcurrency,
  targetFromEnv,
} from "../../src/config/target";

describe("the member role for real AWS (LZ_ACCESS)", () => {
  it("deploys by default, as cdktf deploy run directly needs, and plans when asked", () => {
    expect(targetFromEnv({})).toEqual({ mode: "aws", access: "deploy" });
    expect(targetFromEnv({ LZ_ACCESS: "plan" })).toEqual({ mode: "aws", access: "plan" });
    expect(awsAccessFromEnv({}, "plan")).toBe("plan");
    expect(awsAccessFromEnv({ LZ_ACCESS: "" }, "plan")).toBe("plan");
    expect(awsAccessFromEnv({ LZ_ACCESS: "deploy" }, "plan")).toBe("deploy");
  });

  it("refuses anything else, naming the variable, the value and what is allowed", () => {
    expect(() => awsAccessFromEnv({ LZ_ACCESS: "admin" }, "plan")).toThrow(
      'LZ_ACCESS: received "admin"; expected deploy or plan',
    );
  });
});

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
