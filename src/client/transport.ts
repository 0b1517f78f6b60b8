// What openapi-fetch sends a request with: the caller's fetch (or the global one), bounded by the
// attempt's signal even when that fetch ignores it, never following a redirect (it would carry the
// credentials and the body elsewhere), and handing back a body that openapi-fetch or the caller reads
// under the client's limits (a method reads a success's body itself, with readLimitedText).
import { limitedResponse, untilAborted } from "./body-reader.js";
import type { FailureContext } from "./errors/base.js";
import { RedirectError } from "./errors/redirect-error.js";
import type { Fetch } from "./options.js";
import { requestIdOf } from "./request-id.js";

/**
 * The transport of one attempt: sends with `fetch` under `signal`, and throws a RedirectError for a
 * redirect. For a method's attempt (`operation` given) it caps a failure's body at `maxBytes`, the one
 * body openapi-fetch reads itself; a call of `raw` (`operation` undefined) gets the 3xx and every body
 * capped.
 */
export function attemptTransport(
  fetch: Fetch,
  signal: AbortSignal,
  maxBytes: number,
  operation: string | undefined,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await untilAborted(fetch(request, { signal, redirect: "manual" }), signal);
    const redirect = operation === undefined ? undefined : redirectOf(response, request, operation);
    if (redirect) throw redirect;
    if (operation !== undefined && response.ok) return response;
    return limitedResponse(response, maxBytes, signal);
  };
}

/**
 * A RedirectError for a 3xx (Node's fetch with `redirect: "manual"`) or an opaque redirect (a
 * browser's, status 0), naming the target's origin only; `undefined` for any other response.
 */
export function redirectOf(
  response: Response,
  request: Request,
  operation: string,
): RedirectError | undefined {
  const { status } = response;
  if (status !== 0 && (status < 300 || status > 399)) return undefined;
  if (status === 0 && response.type !== "opaqueredirect") return undefined;
  response.body?.cancel().catch(() => {});
  const context: FailureContext = { operation, requestId: requestIdOf(response) };
  return new RedirectError(status, originOf(response.headers.get("location"), request.url), context);
}

function originOf(location: string | null, base: string): string | undefined {
  if (location === null || !URL.canParse(location, base)) return undefined;
  const { origin } = new URL(location, base);
  return origin === "null" ? undefined : origin;
}
