// Sending a derived contract case to a running mock, and judging its answer by the spec: the same
// for every spec's contract suite.
import { expect } from "vitest";
import type { ContractCase } from "../../tools/contract/case.js";
import type { ContractSpec } from "../../tools/contract/contract-spec.js";
import { contractBreaks } from "../../tools/contract/judge.js";
import { toRequest } from "../../tools/contract/send.js";
import { expectHonestMock } from "./mock-check.js";

/** Sends `c` to the mock at `baseUrl` (with its Prefer header if asked); the answer, read. */
export async function sendCase(c: ContractCase, baseUrl: string, withPrefer: boolean) {
  const { url, init } = toRequest(c, baseUrl, withPrefer);
  const response = await fetch(url, init);
  await expectHonestMock(response);
  const text = await response.text();
  const json = /\bjson\b/i.test(response.headers.get("content-type") ?? "");
  return { response, text, body: text && json ? (JSON.parse(text) as unknown) : text || undefined };
}

/** Fails with every way the answer breaks what `spec` documents for the operation. */
export function expectNoBreaks(
  spec: ContractSpec,
  operationId: string,
  status: number,
  contentType: string | null,
  text: string,
): void {
  const op = spec.operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  expect(contractBreaks(op, status, contentType, text)).toEqual([]);
}
