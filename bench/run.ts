// `npm run bench`: every benchmark, each as a ratio against a baseline measured side by side in the
// same run; prints a table and writes the results (`--help` for the options).
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { clientRows } from "./client-rows.js";
import { progress } from "./measure.js";
import { mockRows } from "./mock-rows.js";
import { pipelineRows, specOnly } from "./pipeline-rows.js";
import { printTable, type Row, withGoalsJudged } from "./rows.js";

const HELP = `Usage: npm run bench -- [options]

Runs every benchmark, each a ratio against a baseline measured side by side in the same run, prints
a table and writes the results as JSON.

Options:
  --quick        fewer and shorter runs (a few minutes): no npm-test row, the pipeline scaled to 10
                 and 100 operations, mock latency on 8 and 100 operations
  --spec FILE    only the pipeline (lint, generate, check, mock and contract cases) on FILE, any
                 OpenAPI 3.0 document, with each step's time
  --write        write the results to bench/results.json (tracked) instead of ${"bench/out/results.json"}
  --out FILE     write the results to FILE
  -h, --help     print this help`;

export const TRACKED_RESULTS = "bench/results.json";
export const UNTRACKED_RESULTS = "bench/out/results.json";
const RUNS = 5;

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    spec: { type: "string" },
    write: { type: "boolean", default: false },
    out: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

async function all(quick: boolean): Promise<void> {
  const scale = {};
  const rows: Row[] = withGoalsJudged([
    ...(await clientRows(RUNS, quick)),
    ...(await mockRows(RUNS, quick)),
    ...(await pipelineRows(RUNS, quick, scale)),
  ]);
  printTable(rows);
  const results = {
    date: new Date().toISOString(),
    quick,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    node: process.version,
    runs: { ratios: RUNS, npmTest: quick ? 0 : RUNS },
    ...Object.fromEntries(rows.map((r) => [r.key, Number(r.value.toFixed(3))])),
    details: Object.fromEntries(
      rows.map((r) => [r.key, { what: r.what, goal: r.goal, met: r.met, detail: r.detail }]),
    ),
    scale,
  };
  const out = values.out ?? (values.write ? TRACKED_RESULTS : UNTRACKED_RESULTS);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\nwrote ${out}${out === UNTRACKED_RESULTS ? ` (not tracked; --write updates ${TRACKED_RESULTS})` : ""}`,
  );
}

if (values.help) console.log(HELP);
else if (values.spec) await specOnly(values.spec, values.quick ? 1 : RUNS);
else {
  progress(values.quick ? "quick run" : "full run (about 40 minutes here)");
  await all(values.quick);
}
