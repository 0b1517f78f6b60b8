// `npm run test:contract -- --shard i/n` splits a spec's operations so that the n runs of a CI matrix
// together run every contract case once, in parts of about the same size.
import { describe, expect, test } from "vitest";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { deriveCases } from "../../../tools/contract/derive.js";
import { inShard, operationsInShard, parseShard } from "../../../tools/contract/shard.js";
import { suiteRun } from "../../../tools/contract/suite.js";
import { UsageError } from "../../../tools/shared/cli.js";
import { specFiles } from "../../../tools/shared/specs.js";

const SPECS = await specFiles("spec");

describe("parseShard", () => {
  test("reads I/N with 1 <= I <= N", () => {
    expect(parseShard("1/2")).toEqual({ index: 1, count: 2 });
    expect(parseShard("3/3")).toEqual({ index: 3, count: 3 });
  });

  test.each(["0/2", "3/2", "1/0", "1", "a/b", "1/2/3", " 1/2"])("refuses %j", (text) => {
    expect(parseShard(text)).toBeUndefined();
  });
});

describe("inShard", () => {
  test("puts each item in exactly one of the shards, in order", () => {
    const items = Array.from({ length: 17 }, (_, i) => i);
    const weight = (i: number) => (i % 5) + 1;
    for (const count of [1, 2, 3, 7, 17, 20]) {
      const parts = Array.from({ length: count }, (_, i) => inShard(items, weight, { index: i + 1, count }));
      expect(parts.flat()).toEqual(items);
    }
  });

  test("gives each shard about the same weight: no more than its share and one item's", () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const weight = (i: number) => (i * 7) % 13;
    const total = items.reduce((sum, i) => sum + weight(i), 0);
    for (const count of [2, 3, 8]) {
      for (let index = 1; index <= count; index++) {
        const part = inShard(items, weight, { index, count });
        const sum = part.reduce((s, i) => s + weight(i), 0);
        expect(sum).toBeLessThanOrEqual(total / count + 12);
        expect(sum).toBeGreaterThanOrEqual(total / count - 12);
      }
    }
  });

  test("splits items of no weight by their number", () => {
    const parts = [1, 2].map((index) => inShard([1, 2, 3, 4], () => 0, { index, count: 2 }));
    expect(parts).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe.each(SPECS)("the contract cases of %s", (specPath) => {
  test("--shard 1/2 and --shard 2/2 together run every case once", async () => {
    const spec = await loadContractSpec(specPath);
    const cases = deriveCases(spec);
    const ran = [1, 2].flatMap((index) => {
      const operations = new Set(
        operationsInShard(spec.operations, cases, { index, count: 2 }).map((op) => op.operationId),
      );
      return cases.filter((c) => operations.has(c.operationId)).map((c) => c.id);
    });
    const suiteCases = cases
      .filter((c) => spec.operations.some((op) => op.operationId === c.operationId))
      .map((c) => c.id);
    expect(ran.sort()).toEqual(suiteCases.sort());
  });
});

describe("suiteRun", () => {
  test("hands the shard to the suite, not to vitest, which splits by file", () => {
    const run = suiteRun({ shard: "2/3" }, {});
    expect(run.env.CONTRACT_SHARD).toBe("2/3");
    expect(run.args.join(" ")).not.toContain("shard");
  });

  test.each(["0/1", "2/1", "x"])("refuses --shard %j before any work", (shard) => {
    expect(() => suiteRun({ shard }, {})).toThrow(UsageError);
  });
});
