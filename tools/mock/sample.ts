// The smallest value a schema accepts, made the same way every time: what a refusal's body holds where
// the spec gives no example for it. Required properties only (and those that describe the refusal),
// the first enum value, the low end of every range; an integer named like a status code carries the
// refusal's status. A schema it cannot satisfy (a pattern, say) gets the best try, and the caller checks.
import fc from "fast-check";
import type { OpenAPIV3 } from "openapi-types";

export interface SampleHints {
  /** The status the body is sent with. */
  status: number;
  /** Property names that describe what went wrong: filled with text even when optional. */
  describe: RegExp;
  /** Fill every property, optional ones too (a parameter's object, which must not be empty). */
  fill?: boolean;
}

/** Describes no property: for a sample that reports nothing. */
export const DESCRIBES_NOTHING = /(?!)/;

const CODE_NAME = /^(?:code|status|status_?code|error_?code|http_?status)$/i;
const FORMATS: Record<string, string> = {
  "date-time": "1970-01-01T00:00:00Z",
  date: "1970-01-01",
  time: "00:00:00Z",
  email: "mock@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
  uuid: "00000000-0000-4000-8000-000000000000",
  hostname: "example.com",
  ipv4: "127.0.0.1",
  ipv6: "::1",
};

/**
 * The first of the schema's samples that `accepts` takes: its own, then one of each of its top-level
 * `oneOf`/`anyOf` branches, then null where it is nullable; `undefined` when none is accepted.
 */
export function acceptedSample(
  schema: OpenAPIV3.SchemaObject,
  hints: SampleHints,
  accepts: (value: unknown) => boolean,
): { value: unknown } | undefined {
  const branches = (schema.oneOf ?? schema.anyOf ?? []) as OpenAPIV3.SchemaObject[];
  const candidates = [
    () => sampleOf(schema, hints),
    ...branches.map((_, pick) => () => sampleOf(flattened(schema, pick), hints)),
    ...(schema.nullable ? [() => null] : []),
  ];
  for (const candidate of candidates) {
    const value = candidate();
    if (accepts(value)) return { value };
  }
  return undefined;
}

export function sampleOf(schema: OpenAPIV3.SchemaObject, hints: SampleHints, name = ""): unknown {
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  // A default of the wrong type (a string for an integer, as specs write it) is no sample.
  if (schema.default !== undefined && fitsType(schema.default, schema.type)) return schema.default;
  if (schema.allOf || schema.oneOf || schema.anyOf) return sampleOf(flattened(schema), hints, name);
  switch (schema.type ?? (schema.properties ? "object" : undefined)) {
    case "object":
      return objectSample(schema, hints);
    case "array":
      return arraySample(schema, hints, name);
    case "string":
      return stringSample(schema, name, hints);
    case "integer":
    case "number":
      return numberSample(schema, name, hints.status);
    case "boolean":
      return false;
    default:
      return schema.nullable ? null : {};
  }
}

function objectSample(schema: OpenAPIV3.SchemaObject, hints: SampleHints): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  const sample: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!hints.fill && !required.has(name) && !hints.describe.test(name)) continue;
    sample[name] = sampleOf(property as OpenAPIV3.SchemaObject, hints, name);
  }
  // A required property the schema does not describe takes what its other properties may hold.
  const extra =
    typeof schema.additionalProperties === "object"
      ? (schema.additionalProperties as OpenAPIV3.SchemaObject)
      : {};
  for (const name of required) if (!(name in sample)) sample[name] = sampleOf(extra, hints, name);
  return sample;
}

/** Whether a value is of the schema's type (any value, where the schema names none). */
function fitsType(value: unknown, type: string | undefined): boolean {
  if (type === undefined) return true;
  if (type === "integer") return Number.isInteger(value);
  if (type === "array") return Array.isArray(value);
  if (type === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  return typeof value === type;
}

/**
 * A composed schema as one: its own keywords, each `allOf` member's and its `pick`-th `oneOf`/`anyOf`
 * branch's (each flattened too), with their properties and required names together. A branch or
 * member often says only part of it (`required: [title]` beside the parent's `properties`), so a
 * sample of each part on its own misses what the whole requires.
 */
export function flattened(schema: OpenAPIV3.SchemaObject, pick = 0): OpenAPIV3.SchemaObject {
  const { allOf, oneOf, anyOf, ...own } = schema;
  let merged = own as OpenAPIV3.SchemaObject;
  for (const member of (allOf ?? []) as OpenAPIV3.SchemaObject[])
    merged = together(merged, flattened(member));
  const branch = (oneOf ?? anyOf)?.[pick] as OpenAPIV3.SchemaObject | undefined;
  return branch ? together(merged, flattened(branch)) : merged;
}

/** `b`'s keywords over `a`'s, their properties merged and their required names both. */
function together(a: OpenAPIV3.SchemaObject, b: OpenAPIV3.SchemaObject): OpenAPIV3.SchemaObject {
  const merged: OpenAPIV3.SchemaObject = { ...a, ...b };
  if (a.properties || b.properties) merged.properties = { ...a.properties, ...b.properties };
  if (a.required || b.required)
    merged.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  return merged;
}

function arraySample(schema: OpenAPIV3.SchemaObject, hints: SampleHints, name: string): unknown[] {
  const items = (schema as OpenAPIV3.ArraySchemaObject).items as OpenAPIV3.SchemaObject | undefined;
  // One item where the schema allows it: a list a parameter takes is sent empty as no parameter at all.
  const length = Math.min(Math.max(schema.minItems ?? 0, 1), schema.maxItems ?? 1);
  return Array.from({ length }, () => sampleOf(items ?? {}, hints, name));
}

function stringSample(schema: OpenAPIV3.SchemaObject, name: string, hints: SampleHints): string {
  const fixed = schema.format ? FORMATS[schema.format] : undefined;
  if (fixed !== undefined) return fixed;
  if (schema.pattern) return patternSample(schema);
  const text = hints.describe.test(name) ? "the request breaks the spec" : String(hints.status);
  const padded = text.padEnd(schema.minLength ?? 0, "x");
  return schema.maxLength === undefined ? padded : padded.slice(0, schema.maxLength);
}

/** A string the pattern matches (its example, if it does), within the length bounds when one can be found. */
function patternSample(schema: OpenAPIV3.SchemaObject): string {
  const pattern = new RegExp(schema.pattern ?? "");
  if (typeof schema.example === "string" && pattern.test(schema.example)) return schema.example;
  const fits = (text: string) =>
    text.length >= (schema.minLength ?? 0) && text.length <= (schema.maxLength ?? Infinity);
  const found = fc.sample(fc.stringMatching(pattern), { seed: 1, numRuns: 50 });
  return found.find(fits) ?? found[0] ?? "";
}

function numberSample(schema: OpenAPIV3.SchemaObject, name: string, status: number): number {
  const low = schema.minimum ?? Number.NEGATIVE_INFINITY;
  const high = schema.maximum ?? Number.POSITIVE_INFINITY;
  if (CODE_NAME.test(name) && status >= low && status <= high) return status;
  const start = Number.isFinite(low) ? low + (schema.exclusiveMinimum === true ? 1 : 0) : Math.min(0, high);
  const step = schema.multipleOf ?? 1;
  return Math.ceil(start / step) * step;
}
