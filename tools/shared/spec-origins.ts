// Which file and line a node of the bundled spec was written at. Bundling moves the parts of other
// files into the spec's document but keeps their objects, so each object is mapped to its file and
// path before bundling; a path of the bundled document is then followed down to the deepest object
// known, through any reference on the way, and the rest of the path read in that object's file.

import type { SpecFile } from "./spec-files.js";
import { positionAt } from "./spec-lines.js";
import type { SourcePosition } from "./spec-load-error.js";
import type { Path } from "./spec-nodes.js";
import { type Documents, isRef, type NodeAt, refEnd } from "./spec-pointers.js";

export interface Origin {
  file: SpecFile;
  path: Path;
}

/** Each object of the files of a spec that refers to other files, mapped to where it was written. */
export function originsOf(files: ReadonlyMap<string, SpecFile>): WeakMap<object, Origin> {
  const origins = new WeakMap<object, Origin>();
  if (files.size === 1) return origins;
  for (const file of files.values()) {
    const stack: { value: unknown; path: Path }[] = [{ value: file.value, path: [] }];
    for (let entry = stack.pop(); entry; entry = stack.pop()) {
      const { value, path } = entry;
      if (value === null || typeof value !== "object" || origins.has(value)) continue;
      origins.set(value, { file, path });
      for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, key] });
    }
  }
  return origins;
}

/** Where the node at `path` of the bundled `document` was written (the spec is `root`). */
export function positionIn(
  document: unknown,
  root: SpecFile,
  origins: WeakMap<object, Origin>,
  path: Path,
): SourcePosition {
  const documents = new Map([[root.file, { value: document }]]);
  let node = document;
  let origin: Origin = { file: root, path: [] };
  for (const key of path) {
    if (isRef(node) && !Object.hasOwn(node, key)) {
      const end = endOf(documents, root.file, node.$ref);
      if (!end) break;
      node = end.value;
      origin = originOf(node, origins) ?? { file: root, path: end.path };
    }
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) break;
    node = (node as Record<string, unknown>)[key];
    origin = originOf(node, origins) ?? { file: origin.file, path: [...origin.path, key] };
  }
  return positionAt(origin.file, origin.path);
}

function endOf(documents: Documents, file: string, ref: string): NodeAt | undefined {
  try {
    return refEnd(documents, file, ref);
  } catch {
    return undefined;
  }
}

function originOf(node: unknown, origins: WeakMap<object, Origin>): Origin | undefined {
  return node !== null && typeof node === "object" ? origins.get(node) : undefined;
}
