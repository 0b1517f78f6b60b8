// Latency as the spec grows: each mock's p50 on the page's PUT in a spec of `large` operations over
// the same in a spec of `small` (the repo's spec repeated, scaledSpec), each mock its own baseline.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { median, progress } from "./measure.js";
import { BARE_PRISM, latency, OUR_MOCK, STEADY, start, stopOrKill } from "./mock.js";
import { scaledSpec } from "./pipeline.js";
import { ms, type Row } from "./rows.js";

const PAGE_PATH = "/v1/{project_id}/{instance_name}/image";
// Compiling the policy of 1,000 operations takes minutes on a loaded machine.
const COMPILE_LIMIT_MS = 900_000;
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
  const spec = join(dir, `scale-${size}.openapi.yaml`);
  const text = await scaledSpec(size);
  await writeFile(spec, text);
  const target = lastPagePut(text);
  // `npm run mock` compiles a spec's policy on its first start and caches it (.build/specs/):
  // one start here, so that the measured mock is the one a user gets from the second start on.
  progress(`mock latency on ${size} operations: our mock's first start compiles the spec's policy`);
  await stopOrKill((await start(OUR_MOCK, spec, target, COMPILE_LIMIT_MS)).child);
  progress(`mock latency on ${size} operations: ${runs} round(s) of ${durationS} s per mock`);
  return (await latency({ runs, durationS, commands: [OUR_MOCK, BARE_PRISM, STEADY], spec, target })).p50;
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
