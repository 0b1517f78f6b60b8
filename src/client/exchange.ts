// One request and its answer, made the same way for the service and for IAM: openapi-fetch builds the
// request, the transport sends it and hands openapi-fetch a body-less stand-in, and the real answer is
// read here, a redirect refused (it would carry the credentials elsewhere) and the body read as capped
// text, never buffered whole by openapi-fetch.
import { type BodyReading, readBodyText, redirectOf } from "./body-reader.js";
import { isClientError } from "./errors/base.js";
import { NetworkError } from "./errors/network-error.js";
import type { TimeoutError } from "./errors/timeout-error.js";
import { describe } from "./failure-detail.js";

/** openapi-fetch's call of the request, made with `fetch` as its transport. */
export type BuildRequest = (fetch: (request: Request) => Promise<Response>) => Promise<unknown>;

/** Sends the request openapi-fetch built, as it goes on the wire. */
export type Deliver = (request: Request) => Promise<Response>;

export interface Answer {
  response: Response;
  text: string;
}

/**
 * A body-less stand-in handed back to openapi-fetch once the transport has the real response:
 * openapi-fetch returns at once for a 204, so it never reads (or buffers) the real body.
 */
const HANDLED_RESPONSE = new Response(null, { status: 204 });

/** The answer to the request `build` makes, sent by `deliver`; a redirect or too large a body throws. */
export async function exchange(
  build: BuildRequest,
  deliver: Deliver,
  maxBytes: number,
  operation: string,
  reading?: BodyReading,
): Promise<Answer> {
  let request: Request | undefined;
  let response: Response | undefined;
  await build(async (built) => {
    request = built;
    response = await deliver(built);
    return HANDLED_RESPONSE;
  });
  if (response === undefined || request === undefined) throw new TypeError("the transport gave no response");
  const redirect = redirectOf(response, request, operation);
  if (redirect) throw redirect;
  return { response, text: await readBodyText(response, maxBytes, operation, reading) };
}

/** What a failed exchange amounts to: the client's own error as it is, else `timeout`, else the network. */
export function exchangeFailure(
  cause: unknown,
  operation: string,
  timeout: TimeoutError | undefined,
): unknown {
  if (isClientError(cause)) return cause;
  return timeout ?? new NetworkError(describe(cause), { operation, cause });
}
