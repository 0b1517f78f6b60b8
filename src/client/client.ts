import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/image-search.js";
import { operations } from "../../generated/image-search.validators.js";
import type { OperationContract } from "../../generated/shared-types.js";
import { type AkSkSigner, createAkSkSigner } from "./auth/signer.js";
import {
  type BodyReading,
  DEFAULT_MAX_RESPONSE_BYTES,
  HANDLED_RESPONSE,
  readBodyText,
  redirectOf,
} from "./body-reader.js";
import type { CallOptions, ImageSearchClientOptions, TokenSource } from "./client-options.js";
import { Deadlines, type Expiring } from "./deadlines.js";
import { isClientError } from "./errors/base.js";
import { isImageSearchError } from "./errors/image-search-error.js";
import type { ImageSearchClientError } from "./errors/index.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { NetworkError } from "./errors/network-error.js";
import { TimeoutError } from "./errors/timeout-error.js";
import { TokenProviderError } from "./errors/token-provider-error.js";
import { isUnexpectedResponseError } from "./errors/unexpected-response-error.js";
import { describe } from "./failure-detail.js";
import { type AttemptRecord, attemptFields, isLogger } from "./logger.js";
import {
  type OperationId,
  type OperationInput,
  type OperationMethods,
  type OperationResult,
  operationMethods,
} from "./operations.js";
import {
  checkCount,
  checkEndpoint,
  checkHeaders,
  checkMilliseconds,
  checkOptionsObject,
  fetchOption,
} from "./options.js";
import { retryDelay, retryPolicy, sleep } from "./retry.js";
import { VERSION } from "./version.js";
import { isVisibleAscii } from "./visible-ascii.js";
import { checkPathSegment, isNonEmptyString, prepareRequest, readResponse, requestIdOf } from "./wire.js";

/** A client of some operations: one method for each (see {@link OperationMethods}), and `raw`. */
export type ImageSearchClientFor<Id extends OperationId> = OperationMethods<Id> & {
  /**
   * The underlying openapi-fetch client, for callers who want `{ data, error, response }`. Its calls
   * follow no redirect either, but get no body cap, checks or retries. The methods read each
   * response themselves: a middleware added to it sees a body-less 204 stand-in for their calls.
   */
  readonly raw: Client<paths>;
};

/** The client: one method per operation of the spec, and `raw`. */
export type ImageSearchClient = ImageSearchClientFor<OperationId>;

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default time limit of a whole call, attempts and waits included: two full attempts' worth. */
export const DEFAULT_DEADLINE_MS = 60_000;
const IDEMPOTENT_METHODS = new Set(["get", "head", "put", "delete", "options"]);
const TOKEN_ERROR_CODES = new Set(["IS.0004", "IS.0013"]);

type UntypedMethod = (path: string, init: Record<string, unknown>) => Promise<unknown>;

/** The time limits of one attempt: its own, cut short by what is left of the call's deadline. */
interface AttemptLimit {
  ms: number;
  /** What a TimeoutError reports: the attempt's limit or the call's deadline. */
  reportedMs: number;
  limit: "attempt" | "call";
}

/** A client with a method for every operation of the spec. */
export function createImageSearchClient(options: ImageSearchClientOptions): ImageSearchClient {
  return createImageSearchClientFor(Object.values(operations), options);
}

/**
 * A client with a method for each of the given operations only, their contracts imported from
 * `huaweicloud-image-search/operations`: an app bundles those operations' validators and no others.
 */
