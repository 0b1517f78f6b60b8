// The contract step of the pipeline, for any spec: the same cases the contract suite derives
// (tools/contract/derive.ts), sent as plain requests to a fresh mock of the spec, each answer checked for
// its status and against the response schema compiled from the spec.
import type { ContractCase } from "../tools/contract/case.js";
import { loadContractSpec, type Operation } from "../tools/contract/contract-spec.js";
import { deriveCases } from "../tools/contract/derive.js";
import { contractBreaks } from "../tools/contract/judge.js";
import { toRequest } from "../tools/contract/send.js";
import { startMock } from "../tools/mock/server.js";
import { errorMessage } from "../tools/shared/errors.js";
import { progress } from "./measure.js";
import type { ContractRun } from "./pipeline.js";

const CONCURRENCY = 16;
// Each operation gets a "body too big" case one byte over the mock's limit: keep the limit small, so a
// spec of 1,000 operations does not hold 1,000 bodies of Prism's default 10 MiB.
const MAX_BODY_BYTES = 64 * 1024;

/** Runs every case against a fresh mock of `specFile`; resolves with the wall time and what failed. */
export async function runContractCases(specFile: string, generatedDir?: string): Promise<ContractRun> {
  const started = performance.now();
  const spec = await loadContractSpec(specFile);
  const cases = deriveCases(spec, { maxBodyBytes: MAX_BODY_BYTES });
  const byId = new Map(spec.operations.map((op) => [op.operationId, op]));
  const mock = await startMock({
    spec: specFile,
    port: 0,
    maxBodyBytes: MAX_BODY_BYTES,
    ...(generatedDir ? { generatedDir } : {}),
  });
  const failures: string[] = [];
  const tick = setInterval(() => progress(`    ${next} of ${cases.length} cases sent`), 10_000);
  let next = 0;
  try {
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        if (c) failures.push(...(await failureOf(c, mock.url, byId.get(c.operationId))));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    clearInterval(tick);
    await mock.stop();
  }
  return { ms: performance.now() - started, cases: cases.length, failures };
}

/** What is wrong with the mock's answer to `c`, if anything; a request that fails is a failure too. */
async function failureOf(c: ContractCase, base: string, op: Operation | undefined): Promise<string[]> {
  const { url, init } = toRequest(c, base, true);
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    // As the suite judges it: an operation that documents no error response has no refusal to hold
    // the answer to.
    const judged = op && c.expect.documented !== false;
    const breaks = judged
      ? contractBreaks(op, response.status, response.headers.get("content-type"), text)
      : [];
    if (response.status === c.expect.status && breaks.length === 0) return [];
    return [`${c.id}: ${response.status} ${breaks.map((b) => `${b.pointer} ${b.message}`).join("; ")}`];
  } catch (error) {
    return [`${c.id}: ${errorMessage(error)}`];
  }
}
