// One step: an npm script run as a child process, its stdout and stderr read line by line in the order
// the lines come, each line handed on as it comes and kept for the step's block and the summary.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { VitestResults } from "./vitest-report.js";

export interface StepResult {
  name: string;
  code: number;
  output: string;
  seconds: number;
  /** A vitest step's results; null when it wrote none (vitest stopped before it could). */
  vitest?: VitestResults | null;
}

export interface StepOptions {
  env: NodeJS.ProcessEnv;
  /** Arguments for the script, after `--`. */
  args?: string[];
  /** Gets each whole line of the step's output as it comes. */
  onLine?: (line: string) => void;
  cwd?: string;
}

/** Runs `npm run NAME -- ARGS`. */
export async function runStep(name: string, options: StepOptions): Promise<StepResult> {
  const { env, args = [], onLine = () => {}, cwd } = options;
  const started = performance.now();
  const npmArgs = ["run", "--silent", name, ...(args.length > 0 ? ["--", ...args] : [])];
  const child = spawn("npm", npmArgs, { stdio: ["ignore", "pipe", "pipe"], env, ...(cwd ? { cwd } : {}) });
  const lines: string[] = [];
  const read = [child.stdout, child.stderr].map((input) => {
    const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    reader.on("line", (line) => {
      lines.push(line);
      onLine(line);
    });
    return once(reader, "close");
  });
  const [[code, signal]] = (await Promise.all([once(child, "close"), ...read])) as [
    [number | null, NodeJS.Signals | null],
  ];
  const seconds = (performance.now() - started) / 1000;
  return { name, code: code ?? (signal ? 1 : 0), output: lines.join("\n"), seconds };
}
