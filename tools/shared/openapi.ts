// What the scripts read from an OpenAPI 3.0 document in one way: its operations, and an ajv that
// knows OpenAPI's annotation keywords.
import { Ajv, type Options } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { OpenAPIV3 } from "openapi-types";

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

// OpenAPI 3.0 schema keywords that JSON Schema does not know; annotations only, so ajv may skip them.
export const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"];

// OpenAPI's numeric formats, as the SDK models give them: the width of the number the SDKs hold,
// not a check the provider documents on the value, so ajv knows them and checks nothing.
export const OPENAPI_NUMBER_FORMATS = ["int32", "int64", "float", "double"];

/**
 * An ajv for the schemas of `document`, which also skips every `x-` extension the document uses
 * and takes every format it names and ajv does not know as an annotation.
 */
export function specAjv(options: Options = {}, document?: unknown): Ajv {
  // Unknown keywords still fail; the stricter checks of types, tuples and `required` do not, because
  // what they refuse is valid OpenAPI that large public specs write (`additionalProperties` without
  // `type`, a `required` name that only another `oneOf` branch defines).
  // OpenAPI 3.1's schemas are JSON Schema 2020-12 (`unevaluatedProperties`, `prefixItems` …); 3.0's
  // are a subset of draft-07, which the default Ajv reads.
  const Dialect = isOpenApi31(document) ? Ajv2020 : Ajv;
  const ajv = new Dialect({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    // OpenAPI's `pattern` is an ECMA-262 regular expression, which the `u` flag would narrow: a lone
    // `{` is a literal brace without it and a syntax error with it.
    unicodeRegExp: false,
    ...options,
  });
  const { extensions, formats } = document ? keywordsIn(document) : { extensions: [], formats: [] };
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS, ...extensions]);
  for (const format of OPENAPI_NUMBER_FORMATS) ajv.addFormat(format, true);
  for (const format of formats) if (!(format in ajv.formats)) ajv.addFormat(format, true);
  if (document) addReferencedSchemas(ajv, document);
  return ajv;
}

function isOpenApi31(document: unknown): boolean {
  const version = (document as { openapi?: unknown } | undefined)?.openapi;
  return typeof version === "string" && version.startsWith("3.1");
}

/**
 * The schemas the document's remaining references point at (a recursive schema keeps its `$ref`, see
 * spec-deref.ts), each added under the name compilable() rewrites the reference to, so that a
 * validator of a recursive schema calls itself.
 */
function addReferencedSchemas(ajv: Ajv, document: unknown): void {
  const targets = new Set<string>();
  walkSchemas(document, (node) => {
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/")) targets.add(node.$ref);
  });
  for (const ref of targets) {
    const target = valueAtPointer(document, ref.slice(1));
    if (target && typeof target === "object")
      ajv.addSchema(compilable(withoutAnnotations(target) as object), refName(ref));
  }
}

/** The name a referenced schema is added under: its pointer in the document, as one URI-safe word. */
export function refName(ref: string): string {
  return `spec-${ref.slice(2).replace(/[^A-Za-z0-9_-]/g, (c) => `.${c.charCodeAt(0).toString(16)}.`)}`;
}

