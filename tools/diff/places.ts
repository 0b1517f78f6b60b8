// Names a place in a spec the way the report's lines do, from its JSON pointer: the operation, the
// location in it (`request body`, `query parameter limit`, `200 response header X-Request-Id`, or a
// component: `schema SearchImagesRequest`) and the field within (`result[].sim`).
import { keysOf } from "../../src/client/json-pointer.js";
import { below, valueAt } from "./located.js";
import { METHODS } from "./operations.js";
import { isRecord, type ParsedSpec } from "./spec-version.js";

export interface Place {
  operation: string | null;
  location: string;
  field: string[];
}

export function describePlace(pointer: string, spec: ParsedSpec): Place {
  const keys = keysOf(pointer);
  if (keys[0] === "paths" && keys.length > 1) return pathPlace(keys, spec);
  if (keys[0] === "components" && keys.length > 2) {
    const [, group = "", name = ""] = keys;
    return {
      operation: null,
      location: `${COMPONENT[group] ?? group} ${name}`,
      field: fieldOf(keys.slice(3)),
    };
  }
  return { operation: null, location: keys[0] ?? "document", field: [] };
}

/** A component's kind, by its group in `components`. */
export const COMPONENT: Record<string, string> = {
  schemas: "schema",
  responses: "response",
  parameters: "parameter",
  examples: "example",
  requestBodies: "request body",
  headers: "header",
  securitySchemes: "security scheme",
  links: "link",
  callbacks: "callback",
};

function pathPlace(keys: string[], spec: ParsedSpec): Place {
  const [, path = "", method = ""] = keys;
  if (!(METHODS as readonly string[]).includes(method)) {
    return { operation: null, location: `path ${path}`, field: [] };
  }
  const operationAt = below("/paths", path, method);
  const found = valueAt(spec.raw, operationAt);
  const id = isRecord(found) ? found.operationId : undefined;
  const operation = typeof id === "string" ? id : `${method.toUpperCase()} ${path}`;
  const rest = keys.slice(3);
  const [part, second = "", third = "", fourth = ""] = rest;
  if (part === "parameters") {
    const parameter = valueAt(spec.raw, below(operationAt, "parameters", second));
    const named = isRecord(parameter) && typeof parameter.name === "string";
    const location = named
      ? `${String(parameter.in)} parameter ${parameter.name}`
      : `parameter ${Number(second) + 1}`;
    return { operation, location, field: fieldOf(rest.slice(2)) };
  }
  if (part === "requestBody") {
    return { operation, location: "request body", field: second === "content" ? fieldOf(rest.slice(3)) : [] };
  }
  if (part === "responses") {
    if (third === "headers")
      return { operation, location: `${second} response header ${fourth}`, field: fieldOf(rest.slice(4)) };
    return {
      operation,
      location: `${second} response`,
      field: third === "content" ? fieldOf(rest.slice(4)) : [],
    };
  }
  return { operation, location: "operation", field: [] };
}

/** The field a schema's keys lead to: `properties/a/items/properties/b` → a, [], b. */
function fieldOf(keys: string[]): string[] {
  const field: string[] = [];
  let i = keys[0] === "schema" ? 1 : 0;
  while (i < keys.length) {
    const key = keys[i];
    if (key === "properties" && keys[i + 1] !== undefined) {
      field.push(keys[i + 1] as string);
      i += 2;
    } else if (key === "items" || key === "additionalProperties") {
      field.push(key === "items" ? "[]" : "*");
      i += 1;
    } else break;
  }
  return field;
}
