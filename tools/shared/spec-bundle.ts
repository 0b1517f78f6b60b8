// A spec of several files as one document: json-schema-ref-parser's bundle brings each referenced part
// of another file in (where it is first used) and turns every reference into an internal `#/…` one.
// It reads nothing: its resolver hands it the files already read and checked (spec-files.ts), and
// refuses any other. It reads every `$ref` as a reference, so while it runs each literal value that
// holds one (an example) is put in a box it cannot see into, and taken out after.
import { fileURLToPath } from "node:url";
import { $RefParser, type FileInfo } from "@apidevtools/json-schema-ref-parser";
import type { SpecFile } from "./spec-files.js";

/** A literal value while the references around it are bundled: no enumerable key to crawl. */
class LiteralBox {
  readonly #value: unknown;
  constructor(value: unknown) {
    this.#value = value;
  }
  get value(): unknown {
    return this.#value;
  }
}

/** The spec as one document; the spec's own value when it refers to no other file. */
export async function bundleFiles(root: SpecFile, files: ReadonlyMap<string, SpecFile>): Promise<unknown> {
  if (files.size === 1) return root.value;
  const boxed = [...files.values()].flatMap((file) => file.nodes.literals);
  for (const site of boxed) site.parent[site.key] = new LiteralBox(site.parent[site.key]);
  try {
    const document = await new $RefParser().bundle(root.file, root.value as object, {
      parse: { json: false, yaml: false, text: false, binary: false, read: readParser() },
      resolve: { file: false, http: false, read: readResolver(files) },
      dereference: { circular: true },
    });
    unbox(document);
    return document;
  } finally {
    for (const site of boxed) {
      const value = site.parent[site.key];
      if (value instanceof LiteralBox) site.parent[site.key] = value.value;
    }
  }
}

/** The files already read, by the URL json-schema-ref-parser asks for (a path, percent-encoded). */
function readResolver(files: ReadonlyMap<string, SpecFile>) {
  return {
    order: 1,
    canRead: true,
    read(file: FileInfo) {
      const key = /^https?:\/\//i.test(file.url) ? file.url : fileURLToPath(new URL(file.url, "file://"));
      const found = files.get(key);
      if (!found) throw new Error(`${file.url} was not read with the spec`);
      return found.value as object;
    },
  };
}

/** The value the resolver hands over is parsed already. */
function readParser() {
  return { order: 1, allowEmpty: true, canParse: true, parse: (file: FileInfo) => file.data as object };
}

/** Takes every literal value out of its box, wherever bundling put it. */
function unbox(document: unknown): void {
  const seen = new Set<object>();
  const stack = [document];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === null || typeof node !== "object" || node instanceof LiteralBox || seen.has(node)) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (value instanceof LiteralBox) record[key] = value.value;
      else stack.push(value);
    }
  }
}
