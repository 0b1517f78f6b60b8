// Small measuring helpers shared by the benchmarks: medians, and hyperfine-style repeated timing of
// whole commands (each run a fresh process, measured from spawn to exit).
import { spawn } from "node:child_process";

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
  code: number | null;
  output: string;
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
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
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
      resolve({ ms: performance.now() - started, code, output });
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