export function createImageSearchClientFor<Id extends OperationId>(
  contracts: readonly OperationContract<Id>[],
  options: ImageSearchClientOptions,
): ImageSearchClientFor<Id> {
  const settings = clientSettingsOf(options);
  if (!Array.isArray(contracts) || !contracts.every(isContract)) {
    throw new InvalidInputError("operations", "must be a list of operation contracts", {
      operation: "createImageSearchClientFor",
    });
  }
  const { baseFetch, signer, retry, logger } = settings;
  const raw = createClient<paths>({
    baseUrl: settings.baseUrl,
    headers: { ...userAgent(), ...options.headers },
    fetch: baseFetch,
    // For callers of `raw` too: a redirect comes back as the 3xx it is, and is not followed.
    redirect: "manual",
  });
  // The contract table is generated from the same spec as `paths`, so the untyped call is safe.
  // openapi-fetch's per-method functions (raw.PUT …); its generic request() copies the options once more.
  const send = (method: string) => raw[method.toUpperCase() as "GET"] as unknown as UntypedMethod;
  const deadlines = new Deadlines();
  // A static token's header is made once, not per attempt; a provider's token is not kept.
  let staticTokenHeader: Readonly<Record<string, string>> | undefined;
  const tokenHeaderOf = (token: string | undefined) => {
    if (token === undefined) return undefined;
    if (typeof options.token !== "string") return { "X-Auth-Token": token };
    if (staticTokenHeader?.["X-Auth-Token"] !== token)
      staticTokenHeader = Object.freeze({ "X-Auth-Token": token });
    return staticTokenHeader;
  };

  async function attempt(
    contract: OperationContract,
    prepared: ReturnType<typeof prepareRequest>,
    token: string | undefined,
    limit: AttemptLimit,
    callOptions: CallOptions,
  ): Promise<unknown> {
    const operation = contract.operationId;
    const abort = new AttemptAbort(callOptions.signal);
    const deadline = new AttemptDeadline(abort);
    deadlines.add(limit.ms, deadline);
    const transportInit = transportInitOf(abort);
    // The transport keeps the real response and hands openapi-fetch a body-less stand-in, so the body
    // is read here, as a capped stream, and never buffered whole by openapi-fetch.
    let response: Response | undefined;
    let sent: Request | undefined;
    let text: string;
    try {
      await send(contract.method)(contract.path, {
        // The token is the spec's AuthToken security scheme, not a parameter. openapi-fetch merges
        // params.header after headers, so it wins over a caller's header of the same name.
        params: { path: prepared.pathParams, header: tokenHeaderOf(token) },
        body: prepared.body,
        headers: callOptions.headers,
        // The signal goes to the transport, not into openapi-fetch's Request: a Request built with a
        // signal costs about twice as much in undici, and fetch builds its own Request anyway.
        // Signed here, on the Request openapi-fetch built, so that every attempt has its own date.
        fetch: async (request: Request) => {
          sent = signer ? await signer.sign(request) : request;
          response = await baseFetch(sent, transportInit);
          return HANDLED_RESPONSE;
        },
      });
      if (response === undefined || sent === undefined) throw new TypeError("the transport gave no response");
      const redirect = redirectOf(response, sent, operation);
      if (redirect) throw redirect;
      text = await readBodyText(response, settings.maxResponseBytes, operation, deadline);
    } catch (cause) {
      if (callOptions.signal?.aborted) throw callOptions.signal.reason;
      if (isClientError(cause)) throw cause;
      if (abort.timedOut) throw new TimeoutError(limit.reportedMs, { operation, cause }, limit.limit);
      throw new NetworkError(describe(cause), { operation, cause });
    } finally {
      deadlines.delete(deadline);
    }
    // A cancelled read ends like a finished one: the time limit decides.
    if (abort.timedOut) throw new TimeoutError(limit.reportedMs, { operation }, limit.limit);
    const result = readResponse(operation, contract, response, text, settings.validateResponses);
    callOptions.onResponse?.({
      status: response.status,
      headers: response.headers,
      requestId: requestIdOf(response),
    });
    return result;
  }

  async function call<Id extends OperationId>(
    contract: OperationContract<Id>,
    input: OperationInput<Id>,
    callOptions: CallOptions = {},
  ): Promise<OperationResult<Id>> {
    const operation = contract.operationId;
    const context = { operation };
    const timeoutMs =
      callOptions.timeoutMs === undefined
        ? settings.timeoutMs
        : checkMilliseconds(callOptions.timeoutMs, "timeoutMs", 1, context);
    const deadlineMs =
      callOptions.deadlineMs !== undefined
        ? checkMilliseconds(callOptions.deadlineMs, "deadlineMs", 1, context)
        : settings.deadlineMs;
    if (callOptions.headers) checkHeaders(callOptions.headers, "headers", context);
    const prepared = prepareRequest(
      operation,
      contract,
      input as Record<string, unknown>,
      settings.projectId,
    );
    const attempts = IDEMPOTENT_METHODS.has(contract.method) ? retry.attempts : 1;
    const endAt = performance.now() + deadlineMs;
    let refresh = false;
    let refreshed = false;
    for (let attemptNumber = 1; ; attemptNumber++) {
      callOptions.signal?.throwIfAborted();
      // A static token needs no await: one microtask less per call.
      const token = signer
        ? undefined
        : typeof options.token === "string"
          ? checkToken(options.token, operation)
          : await resolveToken(options.token, operation, refresh);
      const startedAt = performance.now();
      const left = endAt - startedAt;
      if (left <= 0) throw new TimeoutError(deadlineMs, context, "call");
      const limit: AttemptLimit =
        left < timeoutMs
          ? { ms: left, reportedMs: deadlineMs, limit: "call" }
          : { ms: timeoutMs, reportedMs: timeoutMs, limit: "attempt" };
      try {
        const result = await attempt(contract, prepared, token, limit, callOptions);
        // The attempt's record is made only for a logger: a call without one pays nothing for it.
        logger?.debug(
          attemptFields(recordOf(operation, contract, attemptNumber, startedAt), undefined, 200),
          "image-search attempt succeeded",
        );
        return result as OperationResult<Id>;
      } catch (error) {
        if (callOptions.signal?.aborted || !isCallError(error)) throw error;
        const fields = attemptFields(recordOf(operation, contract, attemptNumber, startedAt), error);
        logger?.debug(fields, "image-search attempt failed");
        // A refused token gets one more attempt with a fresh one, outside the retry budget.
        if (!refreshed && typeof options.token === "function" && isTokenRefusal(error)) {
          logger?.info({ ...fields, reason: "token refused" }, "image-search asks for a fresh token");
          refresh = refreshed = true;
          attemptNumber--;
          continue;
        }
        refresh = false;
        const delayMs = retryDelay(error, attemptNumber, retry);
        const giveUp = giveUpReason(delayMs, attemptNumber, attempts, endAt);
        if (giveUp !== undefined || delayMs === undefined) {
          logger?.error({ ...fields, reason: giveUp ?? "not retried" }, "image-search call failed");
          throw error;
        }
        logger?.warn({ ...fields, delayMs, reason: `${fields.error} is retried` }, "image-search retries");
        retry.onRetry?.({ operation, attempt: attemptNumber, delayMs, error });
        await sleep(delayMs, callOptions.signal);
      }
    }
  }

  return Object.assign(operationMethods(contracts, call), { raw });
}

