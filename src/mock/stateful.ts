// The mocks' opt-in stateful mode, for any spec: what the spec's plan (generated/<spec>.examples.ts's
// `state`, inferred from REST conventions or declared by `x-mock-state`) makes stateful is answered from
// what earlier calls stored (src/mock/state/). It answers only requests the shared policy (policy.ts
// `judge`) found valid and that ask for no named example (`Prefer`). Runs in browsers (the MSW
// handlers) and in Node (the mock server): no Node built-ins.
import { readJson } from "./body.js";
import { hasPreference } from "./prefer.js";
import { pathParameters } from "./routes.js";
import type { StatefulAnswer } from "./state/answers.js";
import type { StatefulRequest } from "./state/context.js";
import { createStateEngine, type StateEngine, type StatefulMockOptions } from "./state/engine.js";
import type { Call, Generated, Route, Verdict } from "./types.js";

export type { StatefulAnswer } from "./state/answers.js";
export { STATEFUL_LIMITS, type StatefulLimits, type StatefulRequest } from "./state/context.js";
export { describeState, type StateLine } from "./state/describe.js";
export type { StatefulMockOptions } from "./state/engine.js";

/** Where both mocks answer a reset: outside the API's paths, below the API's root. */
export const RESET_PATH = "/__mock/reset";

export interface StatefulMock extends StateEngine {
  /**
   * The answer to a call `judge()` found valid, or `undefined` when the call is the stateless
   * mock's: refused, asking for a named example (`Prefer`), or an operation the plan leaves stateless.
   */
  answerJudged(verdict: Verdict, call: Call): StatefulAnswer | undefined;
  /** The answer to `POST /__mock/reset`: forgets the scopes its query's parameters match, or all. */
  answerReset(query: URLSearchParams): StatefulAnswer;
}

/** A stateful mock of the spec whose generated modules are given; every scope starts empty. */
export function createStatefulMock(generated: Generated, options: StatefulMockOptions = {}): StatefulMock {
  const engine = createStateEngine(generated, options);
  const contracts = new Map(Object.values(generated.operations).map((c) => [c.operationId, c]));
  /** Whether a route is this spec's operation of that id, not another spec's of the same name. */
  const isThisApi = (route: Route) => {
    const contract = contracts.get(route.operationId);
    return contract?.path === route.path && contract.method === route.method;
  };
  return Object.assign(engine, {
    answerJudged(verdict: Verdict, call: Call) {
      if (verdict.kind !== "valid" || hasPreference(call) || !isThisApi(verdict.route)) return undefined;
      return engine.answer(requestOf(verdict, call));
    },
    answerReset(query: URLSearchParams) {
      engine.reset(Object.fromEntries(query));
      return { status: 204, body: undefined };
    },
  });
}

/** Whether a request is the reset (`POST /__mock/reset`, any query), below the API's root. */
export function isReset(call: Pick<Call, "method" | "pathname">): boolean {
  return call.method.toUpperCase() === "POST" && call.pathname === RESET_PATH;
}

/** A judged call as the stateful mock reads it: its path parameters decoded, its JSON body parsed. */
export function requestOf(verdict: Extract<Verdict, { kind: "valid" }>, call: Call): StatefulRequest {
  const { route } = verdict;
  // judge() has decoded every segment already, so none can throw here.
  const params = Object.fromEntries(
    [...pathParameters(route, call.pathname)].map(([name, raw]) => [name, decodeURIComponent(raw)]),
  );
  return { operationId: route.operationId, params, query: call.query, body: parsedBody(call.body) };
}

/** The body as JSON (judge() has read it already), or `undefined` when there is none or it is not JSON. */
function parsedBody(body: Uint8Array): unknown {
  if (body.length === 0) return undefined;
  const reading = readJson(body);
  return reading.ok ? reading.value : undefined;
}
