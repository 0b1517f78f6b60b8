// A response's body as the client lets it be read, by openapi-fetch or anyone: capped in decoded
// bytes (a hostile or broken server can send an endless body or a compression bomb), cut off when the
// attempt's time is up even if the transport ignores its signal, and, for JSON, refused past a nesting
// depth no API needs (a body nested millions deep would take seconds to parse and could not be checked).

import { JsonDepth, MAX_JSON_DEPTH } from "./json-depth.js";

export { MAX_JSON_DEPTH };

/** Why a body stopped being read: more bytes than the cap, or JSON nested deeper than MAX_JSON_DEPTH. */
export class BodyLimitError extends Error {
  override readonly name = "BodyLimitError";
  constructor(
    readonly limit: "bytes" | "depth",
    readonly maxBytes: number,
  ) {
    super(limit === "bytes" ? `the body passed ${maxBytes} bytes` : "the body is nested too deeply");
  }
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const JSON_TYPE = /\bjson\b/i;

/**
 * The response with its body read under the limits: past `maxBytes` (or the JSON depth) the read fails
 * with a BodyLimitError; once `signal` aborts, with its reason.
 */
export function limitedResponse(response: Response, maxBytes: number, signal: AbortSignal): Response {
  const { body } = response;
  if (body === null || NULL_BODY_STATUSES.has(response.status)) return response;
  const json = JSON_TYPE.test(response.headers.get("content-type") ?? "");
  const limited = limitedStream(body, maxBytes, json ? new JsonDepth() : undefined, signal);
  return new Response(limited, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function limitedStream(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  depth: JsonDepth | undefined,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let bytes = 0;
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: unknown) => {
    reader.cancel().catch(() => {});
    controller.error(error);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await untilAborted(reader.read(), signal);
      } catch (error) {
        return fail(controller, error);
      }
      if (chunk.done) return controller.close();
      bytes += chunk.value.byteLength;
      if (bytes > maxBytes) return fail(controller, new BodyLimitError("bytes", maxBytes));
      if (depth && !depth.accepts(chunk.value))
        return fail(controller, new BodyLimitError("depth", maxBytes));
      controller.enqueue(chunk.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts (whatever the promise does). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
