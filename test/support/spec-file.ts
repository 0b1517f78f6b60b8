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

/**
 * Keys whose value is a map of names (paths, properties, examples, …) or data (example values,
 * enums, extensions): their order is the spec's, and the generated code keeps it.
 */
const ORDERED = new Set([
  "paths",
  "properties",
  "examples",
  "responses",
  "content",
  "schemas",
  "parameters",
  "headers",
  "variables",
  "securitySchemes",
  "requestBodies",
  "links",
  "callbacks",
  "encoding",
  "value",
  "example",
  "default",
  "enum",
]);

function reorderedFields(node: unknown, parentKey: string): unknown {
  if (Array.isArray(node)) return node.map((item) => reorderedFields(item, ""));
  if (node === null || typeof node !== "object") return node;
  if (parentKey.startsWith("x-") || parentKey === "value" || parentKey === "example") return node;
  const entries = Object.entries(node).map(([key, value]) => [key, reorderedFields(value, key)] as const);
  return Object.fromEntries(ORDERED.has(parentKey) ? entries : entries.reverse());
}

/**
 * The same spec written another way: every object's fixed fields in reverse order, every string
 * single-quoted, four-space indents and lines folded at 40 columns. The meaning stays; only the text
 * changes, so nothing that reads the spec may notice. Not double-quoted: yaml 2.9 corrupts a
 * double-quoted string it folds as a sequence item indented past the line width (a keyword deep in
 * an example), which a single-quoted string, folded only at spaces, never is.
 */
export function reformatSpec(text: string): string {
  return stringify(reorderedFields(parse(text), ""), {
    indent: 4,
    lineWidth: 40,
    minContentWidth: 10,
    defaultStringType: "QUOTE_SINGLE",
    defaultKeyType: "PLAIN",
  });
}
