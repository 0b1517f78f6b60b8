// The answer to a bad request that no error example of the spec is mapped to, made at generate time
// from the spec alone: the operation's documented response for a bad request (400, else 422, else a
// 4XX range or `default`, sent as 400), with a body its schema accepts and, in its message-like
// fields, what was wrong. Never an example the spec keeps for `Prefer`, never another API's envelope.
import type { OpenAPIV3 } from "openapi-types";
import type { FallbackAnswer } from "../../generated/shared-types.js";
import { compilable, jsonMedia, specAjv } from "../shared/openapi.js";
import { sampleOf } from "./sample.js";

/** Property names whose text says what went wrong, in any API's error body. */
const DESCRIBING =
  /^(?:message|msg|detail|details|description|title|reason|error_?msg|error_?message|error_?description)$/i;
/** Property names of an error's code, in any API's error body; a string one carries the mock's own code. */
const CODE = /^(?:code|error_?code|errcode|type)$/i;
/** The mock's code for a violation the spec maps to nothing; `MOCK.PREFER` replaces it for a bad `Prefer`. */
export const UNMAPPED_CODE = "MOCK.UNMAPPED";
const BAD_REQUEST_STATUSES = ["400", "422", "4XX", "default"];

/** The status and schema that answer a bad request to the operation, and a body that schema accepts. */
export function fallbackOf(operation: OpenAPIV3.OperationObject, ajv = specAjv()): FallbackAnswer {
  const documented = BAD_REQUEST_STATUSES.find((s) => operation.responses?.[s] !== undefined);
  const status = documented === "422" ? 422 : 400;
  const response = documented ? (operation.responses[documented] as OpenAPIV3.ResponseObject) : undefined;
  const schema = jsonMedia(response?.content)?.media.schema as OpenAPIV3.SchemaObject | undefined;
  if (!schema) return { status, value: { message: "" }, describe: ["message"], codes: [] };
  const validate = ajv.compile(compilable(schema));
  const sample = sampleOf(schema, { status, describe: DESCRIBING });
  const withCodes = withMockCodes(sample);
  const value = validate(withCodes) ? withCodes : sample;
  if (!validate(value)) {
    const why = validate.errors?.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
    throw new Error(
      `${operation.operationId}: no body could be made that its ${documented} response's schema accepts (${why}); give that response a named example mapped with x-mock-answers-violation`,
    );
  }
  const describe = stringFields(value, DESCRIBING);
  return { status, value, describe, codes: value === withCodes ? stringFields(value, CODE) : [] };
}

/** The sample with each top-level string code field set to the mock's own code. */
function withMockCodes(sample: unknown): unknown {
  if (!isObject(sample)) return sample;
  const codes = stringFields(sample, CODE);
  return { ...sample, ...Object.fromEntries(codes.map((name) => [name, UNMAPPED_CODE])) };
}

/** The top-level fields of `value` whose name matches and whose value is a string. */
function stringFields(value: unknown, name: RegExp): string[] {
  return Object.entries(isObject(value) ? value : {})
    .filter(([key, text]) => name.test(key) && typeof text === "string")
    .map(([key]) => key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
