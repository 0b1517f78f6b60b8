// The vitest step: its npm script run with vitest's verbose reporter, whose lines are handed on as
// they come, and with the steps reporter (vitest-report.ts), whose results the summary reads. The
// results file lives in a folder of its own under the system's temporary folder, outside the tree,
// and is removed once read.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runStep, type StepResult } from "./step.js";
import type { VitestResults } from "./vitest-report.js";

const REPORTER = fileURLToPath(new URL("./vitest-report.ts", import.meta.url));
// Into a pipe, as here, the default reporter prints a test file only once the whole file has ended,
// and vitest starts the files that took longest last time first: minutes of silence on a busy
// machine. The verbose one prints each test as it ends.
const LIVE_REPORTER = "verbose";

/** Runs the vitest script NAME; `onLine` gets each line of vitest's output as it comes. */
export async function runVitestStep(
  name: string,
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
): Promise<StepResult> {
  const dir = await mkdtemp(join(tmpdir(), "steps-"));
  try {
    const file = join(dir, "vitest-results.json");
    const reporters = [`--reporter=${LIVE_REPORTER}`, `--reporter=${REPORTER}`, `--outputFile.steps=${file}`];
    const result = await runStep(name, { env, args: reporters, onLine });
    return { ...result, vitest: await readResults(file) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readResults(file: string): Promise<VitestResults | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as VitestResults;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
