// One call of an operation: its input checked once, then attempts until one succeeds, the error is not
// worth another, the attempts run out or the call's deadline passes; a refused token is renewed once.
import type { OperationContract } from "../../generated/shared-types.js";
import type { Attempt, AttemptLimit } from "./attempt.js";
import type { CallOptions, TokenSource } from "./client-options.js";
import { isClientError } from "./errors/base.js";
import { isImageSearchError } from "./errors/image-search-error.js";
import type { ImageSearchClientError } from "./errors/index.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { TimeoutError } from "./errors/timeout-error.js";
import { TokenProviderError } from "./errors/token-provider-error.js";
import { isUnexpectedResponseError } from "./errors/unexpected-response-error.js";
import { describe } from "./failure-detail.js";
import { type AttemptRecord, attemptFields, type LogFields, type Logger } from "./logger.js";
import type { OperationCall, OperationId, OperationInput, OperationResult } from "./operations.js";
import { checkHeaders, checkMilliseconds } from "./options.js";
import { retryDelay, sleep } from "./retry.js";
import type { Settings } from "./settings.js";
import { isVisibleAscii } from "./visible-ascii.js";
import { isNonEmptyString, prepareRequest } from "./wire.js";

const IDEMPOTENT_METHODS = new Set(["get", "head", "put", "delete", "options"]);
const TOKEN_ERROR_CODES = new Set(["IS.0004", "IS.0013"]);

/** The client's calls, each made of attempts by `attempt`. */
export function operationCaller(settings: Settings, attempt: Attempt): OperationCall {
  const { signer, token: tokenSource, logger, retry } = settings;
  return async function call<Id extends OperationId>(
    contract: OperationContract<Id>,
    input: OperationInput<Id>,
    callOptions: CallOptions = {},
  ): Promise<OperationResult<Id>> {
    const operation = contract.operationId;
    const { timeoutMs, deadlineMs } = callLimits(settings, callOptions, operation);
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
        : typeof tokenSource === "string"
          ? checkToken(tokenSource, operation)
          : await resolveToken(tokenSource, operation, refresh);
      const startedAt = performance.now();
      const limit = attemptLimit(endAt - startedAt, timeoutMs, deadlineMs, operation);
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
        if (!refreshed && typeof tokenSource === "function" && isTokenRefusal(error)) {
          logger?.info({ ...fields, reason: "token refused" }, "image-search asks for a fresh token");
          refresh = refreshed = true;
          attemptNumber--;
          continue;
        }
        refresh = false;
        const delayMs = retryDelay(error, attemptNumber, retry);
        const giveUp = giveUpReason(delayMs, attemptNumber, attempts, endAt);
        if (giveUp !== undefined || delayMs === undefined) throw failed(logger, fields, giveUp, error);
        logger?.warn({ ...fields, delayMs, reason: `${fields.error} is retried` }, "image-search retries");
        retry.onRetry?.({ operation, attempt: attemptNumber, delayMs, error });
        await sleep(delayMs, callOptions.signal);
      }
    }
  };
}

/** Each attempt's limit and the whole call's, the call's own options checked. */
function callLimits(settings: Settings, callOptions: CallOptions, operation: string) {
  const context = { operation };
  const timeoutMs =
    callOptions.timeoutMs === undefined
      ? settings.timeoutMs
      : checkMilliseconds(callOptions.timeoutMs, "timeoutMs", 1, context);
  const deadlineMs =
    callOptions.deadlineMs === undefined
      ? settings.deadlineMs
      : checkMilliseconds(callOptions.deadlineMs, "deadlineMs", 1, context);
  if (callOptions.headers) checkHeaders(callOptions.headers, "headers", context);
  return { timeoutMs, deadlineMs };
}

/** The next attempt's limit: its own, or what is left of the call's deadline when that is shorter. */
function attemptLimit(left: number, timeoutMs: number, deadlineMs: number, operation: string): AttemptLimit {
  if (left <= 0) throw new TimeoutError(deadlineMs, { operation }, "call");
  return left < timeoutMs
    ? { ms: left, reportedMs: deadlineMs, limit: "call" }
    : { ms: timeoutMs, reportedMs: timeoutMs, limit: "attempt" };
}

/** The error a call ends with, logged with why it is not retried. */
function failed(
  logger: Logger | undefined,
  fields: LogFields,
  giveUp: string | undefined,
  error: ImageSearchClientError,
): ImageSearchClientError {
  logger?.error({ ...fields, reason: giveUp ?? "not retried" }, "image-search call failed");
  return error;
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
