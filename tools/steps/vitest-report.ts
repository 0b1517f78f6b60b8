// The vitest reporter `npm test`'s runner adds beside vitest's live one: it writes what failed in the
// run as JSON (--outputFile.steps=PATH), for the closing summary to name. It reads vitest's reporter
// API rather than the file of vitest's JSON reporter, which leaves out unhandled errors and a run that
// stopped before its first test file (a failed global setup).
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import type { SerializedError } from "vitest";
import type { Reporter, TestModule, TestRunEndReason, TestSpecification, Vitest } from "vitest/node";

/** One thing that failed, where it is (file, then describe path and test), and its errors' messages. */
export interface Failure {
  kind: "test" | "suite" | "file" | "unhandled";
  where: string;
  messages: string[];
}

/** What the summary reads of a vitest run. */
export interface VitestResults {
  reason: TestRunEndReason;
  /** Test files the run set out to run, and those that ran. */
  planned: number;
  ran: number;
  /** The global setup files: where a run that planned files but ran none most likely stopped. */
  globalSetup: string[];
  failures: Failure[];
}

export default class StepsReporter implements Reporter {
  private root = "";
  private globalSetup: string[] = [];
  private path = "";
  private planned = 0;

  onInit(vitest: Vitest): void {
    const { root, globalSetup, outputFile } = vitest.config;
    const path = typeof outputFile === "object" ? outputFile.steps : undefined;
    if (!path) throw new Error("tools/steps/vitest-report.ts: name its file with --outputFile.steps=PATH");
    this.root = root;
    this.globalSetup = [globalSetup].flat().map((file) => relative(root, file));
    this.path = path;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.planned = specifications.length;
  }

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    const sorted = [...modules].sort((a, b) => a.relativeModuleId.localeCompare(b.relativeModuleId));
    const results: VitestResults = {
      reason,
      planned: this.planned,
      ran: modules.length,
      globalSetup: this.globalSetup,
      failures: [
        ...sorted.flatMap(moduleFailures),
        ...unhandledErrors.map((error) => unhandledFailure(error, this.root)),
      ],
    };
    writeFileSync(this.path, JSON.stringify(results));
  }
}

/** A test file's failures: the file's own errors (an import, a type error), its suites', its tests'. */
function moduleFailures(module: TestModule): Failure[] {
  const file = module.relativeModuleId;
  const failures: Failure[] = [];
  const add = (kind: Failure["kind"], where: string, errors: ReadonlyArray<SerializedError> = []) => {
    if (kind === "test" || errors.length > 0) failures.push({ kind, where, messages: errors.map(message) });
  };
  add("file", atFirstFrame(file, module), module.errors());
  for (const suite of module.children.allSuites())
    add("suite", `${file} > ${suite.fullName}`, suite.errors());
  for (const test of module.children.allTests("failed")) {
    add("test", `${file} > ${test.fullName}`, test.result().errors);
  }
  return failures;
}

/** The file, with the line and column of its first error when that error's stack starts in it. */
function atFirstFrame(file: string, module: TestModule): string {
  const frame = module.errors()[0]?.stacks?.[0];
  return frame?.file === module.moduleId ? `${file}:${frame.line}:${frame.column}` : file;
}

/** An error outside any test: where vitest says it came from (the file that ran, or the source line). */
function unhandledFailure(error: SerializedError, root: string): Failure {
  const { VITEST_TEST_PATH: path, VITEST_TEST_NAME: test, type } = error;
  const frame = error.stacks?.[0];
  const place =
    typeof path === "string"
      ? relative(root, path)
      : frame
        ? `${relative(root, frame.file)}:${frame.line}:${frame.column}`
        : "no file named";
  const latest = typeof test === "string" ? `, latest test: ${test}` : "";
  const what = typeof type === "string" ? type : "Unhandled Error";
  return { kind: "unhandled", where: `${place} (${what}${latest})`, messages: [message(error)] };
}

function message(error: SerializedError): string {
  return error.name && !error.message.startsWith(error.name)
    ? `${error.name}: ${error.message}`
    : error.message;
}
