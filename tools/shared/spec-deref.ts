// The bundled spec as a tree without references, for code that walks a spec as plain data: each
// reference replaced by what it points at, except a reference on a cycle (a recursive schema), which
// stays a `$ref` so that the tree ends. Literal data is kept as written, a `$ref` inside it included.
// A node is copied once and shared wherever it is used, by reference or where it is written, so the
// copy is no larger than the document and a shared schema is one object, as in the document; the walk keeps its own stack, so no depth of nesting overflows the call stack.
import { childState, type Path, type State, stateAt } from "./spec-nodes.js";
import { isRef, pointerOf, refEnd } from "./spec-pointers.js";

interface Task {
  source: unknown;
  path: Path;
  state: State;
  assign: (value: unknown) => void;
}

/** The copy of `document` (internal references only) without its references but `cyclic` (by pointer). */
export function deref<T>(document: T, file: string, cyclic: ReadonlySet<string>): T {
  const documents = new Map([[file, { value: document as unknown }]]);
  const copies = new Map<string, unknown>();
  let result: unknown;
  const tasks: Task[] = [
    { source: document, path: [], state: stateAt(document, []), assign: (v) => (result = v) },
  ];
  for (let task = tasks.pop(); task; task = tasks.pop()) {
    const { source, state, assign } = task;
    let { path } = task;
    if (source === null || typeof source !== "object" || state.kind === "literal") {
      assign(source);
      continue;
    }
    let node = source;
    if (isRef(source)) {
      if (cyclic.has(pointerOf(path))) {
        assign({ ...source });
        continue;
      }
      const end = refEnd(documents, file, source.$ref);
      if (end.value === null || typeof end.value !== "object") {
        assign(end.value);
        continue;
      }
      node = end.value;
      path = end.path;
    }
    // A node met again, by a reference or where it is written, is the copy already made of it.
    const known = copies.get(pointerOf(path));
    if (known !== undefined) {
      assign(known);
      continue;
    }
    // Every key first, in order: the tasks below fill them in the reverse order.
    const copy = (Array.isArray(node) ? [] : {}) as Record<string, unknown>;
    for (const key of Object.keys(node)) setOwn(copy, key, undefined);
    copies.set(pointerOf(path), copy);
    assign(copy);
    const nodeState = node === source ? state : stateAt(document, path);
    for (const [key, child] of Object.entries(node)) {
      tasks.push({
        source: child,
        path: [...path, key],
        state: childState(nodeState, key, child),
        assign: (value) => setOwn(copy, key, value),
      });
    }
  }
  return result as T;
}

/** Sets `object[key]` as its own property, whatever the key (a key `__proto__` would set its prototype). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}
