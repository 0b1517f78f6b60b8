// The mocks' opt-in stateful mode: instances and image libraries kept per project id, so that an
// image added can be checked, found, modified and deleted. It answers only requests the shared
// policy (policy.ts `judge`) found valid and that ask for no named example (`Prefer`); every
// answer it gives is checked against the operation's response schema first. Runs in browsers (the
// MSW handlers) and in Node (the mock server): no Node built-ins.
import { examples } from "../../generated/image-search.examples.js";
import { operations } from "../../generated/image-search.operations.js";
import { HANDLERS, type Outcome, type StatefulRequest } from "./operations.js";
import { hasPreference } from "./prefer.js";
import { mockError } from "./report.js";
import { pathParameters } from "./routes.js";
import { STATEFUL_LIMITS, STATEFUL_RULES, type StatefulLimits } from "./rules.js";
import { ProjectStore } from "./store.js";
import type { Call, Generated, Route, Verdict } from "./types.js";

const contracts = new Map(Object.values(operations).map((c) => [c.operationId, c]));

export type { StatefulRequest } from "./operations.js";
export { STATEFUL_LIMITS, STATEFUL_RULES, type StatefulLimits } from "./rules.js";

/** Where both mocks answer a reset: outside the API's paths, below the API's root. */
export const RESET_PATH = "/__mock/reset";

export interface StatefulAnswer {
  status: number;
  body: unknown;
}

export interface StatefulMockOptions {
  /** The mock's caps; any left out keep their value in `STATEFUL_LIMITS`. */
  limits?: Partial<StatefulLimits>;
  /** The clock for `registerDate`, in milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
}

export interface StatefulMock {
  /** The answer to a valid request, or `undefined` for an operation the mode does not answer. */
  answer(request: StatefulRequest): StatefulAnswer | undefined;
  /**
   * The answer to a call `judge()` found valid, or `undefined` when the call is the stateless
   * mock's: refused, asking for a named example (`Prefer`), or an operation the mode does not know
   * (one of another spec, too: the mock server takes any spec).
   */
  answerJudged(verdict: Verdict, call: Call): StatefulAnswer | undefined;
  /** The answer to `POST /__mock/reset`: forgets the `project_id` of the query, or every project. */
  answerReset(query: URLSearchParams): StatefulAnswer;
  /** Forgets one project's state, or every project's: each starts empty again. */
  reset(projectId?: string): void;
  /** How many projects the mock holds now. */
  readonly projects: number;
}

/** A stateful mock whose every project starts empty. */
export function createStatefulMock(options: StatefulMockOptions = {}, _generated?: Generated): StatefulMock {
  const limits = limitsOf(options.limits);
  const state = { store: new ProjectStore(limits.projects), limits, now: options.now ?? Date.now };
  const mock: StatefulMock = {
    answer(request) {
      const handler = HANDLERS[request.operationId];
      return handler ? checked(request.operationId, handler(state, request)) : undefined;
    },
    answerJudged(verdict, call) {
      if (verdict.kind !== "valid" || hasPreference(call) || !isThisApi(verdict.route)) return undefined;
      return mock.answer(requestOf(verdict, call));
    },
    answerReset(query) {
      mock.reset(query.get("project_id") ?? undefined);
      return { status: 204, body: undefined };
    },
    reset: (projectId) => state.store.reset(projectId),
    get projects() {
      return state.store.size;
    },
  };
  return mock;
}

/** The caps, each a whole number of at least 1, or an error that names the one that is not. */
function limitsOf(given: Partial<StatefulLimits> = {}): StatefulLimits {
  const limits = { ...STATEFUL_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new TypeError(
        `stateful limits.${name} must be a whole number of at least 1, got ${String(value)}`,
      );
    }
  }
  return limits;
}

/** Whether a request is the reset (`POST /__mock/reset`, any query), below the API's root. */
export function isReset(call: Pick<Call, "method" | "pathname">): boolean {
  return call.method.toUpperCase() === "POST" && call.pathname === RESET_PATH;
}

/** Whether a route is this spec's operation of that id, not another spec's of the same name. */
function isThisApi(route: Route): boolean {
  const contract = contracts.get(route.operationId);
  return contract?.path === route.path && contract.method === route.method;
}

/** A judged call as the stateful mock reads it: its path parameters decoded, its body parsed. */
export function requestOf(verdict: Extract<Verdict, { kind: "valid" }>, call: Call): StatefulRequest {
  const { route } = verdict;
  // judge() has decoded every segment and parsed the body already, so neither can throw here.
  const params = Object.fromEntries(
    [...pathParameters(route, call.pathname)].map(([name, raw]) => [name, decodeURIComponent(raw)]),
  );
  const body = call.body.length === 0 ? undefined : JSON.parse(new TextDecoder().decode(call.body));
  return { operationId: route.operationId, projectId: params.project_id ?? "", params, body };
}

/** The outcome as an answer, if the operation's response schema allows it; else the mock's own error. */
function checked(operationId: string, outcome: Outcome): StatefulAnswer {
  const status = "rule" in outcome ? "400" : outcome.status;
  const body = "rule" in outcome ? refusal(operationId, outcome.rule) : outcome.body;
  const validate = contracts.get(operationId)?.responses[status];
  const fault = (why: string) => ({
    status: 500,
    body: mockError("MOCK.INVALID_ANSWER", `the stateful answer to ${operationId} ${why}`),
  });
  if (body === undefined) return fault(`has no named ${status} example to answer with`);
  if (!validate) return fault(`has a status the operation does not document: ${status}`);
  if (typeof validate !== "function") return fault(`has no schema for its ${status} response`);
  if (validate(body)) return { status: Number(status), body };
  const issue = validate.errors?.[0];
  const where = issue ? `${issue.instancePath || "/"} ${issue.message ?? issue.keyword}` : "";
  return fault(`breaks its ${status} response schema: ${where}`);
}

/** The spec's named 400 example a rule answers with, for this operation. */
function refusal(operationId: string, rule: keyof typeof STATEFUL_RULES): unknown {
  const named = examples[operationId as keyof typeof examples]?.responses["400"] as
    | Readonly<Record<string, unknown>>
    | undefined;
  return named?.[STATEFUL_RULES[rule].example];
}
