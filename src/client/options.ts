// Checks of options that could never work, shared by the client and the IAM token provider: each
// throws InvalidInputError naming the option before anything is sent, and never quotes a secret.
import { InvalidInputError } from "./errors/invalid-input-error.js";

/** The longest delay a timer can hold (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// A header value is a ByteString (no character past U+00FF) without CR, LF or NUL (which would split
// the request); fetch refuses anything else, but only when the request is built, on every attempt.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters refused
const NOT_A_HEADER_VALUE = /[\r\n\0]|[^\u0000-\u00ff]/;

type Context = { operation: string };

/** The options argument itself, before any of its fields is read. */
export function checkOptionsObject(options: unknown, context: Context): void {
  if (typeof options !== "object" || options === null) {
    throw new InvalidInputError("options", "must be an object", context);
  }
}

/** What the client and the IAM provider send with: fetch, as they call it. */
export type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * The `fetch` option, checked, or else the global fetch looked up per call, so that one patched after
 * the client was made (MSW) still applies.
 */
export function fetchOption(fetch: unknown, context: Context): Fetch {
  if (fetch === undefined) return (input, init) => globalThis.fetch(input, init);
  if (typeof fetch !== "function") throw new InvalidInputError("fetch", "must be a function", context);
  return fetch as Fetch;
}

/**
 * The endpoint as a base URL without a trailing slash: absolute, `https:` (or `http:` on loopback,
 * or anywhere with `allowInsecureHttp`), with no user info (it would be sent nowhere useful and
 * show up in errors), no query and no fragment (the request path would land inside them).
 */
export function checkEndpoint(
  endpoint: unknown,
  field: string,
  allowInsecureHttp: boolean,
  context: Context,
): string {
  if (typeof endpoint !== "string" || !URL.canParse(endpoint)) {
    throw new InvalidInputError(field, "must be an absolute URL", context);
  }
  const url = new URL(endpoint);
  if (url.username !== "" || url.password !== "") {
    throw new InvalidInputError(field, "must not carry a user name or password (user:password@)", context);
  }
  if (url.search !== "" || url.hash !== "" || endpoint.includes("?") || endpoint.includes("#")) {
    throw new InvalidInputError(field, "must not have a ?query or #fragment", context);
  }
  const plainHttpAllowed = allowInsecureHttp || LOOPBACK.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && plainHttpAllowed)) {
    throw new InvalidInputError(
      field,
      "must be https: (http: is allowed for loopback, or with allowInsecureHttp: true)",
      context,
    );
  }
  return url.href.replace(/\/+$/, "");
}

/** A whole number of milliseconds a timer can hold: from `min` to {@link MAX_TIMER_MS}. */
export function checkMilliseconds(value: unknown, field: string, min: number, context: Context): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > MAX_TIMER_MS) {
    throw new InvalidInputError(
      field,
      `must be a whole number of milliseconds from ${min} to ${MAX_TIMER_MS}`,
      context,
    );
  }
  return value;
}

/** A whole number from `min` to `max`. */
export function checkCount(
  value: unknown,
  field: string,
  min: number,
  max: number,
  context: Context,
): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(field, `must be a whole number from ${min} to ${max}`, context);
  }
  return value;
}

/** Header names that are tokens and values without CR, LF or NUL (which would split the request). */
export function checkHeaders(headers: unknown, field: string, context: Context): void {
  if (headers === undefined) return;
  if (typeof headers !== "object" || headers === null) {
    throw new InvalidInputError(field, "must be an object of header names and values", context);
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      throw new InvalidInputError(`${field}`, "has a name that is not a header name", context);
    }
    checkHeaderValue(value, `${field}.${name}`, context);
  }
}

/** A header value: a string of Latin-1 characters without CR, LF or NUL. */
export function checkHeaderValue(value: unknown, field: string, context: Context): asserts value is string {
  if (typeof value !== "string" || NOT_A_HEADER_VALUE.test(value)) {
    throw new InvalidInputError(
      field,
      "must be a string of Latin-1 characters without CR, LF or NUL",
      context,
    );
  }
}
