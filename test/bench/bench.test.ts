// The bench's command line and its bad-request score: every option is in --help, results go to the
// tracked file only when asked, and the kinds of bad request come from the contract suite's cases,
// which our mock answers as the service documents.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { badRequestKinds, badRequestScores } from "../../bench/bad-requests.js";
import { timeCommand } from "../../bench/measure.js";
import { OUR_MOCK } from "../../bench/mock.js";
import {
  OPTIONS,
  ROW_GROUPS,
  readOptions,
  resultsPath,
  rowGroups,
  TRACKED_RESULTS,
  UNTRACKED_RESULTS,
} from "../../bench/options.js";
import { withGoalsJudged } from "../../bench/rows.js";
import { rowsOf } from "../../bench/spec-pipeline.js";
import { localBin } from "../../tools/shared/bin.mjs";

const run = promisify(execFile);
const bench = (...args: string[]) => run(localBin("tsx"), ["bench/run.ts", ...args]);

describe("npm run bench", () => {
  test("--help names every option the bench accepts, and runs nothing", async () => {
    const { stdout, stderr } = await bench("--help");
    for (const name of Object.keys(OPTIONS)) expect(stdout).toContain(`--${name}`);
    expect(stderr).not.toContain("[bench");
  });

  test("an unknown option is refused with the help, exit code 2", async () => {
    const failed = await bench("--bogus").catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain("Unknown option '--bogus'");
    expect((failed as { stderr: string }).stderr).toContain("--write");
  });

  test("results go to the ignored file by default, to the tracked one with --write, to --out when given", () => {
    expect(resultsPath(readOptions([]))).toBe(UNTRACKED_RESULTS);
    expect(resultsPath(readOptions(["--write"]))).toBe(TRACKED_RESULTS);
    expect(resultsPath(readOptions(["--write", "--out", "x.json"]))).toBe("x.json");
  });

  test("--only runs the named groups of rows, every group without it", () => {
    expect(rowGroups(readOptions(["--only", "mock-scale, pipeline-scale"]).only)).toEqual([
      "mock-scale",
      "pipeline-scale",
    ]);
    expect(rowGroups(readOptions([]).only)).toEqual([...ROW_GROUPS]);
  });

  test("--only with an unknown group is refused with the help, naming the known groups, exit code 2", async () => {
    const failed = await bench("--only", "mock,bogus").catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain("unknown group(s) bogus");
    expect((failed as { stderr: string }).stderr).toContain(ROW_GROUPS.join(", "));
  });

  test("a goal is judged in its own direction, at most or at least", () => {
    const rows = withGoalsJudged([
      { key: "a", what: "", value: 1.2, goal: "≤ 1.10", detail: "" },
      { key: "b", what: "", value: 1, goal: "≥ 1", detail: "" },
      { key: "c", what: "", value: 0.5, goal: "≥ 1", detail: "" },
      { key: "d", what: "", value: 9, detail: "" },
    ]);
    expect(rows.map((r) => r.met)).toEqual([false, true, false, undefined]);
  });
});

describe("npm run bench -- --spec FILE", () => {
  test("shows each step beside its bare tool as a ratio, and the contract step per case", () => {
    const rows = rowsOf({
      spectral: { ms: 300, cpuMs: 100 },
      lint: { ms: 200, cpuMs: 110 },
      openapiTypescript: { ms: 10, cpuMs: Number.NaN },
      generate: { ms: 150, cpuMs: 120 },
      check: { ms: 140, cpuMs: 130 },
      contract: { ms: 2000, cases: 100, failures: [] },
    });

    expect(rows.map((r) => [r.key, Number(r.value.toFixed(2)), r.met])).toEqual([
      ["spec_lint_over_spectral", 1.1, true],
      ["spec_generate_over_openapi_typescript", 15, false],
      ["spec_check_over_generate", 1.08, false],
      ["spec_contract_ms_per_case", 20, true],
    ]);
  });

  test("times a command's Node processes in CPU time as well as wall time", async () => {
    // Busy until it has used 300 ms of CPU, however long that takes on a loaded machine.
    const busy = "while (process.cpuUsage().user < 300_000);";
    const run = await timeCommand(process.execPath, ["-e", busy]);

    expect(run.code).toBe(0);
    expect(run.cpuMs).toBeGreaterThanOrEqual(300);
    expect(run.cpuMs).toBeLessThan(60_000);
  });
});

describe("the bad-request score", () => {
  test("has one case per violation and documented answer, each expecting a documented 400 example", async () => {
    const kinds = await badRequestKinds();
    const labels = kinds.map(
      (c) => `${c.expect.violation?.in} ${c.expect.violation?.kind} ${c.expect.example?.name}`,
    );
    expect(new Set(labels).size).toBe(kinds.length);
    expect(kinds.length).toBeGreaterThanOrEqual(10);
    for (const c of kinds)
      expect(c.expect).toMatchObject({ status: 400, example: { name: expect.any(String) } });
  });

  test("our mock answers every kind as the service documents", async () => {
    const scores = await badRequestScores([OUR_MOCK]);
    expect(scores[OUR_MOCK.name]).toMatchObject({ missed: [] });
    expect(scores[OUR_MOCK.name]?.answered).toBe((await badRequestKinds()).length);
  }, 180_000);
});
