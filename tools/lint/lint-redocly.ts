// `npm run lint:redocly`: Redocly's CLI with the repo's redocly.yaml on every spec in spec/ (any YAML or
// JSON file with an `openapi` field), so that a spec added there is gated like the others.
import { spawn } from "node:child_process";
import { redoclyBin } from "../docs/docs.js";
import { commandFailed, defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { isMain } from "../shared/main.js";
import { specFiles } from "../shared/specs.js";

const LINT = defineCommand({
  name: "npm run lint:redocly",
  summary:
    "Lints every spec in spec/ (or the --spec files) with Redocly's CLI and the ruleset in redocly.yaml.",
  options: {
    spec: {
      type: "string",
      multiple: true,
      value: "FILE",
      description: "A spec to lint instead of every spec in spec/; repeat it for more.",
    },
  },
  exitCodes: { 1: "Redocly found an error", 2: "bad command-line input" },
});

async function main(): Promise<void> {
  const values = parseCommand(LINT);
  if (!values) return;
  const files = values.spec ?? (await specFiles("spec"));
  if (files.length === 0) throw new UsageError("npm run lint:redocly: no spec in spec/");
  const child = spawn(process.execPath, [redoclyBin(), "lint", ...files], {
    stdio: "inherit",
    // The update check and telemetry would wait on the network.
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  process.exitCode = await new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

if (isMain(import.meta.url)) main().catch(commandFailed);
