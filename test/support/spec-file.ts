// How tests change a spec: parse its YAML, change the document, write it back. Never by replacing
// its text, so that a test holds however the spec is formatted.
import { readFile, writeFile } from "node:fs/promises";
import type { OpenAPIV3 } from "openapi-types";
import { parse, stringify } from "yaml";

export type SpecDocument = OpenAPIV3.Document;
export type SpecChange = (spec: SpecDocument) => void;

export async function readSpecDocument(path: string): Promise<SpecDocument> {
  return parse(await readFile(path, "utf8")) as SpecDocument;
}

export function writeSpecDocument(path: string, spec: SpecDocument): Promise<void> {
  return writeFile(path, stringify(spec));
}

/** Rewrites the spec at `path` with `changes` applied to its document, in order. */
export async function editSpec(path: string, ...changes: SpecChange[]): Promise<void> {
  const spec = await readSpecDocument(path);
  for (const change of changes) change(spec);
  await writeSpecDocument(path, spec);
}

/** A schema of `components.schemas`, to change in place; throws naming it if the spec has none. */
export function componentSchema(spec: SpecDocument, name: string): OpenAPIV3.SchemaObject {
  const found = spec.components?.schemas?.[name] as OpenAPIV3.SchemaObject | undefined;
  if (!found) throw new Error(`the spec has no schema ${name}`);
  return found;
}
