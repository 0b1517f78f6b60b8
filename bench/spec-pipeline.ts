// `npm run bench -- --spec FILE`: the pipeline on any OpenAPI document, once, each step beside the bare
// tool it wraps, measured in the same run: lint against Spectral with the same ruleset, generate against
// openapi-typescript alone, check against generate, and the contract cases' cost per case.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { localBin } from "../tools/shared/bin.mjs";
import { runContractCases } from "./contract.js";
import { progress, timeCommand, timeCommandOk } from "./measure.js";
import { ms, printTable, type Row, withGoalsJudged } from "./rows.js";

/** The per-case cost the contract step is held to: a third of the 67 ms it took on GitHub's spec. */
const CONTRACT_MS_PER_CASE = 67 / 3;

/** Lint exits 1 on findings, which do not stop the run; anything else but 0 is a failure to lint. */
async function timeLint(command: string, args: string[], label: string): Promise<number> {
  const run = await timeCommand(command, args, { label });
  if (run.code !== 0 && run.code !== 1) throw new Error(`${label} exited ${run.code}:\n${run.output}`);
  return run.ms;
}

export interface StepTimes {
  spectral: number;
  lint: number;
  openapiTypescript: number;
  generate: number;
  check: number;
  contract: { ms: number; cases: number; failures: string[] };
}

async function stepsOn(spec: string, work: string): Promise<StepTimes> {
  const out = join(work, "generated");
  await mkdir(out);
  const tsx = localBin("tsx");
  progress("  lint: Spectral alone, with the project's ruleset");
  const spectral = await timeLint(
    localBin("spectral"),
    ["lint", "--quiet", "--fail-severity=error", "--ruleset", ".spectral.yaml", spec],
    "spectral",
  );
  progress(`  lint: npm run lint:spec (Spectral took ${ms(spectral)})`);
  const lint = await timeLint(
    tsx,
    ["tools/lint/lint-spec.ts", "--fail-severity=error", "--spec", spec],
    "lint",
  );
  progress(`  types: openapi-typescript alone (lint took ${ms(lint)})`);
  const openapiTypescript = await timeCommandOk(
    localBin("openapi-typescript"),
    [spec, "--output", join(work, "bare-types.ts")],
    // From the temporary folder: in the repo it would lint the spec with the repo's redocly.yaml first.
    { label: "openapi-typescript", cwd: work },
  );
  progress(`  generate (openapi-typescript took ${ms(openapiTypescript)})`);
  const generate = await timeCommandOk(tsx, ["tools/codegen/generate.ts", "--spec", spec, "--out", out], {
    label: "generate",
  });
  progress(`  check (generate took ${ms(generate)})`);
  const check = await timeCommandOk(
    tsx,
    ["tools/codegen/generate.ts", "--check", "--spec", spec, "--out", out],
    {
      label: "check",
    },
  );
  progress(`  contract cases against a fresh mock (check took ${ms(check)})`);
  const contract = await runContractCases(spec, out);
  return { spectral, lint, openapiTypescript, generate, check, contract };
}

export function rowsOf(t: StepTimes): Row[] {
  const perCase = t.contract.ms / Math.max(t.contract.cases, 1);
  return withGoalsJudged([
    {
      key: "spec_lint_over_spectral",
      what: "npm run lint:spec ÷ Spectral alone with the same ruleset",
      value: t.lint / t.spectral,
      goal: "≤ 1.2",
      detail: `${ms(t.lint)} vs ${ms(t.spectral)}`,
    },
    {
      key: "spec_generate_over_openapi_typescript",
      what: "npm run generate (types, validators, operations, examples) ÷ openapi-typescript alone",
      value: t.generate / t.openapiTypescript,
      goal: "≤ 10",
      detail: `${ms(t.generate)} vs ${ms(t.openapiTypescript)}`,
    },
    {
      key: "spec_check_over_generate",
      what: "npm run check ÷ npm run generate",
      value: t.check / t.generate,
      goal: "≤ 1",
      detail: `${ms(t.check)} vs ${ms(t.generate)}`,
    },
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
