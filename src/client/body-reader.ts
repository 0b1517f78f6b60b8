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

/** What a body may still take: the bytes left under the cap and, for JSON, the nesting depth. */
class BodyBudget {
  #bytes = 0;
  readonly #depth: JsonDepth | undefined;

  constructor(
    readonly maxBytes: number,
    contentType: string | null,
  ) {
    this.#depth = JSON_TYPE.test(contentType ?? "") ? new JsonDepth() : undefined;
  }

  /** Counts one more chunk; the BodyLimitError it breaks, if it breaks one. */
  spend(chunk: Uint8Array): BodyLimitError | undefined {
    this.#bytes += chunk.byteLength;
    if (this.#bytes > this.maxBytes) return new BodyLimitError("bytes", this.maxBytes);
    if (this.#depth && !this.#depth.accepts(chunk)) return new BodyLimitError("depth", this.maxBytes);
    return undefined;
  }
}

/**
 * The text of `body`, a stream of the response's bytes, read under the limits: past `maxBytes` (or the
 * JSON depth) the read fails with a BodyLimitError; once `signal` aborts, with its reason.
 */
export async function readLimitedText(
  body: ReadableStream<Uint8Array>,
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<string> {
  signal.throwIfAborted();
  const budget = new BodyBudget(maxBytes, response.headers.get("content-type"));
  const reader = body.getReader();
  // Cancelling the reader ends a read the transport would leave hanging; the signal's reason is thrown.
  const stop = () => reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener("abort", stop, { once: true });
  const chunks: Uint8Array[] = [];
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      const broken = budget.spend(chunk.value);
      if (broken) {
        reader.cancel().catch(() => {});
        throw broken;
      }
      chunks.push(chunk.value);
    }
  } catch (error) {
    throw signal.aborted ? signal.reason : error;
  } finally {
    signal.removeEventListener("abort", stop);
  }
  signal.throwIfAborted();
  return utf8.decode(chunks.length === 1 ? chunks[0] : joined(chunks));
}

/** Decodes a whole body at once, so it keeps no state between bodies. */
const utf8 = new TextDecoder();

function joined(chunks: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}

/**
 * The response with its body read under the limits, for a reader that is not this client's own (a call
 * of `raw`, or openapi-fetch reading a failure): past `maxBytes` (or the JSON depth) the read fails with
 * a BodyLimitError; once `signal` aborts, with its reason.
 */
export function limitedResponse(response: Response, maxBytes: number, signal: AbortSignal): Response {
  const { body } = response;
  if (body === null || NULL_BODY_STATUSES.has(response.status)) return response;
  const budget = new BodyBudget(maxBytes, response.headers.get("content-type"));
  return new Response(limitedStream(body, budget, signal), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function limitedStream(
  body: ReadableStream<Uint8Array>,
  budget: BodyBudget,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
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
      const broken = budget.spend(chunk.value);
      if (broken) return fail(controller, broken);
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
