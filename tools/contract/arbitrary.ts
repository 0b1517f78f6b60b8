// fast-check arbitraries for the JSON values a schema accepts. It generates from the keywords it knows
// (composition by `allOf`, `oneOf` and `anyOf` included) and keeps only what the schema's own validator
// accepts, so that a keyword it does not know narrows the values instead of letting invalid ones through;
// without a validator, such a keyword fails loudly.
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
  "minProperties",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "uniqueItems",
  "allOf",
  "oneOf",
  "anyOf",
  "readOnly",
  "writeOnly",
  "deprecated",
  "xml",
  "externalDocs",
  "discriminator",
]);

/** The range each integer format holds; a format not listed here leaves the range as the schema says. */
const INTEGER_RANGES: Record<string, [number, number]> = { int32: [-(2 ** 31), 2 ** 31 - 1] };

/**
 * Values `schema` accepts. With `accepts` (the schema's validator), values are generated from what the
 * schema says and kept only when it accepts them; without, a keyword it does not know is an error.
 */
export function arbitraryFor(
  schema: OpenAPIV3.SchemaObject,
  accepts?: (value: unknown) => boolean,
): fc.Arbitrary<unknown> {
  const value = generated(schema, accepts !== undefined);
  return accepts ? value.filter((v) => accepts(v) === true) : value;
}

/**
 * Whether the first `tries` values generated from `schema` include one that `accepts` takes. Where
 * none does (a schema no finite value satisfies: a required property of its own schema), the
 * filtering arbitraryFor does would look for one for ever.
 */
export function generatesAccepted(
  schema: OpenAPIV3.SchemaObject,
  accepts: (value: unknown) => boolean,
  tries = 200,
): boolean {
  return fc.sample(generated(schema, true), { numRuns: tries, seed: 1 }).some((v) => accepts(v) === true);
}

function generated(schema: OpenAPIV3.SchemaObject, lenient: boolean): fc.Arbitrary<unknown> {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k) && !k.startsWith("x-"));
  if (unknown.length > 0 && !lenient)
    throw new Error(`arbitraryFor: unsupported schema keyword(s) ${unknown.join(", ")}`);
  const value = valueFor(schema, lenient);
  return schema.nullable ? fc.option(value, { nil: null }) : value;
}

function valueFor(schema: OpenAPIV3.SchemaObject, lenient: boolean): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.allOf || schema.anyOf || schema.oneOf) return choicesFor(schema, lenient);
  // OpenAPI 3.1 (JSON Schema) may name several types: a value of any one of them.
  const types = (schema as { type?: unknown }).type;
  if (Array.isArray(types)) {
    return fc.oneof(...types.map((type) => valueFor({ ...schema, type } as OpenAPIV3.SchemaObject, lenient)));
  }
  switch (schema.type ?? (schema.properties ? "object" : undefined)) {
    case "null" as OpenAPIV3.NonArraySchemaObjectType:
      return fc.constant(null);
    case "string":
      if (schema.pattern) return patternFor(schema);
      return fc.string({
        unit: "grapheme",
        minLength: schema.minLength ?? 0,
        ...(schema.maxLength === undefined ? {} : { maxLength: schema.maxLength }),
      });
    case "integer": {
      const [low, high] = INTEGER_RANGES[schema.format ?? ""] ?? [-1e9, 1e9];
      const range = rangeOf(schema, low, high);
      const step = schema.multipleOf ?? 1;
      const min = Math.ceil((range.min + (range.minExcluded ? 1 : 0)) / step);
      const max = Math.floor((range.max - (range.maxExcluded ? 1 : 0)) / step);
      return fc.integer({ min, max }).map((n) => n * step);
    }
    case "number":
      return fc.double({ ...rangeOf(schema, -1e9, 1e9), noNaN: true });
    case "boolean":
      return fc.boolean();
    case "array": {
      const itemSchema = ((schema as OpenAPIV3.ArraySchemaObject).items ?? {}) as OpenAPIV3.SchemaObject;
      const items = generated(itemSchema, lenient);
      // An array of arrays holds two at most, unless it says: ten levels of arrays each as long as a
      // lone array may be would hold billions of values.
      const maxLength =
        schema.maxItems ?? (itemSchema.type === "array" ? Math.max(schema.minItems ?? 0, 2) : undefined);
      const bounds = {
        minLength: schema.minItems ?? 0,
        ...(maxLength === undefined ? {} : { maxLength }),
      };
      return schema.uniqueItems
        ? fc.uniqueArray(items, { ...bounds, selector: (v) => JSON.stringify(v) })
        : fc.array(items, bounds);
    }
    case "object":
      return objectFor(schema, lenient);
    case undefined:
      // A free-form schema (no type) accepts any JSON value.
      return fc.jsonValue();
    default:
      throw new Error(`arbitraryFor: unsupported type ${String((schema as { type?: unknown }).type)}`);
  }
}

