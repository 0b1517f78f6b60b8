// Where the specs are: the one every command serves, renders or checks unless told, the specs of a
// folder, and the name each spec's generated modules go by.
import { open, readdir } from "node:fs/promises";
import { basename, join } from "node:path";

/** The Image Search spec: what the mock, the docs, traffic and provider verification take by default. */
export const DEFAULT_SPEC = "spec/image-search.openapi.yaml";

/** The file names a spec may have: YAML or JSON, `.openapi.` before the extension or not. */
const SPEC_FILE = /\.(?:ya?ml|json)$/i;
/** How far into a file its `openapi` (or `swagger`) field is looked for. */
const HEAD_BYTES = 64 * 1024;
/** A YAML document's top-level field starts its line; a JSON document's is a quoted key with a string. */
const YAML_FIELD = /^["']?(?:openapi|swagger)["']?\s*:/m;
const JSON_FIELD = /"(?:openapi|swagger)"\s*:\s*"/;

/**
 * The specs of `specDir`, by name: each YAML or JSON file directly in it whose top level has an
 * `openapi` (or `swagger`) field. Other files there (parts a spec refers to) are not specs.
 */
export async function specFiles(specDir: string): Promise<string[]> {
  const names = (await readdir(specDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && SPEC_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const specs: string[] = [];
  for (const name of names) if (await isSpecFile(join(specDir, name))) specs.push(join(specDir, name));
  return specs;
}

/** Whether the file's first bytes hold a top-level `openapi` or `swagger` field. */
export async function isSpecFile(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    const head = buffer.subarray(0, bytesRead).toString("utf8");
    return (/\.json$/i.test(path) ? JSON_FIELD : YAML_FIELD).test(head);
  } finally {
    await file.close();
  }
}

/** The name a spec's generated modules go by: its file name without `.openapi` and the extension. */
export function specStem(path: string): string {
  return basename(path).replace(/(?:\.openapi)?\.(?:ya?ml|json)$/i, "");
}
