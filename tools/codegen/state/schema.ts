// Reading a dereferenced spec for the stateful mock's plan: the documented success and error answers
// of an operation, the properties a schema declares, and whether a JSON pointer names one of them.
import type { OpenAPIV3 } from "openapi-types";
import type { StateAnswer, StateShape } from "../../../generated/shared-types.js";
import { keysOf } from "../../../src/client/json-pointer.js";
import { acceptedSample } from "../../mock/sample.js";
import { compilable, jsonMedia, type OperationAt, specAjv } from "../../shared/openapi.js";

/** Property names whose text says what went wrong, filled in a refusal's sampled body. */
const DESCRIBING = /^(?:message|msg|detail|details|description|title|reason|error_?msg|error_?message)$/i;

type Schema = OpenAPIV3.SchemaObject;

/** The operation's documented success: its first 2XX, else `default` (sent as 200); none without either. */
export function successOf(op: OpenAPIV3.OperationObject): StateAnswer | undefined {
  const statuses = Object.keys(op.responses ?? {});
  const status =
    statuses.find((s) => /^2\d\d$/.test(s)) ?? statuses.find((s) => s === "2XX" || s === "default");
  if (status === undefined) return undefined;
  return { status, code: /^2\d\d$/.test(status) ? Number(status) : 200 };
}

/** The JSON schema of a response of the operation, if it documents one. */
export function responseSchema(op: OpenAPIV3.OperationObject, status: string): Schema | undefined {
  const response = op.responses?.[status] as OpenAPIV3.ResponseObject | undefined;
  return jsonMedia(response?.content)?.media.schema as Schema | undefined;
}

/** The JSON schema of the operation's request body, if it documents one. */
export function requestSchema(op: OpenAPIV3.OperationObject): Schema | undefined {
  const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  return jsonMedia(body?.content)?.media.schema as Schema | undefined;
}

/** The properties a schema declares, `allOf` merged; an object of unnamed keys (a map) leaves them open. */
export function propertiesOf(schema: Schema | undefined): Record<string, Schema> | undefined {
  if (!schema) return undefined;
  const parts = [schema, ...((schema.allOf ?? []) as Schema[])];
  const found = parts.filter((part) => part.properties !== undefined);
  if (found.length === 0) return undefined;
  return Object.assign({}, ...found.map((part) => part.properties)) as Record<string, Schema>;
}

/** The shape of a schema: the properties it declares, at every depth; none where it names none. */
export function shapeOf(schema: Schema | undefined, depth = 0): StateShape {
  // A recursive schema keeps its `$ref`; past a few levels the shape stays open.
  if (!schema || depth > 8 || schema.oneOf || schema.anyOf) return {};
  if (schema.type === "array") return { items: shapeOf(schema.items as Schema, depth + 1) };
  const properties = propertiesOf(schema);
  if (!properties || schema.additionalProperties) return {};
  const shaped = Object.entries(properties).map(([name, child]) => [name, shapeOf(child, depth + 1)]);
  return { properties: Object.fromEntries(shaped) };
}

/** The schema a JSON pointer names inside a schema, through properties and array items; none if absent. */
export function schemaAt(schema: Schema | undefined, pointer: string): Schema | undefined {
  let at = schema;
  for (const key of keysOf(pointer)) {
    if (at?.type === "array") at = at.items as Schema;
    at = propertiesOf(at)?.[key];
    if (!at) return undefined;
  }
  return at;
}

/** The status of the operation's response that holds the named example, as a documented answer. */
export function namedAnswer(op: OpenAPIV3.OperationObject, name: string): StateAnswer | undefined {
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const media = jsonMedia((response as OpenAPIV3.ResponseObject).content)?.media;
    if (media?.examples && Object.hasOwn(media.examples, name)) {
      return { status, code: /^\d{3}$/.test(status) ? Number(status) : 400, example: name };
    }
  }
  return undefined;
}

/**
 * The documented answer to an item the state does not hold: a 404, else a 4XX range or `default` sent
 * as 404; where the response has no example, a body its schema accepts, made for a 404.
 */
export function notFoundOf(op: OpenAPIV3.OperationObject): StateAnswer | undefined {
  const statuses = Object.keys(op.responses ?? {});
  const status = ["404", "4XX", "default"].find((s) => statuses.includes(s));
  if (status === undefined) return undefined;
  const media = jsonMedia((op.responses[status] as OpenAPIV3.ResponseObject).content)?.media;
  const schema = media?.schema as Schema | undefined;
  if (!schema || media?.examples || media?.example !== undefined) return { status, code: 404 };
  const sample = sampleFor(schema, 404);
  return { status, code: 404, ...(sample ? { value: sample.value } : {}) };
}

/** The path parameters of an operation, by name. */
export function pathParams(at: OperationAt): Map<string, Schema | undefined> {
  const params = at.parameters.filter((p) => p.in === "path");
  return new Map(params.map((p) => [p.name, p.schema as Schema | undefined]));
}

/** How a key is made when the request carries none: a sequence for integers, a UUID, else a counter text. */
export function generatorOf(schema: Schema | undefined): "integer" | "uuid" | "string" {
  if (schema?.type === "integer" || schema?.type === "number") return "integer";
  return schema?.format === "uuid" ? "uuid" : "string";
}

let ajv: ReturnType<typeof specAjv> | undefined;

/** A body the schema accepts, made for a status; none when sampling finds none (or the schema will not compile). */
function sampleFor(schema: Schema, status: number): { value: unknown } | undefined {
  try {
    ajv ??= specAjv();
    const validate = ajv.compile(compilable(schema));
    return acceptedSample(schema, { status, describe: DESCRIBING }, (v) => validate(v) === true);
  } catch {
    return undefined;
  }
}