function valueAtPointer(document: unknown, pointer: string): unknown {
  let value = document;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** Calls `visit` on every object of `value` outside literal data (enum, default, examples …). */
function walkSchemas(
  value: unknown,
  visit: (node: Record<string, unknown>) => void,
  seen = new Set<object>(),
): void {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if (!Array.isArray(value)) visit(value as Record<string, unknown>);
  for (const [key, child] of Object.entries(value)) {
    if (!Array.isArray(value) && SCHEMA_DATA.has(key)) continue;
    walkSchemas(child, visit, seen);
  }
}

/**
 * A copy of `schema` ajv compiles: OpenAPI 3.0 lets `nullable` stand without `type` (where it
 * means nothing), and ajv refuses that, so there it is dropped; an enum's repeated values and 3.0's
 * boolean `exclusiveMinimum`/`exclusiveMaximum` are written as the draft ajv reads says them, and a
 * reference left in names its schema as specAjv added it.
 */
export function compilable<T extends object>(schema: T): T {
  const copy = structuredClone(schema);
  walkSchemas(copy, (record) => {
    if (typeof record.nullable === "boolean" && record.type === undefined) delete record.nullable;
    // An enum that lists a value twice means the same set; JSON Schema's meta-schema refuses it.
    if (Array.isArray(record.enum)) record.enum = uniqueValues(record.enum);
    exclusiveBounds(record);
    // A schema's dialect is the document's (draft-07 for OpenAPI 3.0, 2020-12 for 3.1), whatever it says.
    delete record.$schema;
    // A reference left in (a recursive schema's) names the schema as specAjv added it.
    if (typeof record.$ref === "string" && record.$ref.startsWith("#/")) record.$ref = refName(record.$ref);
  });
  return copy;
}

/**
 * OpenAPI 3.0's `exclusiveMinimum: true` beside `minimum` (JSON Schema draft 4's form) as the draft the
 * validators are compiled for says it: `exclusiveMinimum: <the minimum>`; the same for the maximum.
 */
function exclusiveBounds(record: Record<string, unknown>): void {
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof record[exclusive] !== "boolean") continue;
    if (record[exclusive] === true && typeof record[bound] === "number") {
      record[exclusive] = record[bound];
      delete record[bound];
    } else {
      delete record[exclusive];
    }
  }
}

function uniqueValues(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every `x-` key and every `format` named anywhere in `document`; cycles are fine. */
export function keywordsIn(document: unknown): { extensions: string[]; formats: string[] } {
  const extensions = new Set<string>();
  const formats = new Set<string>();
  const seen = new Set<object>();
  const visit = (node: unknown) => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) extensions.add(key);
      if (key === "format" && typeof value === "string") formats.add(value);
      visit(value);
    }
  };
  visit(document);
  return { extensions: [...extensions], formats: [...formats] };
}

export interface OperationAt {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  operationId: string;
  operation: OpenAPIV3.OperationObject;
  /** The path item's parameters, then the operation's own. */
  parameters: OpenAPIV3.ParameterObject[];
}

/**
 * Every operation of a dereferenced document, in document order. One without an operationId goes by
 * its method and path (`get /pets/{petId}`), as the mocks' engine names it.
 */
export function operationsOf(api: OpenAPIV3.Document): OperationAt[] {
  const found: OperationAt[] = [];
  for (const [path, item] of Object.entries(api.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const operationId = operation.operationId ?? `${method} ${path}`;
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ] as OpenAPIV3.ParameterObject[];
      found.push({ path, method, operationId, operation, parameters });
    }
  }
  return found;
}

/** One credential a security scheme puts on a request: a header, query parameter or cookie by name. */
export interface Credential {
  scheme: string;
  in: "header" | "query" | "cookie";
  name: string;
  /** For http schemes (and OAuth 2 and OpenID Connect, whose tokens are bearer tokens): the value's form. */
  http?: "bearer" | "basic";
}

/**
 * The operation's security as alternatives, each the credentials sent together (OpenAPI's
 * requirement list): the operation's own `security`, else the document's; `[]` when none applies,
 * and an empty alternative when anonymous calls are allowed. http, oauth2 and openIdConnect schemes
 * travel in `Authorization`.
 */
export function securityOf(api: OpenAPIV3.Document, operation: OpenAPIV3.OperationObject): Credential[][] {
  const requirements = operation.security ?? api.security ?? [];
  const schemes = (api.components?.securitySchemes ?? {}) as Record<string, OpenAPIV3.SecuritySchemeObject>;
  // A requirement naming a scheme the document does not declare can be met by no request: it is left out.
  return requirements
    .filter((requirement) => Object.keys(requirement).every((scheme) => schemes[scheme] !== undefined))
    .map((requirement) => Object.keys(requirement).map((scheme) => credentialOf(scheme, schemes[scheme])));
}

/** Every credential the document's security schemes can put on a request, wherever an operation uses it. */
export function credentialPlaces(api: OpenAPIV3.Document): Credential[] {
  const schemes = (api.components?.securitySchemes ?? {}) as Record<string, OpenAPIV3.SecuritySchemeObject>;
  return Object.entries(schemes).map(([scheme, found]) => credentialOf(scheme, found));
}

