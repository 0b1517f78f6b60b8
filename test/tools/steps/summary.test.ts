// The summary `npm test` ends with (tools/steps/summary.ts): each failed step by name and exit code,
// vitest's failures from its results, the end of the output where no result names the failure.
import { describe, expect, test } from "vitest";
import type { StepResult } from "../../../tools/steps/step.js";
import { summary } from "../../../tools/steps/summary.js";
import type { VitestResults } from "../../../tools/steps/vitest-report.js";

const passed: StepResult = { name: "lint:code", code: 0, output: "Checked 3 files", seconds: 1 };
const results: VitestResults = { reason: "failed", planned: 2, ran: 2, globalSetup: [], failures: [] };

function vitestStep(vitest: VitestResults | null, output = "RUN v4\n"): StepResult {
  return { name: "test:vitest", code: 1, output, seconds: 30, vitest };
}

describe("the summary", () => {
  test("says every step passed, naming them", () => {
    expect(summary([passed, { ...passed, name: "check" }])).toBe(
      "npm test: all 2 steps passed (lint:code, check)",
    );
  });

  test("names a failed step with its exit code and the end of its output, colour codes taken out", () => {
    const output = Array.from({ length: 20 }, (_, i) => `\u001b[31mline ${i + 1}\u001b[39m`).join("\n");
    const lines = summary([passed, { name: "check", code: 3, output: `${output}\n\n`, seconds: 2 }]).split(
      "\n",
    );
    expect(lines.slice(0, 3)).toEqual([
      "npm test: 1 of 2 steps failed: check",
      "✗ check (exit 3); its output ends:",
      "    line 9",
    ]);
    expect(lines).toHaveLength(14);
    expect(lines.at(-1)).toBe("    line 20");
  });

  test("says so when a failed step printed nothing", () => {
    expect(
      summary([{ name: "typecheck", code: 2, output: "\n", seconds: 9 }])
        .split("\n")
        .slice(1),
    ).toEqual(["✗ typecheck (exit 2); its output ends:", "    (no output)"]);
  });

  describe("of a vitest step", () => {
    test("names each failure where it is, with the first line of its first error", () => {
      const failures: VitestResults["failures"] = [
        {
          kind: "test",
          where: "a.test.ts > parsing > rejects a spec",
          messages: ["AssertionError: no\n+ 1"],
        },
        { kind: "file", where: "b.test.ts:1:1", messages: ["Error: Cannot find module './c.js'"] },
        { kind: "suite", where: "d.test.ts > with a server", messages: ["Error: one", "Error: two"] },
        { kind: "unhandled", where: "e.test.ts (Uncaught Exception)", messages: ["Error: late"] },
      ];
      expect(summary([passed, vitestStep({ ...results, failures })]).split("\n")).toEqual([
        "npm test: 1 of 2 steps failed: test:vitest",
        "✗ test:vitest (exit 1): 4 failures",
        "    failed test: a.test.ts > parsing > rejects a spec",
        "        AssertionError: no",
        "    failed file: b.test.ts:1:1",
        "        Error: Cannot find module './c.js'",
        "    failed suite: d.test.ts > with a server",
        "        Error: one (and 1 more error)",
        "    error outside a test: e.test.ts (Uncaught Exception)",
        "        Error: late",
      ]);
    });

    test("cuts an error's line that runs on, the whole error being in the output above", () => {
      const failures = [{ kind: "test" as const, where: "a.test.ts > big", messages: ["x".repeat(1000)] }];
      const last = summary([vitestStep({ ...results, failures })])
        .split("\n")
        .at(-1);
      expect(last).toBe(`        ${"x".repeat(300)}…`);
    });

    test("says a run that wrote no results did so, and shows the end of its output", () => {
      expect(
        summary([vitestStep(null, "Error: config broken\n")])
          .split("\n")
          .slice(1),
      ).toEqual(["✗ test:vitest (exit 1) wrote no results; its output ends:", "    Error: config broken"]);
    });

    test("says a run that ran none of its files stopped before them, most likely in its global setup", () => {
      const stopped = { ...results, ran: 0, globalSetup: ["test/support/global-setup.ts"] };
      expect(
        summary([vitestStep(stopped, "Error: the mock did not start")])
          .split("\n")
          .slice(1),
      ).toEqual([
        "✗ test:vitest (exit 1): none of its 2 test files ran: it stopped before them, most likely in its" +
          " global setup (test/support/global-setup.ts); its output ends:",
        "    Error: the mock did not start",
      ]);
    });

    test("tells a run that found no test file, and one that failed with no failure named", () => {
      const none = summary([vitestStep({ ...results, planned: 0, ran: 0 })]);
      expect(none.split("\n")[1]).toBe(
        "✗ test:vitest (exit 1): it found no test file to run; its output ends:",
      );
      const quiet = summary([vitestStep(results)]);
      expect(quiet.split("\n")[1]).toBe(
        "✗ test:vitest (exit 1): no test failed, yet it exited non-zero; its output ends:",
      );
    });
  });
});
