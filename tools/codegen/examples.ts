// Every example in a spec, with the schema it must pass and the generated TypeScript type it must
// satisfy. `npm run generate` writes them to generated/<stem>.example-checks.ts as typed consts, so `tsc`
// checks each against the types the client uses; the tests check each against its schema with ajv.
import type { OpenAPIV3 } from "openapi-types";
import { type OperationAt, operationsOf } from "../shared/openapi.js";
import { q } from "./module-text.js";

export interface SpecExample {
  /** Where the example sits and its name, e.g. `modifyImage 400 example path-null`. */
  label: string;
  /** The generated type it must satisfy, as a TypeScript type expression. */
  type: string;
  schema: unknown;
  value: unknown;
}

/** What a walk over one document has found so far, and which schemas it has been through. */
interface Walk {
  found: SpecExample[];
  seen: Set<object>;
  /** The document's shared schemas by object: each is labelled and typed by its own name. */
  named: Map<unknown, string>;
}

/** Something that holds examples beside its schema: a parameter or a media type. */
interface Holder {
  example?: unknown;
  examples?: Record<string, unknown>;
  schema?: unknown;
}

/** Works on a dereferenced document, whose shared schemas are shared objects. */
export function collectExamples(api: OpenAPIV3.Document): SpecExample[] {
  const schemas = Object.entries(api.components?.schemas ?? {});
  const walk: Walk = { found: [], seen: new Set(), named: new Map(schemas.map(([name, s]) => [s, name])) };
  for (const [name, schema] of schemas) {
    fromSchema(walk, schema, `components["schemas"][${q(name)}]`, `schema ${name}`);
  }
  for (const at of operationsOf(api)) fromOperation(walk, at);
  return walk.found;
}

/** A schema's example and those of its properties, items and additional properties, each once. */
function fromSchema(walk: Walk, schema: unknown, typeHere: string, labelHere: string): void {
  if (typeof schema !== "object" || schema === null || walk.seen.has(schema)) return;
  walk.seen.add(schema);
  // A shared schema is labelled and typed by its own name wherever it is met first.
  const name = walk.named.get(schema);
  const type = name === undefined ? typeHere : `components["schemas"][${q(name)}]`;
  const label = name === undefined ? labelHere : `schema ${name}`;
  const s = schema as OpenAPIV3.SchemaObject;
  if (s.example !== undefined)
    walk.found.push({ label: `${label} example`, type, schema: s, value: s.example });
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    fromSchema(walk, child, `NonNullable<${type}>[${q(name)}]`, `${label}/${name}`);
  }
  if (s.type === "array" && "items" in s)
    fromSchema(walk, s.items, `NonNullable<${type}>[number]`, `${label}/items`);
  if (typeof s.additionalProperties === "object") {
    fromSchema(walk, s.additionalProperties, `NonNullable<${type}>[string]`, `${label}/*`);
  }
}

function fromHolder(walk: Walk, holder: Holder, type: string, label: string): void {
  if (holder.example !== undefined) {
    walk.found.push({ label: `${label} example`, type, schema: holder.schema, value: holder.example });
  }
  for (const [name, example] of Object.entries(holder.examples ?? {})) {
    const { value } = example as OpenAPIV3.ExampleObject;
    walk.found.push({ label: `${label} example ${name}`, type, schema: holder.schema, value });
  }
  fromSchema(walk, holder.schema, type, `${label} schema`);
}

/** The examples of an operation's parameters, request body and responses, every media type of each. */
function fromOperation(walk: Walk, { operationId: id, operation: op, parameters }: OperationAt): void {
  const operation = `operations[${q(id)}]`;
  for (const p of parameters) {
    const type = `NonNullable<NonNullable<${operation}["parameters"][${q(p.in)}]>[${q(p.name)}]>`;
    fromHolder(walk, p, type, `${id} parameter ${p.name}`);
  }
  const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  for (const [mediaType, media] of Object.entries(body?.content ?? {})) {
    const type = `NonNullable<${operation}["requestBody"]>["content"][${q(mediaType)}]`;
    fromHolder(walk, media, type, `${id} request`);
  }
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    for (const [mediaType, media] of Object.entries((response as OpenAPIV3.ResponseObject).content ?? {})) {
      const type = `${operation}["responses"][${q(status)}]["content"][${q(mediaType)}]`;
      fromHolder(walk, media, type, `${id} ${status}`);
    }
  }
}
