// Latency as the spec grows: each mock's p50 on the page's PUT in a spec of `large` operations over
// the same in a spec of `small` (the repo's spec repeated, scaledSpec), each mock its own baseline.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { median, progress, timeCommandOk } from "./measure.js";
import { BARE_PRISM, latency, type MockCommand, OUR_MOCK, ourMockWith, STEADY } from "./mock.js";
import { scaledSpec } from "./pipeline.js";
import { ms, type Row } from "./rows.js";

const PAGE_PATH = "/v1/{project_id}/{instance_name}/image";
const KEYS: Record<string, string> = {
  [OUR_MOCK.name]: "mock",
  [BARE_PRISM.name]: "prism_cli",
  [STEADY.name]: "steady",
};

/** The last copy of the page's PUT in a scaled spec, as a request target. */
function lastPagePut(specText: string): string {
  const paths = Object.entries((parse(specText) as { paths: Record<string, { put?: unknown }> }).paths);
  const copies = paths.filter(([path, item]) => item.put && path.startsWith(`${PAGE_PATH}/copy-`));
  const last = copies.at(-1)?.[0];
  if (!last) throw new Error(`the scaled spec has no copy of PUT ${PAGE_PATH}`);
  return last.replace("{project_id}", "p").replace("{instance_name}", "i");
}

/** p50s of every mock on a spec of `size` operations, in `dir`. */
async function latencyAt(dir: string, size: number, runs: number, durationS: number) {
  const specDir = join(dir, `spec-${size}`);
  const generatedDir = join(dir, `generated-${size}`);
  await mkdir(specDir);
  await mkdir(generatedDir);
  const spec = join(specDir, `scale-${size}.openapi.yaml`);
  const text = await scaledSpec(size);
  await writeFile(spec, text);
  progress(`mock latency on ${size} operations: generating the spec's modules for our mock`);
  await timeCommandOk(join("node_modules", ".bin", "tsx"), [
    "scripts/generate.ts",
    "--spec",
    specDir,
    "--out",
    generatedDir,
  ]);
  progress(`mock latency on ${size} operations: ${runs} round(s) of ${durationS} s per mock`);
  const commands: MockCommand[] = [ourMockWith(generatedDir), BARE_PRISM, STEADY];
  return latency({ runs, durationS, commands, spec, target: lastPagePut(text) });
}

export async function latencyOnScaledSpecs(
  [small, large]: [number, number],
  runs: number,
  durationS: number,
): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), "bench-mock-scale-"));
  try {
    const low = await latencyAt(dir, small, runs, durationS);
    const high = await latencyAt(dir, large, runs, durationS);
    return Object.entries(KEYS).map(([name, key]) => {
      const [bottom, top] = [median(low[name] ?? []), median(high[name] ?? [])];
      return {
        key: `${key}_latency_ops_${large}_over_ops_${small}`,
        what: `p50 latency under load of ${name}: on ${large} operations ÷ on ${small}`,
        value: top / bottom,
        ...(key === "mock" && large === 1000 && small === 8 ? { goal: "≤ 1.5" } : {}),
        detail: `${ms(top)} vs ${ms(bottom)}`,
      };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
