// How the mocks judge a request, shared by the layer in front of Prism (tools/mock/layer.ts) and the MSW
// handlers (src/mock/msw.ts) so that both answer alike: which operation a request is for, what is wrong
// with it, which documented error answers that, and what its `Prefer` asks for. The mapping lives in
// the spec (`x-mock-answers-violation` on each error example); `npm run generate` compiles it into
// generated/<stem>.examples.ts, so nothing here reads the spec. Runs in browsers: no Node built-ins.
import type {
  OperationContract,
  OperationPolicy as PolicyShape,
  ValidationIssue,
} from "../../generated/shared-types.js";

/** Prism's own limit for a request body; both mocks refuse a larger one as too big. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export type Location = "request" | "path" | "header" | "query" | "body";
export const KINDS = [
  "missing",
  "null",
  "empty",
  "type",
  "invalid",
  "not-json",
  "too-big",
  "method-not-allowed",
  "route-unknown",
] as const;
export type Kind = (typeof KINDS)[number];

/** One thing wrong with a request: where (`at` is a parameter name or a JSON pointer) and what. */
export interface Violation {
  in: Location;
  at: string;
  kind: Kind;
}

/** A named example of an error response, with the violations it answers. */
export interface Answer {
  status: number;
  name: string;
  value: unknown;
  selectors: readonly Violation[];
  /** Top-level keys of `value` whose text names the field at fault in `{field}` (`x-mock-message`). */
  message?: Readonly<Record<string, string>>;
}

/** What generated/<stem>.examples.ts's `policy` holds for one operation, its violations typed. */
export interface OperationPolicy extends PolicyShape {
  /** Every named JSON example of an error response, in spec order, without its value. */
  answers: readonly Omit<Answer, "value">[];
}

/** The generated modules of one spec: the validators, the named examples and the policy. */
export interface Generated {
  operations: Readonly<Record<string, OperationContract>>;
  examples: Readonly<
    Record<string, { responses: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>> }>
  >;
  policy: Readonly<Record<string, OperationPolicy>>;
}

export interface Route {
  operationId: string;
  method: string;
  path: string;
  /** Matches the path, one group per path parameter. */
  pattern: RegExp;
  /** Like `pattern`, with no groups and no anchors, to find a documented path in a longer URL. */
  source: string;
  names: string[];
  contract: OperationContract;
  statuses: readonly string[];
  requestMediaTypes: readonly string[];
  /** Named examples by status, then by name. */
  examples: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
  answers: Answer[];
}

/** A request as either mock received it. */
export interface Call {
  method: string;
  /** The path below the API's root, as sent (still percent-encoded). */
  pathname: string;
  query: URLSearchParams;
  /** A header by lower-case name; repeated values joined with ", ". */
  header(name: string): string | undefined;
  body: Uint8Array;
  /** Whether the body was over the limit (then `body` is empty). */
  tooBig: boolean;
}

/** A `Prefer` header's (or Prism's `__code`-style query's) checked choices. */
export interface Preferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
  seed?: string;
}

export type Verdict =
  /** Serve the documented response: `status` is its key in the spec, `code` the status to send. */
  | {
      kind: "valid";
      route: Route;
      status: string;
      code: number;
      example: string | undefined;
      /** What the request's `Prefer` (or query) asked for, checked, for an engine that reads it itself. */
      prefer: Preferences;
    }
  | { kind: "refused"; status: number; body: unknown; violation?: Violation };

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
  /** The answer to a request no route matches, from every operation's answers. */
  unknown: Answer | undefined;
}

