// One attempt of a call: the request built by openapi-fetch, signed or given its token, sent through
// the transport under the attempt's time limit, and the answer read as a capped stream and mapped onto
// the typed result or a typed error.
import type { OperationContract } from "../../generated/shared-types.js";
import type { BodyReading } from "./body-reader.js";
import type { CallOptions, TokenSource } from "./client-options.js";
import { Deadlines, type Expiring } from "./deadlines.js";
import { TimeoutError } from "./errors/timeout-error.js";
import { type Answer, exchange, exchangeFailure } from "./exchange.js";
import type { Settings } from "./settings.js";
import { type PreparedRequest, readResponse, requestIdOf } from "./wire.js";

/** The time limits of one attempt: its own, cut short by what is left of the call's deadline. */
export interface AttemptLimit {
  ms: number;
  /** What a TimeoutError reports: the attempt's limit or the call's deadline. */
  reportedMs: number;
  limit: "attempt" | "call";
}

export type Attempt = (
  contract: OperationContract,
  prepared: PreparedRequest,
  token: string | undefined,
  limit: AttemptLimit,
  callOptions: CallOptions,
) => Promise<unknown>;

/** openapi-fetch's function for an HTTP method (raw.PUT …), called with the contract's path. */
export type SendMethod = (
  method: string,
) => (path: string, init: Record<string, unknown>) => Promise<unknown>;

/** The client's attempts, each sent with `send`; one timer serves the time limits of them all. */
export function attemptSender(settings: Settings, send: SendMethod): Attempt {
  const { baseFetch, signer, maxResponseBytes, validateResponses } = settings;
  const deadlines = new Deadlines();
  const tokenHeaderOf = tokenHeaders(settings.token);
  return async (contract, prepared, token, limit, callOptions) => {
    const operation = contract.operationId;
    const abort = new AttemptAbort(callOptions.signal);
    const deadline = new AttemptDeadline(abort);
    deadlines.add(limit.ms, deadline);
    const transportInit = transportInitOf(abort);
    let answer: Answer;
    try {
      answer = await exchange(
        (fetch) =>
          send(contract.method)(contract.path, {
            // The token is the spec's AuthToken security scheme, not a parameter. openapi-fetch merges
            // params.header after headers, so it wins over a caller's header of the same name.
            params: { path: prepared.pathParams, header: tokenHeaderOf(token) },
            body: prepared.body,
            headers: callOptions.headers,
            fetch,
          }),
        // The signal goes to the transport, not into openapi-fetch's Request: a Request built with a
        // signal costs about twice as much in undici, and fetch builds its own Request anyway.
        // Signed here, on the Request openapi-fetch built, so that every attempt has its own date.
        async (request) => baseFetch(signer ? await signer.sign(request) : request, transportInit),
        maxResponseBytes,
        operation,
        deadline,
      );
    } catch (cause) {
      if (callOptions.signal?.aborted) throw callOptions.signal.reason;
      const timeout = abort.timedOut
        ? new TimeoutError(limit.reportedMs, { operation, cause }, limit.limit)
        : undefined;
      throw exchangeFailure(cause, operation, timeout);
    } finally {
      deadlines.delete(deadline);
    }
    const { response, text } = answer;
    // A cancelled read ends like a finished one: the time limit decides.
    if (abort.timedOut) throw new TimeoutError(limit.reportedMs, { operation }, limit.limit);
    const result = readResponse(operation, contract, response, text, validateResponses);
    callOptions.onResponse?.({
      status: response.status,
      headers: response.headers,
      requestId: requestIdOf(response),
    });
    return result;
  };
}

/** The `X-Auth-Token` header of each attempt: a static token's is made once, a provider's is not kept. */
function tokenHeaders(source: TokenSource | undefined) {
  let staticHeader: Readonly<Record<string, string>> | undefined;
  return (token: string | undefined) => {
    if (token === undefined) return undefined;
    if (typeof source !== "string") return { "X-Auth-Token": token };
    if (staticHeader?.["X-Auth-Token"] !== token) staticHeader = Object.freeze({ "X-Auth-Token": token });
    return staticHeader;
  };
}

/**
 * One attempt's cancellation: its time limit and the caller's signal. The controller and its signal
 * are made only when the transport asks for the signal or the time limit passes: Node's
 * AbortController costs about a tenth of a call (fetch always asks; a test double may not).
 */
class AttemptAbort {
  timedOut = false;
  #controller: AbortController | undefined;
  #signal: AbortSignal | undefined;
  readonly #callSignal: AbortSignal | undefined;

  constructor(callSignal: AbortSignal | undefined) {
    this.#callSignal = callSignal;
  }

  get signal(): AbortSignal {
    if (this.#signal) return this.#signal;
    this.#controller = new AbortController();
    if (this.timedOut) this.#controller.abort();
    const own = this.#controller.signal;
    this.#signal = this.#callSignal ? AbortSignal.any([this.#callSignal, own]) : own;
    return this.#signal;
  }

  expire(): void {
    this.timedOut = true;
    this.#controller?.abort();
  }
}

/** An attempt's time limit: when it passes, the attempt is aborted and its body read cancelled. */
class AttemptDeadline implements Expiring, BodyReading {
  reader?: ReadableStreamDefaultReader<Uint8Array>;
  readonly #abort: AttemptAbort;

  constructor(abort: AttemptAbort) {
    this.#abort = abort;
  }

  expire(): void {
    this.#abort.expire();
    // Cancelled even if the transport ignores the signal.
    this.reader?.cancel().catch(ignore);
  }
}

function ignore(): void {}

/**
 * The transport's init. Made here, not in attempt(): a getter keeps the whole context it was made in
 * alive for as long as anything holds the init, so here it reaches the abort state only. Made in
 * attempt(), it kept the attempt's request, response and body reader past young-generation GCs.
 */
function transportInitOf(abort: AttemptAbort): RequestInit {
  return {
    // No redirect is followed: it would carry the credentials (and a re-sent body) elsewhere.
    redirect: "manual",
    get signal() {
      return abort.signal;
    },
  };
}
