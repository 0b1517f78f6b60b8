// What the feedback loop costs: `npm test` against its steps run alone one after another, and the
// pipeline (lint, generate, check, mock-vs-schema contract cases) on any OpenAPI 3.0 document.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parse, stringify } from "yaml";
import { localBin } from "../tools/shared/bin.mjs";
import { DEFAULT_SPEC } from "../tools/shared/specs.js";
import { median, progress, timeCommand, timeCommandOk } from "./measure.js";

/** The steps `npm test` runs, read from its own script so the two cannot drift apart. */
export async function testSteps(): Promise<string[]> {
  const pkg = JSON.parse(await readFile("package.json", "utf8")) as { scripts: Record<string, string> };
  const test = pkg.scripts.test ?? "";
  const steps = test.split(/\s+/).filter((word) => word in pkg.scripts && word !== "test");
  if (steps.length === 0) throw new Error(`cannot read the steps of "npm test": ${test}`);
  return steps;
}

export interface TestPipelineRun {
  npmTestMs: number;
  stepsMs: Record<string, number>;
}

/** `npm test` and its steps one by one, alternating which goes first, `runs` times. */
export async function npmTestVersusSteps(runs: number): Promise<TestPipelineRun[]> {
  const steps = await testSteps();
  const results: TestPipelineRun[] = [];
  for (let run = 0; run < runs; run++) {
    progress(`npm test vs its steps (${steps.join(", ")}), run ${run + 1}/${runs}`);
    const stepsAlone = async () => {
      const stepsMs: Record<string, number> = {};
      for (const step of steps) stepsMs[step] = await timeCommandOk("npm", ["run", "--silent", step]);
      return stepsMs;
    };
    const whole = () => timeCommandOk("npm", ["test", "--silent"]);
    if (run % 2) {
      const npmTestMs = await whole();
      results.push({ npmTestMs, stepsMs: await stepsAlone() });
    } else {
      const stepsMs = await stepsAlone();
      results.push({ npmTestMs: await whole(), stepsMs });
    }
  }
  return results;
}

export function npmTestRatio(runs: readonly TestPipelineRun[]): number {
  return median(runs.map((r) => r.npmTestMs / Object.values(r.stepsMs).reduce((a, b) => a + b, 0)));
}

/**
 * A spec with `operations` operations: the repo's spec with its operations repeated under numbered
 * paths and operationIds, sharing its components, so it stays valid and lint-clean.
 */
export async function scaledSpec(operations: number, source = DEFAULT_SPEC): Promise<string> {
  const spec = parse(await readFile(source, "utf8")) as { paths: Record<string, Record<string, unknown>> };
  const templates = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op: op as Record<string, unknown> })),
  );
  const paths: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < operations; i++) {
    const { path, method, op } = templates[i % templates.length] as (typeof templates)[number];
    const numbered = `${path.replace(/\/$/, "")}/copy-${i + 1}`;
    paths[numbered] ??= {};
    (paths[numbered] as Record<string, unknown>)[method] = {
      ...op,
      operationId: `${String(op.operationId)}${i + 1}`,
    };
  }
  // No anchors for the repeated objects: a reader that caps aliases (yaml does) would refuse 1,000 copies.
  return stringify({ ...spec, paths }, { aliasDuplicateObjects: false });
}

export interface PipelineTimes {
  lint: number;
  generate: number;
  check: number;
  contract: number;
}

export interface PipelineRun {
  times: PipelineTimes;
  /** Spectral's summary of what it found (`✖ N problems (...)`), or "no findings". */
  lintFindings: string;
  contract: ContractRun;
}

export interface ContractRun {
  ms: number;
  cases: number;
  /** The cases whose answer broke the contract, with why; empty when all passed. */
  failures: string[];
}

/** Spectral exits 1 on findings at or above --fail-severity and 2 when it could not lint. */
async function lint(spec: string): Promise<{ ms: number; findings: string }> {
  const args = ["lint", "--quiet", "--fail-severity=error", "--ruleset", ".spectral.yaml", spec];
  const run = await timeCommand(localBin("spectral"), args, { label: "lint" });
  if (run.code !== 0 && run.code !== 1)
    throw new Error(`spectral ${args.join(" ")} exited ${run.code}:\n${run.output}`);
  return { ms: run.ms, findings: /✖ .*problems.*/.exec(run.output)?.[0] ?? "no findings" };
}

/**
 * Lint, generate, check and the contract cases on `specFile`, in a temporary folder; the repo is
 * untouched. Lint findings do not stop the run: the lint step is timed to its end either way.
 */
export async function pipelineOn(
  specFile: string,
  runContract: (spec: string, generatedDir: string) => Promise<ContractRun>,
): Promise<PipelineRun> {
  const work = await mkdtemp(join(tmpdir(), "bench-pipeline-"));
  try {
    const specDir = join(work, "spec");
    const outDir = join(work, "generated");
    await mkdir(specDir);
    await mkdir(outDir);
    const spec = join(specDir, basename(specFile).replace(/(\.openapi)?\.(ya?ml|json)$/, ".openapi.yaml"));
    await writeFile(spec, await readFile(specFile));
    const tsx = localBin("tsx");
    progress(`  lint ${basename(specFile)}`);
    const linted = await lint(spec);
    progress(`  generate (lint took ${Math.round(linted.ms)} ms: ${linted.findings})`);
    const generate = await timeCommandOk(
      tsx,
      ["tools/codegen/generate.ts", "--spec", specDir, "--out", outDir],
      {
        label: "generate",
      },
    );
    progress(`  check (generate took ${Math.round(generate)} ms)`);
    const check = await timeCommandOk(tsx, [
      "tools/codegen/generate.ts",
      "--check",
      "--spec",
      specDir,
      "--out",
      outDir,
    ]);
    progress(`  contract cases against a fresh mock (check took ${Math.round(check)} ms)`);
    const contract = await runContract(spec, outDir);
    const times = { lint: linted.ms, generate, check, contract: contract.ms };
    return { times, lintFindings: linted.findings, contract };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function totalMs(times: PipelineTimes): number {
  return times.lint + times.generate + times.check + times.contract;
}