const INDEXES = new WeakMap<readonly Route[], RouteIndex>();
const UNKNOWN: Violation = { in: "request", at: "", kind: "route-unknown" };

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
  return {
    root,
    rank,
    unknown: answerFor(
      routes.flatMap((r) => r.answers),
      UNKNOWN,
    ),
  };
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
function routesOn(index: RouteIndex, pathname: string): Route[] {
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
  walk(index.root, 0);
  return found.length > 1 ? found.sort((a, b) => (index.rank.get(a) ?? 0) - (index.rank.get(b) ?? 0)) : found;
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

/** Whether a request is a CORS preflight, which Prism answers (204) for any path. */
export function isPreflight(call: Pick<Call, "method" | "header">): boolean {
  return (
    call.method.toLowerCase() === "options" &&
    !!call.header("origin") &&
    !!call.header("access-control-request-method")
  );
}

/** What the mock does with a request: serve a documented response, or refuse it, and with what. */
export function judge(routes: readonly Route[], call: Call): Verdict {
  const method = call.method.toLowerCase();
  let index = INDEXES.get(routes);
  if (!index) {
    // Routes not from routesOf (a test's own list, say): indexed once, then looked up.
    index = indexOf(routes);
    INDEXES.set(routes, index);
  }
  const onPath = routesOn(index, call.pathname);
  const route = onPath.find((r) => r.method === method);
  if (!route) {
    const first = onPath[0];
    if (!first) return refuseWith(index.unknown, UNKNOWN);
    return refuse(first.answers, { in: "request", at: "", kind: "method-not-allowed" });
  }
  if (call.tooBig) return refuse(route.answers, { in: "body", at: "", kind: "too-big" });
  const violation = checkParameters(route, call) ?? checkSecurity(route, call) ?? checkBody(route, call);
  if (violation) return refuse(route.answers, violation);
  const chosen = preferred(route, call);
  if (typeof chosen === "string")
    return { kind: "refused", status: 400, body: mockError("MOCK.PREFER", chosen) };
  return { kind: "valid", route, ...chosen };
}

/**
 * The CORS headers of every answer either mock gives, preflights too. A browser refuses credentials
 * with a wildcard origin, so credentials are allowed only to the Origin the request names, echoed
 * with `Vary: Origin`; a wildcard also means nothing for exposed headers then, so they are named.
 */
export function corsHeaders(header: Call["header"], exposed: readonly string[] = []): Record<string, string> {
  const origin = header("origin");
  const requested = header("access-control-request-headers");
  if (!origin) {
    return {
      "access-control-allow-origin": "*",
      "access-control-allow-headers": requested ?? "*",
      "access-control-expose-headers": "*",
    };
  }
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    vary: "Origin",
    ...(requested ? { "access-control-allow-headers": requested } : {}),
    ...(exposed.length > 0 ? { "access-control-expose-headers": exposed.join(", ") } : {}),
  };
}

/** A preflight's answer headers: the CORS headers, and the method asked for allowed. */
export function preflightHeaders(header: Call["header"]): Record<string, string> {
  return {
    ...corsHeaders(header),
    "access-control-allow-methods": header("access-control-request-method") ?? "*",
  };
}

export function mockError(code: string, message: string): { error_code: string; error_msg: string } {
  return { error_code: code, error_msg: message };
}

export function formatViolation(v: Violation): string {
  return [v.in, v.at, v.kind].filter(Boolean).join(" ");
}

/** A violation as Prism reports one in its `sl-violations` header, so devtools show why. */
export function slViolation(v: Violation): {
  location: string[];
  severity: string;
  code: Kind;
  message: string;
} {
  const location = ["request", v.in, ...v.at.split("/").filter(Boolean)];
  return { location, severity: "Error", code: v.kind, message: formatViolation(v) };
}

/**
 * The answer whose selector names the violation's field exactly, else one with `*`, else (as Prism
 * does) the first example of the operation's 422, then 400.
 */
export function answerFor(answers: readonly Answer[], violation: Violation): Answer | undefined {
  const sameKind = (s: Violation) => s.in === violation.in && s.kind === violation.kind;
  const exact = answers.find((a) =>
    a.selectors.some((s) => sameKind(s) && sameName(s.in, s.at, violation.at)),
  );
  const wildcard = answers.find((a) => a.selectors.some((s) => sameKind(s) && s.at === "*"));
  return (
    exact ??
    wildcard ??
    answers.find((a) => a.status === 422) ??
    answers.find((a) => a.status === 400) ??
    answers[0]
  );
}

