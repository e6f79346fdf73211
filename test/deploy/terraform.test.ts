// Running stacks in dependency order with bounded concurrency: what `make local` and `make drift` rely on.
import { forEachInDependencyOrder, SynthesizedStack } from "../../src/deploy/terraform";

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
