// How a client takes and gives back each operation of a spec, decided once at generate time for both
// the generated types and the run-time contracts: each parameter's input name, whether the body's
// fields sit beside the parameters or the body goes whole under `body`, and what each response carries.
import type { OpenAPIV3 } from "openapi-types";
import { camelCase } from "../../src/client/input-names.js";
import { isJsonMediaType, isJsonParameter, type OperationAt } from "../shared/openapi.js";

export interface ParameterLayout {
  parameter: OpenAPIV3.ParameterObject;
  in: "path" | "query" | "header" | "cookie";
  /** The name a caller gives the value by. */
  input: string;
  shape?: "array" | "object";
  /** The value is written as JSON text (the parameter's `content` is JSON), not in a style. */
  json?: true;
}

export interface BodyLayout {
  required: boolean;
  mediaType: string;
  input: "fields" | "body";
  /** The body's schema, when the media type is one a validator can check (JSON or a form). */
  schema?: object;
}

export interface ResponseLayout {
  status: string;
  kind: "json" | "empty" | "text";
  mediaType?: string;
  schema?: object;
}

export interface OperationLayout {
  at: OperationAt;
  parameters: ParameterLayout[];
  body?: BodyLayout;
  responses: ResponseLayout[];
  /** The operation's `x-idempotent`, when it has one: always, never, or when the body fits a schema. */
  idempotent?: boolean | { body: object };
}

/** Headers OpenAPI says a parameter may not define: the client and the transport set them. */
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);

/** Whether OpenAPI says the parameter's definition is ignored (a header `Accept`, `Content-Type` or `Authorization`). */
export function isIgnoredParameter(parameter: { in: string; name: string }): boolean {
  return parameter.in === "header" && IGNORED_HEADERS.has(parameter.name.toLowerCase());
}
const FORM_MEDIA = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)(?:\s*;.*)?$/i;

export function layoutOf(at: OperationAt): OperationLayout {
  // fetch sends no body with GET or HEAD (browsers and Node refuse one): such a body is left out.
  const sent = sendsBody(at.method) && at.operation.requestBody !== undefined;
  // `body` is the body's own input, whatever a parameter is called (a query parameter `body`, say).
  const parameters = parameterLayouts(at.parameters, sent ? ["body"] : []);
  const body = sent ? bodyLayout(at.operation, new Set(parameters.map((p) => p.input))) : undefined;
  const idempotent = idempotenceOf(at);
  return {
    at,
    parameters,
    ...(body ? { body } : {}),
    responses: responseLayouts(at.operation),
    ...(idempotent === undefined ? {} : { idempotent }),
  };
}

/**
 * `x-idempotent`: `true` or `false` whatever the request, or `{ body: <schema> }`, idempotent only
 * when the request body fits the schema (e.g. a delete by ID with `force: true`). Anything else is refused.
 */
function idempotenceOf(at: OperationAt): OperationLayout["idempotent"] {
  const operation = at.operation as { "x-idempotent"?: unknown };
  if (!("x-idempotent" in operation)) return undefined;
  const value = operation["x-idempotent"];
  if (typeof value === "boolean") return value;
  const body = (value as { body?: unknown } | null)?.body;
  const only = typeof value === "object" && value !== null && Object.keys(value).length === 1;
  if (!only || typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new Error(`${at.operationId}: x-idempotent must be true, false or { body: <schema> }`);
  }
  return { body };
}

/**
 * Each parameter with its input name: camelCase, prefixed by its location when that name is taken,
 * by another parameter or as one of the `reserved` names.
 */
function parameterLayouts(parameters: OpenAPIV3.ParameterObject[], reserved: string[]): ParameterLayout[] {
  const taken = new Set(reserved);
  const layouts: ParameterLayout[] = [];
  for (const parameter of parameters) {
    const where = parameter.in as ParameterLayout["in"];
    if (!["path", "query", "header", "cookie"].includes(where)) continue;
    if (isIgnoredParameter(parameter)) continue;
    let input = camelCase(parameter.name);
    if (taken.has(input)) input = camelCase(`${where}_${parameter.name}`);
    for (let n = 2; taken.has(input); n++) input = `${camelCase(`${where}_${parameter.name}`)}${n}`;
    taken.add(input);
    const json = isJsonParameter(parameter);
    const shape = json ? undefined : shapeOf(parameter.schema as OpenAPIV3.SchemaObject | undefined);
    layouts.push({ parameter, in: where, input, ...(shape ? { shape } : {}), ...(json ? { json } : {}) });
  }
  return layouts;
}

function shapeOf(schema: OpenAPIV3.SchemaObject | undefined): "array" | "object" | undefined {
  if (schema?.type === "array") return "array";
  if (schema && isObjectSchema(schema)) return "object";
  return undefined;
}

/**
 * The body's layout: its fields beside the parameters when it is an object none of whose fields has a
 * parameter's input name, else whole under `body`. JSON first, then a form, then whatever comes first.
 */
function bodyLayout(operation: OpenAPIV3.OperationObject, inputs: Set<string>): BodyLayout | undefined {
  const body = operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  const types = Object.keys(body?.content ?? {});
  const mediaType =
    types.find((t) => isJsonMediaType(t)) ?? types.find((t) => FORM_MEDIA.test(t)) ?? types[0];
  if (!body || mediaType === undefined) return undefined;
  const checkable = isJsonMediaType(mediaType) || FORM_MEDIA.test(mediaType);
  const schema = checkable ? ((body.content[mediaType]?.schema ?? {}) as OpenAPIV3.SchemaObject) : undefined;
  const fields = schema && isObjectSchema(schema) ? propertyNames(schema) : undefined;
  const spread = fields !== undefined && !fields.some((name) => inputs.has(name));
  return {
    required: body.required === true,
    mediaType,
    input: spread ? "fields" : "body",
    ...(schema ? { schema } : {}),
  };
}

/** Whether every value the schema accepts is an object (so its fields can stand beside parameters). */
export function isObjectSchema(schema: OpenAPIV3.SchemaObject): boolean {
  if (schema.type !== undefined) return schema.type === "object";
  const branches = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (branches.length > 0) return branches.every((b) => isObjectSchema(b as OpenAPIV3.SchemaObject));
  return schema.properties !== undefined || schema.additionalProperties !== undefined;
}

/** Every property name the schema or any of its branches declares. */
function propertyNames(schema: OpenAPIV3.SchemaObject): string[] {
  const branches = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return [
    ...Object.keys(schema.properties ?? {}),
    ...branches.flatMap((b) => propertyNames(b as OpenAPIV3.SchemaObject)),
  ];
}

function responseLayouts(operation: OpenAPIV3.OperationObject): ResponseLayout[] {
  return Object.entries(operation.responses ?? {}).map(([status, response]) => {
    const content = (response as OpenAPIV3.ResponseObject).content ?? {};
    const types = Object.keys(content);
    const json = types.find((t) => isJsonMediaType(t));
    if (json) return { status, kind: "json", mediaType: json, schema: content[json]?.schema ?? {} };
    if (types[0] !== undefined) return { status, kind: "text", mediaType: types[0] };
    return { status, kind: "empty" };
  });
}

/** Whether a request of the method can carry a body, as fetch sends it. */
export function sendsBody(method: string): boolean {
  return method !== "get" && method !== "head";
}

/** Whether a status, as the spec writes it (`200`, `2XX`, `default`), is a success. */
export function isSuccessStatus(status: string): boolean {
  return /^2(?:\d\d|XX)$/i.test(status);
}
