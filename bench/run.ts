// `npm run bench`: every benchmark, each as a ratio against a baseline measured side by side in the
// same run; prints a table and writes bench/results.json.
//   --quick        fewer and shorter runs (under two minutes)
//   --spec FILE    only the pipeline (lint, generate, check, contract cases) on FILE, with each step's share
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { isMain } from "../scripts/main.js";
import { clientCpu, loopback, medianOf, medianRatio } from "./client.js";
import { runContractCases } from "./contract.js";
import { median, progress } from "./measure.js";
import { BARE_PRISM, latency, OUR_MOCK, pairedRatio, startup } from "./mock.js";
import {
  npmTestRatio,
  npmTestVersusSteps,
  type PipelineTimes,
  pipelineOn,
  scaledSpec,
  totalMs,
} from "./pipeline.js";

interface Row {
  key: string;
  what: string;
  value: number;
  goal?: string;
  met?: boolean;
  detail: string;
}

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    spec: { type: "string" },
    out: { type: "string", default: "bench/results.json" },
  },
});
const quick = values.quick;
const RUNS = 5;

function ms(value: number): string {
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 1 ? 1 : 3)} ms`;
}

function shares(times: PipelineTimes): string {
  const total = totalMs(times);
  return Object.entries(times)
    .map(([step, t]) => `${step} ${Math.round((t / total) * 100)}%`)
    .join(", ");
}

async function pipelineMedian(specFile: string, runs: number): Promise<PipelineTimes> {
  const all: PipelineTimes[] = [];
  for (let run = 0; run < runs; run++) all.push(await pipelineOn(specFile, runContractCases));
  const pick = (step: keyof PipelineTimes) => median(all.map((t) => t[step]));
  return { lint: pick("lint"), generate: pick("generate"), check: pick("check"), contract: pick("contract") };
}

async function specOnly(file: string): Promise<void> {
  progress(`pipeline on ${file}`);
  const times = await pipelineMedian(file, quick ? 1 : RUNS);
  console.log(`Pipeline on ${file} (median of ${quick ? 1 : RUNS} runs): ${ms(totalMs(times))}`);
  for (const [step, t] of Object.entries(times)) {
    console.log(`  ${step.padEnd(9)} ${ms(t).padStart(10)}  ${Math.round((t / totalMs(times)) * 100)}%`);
  }
}

async function all(): Promise<void> {
  const rows: Row[] = [];
  const cpuRounds = RUNS;
  const cpuTime = quick ? 250 : 2_000;

  progress("client CPU: wrapper vs openapi-fetch vs raw fetch, canned Response");
  const cpu = await clientCpu(cpuRounds, cpuTime);
  const wrapper = "wrapper (validation on)";
  rows.push({
    key: "client_cpu_wrapper_over_openapi_fetch",
    what: "per call, canned Response: wrapper (validation on) ÷ bare openapi-fetch",
    value: medianRatio(cpu, wrapper, "openapi-fetch"),
    goal: "≤ 1.10",
    detail: `${ms(medianOf(cpu, wrapper))} vs ${ms(medianOf(cpu, "openapi-fetch"))}`,
  });
  rows.push({
    key: "client_cpu_openapi_fetch_over_raw_fetch",
    what: "per call, canned Response: bare openapi-fetch ÷ hand-written fetch",
    value: medianRatio(cpu, "openapi-fetch", "raw fetch"),
    detail: `${ms(medianOf(cpu, "openapi-fetch"))} vs ${ms(medianOf(cpu, "raw fetch"))}`,
  });

  progress("loopback: wrapper vs raw fetch against a local node:http server");
  const loop = await loopback(cpuRounds, cpuTime);
  rows.push({
    key: "loopback_wrapper_over_raw_fetch",
    what: "per call, local node:http server: wrapper ÷ hand-written fetch",
    value: medianRatio(loop, wrapper, "raw fetch"),
    detail: `${ms(medianOf(loop, wrapper))} vs ${ms(medianOf(loop, "raw fetch"))} (openapi-fetch ${ms(medianOf(loop, "openapi-fetch"))})`,
  });

  progress("mock p50 latency under autocannon load: ours vs bare prism mock");
  const p50 = await latency(RUNS, quick ? 1 : 8);
  rows.push({
    key: "mock_latency_over_prism",
    what: "p50 latency under load: our mock ÷ bare prism mock",
    value: pairedRatio(p50, OUR_MOCK.name, BARE_PRISM.name),
    goal: "≤ 1.10",
    detail: `${ms(median(p50[OUR_MOCK.name] ?? []))} vs ${ms(median(p50[BARE_PRISM.name] ?? []))}`,
  });

  progress("mock start-up to first answer: ours vs bare prism mock CLI");
  const boot = await startup(RUNS);
  rows.push({
    key: "mock_startup_over_prism_cli",
    what: "start to first answered request: our mock ÷ bare prism mock CLI",
    value: pairedRatio(boot, OUR_MOCK.name, BARE_PRISM.name),
    goal: "≤ 1.0",
    detail: `${ms(median(boot[OUR_MOCK.name] ?? []))} vs ${ms(median(boot[BARE_PRISM.name] ?? []))}`,
  });

  // One `npm test` takes about a minute here, so --quick leaves this row out rather than blow its
  // two-minute budget on a single unpaired run.
  const testRuns = quick ? 0 : RUNS;
  if (!quick) {
    const pipeline = await npmTestVersusSteps(testRuns);
    const stepsMedian = median(pipeline.map((r) => Object.values(r.stepsMs).reduce((a, b) => a + b, 0)));
    rows.push({
      key: "pipeline_npm_test_over_steps_sum",
      what: "wall time of npm test ÷ sum of its steps run alone one after another",
      value: npmTestRatio(pipeline),
      goal: "≤ 0.8",
      detail: `${ms(median(pipeline.map((r) => r.npmTestMs)))} vs ${ms(stepsMedian)}`,
    });
  }

  const sizes = quick ? [10, 100] : [1, 10, 100, 1000];
  const scale: Record<number, PipelineTimes> = {};
  const dir = await mkdtemp(join(tmpdir(), "bench-scale-"));
  try {
    for (const size of sizes) {
      progress(`pipeline on a generated spec of ${size} operation(s)`);
      const file = join(dir, `scale-${size}.openapi.yaml`);
      await writeFile(file, await scaledSpec(size));
      scale[size] = await pipelineMedian(file, quick ? 1 : RUNS);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const [small, large] = quick ? [10, 100] : [100, 1000];
  rows.push({
    key: "scale_ops_1000_over_ops_100",
    what: `pipeline on ${large} operations ÷ on ${small}`,
    value: totalMs(scale[large] as PipelineTimes) / totalMs(scale[small] as PipelineTimes),
    goal: "≤ 10",
    detail: sizes
      .map(
        (size) =>
          `${size} ops ${ms(totalMs(scale[size] as PipelineTimes))} (${shares(scale[size] as PipelineTimes)})`,
      )
      .join("; "),
  });

  for (const row of rows) {
    if (!row.goal) continue;
    const limit = Number(row.goal.replace(/[^\d.]/g, ""));
    row.met = row.value <= limit;
  }
  printTable(rows);
  const results = {
    date: new Date().toISOString(),
    quick,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    node: process.version,
    runs: { ratios: RUNS, npmTest: testRuns },
    ...Object.fromEntries(rows.map((r) => [r.key, Number(r.value.toFixed(3))])),
    details: Object.fromEntries(
      rows.map((r) => [r.key, { what: r.what, goal: r.goal, met: r.met, detail: r.detail }]),
    ),
    scale: Object.fromEntries(Object.entries(scale).map(([size, t]) => [size, t])),
  };
  await writeFile(values.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${values.out}`);
}

function printTable(rows: Row[]): void {
  const lines = [
    "| key | ratio | goal | measured |",
    "|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| \`${r.key}\` | ${r.value.toFixed(2)} | ${r.goal ? `${r.goal} ${r.met ? "met" : "**missed**"}` : "report"} | ${r.detail} |`,
    ),
  ];
  console.log(`\n${lines.join("\n")}`);
}

if (isMain(import.meta.url)) await (values.spec ? specOnly(values.spec) : all());
