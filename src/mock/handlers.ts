// MSW request handlers that answer as the mock does (`npm run mock`), for any spec's generated
// modules: both mocks judge a request by the same policy (policy.ts, from generated/); where the mock
// hands a valid request to Prism, the handlers pick the spec's named example as Prism does. The
// package's `/msw` entry (msw.ts) exports them with the bundled specs' handlers.
import { type HttpHandler, HttpResponse, http, type JsonBodyType } from "msw";
import { formOf } from "./body.js";
import { preflightAnswer } from "./cors.js";
import { judge } from "./policy.js";
import { servedBody } from "./prefer.js";
import { headerJson, slViolation } from "./report.js";
import { literalSource, routesOf } from "./routes.js";
import { createStatefulMock, RESET_PATH, type StatefulMock, type StatefulMockOptions } from "./stateful.js";
import { type Call, DEFAULT_MAX_BODY_BYTES, type Generated, type Route } from "./types.js";

export interface HandlerOptions {
  /**
   * Absolute URL of the API's root, e.g. `https://api.example.com/v1`; every
   * request under it is answered, an undocumented path too. Default: the spec's first server (its
   * variables at their defaults), or, for a server given as a path, that path on the page's origin.
   */
  baseUrl?: string;
  /** A `Prefer` value for requests that carry none, e.g. `"code=400, example=token-empty"` to force a scenario. */
  prefer?: string;
  /**
   * Remember what is created (docs/stateful-mock.md), with the mock's caps or the ones given;
   * `POST <root>/__mock/reset` and the handlers' `reset()` forget it. Default: off.
   */
  stateful?: boolean | StatefulMockOptions;
}

/** The handlers of the stateful mode, with the function that forgets one scope's state, or all. */
export type StatefulHandlers = HttpHandler[] & {
  /** Forgets the scopes whose parameters include all of `match` (e.g. `{ owner: "a" }`), or every scope. */
  reset(match?: Readonly<Record<string, string>>): void;
};

/**
 * One handler for every operation of a spec's generated modules. Like the mock: a valid request gets
 * the first success example, or the example `Prefer: code=STATUS, example=NAME` names; a request the
 * spec forbids gets the error example the spec maps to what is wrong with it (else the operation's
 * documented bad-request answer), whatever it prefers. With `stateful`, a valid request without
 * `Prefer` to an operation the spec's plan makes stateful is answered from the remembered state
 * instead (src/mock/stateful.ts), and `reset()` comes
 * with them.
 */
export function createHandlers(
  generated: Generated,
  options: HandlerOptions & { stateful: true | StatefulMockOptions },
): StatefulHandlers;
export function createHandlers(generated: Generated, options?: HandlerOptions): HttpHandler[];
export function createHandlers(
  generated: Generated,
  options: HandlerOptions = {},
): HttpHandler[] | StatefulHandlers {
  const state = options.stateful
    ? createStatefulMock(generated, options.stateful === true ? {} : options.stateful)
    : undefined;
  const routes = routesOf(generated);
  const root = rootOf(options.baseUrl, generated.servers);
  const prefix = root.pathname.replace(/\/+$/, "");
  // MSW matches the URL without its query. Only a regular expression matches an empty path segment,
  // which the mock answers too; it has no capturing group, so MSW decodes nothing it could choke on.
  const where = new RegExp(`^${literalSource(root.origin + prefix)}(?:/.*)?$`);
  const handlers = [http.all(where, ({ request }) => answer(request, { routes, prefix, options, state }))];
  if (!state) return handlers;
  // First, so that the root's catch-all does not take it for an undocumented path.
  return Object.assign([resetHandler(root, prefix, state), ...handlers], {
    reset: (match?: Readonly<Record<string, string>>) => state.reset(match),
  });
}

interface Serving {
  routes: readonly Route[];
  prefix: string;
  options: HandlerOptions;
  state: StatefulMock | undefined;
}

async function answer(request: Request, { routes, prefix, options, state }: Serving): Promise<Response> {
  const url = new URL(request.url);
  const body = new Uint8Array(await request.arrayBuffer());
  const tooBig = body.length > DEFAULT_MAX_BODY_BYTES;
  const call: Call = {
    method: request.method,
    pathname: url.pathname.slice(prefix.length),
    query: url.searchParams,
    header: (name) => request.headers.get(name) ?? (name === "prefer" ? options.prefer : undefined),
    body: tooBig ? new Uint8Array() : body,
    tooBig,
    form: tooBig ? undefined : await formOf(body, request.headers.get("content-type") ?? undefined),
  };
  const preflight = preflightAnswer(call);
  if (preflight) return new HttpResponse(null, preflight);
  const verdict = judge(routes, call);
  if (verdict.kind === "refused") {
    const { status, body: refusal, violation } = verdict;
    // Prism's header for what was wrong, as the mock sends it, so devtools show why.
    const headers = violation ? { "sl-violations": headerJson([slViolation(violation)]) } : {};
    // A documented refusal without a body is sent without one, as the mock sends it.
    if (refusal === undefined) return new HttpResponse(null, { status, headers });
    return HttpResponse.json(refusal as JsonBodyType, { status, headers });
  }
  const stored = state?.answerJudged(verdict, call);
  if (stored) {
    // A documented answer without a body is sent without one, as the mock sends it.
    if (stored.body === undefined) return new HttpResponse(null, { status: stored.status });
    return HttpResponse.json(stored.body as JsonBodyType, { status: stored.status });
  }
  return exampleResponse(verdict.route, verdict.status, verdict.code, verdict.example);
}

/** The stateful mode's `POST /__mock/reset` below the API's root. */
function resetHandler(root: URL, prefix: string, state: StatefulMock): HttpHandler {
  return http.post(`${root.origin}${prefix}${RESET_PATH}`, ({ request }) => {
    const answer = state.answerReset(new URL(request.url).searchParams);
    return new HttpResponse(null, { status: answer.status });
  });
}

/** The example the mock serves (prefer.ts `servedBody`): named, first, or sample; no body without one. */
function exampleResponse(route: Route, status: string, code: number, name: string | undefined): Response {
  const served = servedBody(route, status, name);
  if (served === undefined) return new HttpResponse(null, { status: code });
  // Every example is JSON: the spec holds them as YAML values.
  return HttpResponse.json(served.value as JsonBodyType, { status: code });
}

/** The API's root: the given base URL, else the spec's first server (a path one on the page's origin). */
function rootOf(baseUrl: string | undefined, servers: readonly string[] | undefined): URL {
  const given = baseUrl ?? servers?.[0];
  const page = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (given !== undefined && URL.canParse(given, page)) return new URL(given, page);
  throw new Error(
    baseUrl === undefined
      ? "the spec names no absolute server URL: pass baseUrl, e.g. createHandlers(generated, { baseUrl: 'https://api.example' })"
      : `baseUrl must be an absolute URL such as https://api.example.com, got ${baseUrl}`,
  );
}
