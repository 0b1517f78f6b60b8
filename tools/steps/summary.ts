// The summary `npm test` ends with: each failed step by name and exit code; for the vitest step each
// failed test, suite and test file and each error outside a test, as vitest's reporter API gave them
// (vitest-report.ts), never picked out of the text vitest printed. Any other failed step, and a vitest
// run whose results name no failure, shows the end of its output.
import { stripVTControlCharacters } from "node:util";
import type { StepResult } from "./step.js";
import type { Failure, VitestResults } from "./vitest-report.js";

/** How many of a failed step's last lines the summary shows. */
const TAIL_LINES = 12;
/** The longest error line the summary shows; the whole error is in the step's output above. */
const LINE_CHARACTERS = 300;

const LABEL: Record<Failure["kind"], string> = {
  test: "failed test",
  suite: "failed suite",
  file: "failed file",
  unhandled: "error outside a test",
};

export function summary(results: StepResult[]): string {
  const failed = results.filter((r) => r.code !== 0);
  const head =
    failed.length === 0
      ? `npm test: all ${results.length} steps passed (${results.map((r) => r.name).join(", ")})`
      : `npm test: ${failed.length} of ${results.length} steps failed: ${failed.map((r) => r.name).join(", ")}`;
  return [head, ...failed.flatMap(failedStep)].join("\n");
}

function failedStep(result: StepResult): string[] {
  const step = `✗ ${result.name} (exit ${result.code})`;
  const { vitest } = result;
  if (vitest === undefined) return [`${step}; its output ends:`, ...tail(result.output)];
  if (vitest === null) return [`${step} wrote no results; its output ends:`, ...tail(result.output)];
  if (vitest.failures.length === 0) {
    return [`${step}: ${noFailureNamed(vitest)}; its output ends:`, ...tail(result.output)];
  }
  const count = vitest.failures.length;
  return [
    `${step}: ${count} ${count === 1 ? "failure" : "failures"}`,
    ...vitest.failures.flatMap(failureLines),
  ];
}

function failureLines(failure: Failure): string[] {
  const [first, ...more] = failure.messages;
  const where = `    ${LABEL[failure.kind]}: ${failure.where}`;
  if (first === undefined) return [where];
  const others =
    more.length > 0 ? ` (and ${more.length} more ${more.length === 1 ? "error" : "errors"})` : "";
  return [where, `        ${firstLine(first)}${others}`];
}

/** Why a vitest run that names no failure failed. */
function noFailureNamed(results: VitestResults): string {
  if (results.reason === "interrupted") return "the run was interrupted";
  if (results.planned === 0) return "it found no test file to run";
  if (results.ran > 0) return "no test failed, yet it exited non-zero";
  const { globalSetup } = results;
  const setup = globalSetup.length > 0 ? `, most likely in its global setup (${globalSetup.join(", ")})` : "";
  return `none of its ${results.planned} test files ran: it stopped before them${setup}`;
}

function firstLine(text: string): string {
  const line = stripVTControlCharacters(text).split("\n")[0]?.trim() ?? "";
  return line.length > LINE_CHARACTERS ? `${line.slice(0, LINE_CHARACTERS)}…` : line;
}

function tail(output: string): string[] {
  const lines = stripVTControlCharacters(output).trimEnd().split("\n");
  const shown = lines.slice(-TAIL_LINES).map((line) => `    ${line}`);
  return lines.join("").trim() === "" ? ["    (no output)"] : shown;
}
