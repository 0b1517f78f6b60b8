// `npm run test:contract`: the contract suite (test/tools/contract/suite.test.ts) on one spec, or on
// every spec in spec/: the cases derived from the spec, run against a real mock of it and through the
// generic client. `--shard i/n` runs the i-th of n parts of the cases (tools/contract/shard.ts), for CI
// machines side by side: the suite reads it as CONTRACT_SHARD.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { packageBin } from "../shared/bin.mjs";
import { commandFailed, defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { isMain } from "../shared/main.js";
import { parseShard } from "./shard.js";

const SUITE = "test/tools/contract/suite.test.ts";

const CONTRACT = defineCommand({
  name: "npm run test:contract",
  summary:
    "Runs the contract cases derived from a spec against a real mock of it and through the generic client:\n" +
    "every operation × documented status × named example, every request example, every bad request the\n" +
    "parameters and schemas imply, and generated valid requests. Without --spec, every spec in spec/.",
  options: {
    spec: {
      type: "string",
      value: "FILE",
      description: "The spec to derive the cases from (default: every spec in spec/).",
    },
    shard: {
      type: "string",
      value: "I/N",
      description:
        "Run the I-th of N parts of the cases, split by operation into about equal numbers of cases.",
    },
  },
  environment: { FC_RUNS: "Generated valid requests per operation (default: 200)" },
  exitCodes: {
    1: "a contract case failed",
    2: "bad command-line input (a spec that is not there, a shard that is not I/N)",
  },
});

/** The vitest command line and environment for the options given. */
export function suiteRun(
  values: { spec?: string; shard?: string },
  env: NodeJS.ProcessEnv,
): { args: string[]; env: NodeJS.ProcessEnv } {
  if (values.spec !== undefined && !existsSync(values.spec))
    throw new UsageError(`--spec ${values.spec}: no such file`);
  const { shard } = values;
  if (shard !== undefined && !parseShard(shard))
    throw new UsageError(`--shard ${shard}: give it as I/N, with 1 <= I <= N`);
  return {
    args: ["run", SUITE],
    env: {
      ...env,
      ...(values.spec === undefined ? {} : { CONTRACT_SPEC: resolve(values.spec) }),
      ...(shard === undefined ? {} : { CONTRACT_SHARD: shard }),
    },
  };
}

async function main(): Promise<void> {
  const values = parseCommand(CONTRACT);
  if (!values) return;
  const { args, env } = suiteRun(values, process.env);
  const child = spawn(process.execPath, [packageBin("vitest", "vitest"), ...args], { stdio: "inherit", env });
  const code = await new Promise<number>((done) => child.once("close", (exit) => done(exit ?? 1)));
  process.exitCode = code === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) main().catch(commandFailed);
