// What the client reads of a response, read the same way for the service and for IAM: the body as a
// stream with a cap on its decoded bytes (a hostile or broken server can send an endless body or a
// compression bomb), and a redirect as an error, never followed (it would carry the credentials and
// the body elsewhere).

import type { FailureContext } from "./errors/base.js";
import { RedirectError } from "./errors/redirect-error.js";
import { ResponseTooLargeError } from "./errors/response-too-large-error.js";
import { requestIdOf } from "./wire.js";

/**
 * Default cap on a response body's decoded bytes, 16 MiB. The largest answer the provider documents
 * is a search with `limit` 100: a hundred results of a path and a few tags, well under 1 MiB even
 * with 4 KiB paths and tag values; 16 MiB leaves a margin of more than ten times that.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** The reader of a body being read, so a time limit can cancel it even if the transport ignores signals. */
export interface BodyReading {
  reader?: ReadableStreamDefaultReader<Uint8Array>;
}

/** The body as text; throws ResponseTooLargeError, and cancels the stream, past `maxBytes`. */
export async function readBodyText(
  response: Response,
  maxBytes: number,
  operation: string,
  reading: BodyReading = {},
): Promise<string> {
  const body = response.body;
  if (body === null) return "";
  const reader = body.getReader();
  reading.reader = reader;
  const first = await reader.read();
  if (first.done) return "";
  if (first.value.byteLength > maxBytes) throw tooLarge(reader, response, maxBytes, operation);
  const second = await reader.read();
  // Most answers arrive in one chunk: decoded whole, by a decoder that keeps no state between calls.
  if (second.done) return wholeDecoder.decode(first.value);
  const decoder = new TextDecoder();
  let text = decoder.decode(first.value, { stream: true });
  let bytes = first.value.byteLength;
  for (let chunk: ReadableStreamReadResult<Uint8Array> = second; !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    if (bytes > maxBytes) throw tooLarge(reader, response, maxBytes, operation);
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text + decoder.decode();
}

const wholeDecoder = new TextDecoder();

function tooLarge(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  response: Response,
  maxBytes: number,
  operation: string,
): ResponseTooLargeError {
  reader.cancel().catch(() => {});
  const context = { operation, requestId: requestIdOf(response), status: response.status };
  return new ResponseTooLargeError(maxBytes, context);
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
