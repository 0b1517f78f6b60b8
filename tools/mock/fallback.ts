// The answer to a bad request that no error example of the spec is mapped to, made at generate time
// from the spec alone: the operation's documented response for a bad request (400, else 422, else a
// 4XX range or `default`, sent as 400, else the first 4xx it documents), with a body its schema accepts
// (none, when the response documents none) and, in its message-like fields, what was wrong. Never an
// example the spec keeps for `Prefer`, never another API's envelope, never a 5xx.
import type { Ajv } from "ajv";
import type { OpenAPIV3 } from "openapi-types";
import type { FallbackAnswer } from "../../generated/shared-types.js";
import { compilable, jsonMedia, specAjv } from "../shared/openapi.js";
import { acceptedSample, DESCRIBES_NOTHING, sampleOf } from "./sample.js";

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
  const statuses = Object.keys(operation.responses ?? {});
  const documented =
    BAD_REQUEST_STATUSES.find((s) => statuses.includes(s)) ?? statuses.find((s) => /^4\d\d$/.test(s));
  const status = documented !== undefined && /^4\d\d$/.test(documented) ? Number(documented) : 400;
  const response = documented ? (operation.responses[documented] as OpenAPIV3.ResponseObject) : undefined;
  const schema = jsonMedia(response?.content)?.media.schema as OpenAPIV3.SchemaObject | undefined;
  // A documented response without a JSON body is answered as documented, without one; an operation
  // that documents no error at all gets a 400 that says why in a body of the mock's own.
  if (!schema) {
    return documented === undefined
      ? { status, documented: false, value: { message: "" }, describe: ["message"], codes: [] }
      : { status, documented: true, value: undefined, describe: [], codes: [] };
  }
  const validate = ajv.compile(compilable(schema));
  const accepts = (candidate: unknown) => validate(candidate) === true;
  const sample = sampleOf(schema, { status, describe: DESCRIBING });
  const withCodes = withMockCodes(sample, accepts);
  const value = [withCodes, sample, ...exampleValues(response)].find(accepts);
  // No body the schema accepts could be made or found: the refusal cannot be inside the contract.
  if (value === undefined) return { status, documented: false, value: sample, describe: [], codes: [] };
  // Only fields that take any text say what was wrong: an enum of fixed messages keeps its own.
  const describe = stringFields(value, DESCRIBING).filter((key) =>
    accepts({ ...(value as object), [key]: "header X-Example missing" }),
  );
  const codes = stringFields(value, CODE).filter((key) => isObject(value) && value[key] === UNMAPPED_CODE);
  return { status, documented: true, value, describe, codes };
}

/** The smallest value the schema accepts (sample.ts), if sampling finds one the schema's validator takes. */
export function validSample(schema: OpenAPIV3.SchemaObject, ajv: Ajv): { value: unknown } | undefined {
  const validate = ajv.compile(compilable(schema));
  return acceptedSample(
    schema,
    { status: 200, describe: DESCRIBES_NOTHING },
    (value) => validate(value) === true,
  );
}

/** The response's own examples, the last thing a refusal's body is taken from. */
function exampleValues(response: OpenAPIV3.ResponseObject | undefined): unknown[] {
  const media = jsonMedia(response?.content)?.media;
  const named = Object.values(media?.examples ?? {}).map((e) => (e as OpenAPIV3.ExampleObject).value);
  return [...named, ...(media?.example === undefined ? [] : [media.example])];
}

/** The sample with each top-level string code field its schema lets carry the mock's own code set to it. */
function withMockCodes(sample: unknown, accepts: (value: unknown) => boolean): unknown {
  if (!isObject(sample)) return sample;
  const codes = stringFields(sample, CODE).filter((name) => accepts({ ...sample, [name]: UNMAPPED_CODE }));
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
