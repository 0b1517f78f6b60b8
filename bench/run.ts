// `npm run bench`: every benchmark, each as a ratio against a baseline measured side by side in the
// same run; prints a table and writes the results (`--help` for the options).
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { dirname } from "node:path";
import { errorMessage } from "../tools/shared/errors.js";
import { clientRows } from "./client-rows.js";
import { progress } from "./measure.js";
import { mockRows, mockScaleRows } from "./mock-rows.js";
import {
  HELP,
  type RowGroup,
  readOptions,
  resultsPath,
  rowGroups,
  TRACKED_RESULTS,
  UNTRACKED_RESULTS,
} from "./options.js";
import type { PipelineTimes } from "./pipeline.js";
import { npmTestRows, pipelineScaleRows } from "./pipeline-rows.js";
import { printTable, type Row, withGoalsJudged } from "./rows.js";
import { specOnly } from "./spec-pipeline.js";

const RUNS = 5;
const values = optionsOrExit(process.argv.slice(2));

function optionsOrExit(args: string[]) {
  try {
    const options = readOptions(args);
    rowGroups(options.only);
    return options;
  } catch (error) {
    console.error(`${errorMessage(error)}\n\n${HELP}`);
    process.exit(2);
  }
}

/** Each group of rows, in the order a run measures them. */
function groups(
  quick: boolean,
  scale: Record<number, PipelineTimes>,
): Record<RowGroup, () => Promise<Row[]>> {
  return {
    client: () => clientRows(RUNS, quick),
    mock: () => mockRows(RUNS, quick),
    "mock-scale": () => mockScaleRows(quick),
    "npm-test": () => npmTestRows(RUNS, quick),
    "pipeline-scale": () => pipelineScaleRows(RUNS, quick, scale),
  };
}

async function all(quick: boolean, only: readonly RowGroup[]): Promise<void> {
  const scale: Record<number, PipelineTimes> = {};
  const measured: Row[] = [];
  for (const [name, rowsOf] of Object.entries(groups(quick, scale))) {
    if (only.includes(name as RowGroup)) measured.push(...(await rowsOf()));
  }
  const rows: Row[] = withGoalsJudged(measured);
  printTable(rows);
  const results = {
    date: new Date().toISOString(),
    quick,
    rows: only,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    node: process.version,
    runs: { ratios: RUNS, npmTest: quick ? 0 : RUNS },
    ...Object.fromEntries(rows.map((r) => [r.key, Number(r.value.toFixed(3))])),
    details: Object.fromEntries(
      rows.map((r) => [r.key, { what: r.what, goal: r.goal, met: r.met, detail: r.detail }]),
    ),
    scale,
  };
  const out = resultsPath(values);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\nwrote ${out}${out === UNTRACKED_RESULTS ? ` (not tracked; --write updates ${TRACKED_RESULTS})` : ""}`,
  );
}

if (values.help) console.log(HELP);
// One run: on a large spec (GitHub's REST description) one pass of the pipeline takes many minutes.
else if (values.spec) await specOnly(values.spec);
else {
  const only = rowGroups(values.only);
  const which = values.only ? `: ${only.join(", ")}` : "";
  progress(values.quick ? `quick run${which}` : `full run${which || " (about 40 minutes here)"}`);
  await all(values.quick, only);
}
