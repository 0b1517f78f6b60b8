// A schema as the rules read it: `$ref`s followed and `allOf` members merged into one set of
// keywords, each keyword and property keeping the place it is written.
import { at, below, type Located, resolve } from "./located.js";
import { isRecord, type ParsedSpec } from "./spec-version.js";

export interface Schema {
  /** Where the schema is written (after its `$ref`s). */
  pointer: string;
  keywords: Record<string, unknown>;
  /** The pointer of each keyword: the schema's own, or the `allOf` member's it comes from. */
  keywordAt: Map<string, string>;
  properties: Map<string, Located>;
  required: Set<string>;
}

/** The schema at `located`, its `allOf` merged; a missing schema (`undefined`) accepts anything. */
export function schemaAt(spec: ParsedSpec, located: Located, depth = 0): Schema {
  const { value, pointer } = resolve(spec, located);
  const schema: Schema = {
    pointer,
    keywords: {},
    keywordAt: new Map(),
    properties: new Map(),
    required: new Set(),
  };
  if (!isRecord(value)) return schema;
  for (const [key, keyword] of Object.entries(value)) {
    if (key === "allOf" || key === "properties" || key === "required") continue;
    schema.keywords[key] = keyword;
    schema.keywordAt.set(key, below(pointer, key));
  }
  if (isRecord(value.properties)) {
    for (const name of Object.keys(value.properties)) {
      schema.properties.set(name, at({ value, pointer }, "properties", name));
    }
  }
  if (Array.isArray(value.required)) for (const name of value.required) schema.required.add(String(name));
  if (Array.isArray(value.allOf) && depth < 16) {
    value.allOf.forEach((_, i) => {
      merge(schema, schemaAt(spec, at({ value, pointer }, "allOf", i), depth + 1));
    });
  }
  return schema;
}

/** Adds a member's keywords the schema does not set itself, its properties and its required names. */
function merge(schema: Schema, member: Schema): void {
  for (const [key, keyword] of Object.entries(member.keywords)) {
    if (key in schema.keywords) continue;
    schema.keywords[key] = keyword;
    const place = member.keywordAt.get(key);
    if (place) schema.keywordAt.set(key, place);
  }
  for (const [name, property] of member.properties) {
    if (!schema.properties.has(name)) schema.properties.set(name, property);
  }
  for (const name of member.required) schema.required.add(name);
}

/** The pointer of a keyword of the schema (where it is, or where it would go). */
export function keywordPointer(schema: Schema, key: string): string {
  return schema.keywordAt.get(key) ?? below(schema.pointer, key);
}

/** The schema's `type`, or undefined when it sets none (any type). */
export function typeOf(schema: Schema): string | undefined {
  const type = schema.keywords.type;
  return typeof type === "string" ? type : undefined;
}
