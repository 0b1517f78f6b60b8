// How the steps share one output (tools/steps/printer.ts): a step printed whole sits under its own
// header, and a streaming step's lines always sit under the streaming step's header.
import { describe, expect, test } from "vitest";
import { StepPrinter } from "../../../tools/steps/printer.js";
import type { StepResult } from "../../../tools/steps/step.js";

function printer(): { printer: StepPrinter; lines: () => string[] } {
  let text = "";
  return { printer: new StepPrinter((more) => (text += more)), lines: () => text.split("\n") };
}

const lint: StepResult = { name: "lint:code", code: 0, output: "Checked 3 files\n", seconds: 1.25 };

describe("the step printer", () => {
  test("prints a step whole: its header, its output, its verdict", () => {
    const { printer: out, lines } = printer();
    out.block(lint);
    out.block({ name: "check", code: 1, output: "", seconds: 2 });
    expect(lines()).toEqual([
      `── lint:code ${"─".repeat(51)}`,
      "Checked 3 files",
      "── lint:code passed in 1.3 s",
      "",
      `── check ${"─".repeat(55)}`,
      "── check failed (exit 1) in 2.0 s",
      "",
      "",
    ]);
  });

  test("prints a streaming step's lines under its header, printed again after another step's block", () => {
    const { printer: out, lines } = printer();
    out.line("test:vitest", " RUN  v4");
    out.line("test:vitest", " ✓ a.test.ts");
    out.block(lint);
    out.line("test:vitest", " ✓ b.test.ts");
    out.end({ name: "test:vitest", code: 0, output: "", seconds: 30 });
    expect(lines()).toEqual([
      `── test:vitest ${"─".repeat(49)}`,
      " RUN  v4",
      " ✓ a.test.ts",
      `── lint:code ${"─".repeat(51)}`,
      "Checked 3 files",
      "── lint:code passed in 1.3 s",
      "",
      `── test:vitest (continued) ${"─".repeat(37)}`,
      " ✓ b.test.ts",
      "── test:vitest passed in 30.0 s",
      "",
      "",
    ]);
  });

  test("prints a streaming step's verdict under its header when another step's block came last", () => {
    const { printer: out, lines } = printer();
    out.line("test:vitest", " RUN  v4");
    out.block(lint);
    out.end({ name: "test:vitest", code: 1, output: "", seconds: 3 });
    expect(lines().slice(-6)).toEqual([
      "── lint:code passed in 1.3 s",
      "",
      `── test:vitest (continued) ${"─".repeat(37)}`,
      "── test:vitest failed (exit 1) in 3.0 s",
      "",
      "",
    ]);
  });
});
