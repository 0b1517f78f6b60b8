// What the stateful mock sends for a role's outcome: the body cut down to the properties its schema
// declares, the success example, or the documented refusal; and, before it is sent, the check that
// the operation's response schema accepts it (else the mock's own 500, naming the field).
import { mockError } from "../report.js";
import type { StateAnswer, StatefulOperation } from "../types.js";
import type { Context, Outcome } from "./context.js";
import { successTemplate } from "./items.js";
import { copy, isObject, project, setAt, valueAt } from "./values.js";

export interface StatefulAnswer {
  status: number;
  body: unknown;
}

/** The answer to an outcome, checked against the operation's response schema. */
export function answerOf(
  ctx: Context,
  operationId: string,
  op: StatefulOperation,
  outcome: Outcome,
): StatefulAnswer {
  if ("body" in outcome) {
    const body = copy(outcome.body);
    const template = op.fromExample ? successTemplate(ctx, operationId, op) : undefined;
    for (const pointer of op.fromExample ?? []) {
      const value = valueAt(template, pointer);
      if (value !== undefined && isObject(body)) setAt(body, pointer, value);
    }
    return checked(ctx, operationId, op.success, project(body, op.shape));
  }
  if ("example" in outcome)
    return checked(ctx, operationId, op.success, successTemplate(ctx, operationId, op));
  const documented = op.errors[outcome.error];
  if (documented) return checked(ctx, operationId, documented, errorBody(ctx, operationId, documented));
  // Nothing documented for this case: the operation's answer to a bad request, as the policy makes it.
  const fallback = ctx.generated.policy[operationId]?.fallback;
  const status = fallback?.status ?? 400;
  return checked(ctx, operationId, { status: String(status), code: status }, copy(fallback?.value));
}

/** The named example of a documented refusal, else the status's first example, else its sample. */
function errorBody(ctx: Context, operationId: string, answer: StateAnswer): unknown {
  if (answer.value !== undefined) return copy(answer.value);
  const named = ctx.generated.examples[operationId]?.responses[answer.status];
  const value = answer.example === undefined ? Object.values(named ?? {})[0] : named?.[answer.example];
  return copy(value ?? ctx.generated.samples?.[operationId]?.[answer.status]);
}

/** The answer if the response schema of its status allows it; else the mock's own error, naming why. */
function checked(ctx: Context, operationId: string, answer: StateAnswer, body: unknown): StatefulAnswer {
  const responses = ctx.contracts.get(operationId)?.responses ?? {};
  const contract = responses[answer.status] ?? responses[`${String(answer.code)[0]}XX`] ?? responses.default;
  const fault = (why: string) => ({
    status: 500,
    body: mockError("MOCK.INVALID_ANSWER", `the stateful answer to ${operationId} ${why}`),
  });
  if (contract === undefined || contract === "empty" || contract === "text") {
    return { status: answer.code, body: contract === undefined ? body : undefined };
  }
  if (body === undefined) return fault(`has no example of its ${answer.status} response to answer with`);
  if (contract(body)) return { status: answer.code, body };
  const issue = contract.errors?.[0];
  const where = issue ? `${issue.instancePath || "/"} ${issue.message ?? issue.keyword}` : "";
  return fault(`breaks its ${answer.status} response schema: ${where}`);
}
