// fast-check arbitraries for the JSON values a schema accepts. It knows the keywords the specs here
// use and refuses any other, so a new keyword fails loudly instead of generating invalid data.
import fc from "fast-check";
import type { OpenAPIV3 } from "openapi-types";

const KNOWN = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "minItems",
  "maxItems",
  "maxProperties",
  "enum",
  "nullable",
  "description",
  "example",
  "title",
  "default",
  "format",
]);

/** The range each integer format holds; a format not listed here leaves the range as the schema says. */
const INTEGER_RANGES: Record<string, [number, number]> = { int32: [-(2 ** 31), 2 ** 31 - 1] };

export function arbitraryFor(schema: OpenAPIV3.SchemaObject): fc.Arbitrary<unknown> {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k) && !k.startsWith("x-"));
  if (unknown.length > 0)
    throw new Error(`arbitraryFor: unsupported schema keyword(s) ${unknown.join(", ")}`);
  const value = valueFor(schema);
  return schema.nullable ? fc.option(value, { nil: null }) : value;
}

function valueFor(schema: OpenAPIV3.SchemaObject): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "string":
      if (schema.pattern) return patternFor(schema);
      return fc.string({
        unit: "grapheme",
        minLength: schema.minLength ?? 0,
        ...(schema.maxLength === undefined ? {} : { maxLength: schema.maxLength }),
      });
    case "integer": {
      const [low, high] = INTEGER_RANGES[schema.format ?? ""] ?? [-1e9, 1e9];
      return fc.integer({
        min: Math.max(schema.minimum ?? low, low),
        max: Math.min(schema.maximum ?? high, high),
      });
    }
    case "number":
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(arbitraryFor((schema.items ?? {}) as OpenAPIV3.SchemaObject), {
        minLength: schema.minItems ?? 0,
        ...(schema.maxItems === undefined ? {} : { maxLength: schema.maxItems }),
      });
    case "object":
      return objectFor(schema);
    case undefined:
      // A free-form schema (no type) accepts any JSON value.
      return fc.jsonValue();
    default:
      throw new Error(`arbitraryFor: unsupported type ${String((schema as { type?: unknown }).type)}`);
  }
}

function objectFor(schema: OpenAPIV3.SchemaObject): fc.Arbitrary<unknown> {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, child]) => [
      name,
      arbitraryFor(child as OpenAPIV3.SchemaObject),
    ]),
  );
  const fixed = fc.record(properties, { requiredKeys: schema.required ?? [] });
  const extra = schema.additionalProperties;
  if (typeof extra !== "object") return fixed;
  const reserved = new Set(Object.keys(properties));
  const key = fc.string({ unit: "grapheme", minLength: 1 }).filter((k) => !reserved.has(k));
  // Extra keys stay within maxProperties even when every fixed property is present.
  const room = (schema.maxProperties ?? Number.POSITIVE_INFINITY) - reserved.size;
  const more = fc.dictionary(key, arbitraryFor(extra as OpenAPIV3.SchemaObject), {
    maxKeys: Math.max(0, Math.min(5, room)),
  });
  return fc.tuple(more, fixed).map(([a, b]) => ({ ...a, ...b }));
}

/** Strings that match the pattern, within the schema's length bounds. */
function patternFor(schema: OpenAPIV3.SchemaObject): fc.Arbitrary<unknown> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  return fc
    .stringMatching(new RegExp(schema.pattern ?? ""))
    .filter((text) => text.length >= min && text.length <= max);
}
