// `npm start`: lints the spec, regenerates generated/, then serves the mock, all from this one process
// (each step a child it waits for, the mock in-process), so that a SIGTERM or SIGINT to it stops
// everything: the step running gets the signal, and the mock stops as `npm run mock` does. Its npm
// script execs it, so that the signal npm forwards to its script's shell reaches this process.
import { spawn } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { localBin } from "../shared/bin.mjs";

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(
    "npm start -- [mock options]: lints the specs, regenerates generated/, then serves the mock.\n",
  );
  // The mock's own usage follows: every option npm start takes is the mock's.
  await import("../mock/run.mjs");
  process.exit(0);
}
// The options are the mock's: checked by it before anything is linted or written.
const checked = spawn(process.execPath, ["tools/mock/run.mjs", ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, MOCK_OPTIONS_ONLY: "1" },
});
const checkCode = await new Promise((resolve) => checked.once("exit", (code) => resolve(code ?? 1)));
if (checkCode !== 0) process.exit(checkCode);

const BEFORE_MOCK = [
  { name: "lint:spec", command: localBin("tsx"), args: ["tools/lint/lint-spec.ts"] },
  { name: "generate", command: localBin("tsx"), args: ["tools/codegen/generate.ts"] },
];

let current;
const forward = (signal) => {
  if (current) current.kill(signal);
  else process.exit(128 + (signal === "SIGINT" ? 2 : 15));
};
process.on("SIGINT", forward);
process.on("SIGTERM", forward);

for (const { name, command, args } of BEFORE_MOCK) {
  console.log(`> ${name}`);
  const code = await new Promise((resolve) => {
    current = spawn(command, args, { cwd: ROOT, stdio: "inherit" });
    current.once("exit", (exitCode, signal) =>
      resolve(signal ? 128 + (signal === "SIGINT" ? 2 : 15) : exitCode),
    );
    current.once("error", (error) => {
      console.error(`${name}: ${error.message}`);
      resolve(1);
    });
  });
  current = undefined;
  if (code !== 0) {
    console.error(`npm start stopped: ${name} failed (exit code ${code})`);
    process.exit(code ?? 1);
  }
}
process.off("SIGINT", forward);
process.off("SIGTERM", forward);
// The mock takes the signals from here on.
await import("../mock/run.mjs");
