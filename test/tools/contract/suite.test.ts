// The contract suite, derived from each spec (tools/contract/derive.ts): every operation × documented
// status × named example, every request example, every bad request the request schemas imply (its
// parameters too), and valid requests generated from the schemas. Each runs against a real mock of the
// spec, and the generic client (createClient of the spec's generated contracts) maps each answer to its
// typed result or error. The spec is CONTRACT_SPEC (`npm run test:contract -- --spec FILE`), else every
// spec in spec/; CONTRACT_SHARD (`--shard I/N`) keeps the I-th of N parts of each spec's operations. No test below names a spec, an operation, a field or an error code.
import { test as fcTest } from "@fast-check/vitest";
import type { OpenAPIV3 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OperationContract } from "../../../generated/shared-types.js";
import { createClient, isClientError } from "../../../src/client/index.js";
import { statusCode } from "../../../src/mock/prefer.js";
import { formatViolation } from "../../../src/mock/report.js";
import type { Generated } from "../../../src/mock/types.js";
import { arbitraryFor, generatesAccepted } from "../../../tools/contract/arbitrary.js";
import type { ContractCase } from "../../../tools/contract/case.js";
import {
  type ContractSpec,
  loadContractSpec,
  type Operation,
} from "../../../tools/contract/contract-spec.js";
import { deriveCases, fetchReceives } from "../../../tools/contract/derive.js";
import { contractBreaks } from "../../../tools/contract/judge.js";
import { clientInput } from "../../../tools/contract/send.js";
import { operationsInShard, parseShard } from "../../../tools/contract/shard.js";
import { loadGenerated } from "../../../tools/mock/generated-modules.js";
import { type RunningMock, startMock } from "../../../tools/mock/server.js";
import { specFiles } from "../../../tools/shared/specs.js";
import { expectNoBreaks, sendCase } from "../../support/contract-case.js";
import { expectHonestMock } from "../../support/mock-check.js";

const FC_RUNS = Number(process.env.FC_RUNS ?? 200);
const SPECS = process.env.CONTRACT_SPEC ? [process.env.CONTRACT_SPEC] : await specFiles("spec");
const SHARD =
  parseShard(process.env.CONTRACT_SHARD ?? "1/1") ??
  fail(`CONTRACT_SHARD=${process.env.CONTRACT_SHARD}: give it as I/N, with 1 <= I <= N`);

function fail(message: string): never {
  throw new Error(message);
}

type Call = (
  input: Record<string, unknown>,
  options?: { headers?: Record<string, string> },
) => Promise<unknown>;

/** Every security scheme of the spec given the credential the cases send (`x`), as the client takes them. */
function credentialsOf(spec: ContractSpec): Record<string, string | { username: string; password: string }> {
  const schemes = spec.operations.flatMap((op) => op.security.flat());
  return Object.fromEntries(
    schemes.map((c) => [c.scheme, c.http === "basic" ? { username: "x", password: "x" } : "x"]),
  );
}

