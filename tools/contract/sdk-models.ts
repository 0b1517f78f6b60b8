// Extracts one service's models and operations from a local checkout of the official Go SDK
// (huaweicloud-sdk-go-v3) into the small JSON that test/tools/contract/sdk-models.test.ts compares a
// spec with: per model, each JSON field's type, format, whether it is required, its enum and, for a
// map, its values' type; per operation, its method, path, Content-Type and models. Run once per
// fixture, by hand (see --help); it reads only the checkout, and keeps nothing of the SDK but these facts.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { commandFailed, defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { isMain } from "../shared/main.js";

export interface SdkField {
  type: "string" | "integer" | "number" | "boolean" | "array" | "object" | "any";
  format?: string;
  /** The model a nested object or an array's items are. */
  model?: string;
  items?: Omit<SdkField, "required">;
  /** What a map (`map[string]T`) holds under each key. */
  values?: Omit<SdkField, "required">;
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

const SCALARS: Record<string, Omit<SdkField, "required">> = {
  string: { type: "string" },
  bool: { type: "boolean" },
  int32: { type: "integer", format: "int32" },
  int64: { type: "integer", format: "int64" },
  float32: { type: "number", format: "float" },
  float64: { type: "number", format: "double" },
  "interface{}": { type: "any" },
};
const MAP = "map[string]";

/** A Go type as a field: a scalar, a slice, a map, or another model (an enum type is a string). */
function typeOf(goType: string, enums: Record<string, string[]>): Omit<SdkField, "required"> {
  const bare = goType.replace(/^\*/, "");
  if (bare.startsWith("[]")) return { type: "array", items: typeOf(bare.slice(2), enums) };
  if (bare.startsWith(MAP)) return { type: "object", values: typeOf(bare.slice(MAP.length), enums) };
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

/** The one `*_meta.go` of a service's folder: the SDK's request definitions. */
async function metaFileOf(dir: string): Promise<string> {
  const metas = (await readdir(dir)).filter((file) => file.endsWith("_meta.go"));
  if (metas.length !== 1) throw new Error(`${dir} has ${metas.length} *_meta.go files, not one`);
  return join(dir, metas[0] ?? "");
}

/** The facts of the service at `service` (e.g. services/imagesearch/v2) of the checkout at `commit`. */
export async function extract(checkout: string, commit: string, service: string) {
  const dir = join(checkout, service, "model");
  const sources = await Promise.all(
    (await readdir(dir)).sort().map((file) => readFile(join(dir, file), "utf8")),
  );
  const enums = Object.assign({}, ...sources.map(enumsOf)) as Record<string, string[]>;
  const models = Object.assign({}, ...sources.map((s) => modelsOf(s, enums)));
  const operations = sdkOperationsOf(await readFile(await metaFileOf(join(checkout, service)), "utf8"));
  const source = { repository: "huaweicloud/huaweicloud-sdk-go-v3", commit, path: service };
  return { source, operations, models };
}

const EXTRACT = defineCommand({
  name: "tsx tools/contract/sdk-models.ts",
  summary:
    "Prints, as JSON, the models and operations of one service of a huaweicloud-sdk-go-v3 checkout, for a\n" +
    "test fixture: e.g. --service services/imagesearch/v2 > test/fixtures/sdk-models-v2.json.",
  options: {
    checkout: { type: "string", value: "DIR", description: "A checkout of huaweicloud-sdk-go-v3." },
    commit: { type: "string", value: "SHA", description: "The checkout's commit (40 hex digits), recorded." },
    service: {
      type: "string",
      value: "PATH",
      description: "The service's folder in the checkout, with model/ and one *_meta.go.",
    },
  },
  exitCodes: { 1: "the checkout could not be read", 2: "bad command-line input" },
});

/** The command line, checked before anything is read; resolves with the facts, or undefined after --help. */
export async function cli(args: string[]) {
  const values = parseCommand(EXTRACT, args);
  if (!values) return undefined;
  const { checkout, commit, service } = values;
  if (!checkout || !commit || !service) {
    throw new UsageError(`${EXTRACT.name}: --checkout, --commit and --service are all needed (see --help)`);
  }
  if (!/^[0-9a-f]{40}$/i.test(commit)) throw new UsageError(`--commit ${commit} is not a 40-hex commit`);
  const folder = join(checkout, service);
  const isDir = await stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new UsageError(`${folder}: no such folder in the checkout`);
  return extract(checkout, commit, service);
}

if (isMain(import.meta.url)) {
  cli(process.argv.slice(2)).then((facts) => {
    if (facts) console.log(JSON.stringify(facts, null, 2));
  }, commandFailed);
}
