// What a reference points at: the document it names, then the JSON pointer in its fragment, following
// any reference met on the way (as json-schema-ref-parser does), and then, when the node found is a
// reference itself, that one, until a node that is not. A chain that comes back on itself never reaches
// a value: it is named, not followed for ever.
import { describePosition } from "./spec-load-error.js";
import type { Path } from "./spec-nodes.js";
import { refTarget } from "./spec-refs.js";

/** A node of one of a spec's documents: the document (absolute path or URL) and the path in it. */
export interface NodeAt {
  file: string;
  path: Path;
  value: unknown;
}

/** The value of each document of a spec, by absolute path or URL. */
export type Documents = ReadonlyMap<string, { value: unknown }>;

/** The keys of a JSON pointer fragment (`#/a/b~1c`), or undefined when it is not one. */
export function pointerPath(fragment: string): Path | undefined {
  const pointer = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  try {
    return pointer
      .slice(1)
      .split("/")
      .map((key) => decodeURIComponent(key).replaceAll("~1", "/").replaceAll("~0", "~"));
  } catch {
    return undefined;
  }
}

/** The JSON pointer fragment of `path`: `#/a/b~1c`. */
export function pointerOf(path: Path): string {
  return `#${path.map((key) => `/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("")}`;
}

/**
 * The node the reference `ref`, written in `from`, ends at: past every reference in the way and every
 * reference the node found is. Throws an Error saying why when there is none. `visited` lists the
 * references followed, for a message.
 */
export function refEnd(documents: Documents, from: string, ref: string, visited: string[] = []): NodeAt {
  let node = refNode(documents, from, ref, visited);
  while (isRef(node.value)) node = refNode(documents, node.file, node.value.$ref, visited);
  return node;
}

/** The node `ref` (written in `from`) points at, following references on the way but not at the end. */
function refNode(documents: Documents, from: string, ref: string, visited: string[]): NodeAt {
  const hash = ref.indexOf("#");
  const target = hash === 0 ? { kind: "file" as const, path: from } : refTarget(ref, from);
  if ("refused" in target) throw new Error(target.refused);
  const file = target.kind === "file" ? target.path : target.url;
  const path = pointerPath(hash < 0 ? "" : ref.slice(hash));
  if (!path) throw new Error(`its fragment is not a JSON pointer (#/…)`);
  const key = `${file}${pointerOf(path)}`;
  if (visited.includes(key)) {
    const shown = [...visited, key].map((k) => (k.startsWith(`${from}#`) ? k.slice(from.length) : k));
    throw new Error(`a chain of references that never reaches a value: ${shown.join(" → ")}`);
  }
  visited.push(key);
  const document = documents.get(file);
  if (!document) throw new Error(`${file} was not read`);
  let node: NodeAt = { file, path: [], value: document.value };
  for (const [index, segment] of path.entries()) {
    if (isRef(node.value)) node = refEnd(documents, node.file, node.value.$ref, visited);
    const next = childValue(node.value, segment);
    if (next === undefined) {
      throw new Error(
        `points at nothing: ${file === from ? "" : describePosition({ file })}${pointerOf(path.slice(0, index + 1))} is not there`,
      );
    }
    node = { file: node.file, path: [...node.path, segment], value: next };
  }
  return node;
}

export function isRef(value: unknown): value is { $ref: string } {
  return (
    value !== null && typeof value === "object" && typeof (value as { $ref?: unknown }).$ref === "string"
  );
}

function childValue(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) return /^\d+$/.test(key) ? value[Number(key)] : undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