/** Turns the first schema issue about a value into a violation of the location `where`. */
export function classify(
  where: Location,
  name: string,
  data: unknown,
  issue: Pick<ValidationIssue, "instancePath" | "keyword" | "params">,
): Violation {
  const missing = issue.params.missingProperty;
  const pointer =
    issue.keyword === "required" && typeof missing === "string"
      ? `${issue.instancePath}/${missing.replaceAll("~", "~0").replaceAll("/", "~1")}`
      : issue.instancePath;
  const at = where === "body" ? pointer : name;
  if (issue.keyword === "required") return { in: where, at, kind: "missing" };
  const value = valueAt(data, issue.instancePath);
  if (value === null) return { in: where, at, kind: "null" };
  if (value === "") return { in: where, at, kind: "empty" };
  return { in: where, at, kind: issue.keyword === "type" ? "type" : "invalid" };
}

function refuse(answers: readonly Answer[], violation: Violation): Verdict {
  return refuseWith(answerFor(answers, violation), violation);
}

function refuseWith(chosen: Answer | undefined, violation: Violation): Verdict {
  if (!chosen) {
    const body = mockError("MOCK.NO_ANSWER", `no error example answers ${formatViolation(violation)}`);
    return { kind: "refused", status: 500, body };
  }
  return { kind: "refused", status: chosen.status, body: answerBody(chosen, violation), violation };
}

/**
 * The body that answers a violation: the example's value, with each `x-mock-message` text naming the
 * field at fault, e.g. `auth.scope.project.id` (a body pointer in dots), so no refusal names a field
 * that is fine.
 */
export function answerBody(answer: Pick<Answer, "value" | "message">, violation: Violation): unknown {
  const { value, message } = answer;
  if (!message || typeof value !== "object" || value === null) return value;
  const field =
    violation.in === "body"
      ? violation.at
          .split("/")
          .slice(1)
          .map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"))
          .join(".") || "body"
      : violation.at || violation.in;
  const texts = Object.fromEntries(
    Object.entries(message).map(([key, text]) => [key, text.replaceAll("{field}", field)]),
  );
  return { ...value, ...texts };
}

