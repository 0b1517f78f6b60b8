// What one contract case is, and the pieces every kind of case is built from: the operation's valid
// request, its first success status, and the expectation of a documented error answer.
import type { OpenAPIV3 } from "openapi-types";
import type { Refusal } from "../../src/mock/answers.js";
import type { Violation } from "../../src/mock/types.js";
import { acceptedSample, DESCRIBES_NOTHING, sampleOf } from "../mock/sample.js";
import { isJsonParameter, parameterSchema } from "../shared/openapi.js";
import { mediaExamples, type Operation, schemaAccepts } from "./contract-spec.js";
import { pathSegment, styleOf } from "./serialize.js";

export type CaseKind = "example" | "request" | "negative";

export interface ContractCase {
  /** Unique and readable, e.g. `modifyImage 400 path-null`. */
  id: string;
  operationId: string;
  kind: CaseKind;
  /** What the case shows, as a behaviour sentence. */
  title: string;
  method: string;
  /** The path template, e.g. `/pets/{pet_id}/photos`. */
  path: string;
  /** Each path parameter's segment, as its style writes it, before percent-encoding. */
  pathParams: Record<string, string>;
  /** Query parameters with their values as the schema types them. */
  query: Record<string, unknown>;
  /** The style of each query parameter whose style is not OpenAPI's default (`form`, exploded). */
  queryStyles?: Record<string, { style: string; explode: boolean }>;
  /** Each parameter's value as its schema types it, by name: what a client's method takes. */
  values?: Record<string, unknown>;
  headers: Record<string, string>;
  /** The body's value, sent as its media type (JSON unless it names a form), or text as it is. */
  body?: { json: unknown; mediaType?: string } | { text: string; contentType?: string };
  /** `Prefer` header that forces the mock's answer; the provider run never sends it. */
  prefer?: string;
  expect: {
    status: number;
    /** The named example the mock must serve, if there is one. */
    example?: { name: string; value: unknown };
    violation?: Violation;
    /** False when the operation documents no error response: the answer cannot be inside its contract. */
    documented?: false;
  };
  /** Whether a real server can answer it without leaving the named project and instance. */
  provider: boolean;
  /** Why the spec spares a real server this operation (`x-provider-verification: { skip }`), if it does. */
  providerSkip?: string;
}

export interface DeriveOptions {
  /** Parameter values by name (e.g. a real project id); the spec's examples otherwise. */
  bindings?: Record<string, string>;
  /** The mock's body limit, for the "body too big" case. */
  maxBodyBytes?: number;
}

/** The case's request, before it says what it shows and expects. */
export type BaseRequest = ReturnType<typeof baseRequest>;

/**
 * The operation's valid request: each required parameter's binding, example or a value its schema
 * accepts, the first way to authenticate, and the first request example (or a body the schema accepts).
 */
export function baseRequest(op: Operation, options: DeriveOptions, bodyValue?: unknown) {
  const pathParams: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  const queryStyles: Record<string, { style: string; explode: boolean }> = {};
  const headers: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const parameter of op.parameters) {
    if (!parameter.required) continue;
    const bound = options.bindings?.[parameter.name];
    const value = bound ?? parameterValue(parameter);
    values[parameter.name] = value;
    // A parameter whose `content` is JSON is sent as JSON text, wherever it goes.
    const json = isJsonParameter(parameter) && bound === undefined ? JSON.stringify(value) : undefined;
    if (parameter.in === "path") pathParams[parameter.name] = bound ?? json ?? pathSegment(parameter, value);
    else if (parameter.in === "query") {
      query[parameter.name] = json ?? value;
      if (parameter.style !== undefined || parameter.explode !== undefined)
        queryStyles[parameter.name] = styleOf(parameter);
    } else if (parameter.in === "header") headers[parameter.name] = json ?? String(value);
  }
  // The first way to authenticate (e.g. the token); a real run binds it to a real credential.
  for (const credential of op.security[0] ?? []) {
    const value = options.bindings?.[credential.name] ?? "x";
    if (credential.in === "header")
      headers[credential.name] = credential.http === "basic" ? "Basic eDp4" : value;
    if (credential.in === "query") query[credential.name] = value;
    if (credential.in === "cookie")
      headers.cookie = [headers.cookie, `${credential.name}=${value}`].filter(Boolean).join("; ");
  }
  const json =
    bodyValue ?? (op.requestMedia ? requestBodyValue(op.requestMedia.media, op.validateBody) : undefined);
  return {
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    pathParams,
    query,
    ...(Object.keys(queryStyles).length > 0 ? { queryStyles } : {}),
    headers,
    values,
    ...(op.requestMedia && json !== undefined ? { body: { json, mediaType: op.requestMedia.type } } : {}),
    ...(op.rawBody ? { body: rawBody(op.rawBody.mediaType) } : {}),
  };
}

/** A form's fields: a value its schema accepts (a file's field as text). */
/** A few bytes of text as a body of the media type; a media range names no type, so as bytes. */
function rawBody(mediaType: string): { text: string; contentType: string } {
  const contentType = mediaType.includes("*") ? "application/octet-stream" : mediaType;
  return { text: "contract case bytes", contentType };
}

/** A parameter's value: its example, its schema's example or default, else a value the schema accepts. */
function parameterValue(parameter: OpenAPIV3.ParameterObject): unknown {
  const schema = parameterSchema(parameter) ?? {};
  const named = Object.values(parameter.examples ?? {})[0] as OpenAPIV3.ExampleObject | undefined;
  const candidates = [parameter.example, named?.value, schema.example, schema.default];
  const given = candidates.find((value) => value !== undefined && schemaAccepts(schema, value));
  if (given !== undefined) return given;
  // Every property of an object filled: an empty object is written as no value at all (an empty path
  // segment, a query parameter without a value), which a required parameter may not be.
  const hints = { status: 400, describe: DESCRIBES_NOTHING, fill: true };
  const sample = acceptedSample(schema, hints, (v) => schemaAccepts(schema, v));
  return sample ? sample.value : sampleOf(schema, hints, parameter.name);
}

/** The first request example, else the media's single example, else a body the schema accepts. */
function requestBodyValue(media: OpenAPIV3.MediaTypeObject, accepts: Operation["validateBody"]): unknown {
  const given = mediaExamples(media)[0]?.value ?? media.example;
  if (given !== undefined) return given;
  const schema = media.schema as OpenAPIV3.SchemaObject | undefined;
  if (!schema) return undefined;
  const hints = { status: 400, describe: DESCRIBES_NOTHING };
  return (
    (accepts && acceptedSample(schema, hints, (v) => accepts(v) === true))?.value ?? sampleOf(schema, hints)
  );
}

/** What a case expects when its violation gets `refusal`: a named example of the spec, or the fallback. */
export function refusalExpectation(refusal: Refusal, violation: Violation): ContractCase["expect"] {
  return {
    status: refusal.status,
    example: { name: refusal.name ?? FALLBACK, value: refusal.body },
    violation,
    ...(refusal.documented ? {} : { documented: false as const }),
  };
}

/** How a case names the answer to a violation the spec maps to no example. */
export const FALLBACK = "(unmapped: the documented bad-request answer)";

/** How a case's title names the answer it expects. */
export function refusalName(refusal: Refusal): string {
  return `${refusal.status} ${refusal.name ?? FALLBACK}`;
}
