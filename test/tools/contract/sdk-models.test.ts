// The standing gate against the official SDK models: for each Image Search spec, the fixture that
// tools/contract/sdk-models.ts extracted from huaweicloud-sdk-go-v3 at the commit it names (v1:
// test/fixtures/sdk-models.json, v2: test/fixtures/sdk-models-v2.json). Every operation's path
// parameters, request body and 200 body are compared field by field (type, format, required, enum,
// a map's values), a rule between fields (allOf, anyOf, oneOf, not) that the models cannot state is
// a difference too, and a response may carry no limit or default the SDK models lack. What a spec
// keeps on purpose is listed once, below, with its reason; any other difference, or a listed one that
// is gone, fails.
import { readFileSync } from "node:fs";
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, test } from "vitest";
import type { SdkField, SdkOperation } from "../../../tools/contract/sdk-models.js";
import { operationsOf } from "../../../tools/shared/openapi.js";
import { loadSpec } from "../../support/spec.js";

type Model = Record<string, SdkField>;
type Shape = Omit<SdkField, "required">;
type Schema = OpenAPIV3.SchemaObject;
interface Sdk {
  source: { repository: string; commit: string; path: string };
  operations: Record<string, SdkOperation>;
  models: Record<string, Model>;
}

const PAGE_RESULT =
  "the page documents `result` as the success response's only field (spec description says so)";
const PAGE_TAGS =
  "a request may be stricter than the SDK: the pages document tags as key-value pairs, string values inferred";
/** Every difference the v1 spec keeps, with its reason: the one place they are listed. */
const ACCEPTED_V1: Record<string, string> = {
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

const PROJECT_FROM_CREDENTIALS =
  "the SDKs' request models hold only service_name: the SDK core fills project_id in from the credentials; their path template has it";
const AT_LEAST_ONE =
  "API Explorer's text: at least one of item_id/custom_tags/custom_num_tags must be given; a model cannot say so";
/** Every difference the v2 spec keeps, with its reason: the one place they are listed. */
const ACCEPTED_V2: Record<string, string> = {
  ...Object.fromEntries(
    ["addData", "updateData", "checkData", "deleteData", "searchData"].map((id) => [
      `${id} path parameters: spec project_id,service_name, SDK service_name`,
      PROJECT_FROM_CREDENTIALS,
    ]),
  ),
  "checkData request  allOf: spec (item_id or custom_tags or custom_num_tags), SDK none": AT_LEAST_ONE,
  "deleteData request  allOf: spec (item_id or custom_tags or custom_num_tags), SDK none": AT_LEAST_ONE,
  "searchData request  allOf: spec (keywords or search_type in IMAGE/TEXT/CATEGORY) and (image_base64 or image_url or search_type in KEYWORD/TEXT), SDK none":
    "API Explorer's text: a KEYWORD search needs keywords, a search by image takes image_base64 or image_url (二选一); CATEGORY as a search by image is inferred",
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
/** Keywords that state a rule between fields, which no SDK model can. */
const RULES = ["allOf", "anyOf", "oneOf", "not"] as const;

/** A rule between fields in a few words: `{required: [a]}` is `a`, anyOf is `or`, allOf is `and`. */
function ruleText(schema: Schema): string {
  const parts: string[] = [];
  if (schema.required) parts.push(schema.required.join(" and "));
  for (const [name, property] of Object.entries(schema.properties ?? {}) as [string, Schema][]) {
    parts.push(
      property.enum ? `${name} in ${property.enum.join("/")}` : `${name} ${JSON.stringify(property)}`,
    );
  }
  const list = (branches: Schema[], joint: string) => branches.map(ruleText).join(joint);
  if (schema.allOf) parts.push(list(schema.allOf as Schema[], " and "));
  if (schema.anyOf) parts.push(`(${list(schema.anyOf as Schema[], " or ")})`);
  if (schema.oneOf) parts.push(`one of (${list(schema.oneOf as Schema[], " | ")})`);
  if (schema.not) parts.push(`not (${ruleText(schema.not as Schema)})`);
  return parts.join(" and ");
}

function gateFor(sdk: Sdk) {
  const modelNamed = (name: string): Model => {
    const model = sdk.models[name];
    if (!model) throw new Error(`the fixture has no model ${name}`);
    return model;
  };

  function compare(schema: Schema, field: Shape, where: string, response: boolean): string[] {
    const found: string[] = [];
    const specType = schema.type ?? "any";
    if (specType !== field.type) return [`${where} type: spec ${specType}, SDK ${field.type}`];
    if (schema.format !== field.format) {
      found.push(`${where} format: spec ${schema.format ?? "none"}, SDK ${field.format ?? "none"}`);
    }
    const [a, b] = [JSON.stringify(schema.enum ?? null), JSON.stringify(field.enum ?? null)];
    if (a !== b)
      found.push(`${where} enum: spec ${schema.enum ? a : "none"}, SDK ${field.enum ? b : "none"}`);
    if (response) {
      for (const keyword of LIMITS.filter((k) => k in schema)) {
        found.push(
          `${where} ${keyword}: spec ${JSON.stringify((schema as Record<string, unknown>)[keyword])}, SDK none`,
        );
      }
    }
    if (field.type === "array" && field.items) {
      const items = (schema as OpenAPIV3.ArraySchemaObject).items as Schema;
      found.push(...compare(items, field.items, `${where}[]`, response));
    }
    found.push(...compareValues(schema, field, where, response));
    if (field.type === "object" && field.model) {
      found.push(...compareModel(schema, modelNamed(field.model), where, response));
    }
    return found;
  }

  /** A map's values (`additionalProperties`), on either side. */
  function compareValues(schema: Schema, field: Shape, where: string, response: boolean): string[] {
    if (field.type !== "object") return [];
    const values = typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
    if (field.values && !values) return [`${where}{} not in the spec`];
    if (!field.values && values) return [`${where}{} not in the SDK model`];
    if (!field.values || !values) return [];
    return compare(values as Schema, field.values, `${where}{}`, response);
  }

  function compareModel(schema: Schema, model: Model, where: string, response: boolean): string[] {
    const found: string[] = [];
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
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
    for (const keyword of RULES.filter((k) => k in schema)) {
      const rule = ruleText({ [keyword]: schema[keyword] } as Schema);
      found.push(`${where} ${keyword}: spec ${keyword === "allOf" ? rule : `${keyword} ${rule}`}, SDK none`);
    }
    return found;
  }

  function sdkOperationFor(method: string, path: string): SdkOperation | undefined {
    return Object.values(sdk.operations).find((o) => o.method === method.toUpperCase() && o.path === path);
  }

  /** Every difference of one operation with its SDK operation. */
  function mismatchesOf(at: ReturnType<typeof operationsOf>[number]): string[] {
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
        ...compareModel(media.schema as Schema, modelNamed(body.model), `${operationId} request `, false),
      );
    } else if (body || media) found.push(`${operationId} request body: spec ${!!media}, SDK ${!!body}`);
    const ok = (operation.responses["200"] as OpenAPIV3.ResponseObject).content?.["application/json"]?.schema;
    found.push(...compareModel(ok as Schema, modelNamed(sdkOp.response), `${operationId} 200 `, true));
    return found;
  }

  return { compare, mismatchesOf };
}

