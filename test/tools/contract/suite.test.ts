// The contract suite, derived from the spec (tools/contract/derive.ts): every operation × documented status
// × named example, every request example, every bad request the request schemas imply, and valid
// requests generated from the schemas. Each runs against the one real mock of the run, and the
// client (whose method names are the operationIds) maps each answer to its typed result or error.
// No test below names an operation, a field or an error code: a new operation or example in the spec
// is a new case here.
import { test as fcTest } from "@fast-check/vitest";
import type { OpenAPIV3 } from "openapi-types";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { createImageSearchClient, ImageSearchError, isImageSearchError } from "../../../src/client/index.js";
import { formatViolation } from "../../../src/mock/report.js";
import { arbitraryFor } from "../../../tools/contract/arbitrary.js";
import type { ContractCase } from "../../../tools/contract/case.js";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { deriveCases } from "../../../tools/contract/derive.js";
import { contractBreaks } from "../../../tools/contract/judge.js";
import { clientInput } from "../../../tools/contract/send.js";
import { expectNoBreaks, sendCase } from "../../support/contract-case.js";
import { expectHonestMock } from "../../support/mock-check.js";
import { SPEC_PATH } from "../../support/spec.js";

const FC_RUNS = Number(process.env.FC_RUNS ?? 200);
const spec = await loadContractSpec(SPEC_PATH);
const cases = deriveCases(spec);
const sample = cases.find((c) => c.kind === "request") ?? cases[0];
if (!sample) throw new Error(`${SPEC_PATH} yields no contract case`);

type Call = (
  input: Record<string, unknown>,
  options?: { headers?: Record<string, string> },
) => Promise<unknown>;
let baseUrl: string;
let methods: Record<string, Call | undefined>;

beforeAll(() => {
  baseUrl = inject("mockUrl");
  // The client's own options: the project and the token, as the cases send them.
  const client = createImageSearchClient({
    endpoint: baseUrl,
    projectId: sample.pathParams.project_id ?? "",
    token: sample.headers["X-Auth-Token"] ?? "",
    // Every response the client gets is checked for Prism's own report of a spec violation.
    fetch: async (request) => {
      const response = await fetch(request);
      expectHonestMock(response);
      return response;
    },
  });
  methods = client as unknown as Record<string, Call | undefined>;
});

function clientMethod(operationId: string): Call {
  const method = methods[operationId];
  if (typeof method !== "function") throw new Error(`the client has no method ${operationId}`);
  return method;
}

async function expectClientMaps(c: ContractCase, headers: Record<string, string>) {
  const value = c.expect.example?.value;
  const call = clientMethod(c.operationId)(clientInput(c), { headers });
  if (c.expect.status < 300) {
    const result = await call;
    if (value !== undefined) expect(result).toEqual(value);
    return;
  }
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageSearchError);
  expect(isImageSearchError(error)).toBe(true);
  const envelope = value as { error_code?: string; error_msg?: string } | undefined;
  expect(error).toMatchObject({
    name: "ImageSearchError",
    operation: c.operationId,
    status: c.expect.status,
    ...(envelope ? { code: envelope.error_code, errorMsg: envelope.error_msg } : {}),
  });
}

describe(`the contract cases derived from ${SPEC_PATH}`, () => {
  test("cover every operation of the spec with at least one example and one request case", () => {
    for (const op of spec.operations) {
      const kinds = new Set(cases.filter((c) => c.operationId === op.operationId).map((c) => c.kind));
      expect([...kinds].sort(), op.operationId).toEqual(expect.arrayContaining(["example", "request"]));
    }
  });

  for (const op of spec.operations) {
    const mine = cases.filter((c) => c.operationId === op.operationId);
    const of = (kind: ContractCase["kind"]) => mine.filter((c) => c.kind === kind);
    describe(`${op.method.toUpperCase()} ${op.path} (${op.operationId})`, () => {
      describe("each documented response, forced with Prefer", () => {
        test.for(of("example"))("$title", async (c) => {
          const { response, text, body } = await sendCase(c, baseUrl, true);

          expect(response.status).toBe(c.expect.status);
          expectNoBreaks(spec, c.operationId, response.status, response.headers.get("content-type"), text);
          if (c.expect.example) expect(body).toEqual(c.expect.example.value);
          await expectClientMaps(c, c.prefer ? { Prefer: c.prefer } : {});
        });
      });

      describe("each request example, sent as it is", () => {
        test.for(of("request"))("$title", async (c) => {
          const { response, text, body } = await sendCase(c, baseUrl, false);

          expect(response.status).toBe(c.expect.status);
          expectNoBreaks(spec, c.operationId, response.status, response.headers.get("content-type"), text);
          if (c.expect.example) expect(body).toEqual(c.expect.example.value);
          await expectClientMaps(c, {});
        });
      });

      describe("each bad request the request schema implies", () => {
        test.for(of("negative"))("$title", async (c) => {
          const { response, text, body } = await sendCase(c, baseUrl, false);

          expect(response.status).toBe(c.expect.status);
          expect(response.headers.get("content-type")).toBe("application/json");
          expectNoBreaks(spec, c.operationId, response.status, response.headers.get("content-type"), text);
          expect(body).toEqual(c.expect.example?.value);
          // The mock says which violation it saw: the one the case was built to have.
          const seen = JSON.parse(response.headers.get("sl-violations") ?? "[]") as { message: string }[];
          expect(seen.map((v) => v.message)).toEqual([
            c.expect.violation && formatViolation(c.expect.violation),
          ]);
        });
      });

      const media = op.requestMedia;
      const schema = media?.media.schema as OpenAPIV3.SchemaObject | undefined;
      const request = mine.find((c) => c.kind === "request");
      // An operation without a request body (GET, DELETE of an instance) has no schema to generate from.
      if (schema && request) {
        describe("valid requests generated from the request schema", () => {
          fcTest.prop([arbitraryFor(schema)], { numRuns: FC_RUNS })(
            `get the success shape through the client (${FC_RUNS} runs)`,
            async (body) => {
              expect(op.validateBody?.(body), "the generator made an invalid body").toBe(true);
              const result = await clientMethod(op.operationId)(clientInput(request, body));
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
