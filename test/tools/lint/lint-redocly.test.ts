// Redocly's recommended ruleset (redocly.yaml) on every spec in spec/: a linter nobody here wrote. No
// error may remain, and every warning must come from a rule that redocly.yaml keeps as a warning.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { redoclyBin } from "../../../tools/docs/docs.js";
import { specFiles } from "../../../tools/shared/specs.js";

interface Problem {
  ruleId: string;
  severity: string;
}

const run = promisify(execFile);
// The update check and telemetry would wait on the network.
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

async function lint(spec: string): Promise<{ totals: { errors: number }; problems: Problem[] }> {
  const { stdout } = await run(process.execPath, [redoclyBin(), "lint", spec, "--format=json"], { env });
  return JSON.parse(stdout);
}

const config = parse(await readFile("redocly.yaml", "utf8")) as { rules?: Record<string, string> };
const keptAsWarnings = Object.entries(config.rules ?? {})
  .filter(([, severity]) => severity === "warn")
  .map(([rule]) => rule);

describe.for(await specFiles("spec"))("Redocly's recommended ruleset on %s", (spec) => {
  test("finds no error, and warns only by a rule redocly.yaml keeps as a warning", async () => {
    const { totals, problems } = await lint(spec);

    expect(totals.errors).toBe(0);
    for (const problem of problems) expect(keptAsWarnings).toContain(problem.ruleId);
  }, 120_000);
});

describe("npm run lint:redocly", () => {
  test("lints every spec in spec/", async () => {
    const { stderr } = await run("npm", ["run", "--silent", "lint:redocly"], { env });

    for (const spec of await specFiles("spec")) expect(stderr).toContain(`${spec}: validated`);
  }, 300_000);
});
