// Which operation a request is for, the one router of the repo: the routes of a spec's generated
// modules (or any list of path templates), indexed once by path segment, the order in which a URL
// that several templates match is tried, and the path parameters a matched URL carries.
import type { Generated, Route } from "./types.js";

/** What the router needs of a route: the method and the path template it serves. */
export interface Templated {
  method: string;
  path: string;
}

/** One path parameter of a template, `{name}`; alone, a whole template segment. */
const TEMPLATE = /\{[^}]+\}/;
const WHOLE_TEMPLATE = /^\{([^}]+)\}$/;

/**
 * The part of a path template a URL's path is matched against: what comes before a `#`. A URL sent
 * carries no fragment, so paths that differ only after one (`/#Target=Get`, `/#Target=Put`) are one
 * route, told apart by the parameters their operations require (policy.ts).
 */
export function routedPath(template: string): string {
  const hash = template.indexOf("#");
  return hash === -1 ? template : template.slice(0, hash);
}

/** The text as a regular expression's source that matches just it. */
export function literalSource(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A path template (or one segment of one) as a regular expression's source: each `{name}` as `group`. */
function templateSource(template: string, group: string): string {
  return template
    .split(/(\{[^}]+\})/)
    .map((part) => (WHOLE_TEMPLATE.test(part) ? group : literalSource(part)))
    .join("");
}

/**
 * The routes of a spec's generated modules, the most specific path first (`bySpecificity`), indexed
 * for judge() once here: treat the array as read-only.
 */
export function routesOf({ operations, examples, policy, samples = {} }: Generated): readonly Route[] {
  const contracts = new Map(Object.values(operations).map((c) => [c.operationId, c]));
  const routes = Object.entries(policy).map(
    ([operationId, { statuses, requestMediaTypes, answers, fallback }]) => {
      const contract = contracts.get(operationId);
      const responses = examples[operationId]?.responses;
      if (!contract || !responses) {
        throw new Error(`generated/ has no validators or examples for ${operationId}: run npm run generate`);
      }
      return {
        operationId,
        method: contract.method,
        path: contract.path,
        pattern: new RegExp(`^${templateSource(routedPath(contract.path), "([^/]*)")}$`),
        source: templateSource(routedPath(contract.path), "[^/]*"),
        names: [...routedPath(contract.path).matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ""),
        contract,
        statuses,
        requestMediaTypes,
        examples: responses,
        answers: answers.map((a) => ({ ...a, value: responses[String(a.status)]?.[a.name] })),
        fallback,
        samples: samples[operationId] ?? {},
      };
    },
  );
  const sorted = routes.sort((a, b) => bySpecificity(a.path, b.path));
  indexFor(sorted);
  return sorted;
}

/** The route's path parameters in `pathname`, by name, as sent (still percent-encoded). */
export function pathParameters(route: Route, pathname: string): Map<string, string> {
  const segments = route.pattern.exec(pathname)?.slice(1) ?? [];
  const found = new Map<string, string>();
  route.names.forEach((name, i) => {
    if (!found.has(name)) found.set(name, segments[i] ?? "");
  });
  return found;
}

/** One segment position of the routes' paths: the routes that end here, and where each segment leads. */
interface RouteNode<T> {
  routes: T[];
  literals: Map<string, RouteNode<T>>;
  /** A segment that is one whole template, `{name}`: it matches any segment. */
  template: RouteNode<T> | undefined;
  /** Segments mixing literal text and templates (`{name}.json`), by their pattern's source. */
  partials: Map<string, { pattern: RegExp; node: RouteNode<T> }>;
}

/** What routesOn() finds a request's routes by, built once per routes array, so no lookup scans them all. */
interface RouteIndex<T> {
  root: RouteNode<T>;
  /** Each route's place in the routes array, the order routesOn() gives them in. */
  rank: Map<T, number>;
}

const INDEXES = new WeakMap<readonly Templated[], RouteIndex<Templated>>();

/** The routes' index, built the first time it is asked for; routes not from routesOf are indexed too. */
function indexFor<T extends Templated>(routes: readonly T[]): RouteIndex<T> {
  const found = INDEXES.get(routes) as RouteIndex<T> | undefined;
  if (found) return found;
  const root = node<T>();
  for (const route of routes) {
    let at = root;
    for (const segment of routedPath(route.path).split("/")) at = childFor(at, segment);
    at.routes.push(route);
  }
  const index = { root, rank: new Map(routes.map((route, i) => [route, i])) };
  INDEXES.set(routes, index as RouteIndex<Templated>);
  return index;
}

function node<T>(): RouteNode<T> {
  return { routes: [], literals: new Map(), template: undefined, partials: new Map() };
}

function childFor<T>(parent: RouteNode<T>, segment: string): RouteNode<T> {
  if (!segment.includes("{")) return getOrAdd(parent.literals, segment, node<T>);
  if (WHOLE_TEMPLATE.test(segment)) {
    parent.template ??= node();
    return parent.template;
  }
  const source = templateSource(segment, "[^/]*");
  return getOrAdd(parent.partials, source, () => ({ pattern: new RegExp(`^${source}$`), node: node<T>() }))
    .node;
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

/**
 * The routes whose path template matches `pathname`, in the routes array's order (whatever method
 * each serves): a walk down the segments costs what the path's depth and its matching templates
 * cost, not what the number of routes does. A whole template segment matches any segment, an empty
 * one too. Any list of templates can be routed: each array is indexed the first time it is.
 */
export function routesOn<T extends Templated>(routes: readonly T[], pathname: string): T[] {
  const { root, rank } = indexFor(routes);
  const segments = routedPath(pathname).split("/");
  const found: T[] = [];
  const walk = (at: RouteNode<T>, depth: number): void => {
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
 * `/a/{id}/list/{item}` wins `GET /a/1/list/image` over
 * `/a/{id}/{name}/image`, and a segment with literal text beats a whole template, so
 * `/a/{id}:cancel` wins `POST /a/1:cancel` over `/a/{name}`. OpenAPI says only that concrete paths match before
 * templated ones; the per-segment order is inferred, the usual rule of API gateways and routers.
 */
export function bySpecificity(a: string, b: string): number {
  const left = routedPath(a).split("/");
  const right = routedPath(b).split("/");
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [l, r] = [segmentRank(left[i] ?? ""), segmentRank(right[i] ?? "")];
    if (l !== r) return l - r;
  }
  return 0;
}

/**
 * How specific a template segment is: literal text, then text with a template in it
 * (`{name}:cancel`), which fewer segments match, then a whole template (`{name}`).
 */
function segmentRank(segment: string): number {
  if (!TEMPLATE.test(segment)) return 0;
  return WHOLE_TEMPLATE.test(segment) ? 2 : 1;
}
