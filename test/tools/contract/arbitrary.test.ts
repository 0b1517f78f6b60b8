// The generator of valid requests: what it makes from each keyword it knows is accepted by the
// schema's own validator without filtering, and a keyword it does not know narrows or fails loudly.
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import fc from "fast-check";
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, test } from "vitest";
import { arbitraryFor, generatesAccepted } from "../../../tools/contract/arbitrary.js";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";

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

describe("generatesAccepted on recursive request bodies of a spec nobody here wrote", () => {
  const SPEC = createRequire(import.meta.url).resolve(
    "@readme/oas-examples/3.0/json/circular-request-bodies.json",
  );

  test.for([
    ["directCircular", false],
    ["indirectCircular", true],
  ] as const)(
    "says whether %s's body schema yields a value its validator accepts: %s",
    async ([operationId, found]) => {
      const op = (await loadContractSpec(SPEC)).operations.find((o) => o.operationId === operationId);
      const schema = op?.requestMedia?.media.schema as OpenAPIV3.SchemaObject | undefined;
      const accepts = op?.validateBody;
      if (!schema || !accepts) throw new Error(`${operationId} has no JSON body`);

      // A tree node whose parent is required, a tree node too, has no finite value: it is not found, and
      // the search ends, where arbitraryFor's filtering would look for ever.
      expect(generatesAccepted(schema, (v) => accepts(v) === true)).toBe(found);
    },
  );
});

describe("arbitraryFor on arrays of arrays", () => {
  test("generates ten levels of nested arrays in bounded size", () => {
    let schema: OpenAPIV3.SchemaObject = { type: "string" };
    for (let level = 0; level < 10; level++) schema = { type: "array", items: schema };
    const values = fc.sample(arbitraryFor(schema), { numRuns: 20, seed: 1 });
    const count = (v: unknown): number =>
      Array.isArray(v) ? v.reduce((n: number, x) => n + count(x), 1) : 1;
    expect(Math.max(...values.map(count))).toBeLessThan(5_000);
  }, 10_000);
});

describe("arbitraryFor on OpenAPI 3.1 types", () => {
  test.for([
    ["null", { type: "null" }, (v: unknown) => v === null],
    ["a list of types", { type: ["string", "null"] }, (v: unknown) => v === null || typeof v === "string"],
  ] as const)("generates values of %s", ([, schema, fits]) => {
    const values = fc.sample(arbitraryFor(schema as unknown as OpenAPIV3.SchemaObject), {
      numRuns: 50,
      seed: 1,
    });
    expect(values.every(fits)).toBe(true);
  });
});
