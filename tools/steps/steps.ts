// `npm test`: npm scripts run side by side. Each --step's output is printed whole under its name once
// it ends; the --vitest step's progress streams as it comes, its header printed again after another
// step's block; the run ends with a summary of what failed, built from exit codes and the results
// vitest's reporter API gave (summary.ts). Colour follows the terminal: none into a file or a pipe
// (NO_COLOR), kept on a terminal (FORCE_COLOR).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { commandFailed, defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { isMain } from "../shared/main.js";
import { StepPrinter } from "./printer.js";
import { runStep } from "./step.js";
import { summary } from "./summary.js";
import { runVitestStep } from "./vitest-step.js";

const STEPS = defineCommand({
  name: "tsx tools/steps/steps.ts",
  summary:
    "Runs npm scripts side by side: each --step printed whole when it ends, the --vitest one's progress\n" +
    "as it comes; then a summary naming each failed step, and each failed test and test file.",
  options: {
    step: {
      type: "string",
      multiple: true,
      value: "SCRIPT",
      description: "An npm script to run, its output printed whole when it ends (repeat for more).",
    },
    vitest: {
      type: "string",
      value: "SCRIPT",
      description:
        "The npm script that runs vitest: its progress is printed as it comes, and its failures are\n" +
        "read from vitest's reporter API, through a file outside the tree that is removed once read.",
    },
  },
  exitCodes: { 1: "a step failed", 2: "bad command-line input" },
});

/** The environment a step runs in: colour only when this run's own output is a terminal. */
export function stepEnvironment(env: NodeJS.ProcessEnv, tty: boolean): NodeJS.ProcessEnv {
  if ("NO_COLOR" in env || "FORCE_COLOR" in env) return env;
  return tty ? { ...env, FORCE_COLOR: "1" } : { ...env, NO_COLOR: "1" };
}

/** Refuses, before anything runs, a script named twice or missing from package.json's scripts. */
export function checkScripts(names: string[], packageJson: string): void {
  if (names.length === 0)
    throw new UsageError(`${STEPS.name}: name the npm scripts to run with --step or --vitest`);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new UsageError(`${STEPS.name}: ${twice} is named twice`);
  const scripts = readScripts(packageJson);
  const missing = names.find((name) => typeof scripts[name] !== "string");
  if (missing) throw new UsageError(`${STEPS.name}: ${packageJson} has no script ${missing}`);
}

function readScripts(packageJson: string): Record<string, unknown> {
  try {
    const { scripts } = JSON.parse(readFileSync(packageJson, "utf8")) as {
      scripts?: Record<string, unknown>;
    };
    return scripts ?? {};
  } catch (error) {
    throw new UsageError(
      `${STEPS.name}: cannot read the scripts in ${packageJson}: ${(error as Error).message}`,
    );
  }
}

async function main(): Promise<void> {
  const options = parseCommand(STEPS);
  if (!options) return;
  const steps = options.step ?? [];
  checkScripts(options.vitest === undefined ? steps : [...steps, options.vitest], resolve("package.json"));
  const env = stepEnvironment(process.env, process.stdout.isTTY === true);
  const printer = new StepPrinter((text) => process.stdout.write(text));
  const plain = steps.map(async (name) => {
    const result = await runStep(name, { env });
    printer.block(result);
    return result;
  });
  const vitest = options.vitest === undefined ? [] : [streamVitest(options.vitest, env, printer)];
  const results = await Promise.all([...plain, ...vitest]);
  process.stdout.write(`${summary(results)}\n`);
  if (results.some((r) => r.code !== 0)) process.exitCode = 1;
}

async function streamVitest(name: string, env: NodeJS.ProcessEnv, printer: StepPrinter) {
  const result = await runVitestStep(name, env, (line) => printer.line(name, line));
  printer.end(result);
  return result;
}

if (isMain(import.meta.url)) {
  main().catch(commandFailed);
}
