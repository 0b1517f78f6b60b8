// The bench's command line: its options, their help, and where the results go.
import { parseArgs } from "node:util";

export const TRACKED_RESULTS = "bench/results.json";
export const UNTRACKED_RESULTS = "bench/out/results.json";

/** The bench's groups of rows, as --only names them. */
export const ROW_GROUPS = ["client", "mock", "mock-scale", "npm-test", "pipeline-scale"] as const;
export type RowGroup = (typeof ROW_GROUPS)[number];

export const OPTIONS = {
  quick: {
    type: "boolean",
    default: false,
    help: "fewer and shorter runs (a few minutes): no npm-test row, the pipeline scaled to 10 and 100 operations, mock latency on 8 and 100 operations",
  },
  spec: {
    type: "string",
    arg: "FILE",
    help: "only the pipeline on FILE, any OpenAPI document, once: lint, generate and check each beside its bare tool (Spectral, openapi-typescript, generate) as a ratio, and the contract cases' cost per case",
  },
  only: {
    type: "string",
    arg: "GROUPS",
    help: `only these groups of rows, comma-separated, in full or --quick mode: ${ROW_GROUPS.join(", ")}`,
  },
  write: {
    type: "boolean",
    default: false,
    help: `write the results to ${TRACKED_RESULTS} (tracked) instead of ${UNTRACKED_RESULTS} (ignored by git)`,
  },
  out: { type: "string", arg: "FILE", help: "write the results to FILE" },
  help: { type: "boolean", short: "h", default: false, help: "print this help" },
} as const;

export const HELP = [
  "Usage: npm run bench -- [options]",
  "",
  "Runs every benchmark, each a ratio against a baseline measured side by side in the same run,",
  "prints a table and writes the results as JSON.",
  "",
  "Options:",
  ...Object.entries(OPTIONS).map(([name, option]) => {
    const flag = `${"short" in option ? `-${option.short}, ` : ""}--${name}${"arg" in option ? ` ${option.arg}` : ""}`;
    return `  ${flag.padEnd(13)} ${option.help}`;
  }),
].join("\n");

export type BenchOptions = ReturnType<typeof readOptions>;

export function readOptions(args: string[]) {
  const options = Object.fromEntries(
    Object.entries(OPTIONS).map(([name, option]) => {
      const { help: _help, arg: _arg, ...parsed } = option as typeof option & { arg?: string };
      return [name, parsed];
    }),
  ) as { [K in keyof typeof OPTIONS]: Omit<(typeof OPTIONS)[K], "help" | "arg"> };
  return parseArgs({ args, options }).values;
}

/** Where a run writes its results: --out, else the tracked file with --write, else the ignored one. */
export function resultsPath(values: { write?: boolean; out?: string }): string {
  return values.out ?? (values.write ? TRACKED_RESULTS : UNTRACKED_RESULTS);
}

/** The groups `--only` names (every group without it); an unknown name is an error naming the known. */
export function rowGroups(only: string | undefined): RowGroup[] {
  if (only === undefined) return [...ROW_GROUPS];
  const names = only
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(ROW_GROUPS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `--only ${only}: unknown group(s) ${unknown.join(", ") || "(none given)"}; known: ${ROW_GROUPS.join(", ")}`,
    );
  }
  return names as RowGroup[];
}