for (const specPath of SPECS) {
  const spec = await loadContractSpec(specPath);
  const cases = deriveCases(spec);
  const operations = operationsInShard(spec.operations, cases, SHARD);

  // A spec of webhooks alone serves nothing a mock or a client could be held to.
  if (spec.operations.length === 0) {
    test.skip(`the contract cases derived from ${specPath}: it documents no operation`, () => {});
    continue;
  }

  describe(`the contract cases derived from ${specPath}`, () => {
    let mock: RunningMock;
    let generated: Generated;
    let methods: Record<string, unknown>;
    beforeAll(async () => {
      [mock, generated] = await Promise.all([
        startMock({ spec: specPath, port: 0, errors: true }),
        loadGenerated(specPath),
      ]);
      const client = createClient(generated.operations, {
        endpoint: mock.url,
        auth: credentialsOf(spec),
        retry: false,
        // Every response the client gets is checked for Prism's own report of a spec violation.
        fetch: async (request) => {
          const response = await fetch(request);
          await expectHonestMock(response);
          return response;
        },
      });
      methods = client as unknown as Record<string, unknown>;
    }, 120_000);
    afterAll(() => mock?.stop());

    /** The client's method for an operation: the one its contract names. */
    function clientMethod(operationId: string): Call {
      const contract = Object.values(generated.operations).find(
        (c: OperationContract) => c.operationId === operationId,
      );
      const method = contract && methods[contract.name];
      if (typeof method !== "function") throw new Error(`the client has no method for ${operationId}`);
      return method as Call;
    }

    /** The client maps the answer: the example as its result, or an error with the status and body. */
    async function expectClientMaps(c: ContractCase, op: Operation, headers: Record<string, string>) {
      const value = c.expect.example?.value;
      const call = clientMethod(c.operationId)(clientInput(c, op), { headers });
      if (c.expect.status < 300) {
        const result = await call;
        if (value !== undefined) expect(result).toEqual(value);
        return;
      }
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isClientError(error), String(error)).toBe(true);
      expect(error).toMatchObject({ operation: c.operationId, status: c.expect.status });
      if (value !== undefined) expect((error as { body?: unknown }).body).toEqual(value);
    }

    test("cover every operation of the spec with at least one example and one request case", () => {
      for (const op of operations) {
        // An operation that documents only statuses fetch never receives (1xx, 407) has no case.
        if (!Object.keys(op.responses).some((s) => fetchReceives(statusCode(s)))) continue;
        const kinds = new Set(cases.filter((c) => c.operationId === op.operationId).map((c) => c.kind));
        expect([...kinds].sort(), op.operationId).toEqual(expect.arrayContaining(["example", "request"]));
      }
    });

    for (const op of operations) {
      const mine = cases.filter((c) => c.operationId === op.operationId);
      if (mine.length === 0) {
        test.skip(`${op.method.toUpperCase()} ${op.path}: it documents only statuses fetch never receives`, () => {});
        continue;
      }
      const of = (kind: ContractCase["kind"]) => mine.filter((c) => c.kind === kind);
      describe(`${op.method.toUpperCase()} ${op.path} (${op.operationId})`, () => {
        // A kind of case the operation has none of makes no block: vitest refuses an empty one.
        const suite = (kind: ContractCase["kind"]) => (name: string, body: () => void) => {
          if (of(kind).length > 0) describe(name, body);
        };
        suite("example")("each documented response, forced with Prefer", () => {
          test.for(of("example"))("$title", async (c) => {
            const { response, text, body } = await sendCase(c, mock.url, true);

            expect(response.status).toBe(c.expect.status);
            expectNoBreaks(spec, c.operationId, response.status, response.headers.get("content-type"), text);
            if (c.expect.example) expect(body).toEqual(c.expect.example.value);
            await expectClientMaps(c, op, c.prefer ? { Prefer: c.prefer } : {});
          });
        });

        suite("request")("each request example, sent as it is", () => {
          test.for(of("request"))("$title", async (c) => {
            const { response, text, body } = await sendCase(c, mock.url, false);

            expect(response.status).toBe(c.expect.status);
            expectNoBreaks(spec, c.operationId, response.status, response.headers.get("content-type"), text);
            if (c.expect.example) expect(body).toEqual(c.expect.example.value);
            await expectClientMaps(c, op, {});
          });
        });

        suite("negative")("each bad request the request's parameters and schema imply", () => {
          test.for(of("negative"))("$title", async (c) => {
            const { response, text, body } = await sendCase(c, mock.url, false);

            expect(response.status).toBe(c.expect.status);
            // A documented refusal without a body comes without one.
            const json = c.expect.example?.value === undefined ? null : "application/json";
            expect(response.headers.get("content-type")).toBe(json);
            // An operation that documents no error response has no refusal to hold the answer to.
            if (c.expect.documented !== false) {
              expectNoBreaks(
                spec,
                c.operationId,
                response.status,
                response.headers.get("content-type"),
                text,
              );
            }
            expect(body).toEqual(c.expect.example?.value);
            // The mock says which violation it saw: the one the case was built to have.
            const seen = JSON.parse(response.headers.get("sl-violations") ?? "[]") as { message: string }[];
            expect(seen.map((v) => v.message)).toEqual([
              c.expect.violation && formatViolation(c.expect.violation),
            ]);
          });
        });

        const schema = op.requestMedia?.media.schema as OpenAPIV3.SchemaObject | undefined;
        const request = mine.find((c) => c.kind === "request");
        // An operation without a request body has no schema to generate from.
        const generates = schema && op.validateBody && generatesAccepted(schema, op.validateBody);
        if (schema && request && !generates) {
          test.skip("valid requests generated from the request schema: none found in 200 tries", () => {});
        }
        if (schema && request && generates) {
          describe("valid requests generated from the request schema", () => {
            fcTest.prop([arbitraryFor(schema, op.validateBody)], { numRuns: FC_RUNS })(
              `get the answer a valid request gets through the client (${FC_RUNS} runs)`,
              async (body) => {
                expect(op.validateBody?.(body), "the generator made an invalid body").toBe(true);
                const call = clientMethod(op.operationId)(clientInput(request, op, body));
                // An operation that documents no success answers a valid request with its first response.
                if (request.expect.status >= 300) {
                  await expect(call).rejects.toMatchObject({ status: request.expect.status });
                  return;
                }
                const result = await call;
                if (result === undefined) return;
                expect(
                  contractBreaks(op, request.expect.status, "application/json", JSON.stringify(result)),
                ).toEqual([]);
              },
            );
          });
        }
      });
    }
  });
}