function isContract(value: unknown): boolean {
  return typeof (value as OperationContract | undefined)?.operationId === "string";
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

/** The client's own errors; anything else (a caller's abort reason) passes through untouched. */
const isCallError = isClientError as (value: unknown) => value is ImageSearchClientError;

function recordOf(
  operation: string,
  contract: { method: string; path: string },
  attempt: number,
  startedAt: number,
): AttemptRecord {
  return { operation, method: contract.method, path: contract.path, attempt, startedAt };
}

/** Why a failed call is not retried, or `undefined` when it is. */
function giveUpReason(
  delayMs: number | undefined,
  attemptNumber: number,
  attempts: number,
  endAt: number,
): string | undefined {
  if (delayMs === undefined) return "not retried";
  if (attemptNumber >= attempts) return "no attempts left";
  if (performance.now() + delayMs >= endAt) return "the wait would pass the call's deadline";
  return undefined;
}

/** Every client option checked once, at creation: one that could never work is refused here. */
function clientSettingsOf(options: ImageSearchClientOptions) {
  const context = { operation: "createImageSearchClient" };
  checkOptionsObject(options, context);
  const baseUrl = checkEndpoint(options.endpoint, "endpoint", options.allowInsecureHttp === true, context);
  checkPathSegment(options.projectId, "projectId", context.operation);
  const timeoutMs = checkMilliseconds(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs", 1, context);
  const deadlineMs = checkMilliseconds(options.deadlineMs ?? DEFAULT_DEADLINE_MS, "deadlineMs", 1, context);
  checkHeaders(options.headers, "headers", context);
  const maxResponseBytes = checkCount(
    options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    "maxResponseBytes",
    1,
    Number.MAX_SAFE_INTEGER,
    context,
  );
  if (options.logger !== undefined && !isLogger(options.logger)) {
    throw new InvalidInputError("logger", "must have debug, info, warn and error methods", context);
  }
  const baseFetch = fetchOption(options.fetch, context);
  return {
    baseUrl,
    projectId: options.projectId,
    timeoutMs,
    deadlineMs,
    maxResponseBytes,
    retry: retryPolicy(options.retry, context),
    validateResponses: options.validateResponses !== false,
    signer: authenticationOf(options, context),
    logger: options.logger,
    baseFetch,
  };
}

/** The signer for AK/SK credentials, or `undefined` for a token; exactly one of the two is allowed. */
function authenticationOf(
  options: ImageSearchClientOptions,
  context: { operation: string },
): AkSkSigner | undefined {
  const hasToken = options.token !== undefined;
  const hasCredentials = options.credentials !== undefined;
  if (hasToken && hasCredentials) {
    throw new InvalidInputError(
      "credentials",
      "cannot be given together with token: pass exactly one",
      context,
    );
  }
  if (!hasToken && !hasCredentials) {
    throw new InvalidInputError("token", "or credentials is required: pass exactly one", context);
  }
  return hasCredentials ? createAkSkSigner(options.credentials) : undefined;
}

async function resolveToken(
  source: TokenSource | undefined,
  operation: string,
  refresh: boolean,
): Promise<string> {
  let token: unknown;
  try {
    token = typeof source === "function" ? await source({ refresh }) : source;
  } catch (cause) {
    // Keep only the failure's type in the message: a provider's error may quote its secrets.
    throw new TokenProviderError(`failed (${describe(cause)})`, { operation, cause });
  }
  if (!isVisibleAscii(token)) {
    throw new TokenProviderError("returned no token: a non-empty string of visible ASCII characters", {
      operation,
    });
  }
  return token;
}

function checkToken(token: unknown, operation: string): string {
  if (!isNonEmptyString(token)) {
    throw new InvalidInputError("token", "must be a non-empty string", { operation });
  }
  // A header value is trimmed and must be bytes; catch it here rather than as a transport failure.
  if (!isVisibleAscii(token)) {
    throw new InvalidInputError("token", "must be visible ASCII characters only", { operation });
  }
  return token;
}

function isTokenRefusal(error: ImageSearchClientError): boolean {
  return (
    (isImageSearchError(error) && TOKEN_ERROR_CODES.has(error.code)) ||
    (isUnexpectedResponseError(error) && error.status === 401)
  );
}

/** Browsers refuse a User-Agent header, so it is set in Node only. */
function userAgent(): Record<string, string> {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return node ? { "User-Agent": `huaweicloud-image-search/${VERSION} node/${node}` } : {};
}
