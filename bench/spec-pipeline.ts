// `npm run bench -- --spec FILE`: the pipeline on any OpenAPI document, once, each step beside the bare
// tool it wraps, measured in the same run: lint against Spectral with the same ruleset, generate against
// openapi-typescript alone, check against generate, and the contract cases' cost per case.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { localBin } from "../tools/shared/bin.mjs";
import { runContractCases } from "./contract.js";
import { progress, timeCommand } from "./measure.js";
import { ms, printTable, type Row, withGoalsJudged } from "./rows.js";

/** The per-case cost the contract step is held to: a third of the 67 ms it took on GitHub's spec. */
const CONTRACT_MS_PER_CASE = 67 / 3;

/** A step's wall time and the CPU time of its Node processes (NaN when it reported none), ms. */
export interface Timed {
  ms: number;
  cpuMs: number;
}

/** Runs a step; exit codes other than 0 (and those in `alsoOk`) are a failure of the step. */
async function timed(
  command: string,
  args: string[],
  label: string,
  options: { cwd?: string; alsoOk?: number[] } = {},
) {
  const run = await timeCommand(command, args, { label, ...(options.cwd ? { cwd: options.cwd } : {}) });
  if (run.code !== 0 && !options.alsoOk?.includes(run.code ?? -1))
    throw new Error(`${label} exited ${run.code}:\n${run.output}`);
  return { ms: run.ms, cpuMs: run.cpuMs };
}

export interface StepTimes {
  spectral: Timed;
  lint: Timed;
  openapiTypescript: Timed;
  generate: Timed;
  check: Timed;
  contract: { ms: number; cases: number; failures: string[] };
}

async function stepsOn(spec: string, work: string): Promise<StepTimes> {
  const out = join(work, "generated");
  await mkdir(out);
  const tsx = localBin("tsx");
  // Lint exits 1 on findings, which do not stop the run.
  const lintOk = { alsoOk: [1] };
  progress("  lint: Spectral alone, with the project's ruleset");
  const spectralArgs = ["lint", "--quiet", "--fail-severity=error", "--ruleset", ".spectral.yaml", spec];
  const spectral = await timed(localBin("spectral"), spectralArgs, "spectral", lintOk);
  progress(`  lint: npm run lint:spec (Spectral took ${took(spectral)})`);
  const lintArgs = ["tools/lint/lint-spec.ts", "--fail-severity=error", "--spec", spec];
  const lint = await timed(tsx, lintArgs, "lint", lintOk);
  progress(`  types: openapi-typescript alone (lint took ${took(lint)})`);
  // From the temporary folder: in the repo it would lint the spec with the repo's redocly.yaml first.
  const typesArgs = [spec, "--output", join(work, "bare-types.ts")];
  const openapiTypescript = await timed(localBin("openapi-typescript"), typesArgs, "openapi-typescript", {
    cwd: work,
  });
  progress(`  generate (openapi-typescript took ${took(openapiTypescript)})`);
  const generateArgs = ["tools/codegen/generate.ts", "--spec", spec, "--out", out];
  const generate = await timed(tsx, generateArgs, "generate");
  progress(`  check (generate took ${took(generate)})`);
  const check = await timed(tsx, [...generateArgs, "--check"], "check");
  progress(`  contract cases against a fresh mock (check took ${took(check)})`);
  const contract = await runContractCases(spec, out);
  return { spectral, lint, openapiTypescript, generate, check, contract };
}

function took(t: Timed): string {
  return Number.isNaN(t.cpuMs) ? ms(t.ms) : `${ms(t.ms)}, CPU ${ms(t.cpuMs)}`;
}

/**
 * One step over another, by CPU time where both report it (other work on the machine inflates wall
 * time far more), else by wall time; the detail gives both.
 */
function ratioRow(key: string, what: string, goal: string, top: Timed, bottom: Timed): Row {
  const byCpu = !Number.isNaN(top.cpuMs) && !Number.isNaN(bottom.cpuMs);
  return {
    key,
    what,
    value: byCpu ? top.cpuMs / bottom.cpuMs : top.ms / bottom.ms,
    goal,
    detail: `${byCpu ? "CPU" : "wall"}: ${took(top)} vs ${took(bottom)}`,
  };
}

export function rowsOf(t: StepTimes): Row[] {
  const perCase = t.contract.ms / Math.max(t.contract.cases, 1);
  return withGoalsJudged([
    ratioRow(
      "spec_lint_over_spectral",
      "npm run lint:spec ÷ Spectral alone with the same ruleset",
      "≤ 1.2",
      t.lint,
      t.spectral,
    ),
    ratioRow(
      "spec_generate_over_openapi_typescript",
      "npm run generate (types, validators, operations, examples) ÷ openapi-typescript alone",
      "≤ 10",
      t.generate,
      t.openapiTypescript,
    ),
    ratioRow("spec_check_over_generate", "npm run check ÷ npm run generate", "≤ 1", t.check, t.generate),
    {
      key: "spec_contract_ms_per_case",
      what: "contract step (load, derive, mock start, every case) per case, in ms",
      value: perCase,
      goal: `≤ ${CONTRACT_MS_PER_CASE.toFixed(1)}`,
      detail: `${t.contract.cases} cases in ${ms(t.contract.ms)}, ${t.contract.failures.length} failed`,
    },
  ]);
}

/** `--spec FILE`: every step and its bare tool once, in a temporary folder; the repo is untouched. */
export async function specOnly(file: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "bench-spec-"));
  const before = loadavg()[0] ?? 0;
  try {
    const spec = join(work, basename(file));
    await writeFile(spec, await readFile(file));
    progress(`pipeline on ${file}, each step beside its bare tool`);
    const times = await stepsOn(spec, work);
    console.log(
      `\nPipeline on ${file}; load average ${before.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`,
    );
    printTable(rowsOf(times));
    for (const failure of times.contract.failures.slice(0, 10)) console.log(`  ${failure}`);
    if (times.contract.failures.length > 10)
      console.log(`  ... and ${times.contract.failures.length - 10} more`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
