// Small measuring helpers shared by the benchmarks: medians, and hyperfine-style repeated timing of
// whole commands (each run a fresh process, measured from spawn to exit, in wall time and, for Node
// programs, in the CPU time of every Node process the command ran).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface CommandRun {
  ms: number;
  /**
   * CPU time (user and system) of every Node process of the command, ms; NaN when none reported one.
   * Other work on the machine inflates it far less than the wall time.
   */
  cpuMs: number;
  code: number | null;
  output: string;
}

/** Each Node process the command starts preloads this, and adds its CPU time to a file at exit. */
const CPU_REPORT = join(import.meta.dirname, "cpu-report.cjs");

function cpuMsIn(file: string): number {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return Number.NaN;
  }
  const lines = text.split("\n").filter(Boolean);
  return lines.length === 0 ? Number.NaN : lines.reduce((sum, line) => sum + Number(line), 0);
}

/** Runs `command args` to completion and returns its wall time; output is kept for errors. */
export function timeCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; label?: string } = {},
): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // A long step says it is still going, every 30 s, when it has a label to say it with.
    const tick = options.label
      ? setInterval(
          () =>
            progress(`    ${options.label}: ${Math.round((performance.now() - started) / 1000)} s so far`),
          30_000,
        )
      : undefined;
    const reports = mkdtempSync(join(tmpdir(), "bench-cpu-"));
    const cpuFile = join(reports, "cpu");
    const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(CPU_REPORT)}`];
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_OPTIONS: nodeOptions.filter(Boolean).join(" "), BENCH_CPU_FILE: cpuFile },
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-10_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("error", (error) => {
      clearInterval(tick);
      reject(error);
    });
    child.once("exit", (code) => {
      clearInterval(tick);
      const ms = performance.now() - started;
      const cpuMs = cpuMsIn(cpuFile);
      rmSync(reports, { recursive: true, force: true });
      resolve({ ms, cpuMs, code, output });
    });
  });
}

/** Like {@link timeCommand}, but fails with the command's output when it exits non-zero. */
export async function timeCommandOk(
  command: string,
  args: readonly string[],
  options: { cwd?: string; label?: string } = {},
) {
  const run = await timeCommand(command, args, options);
  if (run.code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${run.code}:\n${run.output}`);
  return run.ms;
}

export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
