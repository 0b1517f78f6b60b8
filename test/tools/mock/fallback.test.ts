// The answer to a bad request nobody mapped, made from the spec alone: its body stays one the error
// schema accepts once the mock has written what was wrong into it.
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, test } from "vitest";
import { fallbackBody } from "../../../src/mock/answers.js";
import { fallbackOf, UNMAPPED_CODE } from "../../../tools/mock/fallback.js";
import { compilable, specAjv } from "../../../tools/shared/openapi.js";

/** An operation whose 400 body has a message and a code field of fixed values, and a free-text detail. */
function refusing(error: OpenAPIV3.SchemaObject): OpenAPIV3.OperationObject {
  return {
    responses: {
      "200": { description: "ok" },
      "400": { description: "bad", content: { "application/json": { schema: error } } },
    },
  };
}

const FIXED: OpenAPIV3.SchemaObject = {
  type: "object",
  properties: {
    errorDescription: { type: "string", enum: ["Bad request", "Please provide all mandatory parameters"] },
    errorCode: { type: "string", enum: ["invalid_parameter"] },
    detail: { type: "string" },
    code: { type: "string" },
  },
  required: ["errorDescription", "errorCode", "detail", "code"],
};

describe("fallbackOf", () => {
  test("says what was wrong only in fields that take any text, keeping an enum's own message and code", () => {
    const fallback = fallbackOf(refusing(FIXED));
    const body = fallbackBody(fallback, "header X-Api-Key missing", UNMAPPED_CODE);

    expect(fallback.describe).toEqual(["detail"]);
    expect(fallback.codes).toEqual(["code"]);
    expect(body).toMatchObject({ detail: "header X-Api-Key missing", code: UNMAPPED_CODE });
    expect(specAjv().compile(compilable(FIXED))(body)).toBe(true);
  });
});
