// The contract step of the pipeline, for any spec: the same cases the contract suite derives
// (scripts/contract.ts), sent as plain requests to a fresh mock of the spec, each answer checked for
// its status and against the response schema compiled from the spec.
import { contractBreaks, deriveCases, loadSpec, toRequest } from "../scripts/contract.js";
import { startMock } from "../scripts/mock.js";

const CONCURRENCY = 16;
// Each operation gets a "body too big" case one byte over the mock's limit: keep the limit small, so a
// spec of 1,000 operations does not hold 1,000 bodies of Prism's default 10 MiB.
const MAX_BODY_BYTES = 64 * 1024;

/** Runs every case against a fresh mock of `specFile`; resolves with the wall time in ms. */
export async function runContractCases(specFile: string, generatedDir?: string): Promise<number> {
  const started = performance.now();
  const spec = await loadSpec(specFile);
  const cases = deriveCases(spec, { maxBodyBytes: MAX_BODY_BYTES });
  const byId = new Map(spec.operations.map((op) => [op.operationId, op]));
  const mock = await startMock({
    spec: specFile,
    port: 0,
    maxBodyBytes: MAX_BODY_BYTES,
    ...(generatedDir ? { generatedDir } : {}),
  });
  const failures: string[] = [];
  try {
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        if (!c) break;
        const { url, init } = toRequest(c, mock.url, true);
        const response = await fetch(url, init);
        const text = await response.text();
        const op = byId.get(c.operationId);
        const breaks = op
          ? contractBreaks(op, response.status, response.headers.get("content-type"), text)
          : [];
        if (response.status !== c.expect.status || breaks.length > 0) {
          failures.push(
            `${c.id}: ${response.status} ${breaks.map((b) => `${b.pointer} ${b.message}`).join("; ")}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    await mock.stop();
  }
  if (failures.length > 0)
    throw new Error(
      `${failures.length} of ${cases.length} cases failed:\n${failures.slice(0, 5).join("\n")}`,
    );
  return performance.now() - started;
}
