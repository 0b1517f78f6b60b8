// The cache of the spec parser and the type generator: one computation per key, a failure tried
// again, and a bounded size.
import { describe, expect, test } from "vitest";
import { memoize } from "../../../tools/shared/memo.js";

function counted(fail = (_: string) => false) {
  const calls: string[] = [];
  const compute = async (input: string) => {
    calls.push(input);
    if (fail(input)) throw new Error(`no ${input}`);
    return input.toUpperCase();
  };
  return { calls, compute };
}

describe("memoize", () => {
  test("computes once per key, and hands every caller the same answer", async () => {
    const { calls, compute } = counted();
    const cached = memoize(compute, (s) => s, 8);
    expect(await Promise.all([cached("a"), cached("a"), cached("b")])).toEqual(["A", "A", "B"]);
    expect(await cached("a")).toBe("A");
    expect(calls).toEqual(["a", "b"]);
  });

  test("keeps no failure: the next call computes again", async () => {
    let failing = true;
    const { calls, compute } = counted(() => failing);
    const cached = memoize(compute, (s) => s, 8);
    await expect(cached("a")).rejects.toThrow("no a");
    failing = false;
    expect(await cached("a")).toBe("A");
    expect(calls).toEqual(["a", "a"]);
  });

  test("starts again once it holds more than its limit", async () => {
    const { calls, compute } = counted();
    const cached = memoize(compute, (s) => s, 2);
    for (const key of ["a", "b", "c", "d", "a"]) await cached(key);
    // a, b and c fill it past the limit; d clears it, so a is computed again.
    expect(calls).toEqual(["a", "b", "c", "d", "a"]);
    await cached("d");
    expect(calls).toHaveLength(5);
  });
});
