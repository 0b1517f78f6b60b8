// The stateful mock of any spec: it runs the plan generated/<spec>.examples.ts's `state` holds (each
// operation's resource, role, key and documented refusals), one engine for the mock server and the
// MSW handlers. Runs in browsers and in Node: no Node built-ins.
import type { Generated, StatefulOperation, StatePlan } from "../types.js";
import { answerOf, type StatefulAnswer } from "./answers.js";
import { type Context, STATEFUL_LIMITS, type StatefulLimits, type StatefulRequest } from "./context.js";
import { requestKey } from "./items.js";
import { ROLES } from "./roles.js";
import { StateStore } from "./store.js";

export interface StatefulMockOptions {
  /** The mock's caps; any left out keep their value in `STATEFUL_LIMITS`. */
  limits?: Partial<StatefulLimits>;
  /** Items per scope for a resource, by resource name, in place of the spec's `cap`. */
  caps?: Readonly<Record<string, number>>;
  /** The clock for fields declared `now`, in milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
}

export interface StateEngine {
  /** The answer to a valid request, or `undefined` for an operation the plan does not make stateful. */
  answer(request: StatefulRequest): StatefulAnswer | undefined;
  /** Forgets every scope whose parameters include all of `match` (e.g. `{ owner: "a" }`); all without one. */
  reset(match?: Readonly<Record<string, string>>): void;
  /** How many scopes the mock holds now. */
  readonly scopes: number;
  /** The plan it runs. */
  readonly plan: StatePlan;
}

/** The engine for one spec's generated modules; every scope starts empty. */
export function createStateEngine(generated: Generated, options: StatefulMockOptions = {}): StateEngine {
  const plan = generated.state ?? { operations: {}, stateless: {} };
  const limits = limitsOf(options.limits);
  const caps = options.caps ?? {};
  for (const [name, value] of Object.entries(caps)) wholeNumber(`caps.${name}`, value);
  const ctx = contextOf(generated, plan, { limits, caps, now: options.now ?? Date.now });
  return {
    answer(request) {
      const declared = plan.operations[request.operationId];
      if (!declared) return undefined;
      const op =
        declared.unkeyed && requestKey(declared, request) === undefined ? declared.unkeyed : declared;
      return answerOf(ctx, request.operationId, op, ROLES[op.role](ctx, request.operationId, op, request));
    },
    reset: (match) => ctx.store.reset(match),
    get scopes() {
      return ctx.store.size;
    },
    plan,
  };
}

function contextOf(
  generated: Generated,
  plan: StatePlan,
  given: Pick<Context, "limits" | "caps" | "now">,
): Context {
  const ops: StatefulOperation[] = Object.values(plan.operations);
  const parents = new Map(ops.map((op) => [op.resource, op.parent]));
  const children = new Map<string, string[]>();
  for (const [resource, parent] of parents) {
    if (parent) children.set(parent.resource, [...(children.get(parent.resource) ?? []), resource]);
  }
  return {
    ...given,
    store: new StateStore(given.limits.scopes),
    plan,
    generated,
    contracts: new Map(Object.values(generated.operations).map((c) => [c.operationId, c])),
    parents,
    children,
    creates: new Map(ops.filter((op) => op.role === "create").map((op) => [op.resource, op])),
  };
}

/** The caps, each a whole number of at least 1, or an error that names the one that is not. */
function limitsOf(given: Partial<StatefulLimits> = {}): StatefulLimits {
  const limits = { ...STATEFUL_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) wholeNumber(`limits.${name}`, value);
  return limits;
}

function wholeNumber(name: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new TypeError(`stateful ${name} must be a whole number of at least 1, got ${String(value)}`);
  }
}
