// `npm test`'s runner (tools/steps/steps.ts): each step's output under its own name, no colour into a
// file or pipe, and a summary at the end that names the failing step and the line that says why.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { localBin } from "../../../tools/shared/bin.mjs";
import { stepEnvironment, summary, tellingLines } from "../../../tools/steps/steps.js";

const run = promisify(execFile);

describe("stepEnvironment", () => {
  test("asks for no colour when the run's output is not a terminal, and for colour when it is", () => {
    expect(stepEnvironment({ A: "1" }, false)).toEqual({ A: "1", NO_COLOR: "1" });
    expect(stepEnvironment({ A: "1" }, true)).toEqual({ A: "1", FORCE_COLOR: "1" });
  });

  test("leaves a colour choice already made alone", () => {
    expect(stepEnvironment({ FORCE_COLOR: "0" }, false)).toEqual({ FORCE_COLOR: "0" });
    expect(stepEnvironment({ NO_COLOR: "" }, true)).toEqual({ NO_COLOR: "" });
  });
});

describe("the summary", () => {
  const stale = [
    "stale: generated/image-search.ts does not match the spec",
    "stale: generated/image-search.validators.ts does not match the spec",
    "Run `npm run generate` and commit the result.",
  ].join("\n");

  test("names each failing step and the lines that say what went wrong", () => {
    const text = summary([
      { name: "lint:code", code: 0, output: "Checked 3 files", seconds: 1 },
      { name: "check", code: 1, output: stale, seconds: 2 },
    ]);
    expect(text).toBe(
      [
        "npm test: 1 of 2 steps failed: check",
        "✗ check",
        "    stale: generated/image-search.ts does not match the spec",
        "    stale: generated/image-search.validators.ts does not match the spec",
      ].join("\n"),
    );
  });

  test("finds vitest's failures under its colour codes, and says how many more there are", () => {
    const output = Array.from(
      { length: 7 },
      (_, i) => `\u001b[41m FAIL \u001b[49m test/a.test.ts > case ${i}`,
    );
    const lines = tellingLines(`RUN v4\n${output.join("\n")}\n`);
    expect(lines[0]).toBe("FAIL  test/a.test.ts > case 0");
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe("… and 2 more such lines above");
  });

  test("falls back on a failed step's last lines when none says error", () => {
    expect(tellingLines("one\ntwo\nexit code 3\n", 2)).toEqual(["two", "exit code 3"]);
  });
});

describe("tsx tools/steps/steps.ts as npm test runs it", () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), "steps-"));
    const scripts = {
      quick: "node -e \"console.log('quick says hi'); console.error('colour: ' + process.env.NO_COLOR)\"",
      slow: "node -e \"setTimeout(() => { console.log('slow out'); console.error('stale: generated/x.ts does not match the spec'); process.exit(1) }, 2000)\"",
    };
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", scripts }));
  });
  afterAll(() => rm(project, { recursive: true, force: true }));

  test("prints each step under its header, no colour code, and ends on the summary naming the failure", async () => {
    const tsx = localBin("tsx");
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const result = await run(tsx, [resolve("tools/steps/steps.ts"), "slow", "quick"], {
      cwd: project,
      env,
    }).then(
      () => ({ code: 0, stdout: "" }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(result.code).toBe(1);
    const out = result.stdout;
    expect(out).not.toContain("\u001b[");
    expect(out).toMatch(
      /^── quick ─+\nquick says hi\ncolour: 1\n── quick passed in [\d.]+ s\n\n── slow ─+\n/,
    );
    expect(out).toContain(
      "slow out\nstale: generated/x.ts does not match the spec\n── slow failed (exit 1) in",
    );
    expect(out.trimEnd().split("\n").slice(-3)).toEqual([
      "npm test: 1 of 2 steps failed: slow",
      "✗ slow",
      "    stale: generated/x.ts does not match the spec",
    ]);
  }, 60_000);
});
