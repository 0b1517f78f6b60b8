// Which named error example answers a violation, and with what body: the spec's mapping
// (`x-mock-answers-violation`, compiled into each route's answers) applied to one request.
import { keysOf } from "../client/json-pointer.js";
import { formatViolation, mockError } from "./report.js";
import type { Answer, Location, Verdict, Violation } from "./types.js";

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

function sameName(where: Location, a: string, b: string): boolean {
  return where === "header" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The refusal of a violation, with the answer `answerFor` picks from `answers`. */
export function refuse(answers: readonly Answer[], violation: Violation): Verdict {
  return refuseWith(answerFor(answers, violation), violation);
}

/** The refusal of a violation with the answer chosen, or the mock's own 500 when there is none. */
export function refuseWith(chosen: Answer | undefined, violation: Violation): Verdict {
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
    violation.in === "body" ? keysOf(violation.at).join(".") || "body" : violation.at || violation.in;
  const texts = Object.fromEntries(
    Object.entries(message).map(([key, text]) => [key, text.replaceAll("{field}", field)]),
  );
  return { ...value, ...texts };
}