function credentialOf(scheme: string, found: OpenAPIV3.SecuritySchemeObject | undefined): Credential {
  if (found?.type === "apiKey") return { scheme, in: found.in as Credential["in"], name: found.name };
  const http = found?.type === "http" && found.scheme.toLowerCase() === "basic" ? "basic" : "bearer";
  return { scheme, in: "header", name: "Authorization", http };
}

// Schema keywords whose value is a map of names to schemas: the names keep the spec's order.
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"]);
// Schema keywords whose value is data, not a schema: kept as written.
const SCHEMA_DATA = new Set([
  "enum",
  "const",
  "default",
  "example",
  "examples",
  "required",
  "xml",
  "externalDocs",
]);

// Keywords that only describe a schema: no check reads them.
const SCHEMA_ANNOTATIONS = new Set([
  "title",
  "description",
  "example",
  "examples",
  "externalDocs",
  "xml",
  "$comment",
]);

/**
 * A copy of `schema` without what only describes it (titles, descriptions, examples, `x-` extensions):
 * what a validator checks, so that two schemas that check the same compile to one validator, and a
 * validator that quotes its schema (an enum's allowed values) quotes no prose.
 */
export function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema).flatMap(([key, value]) => {
      if (SCHEMA_ANNOTATIONS.has(key) || key.startsWith("x-")) return [];
      if (SCHEMA_DATA.has(key)) return [[key, value]];
      if (SCHEMA_MAPS.has(key) && value && typeof value === "object") {
        const named = Object.entries(value).map(([name, s]) => [name, withoutAnnotations(s)]);
        return [[key, Object.fromEntries(named)]];
      }
      return [[key, withoutAnnotations(value)]];
    }),
  );
}

/**
 * A copy of `schema` with each schema's keywords in one order (by name), so that what is compiled
 * from it depends on what the spec says, not on the order in which it says it. Maps of names
 * (`properties`, …) and data (`enum`, `required`, examples, …) keep the spec's order.
 */
export function canonicalSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(canonicalSchema);
  if (schema === null || typeof schema !== "object") return schema;
  const keys = Object.keys(schema).sort();
  const source = schema as Record<string, unknown>;
  return Object.fromEntries(
    keys.map((key) => {
      const value = source[key];
      if (SCHEMA_DATA.has(key)) return [key, structuredClone(value)];
      if (SCHEMA_MAPS.has(key) && value && typeof value === "object") {
        return [
          key,
          Object.fromEntries(Object.entries(value).map(([name, s]) => [name, canonicalSchema(s)])),
        ];
      }
      return [key, canonicalSchema(value)];
    }),
  );
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json(?:\s*;.*)?$/i;

/** Whether a media type is JSON: `application/json`, `application/problem+json`, with parameters or not. */
export function isJsonMediaType(mediaType: string): boolean {
  return JSON_MEDIA.test(mediaType);
}

/**
 * A parameter's schema: its `schema`, or the schema of the JSON its `content` says the value is
 * written as (a header carrying a JSON object, say); `undefined` when it has neither.
 */
export function parameterSchema(parameter: OpenAPIV3.ParameterObject): OpenAPIV3.SchemaObject | undefined {
  if (parameter.schema) return parameter.schema as OpenAPIV3.SchemaObject;
  return jsonMedia(parameter.content)?.media.schema as OpenAPIV3.SchemaObject | undefined;
}

/** Whether the parameter's value is written as JSON text (`content` with a JSON media type). */
export function isJsonParameter(parameter: OpenAPIV3.ParameterObject): boolean {
  return parameter.schema === undefined && jsonMedia(parameter.content) !== undefined;
}

/** The first JSON media type of a `content` map, and its media object; `undefined` when there is none. */
export function jsonMedia(
  content: Record<string, OpenAPIV3.MediaTypeObject> | undefined,
): { type: string; media: OpenAPIV3.MediaTypeObject } | undefined {
  const type = Object.keys(content ?? {}).find(isJsonMediaType);
  const media = type === undefined ? undefined : content?.[type];
  return type !== undefined && media ? { type, media } : undefined;
}
