// The standing gate against the official SDK v1 models (test/fixtures/sdk-models.json, extracted by
// tools/contract/sdk-models.ts from huaweicloud-sdk-go-v3 at the commit it names): every operation's path
// parameters, request body and 200 body are compared field by field (type, format, required, enum),
// and a response may carry no limit or default the SDK models lack. What the spec keeps on purpose is
// listed once, below, with its reason; any other difference, or a listed one that is gone, fails.
import { readFileSync } from "node:fs";
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, test } from "vitest";
import type { SdkField, SdkOperation } from "../../../tools/contract/sdk-models.js";
import { operationsOf } from "../../../tools/shared/openapi.js";
import { loadSpec } from "../../support/spec.js";

type Model = Record<string, SdkField>;
type Shape = Omit<SdkField, "required">;
const sdk = JSON.parse(readFileSync("test/fixtures/sdk-models.json", "utf8")) as {
  source: { repository: string; commit: string; path: string };
  operations: Record<string, SdkOperation>;
  models: Record<string, Model>;
};

const PAGE_RESULT =
  "the page documents `result` as the success response's only field (spec description says so)";
const PAGE_TAGS =
  "a request may be stricter than the SDK: the pages document tags as key-value pairs, string values inferred";
/** Every difference the spec keeps, with its reason: the one place they are listed. */
const ACCEPTED: Record<string, string> = {
  "addImage 200 /result required: spec true, SDK false": PAGE_RESULT,
  "modifyImage 200 /result required: spec true, SDK false": PAGE_RESULT,
  "deleteImage 200 /result required: spec true, SDK false": PAGE_RESULT,
  "deleteInstance 200 /result required: spec true, SDK false": PAGE_RESULT,
  "checkImage 200 /exist required: spec true, SDK false": PAGE_RESULT.replace("`result`", "`exist`"),
  'checkImage 200 /exist enum: spec ["true","false"], SDK none':
    'the check page documents the string "true" or "false" (imagesearch_02_0012)',
  "addImage request /tags type: spec object, SDK any": PAGE_TAGS,
  "modifyImage request /tags type: spec object, SDK any": PAGE_TAGS,
  "searchImages request /tags type: spec object, SDK any": PAGE_TAGS,
};

/** Keywords that narrow a value; a response schema may carry none the SDK models lack. */
const LIMITS = [
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "default",
];

function compare(schema: OpenAPIV3.SchemaObject, field: Shape, where: string, response: boolean): string[] {
  const found: string[] = [];
  const specType = schema.type ?? "any";
  if (specType !== field.type) return [`${where} type: spec ${specType}, SDK ${field.type}`];
  if (schema.format !== field.format) {
    found.push(`${where} format: spec ${schema.format ?? "none"}, SDK ${field.format ?? "none"}`);
  }
  const [a, b] = [JSON.stringify(schema.enum ?? null), JSON.stringify(field.enum ?? null)];
  if (a !== b) found.push(`${where} enum: spec ${schema.enum ? a : "none"}, SDK ${field.enum ? b : "none"}`);
  if (response) {
    for (const keyword of LIMITS.filter((k) => k in schema)) {
      found.push(
        `${where} ${keyword}: spec ${JSON.stringify((schema as Record<string, unknown>)[keyword])}, SDK none`,
      );
    }
  }
  if (field.type === "array" && field.items) {
    found.push(
      ...compare(
        (schema as OpenAPIV3.ArraySchemaObject).items as OpenAPIV3.SchemaObject,
        field.items,
        `${where}[]`,
        response,
      ),
    );
  }
  if (field.type === "object" && field.model) {
    found.push(...compareModel(schema, modelNamed(field.model), where, response));
  }
  return found;
}

function compareModel(
  schema: OpenAPIV3.SchemaObject,
  model: Model,
  where: string,
  response: boolean,
): string[] {
  const found: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, OpenAPIV3.SchemaObject>;
  for (const [name, field] of Object.entries(model)) {
    const property = properties[name];
    if (!property) {
      found.push(`${where}/${name} not in the spec`);
      continue;
    }
    const required = schema.required?.includes(name) ?? false;
    if (required !== field.required)
      found.push(`${where}/${name} required: spec ${required}, SDK ${field.required}`);
    found.push(...compare(property, field, `${where}/${name}`, response));
  }
  for (const name of Object.keys(properties).filter((n) => !(n in model))) {
    found.push(`${where}/${name} not in the SDK model`);
  }
  return found;
}

function modelNamed(name: string): Model {
  const model = sdk.models[name];
  if (!model) throw new Error(`the fixture has no model ${name}`);
  return model;
}

const api = await loadSpec();
const operations = operationsOf(api);

function sdkOperationFor(method: string, path: string): SdkOperation | undefined {
  return Object.values(sdk.operations).find((o) => o.method === method.toUpperCase() && o.path === path);
}

/** Every difference of one operation with its SDK operation. */
function mismatchesOf(at: (typeof operations)[number]): string[] {
  const { operationId, method, path, operation, parameters } = at;
  const sdkOp = sdkOperationFor(method, path);
  if (!sdkOp) return [`${operationId} has no SDK operation ${method.toUpperCase()} ${path}`];
  const found: string[] = [];
  const { body, ...pathFields } = modelNamed(sdkOp.request);
  const specPath = parameters.filter((p) => p.in === "path").map((p) => p.name);
  if (JSON.stringify(specPath.sort()) !== JSON.stringify(Object.keys(pathFields).sort())) {
    found.push(`${operationId} path parameters: spec ${specPath}, SDK ${Object.keys(pathFields)}`);
  }
  const media = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content[
    "application/json"
  ];
  if (body?.model && media?.schema) {
    found.push(
      ...compareModel(
        media.schema as OpenAPIV3.SchemaObject,
        modelNamed(body.model),
        `${operationId} request `,
        false,
      ),
    );
  } else if (body || media) found.push(`${operationId} request body: spec ${!!media}, SDK ${!!body}`);
  const ok = (operation.responses["200"] as OpenAPIV3.ResponseObject).content?.["application/json"]?.schema;
  found.push(
    ...compareModel(ok as OpenAPIV3.SchemaObject, modelNamed(sdkOp.response), `${operationId} 200 `, true),
  );
  return found;
}

describe(`the spec against the SDK v1 models of ${sdk.source.repository}@${sdk.source.commit.slice(0, 9)}`, () => {
  const all = operations.flatMap(mismatchesOf);

  test("every operation of the spec is an SDK operation, and every SDK operation is in the spec", () => {
    const specOps = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    const sdkOps = Object.values(sdk.operations)
      .map((o) => `${o.method} ${o.path}`)
      .sort();

    expect(specOps).toEqual(sdkOps);
  });

  test.each(operations.map((o) => [o.operationId, o] as const))(
    "%s differs from its SDK model only where the spec says why",
    (_, at) => {
      expect(mismatchesOf(at).filter((m) => !(m in ACCEPTED))).toEqual([]);
    },
  );

  test("every accepted deviation still exists, so the list stays true", () => {
    expect(Object.keys(ACCEPTED).filter((m) => !all.includes(m))).toEqual([]);
  });

  test("a response limit the SDK lacks is a mismatch (the gate can fail)", () => {
    const schema: OpenAPIV3.SchemaObject = { type: "array", maxItems: 10, items: { type: "string" } };

    expect(compare(schema, { type: "array", items: { type: "string" } }, "x", true)).toEqual([
      "x maxItems: spec 10, SDK none",
    ]);
  });
});
