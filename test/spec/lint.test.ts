// The house rules of .spectral.yaml: the real spec has no finding at all, and each rule fires,
// alone among the house rules, on a copy of the spec changed in exactly one place; and no rule
// throws on a value of a type it does not expect.

import { readFileSync } from "node:fs";
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { lintYaml, loadSpectral } from "../../tools/shared/spectral.js";
import { SPEC_PATH } from "../support/spec.js";

const HOUSE_RULES = [
  "operation-documents-2xx-and-400",
  "request-body-has-example",
  "response-has-example",
  "error-response-uses-envelope",
] as const;

// biome-ignore lint/suspicious/noExplicitAny: the changes below reach into arbitrary spec nodes
type Spec = Record<string, any>;

const spectral = await loadSpectral();
const IAM_SPEC_PATH = "spec/iam.openapi.yaml";
const baseSpec: Spec = parse(readFileSync(SPEC_PATH, "utf8"));

async function findings(spec: Spec, path = SPEC_PATH) {
  return lintYaml(spectral, stringify(spec), path);
}

function changed(change: (spec: Spec, put: Spec) => void): Spec {
  const spec = structuredClone(baseSpec);
  change(spec, spec.paths["/v1/{project_id}/{instance_name}/image"].put);
  return spec;
}

describe(".spectral.yaml", () => {
  test("valid: the spec has no finding of any rule, at any severity", async () => {
    const results = await findings(baseSpec);
    expect(results.map((r) => `${r.code} at ${r.path.join(".")}: ${r.message}`)).toEqual([]);
  });

  test("valid: the IAM spec, whose success is a 201, has no finding of any rule either", async () => {
    const results = await findings(parse(readFileSync(IAM_SPEC_PATH, "utf8")), IAM_SPEC_PATH);
    expect(results.map((r) => `${r.code} at ${r.path.join(".")}: ${r.message}`)).toEqual([]);
  });

  test("valid: a 201 in place of the 200 satisfies the success rule", async () => {
    const spec = changed((_, put) => {
      put.responses["201"] = put.responses["200"];
      delete put.responses["200"];
    });
    expect((await findings(spec)).map((r) => r.code)).toEqual([]);
  });

  const cases: { rule: (typeof HOUSE_RULES)[number]; label: string; spec: Spec }[] = [
    {
      rule: "operation-documents-2xx-and-400",
      label: "invalid: an operation without a 200",
      spec: changed((_, put) => delete put.responses["200"]),
    },
    {
      rule: "operation-documents-2xx-and-400",
      label: "invalid: an operation whose only success is a 3xx",
      spec: changed((_, put) => {
        put.responses["304"] = put.responses["200"];
        delete put.responses["200"];
      }),
    },
    {
      rule: "operation-documents-2xx-and-400",
      label: "invalid: a 201 with no application/json schema",
      spec: changed((_, put) => {
        put.responses["201"] = structuredClone(put.responses["200"]);
        delete put.responses["201"].content["application/json"].schema;
      }),
    },
    {
      rule: "operation-documents-2xx-and-400",
      label: "invalid: a 200 with no application/json schema",
      spec: changed((_, put) => delete put.responses["200"].content["application/json"].schema),
    },
    {
      rule: "request-body-has-example",
      label: "invalid: a request body without an example",
      spec: changed((_, put) => delete put.requestBody.content["application/json"].examples),
    },
    {
      rule: "response-has-example",
      label: "invalid: a 200 without an example",
      spec: changed((_, put) => delete put.responses["200"].content["application/json"].examples),
    },
    {
      rule: "error-response-uses-envelope",
      label: "invalid: a 400 written inline instead of the shared response",
      spec: changed((spec, put) => {
        put.responses["400"] = structuredClone(spec.components.responses.BadRequest);
      }),
    },
    {
      rule: "error-response-uses-envelope",
      label: "invalid: the shared 400 restates the envelope instead of using it",
      spec: changed((spec) => {
        spec.components.responses.BadRequest.content["application/json"].schema = structuredClone(
          spec.components.schemas.ErrorEnvelope,
        );
      }),
    },
  ];

  test.each(cases)("$rule — $label", async ({ rule, spec }) => {
    const house = (await findings(spec)).filter((r) =>
      (HOUSE_RULES as readonly string[]).includes(String(r.code)),
    );
    // A shared response is used by several operations: the rule may fire once per use, but no other does.
    expect([...new Set(house.map((r) => r.code))]).toEqual([rule]);
    expect(house[0]?.severity).toBe(0); // error: `npm run lint:spec` fails on it
  });

  test("every house rule has at least one invalid case", () => {
    expect(new Set(cases.map((c) => c.rule))).toEqual(new Set(HOUSE_RULES));
  });
});

