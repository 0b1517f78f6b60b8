// Extracts the Image Search v1 models and operations of a local checkout of the official Go SDK
// (huaweicloud-sdk-go-v3, before v0.1.54 dropped v1) into the small JSON that test/tools/contract/sdk-models.test.ts
// compares the spec with: per model, each JSON field's type, format, whether it is required and its
// enum; per operation, its method, path, Content-Type and models. Run once, by hand:
//   tsx tools/contract/sdk-models.ts <checkout> <commit> > test/fixtures/sdk-models.json
// It reads only the checkout; nothing of the SDK is kept but these facts.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface SdkField {
  type: "string" | "integer" | "number" | "boolean" | "array" | "object" | "any";
  format?: string;
  /** The model a nested object or an array's items are. */
  model?: string;
  items?: Omit<SdkField, "required">;
  required: boolean;
  enum?: string[];
}

export interface SdkOperation {
  method: string;
  path: string;
  contentType: string;
  request: string;
  response: string;
}

const V1 = "services/imagesearch/v1";
const SCALARS: Record<string, Omit<SdkField, "required">> = {
  string: { type: "string" },
  bool: { type: "boolean" },
  int32: { type: "integer", format: "int32" },
  int64: { type: "integer", format: "int64" },
  float32: { type: "number", format: "float" },
  float64: { type: "number", format: "double" },
  "interface{}": { type: "any" },
};

/** A Go type as a field: a scalar, a slice, or another model (an enum type is a string). */
function typeOf(goType: string, enums: Record<string, string[]>): Omit<SdkField, "required"> {
  const bare = goType.replace(/^\*/, "");
  if (bare.startsWith("[]")) return { type: "array", items: typeOf(bare.slice(2), enums) };
  const scalar = SCALARS[bare];
  if (scalar) return scalar;
  const values = enums[bare];
  if (values) return { type: "string", enum: values };
  return { type: "object", model: bare };
}

function modelsOf(source: string, enums: Record<string, string[]>): Record<string, Record<string, SdkField>> {
  const models: Record<string, Record<string, SdkField>> = {};
  for (const [, name, body] of source.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
    // An enum type (a struct holding `value string`) or its list of values is no JSON model.
    if (!name || !body?.includes('`json:"')) continue;
    const fields: Record<string, SdkField> = {};
    for (const [, goType, tag] of body.matchAll(/^\s*\w+\s+(\S+)\s+`json:"([^"]*)"/gm)) {
      const [json, ...options] = (tag ?? "").split(",");
      if (!json || json === "-" || !goType) continue;
      // The SDK sends a field without omitempty always: it is required.
      fields[json] = { ...typeOf(goType, enums), required: !options.includes("omitempty") };
    }
    models[name] = fields;
  }
  return models;
}

function enumsOf(source: string): Record<string, string[]> {
  const enums: Record<string, string[]> = {};
  for (const [, name, body] of source.matchAll(/^func Get(\w+)Enum\(\) \w+ \{([\s\S]*?)^\}/gm)) {
    if (name && body) enums[name] = [...body.matchAll(/value: "([^"]*)"/g)].map((m) => m[1] ?? "");
  }
  return enums;
}

function sdkOperationsOf(meta: string): Record<string, SdkOperation> {
  const operations: Record<string, SdkOperation> = {};
  for (const [, name, body] of meta.matchAll(/^func GenReqDefFor(\w+)\(\)[^{]*\{([\s\S]*?)^\}/gm)) {
    if (!name || !body) continue;
    const method = /WithMethod\(http\.Method(\w+)\)/.exec(body)?.[1]?.toUpperCase() ?? "";
    const path = /WithPath\("([^"]+)"\)/.exec(body)?.[1] ?? "";
    const contentType = /WithContentType\("([^"]+)"\)/.exec(body)?.[1] ?? "";
    operations[name] = { method, path, contentType, request: `${name}Request`, response: `${name}Response` };
  }
  return operations;
}

export async function extract(checkout: string, commit: string) {
  const dir = join(checkout, V1, "model");
  const sources = await Promise.all(
    (await readdir(dir)).sort().map((file) => readFile(join(dir, file), "utf8")),
  );
  const enums = Object.assign({}, ...sources.map(enumsOf)) as Record<string, string[]>;
  const models = Object.assign({}, ...sources.map((s) => modelsOf(s, enums)));
  const operations = sdkOperationsOf(await readFile(join(checkout, V1, "imageSearch_meta.go"), "utf8"));
  const source = { repository: "huaweicloud/huaweicloud-sdk-go-v3", commit, path: V1 };
  return { source, operations, models };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [checkout, commit] = process.argv.slice(2);
  if (!checkout || !commit) {
    console.error("usage: tsx tools/contract/sdk-models.ts <huaweicloud-sdk-go-v3 checkout> <its commit>");
    process.exitCode = 2;
  } else {
    extract(checkout, commit).then(
      (facts) => console.log(JSON.stringify(facts, null, 2)),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exitCode = 1;
      },
    );
  }
}
