// `npm test`: npm scripts run side by side. Each one's output, stdout and stderr together in the order
// they came, is printed under its name once it ends, so a step's lines never land above its header;
// the run ends with a summary that names each failing step and its first telling lines. Colour
// follows the terminal: none into a file or a pipe (NO_COLOR), kept on a terminal (FORCE_COLOR).
import { spawn } from "node:child_process";
import { commandFailed, defineCommand, UsageError, usage } from "../shared/cli.js";
import { isMain } from "../shared/main.js";

export interface StepResult {
  name: string;
  code: number;
  output: string;
  seconds: number;
}

const STEPS = defineCommand({
  name: "tsx tools/steps/steps.ts",
  summary:
    "Runs the npm scripts named after the options side by side, prints each one's output once it ends,\n" +
    "then a summary naming each failing step.",
  options: {},
  exitCodes: { 1: "a step failed", 2: "bad command-line input" },
});

/** The environment a step runs in: colour only when this run's own output is a terminal. */
export function stepEnvironment(env: NodeJS.ProcessEnv, tty: boolean): NodeJS.ProcessEnv {
  if ("NO_COLOR" in env || "FORCE_COLOR" in env) return env;
  return tty ? { ...env, FORCE_COLOR: "1" } : { ...env, NO_COLOR: "1" };
}

export function runStep(name: string, env: NodeJS.ProcessEnv): Promise<StepResult> {
  const started = performance.now();
  const child = spawn("npm", ["run", "--silent", name], { stdio: ["ignore", "pipe", "pipe"], env });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise((done) => {
    child.once("close", (code, signal) =>
      done({ name, code: code ?? (signal ? 1 : 0), output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

// Lines that say what went wrong, in the words of the tools npm test runs.
const TELLING = /\b(error|stale|fail(ed|s)?)\b|✗|×|^\s*FAIL\b/i;

/** The first few lines of a failed step's output that say what went wrong. */
export function tellingLines(output: string, count = 5): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape that starts an ANSI colour code
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "").split("\n");
  const lines = [...new Set(plain.filter((line) => TELLING.test(line)).map((line) => line.trim()))];
  const shown = lines.slice(0, count);
  if (lines.length > count) shown.push(`… and ${lines.length - count} more such lines above`);
  return shown.length > 0 ? shown : plain.filter((line) => line.trim()).slice(-count);
}

export function block(result: StepResult): string {
  const verdict = result.code === 0 ? "passed" : `failed (exit ${result.code})`;
  const body = result.output.trimEnd();
  return [`── ${result.name} ${"─".repeat(Math.max(0, 60 - result.name.length))}`, ...(body ? [body] : [])]
    .concat(`── ${result.name} ${verdict} in ${result.seconds.toFixed(1)} s`)
    .join("\n");
}

export function summary(results: StepResult[]): string {
  const failed = results.filter((r) => r.code !== 0);
  const head =
    failed.length === 0
      ? `npm test: all ${results.length} steps passed (${results.map((r) => r.name).join(", ")})`
      : `npm test: ${failed.length} of ${results.length} steps failed: ${failed.map((r) => r.name).join(", ")}`;
  const details = failed.flatMap((r) => [
    `✗ ${r.name}`,
    ...tellingLines(r.output).map((line) => `    ${line}`),
  ]);
  return [head, ...details].join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) return console.log(usage(STEPS));
  const option = args.find((arg) => arg.startsWith("-"));
  if (option) throw new UsageError(`${STEPS.name}: unknown option ${option}`);
  if (args.length === 0) throw new UsageError(`${STEPS.name}: name the npm scripts to run`);
  const names = args;
  const env = stepEnvironment(process.env, process.stdout.isTTY === true);
  const results = await Promise.all(
    names.map(async (name) => {
      const result = await runStep(name, env);
      process.stdout.write(`${block(result)}\n\n`);
      return result;
    }),
  );
  process.stdout.write(`${summary(results)}\n`);
  if (results.some((r) => r.code !== 0)) process.exitCode = 1;
}

if (isMain(import.meta.url)) {
  main().catch(commandFailed);
}