/** Every path to a scalar of `doc` (a name, an `in`, a type, a description...), as property lists. */
function leafPaths(doc: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (doc === null || typeof doc !== "object") return at.length > 0 ? [at] : [];
  return Object.entries(doc).flatMap(([key, value]) =>
    leafPaths(value, [...at, Array.isArray(doc) ? Number(key) : key]),
  );
}

function replacedAt(path: (string | number)[], value: unknown): Spec {
  const spec = structuredClone(baseSpec);
  let node = spec;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1) as string | number] = value;
  return spec;
}

describe(".spectral.yaml on values of the wrong type", () => {
  const put = ["paths", "/v1/{project_id}/{instance_name}/image", "put"];
  const schemaOfBody = ["components", "schemas", "ModifyImageRequest"];
  // Spectral's own example rule (a schema that is not an object) and the OWASP admin-security
  // function (a path item that is null) still throw on such documents: left to those rulesets.

  test("valid: a body property called `parameters` with a property called `name` is no parameter list", async () => {
    // The shape that made the OWASP filter call .match on an object in GitHub's REST description.
    const spec = structuredClone(baseSpec);
    spec.components.schemas.ModifyImageRequest.properties.parameters = {
      type: "object",
      description: "Inferred.",
      properties: { name: { type: "string", description: "Inferred." } },
    };
    const results = await findings(spec);
    expect(results.map((r) => `${r.code} at ${r.path.join(".")}: ${r.message}`)).toEqual([]);
  });

  const wrongTypes: { label: string; path: (string | number)[]; value: unknown }[] = [
    {
      label: "a parameter whose `in` is a number",
      path: ["components", "parameters", "ProjectId", "in"],
      value: 42,
    },
    {
      label: "a parameter whose `in` is an array",
      path: ["components", "parameters", "ProjectId", "in"],
      value: ["path"],
    },
    {
      label: "a parameter whose `name` is an object",
      path: ["components", "parameters", "ProjectId", "name"],
      value: { id: 1 },
    },
    {
      label: "a parameter whose `name` is a number",
      path: ["components", "parameters", "ProjectId", "name"],
      value: 7,
    },
    {
      label: "an operation's parameters as an object",
      path: [...put, "parameters"],
      value: { name: { in: "query" } },
    },
    { label: "responses as an array", path: [...put, "responses"], value: [{ description: "x" }] },
    { label: "a 400 that is a string", path: [...put, "responses", "400"], value: "BadRequest" },
    { label: "a 400 that is null", path: [...put, "responses", "400"], value: null },
    {
      label: "a request body's content as an array",
      path: [...put, "requestBody", "content"],
      value: ["application/json"],
    },
    {
      label: "a property's type that is a number",
      path: [...schemaOfBody, "properties", "path", "type"],
      value: 3,
    },
    { label: "an operation that is a string", path: [...put], value: "PUT" },
    { label: "paths as an array", path: ["paths"], value: [] },
  ];

  test.each(wrongTypes)("invalid: $label is a finding, not an exception", async ({ path, value }) => {
    const results = await findings(replacedAt(path, value));
    expect(results.length).toBeGreaterThan(0);
  });

  test("invalid: shared responses as a string leave their references pointing at nothing: the loader refuses the spec", async () => {
    await expect(findings(replacedAt(["components", "responses"], "none"))).rejects.toThrow(
      /: \$ref #\/components\/responses\/\w+: points at nothing/,
    );
  });

  // A `$ref` changed is a reference to something else, which the loader refuses before Spectral runs
  // (test/tools/shared/load-spec.test.ts): not a value of the wrong type for a rule.
  const everyLeaf = leafPaths(baseSpec).filter((path) => path.at(-1) !== "$ref");
  const wrongValue = fc.constantFrom<unknown>(null, 0, -1.5, true, "", "text", [], ["text"], {}, { name: 1 });

  fcTest.prop([fc.integer({ min: 0, max: everyLeaf.length - 1 }), wrongValue], { numRuns: 25 })(
    "any scalar replaced by a value of another type is linted to the end",
    async (index, value) => {
      const results = await findings(replacedAt(everyLeaf[index] as (string | number)[], value));
      expect(Array.isArray(results)).toBe(true);
    },
    120_000,
  );
});
