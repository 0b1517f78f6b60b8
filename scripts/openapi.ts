// What the scripts read from an OpenAPI 3.0 document in one way: its operations, and an ajv that
// knows OpenAPI's annotation keywords.
import { Ajv, type Options } from "ajv";
import type { OpenAPIV3 } from "openapi-types";

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

// OpenAPI 3.0 schema keywords that JSON Schema does not know; annotations only, so ajv may skip them.
export const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"];

/**
 * An ajv for the schemas of `document`, which also skips every `x-` extension the document uses
 * and takes every format it names and ajv does not know as an annotation.
 */
export function specAjv(options: Options = {}, document?: unknown): Ajv {
  // Unknown keywords still fail; the stricter checks of types, tuples and `required` do not, because
  // what they refuse is valid OpenAPI that large public specs write (`additionalProperties` without
  // `type`, a `required` name that only another `oneOf` branch defines).
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    ...options,
  });
  const { extensions, formats } = document ? keywordsIn(document) : { extensions: [], formats: [] };
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS, ...extensions]);
  for (const format of formats) if (!(format in ajv.formats)) ajv.addFormat(format, true);
  return ajv;
}

/**
 * A copy of `schema` ajv compiles: OpenAPI 3.0 lets `nullable` stand without `type` (where it
 * means nothing), and ajv refuses that, so there it is dropped.
 */
export function compilable<T extends object>(schema: T): T {
  const copy = structuredClone(schema);
  const seen = new Set<object>();
  const visit = (node: unknown) => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    if (typeof record.nullable === "boolean" && record.type === undefined) delete record.nullable;
    for (const value of Object.values(record)) visit(value);
  };
  visit(copy);
  return copy;
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

/** Every operation of a dereferenced document, in document order; each must have an operationId. */
export function operationsOf(api: OpenAPIV3.Document): OperationAt[] {
  const found: OperationAt[] = [];
  for (const [path, item] of Object.entries(api.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const { operationId } = operation;
      if (!operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ] as OpenAPIV3.ParameterObject[];
      found.push({ path, method, operationId, operation, parameters });
    }
  }
  return found;
}
