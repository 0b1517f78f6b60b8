// generated/NAME.validators.ts: each operation's contract exported on its own, and validators that,
// for all their rewriting of ajv's standalone code, decide and report exactly as ajv does. Each spec
// here is a change of the parsed base spec.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";
import { transform } from "esbuild";
import type { OpenAPIV3 } from "openapi-types";
import { afterAll, describe, expect, test } from "vitest";
import * as generated from "../../../generated/image-search.validators.js";
import type { OperationContract, ValidationIssue } from "../../../generated/shared-types.js";
import { validatorsModule } from "../../../tools/codegen/validators-module.js";
import { canonicalSchema, compilable, specAjv, withoutAnnotations } from "../../../tools/shared/openapi.js";
import { SPEC_PATH } from "../../support/spec.js";

const base = (await SwaggerParser.dereference(SPEC_PATH)) as OpenAPIV3.Document;
const work = await mkdtemp(join(tmpdir(), "validators-module-"));
afterAll(() => rm(work, { recursive: true, force: true }));
const PUT = "/v1/{project_id}/{instance_name}/image";

type Change = (spec: OpenAPIV3.Document) => void;

function changed(...changes: Change[]): OpenAPIV3.Document {
  const spec = structuredClone(base);
  for (const change of changes) change(spec);
  return spec;
}

function modifyImageBody(spec: OpenAPIV3.Document): OpenAPIV3.SchemaObject {
  const body = spec.paths[PUT]?.put?.requestBody as OpenAPIV3.RequestBodyObject;
  return body.content["application/json"]?.schema as OpenAPIV3.SchemaObject;
}

const GET = "/v1/{project_id}/service/{instance_name}";

const renamed =
  (path: string, method: "get" | "put", operationId: string): Change =>
  (spec) => {
    const operation = spec.paths[path]?.[method];
    if (operation) operation.operationId = operationId;
  };

/** A path that is either a short string or a whole number: ajv counts and takes back each branch's failures. */
const pathOfTwoKinds: Change = (spec) => {
  const body = modifyImageBody(spec);
  body.properties = {
    ...body.properties,
    path: {
      anyOf: [
        { type: "string", maxLength: 5 },
        { type: "integer", minimum: 1 },
      ],
    },
  };
};

/** The module for `spec`, compiled to JavaScript and imported. */
async function load(
  spec: OpenAPIV3.Document,
  name: string,
): Promise<{ operations: Record<string, OperationContract> }> {
  const { code } = await transform(validatorsModule(spec, "image-search"), { loader: "ts", format: "esm" });
  const file = join(work, `${name}.mjs`);
  await writeFile(file, code);
  return (await import(pathToFileURL(file).href)) as { operations: Record<string, OperationContract> };
}

/** ajv's own verdict and failures for `schema`, compiled as the generator compiles it. */
function ajvOf(spec: OpenAPIV3.Document, schema: object) {
  const validate = specAjv({ unicode: false }, spec).compile(
    compilable(withoutAnnotations(canonicalSchema(schema)) as object),
  );
  return (value: unknown) => {
    const valid = validate(value);
    return { valid, issues: (validate.errors ?? []).map(({ schemaPath: _, ...issue }) => issue) };
  };
}

const BODIES: unknown[] = [
  { path: "a.jpg", tags: { a: "b" } },
  { path: 7, tags: {} },
  { path: "too-long.jpg", tags: {} },
  { path: 0, tags: { a: 1 } },
  { path: true },
  { tags: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])) },
  "not an object",
  null,
];

describe("the validators module", () => {
  test("exports each operation's contract, named by its operationId, and the table holds the same", () => {
    const { operations } = generated;
    expect(Object.keys(operations).length).toBeGreaterThan(0);
    for (const [id, contract] of Object.entries(operations)) {
      expect(contract.operationId).toBe(id);
      expect((generated as unknown as Record<string, unknown>)[id]).toBe(contract);
    }
  });

  test.for([
    ["operations", [renamed(PUT, "put", "operations")]],
    ["responses", [renamed(PUT, "put", "responses")]],
    ["security_0", [renamed(PUT, "put", "security_0")]],
    ["get_instance", [renamed(PUT, "put", "get-instance"), renamed(GET, "get", "get_instance")]],
  ] as const)("refuses an operationId whose export would clash with another name: %s", ([name, changes]) => {
    const spec = changed(...changes);

    expect(() => validatorsModule(spec, "image-search")).toThrow(`its contract's export, ${name}, clashes`);
  });

  test.for([
    ["the base spec", []],
    ["a body with anyOf branches", [pathOfTwoKinds]],
  ] as const)("decides and reports as ajv does, on %s", async ([label, changes]) => {
    const spec = changed(...changes);
    const module = await load(spec, label.replaceAll(" ", "-"));
    const validate = module.operations.modifyImage?.requestBody?.validate;
    const expected = ajvOf(spec, modifyImageBody(spec));
    if (!validate) throw new Error("modifyImage has no body validator");

    for (const body of BODIES) {
      const valid = validate(body);
      const issues = (validate.errors ?? []) as ValidationIssue[];
      expect({ valid, issues }, JSON.stringify(body)).toEqual(expected(body));
    }
  });
});
