// The vitest reporter of `npm test`'s runner (tools/steps/vitest-report.ts), run by vitest itself on a
// fixture project: every kind of failure named with its file, describe path and test, and nothing
// that passed; a run that stopped before its files says so and names its global setup.
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { localBin } from "../../../tools/shared/bin.mjs";
import type { VitestResults } from "../../../tools/steps/vitest-report.js";
import { BASE, CHANGES, fixtureProject } from "./fixture.js";

const run = promisify(execFile);
const REPORTER = resolve("tools/steps/vitest-report.ts");
const projects: string[] = [];
afterAll(() => Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true }))));

/** vitest run in a fixture project of `files`, with the reporter: its exit code, stderr and results. */
async function report(files: Record<string, string>, args = ["--outputFile.steps=results.json"]) {
  const project = await fixtureProject(files);
  projects.push(project);
  const { code, stderr } = await run(localBin("vitest"), ["run", `--reporter=${REPORTER}`, ...args], {
    cwd: project,
  }).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (error: { code: number; stderr: string }) => error,
  );
  const results = await readFile(join(project, "results.json"), "utf8").then(
    (text) => JSON.parse(text) as VitestResults,
    () => undefined,
  );
  return { code, stderr, results, project };
}

describe("the steps reporter", () => {
  test("names every failed test, suite and file and every error outside a test, and nothing that passed", async () => {
    const { code, results, project } = await report({
      ...BASE,
      ...CHANGES["a broken test"],
      ...CHANGES["a file that fails to import"],
      ...CHANGES["a failing hook"],
      ...CHANGES["an error thrown after its test"],
      ...CHANGES["a type error"],
    });
    expect(code).toBe(1);
    expect(results).toEqual({
      reason: "failed",
      planned: 5,
      ran: 5,
      globalSetup: [],
      failures: [
        {
          kind: "suite",
          where: "hooks.check.ts > with a server",
          messages: ["Error: the server did not start"],
        },
        {
          kind: "file",
          where: "imports.check.ts:1:1",
          messages: [`Error: Cannot find module './missing.js' imported from ${project}/imports.check.ts`],
        },
        {
          kind: "test",
          where: "parsing.check.ts > parsing > bad input > rejects a broken spec",
          messages: ["AssertionError: expected 'accepted' to be 'rejected' // Object.is equality"],
        },
        {
          kind: "file",
          where: "types.check-d.ts:4:14",
          messages: ["TypeCheckError: Type 'string' is not assignable to type 'number'."],
        },
        {
          kind: "test",
          where: "types.check-d.ts > a count is a number",
          messages: [expect.stringMatching(/^TypeCheckError: /)],
        },
        {
          kind: "unhandled",
          where: "late.check.ts (Uncaught Exception, latest test: starts a timer it does not wait for)",
          messages: ["Error: thrown by the timer"],
        },
      ],
    });
  }, 120_000);

  test("says a run that stopped in its global setup ran none of its files, and names the setup", async () => {
    const { code, results } = await report({ ...BASE, ...CHANGES["a failing global setup"] });
    expect(code).not.toBe(0);
    expect(results).toEqual({
      reason: "failed",
      planned: 1,
      ran: 0,
      globalSetup: ["setup.mjs"],
      failures: [],
    });
  }, 120_000);

  test("refuses to run without the file to write, naming the option", async () => {
    const { code, stderr, results } = await report(BASE, []);
    expect(code).not.toBe(0);
    expect(stderr).toContain("tools/steps/vitest-report.ts: name its file with --outputFile.steps=PATH");
    expect(results).toBeUndefined();
  }, 120_000);
});
