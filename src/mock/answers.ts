// Which documented answer a violation gets, and with what body: the spec's mapping
// (`x-mock-answers-violation`, compiled into each route's answers) applied to one request, and where
// nothing is mapped, the operation's fallback: its documented response for a bad request, with a body
// its error schema accepts that says what was wrong.
import type { FallbackAnswer } from "../../generated/shared-types.js";
import { keysOf } from "../client/json-pointer.js";
import { formatViolation } from "./report.js";
import type { Answer, Location, Route, Verdict, Violation } from "./types.js";

/** What answers a violation: a named example of the spec (`name`), or the fallback (no name). */
export interface Refusal {
  status: number;
  name: string | undefined;
  body: unknown;
  /** False when the operation documents no error response, so no refusal is inside its contract. */
  documented: boolean;
}

/** The answer whose selector names the violation's field exactly, else one with `*`; none when nothing is mapped. */
export function mappedAnswer(answers: readonly Answer[], violation: Violation): Answer | undefined {
  const sameKind = (s: Violation) => s.in === violation.in && s.kind === violation.kind;
  return (
    answers.find((a) => a.selectors.some((s) => sameKind(s) && sameName(s.in, s.at, violation.at))) ??
    answers.find((a) => a.selectors.some((s) => sameKind(s) && s.at === "*"))
  );
}

function sameName(where: Location, a: string, b: string): boolean {
  return where === "header" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * The refusal of a violation on a route (for an undocumented method or path, the route that answers
 * for them): its mapped answer, else its fallback.
 */
export function refusalOf(route: Pick<Route, "answers" | "fallback">, violation: Violation): Refusal {
  const mapped = mappedAnswer(route.answers, violation);
  if (mapped) {
    return {
      status: mapped.status,
      name: mapped.name,
      body: answerBody(mapped, violation),
      documented: true,
    };
  }
  const { status, documented } = route.fallback;
  const body = fallbackBody(route.fallback, formatViolation(violation), "MOCK.UNMAPPED");
  return { status, name: undefined, body, documented };
}

/** The verdict that refuses a violation on a route. */
export function refuse(route: Pick<Route, "answers" | "fallback">, violation: Violation): Verdict {
  const { status, body } = refusalOf(route, violation);
  return { kind: "refused", status, body, violation };
}

/**
 * The fallback's body, each of its describing fields saying what was wrong (`query limit invalid`)
 * and each of its string code fields carrying the mock's `code`.
 */
export function fallbackBody(fallback: FallbackAnswer, text: string, code: string): unknown {
  const { value, describe, codes } = fallback;
  if (typeof value !== "object" || value === null) return value;
  const said = [...describe.map((key) => [key, text]), ...codes.map((key) => [key, code])];
  return { ...value, ...Object.fromEntries(said) };
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
