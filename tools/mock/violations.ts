// Reads the mock's answers out of a spec: each named example of an error response may list, under
// `x-mock-answers-violation`, the kinds of bad request it answers, e.g. `header X-Api-Key missing`
// or `body * type`. The generator compiles them into generated/; the contract cases derive their
// expectations from them. What a violation is (src/mock/types.ts), and which answer wins (src/mock/answers.ts), is the
// mocks' policy's.
import type { OpenAPIV3 } from "openapi-types";
import {
  type Answer,
  KINDS,
  type Kind,
  LOCATIONS,
  type Location,
  type Violation,
} from "../../src/mock/types.js";

export const EXTENSION = "x-mock-answers-violation";
/** On an error example: top-level keys of its value whose text names the field at fault, `{field}`. */
export const MESSAGE_EXTENSION = "x-mock-message";

/** `header X-Api-Key missing` → { in: header, at: X-Api-Key, kind: missing }; `body not-json` → at "". */
export function parseSelector(text: string): Violation {
  const words = text.trim().split(/\s+/);
  const [where, at, kind] = words.length === 2 ? [words[0], "", words[1]] : words;
  if (words.length > 3 || !where || !LOCATIONS.includes(where as Location) || !KINDS.includes(kind as Kind)) {
    throw new Error(
      `${EXTENSION}: "${text}" is not "<in> [<name, pointer or *>] <kind>" with in one of ${LOCATIONS.join(", ")} and kind one of ${KINDS.join(", ")}`,
    );
  }
  return { in: where as Location, at: at ?? "", kind: kind as Kind };
}

/**
 * Every named example of the operation's JSON error responses, in spec order, with its selectors.
 * Works on a dereferenced document.
 */
export function answersOf(operation: OpenAPIV3.OperationObject): Answer[] {
  const answers: Answer[] = [];
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const code = Number(status);
    if (!(code >= 400 && code < 600)) continue;
    const media = (response as OpenAPIV3.ResponseObject).content?.["application/json"];
    for (const [name, example] of Object.entries(media?.examples ?? {})) {
      const {
        value,
        [EXTENSION]: listed,
        [MESSAGE_EXTENSION]: message,
      } = example as OpenAPIV3.ExampleObject & { [EXTENSION]?: unknown; [MESSAGE_EXTENSION]?: unknown };
      if (listed !== undefined && !Array.isArray(listed)) {
        throw new Error(`${EXTENSION} of example ${name} must be a list`);
      }
      const selectors = ((listed ?? []) as unknown[]).map((s) => parseSelector(String(s)));
      answers.push({ status: code, name, value, selectors, ...mockMessageOf(name, message) });
    }
  }
  return answers;
}

function mockMessageOf(name: string, message: unknown): { message?: Record<string, string> } {
  if (message === undefined) return {};
  const valid =
    typeof message === "object" &&
    message !== null &&
    Object.values(message).every((t) => typeof t === "string" && t.includes("{field}"));
  if (!valid) throw new Error(`${MESSAGE_EXTENSION} of example ${name} must map keys to texts with {field}`);
  return { message: message as Record<string, string> };
}
