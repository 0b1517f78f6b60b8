// Names generated code cannot hold as written: `__proto__` as an object key in JavaScript source sets
// the object's prototype instead of adding a property, and ajv reads `data.__proto__` as the prototype,
// so such a property would be typed but neither validated nor served. A spec that uses it is refused,
// at the node that does.
import type { LoadedSpec } from "../shared/load-spec.js";
import { SpecLoadError } from "../shared/load-spec.js";
import type { Path } from "../shared/spec-nodes.js";

const UNSAFE = "__proto__";

/** Throws SpecLoadError at the first key or operationId of the spec that is `__proto__`. */
export function refuseUnsafeNames(loaded: LoadedSpec): void {
  const found = unsafePath(loaded.document, []);
  if (found === undefined) return;
  const what = found.at(-1) === "operationId" ? "operationId" : "name";
  throw new SpecLoadError(
    loaded.positionOf(found),
    `the ${what} ${UNSAFE} cannot be generated: JavaScript reads it as an object's prototype. Rename it`,
  );
}

/** The path of the first `__proto__` key (or operationId) under `node`, depth first. */
function unsafePath(node: unknown, path: Path): Path | undefined {
  if (node === null || typeof node !== "object") return undefined;
  for (const [key, child] of Object.entries(node)) {
    if (key === UNSAFE) return [...path, key];
    if (key === "operationId" && child === UNSAFE) return [...path, key];
    const found = unsafePath(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