const GATES = [
  {
    version: "v1",
    spec: "spec/image-search.openapi.yaml",
    fixture: "test/fixtures/sdk-models.json",
    accepted: ACCEPTED_V1,
  },
  {
    version: "v2",
    spec: "spec/image-search-v2.openapi.yaml",
    fixture: "test/fixtures/sdk-models-v2.json",
    accepted: ACCEPTED_V2,
  },
];

for (const { version, spec, fixture, accepted } of GATES) {
  const sdk = JSON.parse(readFileSync(fixture, "utf8")) as Sdk;
  const operations = operationsOf(await loadSpec(spec));
  const { mismatchesOf } = gateFor(sdk);

  describe(`${spec} against the SDK ${version} models of ${sdk.source.repository}@${sdk.source.commit.slice(0, 9)}`, () => {
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
        expect(mismatchesOf(at).filter((m) => !(m in accepted))).toEqual([]);
      },
    );

    test("every accepted deviation still exists, so the list stays true", () => {
      expect(Object.keys(accepted).filter((m) => !all.includes(m))).toEqual([]);
    });
  });
}

describe("the comparison (so that the gate can fail)", () => {
  const { compare, mismatchesOf } = gateFor({
    source: { repository: "r", commit: "c", path: "p" },
    operations: {
      Run: { method: "POST", path: "/x", contentType: "", request: "RunRequest", response: "RunResponse" },
    },
    models: {
      RunRequest: { body: { type: "object", model: "Body", required: false } },
      Body: { tags: { type: "object", values: { type: "string" }, required: false } },
      RunResponse: {},
    },
  });
  const operation = (body: Schema) => ({
    operationId: "run",
    method: "post" as const,
    path: "/x",
    parameters: [],
    operation: {
      requestBody: { content: { "application/json": { schema: body } } },
      responses: { "200": { description: "", content: { "application/json": { schema: {} } } } },
    },
  });

  test("a response limit the SDK lacks is a mismatch", () => {
    const schema: Schema = { type: "array", maxItems: 10, items: { type: "string" } };

    expect(compare(schema, { type: "array", items: { type: "string" } }, "x", true)).toEqual([
      "x maxItems: spec 10, SDK none",
    ]);
  });

  test("a map whose values differ from the SDK's is a mismatch, and a map the SDK has as a model too", () => {
    const listValues = {
      type: "object",
      properties: {
        tags: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
      },
    } as Schema;
    const noValues = { type: "object", properties: { tags: { type: "object" } } } as Schema;

    expect(mismatchesOf(operation(listValues))).toEqual(["run request /tags{} type: spec array, SDK string"]);
    expect(mismatchesOf(operation(noValues))).toEqual(["run request /tags{} not in the spec"]);
  });

  test("a rule between fields is a mismatch, in words", () => {
    const schema = {
      type: "object",
      properties: { tags: { type: "object", additionalProperties: { type: "string" } } },
      allOf: [{ anyOf: [{ required: ["tags"] }, { properties: { kind: { enum: ["B", "C"] } } }] }],
    } as Schema;

    expect(mismatchesOf(operation(schema))).toEqual([
      "run request  allOf: spec (tags or kind in B/C), SDK none",
    ]);
  });
});
