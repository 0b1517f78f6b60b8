// What a response to an operation breaks, judged by the responses the operation documents: its own
// status, else the status's range (`4XX`), else `default`; nothing, for an operation that documents none.
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import type { Operation } from "../../../tools/contract/contract-spec.js";
import { contractBreaks } from "../../../tools/contract/judge.js";

const ajv = new Ajv();
const shaped = (required: string) =>
  ajv.compile({ type: "object", required: [required], properties: { [required]: { type: "string" } } });

/** An operation of this test's own, documenting the given responses. */
function operationWith(responses: Operation["responses"]): Operation {
  return { operationId: "probe", responses } as Operation;
}

const JSON_TYPE = "application/json";

describe("contractBreaks", () => {
  test("judges a status its operation documents by a range (4XX) by that range's schema, not default's", () => {
    const op = operationWith({
      "4XX": { validate: shaped("reason") },
      default: { validate: shaped("message") },
    });

    expect(contractBreaks(op, 404, JSON_TYPE, '{"reason":"gone"}')).toEqual([]);
    expect(contractBreaks(op, 404, JSON_TYPE, '{"message":"gone"}')).not.toEqual([]);
  });

  test("refuses a status its operation documents neither itself nor by range nor by default", () => {
    const op = operationWith({ "200": {}, "4XX": {} });

    expect(contractBreaks(op, 500, JSON_TYPE, "{}")).toEqual([
      { pointer: "status", message: "500 is not a status probe documents (200, 4XX)" },
    ]);
  });

  test.for([200, 404, 500])(
    "finds nothing broken in a %i to an operation that documents no response",
    (status) => {
      expect(contractBreaks(operationWith({}), status, "text/plain", "anything")).toEqual([]);
    },
  );
});
