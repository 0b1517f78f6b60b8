// Which kinds of bad request a spec maps to no error example: each operation's parameters, credentials,
// body and body fields, and the kinds of violation each can have, checked against the spec's
// `x-mock-answers-violation` as the mocks check them. `npm run generate` names them, so that a contract
// owner sees the gap the moment a parameter is added; the mocks answer them with the fallback.
import type { OpenAPIV3 } from "openapi-types";
import { mappedAnswer } from "../../src/mock/answers.js";
import { formatViolation } from "../../src/mock/report.js";
import type { Kind, Location, Violation } from "../../src/mock/types.js";
import { jsonMedia, type OperationAt, operationsOf, securityOf } from "../shared/openapi.js";
import { answersOf } from "./violations.js";

/** One operation's violations the spec maps to nothing, as `query limit invalid`. */
export interface UnmappedViolations {
  operationId: string;
  violations: string[];
}

/** Every operation's unmapped violations; none for a spec that maps nothing at all (it relies on the fallback). */
export function unmappedViolations(api: OpenAPIV3.Document): UnmappedViolations[] {
  const operations = operationsOf(api);
  const maps = operations.some((at) => answersOf(at.operation).some((a) => a.selectors.length > 0));
  if (!maps) return [];
  return operations.flatMap((at) => {
    const answers = answersOf(at.operation);
    const violations = possibleViolations(api, at)
      .filter((v) => !mappedAnswer(answers, v))
      .map(formatViolation);
    return violations.length > 0 ? [{ operationId: at.operationId, violations }] : [];
  });
}

/** The kinds of violation a request to the operation can have. */
function possibleViolations(api: OpenAPIV3.Document, at: OperationAt): Violation[] {
  const found: Violation[] = [
    { in: "request", at: "", kind: "method-not-allowed" },
    { in: "request", at: "", kind: "route-unknown" },
  ];
  for (const parameter of at.parameters) found.push(...parameterViolations(parameter));
  const credentials = securityOf(api, at.operation).flat();
  for (const c of credentials.filter((c) => c.in !== "cookie")) {
    const where = c.in as Location;
    found.push({ in: where, at: c.name, kind: "missing" }, { in: where, at: c.name, kind: "empty" });
  }
  const body = at.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  if (body) {
    for (const kind of [
      "not-json",
      "null",
      "type",
      "too-big",
      ...(body.required ? ["missing"] : []),
    ] as Kind[]) {
      found.push({ in: "body", at: "", kind });
    }
    const schema = jsonMedia(body.content)?.media.schema as OpenAPIV3.SchemaObject | undefined;
    if (schema) found.push(...fieldViolations(schema, ""));
  }
  return unique(found);
}

function parameterViolations(parameter: OpenAPIV3.ParameterObject): Violation[] {
  const where = (parameter.in === "cookie" ? "header" : parameter.in) as Location;
  const schema = (parameter.schema ?? {}) as OpenAPIV3.SchemaObject;
  const at = parameter.name;
  // A path segment is never empty; a query or header value may be, where its schema takes "".
  const empty = where === "path" || valueKinds(schema).length > 0 || (schema.minLength ?? 0) > 0;
  const kinds: Kind[] = [...(empty ? ["empty" as Kind] : []), ...valueKinds(schema)];
  if (parameter.required && where !== "path") kinds.push("missing");
  return kinds.map((kind) => ({ in: where, at, kind }));
}

/** Each field of an object schema (nested ones too) and the kinds of violation it can have. */
function fieldViolations(schema: OpenAPIV3.SchemaObject, pointer: string, depth = 0): Violation[] {
  if (depth > 8 || schema.type !== "object") return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => {
    const field = child as OpenAPIV3.SchemaObject;
    const at = `${pointer}/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    const kinds: Kind[] = [...valueKinds(field), ...(field.nullable ? [] : ["null" as Kind])];
    if (required.has(name)) kinds.push("missing");
    if (field.type === "string") kinds.push("empty");
    return [
      ...kinds.map((kind) => ({ in: "body" as const, at, kind })),
      ...fieldViolations(field, at, depth + 1),
    ];
  });
}

/** A value of the wrong type (for anything but a free string), one that breaks another keyword. */
function valueKinds(schema: OpenAPIV3.SchemaObject): Kind[] {
  const kinds: Kind[] = [];
  if (schema.type !== undefined && schema.type !== "string") kinds.push("type");
  const constrained = [
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "enum",
    "format",
    "minItems",
    "maxItems",
    "maxProperties",
  ];
  if (constrained.some((keyword) => keyword in schema)) kinds.push("invalid");
  return kinds;
}

function unique(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = formatViolation(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
