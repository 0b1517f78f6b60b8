// What a valid request asks to be answered with: a `Prefer` header, or Prism's `__code`-style query,
// checked against the statuses and named examples the operation documents.
import type { Call, Preferences, Route } from "./types.js";

/** The documented response a valid request gets: its status key, the status to send, the example. */
export interface Preferred {
  status: string;
  code: number;
  example: string | undefined;
  prefer: Preferences;
}

/**
 * The response a `Prefer` header (or Prism's `__code`/`__example` query) selects, or why it selects
 * none: Prism would answer that with its own problem+json, the mocks say it in the envelope.
 */
export function preferred(route: Route, call: Call): Preferred | string {
  const header = call.header("prefer");
  const { code, example, dynamic, seed } = header ? preferences(header) : queryPreferences(call.query);
  const { operationId, statuses } = route;
  let status = servedStatus(statuses);
  if (code !== undefined) {
    if (!/^\d{3}$/.test(code) || !(statuses.includes(code) || statuses.includes("default"))) {
      return `Prefer code=${code} is not a status ${operationId} documents (${statuses.join(", ")})`;
    }
    status = statuses.includes(code) ? code : "default";
  }
  if (dynamic !== undefined && dynamic !== "true" && dynamic !== "false") {
    return `Prefer dynamic=${dynamic} must be true or false`;
  }
  const sent = Number(code ?? statusCode(status));
  const prefer: Preferences = {
    ...(code === undefined ? {} : { code: Number(code) }),
    ...(example === undefined ? {} : { example }),
    ...(dynamic === undefined ? {} : { dynamic: dynamic === "true" }),
    ...(seed === undefined ? {} : { seed }),
  };
  const answer = { status, code: Number.isInteger(sent) ? sent : 200, example, prefer };
  if (example === undefined) return answer;
  const names = Object.keys(route.examples[status] ?? {});
  if (names.includes(example)) return answer;
  return `Prefer example=${example} is not an example of ${operationId}'s ${status} response (${names.join(", ") || "it has none"})`;
}

/**
 * The documented response a valid request gets when it asks for none: the first success (`200`
 * before `201`), else the first response the operation documents (an operation may document only
 * errors, or only `default`).
 */
export function servedStatus(statuses: readonly string[]): string {
  return statuses.filter((s) => /^2\d\d$/.test(s)).sort()[0] ?? statuses[0] ?? "200";
}

/** The status a documented response is sent with: its own, else 200 (for `default` or a range). */
export function statusCode(status: string): number {
  return /^\d{3}$/.test(status) ? Number(status) : 200;
}

/**
 * The body a documented response is served with: the example named, else its first, else (for a JSON
 * response the spec gives no example) the sample generated from its schema; none for no body.
 */
export function servedBody(
  route: Route,
  status: string,
  name: string | undefined,
): { value: unknown } | undefined {
  const named = route.examples[status] ?? {};
  const chosen = name ?? Object.keys(named)[0];
  if (chosen !== undefined) return { value: named[chosen] };
  return status in route.samples ? { value: route.samples[status] } : undefined;
}

/**
 * Whether a request asks for a named response: a `Prefer` header (or Prism's `__code`, `__example`
 * or `__dynamic` query). The stateful mode leaves such a request to the named examples.
 */
export function hasPreference(call: Pick<Call, "header" | "query">): boolean {
  return call.header("prefer") !== undefined || Object.keys(queryPreferences(call.query)).length > 0;
}

function preferences(header: string): Partial<Record<string, string>> {
  const found: Partial<Record<string, string>> = {};
  for (const part of header.split(/[,;]/)) {
    const [key, ...rest] = part.split("=");
    if (!key || rest.length === 0) continue;
    found[key.trim().toLowerCase()] = rest
      .join("=")
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  return found;
}

function queryPreferences(query: URLSearchParams): Partial<Record<string, string>> {
  const found: Partial<Record<string, string>> = {};
  for (const key of ["code", "example", "dynamic", "seed"]) {
    const value = query.get(`__${key}`);
    if (value !== null) found[key] = value;
  }
  return found;
}