function sameName(where: Location, a: string, b: string): boolean {
  return where === "header" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function checkParameters(route: Route, call: Call): Violation | undefined {
  const segments = route.pattern.exec(call.pathname)?.slice(1) ?? [];
  for (const parameter of route.contract.parameters) {
    const where = parameter.in as "path" | "header" | "query";
    let raw: string | undefined;
    if (where === "path") {
      const segment = segments[route.names.indexOf(parameter.name)] ?? "";
      // An empty segment names nothing, whatever the schema allows.
      if (segment === "") return { in: "path", at: parameter.name, kind: "empty" };
      raw = safeDecode(segment);
      if (raw === undefined) return { in: "path", at: parameter.name, kind: "invalid" };
    } else if (where === "header") {
      raw = call.header(parameter.name.toLowerCase());
    } else if (where === "query") {
      raw = call.query.get(parameter.name) ?? undefined;
    } else continue;
    if (raw === undefined) {
      if (parameter.required) return { in: where, at: parameter.name, kind: "missing" };
      continue;
    }
    if (parameter.validate(raw)) continue;
    const issue = parameter.validate.errors?.[0];
    const parsed = scalar(raw);
    if (parsed !== raw && parameter.validate(parsed)) continue;
    if (issue) return classify(where, parameter.name, raw, issue);
  }
  return undefined;
}

/**
 * What is wrong with the credentials when no alternative of the operation's security is complete:
 * the first one missing or empty of the first alternative (e.g. `X-Auth-Token`). Like Prism, it
 * checks that a credential is there, not that the service would accept it.
 */
function checkSecurity(route: Route, call: Call): Violation | undefined {
  let first: Violation | undefined;
  for (const alternative of route.contract.security) {
    const wrong = alternative.map((c) => credentialViolation(c, call)).find((v) => v !== undefined);
    if (!wrong) return undefined;
    first ??= wrong;
  }
  return first;
}

function credentialViolation(credential: { in: string; name: string }, call: Call): Violation | undefined {
  const where = credential.in === "query" ? "query" : "header";
  const value =
    where === "query"
      ? (call.query.get(credential.name) ?? undefined)
      : call.header(credential.name.toLowerCase());
  if (value === undefined) return { in: where, at: credential.name, kind: "missing" };
  if (value === "") return { in: where, at: credential.name, kind: "empty" };
  return undefined;
}

function checkBody(route: Route, call: Call): Violation | undefined {
  const spec = route.contract.requestBody;
  if (!spec) return undefined;
  const root = (kind: Kind): Violation => ({ in: "body", at: "", kind });
  if (call.body.length === 0) return spec.required ? root("missing") : undefined;
  const mediaType = (call.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!route.requestMediaTypes.some((m) => m.toLowerCase() === mediaType)) return root("not-json");
  let data: unknown;
  try {
    // ignoreBOM keeps a byte-order mark, which JSON does not allow, as Node's Buffer does.
    data = JSON.parse(new TextDecoder("utf-8", { ignoreBOM: true }).decode(call.body));
  } catch {
    return root("not-json");
  }
  if (spec.validate(data)) return undefined;
  const issue = spec.validate.errors?.[0];
  return issue ? classify("body", "", data, issue) : root("invalid");
}

/**
 * The response a `Prefer` header (or Prism's `__code`/`__example` query) selects, or why it selects
 * none: Prism would answer that with its own problem+json, the mocks say it in the envelope.
 */
function preferred(
  route: Route,
  call: Call,
): { status: string; code: number; example: string | undefined; prefer: Preferences } | string {
  const header = call.header("prefer");
  const { code, example, dynamic, seed } = header ? preferences(header) : queryPreferences(call.query);
  const { operationId, statuses } = route;
  let status = statuses.filter((s) => /^2\d\d$/.test(s)).sort()[0] ?? statuses[0] ?? "200";
  if (code !== undefined) {
    if (!/^\d{3}$/.test(code) || !(statuses.includes(code) || statuses.includes("default"))) {
      return `Prefer code=${code} is not a status ${operationId} documents (${statuses.join(", ")})`;
    }
    status = statuses.includes(code) ? code : "default";
  }
  if (dynamic !== undefined && dynamic !== "true" && dynamic !== "false") {
    return `Prefer dynamic=${dynamic} must be true or false`;
  }
  const sent = Number(code ?? status);
  const prefer: Preferences = {
    ...(code === undefined ? {} : { code: Number(code) }),
    ...(example === undefined ? {} : { example }),
    ...(dynamic === undefined ? {} : { dynamic: dynamic === "true" }),
    ...(seed === undefined ? {} : { seed }),
  };
  const answer = { status, code: Number.isInteger(sent) ? sent : 200, example, prefer };
  if (example === undefined) return answer;
  const names = Object.keys(route.examples[status] ?? {});
  if (names.includes(example)) return answer;
  return `Prefer example=${example} is not an example of ${operationId}'s ${status} response (${names.join(", ") || "it has none"})`;
}

/**
 * Whether a request asks for a named response: a `Prefer` header (or Prism's `__code`, `__example`
 * or `__dynamic` query). The stateful mode leaves such a request to the named examples.
 */
export function hasPreference(call: Pick<Call, "header" | "query">): boolean {
  return call.header("prefer") !== undefined || Object.keys(queryPreferences(call.query)).length > 0;
}

function preferences(header: string): Partial<Record<string, string>> {
  const found: Partial<Record<string, string>> = {};
  for (const part of header.split(/[,;]/)) {
    const [key, ...rest] = part.split("=");
    if (!key || rest.length === 0) continue;
    found[key.trim().toLowerCase()] = rest
      .join("=")
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  return found;
}

function queryPreferences(query: URLSearchParams): Partial<Record<string, string>> {
  const found: Partial<Record<string, string>> = {};
  for (const key of ["code", "example", "dynamic", "seed"]) {
    const value = query.get(`__${key}`);
    if (value !== null) found[key] = value;
  }
  return found;
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** Path, header and query values arrive as text; a number or boolean schema wants the parsed value. */
function scalar(raw: string): unknown {
  return /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false)$/.test(raw) ? JSON.parse(raw) : raw;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
