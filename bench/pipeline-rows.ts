// The pipeline's rows: npm test against its steps, and the pipeline as the spec grows.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runContractCases } from "./contract.js";
import { median, progress } from "./measure.js";
import {
  npmTestRatio,
  npmTestVersusSteps,
  type PipelineRun,
  type PipelineTimes,
  pipelineOn,
  scaledSpec,
  totalMs,
} from "./pipeline.js";
import { ms, type Row } from "./rows.js";

async function pipelineMedian(specFile: string, runs: number): Promise<PipelineTimes> {
  const all: PipelineRun[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await pipelineOn(specFile, runContractCases);
    const { failures, cases } = result.contract;
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${cases} cases failed:\n${failures.slice(0, 5).join("\n")}`);
    }
    all.push(result);
  }
  const pick = (step: keyof PipelineTimes) => median(all.map((r) => r.times[step]));
  return { lint: pick("lint"), generate: pick("generate"), check: pick("check"), contract: pick("contract") };
}

function shares(times: PipelineTimes): string {
  const total = totalMs(times);
  return Object.entries(times)
    .map(([step, t]) => `${step} ${Math.round((t / total) * 100)}%`)
    .join(", ");
}

async function npmTestRow(runs: number): Promise<Row> {
  const pipeline = await npmTestVersusSteps(runs);
  const stepsMedian = median(pipeline.map((r) => Object.values(r.stepsMs).reduce((a, b) => a + b, 0)));
  return {
    key: "pipeline_npm_test_over_steps_sum",
    what: "wall time of npm test ÷ sum of its steps run alone one after another",
    value: npmTestRatio(pipeline),
    goal: "≤ 0.8",
    detail: `${ms(median(pipeline.map((r) => r.npmTestMs)))} vs ${ms(stepsMedian)}`,
  };
}

/** The pipeline on the spec scaled to each size; `scale` gets each size's step times. */
async function scaleRow(sizes: number[], runs: number, scale: Record<number, PipelineTimes>): Promise<Row> {
  const dir = await mkdtemp(join(tmpdir(), "bench-scale-"));
  try {
    for (const size of sizes) {
      progress(`pipeline on a generated spec of ${size} operation(s)`);
      const file = join(dir, `scale-${size}.openapi.yaml`);
      await writeFile(file, await scaledSpec(size));
      scale[size] = await pipelineMedian(file, runs);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const [small, large] = sizes.slice(-2) as [number, number];
  const at = (size: number) => scale[size] as PipelineTimes;
  return {
    key: `scale_ops_${large}_over_ops_${small}`,
    what: `pipeline on ${large} operations ÷ on ${small}`,
    value: totalMs(at(large)) / totalMs(at(small)),
    goal: "≤ 10",
    detail: sizes.map((size) => `${size} ops ${ms(totalMs(at(size)))} (${shares(at(size))})`).join("; "),
  };
}

/** `npm test` against the sum of its steps; one `npm test` takes about a minute here, so not in --quick. */
export async function npmTestRows(runs: number, quick: boolean): Promise<Row[]> {
  return quick ? [] : [await npmTestRow(runs)];
}

/** The whole pipeline, contract step included, as the spec grows; `scale` gets each size's times. */
export async function pipelineScaleRows(
  runs: number,
  quick: boolean,
  scale: Record<number, PipelineTimes>,
): Promise<Row[]> {
  return [await scaleRow(quick ? [10, 100] : [1, 10, 100, 1000], quick ? 1 : runs, scale)];
}
