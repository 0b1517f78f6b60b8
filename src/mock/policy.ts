// How the mocks judge a request, shared by the layer in front of Prism (tools/mock/layer.ts) and the MSW
// handlers (src/mock/msw.ts) so that both answer alike: which operation a request is for (routes.ts),
// what is wrong with it (checks.ts), which documented error answers that (answers.ts), and what its
// `Prefer` asks for (prefer.ts). The mapping lives in the spec (`x-mock-answers-violation` on each
// error example); `npm run generate` compiles it into generated/<stem>.examples.ts, so nothing here
// reads the spec. Runs in browsers: no Node built-ins.
import { answerFor, refuse, refuseWith } from "./answers.js";
import { checkCall } from "./checks.js";
import { preferred } from "./prefer.js";
import { mockError } from "./report.js";
import { routesOn } from "./routes.js";
import type { Answer, Call, Route, Verdict, Violation } from "./types.js";

// tools/mock/server.ts takes these from here.
export { DEFAULT_MAX_BODY_BYTES, type Generated } from "./types.js";

const UNKNOWN: Violation = { in: "request", at: "", kind: "route-unknown" };
/** The answer to a request no route matches, from every operation's answers, once per routes array. */
const UNKNOWN_ANSWERS = new WeakMap<readonly Route[], Answer | undefined>();

/** What the mock does with a request: serve a documented response, or refuse it, and with what. */
export function judge(routes: readonly Route[], call: Call): Verdict {
  const method = call.method.toLowerCase();
  const onPath = routesOn(routes, call.pathname);
  const route = onPath.find((r) => r.method === method);
  if (!route) {
    const first = onPath[0];
    if (!first) return refuseWith(unknownAnswer(routes), UNKNOWN);
    return refuse(first.answers, { in: "request", at: "", kind: "method-not-allowed" });
  }
  const violation = checkCall(route, call);
  if (violation) return refuse(route.answers, violation);
  const chosen = preferred(route, call);
  if (typeof chosen === "string")
    return { kind: "refused", status: 400, body: mockError("MOCK.PREFER", chosen) };
  return { kind: "valid", route, ...chosen };
}

function unknownAnswer(routes: readonly Route[]): Answer | undefined {
  if (!UNKNOWN_ANSWERS.has(routes)) {
    UNKNOWN_ANSWERS.set(
      routes,
      answerFor(
        routes.flatMap((r) => r.answers),
        UNKNOWN,
      ),
    );
  }
  return UNKNOWN_ANSWERS.get(routes);
}
