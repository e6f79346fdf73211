// Running stacks in dependency order with bounded concurrency, and picking stacks by name (STACK=): what
// `make local`, `make drift` and `make deploy` rely on.
import { forEachInDependencyOrder, selectStacks, SynthesizedStack } from "../../src/deploy/terraform";

const stack = (name: string, dependencies: string[] = []): SynthesizedStack => ({
  name,
  dir: name,
  dependencies,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("forEachInDependencyOrder", () => {
  it("starts a stack only after its dependencies and never runs more than the limit at once", async () => {
    const stacks = [
      stack("org"),
      stack("a", ["org"]),
      stack("b", ["org"]),
      stack("c", ["org"]),
      stack("d", ["a", "b", "c"]),
    ];
    const finished: string[] = [];
    let running = 0;
    let peak = 0;
    await forEachInDependencyOrder(stacks, 2, async (s) => {
      for (const dep of s.dependencies) expect(finished).toContain(dep);
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      finished.push(s.name);
    });
    expect(peak).toBe(2);
    expect(finished[0]).toBe("org");
    expect(finished[finished.length - 1]).toBe("d");
    expect([...finished].sort()).toEqual(["a", "b", "c", "d", "org"]);
  });

  it("starts nothing new after a failure, lets running stacks finish, and throws the first error", async () => {
    const stacks = [stack("a"), stack("b"), stack("c", ["a"])];
    const started: string[] = [];
    const finished: string[] = [];
    await expect(
      forEachInDependencyOrder(stacks, 2, async (s) => {
        started.push(s.name);
        await tick();
        if (s.name === "a") throw new Error("a failed");
        await tick();
        finished.push(s.name);
      }),
    ).rejects.toThrow("a failed");
    expect(started).toEqual(["a", "b"]);
    expect(finished).toEqual(["b"]);
  });
});

describe("selectStacks", () => {
  const synthesized = [stack("organization"), stack("security", ["organization"]), stack("network-dev")];

  it("picks named stacks, comma-separated or not, in dependency order; all of them when none is named", () => {
    expect(selectStacks(synthesized, ["network-dev,organization"]).map((s) => s.name)).toEqual([
      "organization",
      "network-dev",
    ]);
    expect(selectStacks(synthesized, ["security", ""]).map((s) => s.name)).toEqual(["security"]);
    expect(selectStacks(synthesized, []).map((s) => s.name)).toEqual([
      "organization",
      "security",
      "network-dev",
    ]);
  });

  it("names every unknown stack and the stacks there are", () => {
    expect(() => selectStacks(synthesized, ["securty,network-prod"])).toThrow(
      'STACK: received "securty", "network-prod"; expected stack names from: organization, security, network-dev',
    );
  });
});
