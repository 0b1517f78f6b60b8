// The mock's error mapping as the spec states it (`x-mock-answers-violation` on each named error
// example), read from the parsed spec, so that no test restates which error answers which bad
// request: a test names the violation it sends, and expects what the spec maps it to.
import type { OpenAPIV3 } from "openapi-types";
import { answerBody, mappedAnswer } from "../../src/mock/answers.js";
import { formatViolation } from "../../src/mock/report.js";
import { bySpecificity } from "../../src/mock/routes.js";
import type { Violation } from "../../src/mock/types.js";
import { answersOf } from "../../tools/mock/violations.js";
import { operationsOf } from "../../tools/shared/openapi.js";

export interface SpecAnswer {
  status: number;
  /** The named example's name, e.g. `path-null`. */
  name: string;
  /** The body the mock sends: the example's value, its `x-mock-message` texts naming the field. */
  value: unknown;
}

/**
 * The answer the spec maps a violation to on an operation; without one (a path no operation has),
 * the one of any operation, the most specific path first, as the mocks pick it.
 */
export function specAnswer(api: OpenAPIV3.Document, violation: Violation, operationId?: string): SpecAnswer {
  const operations = operationsOf(api)
    .filter((op) => operationId === undefined || op.operationId === operationId)
    .sort((a, b) => bySpecificity(a.path, b.path));
  if (operations.length === 0) throw new Error(`no operation ${operationId} in the spec`);
  const answer = mappedAnswer(
    operations.flatMap((op) => answersOf(op.operation)),
    violation,
  );
  if (!answer) throw new Error(`the spec maps nothing to ${formatViolation(violation)} on ${operationId}`);
  return { status: answer.status, name: answer.name, value: answerBody(answer, violation) };
}
