// Where the specs are: the one every command serves, renders or checks unless told, the specs of a
// folder, and the name each spec's generated modules go by.
import { readFileSync } from "node:fs";
import { open, readdir } from "node:fs/promises";
import { basename, join } from "node:path";

/**
 * The spec the mock, the docs, verify and test:provider take when not told: the project's choice,
 * package.json's `config.defaultSpec` (npm runs every command from the folder that holds it), not
 * something a tool knows.
 */
export const DEFAULT_SPEC = defaultSpec();

function defaultSpec(): string {
  const fromNpm = process.env.npm_package_config_defaultSpec;
  if (fromNpm) return fromNpm;
  const { config } = JSON.parse(readFileSync("package.json", "utf8")) as {
    config?: { defaultSpec?: unknown };
  };
  if (typeof config?.defaultSpec !== "string")
    throw new Error('package.json names no default spec: set "config": { "defaultSpec": "spec/<file>" }');
  return config.defaultSpec;
}

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
    .filter((entry) => entry.isFile() && isSpecName(entry.name))
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
    return isSpecText(path, buffer.subarray(0, bytesRead).toString("utf8"));
  } finally {
    await file.close();
  }
}

/** Whether a file of that name, with that text, is a spec: YAML or JSON with a top-level `openapi` or `swagger` field. */
export function isSpecText(name: string, text: string): boolean {
  if (!isSpecName(name)) return false;
  return (/\.json$/i.test(name) ? JSON_FIELD : YAML_FIELD).test(text.slice(0, HEAD_BYTES));
}

/** Whether a file may be a spec by its name: YAML or JSON. */
export function isSpecName(name: string): boolean {
  return SPEC_FILE.test(name);
}

/** The name a spec's generated modules go by: its file name without `.openapi` and the extension. */
export function specStem(path: string): string {
  return basename(path).replace(/(?:\.openapi)?\.(?:ya?ml|json)$/i, "");
}
