// The loaded spec as a file for a tool that reads a spec itself (Redocly, Prism's CLI). Such a tool
// takes every `$ref` for a reference, even inside an example's value, and reads every `externalValue`:
// the copy it gets leaves out each literal value that holds a `$ref` to anything but a place in the
// document, and each external example value, says where each was, and so holds no reference but
// internal `#/…` ones: the tool has nothing to read but the copy.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { OpenAPIV3 } from "openapi-types";
import type { LoadedSpec } from "./load-spec.js";
import type { SourcePosition } from "./spec-load-error.js";
import type { Path } from "./spec-nodes.js";
import { isRef } from "./spec-pointers.js";

export interface SpecForTools {
  document: OpenAPIV3.Document;
  /** Where each value left out was written. */
  leftOut: SourcePosition[];
}

/** The copy of the loaded spec for a tool that reads references itself. */
export function specForTools(loaded: LoadedSpec): SpecForTools {
  const document = structuredClone(loaded.document);
  const literals = loaded.nodes.literals.filter((site) => refersOutside(site.parent[site.key]));
  const sites = [
    ...literals.map((site) => site.path),
    ...loaded.nodes.externalValues.map((site) => site.path),
  ];
  for (const path of sites) removeAt(document, path);
  assertInternalRefsOnly(document, loaded.file);
  return { document, leftOut: sites.map((path) => loaded.positionOf(path)) };
}

/** The copy for tools, written into a new temporary folder as `<spec name>.json`; `remove` deletes both. */
export async function writeSpecForTools(
  forTools: SpecForTools,
  name: string,
): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "spec-"));
  const file = join(dir, `${basename(name).replace(/\.(ya?ml|json)$/, "")}.json`);
  const remove = () => rm(dir, { recursive: true, force: true });
  await writeFile(file, JSON.stringify(forTools.document)).catch(async (error) => {
    await remove();
    throw error;
  });
  return { file, remove };
}

/** Writes the copy for tools (writeSpecForTools), hands its path to `use`, and removes it once `use` settles. */
export async function withSpecForTools<T>(
  forTools: SpecForTools,
  name: string,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const written = await writeSpecForTools(forTools, name);
  try {
    return await use(written.file);
  } finally {
    await written.remove();
  }
}

function removeAt(document: unknown, path: Path): void {
  let node = document as Record<string, unknown> | undefined;
  for (const key of path.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
  const last = path.at(-1);
  if (node && last !== undefined) delete node[last];
}

/** Throws when anything in `document` still refers outside it: the loader let something through. */
function assertInternalRefsOnly(document: unknown, file: string): void {
  const outside = firstOutsideRef(document);
  if (outside) throw new Error(`${file}: the copy of the spec for tools still refers to ${outside}`);
}

function refersOutside(value: unknown): boolean {
  return firstOutsideRef(value) !== undefined;
}

/** The first `$ref` in `value` to anything but a place in the document, if there is one. */
function firstOutsideRef(value: unknown): string | undefined {
  const stack = [value];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === null || typeof node !== "object") continue;
    if (isRef(node) && !node.$ref.startsWith("#")) return node.$ref;
    stack.push(...Object.values(node));
  }
  return undefined;
}
