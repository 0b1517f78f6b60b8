// How the mocks judge a request, shared by the layer in front of Prism (tools/mock/layer.ts) and the MSW
// handlers (src/mock/handlers.ts) so that both answer alike: which operation a request is for (routes.ts),
// what is wrong with it (checks.ts), which documented error answers that (answers.ts), and what its
// `Prefer` asks for (prefer.ts). The mapping lives in the spec (`x-mock-answers-violation` on each
// error example); `npm run generate` compiles it into generated/<stem>.examples.ts, so nothing here
// reads the spec. Runs in browsers: no Node built-ins.
import { fallbackBody, mappedAnswer, refuse } from "./answers.js";
import { checkCall, checkParameters } from "./checks.js";
import { preferred } from "./prefer.js";
import { mockError } from "./report.js";
import { routesOn } from "./routes.js";
import type { Call, Route, Verdict, Violation } from "./types.js";

// tools/mock/server.ts takes these from here.
export { DEFAULT_MAX_BODY_BYTES, type Generated } from "./types.js";

const UNKNOWN: Violation = { in: "request", at: "", kind: "route-unknown" };
const NOT_ALLOWED: Violation = { in: "request", at: "", kind: "method-not-allowed" };
/** The route whose answers answer a request no route matches, once per routes array. */
const UNKNOWN_ROUTES = new WeakMap<readonly Route[], Pick<Route, "answers" | "fallback"> | undefined>();

/** What the mock does with a request: serve a documented response, or refuse it, and with what. */
export function judge(routes: readonly Route[], call: Call): Verdict {
  const method = call.method.toLowerCase();
  const onPath = routesOn(routes, call.pathname);
  const route = routeFor(onPath, method, call);
  if (!route) {
    const first = onPath[0];
    if (first) return refuse(first, NOT_ALLOWED);
    const unknown = unknownRoute(routes);
    return unknown
      ? refuse(unknown, UNKNOWN)
      : { kind: "refused", status: 404, body: mockError("MOCK.NO_OPERATION", "the spec has no operation") };
  }
  const violation = checkCall(route, call);
  if (violation) return refuse(route, violation);
  const chosen = preferred(route, call);
  if (typeof chosen === "string")
    return {
      kind: "refused",
      status: route.fallback.status,
      body: fallbackBody(route.fallback, chosen, "MOCK.PREFER"),
    };
  return { kind: "valid", route, ...chosen };
}

/**
 * The route the call is for among those its path matches: the first with its method, unless several
 * have it (paths told apart after a `#`, routes.ts), where it is the first whose parameters the call
 * fits, e.g. the one whose required header's enum holds the value sent.
 */
function routeFor(onPath: readonly Route[], method: string, call: Call): Route | undefined {
  const first = onPath.find((r) => r.method === method);
  if (!first) return undefined;
  // Only paths that are one route: a literal segment still beats a template (routes.ts).
  const same = onPath.filter((r) => r.method === method && r.source === first.source);
  if (same.length < 2) return first;
  return same.find((r) => checkParameters(r, call) === undefined) ?? first;
}

/**
 * What answers a path no operation has: the first operation whose answers map `route-unknown`, else
 * the first operation's fallback, in the spec's own error shape.
 */
function unknownRoute(routes: readonly Route[]): Pick<Route, "answers" | "fallback"> | undefined {
  if (!UNKNOWN_ROUTES.has(routes)) {
    const mapping = routes.find((r) => mappedAnswer(r.answers, UNKNOWN) !== undefined);
    UNKNOWN_ROUTES.set(routes, mapping ?? routes[0]);
  }
  return UNKNOWN_ROUTES.get(routes);
}
