// What the scripts read from an OpenAPI 3.0 document in one way: its operations, and an ajv that
// knows OpenAPI's annotation keywords.
import { Ajv, type Options } from "ajv";
import type { OpenAPIV3 } from "openapi-types";

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

// OpenAPI 3.0 schema keywords that JSON Schema does not know; annotations only, so ajv may skip them.
export const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"];

export function specAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, ...options });
  ajv.addVocabulary(OPENAPI_ANNOTATIONS);
  return ajv;
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
