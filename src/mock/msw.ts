// MSW request handlers that answer as the mock does (`npm run mock`), for frontend tests and Storybook
// with no mock process. Entry `huaweicloud-image-search/msw`; it needs msw 2, which the client itself
// never imports. Both mocks judge a request by the same policy (policy.ts, from generated/); where
// the mock hands a valid request to Prism, the handlers pick the spec's named example as Prism does.
import { type HttpHandler, HttpResponse, http, type JsonBodyType } from "msw";
import { examples, policy } from "../../generated/image-search.examples.js";
import { operations } from "../../generated/image-search.validators.js";
import { preflightAnswer } from "./cors.js";
import { judge } from "./policy.js";
import { slViolation } from "./report.js";
import { literalSource, routesOf } from "./routes.js";
import { createStatefulMock, RESET_PATH, type StatefulMock, type StatefulMockOptions } from "./stateful.js";
import { type Call, DEFAULT_MAX_BODY_BYTES, type Route } from "./types.js";

export interface HandlerOptions {
  /**
   * Absolute URL of the API's root, e.g. `https://imagesearch.ap-southeast-1.myhuaweicloud.com`; then
   * every request under it is answered, an undocumented path too. Default: the documented paths on
   * any origin.
   */
  baseUrl?: string;
  /** A `Prefer` value for requests that carry none, e.g. `"code=400, example=token-empty"` to force a scenario. */
  prefer?: string;
  /**
   * Remember instances and images per project id (docs/stateful-mock.md), with the mock's caps or
   * the ones given; `POST <root>/__mock/reset` and the handlers' `reset()` forget them. Default: off.
   */
  stateful?: boolean | StatefulMockOptions;
}

/** The handlers of the stateful mode, with the function that forgets one project's state, or all. */
export type StatefulHandlers = HttpHandler[] & { reset(projectId?: string): void };

type Examples = typeof examples;

/** The name of each 400 example in the spec: the error states `Prefer: code=400, example=NAME` selects. */
export type ErrorScenario = {
  [Op in keyof Examples]: keyof Examples[Op]["responses"]["400"] & string;
}[keyof Examples];

/**
 * One handler for every operation. Like the mock: a valid request gets the first 200 example, or the
 * example `Prefer: code=STATUS, example=NAME` names; a request the spec forbids gets the error example
 * the spec maps to what is wrong with it, whatever it prefers; a `Prefer` that names nothing the spec
 * documents gets the `MOCK.PREFER` envelope. With `stateful`, a valid request without `Prefer` is
 * answered from the remembered state instead (src/mock/stateful.ts), and `reset()` comes with them.
 */
export function createImageSearchHandlers(
  options: HandlerOptions & { stateful: true | StatefulMockOptions },
): StatefulHandlers;
export function createImageSearchHandlers(options?: HandlerOptions): HttpHandler[];
export function createImageSearchHandlers(options: HandlerOptions = {}): HttpHandler[] | StatefulHandlers {
  const state = options.stateful
    ? createStatefulMock(options.stateful === true ? {} : options.stateful)
    : undefined;
  const routes = routesOf({ operations, examples, policy });
  const root = options.baseUrl === undefined ? undefined : absolute(options.baseUrl);
  const prefix = root?.pathname.replace(/\/+$/, "") ?? "";
  // MSW matches the URL without its query. Only a regular expression matches an empty path segment,
  // which the mock answers too; it has no capturing group, so MSW decodes nothing it could choke on.
  const where = root
    ? new RegExp(`^${literalSource(root.origin + prefix)}(?:/.*)?$`)
    : new RegExp(`^[a-z][a-z0-9+.-]*://[^/]+(?:${routes.map((r) => r.source).join("|")})$`);

  const handlers = [
    http.all(where, async ({ request }) => {
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
      };
      const preflight = preflightAnswer(call);
      if (preflight) return new HttpResponse(null, preflight);
      const verdict = judge(routes, call);
      if (verdict.kind === "refused") {
        const { status, body: answer, violation } = verdict;
        // Prism's header for what was wrong, as the mock sends it, so devtools show why.
        const headers = violation ? { "sl-violations": JSON.stringify([slViolation(violation)]) } : {};
        return HttpResponse.json(answer as JsonBodyType, { status, headers });
      }
      const stored = state?.answerJudged(verdict, call);
      if (stored) return HttpResponse.json(stored.body as JsonBodyType, { status: stored.status });
      return HttpResponse.json(exampleOf(verdict.route, verdict.status, verdict.example), {
        status: verdict.code,
      });
    }),
  ];
  if (!state) return handlers;
  // First, so that a baseUrl's catch-all does not take it for an undocumented path.
  return Object.assign([resetHandler(root, prefix, state), ...handlers], {
    reset: (projectId?: string) => state.reset(projectId),
  });
}

/** The stateful mode's `POST /__mock/reset` below the API's root (on any origin, without a baseUrl). */
function resetHandler(root: URL | undefined, prefix: string, state: StatefulMock): HttpHandler {
  const where = root
    ? `${root.origin}${prefix}${RESET_PATH}`
    : new RegExp(`^[a-z][a-z0-9+.-]*://[^/]+${literalSource(RESET_PATH)}$`);
  return http.post(where, ({ request }) => {
    const answer = state.answerReset(new URL(request.url).searchParams);
    return new HttpResponse(null, { status: answer.status });
  });
}

/** The named example Prism would serve: the one named, else the status's first. */
function exampleOf(route: Route, status: string, name: string | undefined): JsonBodyType {
  const named = route.examples[status] ?? {};
  const chosen = name ?? Object.keys(named)[0];
  // MSW turns a thrown error into a 500 that names it; Prism would make a body up from the schema.
  if (chosen === undefined) throw new Error(`${route.operationId}'s ${status} response has no named example`);
  // Every example is JSON: the spec holds them as YAML values.
  return named[chosen] as JsonBodyType;
}

function absolute(baseUrl: string): URL {
  try {
    return new URL(baseUrl);
  } catch {
    throw new Error(
      `baseUrl must be an absolute URL such as https://imagesearch.cn-north-4.myhuaweicloud.com, got ${baseUrl}`,
    );
  }
}
