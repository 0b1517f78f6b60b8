// The command-line conventions (tools/shared/cli.ts), and every command but the mock's own answering
// --help with its usage and refusing an unknown option by name, as a process.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, test, vi } from "vitest";
import { commandFailed, defineCommand, parseCommand, UsageError, usage } from "../../../tools/shared/cli.js";
import { SpecLoadError } from "../../../tools/shared/spec-load-error.js";

const run = promisify(execFile);

const COMMAND = defineCommand({
  name: "npm run thing",
  summary: "Does the thing.",
  options: {
    out: { type: "string", default: "out", value: "DIR", description: "Where to write." },
    dry: { type: "boolean", default: false, description: "Write nothing." },
  },
  environment: { PORT: "The port" },
  exitCodes: { 2: "bad command-line input" },
});

describe("parseCommand", () => {
  test("returns the options, defaults filled in", () => {
    expect(parseCommand(COMMAND, ["--dry"])).toEqual({ out: "out", dry: true });
  });

  test("on --help or -h prints the usage and returns nothing", () => {
    for (const flag of ["--help", "-h"]) {
      const printed: string[] = [];
      expect(parseCommand(COMMAND, ["--dry", flag], (text) => printed.push(text))).toBeUndefined();
      expect(printed).toEqual([usage(COMMAND)]);
    }
  });

  test.each([
    [["--outt", "x"], "npm run thing: unknown option --outt"],
    [["stray"], "npm run thing: unexpected argument stray: it takes options only"],
    [["--out"], "npm run thing: option --out needs a value"],
  ])("refuses %j with a message naming it and where the usage is", (args, reason) => {
    expect(() => parseCommand(COMMAND, args)).toThrow(
      new UsageError(`${reason}. Run \`npm run thing -- --help\` for the options.`),
    );
  });
});

describe("usage", () => {
  test("lists each option with its value, description and default, then the environment and exit codes", () => {
    expect(usage(COMMAND)).toBe(
      [
        "Usage: npm run thing -- [options]",
        "",
        "Does the thing.",
        "",
        "Options:",
        "  --out DIR   Where to write. (default: out)",
        "  --dry       Write nothing.",
        "  -h, --help  Print this help and exit.",
        "",
        "Environment:",
        "  PORT  The port",
        "",
        "Exit codes:",
        "  0  success",
        "  2  bad command-line input",
      ].join("\n"),
    );
  });
});

// Each command as a user runs it; the mock's own command line is tested with the mock.
const commands = [
  { script: "generate", name: "npm run generate" },
  { script: "diff", name: "npm run diff" },
  { script: "docs", name: "npm run docs" },
  { script: "lint:spec", name: "npm run lint:spec" },
  { script: "verify", name: "npm run verify" },
  { script: "test:provider", name: "npm run test:provider" },
  { script: "example", name: "npm run example" },
  { script: "dev", name: "npm run dev" },
];

async function npmRun(script: string, args: string[]) {
  return run("npm", ["run", "--silent", script, "--", ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe.concurrent("every command", () => {
  test.each(commands)(
    "npm run $script -- --help prints its usage and exits 0",
    async ({ script, name }) => {
      const { code, stdout } = await npmRun(script, ["--help"]);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: ${name} -- \\[options\\]\n`));
      expect(stdout).toMatch(/\n {2}-h, --help +Print this help and exit\.\n/);
    },
    180_000,
  );

  test.each(commands)(
    "npm run $script refuses an unknown option, naming it, with exit code 2",
    async ({ script, name }) => {
      const { code, stdout, stderr } = await npmRun(script, ["--no-such-option"]);
      expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
      expect(stderr.trim()).toBe(
        `${name}: unknown option --no-such-option. Run \`${name} -- --help\` for the options.`,
      );
    },
    180_000,
  );
});

describe("commandFailed", () => {
  afterEach(() => {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  test("prints the message alone, and exits 2 for bad input (a spec the loader refuses too) and 1 for anything else", () => {
    const printed: unknown[] = [];
    vi.spyOn(console, "error").mockImplementation((text: unknown) => void printed.push(text));
    commandFailed(new UsageError("npm run thing: unknown option --x"));
    expect(process.exitCode).toBe(2);
    commandFailed(new SpecLoadError({ file: "x.yaml", line: 3 }, "$ref /etc/passwd leads outside"));
    expect(process.exitCode).toBe(2);
    commandFailed(new Error("no spec at x.yaml"));
    expect(process.exitCode).toBe(1);
    commandFailed("thrown text");
    expect(process.exitCode).toBe(1);
    expect(printed).toEqual([
      "npm run thing: unknown option --x",
      "x.yaml:3: $ref /etc/passwd leads outside",
      "no spec at x.yaml",
      "thrown text",
    ]);
  });
});
