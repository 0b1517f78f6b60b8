// generated/NAME.validators.ts and .operations.ts: each operation's contract exported on its own under
// a name a module can declare, and validators that, for all their rewriting of ajv's standalone code,
// decide and report exactly as ajv does. Each spec here is a change of the parsed base spec.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";
import { transform } from "esbuild";
import type { OpenAPIV3 } from "openapi-types";
import { afterAll, describe, expect, test } from "vitest";
import * as generated from "../../../generated/image-search.operations.js";
import type { Validate, ValidationIssue } from "../../../generated/shared-types.js";
import { layoutOf } from "../../../tools/codegen/layout.js";
import { operationsModule } from "../../../tools/codegen/operations-module.js";
import { validatorsModule } from "../../../tools/codegen/validators-module.js";
import {
  canonicalSchema,
  compilable,
  operationsOf,
  specAjv,
  withoutAnnotations,
} from "../../../tools/shared/openapi.js";
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

const NAMES = { source: "spec/image-search.openapi.yaml", stem: "image-search" };

/** The validators module for `spec`, compiled to JavaScript and imported, and modifyImage's body validator. */
async function modifyImageValidator(spec: OpenAPIV3.Document, name: string): Promise<Validate> {
  const layouts = operationsOf(spec).map(layoutOf);
  const { text, names } = validatorsModule(spec, layouts, NAMES);
  const { code } = await transform(text, { loader: "ts", format: "esm" });
  const file = join(work, `${name}.mjs`);
  await writeFile(file, code);
  const module = (await import(pathToFileURL(file).href)) as Record<string, Validate>;
  const index = layouts.findIndex((l) => l.at.operationId === "modifyImage");
  const validate = module[names[index]?.body ?? ""];
  if (!validate) throw new Error("modifyImage has no body validator");
  return validate;
}

/** The operations module's text for `spec`. */
function operationsText(spec: OpenAPIV3.Document): string {
  const layouts = operationsOf(spec).map(layoutOf);
  const { names } = validatorsModule(spec, layouts, NAMES);
  return operationsModule({ api: spec, layouts, validators: names, ...NAMES });
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

describe("the operations module", () => {
  test("exports each operation's contract, named by its method name, and the table holds the same", () => {
    const { operations } = generated;
    expect(Object.keys(operations).length).toBeGreaterThan(0);
    for (const [name, contract] of Object.entries(operations)) {
      expect(contract.name).toBe(name);
      expect((generated as unknown as Record<string, unknown>)[name]).toBe(contract);
    }
  });

  test.for([
    ["operations", "operations", "operationsOperation"],
    ["servers", "servers", "serversOperation"],
    ["security_0", "security_0", "security_0Operation"],
    ["delete", "delete", "deleteOperation"],
    ["eval", "eval", "evalOperation"],
    ["find pet by id", "findPetById", "findPetById"],
  ] as const)(
    "exports an operationId %j as method %s under a name a module can declare, %s",
    ([id, method, exported]) => {
      const text = operationsText(changed(renamed(PUT, "put", id)));

      expect(text).toContain(`export const ${exported}: OperationContract<${JSON.stringify(method)},`);
      expect(text).toMatch(new RegExp(`\\n  (?:${method}|"${method}"): ${exported},|\\n  ${exported},`));
    },
  );

  test("gives two operationIds of one method name each a method of its own", () => {
    const text = operationsText(
      changed(renamed(PUT, "put", "get-instance"), renamed(GET, "get", "get_instance")),
    );

    expect(text).toContain('name: "getInstance"');
    expect(text).toContain('name: "getInstance2"');
  });
});

describe("the validators module", () => {
  test.for([
    ["the base spec", []],
    ["a body with anyOf branches", [pathOfTwoKinds]],
  ] as const)("decides and reports as ajv does, on %s", async ([label, changes]) => {
    const spec = changed(...changes);
    const validate = await modifyImageValidator(spec, label.replaceAll(" ", "-"));
    const expected = ajvOf(spec, modifyImageBody(spec));

    for (const body of BODIES) {
      const valid = validate(body);
      const issues = (validate.errors ?? []) as ValidationIssue[];
      expect({ valid, issues }, JSON.stringify(body)).toEqual(expected(body));
    }
  });
});
