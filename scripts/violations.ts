// What a bad request is, and which documented error answers it. The answers live in the spec: each
// named example of an error response may list, under `x-mock-answers-violation`, the kinds of bad
// request it answers, e.g. `header X-Auth-Token missing` or `body * type`. Nothing here knows a
// particular spec.
import type { OpenAPIV3 } from "openapi-types";

export const EXTENSION = "x-mock-answers-violation";

export type Location = "request" | "path" | "header" | "query" | "body";
export const KINDS = [
  "missing",
  "null",
  "empty",
  "type",
  "invalid",
  "not-json",
  "too-big",
  "method-not-allowed",
  "route-unknown",
] as const;
export type Kind = (typeof KINDS)[number];

/** One thing wrong with a request: where (`at` is a parameter name or a JSON pointer) and what. */
export interface Violation {
  in: Location;
  at: string;
  kind: Kind;
}

/** A named example of an error response, with the violations it answers. */
export interface Answer {
  status: number;
  name: string;
  value: unknown;
  selectors: Violation[];
}

const LOCATIONS: readonly string[] = ["request", "path", "header", "query", "body"];

/** `header X-Auth-Token missing` → { in: header, at: X-Auth-Token, kind: missing }; `body not-json` → at "". */
export function parseSelector(text: string): Violation {
  const words = text.trim().split(/\s+/);
  const [where, at, kind] = words.length === 2 ? [words[0], "", words[1]] : words;
  if (words.length > 3 || !where || !LOCATIONS.includes(where) || !KINDS.includes(kind as Kind)) {
    throw new Error(
      `${EXTENSION}: "${text}" is not "<in> [<name, pointer or *>] <kind>" with in one of ${LOCATIONS.join(", ")} and kind one of ${KINDS.join(", ")}`,
    );
  }
  return { in: where as Location, at: at ?? "", kind: kind as Kind };
}

export function formatViolation(v: Violation): string {
  return [v.in, v.at, v.kind].filter(Boolean).join(" ");
}

/**
 * Every named example of the operation's JSON error responses, in spec order, with its selectors.
 * Works on a dereferenced document.
 */
export function answersOf(operation: OpenAPIV3.OperationObject): Answer[] {
  const answers: Answer[] = [];
  for (const [status, response] of Object.entries(operation.responses)) {
    const code = Number(status);
    if (!(code >= 400 && code < 600)) continue;
    const media = (response as OpenAPIV3.ResponseObject).content?.["application/json"];
    for (const [name, example] of Object.entries(media?.examples ?? {})) {
      const { value, [EXTENSION]: listed } = example as OpenAPIV3.ExampleObject & { [EXTENSION]?: unknown };
      if (listed !== undefined && !Array.isArray(listed)) {
        throw new Error(`${EXTENSION} of example ${name} must be a list`);
      }
      const selectors = ((listed ?? []) as unknown[]).map((s) => parseSelector(String(s)));
      answers.push({ status: code, name, value, selectors });
    }
  }
  return answers;
}

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

/** The shape of an ajv error that classification needs. */
export interface SchemaIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Turns the first schema issue about a value into a violation of the location `where`. */
export function classify(where: Location, name: string, data: unknown, issue: SchemaIssue): Violation {
  const missing = issue.params.missingProperty;
  const pointer =
    issue.keyword === "required" && typeof missing === "string"
      ? `${issue.instancePath}/${missing.replaceAll("~", "~0").replaceAll("/", "~1")}`
      : issue.instancePath;
  const at = where === "body" ? pointer : name;
  if (issue.keyword === "required") return { in: where, at, kind: "missing" };
  const value = valueAt(data, issue.instancePath);
  if (value === null) return { in: where, at, kind: "null" };
  if (value === "") return { in: where, at, kind: "empty" };
  return { in: where, at, kind: issue.keyword === "type" ? "type" : "invalid" };
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
