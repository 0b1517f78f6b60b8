// The generator of valid requests: what it makes from each keyword it knows is accepted by the
// schema's own validator without filtering, and a keyword it does not know narrows or fails loudly.
import { Ajv } from "ajv";
import fc from "fast-check";
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, test } from "vitest";
import { arbitraryFor } from "../../../tools/contract/arbitrary.js";

const ajv = new Ajv({ strict: false });

const schemas: [string, OpenAPIV3.SchemaObject][] = [
  [
    "allOf",
    {
      allOf: [
        { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
        { type: "object", properties: { b: { type: "integer" } }, required: ["b"] },
      ],
    },
  ],
  [
    "oneOf of distinct types",
    {
      oneOf: [
        { type: "string", minLength: 1 },
        { type: "integer", minimum: 0 },
      ],
    },
  ],
  ["anyOf", { anyOf: [{ type: "boolean" }, { type: "number", maximum: 3 }] }],
  [
    "minProperties and maxProperties",
    { type: "object", additionalProperties: { type: "string" }, minProperties: 2, maxProperties: 3 },
  ],
  [
    "uniqueItems",
    { type: "array", items: { type: "integer", minimum: 0, maximum: 5 }, uniqueItems: true, maxItems: 4 },
  ],
  ["multipleOf", { type: "integer", multipleOf: 7, minimum: -100, maximum: 100 }],
  [
    "exclusive bounds (JSON Schema 2020-12)",
    { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 } as unknown as OpenAPIV3.SchemaObject,
  ],
  ["an int32", { type: "integer", format: "int32" }],
  ["a pattern", { type: "string", pattern: "^[a-z][a-z0-9_-]*$", maxLength: 16 }],
  ["nullable", { type: "string", nullable: true }],
  ["enum", { type: "string", enum: ["a", "b"] }],
];

describe("arbitraryFor", () => {
  test.for(schemas)(
    "makes only values the schema accepts from %s, with no validator to filter by",
    ([, schema]) => {
      const { nullable, ...rest } = schema;
      const validate = ajv.compile(nullable ? { anyOf: [rest, { type: "null" }] } : schema);
      fc.assert(
        fc.property(arbitraryFor(schema), (value) => validate(value) === true),
        { numRuns: 300 },
      );
    },
  );

  test("fails loudly on a keyword it does not know, when there is no validator", () => {
    expect(() =>
      arbitraryFor({ type: "string", contentEncoding: "base64" } as OpenAPIV3.SchemaObject),
    ).toThrow(/unsupported schema keyword\(s\) contentEncoding/);
  });

  test("keeps only what the validator accepts for a keyword it does not know", () => {
    const schema = { type: "string", not: { const: "x" }, maxLength: 1 } as OpenAPIV3.SchemaObject;
    const validate = ajv.compile(schema);
    fc.assert(
      fc.property(
        arbitraryFor(schema, (v) => validate(v)),
        (value) => value !== "x",
      ),
      { numRuns: 300 },
    );
  });
});
