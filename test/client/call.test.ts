// The call loop: once the call's deadline has ended an attempt, no other is sent, even when a timer
// fired a little before the clock reached the deadline (a busy event loop reads a stale clock).
import { afterEach, describe, expect, test, vi } from "vitest";
import { operations } from "../../generated/image-search.operations.js";
import { createClient } from "../../src/client/index.js";
import { loadContractSpec } from "../../tools/contract/contract-spec.js";
import { deriveCases } from "../../tools/contract/derive.js";
import { clientInput } from "../../tools/contract/send.js";
import { DEFAULT_SPEC } from "../../tools/shared/specs.js";

afterEach(() => vi.restoreAllMocks());

describe("a call's deadline", () => {
  test("ends the call at the attempt it cut short, whatever time the clock says is left", async () => {
    const now = performance.now.bind(performance);
    let lag = 0;
    vi.spyOn(performance, "now").mockImplementation(() => now() - lag);
    // No wait between attempts: a retry would be sent at once if the loop allowed one.
    vi.spyOn(Math, "random").mockReturnValue(0);
    let attempts = 0;
    const hanging: typeof fetch = (_input, init) => {
      attempts++;
      // From here on the clock reads 1 s behind: the deadline's timer fires with time seemingly left.
      lag = 1_000;
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    };
    const { operation, input } = await getOperationAndInput();
    const client = createClient([operation], {
      endpoint: "https://api.example",
      token: "t",
      fetch: hanging,
      deadlineMs: 50,
    }) as unknown as Record<string, (input: object) => Promise<unknown>>;

    const error = await client[operation.name]?.(input).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "TimeoutError", limit: "call" });
    expect(attempts).toBe(1);
  });
});

/** A GET operation of the spec, and an input made of the spec's examples (the contract suite's). */
async function getOperationAndInput() {
  const spec = await loadContractSpec(DEFAULT_SPEC);
  const op = spec.operations.find((o) => o.method === "get");
  const operation = Object.values(operations).find((c) => c.operationId === op?.operationId);
  const request = deriveCases(spec).find((c) => c.operationId === op?.operationId && c.kind === "request");
  if (!op || !operation || !request) throw new Error("the spec has no GET operation");
  return { operation, input: clientInput(request, op) };
}
