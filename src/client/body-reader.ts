// A response's body as the client lets it be read, by openapi-fetch or anyone: capped in decoded
// bytes (a hostile or broken server can send an endless body or a compression bomb), cut off when the
// attempt's time is up even if the transport ignores its signal, and, for JSON, refused past a nesting
// depth no API needs (a body nested millions deep would take seconds to parse and could not be checked).

/** The deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 1000;

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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** The nesting depth of a JSON text read in chunks; UTF-8 never puts these ASCII bytes inside a character. */
class JsonDepth {
  #depth = 0;
  #inString = false;
  #escaped = false;

  /** Reads one more chunk; false once the nesting has gone deeper than MAX_JSON_DEPTH. */
  accepts(chunk: Uint8Array): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (byte === BACKSLASH) this.#escaped = true;
        else if (byte === QUOTE) this.#inString = false;
      } else if (byte === QUOTE) {
        this.#inString = true;
      } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
        if (++this.#depth > MAX_JSON_DEPTH) return false;
      } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
        this.#depth--;
      }
    }
    return true;
  }
}
