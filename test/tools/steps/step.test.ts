// One step of `npm test` (tools/steps/step.ts): an npm script's stdout and stderr handed on line by
// line, whole lines only, kept for the summary, and its exit code.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runStep } from "../../../tools/steps/step.js";
import { fixtureProject } from "./fixture.js";

const scripts = {
  // A line written in two parts, a while apart: a reader that hands on chunks would cut it in two.
  parts:
    "node -e \"process.stdout.write('one li'); setTimeout(() => { process.stdout.write('ne\\ntwo\\n'); console.error('on stderr'); process.exit(4) }, 100)\"",
  args: "node args.mjs",
};
let project: string;
beforeAll(async () => {
  project = await fixtureProject(
    { "args.mjs": "console.log(JSON.stringify(process.argv.slice(2)));\n" },
    scripts,
  );
});
afterAll(() => rm(project, { recursive: true, force: true }));

describe("runStep", () => {
  test("hands on each whole line of stdout and stderr, keeps them, and keeps the exit code", async () => {
    const handed: string[] = [];
    const result = await runStep("parts", {
      env: process.env,
      onLine: (line) => handed.push(line),
      cwd: project,
    });
    expect(handed.sort()).toEqual(["on stderr", "one line", "two"]);
    expect(result.output.split("\n").sort()).toEqual(["on stderr", "one line", "two"]);
    expect(result).toMatchObject({ name: "parts", code: 4 });
  }, 60_000);

  test("passes its arguments to the script whole, spaces included", async () => {
    const result = await runStep("args", {
      env: process.env,
      args: ["--reporter=/a b/c.ts", "--x"],
      cwd: project,
    });
    expect(result.output).toBe('["--reporter=/a b/c.ts","--x"]');
  }, 60_000);
});
