// Circular references: a schema may contain itself (a tree, a linked list), since OpenAPI lets a schema
// refer to itself; nothing else may, because whatever walks a spec's operations, responses or parameters
// would walk for ever. The references of the bundled spec make a graph: from the innermost referenced
// node around each reference to its target, and from each referenced node to those inside it. A
// reference that is not a schema's, or leads to no schema, and that lies on a cycle (its two ends in one
// strongly connected component) is refused, with a cycle through it named.
import type { Path, RefSite } from "./spec-nodes.js";
import { stateAt } from "./spec-nodes.js";
import { pointerOf, pointerPath } from "./spec-pointers.js";

interface Edge {
  from: string;
  to: string;
  /** The reference the edge stands for, when it is one; undefined for containment. */
  site?: RefSite;
  schema: boolean;
}

export interface Cycle {
  /** The reference that closes it. */
  site: RefSite;
  /** The referenced nodes around it, as JSON pointers, the first repeated at the end. */
  nodes: string[];
}

export interface RefCycles {
  /** The first cycle through a reference that is not a schema's, if there is one. */
  forbidden: Cycle | undefined;
  /** The references that lie on a cycle: those a copy without references keeps. */
  cyclic: Set<RefSite>;
}

/** The cycles of references of `document` (internal references only), whose references are `refs`. */
export function refCycles(document: unknown, refs: readonly RefSite[]): RefCycles {
  const edges = graphOf(document, refs);
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    const out = next.get(from);
    if (out) out.push(to);
    else next.set(from, [to]);
  }
  const component = components(next);
  const found: RefCycles = { forbidden: undefined, cyclic: new Set() };
  for (const edge of edges) {
    if (!edge.site || component.get(edge.from) !== component.get(edge.to)) continue;
    found.cyclic.add(edge.site);
    if (edge.schema || found.forbidden) continue;
    const back = edge.from === edge.to ? [edge.to] : pathWithin(next, edge.to, edge.from, component);
    found.forbidden = { site: edge.site, nodes: [edge.from, ...back] };
  }
  return found;
}

function graphOf(document: unknown, refs: readonly RefSite[]): Edge[] {
  const targets = new Map<string, Path>([["#", []]]);
  for (const site of refs) {
    const path = pointerPath(site.ref);
    if (path) targets.set(pointerOf(path), path);
  }
  const scopeOf = (path: Path): string => {
    for (let length = path.length; length > 0; length--) {
      const pointer = pointerOf(path.slice(0, length));
      if (targets.has(pointer)) return pointer;
    }
    return "#";
  };
  const edges: Edge[] = [];
  for (const [pointer, path] of targets) {
    if (path.length > 0) edges.push({ from: scopeOf(path.slice(0, -1)), to: pointer, schema: true });
  }
  for (const site of refs) {
    const path = pointerPath(site.ref);
    if (!path) continue;
    const target = stateAt(document, path);
    const schema = site.inSchema && target.kind === "keywords" && target.schema;
    edges.push({ from: scopeOf(site.path), to: pointerOf(path), site, schema });
  }
  return edges;
}

/** Each node's strongly connected component, by Tarjan's algorithm without recursion. */
function components(next: ReadonlyMap<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const open: string[] = [];
  const onStack = new Set<string>();
  const component = new Map<string, number>();
  const enter = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.size - 1);
    open.push(node);
    onStack.add(node);
  };
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    enter(start);
    const work = [{ node: start, child: 0 }];
    for (let frame = work.at(-1); frame; frame = work.at(-1)) {
      const to = next.get(frame.node)?.[frame.child++];
      if (to !== undefined && !index.has(to)) {
        enter(to);
        work.push({ node: to, child: 0 });
      } else if (to !== undefined) {
        if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(to) ?? 0));
      } else {
        work.pop();
        const parent = work.at(-1);
        if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
        if (low.get(frame.node) === index.get(frame.node)) close(frame.node, open, onStack, component, index);
      }
    }
  }
  return component;
}

/** Pops the nodes of one component, down to `root`, and gives them the number of its root. */
function close(
  root: string,
  open: string[],
  onStack: Set<string>,
  component: Map<string, number>,
  index: ReadonlyMap<string, number>,
): void {
  const id = index.get(root) ?? 0;
  for (let node = open.pop(); node !== undefined; node = open.pop()) {
    onStack.delete(node);
    component.set(node, id);
    if (node === root) return;
  }
}

/** The nodes on a shortest way from `from` to `to` (both included, `from` left out) within their component. */
function pathWithin(
  next: ReadonlyMap<string, string[]>,
  from: string,
  to: string,
  component: ReadonlyMap<string, number>,
): string[] {
  const id = component.get(from);
  const previous = new Map<string, string>();
  const queue = [from];
  for (let i = 0; i < queue.length && !previous.has(to); i++) {
    const node = queue[i] as string;
    for (const child of next.get(node) ?? []) {
      if (component.get(child) !== id || previous.has(child)) continue;
      previous.set(child, node);
      queue.push(child);
    }
  }
  const path = [to];
  for (let node = previous.get(to); node !== undefined && node !== from; node = previous.get(node)) {
    path.unshift(node);
  }
  return [from, ...path];
}