/**
 * The bounds a number schema sets within [low, high]: OpenAPI 3.0's `exclusiveMinimum: true` beside
 * `minimum`, or 3.1's (JSON Schema's) `exclusiveMinimum: <number>` on its own.
 */
function rangeOf(schema: OpenAPIV3.SchemaObject, low: number, high: number) {
  const bound = (value: unknown, exclusive: unknown, fallback: number, pick: typeof Math.max) =>
    typeof exclusive === "number"
      ? { at: pick(exclusive, fallback), excluded: true }
      : { at: pick(typeof value === "number" ? value : fallback, fallback), excluded: exclusive === true };
  const lower = bound(schema.minimum, schema.exclusiveMinimum, low, Math.max);
  const upper = bound(schema.maximum, schema.exclusiveMaximum, high, Math.min);
  return { min: lower.at, max: upper.at, minExcluded: lower.excluded, maxExcluded: upper.excluded };
}

/**
 * A composed schema as one schema per choice: the schema's own keywords, each `allOf` member's and one
 * branch of each `anyOf`/`oneOf` (its own or a member's), merged. So a rule between fields stated as
 * `allOf: [{ anyOf: [{ required: [a] }, { required: [b] }] }]` beside `properties` yields objects with
 * those properties and `a` or `b`, not a bare `{ a: <any JSON> }` the validator then refuses for ever.
 */
function choicesFor(schema: OpenAPIV3.SchemaObject, lenient: boolean): fc.Arbitrary<unknown> {
  const { allOf, anyOf, oneOf, ...own } = schema;
  let base = own as OpenAPIV3.SchemaObject;
  const groups: OpenAPIV3.SchemaObject[][] = [];
  const branchesOf = (s: OpenAPIV3.SchemaObject) =>
    (s.oneOf ?? s.anyOf) as OpenAPIV3.SchemaObject[] | undefined;
  for (const member of [schema, ...((allOf ?? []) as OpenAPIV3.SchemaObject[])]) {
    const branches = branchesOf(member);
    if (branches) groups.push(branches);
    if (member !== schema) {
      const { anyOf: _a, oneOf: _o, ...rest } = member;
      base = mergedSchema(base, rest);
    }
  }
  if (groups.length === 0) return generated(base, lenient);
  return fc
    .tuple(...groups.map((branches) => fc.constantFrom(...branches)))
    .chain((picked) => generated(picked.reduce(mergedSchema, base), lenient));
}

/** Two schemas as one: `b`'s keywords over `a`'s, their properties merged and their required fields both. */
function mergedSchema(a: OpenAPIV3.SchemaObject, b: OpenAPIV3.SchemaObject): OpenAPIV3.SchemaObject {
  const merged: OpenAPIV3.SchemaObject = { ...a, ...b };
  if (a.properties || b.properties) merged.properties = { ...a.properties, ...b.properties };
  if (a.required || b.required)
    merged.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  return merged;
}

function objectFor(schema: OpenAPIV3.SchemaObject, lenient: boolean): fc.Arbitrary<unknown> {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, child]) => [
      name,
      generated(child as OpenAPIV3.SchemaObject, lenient),
    ]),
  );
  // A required field the schema does not describe may hold any value.
  for (const name of schema.required ?? []) properties[name] ??= fc.jsonValue();
  const min = schema.minProperties ?? 0;
  const enough = (value: object) => Object.keys(value).length >= min;
  const fixed = fc.record(properties, { requiredKeys: schema.required ?? [] });
  const extra = schema.additionalProperties;
  if (typeof extra !== "object") return fixed.filter(enough);
  const reserved = new Set(Object.keys(properties));
  const key = fc.string({ unit: "grapheme", minLength: 1 }).filter((k) => !reserved.has(k));
  // Extra keys stay within maxProperties even when every fixed property is present, and make up
  // minProperties when the fixed ones cannot.
  const room = (schema.maxProperties ?? Number.POSITIVE_INFINITY) - reserved.size;
  const maxKeys = Math.max(0, Math.min(Math.max(5, min), room));
  const more = fc.dictionary(key, generated(extra as OpenAPIV3.SchemaObject, lenient), {
    minKeys: Math.min(min, maxKeys),
    maxKeys,
  });
  return fc
    .tuple(more, fixed)
    .map(([a, b]) => ({ ...a, ...b }))
    .filter(enough);
}

/** Strings that match the pattern, within the schema's length bounds. */
function patternFor(schema: OpenAPIV3.SchemaObject): fc.Arbitrary<unknown> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  return fc
    .stringMatching(new RegExp(schema.pattern ?? ""))
    .filter((text) => text.length >= min && text.length <= max);
}
