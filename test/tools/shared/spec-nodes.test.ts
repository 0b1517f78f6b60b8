// What in a spec is a reference, what is literal data and what is a schema, by where it stands.
import { describe, expect, test } from "vitest";
import { specNodes } from "../../../tools/shared/spec-nodes.js";

const ref = (to: string) => ({ $ref: to });

describe("specNodes", () => {
  test("takes a $ref inside an example, an example value, a default, an enum or a const for data", () => {
    const document = {
      components: {
        schemas: {
          A: {
            example: ref("a"),
            default: ref("b"),
            enum: [ref("c")],
            const: ref("d"),
            examples: [ref("e")],
          },
        },
        examples: { X: { value: { nested: ref("f") } } },
        parameters: { P: { name: "p", in: "query", example: ref("g") } },
      },
    };
    const found = specNodes(document, 64);
    expect(found.refs).toEqual([]);
    expect(found.literals.map((site) => site.path.join("/")).sort()).toEqual([
      "components/examples/X/value",
      "components/parameters/P/example",
      "components/schemas/A/const",
      "components/schemas/A/default",
      "components/schemas/A/enum",
      "components/schemas/A/example",
      "components/schemas/A/examples",
    ]);
  });

  test("takes names the spec chose for names: a property, a schema or a parameter called `example` or `value`", () => {
    const document = {
      components: {
        schemas: { example: ref("#/x"), A: { properties: { example: ref("#/y"), value: ref("#/z") } } },
        parameters: { value: ref("#/p") },
        examples: { named: ref("#/components/examples/other") },
      },
    };
    const found = specNodes(document, 64);
    expect(found.refs.map((site) => site.ref).sort()).toEqual([
      "#/components/examples/other",
      "#/p",
      "#/x",
      "#/y",
      "#/z",
    ]);
    expect(found.literals).toEqual([]);
  });

  test("tells a schema's reference from another's", () => {
    const document = {
      paths: {
        "/a": {
          get: {
            parameters: [ref("#/components/parameters/P"), { name: "q", in: "query", schema: ref("#/s1") }],
            responses: { "200": ref("#/components/responses/R") },
          },
        },
      },
      components: {
        schemas: { S: { allOf: [ref("#/s2")], properties: { items: ref("#/s3") }, items: ref("#/s4") } },
        callbacks: { C: { "{$url}": { post: { callbacks: { again: ref("#/c") } } } } },
      },
    };
    const bySchema = Object.fromEntries(
      specNodes(document, 64).refs.map((site) => [site.ref, site.inSchema]),
    );
    expect(bySchema).toEqual({
      "#/components/parameters/P": false,
      "#/s1": true,
      "#/components/responses/R": false,
      "#/s2": true,
      "#/s3": true,
      "#/s4": true,
      "#/c": false,
    });
  });

  test("lists an Example Object's externalValue", () => {
    const document = { components: { examples: { X: { externalValue: "../outside.json" } } } };
    expect(specNodes(document, 64).externalValues).toEqual([
      { path: ["components", "examples", "X", "externalValue"], ref: "../outside.json", inSchema: false },
    ]);
  });

  test("stops past the depth limit and says where, however deep the document", () => {
    let deep: unknown = {};
    for (let level = 0; level < 100_000; level++) deep = { a: deep };
    const found = specNodes(deep, 10);
    expect(found.tooDeep).toEqual(Array(11).fill("a"));
  });
});
