// `npm run diff -- [--base <git-ref or file>] [--json | --changelog] [--spec <dir>]`
//
// Compares every spec in spec/ with a base: by default the newest v* tag reachable from HEAD; else a
// git ref (the spec files at that ref, read with `git show`), a folder of specs or a spec file.
// Prints each change on one line (breaking, non-breaking, info) with its rule and its place in the
// spec, the client types whose shape changed, and the semver bump they call for. Exit 1 when anything
// is breaking, 2 on bad input.
import { resolve } from "node:path";
import { defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { isMain } from "../shared/main.js";
import { formatChangelog } from "./changelog.js";
import { formatText } from "./format.js";
import { pairBaseFile } from "./pair-spec.js";
import { isFile, newestTag, readBase, readHead } from "./read.js";
import { buildReport } from "./report.js";
import { SpecError } from "./spec-version.js";

export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const DIFF = defineCommand({
  name: "npm run diff",
  summary:
    "Compares every spec with a base and prints each change on one line, breaking, non-breaking or info,\n" +
    "naming its operation, location and field, with its rule and its place in the spec; then the client\n" +
    "types whose shape changed and the semver bump the changes call for.",
  options: {
    base: {
      type: "string",
      value: "REF|FILE",
      description:
        "What to compare with: a git ref (the spec folder at that ref), a folder of specs, or one spec file\n" +
        "(paired with the spec of the same name, else the one spec that shares its title or paths).\n" +
        "Default: the newest v* tag reachable from HEAD.",
    },
    spec: {
      type: "string",
      default: "spec",
      value: "DIR|FILE",
      description:
        "The head: a folder of specs (YAML or JSON files with an openapi field), or one spec file.",
    },
    json: {
      type: "boolean",
      default: false,
      description:
        "Print the report as JSON: each change with its rule, level, operation, location and pointer.",
    },
    changelog: {
      type: "boolean",
      default: false,
      description: "Print a Keep a Changelog entry for each spec whose contract changed (info left out).",
    },
  },
  exitCodes: { 1: "a breaking change", 2: "bad input (named in the message)" },
});

/** The whole command: parses args, prints, and returns the exit code (2 for bad input, with its reason). */
export async function cli(args: string[], io: CliIo): Promise<number> {
  try {
    const values = parseCommand(DIFF, args, io.stdout);
    if (!values) return 0;
    const head = await readHead(values.spec, io.cwd);
    const baseRef = values.base ?? (await newestTag(io.cwd));
    if (baseRef === undefined) {
      const message =
        "No base to compare with: no v* tag is reachable from HEAD. Pass --base <git-ref or file>, or tag a release (git tag v1.0.0).";
      io.stdout(values.json ? JSON.stringify({ base: null, message }, null, 2) : message);
      return 0;
    }
    const base = await readBase(baseRef, values.spec, io.cwd);
    const pair = (await isFile(resolve(io.cwd, baseRef)))
      ? pairBaseFile(baseRef, base, head, values.spec)
      : { base, head };
    const report = await buildReport(baseRef, pair.base, pair.head);
    if (values.json) io.stdout(JSON.stringify(report, null, 2));
    else if (values.changelog) io.stdout(formatChangelog(report));
    else io.stdout(formatText(report));
    return report.breaking ? 1 : 0;
  } catch (error) {
    io.stderr(error instanceof SpecError || error instanceof UsageError ? error.message : String(error));
    return 2;
  }
}

if (isMain(import.meta.url)) {
  const io = { cwd: process.cwd(), stdout: console.log, stderr: console.error };
  cli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
