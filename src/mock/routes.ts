// Which operation a request is for: the routes of a spec's generated modules, indexed once by path
// segment, and the order in which a URL that several paths match is tried.
import type { Generated, Route } from "./types.js";

/**
 * The routes of a spec's generated modules, the most specific path first (`bySpecificity`), indexed
 * for judge() once here: treat the array as read-only.
 */
export function routesOf({ operations, examples, policy }: Generated): readonly Route[] {
  const routes = Object.entries(policy).map(([operationId, { statuses, requestMediaTypes, answers }]) => {
    const contract = operations[operationId];
    const responses = examples[operationId]?.responses;
    if (!contract || !responses) {
      throw new Error(`generated/ has no validators or examples for ${operationId}: run npm run generate`);
    }
    const names: string[] = [];
    const parts = contract.path.split(/(\{[^}]+\})/).map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return undefined;
    });
    const joined = (group: string) => parts.map((part) => part ?? group).join("");
    return {
      operationId,
      method: contract.method,
      path: contract.path,
      pattern: new RegExp(`^${joined("([^/]*)")}$`),
      source: joined("[^/]*"),
      names,
      contract,
      statuses,
      requestMediaTypes,
      examples: responses,
      answers: answers.map((a) => ({ ...a, value: responses[String(a.status)]?.[a.name] })),
    };
  });
  const sorted = routes.sort((a, b) => bySpecificity(a.path, b.path));
  INDEXES.set(sorted, indexOf(sorted));
  return sorted;
}

/** One segment position of the routes' paths: the routes that end here, and where each segment leads. */
interface RouteNode {
  routes: Route[];
  literals: Map<string, RouteNode>;
  /** A segment that is one whole template, `{name}`: it matches any segment. */
  template: RouteNode | undefined;
  /** Segments mixing literal text and templates (`{name}.json`), by their pattern's source. */
  partials: Map<string, { pattern: RegExp; node: RouteNode }>;
}

/** What judge() finds a request's routes by, built once per routes array, so no lookup scans them all. */
interface RouteIndex {
  root: RouteNode;
  /** Each route's place in the routes array, the order judge() tries them in. */
  rank: Map<Route, number>;
}

const INDEXES = new WeakMap<readonly Route[], RouteIndex>();

function node(): RouteNode {
  return { routes: [], literals: new Map(), template: undefined, partials: new Map() };
}

function indexOf(routes: readonly Route[]): RouteIndex {
  const root = node();
  for (const route of routes) {
    let at = root;
    for (const segment of route.path.split("/")) at = childFor(at, segment);
    at.routes.push(route);
  }
  const rank = new Map(routes.map((route, i) => [route, i]));
  return { root, rank };
}

function childFor(parent: RouteNode, segment: string): RouteNode {
  if (!segment.includes("{")) return getOrAdd(parent.literals, segment, node);
  if (/^\{[^}]+\}$/.test(segment)) {
    parent.template ??= node();
    return parent.template;
  }
  const source = segment
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^/]*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return getOrAdd(parent.partials, source, () => ({ pattern: new RegExp(`^${source}$`), node: node() })).node;
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

/**
 * The routes whose pattern matches `pathname`, in the routes array's order: a walk down the segments
 * costs what the path's depth and its matching templates cost, not what the number of routes does.
 */
export function routesOn(routes: readonly Route[], pathname: string): Route[] {
  let index = INDEXES.get(routes);
  if (!index) {
    // Routes not from routesOf (a test's own list, say): indexed once, then looked up.
    index = indexOf(routes);
    INDEXES.set(routes, index);
  }
  const { root, rank } = index;
  const segments = pathname.split("/");
  const found: Route[] = [];
  const walk = (at: RouteNode, depth: number): void => {
    const segment = segments[depth];
    if (segment === undefined) {
      found.push(...at.routes);
      return;
    }
    const literal = at.literals.get(segment);
    if (literal) walk(literal, depth + 1);
    if (at.template) walk(at.template, depth + 1);
    for (const { pattern, node: next } of at.partials.values()) {
      if (pattern.test(segment)) walk(next, depth + 1);
    }
  };
  walk(root, 0);
  return found.length > 1 ? found.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)) : found;
}

/**
 * Orders two path templates by which one a URL matching both belongs to: segment by segment, left to
 * right, a literal segment beats a template at the first position where they differ, so
 * `/v1/{project_id}/service/{instance_name}` wins `DELETE /v1/p/service/image` over
 * `/v1/{project_id}/{instance_name}/image`. OpenAPI says only that concrete paths match before
 * templated ones; the per-segment order is inferred, the usual rule of API gateways and routers.
 */
export function bySpecificity(a: string, b: string): number {
  const left = a.split("/");
  const right = b.split("/");
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const templated = (segment: string | undefined) => /\{[^}]+\}/.test(segment ?? "");
    const [l, r] = [templated(left[i]), templated(right[i])];
    if (l !== r) return l ? 1 : -1;
  }
  return 0;
}
